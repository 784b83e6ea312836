"""Data plane without expressions: PutItem, GetItem, DeleteItem.

Expected texts and their sources: DYNAMODB_MESSAGES.md sections 5-7. Messages that DynamoDB words
differently by region (the envelope prefix, how a set is rendered) are matched on their invariant
clause, as the live conformance suite does.
"""

import re

import pytest

from ddbd_testlib import (
    assert_enum_error,
    create_table,
    ddb_error,
    unique_name,
)

ONE = "One or more parameter values were invalid: "
NO_SCHEMA_MATCH = "The provided key element does not match the schema"
NOT_FOUND = "Requested resource not found"
EMPTY_STRING_KEY = ("One or more parameter values are not valid. The AttributeValue for a key attribute "
                    "cannot contain an empty string value. Key: {}")
EMPTY_BINARY_KEY = ("One or more parameter values are not valid. The AttributeValue for a key attribute "
                    "cannot contain an empty binary value. Key: {}")
HASH_KEY_TOO_BIG = ONE + "Size of hashkey has exceeded the maximum size limit of2048 bytes"
RANGE_KEY_TOO_BIG = ONE + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
ITEM_TOO_BIG = "Item size has exceeded the maximum allowed size"
NOT_NUMERIC = "The parameter cannot be converted to a numeric value"
RETURN_VALUES_ENUM = ["ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"]


def normalised(item):
    """Sets come back in no particular order; compare them as sorted lists."""
    out = {}
    for name, value in item.items():
        (kind, inner), = value.items()
        if kind in ("SS", "NS", "BS"):
            out[name] = {kind: sorted(inner)}
        elif kind == "M":
            out[name] = {"M": normalised(inner)}
        elif kind == "L":
            out[name] = {"L": [normalised({"x": v})["x"] for v in inner]}
        else:
            out[name] = value
    return out


def get(ddb, table, key, **kwargs):
    return ddb.get_item(TableName=table, Key=key, ConsistentRead=True, **kwargs).get("Item")


@pytest.fixture(scope="module")
def number_table(ddb):
    return create_table(ddb, unique_name("numkey"), hash_key=("id", "N"))


@pytest.fixture(scope="module")
def binary_table(ddb):
    return create_table(ddb, unique_name("binkey"), hash_key=("pk", "B"), range_key=("sk", "B"))


# ---------------------------------------------------------------------------------------------
# Round trips


def test_all_ten_types_round_trip(ddb, table):
    item = {
        "pk": {"S": "types"},
        "s": {"S": "héllo ✓ \u0000 tab\t"},
        "n": {"N": "-12.5"},
        "b": {"B": b"\x00\x01\xfe\xff"},
        "ss": {"SS": ["a", "b", "ü"]},
        "ns": {"NS": ["1", "2.5", "-3"]},
        "bs": {"BS": [b"\x01", b"\x02\x03"]},
        "m": {"M": {"inner": {"S": "x"}, "deep": {"M": {"l": {"L": [{"N": "1"}, {"NULL": True}]}}}}},
        "l": {"L": [{"S": "a"}, {"N": "2"}, {"BOOL": False}, {"L": []}, {"M": {}}, {"SS": ["z"]}]},
        "null": {"NULL": True},
        "bool": {"BOOL": True},
    }
    assert "Attributes" not in ddb.put_item(TableName=table, Item=item)
    assert normalised(get(ddb, table, {"pk": {"S": "types"}})) == normalised(item)
    eventually = ddb.get_item(TableName=table, Key={"pk": {"S": "types"}})["Item"]
    assert normalised(eventually) == normalised(item)


def test_get_missing_item_has_no_item_member(ddb, table):
    response = ddb.get_item(TableName=table, Key={"pk": {"S": "absent"}}, ConsistentRead=True)
    assert "Item" not in response


def test_put_replaces_whole_item_and_delete_removes_it(ddb, range_table):
    key = {"pk": {"S": "p"}, "sk": {"S": "s"}}
    ddb.put_item(TableName=range_table, Item={**key, "a": {"S": "1"}, "b": {"S": "2"}})
    ddb.put_item(TableName=range_table, Item={**key, "c": {"N": "3"}})
    assert get(ddb, range_table, key) == {**key, "c": {"N": "3"}}
    other = {"pk": {"S": "p"}, "sk": {"S": "t"}}
    ddb.put_item(TableName=range_table, Item=other)
    assert "Attributes" not in ddb.delete_item(TableName=range_table, Key=key)
    assert get(ddb, range_table, key) is None
    assert get(ddb, range_table, other) == other
    # Deleting an item that is not there succeeds.
    assert "Attributes" not in ddb.delete_item(TableName=range_table, Key=key)


def test_empty_strings_and_binaries_allowed_outside_keys(ddb, table):
    item = {
        "pk": {"S": "empties"},
        "s": {"S": ""},
        "b": {"B": b""},
        "ss": {"SS": ["", "x"]},
        "bs": {"BS": [b"", b"y"]},
        "l": {"L": [{"S": ""}, {"B": b""}]},
        "m": {"M": {"e": {"S": ""}, "f": {"B": b""}}},
    }
    ddb.put_item(TableName=table, Item=item)
    assert normalised(get(ddb, table, {"pk": {"S": "empties"}})) == normalised(item)


def test_numbers_are_normalised(ddb, table):
    sent = {
        "a": "1e3", "b": "1000.00", "c": "0.0", "d": "0.000100", "e": "1.50", "f": "-007.250",
        "g": "1E-130", "h": "9.9999999999999999999999999999999999999E+125",
        "i": "12345678901234567890123456789012345678", "j": "1" + "0" * 45,
    }
    expected = {
        "a": "1000", "b": "1000", "c": "0", "d": "0.0001", "e": "1.5", "f": "-7.25",
        "g": "0." + "0" * 129 + "1", "h": "9" * 38 + "0" * 88,
        "i": "12345678901234567890123456789012345678", "j": "1" + "0" * 45,
    }
    item = {"pk": {"S": "nums"}, **{k: {"N": v} for k, v in sent.items()}}
    ddb.put_item(TableName=table, Item=item)
    got = get(ddb, table, {"pk": {"S": "nums"}})
    assert {k: v["N"] for k, v in got.items() if k != "pk"} == expected
    ddb.put_item(TableName=table, Item={"pk": {"S": "numset"}, "ns": {"NS": ["1.0", "2e0", "-0.5"]}})
    assert sorted(get(ddb, table, {"pk": {"S": "numset"}})["ns"]["NS"]) == ["-0.5", "1", "2"]


def test_equal_numbers_are_the_same_key(ddb, number_table):
    ddb.put_item(TableName=number_table, Item={"id": {"N": "1e3"}, "v": {"S": "first"}})
    assert get(ddb, number_table, {"id": {"N": "1000"}}) == {"id": {"N": "1000"}, "v": {"S": "first"}}
    assert get(ddb, number_table, {"id": {"N": "1000.000"}})["v"] == {"S": "first"}
    old = ddb.put_item(TableName=number_table, Item={"id": {"N": "10E2"}, "v": {"S": "second"}},
                       ReturnValues="ALL_OLD")
    assert old["Attributes"] == {"id": {"N": "1000"}, "v": {"S": "first"}}
    deleted = ddb.delete_item(TableName=number_table, Key={"id": {"N": "1.000e3"}}, ReturnValues="ALL_OLD")
    assert deleted["Attributes"] == {"id": {"N": "1000"}, "v": {"S": "second"}}
    assert get(ddb, number_table, {"id": {"N": "1000"}}) is None


def test_return_values_all_old(ddb, table):
    key = {"pk": {"S": "rv"}}
    first = {**key, "v": {"N": "1"}}
    second = {**key, "v": {"N": "2"}, "w": {"SS": ["a"]}}
    assert "Attributes" not in ddb.put_item(TableName=table, Item=first, ReturnValues="ALL_OLD")
    assert ddb.put_item(TableName=table, Item=second, ReturnValues="ALL_OLD")["Attributes"] == first
    assert "Attributes" not in ddb.put_item(TableName=table, Item=second, ReturnValues="NONE")
    assert ddb.delete_item(TableName=table, Key=key, ReturnValues="ALL_OLD")["Attributes"] == second
    assert "Attributes" not in ddb.delete_item(TableName=table, Key=key, ReturnValues="ALL_OLD")


def test_resource_api_round_trip(ddb_resource, table):
    from decimal import Decimal

    from boto3.dynamodb.types import Binary

    handle = ddb_resource.Table(table)
    item = {"pk": "res", "n": Decimal("3.14"), "b": Binary(b"\x00z"), "ss": {"x", "y"}, "ns": {Decimal(1), Decimal(2)},
            "m": {"k": [True, None, "s"]}}
    handle.put_item(Item=item)
    assert handle.get_item(Key={"pk": "res"}, ConsistentRead=True)["Item"] == item


# ---------------------------------------------------------------------------------------------
# Validation of attribute values (before the table lookup)


BAD_VALUES = [
    pytest.param({}, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
                 id="empty-attribute-value"),
    pytest.param({"S": "a", "N": "1"},
                 "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
                 "supported datatypes", id="two-datatypes"),
    pytest.param({"NULL": False}, ONE + "Null attribute value types must have the value of true", id="null-false"),
    pytest.param({"SS": []}, ONE + "An string set  may not be empty", id="empty-ss"),
    pytest.param({"NS": []}, ONE + "An number set  may not be empty", id="empty-ns"),
    pytest.param({"BS": []}, ONE + "Binary sets should not be empty", id="empty-bs"),
    pytest.param({"SS": ["a", "a"]}, ONE + "Input collection", id="duplicate-ss"),
    pytest.param({"BS": [b"b", b"b"]}, "of type BS contains duplicates", id="duplicate-bs"),
    pytest.param({"NS": ["1", "1"]}, "contains duplicates", id="duplicate-ns"),
    pytest.param({"N": "abc"}, NOT_NUMERIC, id="not-a-number"),
    pytest.param({"N": ""}, NOT_NUMERIC, id="empty-number"),
    pytest.param({"NS": ["1", "x"]}, NOT_NUMERIC, id="not-a-number-in-set"),
    pytest.param({"L": [{"N": "1.2.3"}]}, NOT_NUMERIC, id="not-a-number-in-list"),
    pytest.param({"N": "1234567890123456789012345678901234567891"},
                 "Attempting to store more than 38 significant digits in a Number", id="39-digits"),
    pytest.param({"N": "1e126"},
                 "Number overflow. Attempting to store a number with magnitude larger than supported range",
                 id="overflow"),
    pytest.param({"N": "-1e126"},
                 "Number overflow. Attempting to store a number with magnitude larger than supported range",
                 id="negative-overflow"),
    pytest.param({"N": "1e-131"},
                 "Number underflow. Attempting to store a number with magnitude smaller than supported range",
                 id="underflow"),
    pytest.param({"M": {"inner": {"SS": []}}}, ONE + "An string set  may not be empty", id="nested-empty-set"),
]


@pytest.mark.parametrize("value, fragment", BAD_VALUES)
def test_put_rejects_bad_attribute_value(ddb, table, value, fragment):
    with ddb_error("ValidationException", contains=fragment) as error:
        ddb.put_item(TableName=table, Item={"pk": {"S": "bad"}, "attr": value})
    if fragment.startswith(ONE + "Input collection"):
        assert "contains duplicates" in error.message
    assert get(ddb, table, {"pk": {"S": "bad"}}) is None


@pytest.mark.parametrize("operation, args, fragment", [
    pytest.param("put_item", {"Item": {"pk": {"S": "a"}, "x": {"NULL": False}}},
                 ONE + "Null attribute value types must have the value of true", id="put-null-false"),
    pytest.param("put_item", {"Item": {"pk": {"S": "a"}, "x": {"SS": []}}},
                 ONE + "An string set  may not be empty", id="put-empty-set"),
    pytest.param("put_item", {"Item": {"pk": {"S": "a"}, "d": {"S": "x" * 409600}}}, ITEM_TOO_BIG,
                 id="put-item-too-big"),
    pytest.param("put_item", {"Item": {"pk": {"S": "a"}}, "ReturnValues": "ALL_NEW"},
                 "ReturnValues can only be ALL_OLD or NONE", id="put-return-values"),
    pytest.param("get_item", {"Key": {"pk": {"N": "zz"}}}, NOT_NUMERIC, id="get-bad-number"),
    pytest.param("delete_item", {"Key": {"pk": {"S": "a", "N": "1"}}},
                 "Supplied AttributeValue has more than one datatypes set", id="delete-two-types"),
])
def test_attribute_values_are_checked_before_the_table_lookup(ddb, operation, args, fragment):
    """DL putItem/getItem: value checks run in validations/*.js, before the action looks the table
    up, so a table that does not exist still gets the ValidationException."""
    with ddb_error("ValidationException", contains=fragment):
        getattr(ddb, operation)(TableName=unique_name("missing"), **args)


def test_bad_key_values_rejected_by_get_and_delete(ddb, table):
    for operation in (ddb.get_item, ddb.delete_item):
        with ddb_error("ValidationException", contains=NOT_NUMERIC):
            operation(TableName=table, Key={"pk": {"N": "one"}})
        with ddb_error("ValidationException",
                       contains="Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"):
            operation(TableName=table, Key={"pk": {}})


def deep_map(wraps):
    value = {"S": "leaf"}
    for _ in range(wraps):
        value = {"M": {"n": value}}
    return value


def test_nesting_depth_limit(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": {"S": "deep31"}, "d": deep_map(31)})
    got = get(ddb, table, {"pk": {"S": "deep31"}})["d"]
    depth = 0
    while "M" in got:
        got, depth = got["M"]["n"], depth + 1
    assert depth == 31
    # Far past the limit too (100 levels: 200 JSON levels) the answer is DynamoDB's validation
    # error, not a JSON one: its reader takes documents much deeper than items may be.
    for wraps in (32, 100):
        with ddb_error("ValidationException") as error:
            ddb.put_item(TableName=table, Item={"pk": {"S": "deep"}, "d": deep_map(wraps)})
        assert re.search(r"nest(ing|ed) levels.*supported limit", error.message, re.I | re.S), error.message


# ---------------------------------------------------------------------------------------------
# Tables that do not exist, keys that do not match


def test_missing_table_for_item_operations(ddb):
    missing = unique_name("missing")
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.put_item(TableName=missing, Item={"pk": {"S": "a"}})
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.put_item(TableName=missing, Item={})
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.get_item(TableName=missing, Key={"pk": {"S": "a"}})
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.get_item(TableName=missing, Key={})
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.delete_item(TableName=missing, Key={"pk": {"S": "a"}})


def test_put_key_errors(ddb, table, range_table):
    with ddb_error("ValidationException", ONE + "Missing the key pk in the item"):
        ddb.put_item(TableName=table, Item={"other": {"S": "x"}})
    with ddb_error("ValidationException", ONE + "Missing the key pk in the item"):
        ddb.put_item(TableName=table, Item={})
    with ddb_error("ValidationException", ONE + "Missing the key sk in the item"):
        ddb.put_item(TableName=range_table, Item={"pk": {"S": "x"}})
    for value, kind in (({"N": "1"}, "N"), ({"B": b"x"}, "B"), ({"BOOL": True}, "BOOL"),
                        ({"SS": ["a"]}, "SS"), ({"M": {}}, "M"), ({"L": []}, "L"), ({"NULL": True}, "NULL")):
        with ddb_error("ValidationException", ONE + f"Type mismatch for key pk expected: S actual: {kind}"):
            ddb.put_item(TableName=table, Item={"pk": value})
    with ddb_error("ValidationException", ONE + "Type mismatch for key sk expected: S actual: N"):
        ddb.put_item(TableName=range_table, Item={"pk": {"S": "x"}, "sk": {"N": "1"}})


@pytest.mark.parametrize("key", [
    pytest.param({}, id="empty"),
    pytest.param({"other": {"S": "a"}}, id="wrong-name"),
    pytest.param({"pk": {"S": "a"}, "extra": {"S": "b"}}, id="extra-attribute"),
    pytest.param({"pk": {"N": "1"}}, id="wrong-type"),
    pytest.param({"pk": {"SS": ["a"]}}, id="set-type"),
])
def test_get_and_delete_key_must_match_schema(ddb, table, key):
    with ddb_error("ValidationException", NO_SCHEMA_MATCH):
        ddb.get_item(TableName=table, Key=key)
    with ddb_error("ValidationException", NO_SCHEMA_MATCH):
        ddb.delete_item(TableName=table, Key=key)


def test_range_key_required_in_get_and_delete(ddb, range_table):
    with ddb_error("ValidationException", NO_SCHEMA_MATCH):
        ddb.get_item(TableName=range_table, Key={"pk": {"S": "a"}})
    with ddb_error("ValidationException", NO_SCHEMA_MATCH):
        ddb.delete_item(TableName=range_table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})


def test_empty_key_values(ddb, table, range_table, binary_table):
    with ddb_error("ValidationException", EMPTY_STRING_KEY.format("pk")):
        ddb.put_item(TableName=table, Item={"pk": {"S": ""}})
    with ddb_error("ValidationException", EMPTY_STRING_KEY.format("sk")):
        ddb.put_item(TableName=range_table, Item={"pk": {"S": "a"}, "sk": {"S": ""}})
    with ddb_error("ValidationException", EMPTY_STRING_KEY.format("pk")):
        ddb.get_item(TableName=table, Key={"pk": {"S": ""}})
    with ddb_error("ValidationException", EMPTY_STRING_KEY.format("pk")):
        ddb.delete_item(TableName=table, Key={"pk": {"S": ""}})
    with ddb_error("ValidationException", EMPTY_BINARY_KEY.format("pk")):
        ddb.put_item(TableName=binary_table, Item={"pk": {"B": b""}, "sk": {"B": b"x"}})
    with ddb_error("ValidationException", EMPTY_BINARY_KEY.format("sk")):
        ddb.get_item(TableName=binary_table, Key={"pk": {"B": b"x"}, "sk": {"B": b""}})
    with ddb_error("ValidationException", EMPTY_BINARY_KEY.format("pk")):
        ddb.delete_item(TableName=binary_table, Key={"pk": {"B": b""}, "sk": {"B": b"x"}})


# ---------------------------------------------------------------------------------------------
# Size limits


def test_hash_key_size_limit(ddb, table, binary_table):
    ok = "k" * 2048
    ddb.put_item(TableName=table, Item={"pk": {"S": ok}})
    assert get(ddb, table, {"pk": {"S": ok}}) == {"pk": {"S": ok}}
    multibyte_ok = "é" * 1024  # 2048 UTF-8 bytes
    ddb.put_item(TableName=table, Item={"pk": {"S": multibyte_ok}})
    for too_big in ("k" * 2049, "é" * 1025):
        with ddb_error("ValidationException", HASH_KEY_TOO_BIG):
            ddb.put_item(TableName=table, Item={"pk": {"S": too_big}})
        with ddb_error("ValidationException", HASH_KEY_TOO_BIG):
            ddb.get_item(TableName=table, Key={"pk": {"S": too_big}})
        with ddb_error("ValidationException", HASH_KEY_TOO_BIG):
            ddb.delete_item(TableName=table, Key={"pk": {"S": too_big}})
    ddb.put_item(TableName=binary_table, Item={"pk": {"B": b"\xff" * 2048}, "sk": {"B": b"s"}})
    with ddb_error("ValidationException", HASH_KEY_TOO_BIG):
        ddb.put_item(TableName=binary_table, Item={"pk": {"B": b"\xff" * 2049}, "sk": {"B": b"s"}})


def test_range_key_size_limit(ddb, range_table, binary_table):
    ok = "r" * 1024
    ddb.put_item(TableName=range_table, Item={"pk": {"S": "a"}, "sk": {"S": ok}})
    assert get(ddb, range_table, {"pk": {"S": "a"}, "sk": {"S": ok}}) is not None
    with ddb_error("ValidationException", RANGE_KEY_TOO_BIG):
        ddb.put_item(TableName=range_table, Item={"pk": {"S": "a"}, "sk": {"S": "r" * 1025}})
    with ddb_error("ValidationException", RANGE_KEY_TOO_BIG):
        ddb.get_item(TableName=range_table, Key={"pk": {"S": "a"}, "sk": {"S": "r" * 1025}})
    with ddb_error("ValidationException", RANGE_KEY_TOO_BIG):
        ddb.delete_item(TableName=range_table, Key={"pk": {"S": "a"}, "sk": {"S": "ü" * 513}})
    with ddb_error("ValidationException", RANGE_KEY_TOO_BIG):
        ddb.put_item(TableName=binary_table, Item={"pk": {"B": b"p"}, "sk": {"B": b"\x00" * 1025}})


def test_number_keys_have_no_byte_limit_of_their_own(ddb, number_table):
    big = "9" * 38 + "e87"
    ddb.put_item(TableName=number_table, Item={"id": {"N": big}})
    assert get(ddb, number_table, {"id": {"N": big}})["id"]["N"] == "9" * 38 + "0" * 87


def test_item_size_limit_is_400_kb_inclusive(ddb, table):
    # Size = name bytes + value bytes: "pk"(2) + "big"(3) + "d"(1) + len(value).
    exact = 409600 - 6
    ddb.put_item(TableName=table, Item={"pk": {"S": "big"}, "d": {"S": "x" * exact}})
    assert len(get(ddb, table, {"pk": {"S": "big"}})["d"]["S"]) == exact
    with ddb_error("ValidationException", ITEM_TOO_BIG):
        ddb.put_item(TableName=table, Item={"pk": {"S": "big"}, "d": {"S": "x" * (exact + 1)}})
    # The rejected write left the stored item alone.
    assert len(get(ddb, table, {"pk": {"S": "big"}})["d"]["S"]) == exact
    # Attribute names count too.
    with ddb_error("ValidationException", ITEM_TOO_BIG):
        ddb.put_item(TableName=table, Item={"pk": {"S": "big"}, "dd": {"S": "x" * exact}})


# ---------------------------------------------------------------------------------------------
# ReturnValues / ReturnConsumedCapacity validation


# Live 2026 captures wrap this in the request-validation envelope; older captures (DL) have it bare.
RETURN_VALUES_ONLY_OLD = ("1 validation error detected: ReturnValues can only be ALL_OLD or NONE",
                          "ReturnValues can only be ALL_OLD or NONE")


@pytest.mark.parametrize("value", ["UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"])
def test_put_and_delete_return_values_only_all_old_or_none(ddb, table, value):
    with ddb_error("ValidationException") as error:
        ddb.put_item(TableName=table, Item={"pk": {"S": "x"}}, ReturnValues=value)
    assert error.message in RETURN_VALUES_ONLY_OLD
    with ddb_error("ValidationException") as error:
        ddb.delete_item(TableName=table, Key={"pk": {"S": "x"}}, ReturnValues=value)
    assert error.message in RETURN_VALUES_ONLY_OLD
    assert get(ddb, table, {"pk": {"S": "x"}}) is None


def test_enum_parameters_are_validated(ddb, table):
    with ddb_error("ValidationException") as error:
        ddb.put_item(TableName=table, Item={"pk": {"S": "x"}}, ReturnValues="INVALID")
    assert_enum_error(error.message, "INVALID", "returnValues", RETURN_VALUES_ENUM)
    with ddb_error("ValidationException") as error:
        ddb.delete_item(TableName=table, Key={"pk": {"S": "x"}}, ReturnValues="INVALID")
    assert_enum_error(error.message, "INVALID", "returnValues", RETURN_VALUES_ENUM)
    for call in (
        lambda: ddb.put_item(TableName=table, Item={"pk": {"S": "x"}}, ReturnConsumedCapacity="hi"),
        lambda: ddb.get_item(TableName=table, Key={"pk": {"S": "x"}}, ReturnConsumedCapacity="hi"),
        lambda: ddb.delete_item(TableName=table, Key={"pk": {"S": "x"}}, ReturnConsumedCapacity="hi"),
    ):
        with ddb_error("ValidationException") as error:
            call()
        assert_enum_error(error.message, "hi", "returnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"])


def test_item_table_name_constraints(ddb):
    long_name = "a" * 256
    with ddb_error("ValidationException",
                   f"1 validation error detected: Value '{long_name}' at 'tableName' failed to satisfy "
                   "constraint: Member must have length less than or equal to 255"):
        ddb.put_item(TableName=long_name, Item={"pk": {"S": "x"}})
    with ddb_error("ValidationException",
                   "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to satisfy "
                   "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"):
        ddb.get_item(TableName="bad table!@#", Key={"pk": {"S": "x"}})


# ---------------------------------------------------------------------------------------------
# Consumed capacity


def capacity(response):
    return response["ConsumedCapacity"]


def test_consumed_capacity_small_item(ddb, table):
    """No ReadCapacityUnits/WriteCapacityUnits split outside transactions (CONF, live)."""
    key = {"pk": {"S": "cap"}}
    put = ddb.put_item(TableName=table, Item={**key, "v": {"S": "x"}}, ReturnConsumedCapacity="TOTAL")
    assert capacity(put) == {"TableName": table, "CapacityUnits": 1.0}
    put = ddb.put_item(TableName=table, Item={**key, "v": {"S": "y"}}, ReturnConsumedCapacity="INDEXES")
    assert capacity(put) == {"TableName": table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}}

    strong = ddb.get_item(TableName=table, Key=key, ConsistentRead=True, ReturnConsumedCapacity="TOTAL")
    assert capacity(strong) == {"TableName": table, "CapacityUnits": 1.0}
    weak = ddb.get_item(TableName=table, Key=key, ReturnConsumedCapacity="TOTAL")
    assert capacity(weak) == {"TableName": table, "CapacityUnits": 0.5}
    weak = ddb.get_item(TableName=table, Key=key, ConsistentRead=False, ReturnConsumedCapacity="INDEXES")
    assert capacity(weak) == {"TableName": table, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.5}}
    absent = ddb.get_item(TableName=table, Key={"pk": {"S": "nothing"}}, ReturnConsumedCapacity="TOTAL")
    assert capacity(absent) == {"TableName": table, "CapacityUnits": 0.5}

    assert "ConsumedCapacity" not in ddb.get_item(TableName=table, Key=key, ReturnConsumedCapacity="NONE")
    assert "ConsumedCapacity" not in ddb.put_item(TableName=table, Item=key)

    deleted = ddb.delete_item(TableName=table, Key=key, ReturnConsumedCapacity="TOTAL")
    assert capacity(deleted) == {"TableName": table, "CapacityUnits": 1.0}
    deleted = ddb.delete_item(TableName=table, Key=key, ReturnConsumedCapacity="INDEXES")
    assert capacity(deleted) == {"TableName": table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}}


def test_consumed_capacity_large_item(ddb, table):
    # "pk"(2) + "big"(3) + "data"(4) + 5000 = 5009 bytes: 5 write units, 2 read units.
    key = {"pk": {"S": "big"}}
    big = {**key, "data": {"S": "x" * 5000}}
    small = {**key, "data": {"S": "x"}}
    total = {"ReturnConsumedCapacity": "TOTAL"}
    assert capacity(ddb.put_item(TableName=table, Item=big, **total))["CapacityUnits"] == 5.0
    assert capacity(ddb.get_item(TableName=table, Key=key, ConsistentRead=True, **total))["CapacityUnits"] == 2.0
    assert capacity(ddb.get_item(TableName=table, Key=key, **total))["CapacityUnits"] == 1.0
    # A put is charged for the larger of the old and the new item.
    assert capacity(ddb.put_item(TableName=table, Item=small, **total))["CapacityUnits"] == 5.0
    assert capacity(ddb.put_item(TableName=table, Item=small, **total))["CapacityUnits"] == 1.0
    assert capacity(ddb.put_item(TableName=table, Item=big, **total))["CapacityUnits"] == 5.0
    # A delete is charged for the item it removed.
    assert capacity(ddb.delete_item(TableName=table, Key=key, **total))["CapacityUnits"] == 5.0
    assert capacity(ddb.delete_item(TableName=table, Key=key, **total))["CapacityUnits"] == 1.0


def test_consumed_capacity_read_rounding(ddb, table):
    # 4096 bytes exactly is one read unit; one byte more is two.
    key = {"pk": {"S": "r4k"}}
    ddb.put_item(TableName=table, Item={**key, "d": {"S": "x" * (4096 - 6)}})
    get_total = {"ConsistentRead": True, "ReturnConsumedCapacity": "TOTAL"}
    assert capacity(ddb.get_item(TableName=table, Key=key, **get_total))["CapacityUnits"] == 1.0
    ddb.put_item(TableName=table, Item={**key, "d": {"S": "x" * (4096 - 5)}})
    assert capacity(ddb.get_item(TableName=table, Key=key, **get_total))["CapacityUnits"] == 2.0

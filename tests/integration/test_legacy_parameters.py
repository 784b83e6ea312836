"""The pre-expression parameters: Expected (Exists, Value, ComparisonOperator + AttributeValueList,
ConditionalOperator) on PutItem/DeleteItem/UpdateItem, AttributeUpdates (PUT/ADD/DELETE) on UpdateItem,
AttributesToGet on GetItem, and the refusal to mix them with expression parameters.

Sources (tags in expr_helpers.py): CONF tier3/legacy-api/{expected,attributeUpdates,attributesToGet}
and tier3/error-messages/{putItem,updateItem}.test.ts (live 2026); DL test/{putItem,updateItem}.js
(exact texts), confirmed by DDBL's decompiled validator (validateExpectedAttribute,
validateAttributeUpdates, getAttributeNames); ALT comments quoting DynamoDB.
"""

import re

import pytest

from ddbd_testlib import create_table, unique_name
from expr_helpers import (
    ONE,
    condition_failed,
    get,
    new_key,
    plain,
    put,
    strip_envelope,
    validation_error,
    wire,
)

MIX = "Can not use both expression and non-expression parameters in the same request: "
MIX_RE = re.compile(r"^Can not use both expression and non-expression parameters in the same request: "
                    r"Non-expression parameters: \{(.*)\} Expression parameters: \{(.*)\}$")


@pytest.fixture(scope="module")
def legacy_table(ddb):
    return create_table(ddb, unique_name("legacy"))


def av(value):
    return wire({"x": value})["x"]


def put_expected(ddb, table, item, expected, operator=None):
    kwargs = {"ConditionalOperator": operator} if operator else {}
    return ddb.put_item(TableName=table, Item=item, Expected=expected, **kwargs)


def compare(operator, *values):
    return {"ComparisonOperator": operator, "AttributeValueList": [av(v) for v in values]}


# ---------------------------------------------------------------------------------------------
# Expected


def test_expected_exists(ddb, legacy_table):
    """CONF expected.test.ts (live); DL 'expecting non-existent key to exist'."""
    key = new_key("exists")
    put_expected(ddb, legacy_table, {**key, **wire({"data": "created"})}, {"pk": {"Exists": False}})
    with condition_failed():
        put_expected(ddb, legacy_table, {**key, **wire({"data": "again"})}, {"pk": {"Exists": False}})
    put_expected(ddb, legacy_table, {**key, **wire({"data": "second"})},
                 {"data": {"Exists": True, "Value": av("created")}})
    put_expected(ddb, legacy_table, {**key, **wire({"data": "third"})}, {"data": {"Value": av("second")}})
    with condition_failed():
        put_expected(ddb, legacy_table, key, {"data": {"Value": av("wrong")}})
    with condition_failed():
        put_expected(ddb, legacy_table, key, {"missing": {"Value": av("x")}})
    with condition_failed():
        put_expected(ddb, legacy_table, key, {"data": {"Exists": False}})
    assert get(ddb, legacy_table, key) == {"pk": key["pk"]["S"], "data": "third"}


@pytest.mark.parametrize("expected, holds", [
    ({"n": compare("EQ", 5)}, True), ({"n": compare("EQ", 6)}, False), ({"n": compare("EQ", "5")}, False),
    ({"n": compare("NE", 6)}, True), ({"n": compare("NE", 5)}, False),
    ({"n": compare("LT", 6)}, True), ({"n": compare("LT", 5)}, False),
    ({"n": compare("LE", 5)}, True), ({"n": compare("GT", 4)}, True), ({"n": compare("GE", 6)}, False),
    ({"n": compare("BETWEEN", 1, 5)}, True), ({"n": compare("BETWEEN", 6, 9)}, False),
    ({"n": compare("IN", 1, 3, 5)}, True), ({"n": compare("IN", 1, 3)}, False),
    ({"s": compare("BEGINS_WITH", "hel")}, True), ({"s": compare("BEGINS_WITH", "el")}, False),
    ({"s": compare("CONTAINS", "ell")}, True), ({"tags": compare("CONTAINS", "x")}, True),
    ({"tags": compare("CONTAINS", "z")}, False), ({"tags": compare("NOT_CONTAINS", "z")}, True),
    ({"s": compare("NOT_CONTAINS", "ell")}, False),
    ({"missing": {"ComparisonOperator": "NULL"}}, True), ({"n": {"ComparisonOperator": "NULL"}}, False),
    ({"n": {"ComparisonOperator": "NOT_NULL"}}, True), ({"missing": {"ComparisonOperator": "NOT_NULL"}}, False),
    ({"n": compare("EQ", 5), "s": compare("EQ", "hello")}, True),
    ({"n": compare("EQ", 5), "s": compare("EQ", "nope")}, False),
])
def test_expected_comparison_operators(ddb, legacy_table, expected, holds):
    item = {**new_key("cmp"), **wire({"n": 5, "s": "hello", "tags": {"x", "y"}})}
    ddb.put_item(TableName=legacy_table, Item=item)
    if holds:
        put_expected(ddb, legacy_table, item, expected)
    else:
        with condition_failed():
            put_expected(ddb, legacy_table, item, expected)


def test_conditional_operator(ddb, legacy_table):
    """CONF expected.test.ts 'ConditionalOperator AND / OR' (live)."""
    item = {**new_key("condop"), **wire({"status": "active", "role": "user"})}
    ddb.put_item(TableName=legacy_table, Item=item)
    both = {"status": compare("EQ", "active"), "role": compare("EQ", "admin")}
    put_expected(ddb, legacy_table, item, both, "OR")
    with condition_failed():
        put_expected(ddb, legacy_table, item, both, "AND")
    with condition_failed():
        put_expected(ddb, legacy_table, item, both)  # AND is the default
    put_expected(ddb, legacy_table, item, {"status": compare("EQ", "active"), "role": compare("EQ", "user")}, "AND")


def test_expected_on_delete_and_update(ddb, legacy_table):
    """CONF expected.test.ts DeleteItem cases; DL 'update when boolean value expect matches'."""
    key = put(ddb, legacy_table, new_key("del"), data="to-delete", active=False)
    with condition_failed():
        ddb.delete_item(TableName=legacy_table, Key=key, Expected={"data": {"Exists": False}})
    response = ddb.update_item(TableName=legacy_table, Key=key,
                               Expected={"active": {"Value": av(False), "Exists": True}},
                               AttributeUpdates={"active": {"Action": "PUT", "Value": av(True)}},
                               ReturnValues="UPDATED_NEW")
    assert plain(response["Attributes"]) == {"active": True}
    ddb.delete_item(TableName=legacy_table, Key=key, Expected={"data": {"Exists": True, "Value": av("to-delete")}})
    assert get(ddb, legacy_table, key) is None


@pytest.mark.parametrize("expected, message", [
    # DL putItem/updateItem validations (exact); DDBL validateExpectedAttribute (same texts)
    ({"a": {}}, "Value must be provided when Exists is null for Attribute: a"),
    ({"a": {"Exists": True}}, "Value must be provided when Exists is true for Attribute: a"),
    ({"a": {"Exists": False, "Value": {"S": "a"}}}, "Value cannot be used when Exists is false for Attribute: a"),
    ({"a": {"ComparisonOperator": "LT"}},
     "Value or AttributeValueList must be used with ComparisonOperator: LT for Attribute: a"),
    ({"a": {"Exists": True, "ComparisonOperator": "LT"}},
     "Exists and ComparisonOperator cannot be used together for Attribute: a"),
    ({"a": {"AttributeValueList": [{"S": "a"}], "Value": {"S": "a"}, "ComparisonOperator": "LT"}},
     "Value and AttributeValueList cannot be used together for Attribute: a"),
    ({"a": {"AttributeValueList": [{"S": "a"}]}},
     "AttributeValueList can only be used with a ComparisonOperator for Attribute: a"),
    ({"a": {"AttributeValueList": [], "ComparisonOperator": "EQ"}},
     "Invalid number of argument(s) for the EQ ComparisonOperator"),
    ({"a": {"AttributeValueList": [{"S": "a"}], "ComparisonOperator": "NULL"}},
     "Invalid number of argument(s) for the NULL ComparisonOperator"),
    ({"a": {"AttributeValueList": [{"N": "1"}, {"N": "10"}, {"N": "12"}], "ComparisonOperator": "BETWEEN"}},
     "Invalid number of argument(s) for the BETWEEN ComparisonOperator"),
    ({"a": {"Value": {"S": "a"}, "ComparisonOperator": "BETWEEN"}},
     "Invalid number of argument(s) for the BETWEEN ComparisonOperator"),
])
def test_expected_validation(ddb, legacy_table, expected, message):
    with validation_error(ONE + message):
        ddb.put_item(TableName=legacy_table, Item=new_key("bad"), Expected=expected)


# ---------------------------------------------------------------------------------------------
# AttributeUpdates


def test_attribute_updates_actions(ddb, legacy_table):
    """CONF attributeUpdates.test.ts (live); DL updateItem functionality."""
    key = put(ddb, legacy_table, new_key("au"), name="old-name", count=1, extra="remove-me", tags={"a", "b", "c"},
              nums={1, 2}, l=["a", 1])
    ddb.update_item(TableName=legacy_table, Key=key, AttributeUpdates={
        "name": {"Action": "PUT", "Value": av("new-name")},
        "count": {"Action": "ADD", "Value": av(9)},
        "extra": {"Action": "DELETE"},
        "tags": {"Action": "DELETE", "Value": av({"b", "z"})},
        "nums": {"Action": "ADD", "Value": av({2, 3})},
        "l": {"Action": "ADD", "Value": av(["b", 2])},  # DL 'should add list value': ADD appends to a list
        "col": {"Value": av("written")},  # no Action: PUT
        "fresh": {"Action": "ADD", "Value": av(5)},
        "ghost": {"Action": "DELETE"},
    })
    assert get(ddb, legacy_table, key) == {"pk": key["pk"]["S"], "name": "new-name", "count": 10, "tags": {"a", "c"},
                                           "nums": {1, 2, 3}, "l": ["a", 1, "b", 2], "col": "written", "fresh": 5}
    ddb.update_item(TableName=legacy_table, Key=key,
                    AttributeUpdates={"tags": {"Action": "DELETE", "Value": av({"a", "c"})}})
    assert "tags" not in get(ddb, legacy_table, key)


def test_attribute_updates_upsert_and_return_values(ddb, legacy_table):
    """DL updateItem 'return all/updated old/new values'; ALT: an empty AttributeUpdates creates the
    item with its key only."""
    key = new_key("au-new")
    ddb.update_item(TableName=legacy_table, Key=key, AttributeUpdates={})
    assert get(ddb, legacy_table, key) == {"pk": key["pk"]["S"]}
    response = ddb.update_item(TableName=legacy_table, Key=key, ReturnValues="UPDATED_NEW",
                               AttributeUpdates={"b": {"Value": av("a")}, "c": {"Value": av("a")}})
    assert plain(response["Attributes"]) == {"b": "a", "c": "a"}
    response = ddb.update_item(TableName=legacy_table, Key=key, ReturnValues="UPDATED_OLD",
                               AttributeUpdates={"b": {"Value": av("b")}, "d": {"Value": av(1)}})
    assert plain(response["Attributes"]) == {"b": "a"}
    response = ddb.update_item(TableName=legacy_table, Key=key, ReturnValues="ALL_OLD",
                               AttributeUpdates={"c": {"Action": "DELETE"}})
    assert plain(response["Attributes"]) == {"pk": key["pk"]["S"], "b": "b", "c": "a", "d": 1}
    response = ddb.update_item(TableName=legacy_table, Key=key, ReturnValues="ALL_NEW",
                               AttributeUpdates={"d": {"Action": "ADD", "Value": av(2)}})
    assert plain(response["Attributes"]) == {"pk": key["pk"]["S"], "b": "b", "d": 3}


@pytest.mark.parametrize("updates, message", [
    # DL updateItem validations (exact); DDBL validateAttributeUpdates
    ({"a": {"Action": "PUT"}}, ONE + "Only DELETE action is allowed when no attribute value is specified"),
    ({"a": {"Action": "ADD"}}, ONE + "Only DELETE action is allowed when no attribute value is specified"),
    ({"a": {"Action": "DELETE", "Value": {"S": "1"}}}, ONE + "DELETE action with value is not supported for the type S"),
    ({"a": {"Action": "DELETE", "Value": {"N": "1"}}}, ONE + "DELETE action with value is not supported for the type N"),
    ({"a": {"Action": "DELETE", "Value": {"L": []}}}, ONE + "DELETE action with value is not supported for the type L"),
    ({"a": {"Action": "ADD", "Value": {"S": "1"}}}, ONE + "ADD action is not supported for the type S"),
    ({"a": {"Action": "ADD", "Value": {"BOOL": True}}}, ONE + "ADD action is not supported for the type BOOL"),
    ({"a": {"Action": "ADD", "Value": {"M": {}}}}, ONE + "ADD action is not supported for the type M"),
    # CONF attributeUpdates.test.ts (ValidationException, live); DL (exact)
    ({"pk": {"Action": "PUT", "Value": {"S": "new-key"}}},
     ONE + "Cannot update attribute pk. This attribute is part of the key"),
])
def test_attribute_updates_validation(ddb, legacy_table, updates, message):
    key = new_key("au-bad")
    with validation_error(message):
        ddb.update_item(TableName=legacy_table, Key=key, AttributeUpdates=updates)
    assert get(ddb, legacy_table, key) is None


def test_attribute_updates_type_mismatch(ddb, legacy_table):
    """DL updateItem 'delete/add incorrect types' (exact); the text is also in the AWS SDK docs'
    list of TransactWriteItems ValidationError reasons ('Type mismatch for attribute to update')."""
    key = put(ddb, legacy_table, new_key("au-type"), b={"1"}, c=1, d={1})
    for updates in ({"b": {"Action": "DELETE", "Value": av({1})}}, {"c": {"Action": "DELETE", "Value": av({1})}},
                    {"b": {"Action": "ADD", "Value": av({1})}}, {"d": {"Action": "ADD", "Value": av(1)}}):
        with validation_error("Type mismatch for attribute to update"):
            ddb.update_item(TableName=legacy_table, Key=key, AttributeUpdates=updates)
    assert get(ddb, legacy_table, key) == {"pk": key["pk"]["S"], "b": {"1"}, "c": 1, "d": {1}}


def test_attribute_updates_item_size(ddb, legacy_table):
    """DL updateItem 'update item is too big' (exact); CONF itemSizeBySurface (update wording)."""
    key = put(ddb, legacy_table, new_key("au-size"), b={"1"}, c=1, d={1})
    with validation_error("Item size to update has exceeded the maximum allowed size"):
        ddb.update_item(TableName=legacy_table, Key=key, AttributeUpdates={
            "e": {"Action": "PUT", "Value": av("a" * 409600)}})
    assert get(ddb, legacy_table, key) == {"pk": key["pk"]["S"], "b": {"1"}, "c": 1, "d": {1}}


# ---------------------------------------------------------------------------------------------
# AttributesToGet


def test_attributes_to_get(ddb, legacy_table):
    """CONF attributesToGet.test.ts (live): only the named attributes, keys not added."""
    key = put(ddb, legacy_table, new_key("a2g"), name="alice", age=30, role="admin", m={"x": 1})
    got = ddb.get_item(TableName=legacy_table, Key=key, AttributesToGet=["name", "age"], ConsistentRead=True)
    assert plain(got["Item"]) == {"name": "alice", "age": 30}
    got = ddb.get_item(TableName=legacy_table, Key=key, AttributesToGet=["role", "nonexistent"], ConsistentRead=True)
    assert plain(got["Item"]) == {"role": "admin"}
    got = ddb.get_item(TableName=legacy_table, Key=key, AttributesToGet=["pk", "m"], ConsistentRead=True)
    assert plain(got["Item"]) == {"pk": key["pk"]["S"], "m": {"x": 1}}
    # A name with a dot is a top-level attribute name here, never a path.
    got = ddb.get_item(TableName=legacy_table, Key=key, AttributesToGet=["m.x"], ConsistentRead=True)
    assert got.get("Item") == {}


def test_attributes_to_get_duplicates(ddb, legacy_table):
    """DL getItem/batchGetItem and DDBL getAttributeNames (exact)."""
    with validation_error(ONE + "Duplicate value in attribute name: a"):
        ddb.get_item(TableName=legacy_table, Key=new_key("a2g"), AttributesToGet=["a", "b", "a"])


# ---------------------------------------------------------------------------------------------
# Mixing legacy and expression parameters


@pytest.mark.parametrize("operation, args, legacy, expression", [
    # CONF tier3 putItem.test.ts / updateItem.test.ts (exact, live); ALT comment for AttributesToGet
    ("put_item", {"Item": {"pk": {"S": "m"}}, "Expected": {"pk": {"Exists": False}},
                  "ConditionExpression": "attribute_not_exists(pk)"}, "Expected", "ConditionExpression"),
    ("delete_item", {"Key": {"pk": {"S": "m"}}, "Expected": {"pk": {"Exists": False}},
                     "ConditionExpression": "attribute_not_exists(pk)"}, "Expected", "ConditionExpression"),
    ("update_item", {"Key": {"pk": {"S": "m"}}, "UpdateExpression": "SET attr1 = :v",
                     "ExpressionAttributeValues": {":v": {"S": "val"}},
                     "AttributeUpdates": {"attr1": {"Value": {"S": "val"}, "Action": "PUT"}}},
     "AttributeUpdates", "UpdateExpression"),
    ("update_item", {"Key": {"pk": {"S": "m"}}, "AttributeUpdates": {"a": {"Value": {"N": "1"}, "Action": "PUT"}},
                     "ConditionExpression": "a = :old", "ExpressionAttributeValues": {":old": {"N": "2"}}},
     "AttributeUpdates", "ConditionExpression"),
    ("get_item", {"Key": {"pk": {"S": "m"}}, "AttributesToGet": ["b"], "ProjectionExpression": "a"},
     "AttributesToGet", "ProjectionExpression"),
])
def test_mixing_is_refused(ddb, legacy_table, operation, args, legacy, expression):
    with validation_error(MIX + f"Non-expression parameters: {{{legacy}}} Expression parameters: {{{expression}}}"):
        getattr(ddb, operation)(TableName=legacy_table, **args)


def test_mixing_lists_every_parameter(ddb, legacy_table):
    """DL updateItem 'expression and non-expression': both sets are listed (order not fixed here)."""
    with validation_error(startswith=MIX) as error:
        ddb.update_item(TableName=legacy_table, Key={"pk": {"S": "m"}},
                        Expected={"a": {"Exists": False}}, AttributeUpdates={"a": {"Value": {"N": "1"}}},
                        UpdateExpression="SET b = :v", ConditionExpression="attribute_exists(b)",
                        ExpressionAttributeValues={":v": {"N": "1"}})
    match = MIX_RE.match(strip_envelope(error.message))
    assert match, error.message
    assert sorted(match.group(1).split(", ")) == ["AttributeUpdates", "Expected"]
    assert sorted(match.group(2).split(", ")) == ["ConditionExpression", "UpdateExpression"]
    assert get(ddb, legacy_table, {"pk": {"S": "m"}}) is None


def test_expression_names_with_legacy_parameters(ddb, legacy_table):
    """DL: ExpressionAttributeNames/Values next to legacy parameters only (no expression)."""
    with validation_error(startswith="ExpressionAttributeNames can only be specified when using expressions"):
        ddb.get_item(TableName=legacy_table, Key=new_key("m"), AttributesToGet=["a"],
                     ExpressionAttributeNames={"#a": "a"})
    with validation_error(startswith="ExpressionAttributeValues can only be specified when using expressions"):
        ddb.put_item(TableName=legacy_table, Item=new_key("m"), Expected={"a": {"Exists": False}},
                     ExpressionAttributeValues={":v": {"N": "1"}})

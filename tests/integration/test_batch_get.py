"""BatchGetItem: up to 100 keys across tables, per-table ProjectionExpression/AttributesToGet and
ConsistentRead, missing items simply absent, UnprocessedKeys empty, and the validation messages.
ConsumedCapacity is in test_capacity_reads.py.

Sources (tags in read_helpers.py): CONF tier3/error-messages/batchGetItem.test.ts and
tier1/batchGetItem/*.test.ts (live), captures/2026-08-12-batch-empty-and-nesting.json (the empty
RequestItems message differs by region); DL test/batchGetItem.js, validations/batchGetItem.js,
actions/batchGetItem.js; DDBL ErrorFactory (BATCH_GET_LIMIT_EXCEEDED, DUPLICATE_ITEM_KEY); DOCS
BatchGetItem ('If you request more than 100 items, BatchGetItem returns a ValidationException with the
message "Too many items requested for the BatchGetItem call."').
"""

from decimal import Decimal

import pytest

from ddbd_testlib import assert_enum_error, ddb_error, unique_name
from expr_helpers import plain, validation_error, wire
from read_helpers import (
    DUPLICATE_KEYS,
    NO_SCHEMA_MATCH,
    NOT_FOUND,
    assert_raw_validation,
    make_hash_table,
    make_range_table,
    put_all,
)

EMPTY_STRING_KEY = ("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                    "contain an empty string value. Key: pk")


@pytest.fixture(scope="module")
def users(ddb):
    """Hash-only table: u000..u079 exist."""
    table = make_hash_table(ddb, "bgusers")
    put_all(ddb, table, [{"pk": f"u{i:03d}", "name": f"user {i}", "age": Decimal(i), "tags": {"a", f"t{i}"},
                          "address": {"city": "c" * (i % 5 + 1), "zip": Decimal(10000 + i)}} for i in range(80)])
    return table


@pytest.fixture(scope="module")
def orders(ddb):
    """Range table (pk S, sk N): o0..o9 with sk 1..3 each."""
    table = make_range_table(ddb, "N", "bgorders")
    put_all(ddb, table, [{"pk": f"o{i}", "sk": Decimal(s), "amount": Decimal(i * 10 + s), "note": "n"}
                         for i in range(10) for s in (1, 2, 3)])
    return table


def by_key(items, names=("pk", "sk")):
    out = {}
    for item in items:
        value = plain(item)
        key = tuple(value[n] for n in names if n in value)
        assert key not in out, f"{key} returned twice"
        out[key] = value
    return out


def user_keys(numbers):
    return [wire({"pk": f"u{i:03d}"}) for i in numbers]


def order_key(i, s):
    return wire({"pk": f"o{i}", "sk": Decimal(s)})


# ---------------------------------------------------------------------------------------------
# Reading


def test_hundred_keys_across_two_tables(ddb, users, orders):
    user_numbers = list(range(0, 120, 2))            # 60 keys; 40 of them exist (u000..u078).
    order_pairs = [(i, s) for i in range(10) for s in (1, 2, 3, 4)]  # 40 keys; sk 4 never exists.
    response = ddb.batch_get_item(RequestItems={
        users: {"Keys": user_keys(user_numbers)},
        orders: {"Keys": [order_key(i, s) for i, s in order_pairs], "ConsistentRead": True},
    })
    assert response["UnprocessedKeys"] == {}
    got_users = by_key(response["Responses"][users], ("pk",))
    assert set(got_users) == {(f"u{i:03d}",) for i in user_numbers if i < 80}
    assert got_users[("u042",)] == {"pk": "u042", "name": "user 42", "age": 42, "tags": {"a", "t42"},
                                    "address": {"city": "ccc", "zip": 10042}}
    got_orders = by_key(response["Responses"][orders])
    assert set(got_orders) == {(f"o{i}", s) for i, s in order_pairs if s != 4}
    assert got_orders[("o7", 2)] == {"pk": "o7", "sk": 2, "amount": 72, "note": "n"}


def test_missing_items_are_simply_absent(ddb, users, orders):
    response = ddb.batch_get_item(RequestItems={
        users: {"Keys": user_keys([500, 501])},
        orders: {"Keys": [order_key(99, 1), order_key(1, 1)]},
    })
    assert response["UnprocessedKeys"] == {}
    # dynalite answers an empty list for a table with no item found; DynamoDB does the same.
    assert response["Responses"].get(users, []) == []
    assert list(by_key(response["Responses"][orders])) == [("o1", 1)]


def test_single_table_single_key(ddb, users):
    response = ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([7])}})
    assert set(response["Responses"]) == {users} and response["UnprocessedKeys"] == {}
    assert [plain(i)["name"] for i in response["Responses"][users]] == ["user 7"]
    assert "ConsumedCapacity" not in response


def test_number_keys_match_by_value(ddb):
    table = make_range_table(ddb, "N", "bgnum")
    put_all(ddb, table, [{"pk": "p", "sk": Decimal("1000"), "v": "x"}])
    # 1E3 and 1000 are one number, so the key finds the item and comes back normalised.
    response = ddb.batch_get_item(RequestItems={table: {"Keys": [{"pk": {"S": "p"}, "sk": {"N": "1E3"}}]}})
    assert response["Responses"][table] == [{"pk": {"S": "p"}, "sk": {"N": "1000"}, "v": {"S": "x"}}]


def test_projection_per_table(ddb, users, orders):
    response = ddb.batch_get_item(RequestItems={
        users: {"Keys": user_keys([3, 4, 300]), "ProjectionExpression": "#n, address.city, tags",
                "ExpressionAttributeNames": {"#n": "name"}},
        orders: {"Keys": [order_key(2, 3)], "ProjectionExpression": "amount"},
    })
    got_users = [plain(i) for i in response["Responses"][users]]
    assert sorted(got_users, key=lambda u: u["name"]) == [
        {"name": "user 3", "address": {"city": "cccc"}, "tags": {"a", "t3"}},
        {"name": "user 4", "address": {"city": "ccccc"}, "tags": {"a", "t4"}},
    ]
    assert [plain(i) for i in response["Responses"][orders]] == [{"amount": 23}]
    legacy = ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([5]), "AttributesToGet": ["age", "zzz"]}})
    assert [plain(i) for i in legacy["Responses"][users]] == [{"age": 5}]
    # A projection that names nothing the item has returns an empty item, not nothing.
    empty = ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([6]), "ProjectionExpression": "zzz"}})
    assert empty["Responses"][users] == [{}]


def test_consistent_read_per_table(ddb, users, orders):
    for consistent in (True, False):
        response = ddb.batch_get_item(RequestItems={
            users: {"Keys": user_keys([10, 11]), "ConsistentRead": consistent},
            orders: {"Keys": [order_key(3, 1)], "ConsistentRead": not consistent},
        })
        assert set(by_key(response["Responses"][users], ("pk",))) == {("u010",), ("u011",)}
        assert set(by_key(response["Responses"][orders])) == {("o3", 1)}


def test_batch_get_sees_the_latest_write(ddb, users):
    table = make_hash_table(ddb, "bgfresh")
    keys = [wire({"pk": f"k{i}"}) for i in range(25)]
    put_all(ddb, table, [{"pk": f"k{i}", "v": 1} for i in range(25)])
    put_all(ddb, table, [{"pk": f"k{i}", "v": 2} for i in range(0, 25, 5)])
    ddb.delete_item(TableName=table, Key=keys[1])
    response = ddb.batch_get_item(RequestItems={table: {"Keys": keys, "ConsistentRead": True}})
    got = {k[0]: v["v"] for k, v in by_key(response["Responses"][table], ("pk",)).items()}
    assert got == {f"k{i}": (2 if i % 5 == 0 else 1) for i in range(25) if i != 1}


def test_resource_batch_get(ddb_resource, users, orders):
    response = ddb_resource.batch_get_item(RequestItems={
        users: {"Keys": [{"pk": "u001"}, {"pk": "u002"}], "ProjectionExpression": "pk, age"},
        orders: {"Keys": [{"pk": "o1", "sk": 3}]},
    })
    assert sorted(response["Responses"][users], key=lambda u: u["pk"]) == [{"pk": "u001", "age": 1}, {"pk": "u002", "age": 2}]
    assert response["Responses"][orders] == [{"pk": "o1", "sk": 3, "amount": 13, "note": "n"}]
    assert response["UnprocessedKeys"] == {}


# ---------------------------------------------------------------------------------------------
# Validation


def test_duplicate_keys_rejected(ddb, users, orders):
    # CONF tier3 batchGetItem.test.ts 'duplicate keys in one Keys array' (live, exact).
    with validation_error(DUPLICATE_KEYS):
        ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([1, 2, 1])}})
    with validation_error(DUPLICATE_KEYS):
        ddb.batch_get_item(RequestItems={orders: {"Keys": [order_key(1, 1), order_key(1, 1)]}})
    # The same key in two different tables is not a duplicate.
    response = ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([1])},
                                                orders: {"Keys": [order_key(1, 1), order_key(1, 2)]}})
    assert len(response["Responses"][orders]) == 2


def test_more_than_100_keys(ddb, users, orders):
    # CONF tier3 batchGetItem.test.ts '> 100 keys' (live, exact): the per-table list constraint.
    with validation_error(f"1 validation error detected: Value at 'RequestItems.{users}.member.Keys' failed to "
                          f"satisfy constraint: Member must have length less than or equal to 100"):
        ddb.batch_get_item(RequestItems={users: {"Keys": user_keys(range(101))}})
    # DOCS, DDBL BATCH_GET_LIMIT_EXCEEDED, DL: more than 100 across tables, each list within 100.
    with validation_error("Too many items requested for the BatchGetItem call"):
        ddb.batch_get_item(RequestItems={users: {"Keys": user_keys(range(71))},
                                         orders: {"Keys": [order_key(i, s) for i in range(10) for s in (1, 2, 3)]}})


def test_key_errors(ddb, users, orders):
    # DL actions/batchGetItem.js validateKey; CONF getItem (same key rules).
    for key in ({"pk": {"N": "1"}}, {"other": {"S": "a"}}, {"pk": {"S": "a"}, "x": {"S": "b"}}, {}):
        with validation_error(NO_SCHEMA_MATCH):
            ddb.batch_get_item(RequestItems={users: {"Keys": [key]}})
    with validation_error(NO_SCHEMA_MATCH):
        ddb.batch_get_item(RequestItems={orders: {"Keys": [wire({"pk": "o1"})]}})
    # CONF tier3 batchGetItem.test.ts 'empty-binary lookup key' has the binary twin of this text.
    with validation_error(EMPTY_STRING_KEY):
        ddb.batch_get_item(RequestItems={users: {"Keys": [{"pk": {"S": ""}}]}})
    # A bad key in one table fails the whole request.
    with validation_error(NO_SCHEMA_MATCH):
        ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([1])}, orders: {"Keys": [wire({"pk": "o1"})]}})


def test_missing_table(ddb, users):
    # CONF tier3 batchGetItem.test.ts 'non-existent table' (live, exact).
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.batch_get_item(RequestItems={unique_name("missing"): {"Keys": [wire({"pk": "x"})]}})
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([1])},
                                         unique_name("missing"): {"Keys": [wire({"pk": "x"})]}})


def test_projection_errors(ddb, users, orders):
    # CONF tier3 batchGetItem.test.ts (live, exact).
    overlap = ("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite "
               "one of these paths; path one: [a], path two: [a]")
    with validation_error(overlap):
        ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([1]), "ProjectionExpression": "a, a"}})
    with validation_error(overlap):
        ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([1]), "ProjectionExpression": "a, a"},
                                         orders: {"Keys": [order_key(1, 1)], "ProjectionExpression": "a"}})
    with validation_error(contains="Can not use both expression and non-expression parameters in the same request: "
                                   "Non-expression parameters: {AttributesToGet} Expression parameters: "
                                   "{ProjectionExpression}"):
        ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([1]), "AttributesToGet": ["pk"],
                                                 "ProjectionExpression": "pk"}})
    with validation_error("Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}"):
        ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([1]), "ProjectionExpression": "pk",
                                                 "ExpressionAttributeNames": {"#u": "x"}}})


def test_empty_request_items(endpoint):
    # CONF captures/2026-08-12-batch-empty-and-nesting.json: most regions answer the first text, some
    # the second; boto3 refuses an empty map itself, so the call is raw.
    assert_raw_validation(endpoint, "BatchGetItem", {"RequestItems": {}},
                          pattern=r"The requestItems parameter is required for BatchGetItem|1 validation error "
                                  r"detected: Value at 'RequestItems' failed to satisfy constraint: Member must have "
                                  r"length greater than or equal to 1")


def test_return_consumed_capacity_enum(ddb, users):
    # DL validations/batchGetItem.js; the envelope of the single-item operations (CONF, live).
    with ddb_error("ValidationException") as error:
        ddb.batch_get_item(RequestItems={users: {"Keys": user_keys([1])}}, ReturnConsumedCapacity="hi")
    assert_enum_error(error.message, "hi", "returnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"])

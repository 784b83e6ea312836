"""TransactWriteItems: Put, Update, Delete and ConditionCheck across tables, all or nothing;
cancellation reasons (codes, messages, ALL_OLD items); the request checks made before anything is
written; ConsumedCapacity. Idempotency is in test_transactions_idempotency.py, TransactGetItems in
test_transactions_get.py, isolation under concurrency in test_transactions_concurrency.py.

Sources: see transact_helpers.py; each assertion names its own.
"""

from decimal import Decimal

import pytest

from ddbd_testlib import create_table, ddb_error, unique_name
from expr_helpers import ONE, plain, validation_error
from read_helpers import NO_SCHEMA_MATCH, NOT_FOUND, make_hash_table, make_range_table
from transact_helpers import (
    CONDITION_FAILED,
    DUPLICATE_ITEM,
    canceled,
    check_action,
    delete_action,
    fetch,
    put_action,
    reason_messages,
    store,
    update_action,
)


@pytest.fixture
def tables(ddb):
    """A hash table (pk S) and a range table (pk S, sk N), fresh for each test."""
    return make_hash_table(ddb, "txh"), make_range_table(ddb, "N", "txr")


# --------------------------------------------------------------------------------------------
# Success: every action type, across tables


def test_all_action_types_commit_together(ddb, tables):
    hashed, ranged = tables
    store(ddb, hashed, {"pk": "upd"}, n=Decimal(5), gone="x")
    store(ddb, hashed, {"pk": "del"}, v="old")
    store(ddb, ranged, {"pk": "chk", "sk": Decimal(1)}, status="active")
    response = ddb.transact_write_items(TransactItems=[
        put_action(ranged, {"pk": "new", "sk": Decimal(2), "v": "created"},
                   condition="attribute_not_exists(pk)"),
        update_action(hashed, {"pk": "upd"}, "SET n = n + :d ADD tags :t REMOVE gone",
                      values={":d": 1, ":t": {"a"}}),
        delete_action(hashed, {"pk": "del"}, condition="v = :old", values={":old": "old"}),
        check_action(ranged, {"pk": "chk", "sk": 1}, "#s = :a", names={"#s": "status"},
                     values={":a": "active"}),
    ])
    assert "ConsumedCapacity" not in response
    assert fetch(ddb, ranged, {"pk": "new", "sk": 2}) == {"pk": "new", "sk": 2, "v": "created"}
    assert fetch(ddb, hashed, {"pk": "upd"}) == {"pk": "upd", "n": 6, "tags": {"a"}}
    assert fetch(ddb, hashed, {"pk": "del"}) is None
    assert fetch(ddb, ranged, {"pk": "chk", "sk": 1}) == {"pk": "chk", "sk": 1, "status": "active"}


def test_update_creates_a_missing_item(ddb, tables):
    """CONF transactWrite 'Update with attribute_not_exists upserts on non-existent key'."""
    hashed, _ = tables
    ddb.transact_write_items(TransactItems=[
        update_action(hashed, {"pk": "up"}, "SET #s = :v", condition="attribute_not_exists(pk)",
                      names={"#s": "status"}, values={":v": "created"})])
    assert fetch(ddb, hashed, {"pk": "up"}) == {"pk": "up", "status": "created"}


def test_delete_of_a_missing_item_succeeds(ddb, tables):
    hashed, _ = tables
    ddb.transact_write_items(TransactItems=[delete_action(hashed, {"pk": "nothing"})])
    assert fetch(ddb, hashed, {"pk": "nothing"}) is None


def test_same_key_in_two_tables_is_two_items(ddb, tables):
    hashed, _ = tables
    other = make_hash_table(ddb, "txo")
    ddb.transact_write_items(TransactItems=[
        put_action(hashed, {"pk": "same", "t": 1}), put_action(other, {"pk": "same", "t": 2})])
    assert fetch(ddb, hashed, {"pk": "same"})["t"] == 1
    assert fetch(ddb, other, {"pk": "same"})["t"] == 2


def test_one_hundred_actions(ddb, tables):
    """CONF transactionLimits: exactly 100 Put actions succeed."""
    hashed, _ = tables
    ddb.transact_write_items(TransactItems=[put_action(hashed, {"pk": f"h{i}", "i": i}) for i in range(100)])
    count = ddb.scan(TableName=hashed, Select="COUNT", ConsistentRead=True)["Count"]
    assert count == 100


# --------------------------------------------------------------------------------------------
# Cancellation: all or nothing, reasons in action order


def test_failed_condition_cancels_every_action(ddb, tables):
    """CONF (exact message and positional codes: 'None' for the actions that would have
    succeeded, 'The conditional request failed' for the failure)."""
    hashed, ranged = tables
    store(ddb, hashed, {"pk": "a"}, n=Decimal(1))
    store(ddb, hashed, {"pk": "b"}, n=Decimal(1))
    with canceled(["None", "ConditionalCheckFailed", "None"]) as info:
        ddb.transact_write_items(TransactItems=[
            update_action(hashed, {"pk": "a"}, "SET n = :two", values={":two": 2}),
            check_action(hashed, {"pk": "b"}, "n = :five", values={":five": 5}),
            put_action(ranged, {"pk": "c", "sk": Decimal(1)}),
        ])
    assert reason_messages(info.reasons) == [None, CONDITION_FAILED, None]
    assert all("Item" not in reason for reason in info.reasons)
    assert fetch(ddb, hashed, {"pk": "a"})["n"] == 1
    assert fetch(ddb, ranged, {"pk": "c", "sk": 1}) is None


@pytest.mark.parametrize("kind", ["Put", "Update", "Delete", "ConditionCheck"])
def test_each_action_type_reports_its_failed_condition(ddb, tables, kind):
    hashed, _ = tables
    store(ddb, hashed, {"pk": "x"}, v="old")
    build = {
        "Put": lambda: put_action(hashed, {"pk": "x", "v": "new"}, condition="attribute_not_exists(pk)"),
        "Update": lambda: update_action(hashed, {"pk": "x"}, "SET v = :n", condition="v = :o",
                                        values={":n": "new", ":o": "other"}),
        "Delete": lambda: delete_action(hashed, {"pk": "x"}, condition="attribute_not_exists(v)"),
        "ConditionCheck": lambda: check_action(hashed, {"pk": "x"}, "v = :o", values={":o": "other"}),
    }
    with canceled(["ConditionalCheckFailed", "None"]):
        ddb.transact_write_items(TransactItems=[build[kind](), put_action(hashed, {"pk": "y"})])
    assert fetch(ddb, hashed, {"pk": "x"}) == {"pk": "x", "v": "old"}
    assert fetch(ddb, hashed, {"pk": "y"}) is None


def test_every_failed_condition_is_reported(ddb, tables):
    """CONF 'two failing actions: multi-reason TransactionCanceledException' (exact)."""
    hashed, _ = tables
    store(ddb, hashed, {"pk": "m1"})
    store(ddb, hashed, {"pk": "m2"})
    with canceled(["ConditionalCheckFailed", "ConditionalCheckFailed"]):
        ddb.transact_write_items(TransactItems=[
            put_action(hashed, {"pk": "m1", "v": 1}, condition="attribute_not_exists(pk)"),
            put_action(hashed, {"pk": "m2", "v": 1}, condition="attribute_not_exists(pk)")])


def test_all_old_returns_the_current_item_of_the_failed_action(ddb, tables):
    """CONF 'returns ALL_OLD item via ReturnValuesOnConditionCheckFailure'; the Item appears only
    where ALL_OLD was asked and the condition failed on an existing item."""
    hashed, _ = tables
    store(ddb, hashed, {"pk": "old"}, data="original")
    store(ddb, hashed, {"pk": "plain"}, data="kept")
    with canceled(["ConditionalCheckFailed", "ConditionalCheckFailed", "None", "ConditionalCheckFailed"]) as info:
        ddb.transact_write_items(TransactItems=[
            put_action(hashed, {"pk": "old", "data": "new"}, condition="attribute_not_exists(pk)",
                       all_old=True),
            check_action(hashed, {"pk": "plain"}, "attribute_not_exists(pk)"),
            delete_action(hashed, {"pk": "fine"}, all_old=True),
            check_action(hashed, {"pk": "missing"}, "attribute_exists(pk)", all_old=True),
        ])
    assert plain(info.reasons[0]["Item"]) == {"pk": "old", "data": "original"}
    assert [("Item" in reason) for reason in info.reasons] == [True, False, False, False]
    assert fetch(ddb, hashed, {"pk": "old"})["data"] == "original"


def test_update_that_fails_on_the_item_is_a_validation_error_reason(ddb, tables):
    """DOCS (TransactionCanceledException: 'An operand in the update expression has an incorrect data
    type' is a ValidationError reason); DDBL TransactionErrorMapper (update errors become reasons)."""
    hashed, _ = tables
    store(ddb, hashed, {"pk": "s"}, n="not a number")
    with canceled(["None", "ValidationError"]) as info:
        ddb.transact_write_items(TransactItems=[
            put_action(hashed, {"pk": "t"}),
            update_action(hashed, {"pk": "s"}, "SET n = n + :one", values={":one": 1})])
    assert info.reasons[1]["Message"] == "An operand in the update expression has an incorrect data type"
    assert fetch(ddb, hashed, {"pk": "t"}) is None


def test_update_past_400_kb_is_a_validation_error_reason(ddb, tables):
    """DOCS ('Item size to update has exceeded the maximum allowed size' is a ValidationError
    reason); DYNX (captured: an update's size depends on the stored item, so it cancels)."""
    hashed, _ = tables
    store(ddb, hashed, {"pk": "big"}, a="x" * 300_000)
    with canceled(["ValidationError"]) as info:
        ddb.transact_write_items(TransactItems=[
            update_action(hashed, {"pk": "big"}, "SET b = :b", values={":b": "y" * 150_000})])
    assert info.reasons[0]["Message"] == "Item size to update has exceeded the maximum allowed size"


@pytest.mark.parametrize("kind", ["Update", "Delete", "ConditionCheck"])
def test_wrong_key_type_is_a_validation_error_reason(ddb, tables, kind):
    """CONF (four regions 2026-06-23, exact): a wrong-typed or non-scalar Key cancels with the
    schema-mismatch reason."""
    hashed, _ = tables
    key = {"pk": Decimal(5)}
    action = {
        "Update": lambda: update_action(hashed, key, "SET a = :v", values={":v": "x"}),
        "Delete": lambda: delete_action(hashed, key),
        "ConditionCheck": lambda: check_action(hashed, key, "attribute_not_exists(pk)"),
    }[kind]()
    with canceled(["ValidationError"]) as info:
        ddb.transact_write_items(TransactItems=[action])
    assert info.reasons[0]["Message"] == NO_SCHEMA_MATCH


def test_put_with_wrong_key_type_is_a_validation_error_reason(ddb, tables):
    """CONF (exact): PutItem's text in the reason."""
    hashed, _ = tables
    with canceled(["None", "ValidationError"]) as info:
        ddb.transact_write_items(TransactItems=[
            put_action(hashed, {"pk": "ok"}), put_action(hashed, {"pk": ["x"]})])
    assert info.reasons[1]["Message"] == ONE + "Type mismatch for key pk expected: S actual: L"
    assert fetch(ddb, hashed, {"pk": "ok"}) is None


def test_update_of_a_key_attribute_is_a_validation_error_reason(ddb, tables):
    """DDBL TransactionErrorMapper: 'Cannot update attribute ...' becomes a ValidationError reason."""
    hashed, _ = tables
    with canceled(["ValidationError"]) as info:
        ddb.transact_write_items(TransactItems=[
            update_action(hashed, {"pk": "k"}, "SET pk = :v", values={":v": "other"})])
    assert info.reasons[0]["Message"] == ONE + "Cannot update attribute pk. This attribute is part of the key"


# --------------------------------------------------------------------------------------------
# Request errors: nothing is written


def test_two_actions_on_one_item(ddb, tables):
    """CONF (exact); DDBL TRANSACT_DUPLICATE_KEY. Numbers are compared by value (1 = 1.0)."""
    hashed, ranged = tables
    with validation_error(DUPLICATE_ITEM):
        ddb.transact_write_items(TransactItems=[
            put_action(hashed, {"pk": "dup"}), put_action(hashed, {"pk": "dup"})])
    with validation_error(DUPLICATE_ITEM):
        ddb.transact_write_items(TransactItems=[
            check_action(ranged, {"pk": "d", "sk": Decimal("1")}, "attribute_exists(pk)"),
            put_action(hashed, {"pk": "other"}),
            update_action(ranged, {"pk": "d", "sk": Decimal("1.0")}, "SET a = :a", values={":a": 1})])
    assert fetch(ddb, hashed, {"pk": "other"}) is None


def test_missing_table(ddb, tables):
    """CONF (exact)."""
    hashed, _ = tables
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.transact_write_items(TransactItems=[
            put_action(hashed, {"pk": "p"}), put_action("no-such-table-tx", {"pk": "x"})])
    assert fetch(ddb, hashed, {"pk": "p"}) is None


@pytest.mark.parametrize("kind", ["Put", "Update", "Delete", "ConditionCheck"])
def test_empty_key_value_fails_the_request(ddb, tables, kind):
    """CONF (exact, four regions): an empty key value is a top-level ValidationException."""
    hashed, _ = tables
    key = {"pk": ""}
    action = {
        "Put": lambda: put_action(hashed, key),
        "Update": lambda: update_action(hashed, key, "SET a = :v", values={":v": "x"}),
        "Delete": lambda: delete_action(hashed, key),
        "ConditionCheck": lambda: check_action(hashed, key, "attribute_not_exists(pk)"),
    }[kind]()
    with validation_error("One or more parameter values are not valid. The AttributeValue for a key "
                          "attribute cannot contain an empty string value. Key: pk"):
        ddb.transact_write_items(TransactItems=[action])


def test_put_item_over_400_kb_fails_the_request(ddb, tables):
    """DYNX (captured: a Put's size is known from the request, a plain ValidationException)."""
    hashed, _ = tables
    with validation_error("Item size has exceeded the maximum allowed size"):
        ddb.transact_write_items(TransactItems=[
            put_action(hashed, {"pk": "ok"}), put_action(hashed, {"pk": "big", "a": "x" * 410_000})])
    assert fetch(ddb, hashed, {"pk": "ok"}) is None


def test_expression_errors_fail_the_request(ddb, tables):
    """An action's expression is checked as the single-item operation checks it."""
    hashed, _ = tables
    with validation_error("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}"):
        ddb.transact_write_items(TransactItems=[
            put_action(hashed, {"pk": "p"}, condition="attribute_exists(pk)", values={":x": 1})])
    with validation_error(startswith="Invalid ConditionExpression: Syntax error; token:"):
        ddb.transact_write_items(TransactItems=[check_action(hashed, {"pk": "p"}, "a = = b")])
    with validation_error(startswith="Invalid UpdateExpression: Syntax error; token:"):
        ddb.transact_write_items(TransactItems=[update_action(hashed, {"pk": "p"}, "SET")])
    with validation_error("ExpressionAttributeValues can only be specified when using expressions"):
        ddb.transact_write_items(TransactItems=[
            delete_action(hashed, {"pk": "p"}, values={":x": 1})])


def test_payload_over_4_mb(ddb, tables):
    """CONF transactionLimits: 12 items of 350 KB fail with ValidationException, 10 succeed. Text:
    DDBL TRANSACT_REQUEST_PAYLOAD_TOO_LARGE ('... Payload Size: <bytes>')."""
    hashed, _ = tables
    big = "x" * 350_000
    with validation_error(startswith="Transaction payload size cannot exceed 4MB. Payload Size: "):
        ddb.transact_write_items(TransactItems=[put_action(hashed, {"pk": f"b{i}", "d": big}) for i in range(12)])
    assert ddb.scan(TableName=hashed, Select="COUNT", ConsistentRead=True)["Count"] == 0
    ddb.transact_write_items(TransactItems=[put_action(hashed, {"pk": f"b{i}", "d": big}) for i in range(10)])
    assert all(fetch(ddb, hashed, {"pk": f"b{i}"})["d"] == big for i in range(10))


# --------------------------------------------------------------------------------------------
# ConsumedCapacity


def test_capacity_is_twice_the_single_item_cost(ddb, tables):
    """CONF 'charges 2 write capacity units per item'; DOCS (AWS CLI example: CapacityUnits and
    WriteCapacityUnits per table); DDBL (Table carries WriteCapacityUnits under INDEXES)."""
    hashed, ranged = tables
    store(ddb, ranged, {"pk": "c", "sk": Decimal(1)}, d="y" * 1500)
    response = ddb.transact_write_items(ReturnConsumedCapacity="TOTAL", TransactItems=[
        put_action(hashed, {"pk": "p1"}),
        put_action(hashed, {"pk": "p2", "d": "x" * 1500}),
        check_action(ranged, {"pk": "c", "sk": 1}, "attribute_exists(pk)"),
        delete_action(ranged, {"pk": "gone", "sk": 2}),
    ])
    assert response["ConsumedCapacity"] == [
        {"TableName": hashed, "CapacityUnits": 6.0, "WriteCapacityUnits": 6.0},
        {"TableName": ranged, "CapacityUnits": 6.0, "WriteCapacityUnits": 6.0},
    ]
    response = ddb.transact_write_items(ReturnConsumedCapacity="INDEXES", TransactItems=[
        update_action(hashed, {"pk": "p1"}, "SET a = :a", values={":a": 1})])
    assert response["ConsumedCapacity"] == [{
        "TableName": hashed, "CapacityUnits": 2.0, "WriteCapacityUnits": 2.0,
        "Table": {"CapacityUnits": 2.0, "WriteCapacityUnits": 2.0}}]


def test_item_collection_metrics_size(ddb, tables):
    hashed, _ = tables
    response = ddb.transact_write_items(ReturnItemCollectionMetrics="SIZE",
                                        TransactItems=[put_action(hashed, {"pk": "m"})])
    assert response["ItemCollectionMetrics"] == {}


# --------------------------------------------------------------------------------------------
# Secondary indexes: maintained with the items; index key values checked as PutItem/UpdateItem do


@pytest.fixture
def indexed(ddb):
    return create_table(
        ddb, unique_name("txg"), ExtraAttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "byg", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}])


def test_wrong_index_key_type_is_a_validation_error_reason(ddb, indexed):
    """CONF (exact, eu-west-2): Put and Update with a wrong-typed index key cancel with a
    ValidationError reason."""
    store(ddb, indexed, {"pk": "u"}, g="x")
    expected = ONE + "Type mismatch for Index Key g Expected: S Actual: N IndexName: byg"
    with canceled(["ValidationError"]) as info:
        ddb.transact_write_items(TransactItems=[put_action(indexed, {"pk": "p", "g": Decimal(5)})])
    assert info.reasons[0]["Message"] == expected
    with canceled(["ValidationError"]) as info:
        ddb.transact_write_items(TransactItems=[
            update_action(indexed, {"pk": "u"}, "SET g = :v", values={":v": Decimal(5)})])
    assert info.reasons[0]["Message"] == expected
    assert fetch(ddb, indexed, {"pk": "u"})["g"] == "x"


def test_empty_index_key_value_fails_the_request(ddb, indexed):
    """CONF (exact): top-level ValidationException, worded differently for Put and Update."""
    store(ddb, indexed, {"pk": "u"}, g="x")
    with validation_error("One or more parameter values are not valid. A value specified for a secondary "
                          "index key is not supported. The AttributeValue for a key attribute cannot "
                          "contain an empty string value. IndexName: byg, IndexKey: g"):
        ddb.transact_write_items(TransactItems=[put_action(indexed, {"pk": "p", "g": ""})])
    with validation_error("One or more parameter values are not valid. The update expression attempted to "
                          "update a secondary index key to a value that is not supported. The AttributeValue "
                          "for a key attribute cannot contain an empty string value."):
        ddb.transact_write_items(TransactItems=[update_action(indexed, {"pk": "u"}, "SET g = :v",
                                                              values={":v": ""})])


def test_index_capacity_is_not_doubled(ddb, indexed):
    """DYNX (captured: a transactional put of an indexed item costs table 2 and the GSI 1)."""
    response = ddb.transact_write_items(ReturnConsumedCapacity="INDEXES", TransactItems=[
        put_action(indexed, {"pk": "a", "g": "x"}), put_action(indexed, {"pk": "b"})])
    assert response["ConsumedCapacity"] == [{
        "TableName": indexed, "CapacityUnits": 5.0, "WriteCapacityUnits": 5.0,
        "Table": {"CapacityUnits": 4.0, "WriteCapacityUnits": 4.0},
        "GlobalSecondaryIndexes": {"byg": {"CapacityUnits": 1.0, "WriteCapacityUnits": 1.0}}}]

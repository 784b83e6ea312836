"""TransactGetItems: up to 100 Gets across tables from one snapshot, a projection per Get, empty
responses for missing items, ConsumedCapacity, and its errors.

Sources: see transact_helpers.py.
"""

from decimal import Decimal

import pytest

from ddbd_testlib import ddb_error
from expr_helpers import plain, validation_error
from read_helpers import NO_SCHEMA_MATCH, NOT_FOUND, make_hash_table, make_range_table, put_all
from transact_helpers import DUPLICATE_ITEM, canceled, get_action, put_action, store


@pytest.fixture
def tables(ddb):
    return make_hash_table(ddb, "tgh"), make_range_table(ddb, "N", "tgr")


def test_gets_across_tables_in_request_order(ddb, tables):
    """CONF transactGet (basic, cross-table, missing items answer an empty object)."""
    hashed, ranged = tables
    store(ddb, hashed, {"pk": "a"}, v="ha")
    store(ddb, ranged, {"pk": "a", "sk": Decimal(1)}, v="ra", extra="e")
    response = ddb.transact_get_items(TransactItems=[
        get_action(ranged, {"pk": "a", "sk": 1}),
        get_action(hashed, {"pk": "missing"}),
        get_action(hashed, {"pk": "a"}),
    ])
    assert "ConsumedCapacity" not in response
    responses = response["Responses"]
    assert [plain(r.get("Item")) for r in responses] == [
        {"pk": "a", "sk": 1, "v": "ra", "extra": "e"}, None, {"pk": "a", "v": "ha"}]
    assert responses[1] == {}


def test_projection_per_get(ddb, tables):
    hashed, ranged = tables
    store(ddb, hashed, {"pk": "p"}, a=1, b={"c": 2, "d": 3})
    store(ddb, ranged, {"pk": "p", "sk": Decimal(1)}, a=1, b=2)
    response = ddb.transact_get_items(TransactItems=[
        get_action(hashed, {"pk": "p"}, projection="#b.c, a", names={"#b": "b"}),
        get_action(ranged, {"pk": "p", "sk": 1}, projection="sk"),
        get_action(hashed, {"pk": "nothing"}, projection="a"),
    ])
    assert [plain(r.get("Item")) for r in response["Responses"]] == [
        {"a": 1, "b": {"c": 2}}, {"sk": 1}, None]


def test_one_hundred_gets(ddb, tables):
    """CONF transactionLimits: exactly 100 Gets succeed."""
    hashed, _ = tables
    put_all(ddb, hashed, [{"pk": f"k{i}", "i": i} for i in range(0, 100, 7)])
    response = ddb.transact_get_items(TransactItems=[get_action(hashed, {"pk": f"k{i}"}) for i in range(100)])
    found = [plain(r["Item"])["i"] for r in response["Responses"] if "Item" in r]
    assert len(response["Responses"]) == 100
    assert found == list(range(0, 100, 7))


def test_capacity_is_two_units_per_4_kb_even_for_missing_items(ddb, tables):
    """CONF transactGet ConsumedCapacity (live: 2 per requested item, a missing one included;
    INDEXES carries Table.ReadCapacityUnits)."""
    hashed, ranged = tables
    store(ddb, hashed, {"pk": "small"}, v=1)
    store(ddb, ranged, {"pk": "large", "sk": Decimal(1)}, d="x" * 5000)
    response = ddb.transact_get_items(ReturnConsumedCapacity="TOTAL", TransactItems=[
        get_action(hashed, {"pk": "small"}), get_action(hashed, {"pk": "missing"}),
        get_action(ranged, {"pk": "large", "sk": 1}, projection="pk")])
    assert response["ConsumedCapacity"] == [
        {"TableName": hashed, "CapacityUnits": 4.0, "ReadCapacityUnits": 4.0},
        {"TableName": ranged, "CapacityUnits": 4.0, "ReadCapacityUnits": 4.0},
    ]
    response = ddb.transact_get_items(ReturnConsumedCapacity="INDEXES",
                                      TransactItems=[get_action(hashed, {"pk": "small"})])
    assert response["ConsumedCapacity"] == [{
        "TableName": hashed, "CapacityUnits": 2.0, "ReadCapacityUnits": 2.0,
        "Table": {"CapacityUnits": 2.0, "ReadCapacityUnits": 2.0}}]


def test_sees_a_transaction_whole(ddb, tables):
    hashed, ranged = tables
    ddb.transact_write_items(TransactItems=[
        put_action(hashed, {"pk": "w", "v": 1}), put_action(ranged, {"pk": "w", "sk": Decimal(1), "v": 1})])
    response = ddb.transact_get_items(TransactItems=[
        get_action(hashed, {"pk": "w"}), get_action(ranged, {"pk": "w", "sk": 1})])
    assert [plain(r["Item"])["v"] for r in response["Responses"]] == [1, 1]


# --------------------------------------------------------------------------------------------
# Errors


def test_missing_table(ddb, tables):
    """CONF (exact)."""
    hashed, _ = tables
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.transact_get_items(TransactItems=[get_action(hashed, {"pk": "a"}),
                                              get_action("no-such-table-tg", {"pk": "a"})])


def test_projection_syntax_error(ddb, tables):
    """CONF (exact): a request-level ValidationException."""
    hashed, _ = tables
    with validation_error('Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"'):
        ddb.transact_get_items(TransactItems=[get_action(hashed, {"pk": "a"}, projection="!!!")])


def test_key_not_matching_the_schema_cancels(ddb, tables):
    """CONF (exact): an empty Key cancels with a ValidationError reason."""
    hashed, _ = tables
    with canceled(["ValidationError"]) as info:
        ddb.transact_get_items(TransactItems=[{"Get": {"TableName": hashed, "Key": {}}}])
    assert info.reasons[0]["Message"] == NO_SCHEMA_MATCH
    with canceled(["None", "ValidationError"]):
        ddb.transact_get_items(TransactItems=[
            get_action(hashed, {"pk": "a"}), get_action(hashed, {"pk": Decimal(1)})])


def test_two_gets_of_one_item(ddb, tables):
    """CONF transactGet (ValidationException); text: DDBL TRANSACT_DUPLICATE_KEY."""
    hashed, _ = tables
    with validation_error(DUPLICATE_ITEM):
        ddb.transact_get_items(TransactItems=[get_action(hashed, {"pk": "a"}), get_action(hashed, {"pk": "a"})])


def test_empty_key_value(ddb, tables):
    hashed, _ = tables
    with validation_error("One or more parameter values are not valid. The AttributeValue for a key "
                          "attribute cannot contain an empty string value. Key: pk"):
        ddb.transact_get_items(TransactItems=[get_action(hashed, {"pk": ""})])


def test_response_over_4_mb(ddb, tables):
    """DOCS: the aggregate size of the items read cannot exceed 4 MB. Text: DDBL
    TRANSACT_RESPONSE_PAYLOAD_TOO_LARGE."""
    hashed, _ = tables
    big = "x" * 390_000
    for i in range(11):
        store(ddb, hashed, {"pk": f"b{i}"}, d=big)
    with validation_error(startswith="Payload in response is too large."):
        ddb.transact_get_items(TransactItems=[get_action(hashed, {"pk": f"b{i}"}) for i in range(11)])
    response = ddb.transact_get_items(TransactItems=[get_action(hashed, {"pk": f"b{i}"}, projection="pk")
                                                     for i in range(11)])
    assert len(response["Responses"]) == 11

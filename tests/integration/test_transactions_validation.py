"""TransactWriteItems and TransactGetItems request validation that boto3 would refuse to send: the
TransactItems list (absent, empty, over 100), members that must not be null, enums, the token's
length and the shape of each TransactWriteItem. Raw signed requests.

Sources: see transact_helpers.py.
"""

import pytest

from ddbd_testlib import constraint, envelope_items
from read_helpers import assert_raw_validation, make_hash_table, raw_error

ONE_ERROR = "1 validation error detected: "
# CONF (exact, live) for both operations.
EMPTY_LIST = ONE_ERROR + "Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"
# CONF (anchored regex, live): the list is echoed in its Java toString form.
OVER_100 = (r"1 validation error detected: Value '\[.+\]' at 'transactItems' failed to satisfy constraint: "
            r"Member must have length less than or equal to 100")


@pytest.fixture(scope="module")
def table(ddb):
    return make_hash_table(ddb, "txv")


def put_item(table, pk):
    return {"Put": {"TableName": table, "Item": {"pk": {"S": pk}}}}


@pytest.mark.parametrize("operation", ["TransactWriteItems", "TransactGetItems"])
def test_empty_transact_items(endpoint, operation):
    assert_raw_validation(endpoint, operation, {"TransactItems": []}, expected=EMPTY_LIST)


def test_absent_transact_items(endpoint):
    """By analogy with the empty list (DDBL TRANSACT_WRITE_NULL_REQUESTS words the constraint)."""
    message = assert_raw_validation(endpoint, "TransactWriteItems", {})
    assert envelope_items(message) == [constraint(None, "transactItems", "Member must not be null")]


def test_over_100_write_actions(endpoint, table):
    items = [put_item(table, f"k{i}") for i in range(101)]
    message = assert_raw_validation(endpoint, "TransactWriteItems", {"TransactItems": items}, pattern=OVER_100)
    assert message.startswith(ONE_ERROR + "Value '[TransactWriteItem(conditionCheck=null, put=Put(item={pk="), message


def test_over_100_gets(endpoint, table):
    items = [{"Get": {"TableName": table, "Key": {"pk": {"S": f"k{i}"}}}} for i in range(101)]
    assert_raw_validation(endpoint, "TransactGetItems", {"TransactItems": items}, pattern=OVER_100)


def test_members_that_must_not_be_null(endpoint, table):
    """DDBL TransactionErrorMapper ('transactItems.<n>.member.<action>.<member>', counted from 1) and
    the conditionExpression / updateExpression constraints of handleConditionCheckRequest."""
    payload = {"TransactItems": [
        {"Put": {"TableName": table}},
        {"Update": {"TableName": table, "Key": {"pk": {"S": "a"}}}},
        {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "b"}}}},
        {"Delete": {"Key": {"pk": {"S": "c"}}}},
    ]}
    message = assert_raw_validation(endpoint, "TransactWriteItems", payload)
    assert sorted(envelope_items(message)) == sorted([
        constraint(None, "transactItems.1.member.put.item", "Member must not be null"),
        constraint(None, "transactItems.2.member.update.updateExpression", "Member must not be null"),
        constraint(None, "transactItems.3.member.conditionCheck.conditionExpression", "Member must not be null"),
        constraint(None, "transactItems.4.member.delete.tableName", "Member must not be null"),
    ])


def test_enums_and_token_length(endpoint, table):
    payload = {
        "TransactItems": [{"Delete": {"TableName": table, "Key": {"pk": {"S": "a"}},
                                      "ReturnValuesOnConditionCheckFailure": "SOME"}}],
        "ReturnConsumedCapacity": "ALL",
        "ClientRequestToken": "t" * 37,
    }
    message = assert_raw_validation(endpoint, "TransactWriteItems", payload)
    assert sorted(envelope_items(message)) == sorted([
        constraint("SOME", "transactItems.1.member.delete.returnValuesOnConditionCheckFailure",
                   "Member must satisfy enum value set: [ALL_OLD, NONE]"),
        constraint("ALL", "returnConsumedCapacity", "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"),
        constraint("t" * 37, "clientRequestToken", "Member must have length less than or equal to 36"),
    ])


def test_action_shapes(endpoint, table):
    """DDBL TRANSACT_WRITE_NO_OPERATIONS and TRANSACT_WRITE_MULTIPLE_OPERATIONS."""
    assert_raw_validation(
        endpoint, "TransactWriteItems", {"TransactItems": [put_item(table, "a"), {}]},
        expected="Invalid Request: TransactWriteRequest should contain Delete or Put or Update request")
    both = {"Put": {"TableName": table, "Item": {"pk": {"S": "a"}}},
            "Delete": {"TableName": table, "Key": {"pk": {"S": "b"}}}}
    assert_raw_validation(endpoint, "TransactWriteItems", {"TransactItems": [both]},
                          expected="TransactItems can only contain one of Check, Put, Update or Delete")


def test_get_members_that_must_not_be_null(endpoint, table):
    payload = {"TransactItems": [{}, {"Get": {"TableName": table}}]}
    message = assert_raw_validation(endpoint, "TransactGetItems", payload)
    assert sorted(envelope_items(message)) == sorted([
        constraint(None, "transactItems.1.member.get", "Member must not be null"),
        constraint(None, "transactItems.2.member.get.key", "Member must not be null"),
    ])


def test_wrong_json_types_are_serialization_errors(endpoint, table):
    status, kind, _ = raw_error(endpoint, "TransactWriteItems", {"TransactItems": {"Put": {}}})
    assert (status, kind) == (400, "SerializationException")
    status, kind, _ = raw_error(endpoint, "TransactWriteItems",
                                {"TransactItems": [{"Put": {"TableName": table, "Item": []}}]})
    assert (status, kind) == (400, "SerializationException")

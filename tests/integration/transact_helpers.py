"""Helpers shared by the transaction tests (test_transactions*.py).

Sources of the expected texts (DYNAMODB_MESSAGES.md, "Transactions"): CONF (nubo-db/dynamodb-conformance
tests/tier2/transactions/*.test.ts, tests/tier3/error-messages/transact{Write,Get}Items.test.ts and
tests/tier3/limits/transactionLimits.test.ts, run against live DynamoDB in 2026), DDBL (DynamoDB Local
decompiled: TransactWriteItemsFunction, TransactGetItemsFunction, TransactionErrorMapper,
LocalDBClientExceptionMessage, AWSExceptionFactory), DYNX (nubo-db/dynoxide, kept in step with CONF's
captures), MOTO (getmoto/moto dynamodb exceptions), DOCS (the DynamoDB developer guide and the AWS CLI
transact-write-items example).
"""

import contextlib

from ddbd_testlib import ddb_error
from expr_helpers import plain, wire

CANCELED_PREFIX = "Transaction cancelled, please refer cancellation reasons for specific reasons ["
CONDITION_FAILED = "The conditional request failed"
DUPLICATE_ITEM = "Transaction request cannot include multiple operations on one item"  # CONF (exact)


def store(ddb, table, key, **attributes):
    """PutItem of key + attributes, all Python values."""
    ddb.put_item(TableName=table, Item=wire({**key, **attributes}))


def fetch(ddb, table, key):
    """The stored item (consistent read) as Python values, or None; `key` in Python values."""
    return plain(ddb.get_item(TableName=table, Key=wire(key), ConsistentRead=True).get("Item"))


def canceled_message(codes):
    """CONF (exact, live): the codes of every action, in request order."""
    return CANCELED_PREFIX + ", ".join(codes) + "]"


def put_action(table, item, condition=None, names=None, values=None, all_old=False):
    action = {"TableName": table, "Item": wire(item)}
    return {"Put": _with_expression(action, condition, names, values, all_old)}


def update_action(table, key, update, condition=None, names=None, values=None, all_old=False):
    action = {"TableName": table, "Key": wire(key), "UpdateExpression": update}
    return {"Update": _with_expression(action, condition, names, values, all_old)}


def delete_action(table, key, condition=None, names=None, values=None, all_old=False):
    action = {"TableName": table, "Key": wire(key)}
    return {"Delete": _with_expression(action, condition, names, values, all_old)}


def check_action(table, key, condition, names=None, values=None, all_old=False):
    action = {"TableName": table, "Key": wire(key)}
    return {"ConditionCheck": _with_expression(action, condition, names, values, all_old)}


def get_action(table, key, projection=None, names=None):
    action = {"TableName": table, "Key": wire(key)}
    if projection is not None:
        action["ProjectionExpression"] = projection
    if names is not None:
        action["ExpressionAttributeNames"] = names
    return {"Get": action}


def _with_expression(action, condition, names, values, all_old):
    if condition is not None:
        action["ConditionExpression"] = condition
    if names is not None:
        action["ExpressionAttributeNames"] = names
    if values is not None:
        action["ExpressionAttributeValues"] = wire(values)
    if all_old:
        action["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    return action


@contextlib.contextmanager
def canceled(codes):
    """TransactionCanceledException with exactly these reason codes (message and CancellationReasons);
    info.reasons holds the reasons."""
    with ddb_error("TransactionCanceledException", canceled_message(codes)) as info:
        yield info
    info.reasons = info.response["CancellationReasons"]
    assert [reason["Code"] for reason in info.reasons] == list(codes), info.reasons


def reason_messages(reasons):
    return [reason.get("Message") for reason in reasons]

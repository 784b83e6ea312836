"""Helpers shared by the Query, Scan, BatchGetItem, BatchWriteItem, paging and read-capacity tests.

Expected texts carry their source in a comment next to the assertion. Tags as in expr_helpers.py:
CONF (nubo-db/dynamodb-conformance, live DynamoDB 2026: tests/tier3/error-messages/{query,scan,
batchGetItem,batchWriteItem}.test.ts, tests/tier1/{query,scan}/*.test.ts, captures/*.json), DL
(architect/dynalite test/{query,scan,batchGetItem,batchWriteItem}.js, validations/*.js and
actions/*.js, once checked against DynamoDB), ALT (scylladb test/alternator/test_{query,scan,batch,
key_condition_expression,returnconsumedcapacity}.py, run against DynamoDB), DDBL (DynamoDB Local's
decompiled com/amazonaws/services/dynamodbv2/local/shared/validate/ErrorFactory.java), DOCS (the
DynamoDB API reference and developer guide).
"""

import re

from ddbd_testlib import call_raw, create_table, unique_name
from expr_helpers import ENVELOPE, plain, wire

NOT_FOUND = "Requested resource not found"
NO_SCHEMA_MATCH = "The provided key element does not match the schema"
DUPLICATE_KEYS = "Provided list of item keys contains duplicates"
ONE = "One or more parameter values were invalid: "


# --------------------------------------------------------------------------------------------
# Tables and items


def make_range_table(ddb, sort_type="S", prefix="rd", hash_type="S", **extra):
    """A fresh PAY_PER_REQUEST table with hash key pk and range key sk of `sort_type`."""
    return create_table(ddb, unique_name(prefix), hash_key=("pk", hash_type), range_key=("sk", sort_type), **extra)


def make_hash_table(ddb, prefix="rd", hash_type="S"):
    return create_table(ddb, unique_name(prefix), hash_key=("pk", hash_type))


def put_all(ddb, table, items):
    """Writes Python-valued items one PutItem at a time (no dependency on BatchWriteItem)."""
    for item in items:
        ddb.put_item(TableName=table, Item=wire(item))


def write_many(ddb_resource, table, items):
    """Writes Python-valued items through boto3's batch_writer (BatchWriteItem, 25 at a time)."""
    with ddb_resource.Table(table).batch_writer() as batch:
        for item in items:
            batch.put_item(Item=item)


def plains(items):
    return [plain(item) for item in items]


def keys_of(items, names=("pk", "sk")):
    """The key tuple of each Python-valued item, in order."""
    return [tuple(item[name] for name in names if name in item) for item in items]


# --------------------------------------------------------------------------------------------
# Paging


def pages(call, **kwargs):
    """Calls `call` (ddb.query or ddb.scan) page after page until no LastEvaluatedKey; returns the
    list of responses. Stops with an assertion after 10,000 pages."""
    responses = []
    start = None
    for _ in range(10000):
        args = dict(kwargs)
        if start is not None:
            args["ExclusiveStartKey"] = start
        response = call(**args)
        responses.append(response)
        start = response.get("LastEvaluatedKey")
        if start is None:
            return responses
    raise AssertionError("paging did not end after 10,000 pages")


def all_items(call, **kwargs):
    """Every item of every page, in order, as DynamoDB JSON."""
    return [item for page in pages(call, **kwargs) for item in page.get("Items", [])]


def query_values(ddb, table, pk, attr="sk", **kwargs):
    """Runs `pk = :pk` (plus any KeyConditionExpression override in kwargs) through every page and
    returns the Python values of `attr`, in order."""
    names = dict(kwargs.pop("ExpressionAttributeNames", {}))
    values = dict(kwargs.pop("ExpressionAttributeValues", {}))
    values[":pk"] = pk
    condition = kwargs.pop("KeyConditionExpression", "pk = :pk")
    args = dict(TableName=table, KeyConditionExpression=condition,
                ExpressionAttributeValues=wire(values), **kwargs)
    if names:
        args["ExpressionAttributeNames"] = names
    return [plain(item)[attr] for item in all_items(ddb.query, **args)]


# --------------------------------------------------------------------------------------------
# Messages


def matches_envelope_or_bare(message, expected):
    """DynamoDB wraps some request-validation messages in the constraint envelope in some regions
    and on some operations (CONF: Query wraps SPECIFIC_ATTRIBUTES and COUNT+projection, Scan does
    not); the tests accept both."""
    return message in (expected, ENVELOPE + expected)


def raw_error(endpoint, operation, payload):
    """A signed raw call that bypasses boto3's parameter validation; returns (status, __type suffix,
    message) of the error answer."""
    response = call_raw(endpoint, operation, payload)
    body = response.json()
    kind = body.get("__type", "").rsplit("#", 1)[-1]
    message = body.get("message", body.get("Message"))
    return response.status, kind, message


def assert_raw_validation(endpoint, operation, payload, expected=None, pattern=None):
    """The raw call fails with a 400 ValidationException whose message equals `expected` (with or
    without the envelope) or matches the regular expression `pattern`."""
    status, kind, message = raw_error(endpoint, operation, payload)
    assert (status, kind) == (400, "ValidationException"), (status, kind, message)
    if expected is not None:
        assert matches_envelope_or_bare(message, expected), f"expected {expected!r}, got {message!r}"
    if pattern is not None:
        assert re.fullmatch(pattern, message or "", re.S), f"{message!r} does not match {pattern!r}"
    return message


def capacity(response):
    return response["ConsumedCapacity"]


def capacities_by_table(response):
    """BatchGetItem/BatchWriteItem: ConsumedCapacity is a list with one entry per table."""
    entries = response["ConsumedCapacity"]
    assert isinstance(entries, list), entries
    by_table = {entry["TableName"]: entry for entry in entries}
    assert len(by_table) == len(entries), f"a table appears twice: {entries}"
    return by_table

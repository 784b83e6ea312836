"""Helpers for the secondary index tests (test_indexes*.py).

Sources of expected behaviour and texts, cited in the tests: CONF (nubo-db/dynamodb-conformance,
live DynamoDB 2026: tests/tier1/{query,scan}/{gsi,lsi,select,gsiPagination,lsiPagination,
gsiHashOnlyPagination}.test.ts, tests/tier1/putItem/indexConsumedCapacity.test.ts,
tests/tier2/updateTable/gsi.test.ts, tests/tier3/error-messages/putItem.test.ts), MV (moto's
AWS-verified tests: test_dynamodb_multi_attribute_gsi.py and the Select/projection tests), DL
(architect/dynalite test/*.js, once checked against DynamoDB), DYNX (nubo-db/dynoxide, kept in step
with live captures), DOCS (the DynamoDB developer guide: "Multi-attribute keys pattern", "Global
secondary indexes", "Local secondary indexes"). GSIs are eventually consistent in DynamoDB, so the
tests read them through wait_for_index, which polls.
"""

import time

from ddbd_testlib import create_table, unique_name, wait_active
from expr_helpers import plain, wire
from read_helpers import all_items

ONE = "One or more parameter values were invalid: "


def gsi(name, hash_keys, range_keys=(), projection="ALL", non_key=None, throughput=None):
    """A GlobalSecondaryIndexes element; hash_keys/range_keys are names or lists of names."""
    if isinstance(hash_keys, str):
        hash_keys = [hash_keys]
    if isinstance(range_keys, str):
        range_keys = [range_keys]
    keys = [{"AttributeName": k, "KeyType": "HASH"} for k in hash_keys]
    keys += [{"AttributeName": k, "KeyType": "RANGE"} for k in range_keys]
    index = {"IndexName": name, "KeySchema": keys, "Projection": {"ProjectionType": projection}}
    if non_key is not None:
        index["Projection"]["NonKeyAttributes"] = list(non_key)
    if throughput is not None:
        index["ProvisionedThroughput"] = throughput
    return index


def lsi(name, range_key, projection="ALL", non_key=None, hash_key="pk"):
    """A LocalSecondaryIndexes element (the table's hash key and another range key)."""
    return gsi(name, hash_key, range_key, projection, non_key)


def defs(**types):
    """AttributeDefinitions for extra key attributes: defs(g="S", n="N")."""
    return [{"AttributeName": name, "AttributeType": kind} for name, kind in types.items()]


def make_indexed_table(ddb, range_key=("sk", "S"), gsis=(), lsis=(), prefix="ix", **types):
    """A fresh PAY_PER_REQUEST table pk (S) [+ range_key] with the given indexes, ACTIVE."""
    extra = {}
    if gsis:
        extra["GlobalSecondaryIndexes"] = list(gsis)
    if lsis:
        extra["LocalSecondaryIndexes"] = list(lsis)
    return create_table(ddb, unique_name(prefix), range_key=range_key,
                        ExtraAttributeDefinitions=defs(**types), **extra)


def index_query(ddb, table, index, condition, values, names=None, **kwargs):
    """Every item of a Query on `index` (all pages), as Python values."""
    args = dict(TableName=table, IndexName=index, KeyConditionExpression=condition,
                ExpressionAttributeValues=wire(values), **kwargs)
    if names:
        args["ExpressionAttributeNames"] = names
    return [plain(item) for item in all_items(ddb.query, **args)]


def wait_for_index(ddb, table, index, condition, values, expected, names=None, timeout=30.0):
    """Polls a Query on `index` until it returns `expected` items (GSIs are eventually consistent
    in DynamoDB); returns the items."""
    deadline = time.monotonic() + timeout
    while True:
        items = index_query(ddb, table, index, condition, values, names)
        if len(items) == expected or time.monotonic() > deadline:
            assert len(items) == expected, f"{len(items)} items in {index}, expected {expected}"
            return items
        time.sleep(0.05)


def describe_index(ddb, table, name):
    description = ddb.describe_table(TableName=table)["Table"]
    for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        for index in description.get(kind, []):
            if index["IndexName"] == name:
                return index
    return None


def wait_index_active(ddb, table, timeout=120.0):
    """Waits until the table and every GSI are ACTIVE (an index being built is CREATING)."""
    return wait_active(ddb, table, timeout=timeout)


def sorted_values(items, attr):
    return sorted(item[attr] for item in items)

"""Query and Scan on secondary indexes: order, key conditions, paging in both directions (with ties
on the index key), LastEvaluatedKey, parallel scan, and the checks DynamoDB makes on IndexName,
ConsistentRead, key conditions and filters. Sources: index_helpers.py.
"""

from decimal import Decimal

import pytest

from ddbd_testlib import ddb_error
from expr_helpers import plain, wire
from index_helpers import gsi, index_query, lsi, make_indexed_table, wait_for_index
from read_helpers import pages

SORTS = [Decimal(v) for v in ("-12.5", "-1", "0", "0.25", "3", "3", "3", "17", "100", "1e10")]


@pytest.fixture(scope="module")
def indexed(ddb):
    """pk/sk table: GSI "by_g" (g HASH, n RANGE N), hash-only GSI "by_h" (g), LSI "by_l" (pk, l).
    Partition g=G holds the SORTS values (three of them tied at 3), one item each."""
    table = make_indexed_table(ddb, gsis=[gsi("by_g", "g", "n"), gsi("by_h", "g")],
                               lsis=[lsi("by_l", "l")], g="S", n="N", l="S")
    for i, n in enumerate(SORTS):
        ddb.put_item(TableName=table, Item=wire({
            "pk": "P", "sk": f"s{i:02}", "g": "G", "n": n, "l": f"l{i % 3}", "v": i}))
    ddb.put_item(TableName=table, Item=wire({"pk": "Q", "sk": "x", "g": "H", "n": 1, "l": "l0"}))
    wait_for_index(ddb, table, "by_g", "g = :g", {":g": "G"}, len(SORTS))
    return table


def page_through(ddb, table, index, limit, forward=True, **extra):
    responses = pages(ddb.query, TableName=table, IndexName=index, Limit=limit,
                      ScanIndexForward=forward, **extra)
    return responses, [plain(item) for page in responses for item in page.get("Items", [])]


@pytest.mark.parametrize("forward", [True, False])
@pytest.mark.parametrize("limit", [1, 2, 3, 7, 100])
def test_gsi_pages_in_sort_order_both_ways(ddb, indexed, forward, limit):
    responses, items = page_through(
        ddb, indexed, "by_g", limit, forward, KeyConditionExpression="g = :g",
        ExpressionAttributeValues=wire({":g": "G"}))
    expected = sorted(SORTS) if forward else sorted(SORTS, reverse=True)
    assert [item["n"] for item in items] == expected
    assert sorted(item["sk"] for item in items) == [f"s{i:02}" for i in range(len(SORTS))]
    for response in responses:
        if "LastEvaluatedKey" in response:
            # CONF: the index keys and the table keys.
            assert set(response["LastEvaluatedKey"]) == {"g", "n", "pk", "sk"}


@pytest.mark.parametrize("condition, values, expected", [
    ("g = :g AND n = :n", {":n": 3}, [3, 3, 3]),
    ("g = :g AND n < :n", {":n": 0}, [-12.5, -1]),
    ("g = :g AND n <= :n", {":n": 0}, [-12.5, -1, 0]),
    ("g = :g AND n > :n", {":n": 3}, [17, 100, 1e10]),
    ("g = :g AND n >= :n", {":n": 17}, [17, 100, 1e10]),
    ("g = :g AND n BETWEEN :a AND :b", {":a": -1, ":b": 3}, [-1, 0, 0.25, 3, 3, 3]),
    ("g = :g AND :n < n", {":n": 99}, [100, 1e10]),
])
def test_gsi_sort_key_conditions(ddb, indexed, condition, values, expected):
    values = {key: Decimal(str(value)) for key, value in values.items()}
    items = index_query(ddb, indexed, "by_g", condition, {":g": "G", **values})
    assert [item["n"] for item in items] == [Decimal(str(v)) for v in expected]


@pytest.mark.parametrize("forward", [True, False])
def test_hash_only_gsi_pages_through_every_item(ddb, indexed, forward):
    # CONF gsiHashOnlyPagination: items share the GSI hash; the continuation carries the table key.
    responses, items = page_through(ddb, indexed, "by_h", 3, forward, KeyConditionExpression="g = :g",
                                    ExpressionAttributeValues=wire({":g": "G"}))
    assert sorted(item["sk"] for item in items) == [f"s{i:02}" for i in range(len(SORTS))]
    assert len(responses) == 4
    assert set(responses[0]["LastEvaluatedKey"]) == {"g", "pk", "sk"}


@pytest.mark.parametrize("forward", [True, False])
def test_lsi_pages_through_ties_both_ways(ddb, indexed, forward):
    # CONF lsi.test.ts "LSI pagination across tied sort keys"
    responses, items = page_through(ddb, indexed, "by_l", 2, forward, ConsistentRead=True,
                                    KeyConditionExpression="pk = :p",
                                    ExpressionAttributeValues=wire({":p": "P"}))
    ls = [item["l"] for item in items]
    assert ls == sorted(ls, reverse=not forward)
    assert sorted(item["sk"] for item in items) == [f"s{i:02}" for i in range(len(SORTS))]
    assert set(responses[0]["LastEvaluatedKey"]) == {"pk", "sk", "l"}
    begins = index_query(ddb, indexed, "by_l", "pk = :p AND begins_with(l, :b)",
                         {":p": "P", ":b": "l1"})
    assert {item["sk"] for item in begins} == {f"s{i:02}" for i in range(1, len(SORTS), 3)}


def test_scan_on_indexes_pages_and_splits(ddb, indexed):
    # CONF scan/gsiPagination, scan/lsiPagination: every item once across pages.
    for index, count in (("by_g", len(SORTS) + 1), ("by_h", len(SORTS) + 1), ("by_l", len(SORTS) + 1)):
        items = [item for page in pages(ddb.scan, TableName=indexed, IndexName=index, Limit=3)
                 for item in page.get("Items", [])]
        assert len(items) == count
        assert len({(item["pk"]["S"], item["sk"]["S"]) for item in items}) == count
    segments = [item for segment in range(4)
                for page in pages(ddb.scan, TableName=indexed, IndexName="by_g", Segment=segment,
                                  TotalSegments=4, Limit=2)
                for item in page.get("Items", [])]
    assert len(segments) == len(SORTS) + 1
    count = ddb.scan(TableName=indexed, IndexName="by_g", Select="COUNT",
                     FilterExpression="v < :v", ExpressionAttributeValues=wire({":v": 3}))
    assert (count["Count"], count["ScannedCount"]) == (3, len(SORTS) + 1)


def test_index_reads_report_index_capacity(ddb, indexed):
    query = ddb.query(TableName=indexed, IndexName="by_g", KeyConditionExpression="g = :g",
                      ExpressionAttributeValues=wire({":g": "G"}), ReturnConsumedCapacity="INDEXES")
    consumed = query["ConsumedCapacity"]
    assert consumed["GlobalSecondaryIndexes"] == {"by_g": {"CapacityUnits": 0.5}}
    assert consumed["CapacityUnits"] == 0.5
    scan = ddb.scan(TableName=indexed, IndexName="by_l", ReturnConsumedCapacity="INDEXES",
                    ConsistentRead=True)
    assert scan["ConsumedCapacity"]["LocalSecondaryIndexes"] == {"by_l": {"CapacityUnits": 1.0}}


def test_unknown_index_is_refused(ddb, indexed):
    # DL, LOCAL (DYNAMODB_MESSAGES.md "Query and Scan")
    with ddb_error("ValidationException", "The table does not have the specified index: nope"):
        ddb.query(TableName=indexed, IndexName="nope", KeyConditionExpression="g = :g",
                  ExpressionAttributeValues=wire({":g": "G"}))
    with ddb_error("ValidationException", "The table does not have the specified index: nope"):
        ddb.scan(TableName=indexed, IndexName="nope")


@pytest.mark.parametrize("operation", ["query", "scan"])
def test_consistent_read_on_a_gsi_is_refused(ddb, indexed, operation):
    args = dict(TableName=indexed, IndexName="by_g", ConsistentRead=True)
    if operation == "query":
        args.update(KeyConditionExpression="g = :g", ExpressionAttributeValues=wire({":g": "G"}))
    # CONF tier3 query "ConsistentRead on GSI", DL
    with ddb_error("ValidationException",
                   "Consistent reads are not supported on global secondary indexes"):
        getattr(ddb, operation)(**args)


def test_key_condition_must_name_the_index_keys(ddb, indexed):
    # CONF tier3 query ("Query condition missed key schema element")
    with ddb_error("ValidationException", "Query condition missed key schema element: g"):
        ddb.query(TableName=indexed, IndexName="by_g", KeyConditionExpression="pk = :p",
                  ExpressionAttributeValues=wire({":p": "P"}))
    with ddb_error("ValidationException", "Query condition missed key schema element: n"):
        ddb.query(TableName=indexed, IndexName="by_g", KeyConditionExpression="g = :g AND v = :v",
                  ExpressionAttributeValues=wire({":g": "G", ":v": 1}))
    with ddb_error("ValidationException",
                   "Filter Expression can only contain non-primary key attributes: Primary key "
                   "attribute: n"):
        ddb.query(TableName=indexed, IndexName="by_g", KeyConditionExpression="g = :g",
                  FilterExpression="n > :n", ExpressionAttributeValues=wire({":g": "G", ":n": 1}))


def test_start_key_must_carry_the_table_key(ddb, indexed):
    # DL query.js: an ExclusiveStartKey without the table's key attributes is invalid.
    with ddb_error("ValidationException", "The provided starting key is invalid"):
        ddb.query(TableName=indexed, IndexName="by_g", KeyConditionExpression="g = :g",
                  ExpressionAttributeValues=wire({":g": "G"}),
                  ExclusiveStartKey=wire({"g": "G", "n": 3}))

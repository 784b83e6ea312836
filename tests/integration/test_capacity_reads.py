"""ReturnConsumedCapacity for Query, Scan, BatchGetItem and BatchWriteItem.

Query and Scan are charged for the items they read, summed over the page and rounded up to 4 KB,
before the filter and the projection, and halved for eventually consistent reads. BatchGetItem is
charged per item (each rounded up to 4 KB), BatchWriteItem per item (each rounded up to 1 KB), and
both report one entry per table.

Sources (tags in read_helpers.py): DOCS CapacityUnitCalculations ('Query: ... the sum of the sizes of
all items returned, rounded up to 4 KB'; 'Scan: ... the size of the items that are evaluated, not the
size of the items returned'); CONF tier1/{query,scan}/consumedCapacity.test.ts (live: a filter or a
narrow projection does not lower the charge) and tier1/getItem/consumedCapacity.test.ts (no
Read/WriteCapacityUnits split outside transactions); ALT test_returnconsumedcapacity.py
(test_simple_batch_get_items, test_multi_table_batch_get_items: 5 strong items cost 5, 3 eventual
ones 1.5; test_multi_table_batch_write_item: a 1 KB + item costs 2, a delete 1); DL
actions/batchGetItem.js and batchWriteItem.js (one entry per table, Table only with INDEXES).

Item sizes here are chosen far from the 4 KB and 1 KB boundaries, so a few bytes of per-item overhead
in DynamoDB's accounting cannot move a result.
"""

import math
from decimal import Decimal

import pytest

from expr_helpers import wire
from read_helpers import capacities_by_table, capacity, make_hash_table, make_range_table, pages, put_all

FILLER = 890  # each item about 900 bytes: 4 fit in one 4 KB unit, 5 do not; 10 make 3 units.


@pytest.fixture(scope="module")
def cap_table(ddb):
    table = make_range_table(ddb, "N", "capq")
    put_all(ddb, table, [{"pk": "cap", "sk": Decimal(i), "keep": "yes" if i == 0 else "no", "d": "x" * FILLER}
                         for i in range(10)])
    return table


@pytest.fixture(scope="module")
def scan_cap_table(ddb):
    table = make_hash_table(ddb, "caps")
    put_all(ddb, table, [{"pk": f"s{i}", "keep": "no", "d": "x" * FILLER} for i in range(10)])
    return table


def query_units(ddb, table, consistent=None, mode="TOTAL", **kwargs):
    values = dict(kwargs.pop("values", {}))
    values[":p"] = "cap"
    condition = kwargs.pop("KeyConditionExpression", "pk = :p")
    args = dict(TableName=table, KeyConditionExpression=condition, ExpressionAttributeValues=wire(values),
                ReturnConsumedCapacity=mode, **kwargs)
    if consistent is not None:
        args["ConsistentRead"] = consistent
    return ddb.query(**args)


# ---------------------------------------------------------------------------------------------
# Query


def test_query_total_and_indexes(ddb, cap_table):
    strong = query_units(ddb, cap_table, consistent=True)
    assert strong["Count"] == 10
    assert capacity(strong) == {"TableName": cap_table, "CapacityUnits": 3.0}
    eventual = query_units(ddb, cap_table)
    assert capacity(eventual) == {"TableName": cap_table, "CapacityUnits": 1.5}
    assert capacity(query_units(ddb, cap_table, consistent=False)) == {"TableName": cap_table, "CapacityUnits": 1.5}
    indexes = query_units(ddb, cap_table, consistent=True, mode="INDEXES")
    assert capacity(indexes) == {"TableName": cap_table, "CapacityUnits": 3.0, "Table": {"CapacityUnits": 3.0}}
    assert "ConsumedCapacity" not in query_units(ddb, cap_table, mode="NONE")
    assert "ConsumedCapacity" not in ddb.query(TableName=cap_table, KeyConditionExpression="pk = :p",
                                               ExpressionAttributeValues=wire({":p": "cap"}))


def test_query_is_charged_before_filter_and_projection(ddb, cap_table):
    """CONF tier1/query/consumedCapacity.test.ts (live)."""
    one = query_units(ddb, cap_table, consistent=True, FilterExpression="keep = :k", values={":k": "yes"})
    assert one["Count"] == 1 and capacity(one)["CapacityUnits"] == 3.0
    none = query_units(ddb, cap_table, consistent=True, FilterExpression="keep = :k", values={":k": "never"})
    assert none["Count"] == 0 and capacity(none)["CapacityUnits"] == 3.0
    projected = query_units(ddb, cap_table, ProjectionExpression="sk")
    assert capacity(projected)["CapacityUnits"] == 1.5
    counted = query_units(ddb, cap_table, consistent=True, Select="COUNT")
    assert capacity(counted)["CapacityUnits"] == 3.0


def test_query_charges_the_items_read_under_limit_and_key_condition(ddb, cap_table):
    """The page is summed and rounded once: 4 items (about 3,600 bytes) are one unit, 5 are two."""
    assert capacity(query_units(ddb, cap_table, consistent=True, Limit=4))["CapacityUnits"] == 1.0
    assert capacity(query_units(ddb, cap_table, consistent=True, Limit=5))["CapacityUnits"] == 2.0
    assert capacity(query_units(ddb, cap_table, Limit=5))["CapacityUnits"] == 1.0
    ranged = query_units(ddb, cap_table, consistent=True, KeyConditionExpression="pk = :p AND sk < :s",
                         values={":s": 4})
    assert ranged["Count"] == 4 and capacity(ranged)["CapacityUnits"] == 1.0
    filtered_limit = query_units(ddb, cap_table, consistent=True, Limit=5, FilterExpression="keep = :k",
                                 values={":k": "never"})
    assert filtered_limit["ScannedCount"] == 5 and capacity(filtered_limit)["CapacityUnits"] == 2.0


# ---------------------------------------------------------------------------------------------
# Scan


def test_scan_total_and_indexes(ddb, scan_cap_table):
    strong = ddb.scan(TableName=scan_cap_table, ConsistentRead=True, ReturnConsumedCapacity="TOTAL")
    assert strong["Count"] == 10 and capacity(strong) == {"TableName": scan_cap_table, "CapacityUnits": 3.0}
    eventual = ddb.scan(TableName=scan_cap_table, ReturnConsumedCapacity="INDEXES")
    assert capacity(eventual) == {"TableName": scan_cap_table, "CapacityUnits": 1.5, "Table": {"CapacityUnits": 1.5}}
    assert "ConsumedCapacity" not in ddb.scan(TableName=scan_cap_table, ReturnConsumedCapacity="NONE")


def test_scan_is_charged_before_filter_and_projection(ddb, scan_cap_table):
    """CONF tier1/scan/consumedCapacity.test.ts (live)."""
    for extra in ({"FilterExpression": "keep = :k", "ExpressionAttributeValues": wire({":k": "yes"})},
                  {"ProjectionExpression": "pk"}, {"Select": "COUNT"},
                  {"ProjectionExpression": "pk", "FilterExpression": "keep = :k",
                   "ExpressionAttributeValues": wire({":k": "no"})}):
        response = ddb.scan(TableName=scan_cap_table, ConsistentRead=True, ReturnConsumedCapacity="TOTAL", **extra)
        assert capacity(response)["CapacityUnits"] == 3.0, extra
    limited = ddb.scan(TableName=scan_cap_table, ConsistentRead=True, Limit=4, ReturnConsumedCapacity="TOTAL")
    assert capacity(limited)["CapacityUnits"] == 1.0


def test_scan_segments_are_charged_for_their_own_items(ddb, scan_cap_table):
    total_read = 0
    for segment in range(4):
        for response in pages(ddb.scan, TableName=scan_cap_table, Segment=segment, TotalSegments=4,
                              ConsistentRead=True, ReturnConsumedCapacity="TOTAL"):
            read = response["ScannedCount"]
            total_read += read
            # Items of about 900 bytes: up to 4 make one unit; a segment's page never sees all 10.
            if 1 <= read <= 4:
                assert capacity(response)["CapacityUnits"] == 1.0, read
            elif 5 <= read <= 8:
                assert capacity(response)["CapacityUnits"] == 2.0, read
    assert total_read == 10


def test_one_megabyte_page_charge(ddb):
    """A page cut at 1 MB is charged for what it read, even when the filter keeps nothing."""
    table = make_hash_table(ddb, "capbig")
    size = 100_000
    put_all(ddb, table, [{"pk": f"b{i:02d}", "d": "x" * size} for i in range(14)])
    response = ddb.scan(TableName=table, FilterExpression="attribute_exists(nothing)", ReturnConsumedCapacity="TOTAL")
    read = response["ScannedCount"]
    assert 9 <= read <= 11 and "LastEvaluatedKey" in response
    expected = math.ceil(read * (size + 6) / 4096) / 2
    assert abs(capacity(response)["CapacityUnits"] - expected) <= 1, (read, capacity(response))


# ---------------------------------------------------------------------------------------------
# BatchGetItem and BatchWriteItem: one entry per table


@pytest.fixture(scope="module")
def batch_tables(ddb):
    small = make_hash_table(ddb, "capbs")
    ranged = make_range_table(ddb, "S", "capbr")
    put_all(ddb, small, [{"pk": f"k{i}", "v": "small"} for i in range(5)])
    put_all(ddb, ranged, [{"pk": "r", "sk": f"s{i}", "v": "small"} for i in range(3)])
    # About 5,000 bytes: two read units on its own.
    put_all(ddb, ranged, [{"pk": "r", "sk": "big", "d": "x" * 5000}])
    return small, ranged


def test_batch_get_capacity_per_table(ddb, batch_tables):
    """ALT test_multi_table_batch_get_items: each item is rounded on its own."""
    small, ranged = batch_tables
    request = {
        small: {"Keys": [wire({"pk": f"k{i}"}) for i in range(5)], "ConsistentRead": True},
        ranged: {"Keys": [wire({"pk": "r", "sk": f"s{i}"}) for i in range(3)], "ConsistentRead": False},
    }
    total = capacities_by_table(ddb.batch_get_item(RequestItems=request, ReturnConsumedCapacity="TOTAL"))
    assert total == {small: {"TableName": small, "CapacityUnits": 5.0},
                     ranged: {"TableName": ranged, "CapacityUnits": 1.5}}
    indexes = capacities_by_table(ddb.batch_get_item(RequestItems=request, ReturnConsumedCapacity="INDEXES"))
    assert indexes[small] == {"TableName": small, "CapacityUnits": 5.0, "Table": {"CapacityUnits": 5.0}}
    assert indexes[ranged] == {"TableName": ranged, "CapacityUnits": 1.5, "Table": {"CapacityUnits": 1.5}}
    assert "ConsumedCapacity" not in ddb.batch_get_item(RequestItems=request, ReturnConsumedCapacity="NONE")
    assert "ConsumedCapacity" not in ddb.batch_get_item(RequestItems=request)


def test_batch_get_capacity_is_per_item_and_ignores_projection(ddb, batch_tables):
    _, ranged = batch_tables
    keys = [wire({"pk": "r", "sk": "big"}), wire({"pk": "r", "sk": "s0"})]
    for consistent, expected in ((True, 3.0), (False, 1.5)):
        for projection in ({}, {"ProjectionExpression": "pk"}):
            response = ddb.batch_get_item(RequestItems={ranged: {"Keys": keys, "ConsistentRead": consistent,
                                                                 **projection}},
                                          ReturnConsumedCapacity="TOTAL")
            assert capacities_by_table(response)[ranged]["CapacityUnits"] == expected, (consistent, projection)


def test_batch_write_capacity_per_table(ddb):
    """ALT test_multi_table_batch_write_item: 3 small puts + one 1 KB+ put = 5; a put and a delete
    of an existing item = 2."""
    hashed = make_hash_table(ddb, "capwh")
    ranged = make_range_table(ddb, "S", "capwr")
    put_all(ddb, ranged, [{"pk": "r", "sk": "gone"}])
    requests = {
        hashed: [{"PutRequest": {"Item": wire({"pk": f"p{i}", "a": "hi"})}} for i in range(3)]
        + [{"PutRequest": {"Item": wire({"pk": "p3", "a": "a" * 1024})}}],
        ranged: [{"PutRequest": {"Item": wire({"pk": "r", "sk": "new"})}},
                 {"DeleteRequest": {"Key": wire({"pk": "r", "sk": "gone"})}}],
    }
    total = capacities_by_table(ddb.batch_write_item(RequestItems=requests, ReturnConsumedCapacity="TOTAL"))
    assert total == {hashed: {"TableName": hashed, "CapacityUnits": 5.0},
                     ranged: {"TableName": ranged, "CapacityUnits": 2.0}}
    # Again, as INDEXES: the puts now overwrite equal items and the delete finds nothing (1 unit).
    indexes = capacities_by_table(ddb.batch_write_item(RequestItems=requests, ReturnConsumedCapacity="INDEXES"))
    assert indexes[hashed] == {"TableName": hashed, "CapacityUnits": 5.0, "Table": {"CapacityUnits": 5.0}}
    assert indexes[ranged] == {"TableName": ranged, "CapacityUnits": 2.0, "Table": {"CapacityUnits": 2.0}}
    none = ddb.batch_write_item(RequestItems={hashed: [{"DeleteRequest": {"Key": wire({"pk": "p0"})}}]},
                                ReturnConsumedCapacity="NONE")
    assert "ConsumedCapacity" not in none and none["UnprocessedItems"] == {}

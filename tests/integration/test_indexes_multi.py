"""Multi-attribute GSI keys (DynamoDB, November 2025): a GSI partition key and sort key each made
of up to four attributes. DOCS "Multi-attribute keys pattern"; MV test_dynamodb_multi_attribute_gsi
(AWS-verified): every HASH attribute needs an equality condition, RANGE attributes are conditioned
left to right without skipping, only the last one conditioned may use a range operator, items
missing any key attribute are not in the index, results sort by the RANGE attributes in order.
"""

from decimal import Decimal

import pytest

from ddbd_testlib import ddb_error
from expr_helpers import plain, wire
from index_helpers import gsi, index_query, make_indexed_table, wait_for_index
from read_helpers import pages

ITEMS = [
    {"pk": "1", "gsi_pk": "pk1", "gsi_sk": "skA", "gsi_sk2": 100},
    {"pk": "2", "gsi_pk": "pk1", "gsi_sk": "skA", "gsi_sk2": 200},
    {"pk": "3", "gsi_pk": "pk1", "gsi_sk": "skA", "gsi_sk2": 300},
    {"pk": "4", "gsi_pk": "pk1", "gsi_sk": "skB", "gsi_sk2": 150},
    {"pk": "5", "gsi_pk": "pk2", "gsi_sk": "skA", "gsi_sk2": 250},
]


@pytest.fixture(scope="module")
def multi(ddb):
    """MV's table: pk (S); GSI test_gsi = gsi_pk HASH, gsi_sk RANGE (S), gsi_sk2 RANGE (N); and a
    second GSI with two HASH attributes (zone_id, tier) and one RANGE attribute (rank)."""
    table = make_indexed_table(
        ddb, range_key=None,
        gsis=[gsi("test_gsi", "gsi_pk", ["gsi_sk", "gsi_sk2"]),
              gsi("by_zone_tier", ["zone_id", "tier"], "rank", projection="KEYS_ONLY")],
        gsi_pk="S", gsi_sk="S", gsi_sk2="N", zone_id="S", tier="N", rank="N")
    for item in ITEMS:
        ddb.put_item(TableName=table, Item=wire(item))
    wait_for_index(ddb, table, "test_gsi", "gsi_pk = :pk", {":pk": "pk1"}, 4)
    return table


def query(ddb, table, condition, values, **kwargs):
    return index_query(ddb, table, "test_gsi", condition, values, **kwargs)


def test_describe_keeps_every_key_attribute(ddb, multi):
    gsis = ddb.describe_table(TableName=multi)["Table"]["GlobalSecondaryIndexes"]
    keys = {index["IndexName"]: index["KeySchema"] for index in gsis}
    assert keys["test_gsi"] == [{"AttributeName": "gsi_pk", "KeyType": "HASH"},
                                {"AttributeName": "gsi_sk", "KeyType": "RANGE"},
                                {"AttributeName": "gsi_sk2", "KeyType": "RANGE"}]
    assert [k["KeyType"] for k in keys["by_zone_tier"]] == ["HASH", "HASH", "RANGE"]


@pytest.mark.parametrize("condition, values, expected", [
    ("gsi_pk = :pk", {}, ["1", "2", "3", "4"]),
    ("gsi_pk = :pk AND gsi_sk = :sk", {":sk": "skA"}, ["1", "2", "3"]),
    ("gsi_pk = :pk AND gsi_sk > :sk", {":sk": "skA"}, ["4"]),
    ("gsi_pk = :pk AND gsi_sk = :sk AND gsi_sk2 = :n", {":sk": "skA", ":n": 200}, ["2"]),
    ("gsi_pk = :pk AND gsi_sk = :sk AND gsi_sk2 > :n", {":sk": "skA", ":n": 100}, ["2", "3"]),
    ("gsi_pk = :pk AND gsi_sk = :sk AND gsi_sk2 BETWEEN :a AND :b",
     {":sk": "skA", ":a": 150, ":b": 250}, ["2"]),
    ("gsi_pk = :pk AND begins_with(gsi_sk, :b)", {":b": "sk"}, ["1", "2", "3", "4"]),
])
def test_conditions_on_a_prefix_of_the_sort_attributes(ddb, multi, condition, values, expected):
    items = query(ddb, multi, condition, {":pk": "pk1", **values})
    assert [item["pk"] for item in items] == expected


def test_items_sort_by_the_sort_attributes_in_order(ddb, multi):
    items = query(ddb, multi, "gsi_pk = :pk", {":pk": "pk1"}, ScanIndexForward=False)
    assert [(item["gsi_sk"], item["gsi_sk2"]) for item in items] == [
        ("skB", 150), ("skA", 300), ("skA", 200), ("skA", 100)]


def test_legacy_key_conditions(ddb, multi):
    response = ddb.query(TableName=multi, IndexName="test_gsi", KeyConditions={
        "gsi_pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "pk1"}]},
        "gsi_sk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "skA"}]},
        "gsi_sk2": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "100"}]}})
    assert sorted(int(item["gsi_sk2"]["N"]) for item in response["Items"]) == [200, 300]


def test_skipping_a_sort_attribute_names_it(ddb, multi):
    with ddb_error("ValidationException", contains="gsi_sk") as error:
        ddb.query(TableName=multi, IndexName="test_gsi",
                  KeyConditionExpression="gsi_pk = :pk AND gsi_sk2 > :n",
                  ExpressionAttributeValues=wire({":pk": "pk1", ":n": 100}))
    # ddbd words it as DynamoDB words a missing key attribute.
    assert error.message == "Query condition missed key schema element: gsi_sk"


def test_a_range_condition_must_be_the_last(ddb, multi):
    with ddb_error("ValidationException"):
        ddb.query(TableName=multi, IndexName="test_gsi",
                  KeyConditionExpression="gsi_pk = :pk AND gsi_sk > :sk AND gsi_sk2 = :n",
                  ExpressionAttributeValues=wire({":pk": "pk1", ":sk": "skA", ":n": 100}))


def test_every_partition_attribute_needs_a_condition(ddb, multi):
    ddb.put_item(TableName=multi, Item=wire({"pk": "r1", "zone_id": "eu", "tier": 1, "rank": 5}))
    ddb.put_item(TableName=multi, Item=wire({"pk": "r2", "zone_id": "eu", "tier": 2, "rank": 5}))
    items = wait_for_index(ddb, multi, "by_zone_tier", "zone_id = :r AND tier = :t",
                           {":r": "eu", ":t": 1}, 1)
    assert items == [{"pk": "r1", "zone_id": "eu", "tier": 1, "rank": 5}]
    with ddb_error("ValidationException", "Query condition missed key schema element: tier"):
        ddb.query(TableName=multi, IndexName="by_zone_tier", KeyConditionExpression="zone_id = :r",
                  ExpressionAttributeValues=wire({":r": "eu"}))


def test_items_missing_any_key_attribute_are_not_indexed(ddb, multi):
    ddb.put_item(TableName=multi, Item=wire({"pk": "s1", "gsi_pk": "sp", "gsi_sk": "a",
                                             "gsi_sk2": 1}))
    ddb.put_item(TableName=multi, Item=wire({"pk": "s2", "gsi_pk": "sp", "gsi_sk": "b"}))
    ddb.put_item(TableName=multi, Item=wire({"pk": "s3", "gsi_pk": "sp", "gsi_sk2": 2}))
    items = wait_for_index(ddb, multi, "test_gsi", "gsi_pk = :pk", {":pk": "sp"}, 1)
    assert items[0]["pk"] == "s1"


@pytest.mark.parametrize("forward", [True, False])
def test_paging_carries_every_key_attribute(ddb, multi, forward):
    responses = pages(ddb.query, TableName=multi, IndexName="test_gsi", Limit=2,
                      KeyConditionExpression="gsi_pk = :pk", ScanIndexForward=forward,
                      ExpressionAttributeValues=wire({":pk": "pk1"}))
    assert set(responses[0]["LastEvaluatedKey"]) == {"gsi_pk", "gsi_sk", "gsi_sk2", "pk"}
    items = [plain(item) for page in responses for item in page["Items"]]
    order = [Decimal(100), Decimal(200), Decimal(300), Decimal(150)]
    assert [item["gsi_sk2"] for item in items] == (order if forward else order[::-1])


def test_type_of_each_key_attribute_is_checked(ddb, multi):
    with ddb_error("ValidationException",
                   "One or more parameter values were invalid: Type mismatch for Index Key tier "
                   "Expected: N Actual: S IndexName: by_zone_tier"):
        ddb.put_item(TableName=multi, Item=wire({"pk": "t", "zone_id": "eu", "tier": "one"}))

"""Secondary indexes: DescribeTable contents, projections (ALL, KEYS_ONLY, INCLUDE), sparse indexes,
and index maintenance on PutItem, UpdateItem, DeleteItem and BatchWriteItem. Sources: index_helpers.py.
"""

from decimal import Decimal

import pytest

from ddbd_testlib import ddb_error
from expr_helpers import plain, wire
from index_helpers import (
    ONE,
    describe_index,
    gsi,
    index_query,
    lsi,
    make_indexed_table,
    wait_for_index,
)


@pytest.fixture
def projections(ddb):
    """pk/sk table with a KEYS_ONLY GSI, an INCLUDE GSI (g, n) projecting x, and an ALL LSI."""
    return make_indexed_table(
        ddb,
        gsis=[gsi("keys", "g", projection="KEYS_ONLY"),
              gsi("incl", "g", "n", projection="INCLUDE", non_key=["x"])],
        lsis=[lsi("local", "l", projection="KEYS_ONLY")],
        g="S", n="N", l="S")


FULL = {"pk": "p1", "sk": "a", "g": "G", "n": 7, "l": "L", "x": "included", "y": "other"}


def test_describe_table_shows_each_index(ddb, projections):
    table = ddb.describe_table(TableName=projections)["Table"]
    arn = table["TableArn"]
    gsis = {index["IndexName"]: index for index in table["GlobalSecondaryIndexes"]}
    assert gsis["keys"]["KeySchema"] == [{"AttributeName": "g", "KeyType": "HASH"}]
    assert gsis["keys"]["Projection"] == {"ProjectionType": "KEYS_ONLY"}
    assert gsis["incl"]["KeySchema"] == [{"AttributeName": "g", "KeyType": "HASH"},
                                         {"AttributeName": "n", "KeyType": "RANGE"}]
    assert gsis["incl"]["Projection"] == {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]}
    for name, index in gsis.items():
        assert index["IndexStatus"] == "ACTIVE"
        assert index["IndexArn"] == f"{arn}/index/{name}"
        assert "Backfilling" not in index
    (local,) = table["LocalSecondaryIndexes"]
    assert local["IndexName"] == "local" and local["IndexArn"] == f"{arn}/index/local"
    assert "IndexStatus" not in local
    assert {d["AttributeName"] for d in table["AttributeDefinitions"]} == {"pk", "sk", "g", "n", "l"}


def test_item_counts_follow_writes_and_stay_sparse(ddb, projections):
    # ddbd keeps ItemCount and IndexSizeBytes live; DynamoDB refreshes them about every six hours.
    ddb.put_item(TableName=projections, Item=wire(FULL))
    ddb.put_item(TableName=projections, Item=wire({"pk": "p1", "sk": "b", "g": "G"}))
    ddb.put_item(TableName=projections, Item=wire({"pk": "p1", "sk": "c", "y": "no index key"}))
    counts = {name: describe_index(ddb, projections, name)["ItemCount"]
              for name in ("keys", "incl", "local")}
    assert counts == {"keys": 2, "incl": 1, "local": 1}
    assert describe_index(ddb, projections, "incl")["IndexSizeBytes"] > 0
    ddb.delete_item(TableName=projections, Key=wire({"pk": "p1", "sk": "a"}))
    assert describe_index(ddb, projections, "incl")["ItemCount"] == 0
    assert describe_index(ddb, projections, "incl")["IndexSizeBytes"] == 0


def test_each_projection_returns_what_it_holds(ddb, projections):
    ddb.put_item(TableName=projections, Item=wire(FULL))
    (keys_only,) = wait_for_index(ddb, projections, "keys", "g = :g", {":g": "G"}, 1)
    assert keys_only == {"pk": "p1", "sk": "a", "g": "G"}
    (included,) = wait_for_index(ddb, projections, "incl", "g = :g", {":g": "G"}, 1)
    assert included == {"pk": "p1", "sk": "a", "g": "G", "n": 7, "x": "included"}
    (projected,) = index_query(ddb, projections, "incl", "g = :g", {":g": "G"},
                               Select="ALL_PROJECTED_ATTRIBUTES")
    assert projected == included
    (local,) = index_query(ddb, projections, "local", "pk = :p", {":p": "p1"}, ConsistentRead=True)
    assert local == {"pk": "p1", "sk": "a", "l": "L"}


def test_an_lsi_fetches_attributes_it_does_not_project(ddb, projections):
    # DOCS (Local secondary indexes): attributes that are not projected are fetched from the table.
    ddb.put_item(TableName=projections, Item=wire(FULL))
    (whole,) = index_query(ddb, projections, "local", "pk = :p", {":p": "p1"},
                           Select="ALL_ATTRIBUTES")
    assert whole == FULL
    (some,) = index_query(ddb, projections, "local", "pk = :p", {":p": "p1"},
                          ProjectionExpression="l, y")
    assert some == {"l": "L", "y": "other"}
    (filtered,) = index_query(ddb, projections, "local", "pk = :p", {":p": "p1", ":y": "other"},
                              FilterExpression="y = :y")
    assert filtered == {"pk": "p1", "sk": "a", "l": "L"}


@pytest.mark.parametrize("operation", ["query", "scan"])
def test_all_attributes_on_a_gsi_that_projects_less_is_refused(ddb, projections, operation):
    args = dict(TableName=projections, IndexName="keys", Select="ALL_ATTRIBUTES")
    if operation == "query":
        args.update(KeyConditionExpression="g = :g", ExpressionAttributeValues=wire({":g": "G"}))
    # MV (AWS-verified), DL
    with ddb_error("ValidationException",
                   ONE + "Select type ALL_ATTRIBUTES is not supported for global secondary index "
                   "keys because its projection type is not ALL"):
        getattr(ddb, operation)(**args)


def test_sparse_index_follows_updates(ddb, projections):
    key = wire({"pk": "p2", "sk": "a"})
    ddb.put_item(TableName=projections, Item=wire({"pk": "p2", "sk": "a", "y": 1}))
    assert index_query(ddb, projections, "keys", "g = :g", {":g": "S"}) == []
    ddb.update_item(TableName=projections, Key=key, UpdateExpression="SET g = :g",
                    ExpressionAttributeValues=wire({":g": "S"}))
    wait_for_index(ddb, projections, "keys", "g = :g", {":g": "S"}, 1)
    ddb.update_item(TableName=projections, Key=key, UpdateExpression="SET g = :g",
                    ExpressionAttributeValues=wire({":g": "T"}))
    wait_for_index(ddb, projections, "keys", "g = :g", {":g": "S"}, 0)
    wait_for_index(ddb, projections, "keys", "g = :g", {":g": "T"}, 1)
    ddb.update_item(TableName=projections, Key=key, UpdateExpression="REMOVE g")
    wait_for_index(ddb, projections, "keys", "g = :g", {":g": "T"}, 0)


def test_batch_write_maintains_indexes(ddb, ddb_resource, projections):
    with ddb_resource.Table(projections).batch_writer() as batch:
        for i in range(40):
            batch.put_item(Item={"pk": f"b{i}", "sk": "s", "g": f"G{i % 4}", "n": i})
    items = wait_for_index(ddb, projections, "incl", "g = :g", {":g": "G1"}, 10)
    assert [item["n"] for item in items] == [Decimal(i) for i in range(1, 40, 4)]
    with ddb_resource.Table(projections).batch_writer() as batch:
        for i in range(1, 40, 4):
            batch.delete_item(Key={"pk": f"b{i}", "sk": "s"})
    wait_for_index(ddb, projections, "incl", "g = :g", {":g": "G1"}, 0)


def test_index_key_of_the_wrong_type_is_refused_and_changes_nothing(ddb, projections):
    ddb.put_item(TableName=projections, Item=wire(FULL))
    bad = dict(FULL, n="seven")
    # DL putItem ("Type mismatch for Index Key")
    message = ONE + "Type mismatch for Index Key n Expected: N Actual: S IndexName: incl"
    with ddb_error("ValidationException", message):
        ddb.put_item(TableName=projections, Item=wire(bad))
    with ddb_error("ValidationException", message):
        ddb.update_item(TableName=projections, Key=wire({"pk": "p1", "sk": "a"}),
                        UpdateExpression="SET n = :n", ExpressionAttributeValues=wire({":n": "x"}))
    with ddb_error("ValidationException", message):
        ddb.batch_write_item(RequestItems={projections: [{"PutRequest": {"Item": wire(bad)}}]})
    stored = ddb.get_item(TableName=projections, Key=wire({"pk": "p1", "sk": "a"}))["Item"]
    assert plain(stored) == FULL
    (entry,) = wait_for_index(ddb, projections, "incl", "g = :g", {":g": "G"}, 1)
    assert entry["n"] == 7


def test_empty_index_key_value_is_refused(ddb, projections):
    # CONF tier3 putItem (empty-binary index key), transactWriteItems (empty-string index key)
    with ddb_error("ValidationException",
                   "One or more parameter values are not valid. A value specified for a secondary "
                   "index key is not supported. The AttributeValue for a key attribute cannot "
                   "contain an empty string value. IndexName: incl, IndexKey: g"):
        ddb.put_item(TableName=projections, Item=wire(dict(FULL, g="")))
    ddb.put_item(TableName=projections, Item=wire(FULL))
    # DYNX (UpdateExpression form)
    with ddb_error("ValidationException",
                   "One or more parameter values are not valid. The update expression attempted "
                   "to update a secondary index key to a value that is not supported. The "
                   "AttributeValue for a key attribute cannot contain an empty string value."):
        ddb.update_item(TableName=projections, Key=wire({"pk": "p1", "sk": "a"}),
                        UpdateExpression="SET l = :e", ExpressionAttributeValues=wire({":e": ""}))


def test_create_table_reports_new_gsis_creating(ddb):
    # Existing DYNAMODB_MESSAGES.md section 2 (DL createTable): GSIs start CREATING with the table.
    from ddbd_testlib import unique_name
    name = unique_name("ixc")
    response = ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                              {"AttributeName": "g", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        GlobalSecondaryIndexes=[gsi("gidx", "g")])
    (index,) = response["TableDescription"]["GlobalSecondaryIndexes"]
    assert index["IndexStatus"] == "CREATING"
    assert index["IndexSizeBytes"] == 0 and index["ItemCount"] == 0


def test_include_projection_needs_non_key_attributes(ddb):
    # ACKQ (DYNAMODB_MESSAGES.md section 2)
    with ddb_error("ValidationException",
                   ONE + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified"):
        make_indexed_table(ddb, gsis=[gsi("inc", "g", projection="INCLUDE")], g="S")


def test_projected_attributes_are_limited_to_100_per_table(ddb):
    indexes = [gsi(f"idx{n}", "g", projection="INCLUDE", non_key=[f"a{n}_{k}" for k in range(20)])
               for n in range(6)]
    with ddb_error("ValidationException",
                   ONE + "Number of projected attributes in all indexes exceeds limit of 100"):
        make_indexed_table(ddb, gsis=indexes, g="S")

"""UpdateTable GlobalSecondaryIndexUpdates: creating a GSI on a table that already holds items (the
backfill, with writes going on meanwhile), deleting one, changing its throughput, the checks
DynamoDB makes on these requests; and DeleteTable removing index entries. Sources: index_helpers.py.
"""

from ddbd_testlib import create_table, ddb_error, make_resource, unique_name, wait_gone
from expr_helpers import wire
from index_helpers import (
    ONE,
    defs,
    describe_index,
    gsi,
    index_query,
    make_indexed_table,
    wait_for_index,
    wait_index_active,
)

EXISTING = 6000
# A server whose backfill indexes 5 items per step: building over EXISTING items takes over a
# thousand steps, so the writes of the test interleave with them.
SLOW_BACKFILL = ("--backfill-batch-items", "5")


def create_index(ddb, table, index, **types):
    return ddb.update_table(TableName=table, AttributeDefinitions=defs(**types),
                            GlobalSecondaryIndexUpdates=[{"Create": index}])["TableDescription"]


def expected_index(model):
    """g value -> sorted pks of the items the GSI (g HASH, n RANGE) must hold."""
    groups = {}
    for pk, item in model.items():
        if isinstance(item.get("g"), str) and "n" in item:
            groups.setdefault(item["g"], []).append(pk)
    return {g: sorted(pks) for g, pks in groups.items()}


def write_while_building(ddb, table, model):
    """Puts, updates and deletes while the index builds; returns how many of them happened while
    it was still CREATING (and checks that it cannot be read meanwhile)."""
    observed = 0
    for i in range(400):
        pk = f"new{i}" if i % 3 == 0 else f"old{(i * 37) % EXISTING}"
        if i % 3 == 2:
            ddb.delete_item(TableName=table, Key=wire({"pk": pk, "sk": "s"}))
            model.pop(pk, None)
        else:
            item = {"pk": pk, "sk": "s", "g": f"g{i % 5}", "n": i}
            ddb.put_item(TableName=table, Item=wire(item))
            model[pk] = item
        index = describe_index(ddb, table, "by_g")
        if index["IndexStatus"] == "CREATING":
            observed += 1
            assert index["Backfilling"] is True
    return observed


def load(ddb_resource, table, model):
    with ddb_resource.Table(table).batch_writer() as batch:
        for i in range(EXISTING):
            item = {"pk": f"old{i}", "sk": "s", "n": i}
            if i % 7:
                item["g"] = f"g{i % 5}"  # every seventh item stays out of the index (sparse)
            batch.put_item(Item=item)
            model[item["pk"]] = item


def test_a_gsi_created_online_indexes_old_and_concurrent_items(start_server):
    server = start_server(extra_args=SLOW_BACKFILL)
    ddb = server.client()
    table = make_indexed_table(ddb, prefix="onl")
    model = {}
    load(make_resource(server.endpoint), table, model)
    description = create_index(ddb, table, gsi("by_g", "g", "n"), g="S", n="N")
    assert description["TableStatus"] == "UPDATING"
    (created,) = description["GlobalSecondaryIndexes"]
    assert created["IndexStatus"] == "CREATING"
    with ddb_error("ValidationException",
                   "Cannot read from backfilling global secondary index: by_g"):
        ddb.query(TableName=table, IndexName="by_g", KeyConditionExpression="g = :g",
                  ExpressionAttributeValues=wire({":g": "g1"}))
    assert write_while_building(ddb, table, model) > 0
    wait_index_active(ddb, table)
    for g, pks in expected_index(model).items():
        items = index_query(ddb, table, "by_g", "g = :g", {":g": g})
        assert sorted(item["pk"] for item in items) == pks, g
        assert [item["n"] for item in items] == sorted(item["n"] for item in items)
    index = describe_index(ddb, table, "by_g")
    assert index["ItemCount"] == sum(len(pks) for pks in expected_index(model).values())
    assert "Backfilling" not in index


def test_a_backfill_skips_items_whose_key_has_another_type(ddb):
    table = make_indexed_table(ddb, prefix="onl")
    ddb.put_item(TableName=table, Item=wire({"pk": "a", "sk": "s", "g": "text"}))
    ddb.put_item(TableName=table, Item=wire({"pk": "b", "sk": "s", "g": 12}))
    create_index(ddb, table, gsi("by_g", "g"), g="S")
    wait_index_active(ddb, table)
    assert describe_index(ddb, table, "by_g")["ItemCount"] == 1
    with ddb_error("ValidationException",
                   ONE + "Type mismatch for Index Key g Expected: S Actual: N IndexName: by_g"):
        ddb.put_item(TableName=table, Item=wire({"pk": "c", "sk": "s", "g": 13}))


def test_deleting_a_gsi(ddb):
    table = make_indexed_table(ddb, gsis=[gsi("gone", "g"), gsi("kept", "h")], g="S", h="S")
    for i in range(20):
        ddb.put_item(TableName=table, Item=wire({"pk": f"p{i}", "sk": "s", "g": "G", "h": "H"}))
    response = ddb.update_table(TableName=table,
                                GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "gone"}}])
    assert response["TableDescription"]["TableStatus"] == "UPDATING"
    described = wait_index_active(ddb, table)
    assert [index["IndexName"] for index in described["GlobalSecondaryIndexes"]] == ["kept"]
    # DYNX (verified): a definition no key uses any more goes.
    assert {d["AttributeName"] for d in described["AttributeDefinitions"]} == {"pk", "sk", "h"}
    with ddb_error("ValidationException", "The table does not have the specified index: gone"):
        ddb.query(TableName=table, IndexName="gone", KeyConditionExpression="g = :g",
                  ExpressionAttributeValues=wire({":g": "G"}))
    assert len(index_query(ddb, table, "kept", "h = :h", {":h": "H"})) == 20
    create_index(ddb, table, gsi("gone", "h", projection="KEYS_ONLY"), h="S")
    wait_index_active(ddb, table)
    assert len(index_query(ddb, table, "gone", "h = :h", {":h": "H"})) == 20


def test_updating_gsi_throughput(ddb):
    throughput = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
    table = create_table(ddb, unique_name("onl"), billing="PROVISIONED", range_key=("sk", "S"),
                         ExtraAttributeDefinitions=defs(g="S"),
                         GlobalSecondaryIndexes=[gsi("thr", "g", throughput=throughput)])
    response = ddb.update_table(TableName=table, GlobalSecondaryIndexUpdates=[{"Update": {
        "IndexName": "thr",
        "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 6}}}])
    (index,) = response["TableDescription"]["GlobalSecondaryIndexes"]
    assert index["IndexStatus"] == "UPDATING"
    (index,) = wait_index_active(ddb, table)["GlobalSecondaryIndexes"]
    assert index["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    assert index["ProvisionedThroughput"]["WriteCapacityUnits"] == 6
    assert "LastIncreaseDateTime" in index["ProvisionedThroughput"]


def test_gsi_updates_are_checked(ddb):
    table = make_indexed_table(ddb, gsis=[gsi("existing", "g")], g="S")
    # DYNX
    with ddb_error("ValidationException", ONE + "Index already exists: existing"):
        create_index(ddb, table, gsi("existing", "g"), g="S")
    # CONF tier2 updateTable/gsi (code), the CreateTable text for an undefined key attribute
    with ddb_error("ValidationException",
                   ONE + "Some index key attributes are not defined in AttributeDefinitions. "
                   "Keys: [unknown], AttributeDefinitions: []"):
        ddb.update_table(TableName=table,
                         GlobalSecondaryIndexUpdates=[{"Create": gsi("bad", "unknown")}])
    # DL, DYNX
    with ddb_error("LimitExceededException",
                   "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                   "simultaneously per table"):
        ddb.update_table(TableName=table, AttributeDefinitions=defs(a="S", b="S"),
                         GlobalSecondaryIndexUpdates=[{"Create": gsi("one", "a")},
                                                      {"Create": gsi("two", "b")}])
    # CONF tier2 updateTable/gsi (code only)
    with ddb_error("ResourceNotFoundException"):
        ddb.update_table(TableName=table,
                         GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "missing"}}])
    # DYNX
    with ddb_error("ValidationException",
                   ONE + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate."
                   "Create, GlobalSecondaryIndexUpdate.Delete must not be null"):
        ddb.update_table(TableName=table, GlobalSecondaryIndexUpdates=[{}])
    with ddb_error("ValidationException", contains=("At least one of", " is required")):
        ddb.update_table(TableName=table, GlobalSecondaryIndexUpdates=[])
    assert describe_index(ddb, table, "existing")["IndexStatus"] == "ACTIVE"


def test_delete_table_removes_index_entries(ddb):
    name = unique_name("onl")
    args = dict(range_key=("sk", "S"), ExtraAttributeDefinitions=defs(g="S"),
                GlobalSecondaryIndexes=[gsi("by_g", "g")])
    create_table(ddb, name, **args)
    for i in range(50):
        ddb.put_item(TableName=name, Item=wire({"pk": f"p{i}", "sk": "s", "g": "G"}))
    wait_for_index(ddb, name, "by_g", "g = :g", {":g": "G"}, 50)
    ddb.delete_table(TableName=name)
    wait_gone(ddb, name)
    create_table(ddb, name, **args)
    assert index_query(ddb, name, "by_g", "g = :g", {":g": "G"}) == []
    assert ddb.scan(TableName=name, IndexName="by_g")["Count"] == 0

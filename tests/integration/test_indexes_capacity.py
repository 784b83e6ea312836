"""Write capacity of index maintenance under ReturnConsumedCapacity INDEXES and TOTAL: one index
write per entry put or removed, nothing for an index the write does not change. CONF
tests/tier1/putItem/indexConsumedCapacity.test.ts (measured live in eu-west-2; all items under 1 KB
so each index write is one unit).
"""

import itertools

import pytest

from expr_helpers import wire
from index_helpers import gsi, lsi, make_indexed_table

_counter = itertools.count()


@pytest.fixture(scope="module")
def table(ddb):
    return make_indexed_table(
        ddb, gsis=[gsi("gsi-inc", "gsiPk", projection="INCLUDE", non_key=["proj"])],
        lsis=[lsi("lsi1", "lsiSk")], gsiPk="S", lsiSk="S")


def fresh():
    return f"item-{next(_counter)}"


def arms(consumed):
    """(total, table, gsi, lsi) with None for an absent arm."""
    gsi_arm = consumed.get("GlobalSecondaryIndexes")
    lsi_arm = consumed.get("LocalSecondaryIndexes")
    return (consumed["CapacityUnits"], consumed["Table"]["CapacityUnits"],
            gsi_arm["gsi-inc"]["CapacityUnits"] if gsi_arm else None,
            lsi_arm["lsi1"]["CapacityUnits"] if lsi_arm else None)


def put(ddb, table, item, mode="INDEXES"):
    return ddb.put_item(TableName=table, Item=wire(item), ReturnConsumedCapacity=mode)["ConsumedCapacity"]


@pytest.mark.parametrize("item, expected", [
    ({"gsiPk": "g1", "proj": "p"}, (2, 1, 1, None)),
    ({"other": "o"}, (1, 1, None, None)),
    ({"lsiSk": "L1"}, (2, 1, None, 1)),
    ({"gsiPk": "g3", "lsiSk": "L1", "proj": "p"}, (3, 1, 1, 1)),
])
def test_put_charges_each_index_it_writes(ddb, table, item, expected):
    consumed = put(ddb, table, {"pk": fresh(), "sk": "1", **item})
    assert arms(consumed) == expected


def test_total_folds_the_indexes_in(ddb, table):
    consumed = put(ddb, table, {"pk": fresh(), "sk": "1", "gsiPk": "g2", "proj": "p"}, "TOTAL")
    assert consumed == {"TableName": table, "CapacityUnits": 2.0}


def test_identical_overwrite_charges_no_index(ddb, table):
    item = {"pk": fresh(), "sk": "1", "gsiPk": "g4", "lsiSk": "L1", "proj": "p"}
    assert arms(put(ddb, table, item)) == (3, 1, 1, 1)
    assert arms(put(ddb, table, item)) == (1, 1, None, None)


@pytest.mark.parametrize("expression, values, expected", [
    ("SET #o = :v", {":v": "o2"}, (2, 1, None, 1)),  # OTHER is a reserved word
    ("SET proj = :v", {":v": "p2"}, (3, 1, 1, 1)),
    ("SET gsiPk = :v", {":v": "g-moved"}, (4, 1, 2, 1)),
    ("REMOVE gsiPk", {}, (3, 1, 1, 1)),
    ("SET lsiSk = :v", {":v": "L2"}, (3, 1, None, 2)),
])
def test_update_charges_what_changed_in_each_index(ddb, table, expression, values, expected):
    pk = fresh()
    put(ddb, table, {"pk": pk, "sk": "1", "gsiPk": "g-ladder", "lsiSk": "L1", "proj": "p",
                     "other": "o"})
    args = dict(TableName=table, Key=wire({"pk": pk, "sk": "1"}), UpdateExpression=expression,
                ReturnConsumedCapacity="INDEXES")
    if values:
        args["ExpressionAttributeValues"] = wire(values)
    if "#o" in expression:
        args["ExpressionAttributeNames"] = {"#o": "other"}
    assert arms(ddb.update_item(**args)["ConsumedCapacity"]) == expected


def test_delete_charges_each_index_the_item_was_in(ddb, table):
    pk = fresh()
    put(ddb, table, {"pk": pk, "sk": "1", "gsiPk": "g-del", "lsiSk": "L1", "proj": "p"})
    consumed = ddb.delete_item(TableName=table, Key=wire({"pk": pk, "sk": "1"}),
                               ReturnConsumedCapacity="INDEXES")["ConsumedCapacity"]
    assert arms(consumed) == (3, 1, 1, 1)
    sparse = fresh()
    put(ddb, table, {"pk": sparse, "sk": "1", "other": "o"})
    consumed = ddb.delete_item(TableName=table, Key=wire({"pk": sparse, "sk": "1"}),
                               ReturnConsumedCapacity="INDEXES")["ConsumedCapacity"]
    assert arms(consumed) == (1, 1, None, None)


def test_batch_write_reports_the_arms_it_touched(ddb, table):
    response = ddb.batch_write_item(RequestItems={table: [
        {"PutRequest": {"Item": wire({"pk": fresh(), "sk": "1", "gsiPk": "g-batch", "proj": "p"})}},
        {"PutRequest": {"Item": wire({"pk": fresh(), "sk": "1", "other": "o"})}},
    ]}, ReturnConsumedCapacity="INDEXES")
    (entry,) = response["ConsumedCapacity"]
    assert arms(entry) == (3, 2, 1, None)

"""Control plane: CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable.

Expected texts and their sources: DYNAMODB_MESSAGES.md sections 1-4.
"""

import datetime
import re

import pytest

from ddbd_testlib import (
    assert_enum_error,
    assert_envelope,
    call_raw,
    constraint,
    create_table,
    ddb_error,
    unique_name,
    wait_active,
    wait_gone,
)

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ARN_RE = r"^arn:aws:dynamodb:us-east-1:\d{12}:table/"
PPR = {"BillingMode": "PAY_PER_REQUEST"}
ONE = "One or more parameter values were invalid: "
THROUGHPUT_5 = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}


def hash_schema(name="pk", attr_type="S"):
    return dict(
        AttributeDefinitions=[{"AttributeName": name, "AttributeType": attr_type}],
        KeySchema=[{"AttributeName": name, "KeyType": "HASH"}],
    )


def assert_recent(timestamp):
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs((now - timestamp).total_seconds()) < 120, timestamp


# ---------------------------------------------------------------------------------------------
# CreateTable / DescribeTable


def test_create_provisioned_hash_table_then_describe(ddb):
    name = unique_name("prov")
    created = ddb.create_table(TableName=name, ProvisionedThroughput=THROUGHPUT_5, **hash_schema())
    desc = created["TableDescription"]
    assert desc["TableName"] == name
    assert desc["TableStatus"] == "CREATING"
    assert desc["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}]
    assert desc["AttributeDefinitions"] == [{"AttributeName": "pk", "AttributeType": "S"}]
    assert desc["ItemCount"] == 0
    assert desc["TableSizeBytes"] == 0
    assert re.match(ARN_RE + re.escape(name) + "$", desc["TableArn"]), desc["TableArn"]
    assert UUID_RE.match(desc["TableId"]), desc["TableId"]
    assert_recent(desc["CreationDateTime"])
    throughput = desc["ProvisionedThroughput"]
    assert throughput["ReadCapacityUnits"] == 5
    assert throughput["WriteCapacityUnits"] == 5
    assert throughput["NumberOfDecreasesToday"] == 0
    assert desc.get("BillingModeSummary", {"BillingMode": "PROVISIONED"})["BillingMode"] == "PROVISIONED"

    described = wait_active(ddb, name)
    assert described["TableStatus"] == "ACTIVE"
    assert described["TableId"] == desc["TableId"]
    assert described["TableArn"] == desc["TableArn"]
    assert described["CreationDateTime"] == desc["CreationDateTime"]
    assert described["KeySchema"] == desc["KeySchema"]
    assert described["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    assert described.get("DeletionProtectionEnabled", False) is False


def test_create_pay_per_request_shows_billing_mode_summary(ddb):
    name = unique_name("ppr")
    desc = ddb.create_table(TableName=name, **PPR, **hash_schema())["TableDescription"]
    assert desc["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    described = wait_active(ddb, name)
    assert described["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert described["ProvisionedThroughput"]["ReadCapacityUnits"] == 0
    assert described["ProvisionedThroughput"]["WriteCapacityUnits"] == 0


def test_create_hash_range_table_with_number_and_binary_keys(ddb):
    name = unique_name("hr")
    ddb.create_table(
        TableName=name,
        AttributeDefinitions=[
            {"AttributeName": "id", "AttributeType": "N"},
            {"AttributeName": "bin", "AttributeType": "B"},
        ],
        KeySchema=[
            {"AttributeName": "id", "KeyType": "HASH"},
            {"AttributeName": "bin", "KeyType": "RANGE"},
        ],
        **PPR,
    )
    described = wait_active(ddb, name)
    assert described["KeySchema"] == [
        {"AttributeName": "id", "KeyType": "HASH"},
        {"AttributeName": "bin", "KeyType": "RANGE"},
    ]
    assert sorted(d["AttributeName"] + d["AttributeType"] for d in described["AttributeDefinitions"]) == [
        "binB", "idN"]


def test_create_accepts_tags_and_table_class(ddb):
    name = unique_name("tags")
    ddb.create_table(
        TableName=name,
        Tags=[{"Key": "team", "Value": "storage"}, {"Key": "env", "Value": "test"}],
        TableClass="STANDARD",
        **PPR,
        **hash_schema(),
    )
    assert wait_active(ddb, name)["TableName"] == name


def test_secondary_indexes_are_described_and_active(ddb):
    name = unique_name("idx")
    ddb.create_table(
        TableName=name,
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
            {"AttributeName": "lsk", "AttributeType": "N"},
            {"AttributeName": "gpk", "AttributeType": "S"},
        ],
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        LocalSecondaryIndexes=[{
            "IndexName": "by_lsk",
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "lsk", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
        }],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by_gpk",
                "KeySchema": [{"AttributeName": "gpk", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            },
            {
                "IndexName": "by_gpk_sk",
                "KeySchema": [
                    {"AttributeName": "gpk", "KeyType": "HASH"},
                    {"AttributeName": "sk", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["a", "b"]},
            },
        ],
        **PPR,
    )
    table = wait_active(ddb, name)
    table_arn = table["TableArn"]

    lsis = {i["IndexName"]: i for i in table["LocalSecondaryIndexes"]}
    assert set(lsis) == {"by_lsk"}
    lsi = lsis["by_lsk"]
    assert lsi["KeySchema"] == [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "lsk", "KeyType": "RANGE"},
    ]
    assert lsi["Projection"] == {"ProjectionType": "KEYS_ONLY"}
    assert lsi["IndexArn"] == table_arn + "/index/by_lsk"
    assert lsi["IndexSizeBytes"] == 0 and lsi["ItemCount"] == 0
    assert "IndexStatus" not in lsi

    gsis = {i["IndexName"]: i for i in table["GlobalSecondaryIndexes"]}
    assert set(gsis) == {"by_gpk", "by_gpk_sk"}
    for index_name, gsi in gsis.items():
        assert gsi["IndexStatus"] == "ACTIVE"
        assert gsi["IndexArn"] == table_arn + "/index/" + index_name
        assert gsi["IndexSizeBytes"] == 0 and gsi["ItemCount"] == 0
    assert gsis["by_gpk"]["KeySchema"] == [{"AttributeName": "gpk", "KeyType": "HASH"}]
    assert gsis["by_gpk"]["Projection"] == {"ProjectionType": "ALL"}
    assert gsis["by_gpk_sk"]["Projection"]["ProjectionType"] == "INCLUDE"
    assert sorted(gsis["by_gpk_sk"]["Projection"]["NonKeyAttributes"]) == ["a", "b"]


def test_create_existing_table_is_resource_in_use(ddb, table):
    with ddb_error("ResourceInUseException", f"Table already exists: {table}"):
        ddb.create_table(TableName=table, **PPR, **hash_schema())


def test_describe_missing_table(ddb):
    name = unique_name("missing")
    with ddb_error("ResourceNotFoundException", f"Requested resource not found: Table: {name} not found"):
        ddb.describe_table(TableName=name)


def test_transient_statuses_with_slow_server(start_server):
    """CREATING then ACTIVE, DELETING then gone, and ResourceInUse while CREATING (DL deleteTable)."""
    slow = start_server(status_delay_ms=400)
    ddb = slow.client()
    name = unique_name("slow")
    created = ddb.create_table(TableName=name, **PPR, **hash_schema())
    assert created["TableDescription"]["TableStatus"] == "CREATING"
    assert ddb.describe_table(TableName=name)["Table"]["TableStatus"] == "CREATING"
    with ddb_error(
        "ResourceInUseException",
        f"Attempt to change a resource which is still in use: Table is being created: {name}",
    ):
        ddb.delete_table(TableName=name)
    assert wait_active(ddb, name)["TableStatus"] == "ACTIVE"

    deleted = ddb.delete_table(TableName=name)["TableDescription"]
    assert deleted["TableStatus"] == "DELETING"
    assert ddb.describe_table(TableName=name)["Table"]["TableStatus"] == "DELETING"
    assert wait_gone(ddb, name) == f"Requested resource not found: Table: {name} not found"


# ---------------------------------------------------------------------------------------------
# DeleteTable, waiters


def test_delete_table_lifecycle(ddb):
    name = create_table(ddb, unique_name("del"))
    deleted = ddb.delete_table(TableName=name)["TableDescription"]
    assert deleted["TableName"] == name
    assert deleted["TableStatus"] == "DELETING"
    assert wait_gone(ddb, name) == f"Requested resource not found: Table: {name} not found"
    assert name not in all_table_names(ddb)
    with ddb_error("ResourceNotFoundException", f"Requested resource not found: Table: {name} not found"):
        ddb.delete_table(TableName=name)


def test_recreate_after_delete(ddb):
    name = create_table(ddb, unique_name("again"))
    ddb.put_item(TableName=name, Item={"pk": {"S": "old"}})
    ddb.delete_table(TableName=name)
    wait_gone(ddb, name)
    create_table(ddb, name)
    assert "Item" not in ddb.get_item(TableName=name, Key={"pk": {"S": "old"}}, ConsistentRead=True)


def test_waiters(ddb):
    name = unique_name("waiter")
    ddb.create_table(TableName=name, **PPR, **hash_schema())
    fast = {"Delay": 0.02, "MaxAttempts": 500}
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig=fast)
    assert ddb.describe_table(TableName=name)["Table"]["TableStatus"] == "ACTIVE"
    ddb.delete_table(TableName=name)
    ddb.get_waiter("table_not_exists").wait(TableName=name, WaiterConfig=fast)


def test_resource_api_create_and_wait(ddb_resource):
    name = unique_name("res")
    table = ddb_resource.create_table(TableName=name, **PPR, **hash_schema())
    table.meta.client.get_waiter("table_exists").wait(
        TableName=name, WaiterConfig={"Delay": 0.02, "MaxAttempts": 500})
    table.reload()
    assert table.table_status == "ACTIVE"
    table.put_item(Item={"pk": "a", "n": 3})
    assert table.get_item(Key={"pk": "a"}, ConsistentRead=True)["Item"] == {"pk": "a", "n": 3}


def test_deletion_protection_blocks_delete(ddb):
    name = unique_name("protected")
    created = ddb.create_table(TableName=name, DeletionProtectionEnabled=True, **PPR, **hash_schema())
    assert created["TableDescription"]["DeletionProtectionEnabled"] is True
    assert wait_active(ddb, name)["DeletionProtectionEnabled"] is True
    with ddb_error(
        "ValidationException",
        "Resource cannot be deleted as it is currently protected against deletion. "
        "Disable deletion protection first.",
    ):
        ddb.delete_table(TableName=name)
    assert ddb.describe_table(TableName=name)["Table"]["TableStatus"] == "ACTIVE"

    ddb.update_table(TableName=name, DeletionProtectionEnabled=False)
    assert wait_active(ddb, name)["DeletionProtectionEnabled"] is False
    assert ddb.delete_table(TableName=name)["TableDescription"]["TableStatus"] == "DELETING"
    wait_gone(ddb, name)


def test_update_enables_deletion_protection(ddb, table):
    ddb.update_table(TableName=table, DeletionProtectionEnabled=True)
    assert wait_active(ddb, table)["DeletionProtectionEnabled"] is True
    with ddb_error("ValidationException", contains="currently protected against deletion"):
        ddb.delete_table(TableName=table)


# ---------------------------------------------------------------------------------------------
# ListTables


def all_table_names(ddb, limit=None):
    names, start = [], None
    for _ in range(10000):
        kwargs = {}
        if limit:
            kwargs["Limit"] = limit
        if start:
            kwargs["ExclusiveStartTableName"] = start
        page = ddb.list_tables(**kwargs)
        if limit:
            assert len(page["TableNames"]) <= limit
        names.extend(page["TableNames"])
        start = page.get("LastEvaluatedTableName")
        if not start:
            return names
        assert start == page["TableNames"][-1]
    pytest.fail("ListTables paging did not end")


def test_list_tables_pages_in_order(ddb):
    prefix = unique_name("list")
    mine = [create_table(ddb, f"{prefix}-{i}") for i in (2, 0, 1)]
    for limit in (None, 1, 2, 100):
        names = all_table_names(ddb, limit)
        assert names == sorted(names)
        assert len(names) == len(set(names))
        assert set(mine) <= set(names)
    after = ddb.list_tables(ExclusiveStartTableName=f"{prefix}-0", Limit=2)["TableNames"]
    assert after == [f"{prefix}-1", f"{prefix}-2"]
    full_page = ddb.list_tables(ExclusiveStartTableName=f"{prefix}-0", Limit=1)
    assert full_page["TableNames"] == [f"{prefix}-1"]
    assert full_page["LastEvaluatedTableName"] == f"{prefix}-1"


def test_list_tables_limit_bounds(ddb, endpoint):
    with ddb_error("ValidationException", "1 validation error detected: " + constraint(
            "101", "limit", "Member must have value less than or equal to 100")):
        ddb.list_tables(Limit=101)
    response = call_raw(endpoint, "ListTables", {"Limit": 0})
    assert response.status == 400
    assert response.json() == {
        "__type": "com.amazon.coral.validate#ValidationException",
        "message": "1 validation error detected: " + constraint(
            "0", "limit", "Member must have value greater than or equal to 1"),
    }


# ---------------------------------------------------------------------------------------------
# UpdateTable


def test_update_provisioned_throughput(ddb):
    name = create_table(ddb, unique_name("upd"), billing="PROVISIONED")
    response = ddb.update_table(
        TableName=name, ProvisionedThroughput={"ReadCapacityUnits": 10, "WriteCapacityUnits": 15})
    assert response["TableDescription"]["TableStatus"] in ("UPDATING", "ACTIVE")
    described = wait_active(ddb, name)
    assert described["ProvisionedThroughput"]["ReadCapacityUnits"] == 10
    assert described["ProvisionedThroughput"]["WriteCapacityUnits"] == 15

    with ddb_error(
        "ValidationException",
        "The provisioned throughput for the table will not change. The requested value equals the "
        "current value. Current ReadCapacityUnits provisioned for the table: 10. Requested "
        "ReadCapacityUnits: 10. Current WriteCapacityUnits provisioned for the table: 15. Requested "
        "WriteCapacityUnits: 15. Refer to the Amazon DynamoDB Developer Guide for current limits and "
        "how to request higher limits.",
    ):
        ddb.update_table(
            TableName=name, ProvisionedThroughput={"ReadCapacityUnits": 10, "WriteCapacityUnits": 15})


def test_update_billing_mode_to_pay_per_request(ddb):
    name = create_table(ddb, unique_name("tobill"), billing="PROVISIONED")
    response = ddb.update_table(TableName=name, BillingMode="PAY_PER_REQUEST")
    assert response["TableDescription"]["TableStatus"] in ("UPDATING", "ACTIVE")
    described = wait_active(ddb, name)
    assert described["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert_recent(described["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"])
    assert described["ProvisionedThroughput"]["ReadCapacityUnits"] == 0
    assert described["ProvisionedThroughput"]["WriteCapacityUnits"] == 0

    # Now a PAY_PER_REQUEST table: throughput alone is refused, and so is PROVISIONED without it.
    with ddb_error("ValidationException", contains=(
            "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
            "PAY_PER_REQUEST")):
        ddb.update_table(TableName=name, ProvisionedThroughput=THROUGHPUT_5)
    with ddb_error("ValidationException",
                   ONE + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED"):
        ddb.update_table(TableName=name, BillingMode="PROVISIONED")
    # PAY_PER_REQUEST again is an accepted no-op (CONF).
    ddb.update_table(TableName=name, BillingMode="PAY_PER_REQUEST")
    assert wait_active(ddb, name)["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"


def test_update_pay_per_request_back_to_provisioned(ddb):
    name = create_table(ddb, unique_name("toprov"))
    ddb.update_table(TableName=name, BillingMode="PROVISIONED",
                     ProvisionedThroughput={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4})
    described = wait_active(ddb, name)
    assert described["ProvisionedThroughput"]["ReadCapacityUnits"] == 3
    assert described["ProvisionedThroughput"]["WriteCapacityUnits"] == 4
    assert described.get("BillingModeSummary", {"BillingMode": "PROVISIONED"})["BillingMode"] == "PROVISIONED"


def test_update_table_validation(ddb, table, endpoint):
    with ddb_error("ValidationException") as error:
        ddb.update_table(TableName=table)
    assert error.message.startswith(
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
        "GlobalSecondaryIndexUpdates"), error.message
    assert error.message.endswith(" is required"), error.message

    with ddb_error("ValidationException",
                   ONE + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                   "BillingMode is PAY_PER_REQUEST"):
        ddb.update_table(TableName=table, BillingMode="PAY_PER_REQUEST", ProvisionedThroughput=THROUGHPUT_5)

    response = call_raw(endpoint, "UpdateTable", {
        "TableName": table, "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 5}})
    assert response.status == 400
    assert response.json()["message"] == "1 validation error detected: " + constraint(
        "0", "provisionedThroughput.readCapacityUnits", "Member must have value greater than or equal to 1")

    with ddb_error("ValidationException") as error:
        ddb.update_table(TableName=table, BillingMode="FREE")
    assert_enum_error(error.message, "FREE", "billingMode", ["PROVISIONED", "PAY_PER_REQUEST"])

    response = call_raw(endpoint, "UpdateTable", {"TableName": table, "ProvisionedThroughput": {}})
    assert response.status == 400
    body = response.json()
    assert body["__type"] == "com.amazon.coral.validate#ValidationException"
    assert_envelope(body["message"], [
        constraint(None, "provisionedThroughput.writeCapacityUnits", "Member must not be null"),
        constraint(None, "provisionedThroughput.readCapacityUnits", "Member must not be null"),
    ])


def test_update_missing_table(ddb):
    name = unique_name("nope")
    with ddb_error("ResourceNotFoundException") as error:
        ddb.update_table(TableName=name, ProvisionedThroughput=THROUGHPUT_5)
    assert error.message.startswith("Requested resource not found"), error.message


def test_update_checks_billing_conflict_before_looking_up_the_table(ddb):
    """Request validation precedes the existence check (DYNX update_table.rs phase order; DL runs
    every validations/*.js check before the action looks the table up)."""
    with ddb_error("ValidationException", contains="Neither ReadCapacityUnits nor WriteCapacityUnits"):
        ddb.update_table(TableName=unique_name("nope"), BillingMode="PAY_PER_REQUEST",
                         ProvisionedThroughput=THROUGHPUT_5)


def test_update_checks_nothing_to_do_before_looking_up_the_table(ddb):
    with ddb_error("ValidationException", contains="At least one of ProvisionedThroughput"):
        ddb.update_table(TableName=unique_name("nope"))

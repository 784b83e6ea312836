"""DynamoDB Streams' control plane through boto3: StreamSpecification on CreateTable and
UpdateTable, LatestStreamArn / LatestStreamLabel in the table descriptions, and what enabling,
disabling and deleting the table do to the stream. Texts: DYNAMODB_MESSAGES.md "Streams"."""

import re

import pytest

from ddbd_testlib import call_raw, create_table, ddb_error, unique_name, wait_active
from streams_helpers import (
    STREAM_ARN_RE,
    latest_stream_arn,
    make_streams_client,
    stream_spec,
    wait_stream_status,
)

INVALID = "One or more parameter values were invalid: "


@pytest.fixture(scope="module")
def streams(endpoint):
    return make_streams_client(endpoint)


def test_create_table_with_a_stream_names_it_in_every_description(ddb, streams):
    name = unique_name("st")
    created = ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        StreamSpecification=stream_spec("NEW_IMAGE"),
    )["TableDescription"]
    arn = created["LatestStreamArn"]
    match = re.match(STREAM_ARN_RE, arn)
    assert match and match["table"] == name
    assert created["LatestStreamLabel"] == match["label"]
    assert created["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    wait_active(ddb, name)
    described = ddb.describe_table(TableName=name)["Table"]
    assert described["LatestStreamArn"] == arn
    assert described["LatestStreamLabel"] == match["label"]
    assert described["StreamSpecification"] == created["StreamSpecification"]
    listed = streams.list_streams(TableName=name)["Streams"]
    assert listed == [{"StreamArn": arn, "TableName": name, "StreamLabel": match["label"]}]


def test_a_table_without_a_stream_shows_none(ddb, streams):
    table = create_table(ddb, unique_name("st"))
    described = ddb.describe_table(TableName=table)["Table"]
    for member in ("StreamSpecification", "LatestStreamArn", "LatestStreamLabel"):
        assert member not in described
    assert streams.list_streams(TableName=table)["Streams"] == []


def test_a_disabled_stream_specification_on_create_makes_no_stream(ddb):
    table = create_table(ddb, unique_name("st"), StreamSpecification={"StreamEnabled": False})
    assert "LatestStreamArn" not in ddb.describe_table(TableName=table)["Table"]


def test_enable_disable_and_enable_again(ddb, streams):
    table = create_table(ddb, unique_name("st"))
    enabled = ddb.update_table(TableName=table, StreamSpecification=stream_spec("KEYS_ONLY"))
    first = enabled["TableDescription"]["LatestStreamArn"]
    assert enabled["TableDescription"]["StreamSpecification"]["StreamViewType"] == "KEYS_ONLY"
    wait_active(ddb, table)
    assert wait_stream_status(streams, first, "ENABLED")["StreamViewType"] == "KEYS_ONLY"

    ddb.update_table(TableName=table, StreamSpecification={"StreamEnabled": False})
    wait_active(ddb, table)
    described = ddb.describe_table(TableName=table)["Table"]
    assert "StreamSpecification" not in described
    assert described["LatestStreamArn"] == first  # the latest stream stays named
    disabled = wait_stream_status(streams, first, "DISABLED")
    assert all("EndingSequenceNumber" in s["SequenceNumberRange"] for s in disabled["Shards"])

    again = ddb.update_table(TableName=table, StreamSpecification=stream_spec())
    second = again["TableDescription"]["LatestStreamArn"]
    assert second != first
    wait_active(ddb, table)
    arns = [s["StreamArn"] for s in streams.list_streams(TableName=table)["Streams"]]
    assert sorted(arns) == sorted([first, second])
    assert arns[0] == second  # newest first


def test_enabling_an_enabled_stream_or_changing_its_view_type_is_refused(ddb):
    table = create_table(ddb, unique_name("st"), StreamSpecification=stream_spec("NEW_IMAGE"))
    for view_type in ("NEW_IMAGE", "OLD_IMAGE"):
        with ddb_error("ValidationException",
                       f"Table already has an enabled stream: TableName: {table}"):
            ddb.update_table(TableName=table, StreamSpecification=stream_spec(view_type))


def test_disabling_without_a_stream_is_refused(ddb):
    table = create_table(ddb, unique_name("st"))
    with ddb_error("ValidationException", f"Table has no stream to disable: TableName: {table}"):
        ddb.update_table(TableName=table, StreamSpecification={"StreamEnabled": False})


def test_update_view_type_rules(ddb):
    table = create_table(ddb, unique_name("st"))
    with ddb_error("ValidationException",
                   INVALID + "If stream is being enabled then UpdateViewType is required"):
        ddb.update_table(TableName=table, StreamSpecification={"StreamEnabled": True})
    with ddb_error("ValidationException",
                   INVALID + "If stream is being disabled, then UpdateViewType must not be "
                   "specified"):
        ddb.update_table(TableName=table, StreamSpecification={
            "StreamEnabled": False, "StreamViewType": "KEYS_ONLY"})


def test_create_view_type_rules(ddb):
    base = dict(BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    with ddb_error("ValidationException",
                   INVALID + "Table is being created with a stream enabled, UpdateViewType is "
                   "required"):
        ddb.create_table(TableName=unique_name("st"), StreamSpecification={"StreamEnabled": True},
                         **base)
    with ddb_error("ValidationException",
                   INVALID + "Table is being created with a stream disabled, UpdateViewType "
                   "should not be specified"):
        ddb.create_table(TableName=unique_name("st"), **base, StreamSpecification={
            "StreamEnabled": False, "StreamViewType": "NEW_IMAGE"})


def test_stream_specification_constraints(endpoint):
    base = {"TableName": unique_name("st"), "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}
    reply = call_raw(endpoint, "CreateTable", {**base, "StreamSpecification": {}})
    assert reply.status == 400
    assert reply.json()["message"] == (
        "1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed "
        "to satisfy constraint: Member must not be null")
    reply = call_raw(endpoint, "CreateTable", {
        **base, "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "Fisk"}})
    assert reply.json()["message"] == (
        "1 validation error detected: Value 'Fisk' at 'streamSpecification.streamViewType' "
        "failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, "
        "OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]")


def test_a_stream_change_stands_alone(ddb):
    table = create_table(ddb, unique_name("st"), billing="PROVISIONED")
    with ddb_error("ValidationException",
                   INVALID + "You cannot modify stream status while updating table IOPS"):
        ddb.update_table(TableName=table, StreamSpecification=stream_spec(),
                         ProvisionedThroughput={"ReadCapacityUnits": 7, "WriteCapacityUnits": 7})
    with ddb_error("ValidationException",
                   INVALID + "You cannot create or delete index while changing stream status"):
        ddb.update_table(
            TableName=table, StreamSpecification=stream_spec(),
            AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
            GlobalSecondaryIndexUpdates=[{"Create": {
                "IndexName": "by_g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
                "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}])


def test_deleting_the_table_disables_its_stream_which_stays_listed(ddb, streams):
    table = create_table(ddb, unique_name("st"), StreamSpecification=stream_spec())
    arn = latest_stream_arn(ddb, table)
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}})
    ddb.delete_table(TableName=table)
    assert arn in [s["StreamArn"] for s in streams.list_streams()["Streams"]]
    description = wait_stream_status(streams, arn, "DISABLED")
    assert description["TableName"] == table
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=description["Shards"][0]["ShardId"],
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    records = streams.get_records(ShardIterator=iterator)["Records"]
    assert [r["eventName"] for r in records] == ["INSERT"]

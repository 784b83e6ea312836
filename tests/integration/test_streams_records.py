"""DynamoDB Streams records through boto3's dynamodbstreams client: which writes make records and
what each holds per view type, sequence numbers, ListStreams / DescribeStream /
GetShardIterator / GetRecords and their errors, iterator expiry and trimming with the server's
clock moved through the admin API (never a sleep). Texts: DYNAMODB_MESSAGES.md "Streams"."""

import re
import time

import pytest

from ddbd_testlib import (
    DdbdServer,
    call_raw,
    create_table,
    ddb_error,
    make_client,
    raw_request,
    unique_name,
)
from streams_helpers import (
    SHARD_ID_RE,
    advance_clock,
    all_shards,
    clock,
    latest_stream_arn,
    make_streams_client,
    read_all,
    stream_spec,
)

INVALID = "One or more parameter values were invalid: "
HOUR_MS = 3600 * 1000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of this module's own: the tests move its clock."""
    instance = DdbdServer(tmp_path_factory.mktemp("ddbd-streams") / "data",
                          extra_args=["--stream-trim-interval-ms", "20",
                                      "--ttl-sweep-interval-ms", "20"]).start()
    yield instance
    assert instance.stop() == 0, instance.log_tail()


@pytest.fixture(scope="module")
def ddb(server):
    return make_client(server.endpoint)


@pytest.fixture(scope="module")
def streams(server):
    return make_streams_client(server.endpoint)


@pytest.fixture(autouse=True)
def real_time(server):
    yield
    clock(server.endpoint, reset=True)


def stream_table(ddb, view_type="NEW_AND_OLD_IMAGES", **extra):
    table = create_table(ddb, unique_name("sr"), range_key=("sk", "N"),
                         StreamSpecification=stream_spec(view_type), **extra)
    return table, latest_stream_arn(ddb, table)


def item(pk, sk, **attributes):
    out = {"pk": {"S": pk}, "sk": {"N": str(sk)}}
    out.update({name: {"S": value} for name, value in attributes.items()})
    return out


def changes(ddb, table):
    """Writes whose records are known: an insert, a modify, an unchanged put, a delete, a delete
    of nothing, a failed condition, an update that creates."""
    ddb.put_item(TableName=table, Item=item("a", 1, v="one"))
    ddb.put_item(TableName=table, Item=item("a", 1, v="two"))
    ddb.put_item(TableName=table, Item=item("a", 1, v="two"))  # unchanged: no record
    with ddb_error("ConditionalCheckFailedException"):
        ddb.put_item(TableName=table, Item=item("a", 1, v="three"),
                     ConditionExpression="attribute_not_exists(pk)")
    ddb.delete_item(TableName=table, Key=item("a", 1))
    ddb.delete_item(TableName=table, Key=item("a", 1))  # nothing to delete: no record
    ddb.update_item(TableName=table, Key=item("b", 2), UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": {"S": "new"}})


@pytest.mark.parametrize("view_type,images", [
    ("KEYS_ONLY", [(), (), (), ()]),
    ("NEW_IMAGE", [("NewImage",), ("NewImage",), (), ("NewImage",)]),
    ("OLD_IMAGE", [(), ("OldImage",), ("OldImage",), ()]),
    ("NEW_AND_OLD_IMAGES", [("NewImage",), ("NewImage", "OldImage"), ("OldImage",),
                            ("NewImage",)]),
])
def test_records_per_view_type(ddb, streams, view_type, images):
    table, arn = stream_table(ddb, view_type)
    changes(ddb, table)
    records = read_all(streams, arn)
    assert [r["eventName"] for r in records] == ["INSERT", "MODIFY", "REMOVE", "INSERT"]
    for record, kept in zip(records, images):
        body = record["dynamodb"]
        assert sorted(k for k in ("NewImage", "OldImage") if k in body) == sorted(kept)
        assert body["StreamViewType"] == view_type
        assert record["eventVersion"] == "1.1"
        assert record["eventSource"] == "aws:dynamodb"
        assert record["awsRegion"] == "us-east-1"
        assert re.fullmatch(r"[0-9a-f]{32}", record["eventID"])
        assert "userIdentity" not in record
    assert records[0]["dynamodb"]["Keys"] == {"pk": {"S": "a"}, "sk": {"N": "1"}}
    if "NewImage" in images[1]:
        assert records[1]["dynamodb"]["NewImage"] == item("a", 1, v="two")
    if "OldImage" in images[1]:
        assert records[1]["dynamodb"]["OldImage"] == item("a", 1, v="one")
        assert records[2]["dynamodb"]["OldImage"] == item("a", 1, v="two")


def test_record_fields(ddb, streams):
    table, arn = stream_table(ddb)
    before = int(time.time())
    ddb.put_item(TableName=table, Item=item("k", 7, attr1="value1", attr2="value2"))
    ddb.put_item(TableName=table, Item=item("k", 7, attr1="value1"))
    first, second = read_all(streams, arn)
    numbers = [first["dynamodb"]["SequenceNumber"], second["dynamodb"]["SequenceNumber"]]
    assert all(re.fullmatch(r"[1-9][0-9]{20,39}", n) for n in numbers)
    assert int(numbers[0]) < int(numbers[1])
    created = first["dynamodb"]["ApproximateCreationDateTime"]  # a datetime, whole seconds
    assert before - 1 <= created.timestamp() <= time.time() + 1 and created.microsecond == 0
    # SizeBytes: the item sizes of Keys and the images the record holds.
    keys = len("pk") + 1 + len("sk") + 2
    new = keys + len("attr1") + 6 + len("attr2") + 6
    assert first["dynamodb"]["SizeBytes"] == keys + new
    assert second["dynamodb"]["SizeBytes"] == keys + (keys + 11) + new
    assert first["eventID"] != second["eventID"]


def test_batches_and_transactions_record_each_changed_item(ddb, streams):
    table, arn = stream_table(ddb, "KEYS_ONLY")
    other = create_table(ddb, unique_name("sr"))  # no stream: no records
    ddb.batch_write_item(RequestItems={table: [
        {"PutRequest": {"Item": item("x", 1)}}, {"PutRequest": {"Item": item("x", 2)}}]})
    ddb.batch_write_item(RequestItems={table: [
        {"PutRequest": {"Item": item("x", 1)}},  # unchanged
        {"DeleteRequest": {"Key": item("x", 2)}}]})
    ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": table, "Item": item("y", 1)}},
        {"Update": {"TableName": table, "Key": item("y", 2), "UpdateExpression": "SET v = :v",
                    "ExpressionAttributeValues": {":v": {"S": "1"}}}},
        {"Delete": {"TableName": table, "Key": item("x", 1)}},
        {"Put": {"TableName": other, "Item": {"pk": {"S": "elsewhere"}}}},
        {"ConditionCheck": {"TableName": table, "Key": item("z", 9),
                            "ConditionExpression": "attribute_not_exists(pk)"}}])
    with ddb_error("TransactionCanceledException"):
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": item("never", 1)}},
            {"ConditionCheck": {"TableName": table, "Key": item("y", 1),
                                "ConditionExpression": "attribute_not_exists(pk)"}}])
    records = read_all(streams, arn)
    summary = [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"],
                r["dynamodb"]["Keys"]["sk"]["N"]) for r in records]
    assert summary == [("INSERT", "x", "1"), ("INSERT", "x", "2"), ("REMOVE", "x", "2"),
                       ("INSERT", "y", "1"), ("INSERT", "y", "2"), ("REMOVE", "x", "1")]


def test_ttl_deletions_name_the_service(ddb, streams, server):
    table, arn = stream_table(ddb, "OLD_IMAGE")
    ddb.update_time_to_live(TableName=table,
                            TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    expires = int(time.time()) + 3600
    ddb.put_item(TableName=table, Item={**item("t", 1), "exp": {"N": str(expires)}})
    advance_clock(server.endpoint, 2 * HOUR_MS)  # the item is now an hour past its expiry
    deadline = time.monotonic() + 10
    while ddb.get_item(TableName=table, Key=item("t", 1)).get("Item"):
        assert time.monotonic() < deadline, "the sweeper did not delete the expired item"
        time.sleep(0.02)
    insert, remove = read_all(streams, arn)
    assert "userIdentity" not in insert
    assert remove["eventName"] == "REMOVE"
    assert remove["userIdentity"] == {"PrincipalId": "dynamodb.amazonaws.com", "Type": "Service"}
    assert remove["dynamodb"]["OldImage"]["exp"] == {"N": str(expires)}


def test_list_streams_pages_newest_first(ddb, streams):
    made = [stream_table(ddb)[1] for _ in range(3)]
    pages, start = [], None
    while True:
        args = {"Limit": 1}
        if start:
            args["ExclusiveStartStreamArn"] = start
        reply = streams.list_streams(**args)
        pages.extend(s["StreamArn"] for s in reply["Streams"])
        start = reply.get("LastEvaluatedStreamArn")
        if not start:
            break
    assert len(pages) == len(set(pages))
    positions = [pages.index(arn) for arn in made]
    assert positions == sorted(positions, reverse=True)


def test_get_records_limit_and_iterator_types(ddb, streams):
    table, arn = stream_table(ddb, "KEYS_ONLY")
    for n in range(5):
        ddb.put_item(TableName=table, Item=item("p", n))
    shard = all_shards(streams, arn)[0]
    assert re.fullmatch(SHARD_ID_RE, shard["ShardId"])
    assert "ParentShardId" not in shard and "EndingSequenceNumber" not in shard[
        "SequenceNumberRange"]

    def iterator(kind, sequence=None):
        args = {"StreamArn": arn, "ShardId": shard["ShardId"], "ShardIteratorType": kind}
        if sequence:
            args["SequenceNumber"] = sequence
        return streams.get_shard_iterator(**args)["ShardIterator"]

    first = streams.get_records(ShardIterator=iterator("TRIM_HORIZON"), Limit=2)
    assert [r["dynamodb"]["Keys"]["sk"]["N"] for r in first["Records"]] == ["0", "1"]
    rest = streams.get_records(ShardIterator=first["NextShardIterator"])
    assert [r["dynamodb"]["Keys"]["sk"]["N"] for r in rest["Records"]] == ["2", "3", "4"]
    third = rest["Records"][0]["dynamodb"]["SequenceNumber"]
    at = streams.get_records(ShardIterator=iterator("AT_SEQUENCE_NUMBER", third))["Records"]
    assert [r["dynamodb"]["Keys"]["sk"]["N"] for r in at] == ["2", "3", "4"]
    after = streams.get_records(ShardIterator=iterator("AFTER_SEQUENCE_NUMBER", third))["Records"]
    assert [r["dynamodb"]["Keys"]["sk"]["N"] for r in after] == ["3", "4"]
    start = shard["SequenceNumberRange"]["StartingSequenceNumber"]
    assert len(streams.get_records(ShardIterator=iterator("AT_SEQUENCE_NUMBER", start))[
        "Records"]) == 5
    latest = streams.get_records(ShardIterator=iterator("LATEST"))
    assert latest["Records"] == [] and latest["NextShardIterator"]
    ddb.put_item(TableName=table, Item=item("p", 99))
    assert [r["dynamodb"]["Keys"]["sk"]["N"] for r in streams.get_records(
        ShardIterator=latest["NextShardIterator"])["Records"]] == ["99"]
    # An open shard with nothing new still gives an iterator to come back with.
    empty = streams.get_records(ShardIterator=rest["NextShardIterator"])
    assert [r["dynamodb"]["Keys"]["sk"]["N"] for r in empty["Records"]] == ["99"]
    assert streams.get_records(ShardIterator=empty["NextShardIterator"])["Records"] == []


def test_a_closed_shard_ends_its_iterators(ddb, streams):
    table, arn = stream_table(ddb, "KEYS_ONLY")
    ddb.put_item(TableName=table, Item=item("c", 1))
    ddb.update_table(TableName=table, StreamSpecification={"StreamEnabled": False})
    shard = all_shards(streams, arn)[0]
    assert "EndingSequenceNumber" in shard["SequenceNumberRange"]
    reply = streams.get_records(ShardIterator=streams.get_shard_iterator(
        StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"])
    assert len(reply["Records"]) == 1
    if "NextShardIterator" in reply:  # at most one more, empty, page
        last = streams.get_records(ShardIterator=reply["NextShardIterator"])
        assert last["Records"] == [] and "NextShardIterator" not in last


def test_stream_errors(ddb, streams, server):
    table, arn = stream_table(ddb)
    ddb.put_item(TableName=table, Item=item("e", 1))
    shard_id = all_shards(streams, arn)[0]["ShardId"]
    missing = arn.replace(table, table + "x")
    with ddb_error("ResourceNotFoundException",
                   f"Requested resource not found: Stream: {missing} not found"):
        streams.describe_stream(StreamArn=missing)
    with ddb_error("ValidationException", "Invalid StreamArn"):
        streams.describe_stream(StreamArn="arn:aws:dynamodb:us-east-1:000000000000:tabel/x/y/z")
    with ddb_error("ResourceNotFoundException",
                   "Requested resource not found: Shard does not exist"):
        streams.get_shard_iterator(StreamArn=arn, ShardId="shardId-00000000000000000000-00000000",
                                   ShardIteratorType="LATEST")
    with ddb_error("ValidationException", INVALID + "Invalid SequenceNumber"):
        streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id,
                                   ShardIteratorType="AT_SEQUENCE_NUMBER")
    with ddb_error("ValidationException",
                   INVALID + "SequenceNumber should not be passed for this iterator type"):
        streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id, ShardIteratorType="LATEST",
                                   SequenceNumber="1" * 21)
    with ddb_error("ValidationException", INVALID + "Invalid SequenceNumber for the shard"):
        streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id,
                                   ShardIteratorType="AT_SEQUENCE_NUMBER",
                                   SequenceNumber="9" * 30)
    with ddb_error("ValidationException", "Invalid ShardIterator"):
        streams.get_records(ShardIterator=arn + "|1|AAAAAAAAAAAAAAAAAAAA")
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id,
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    forged = iterator[:-6] + ("A" if iterator[-6] != "A" else "B") + iterator[-5:]
    with ddb_error("ValidationException", "Invalid ShardIterator"):
        streams.get_records(ShardIterator=forged)
    with ddb_error("ValidationException", INVALID + "Limit should be less than or equal to 1000"):
        streams.get_records(ShardIterator=iterator, Limit=1001)
    with ddb_error("ValidationException", INVALID + "Limit cannot be greater than the maximum "
                   "allowed size: 100"):
        streams.list_streams(Limit=101)
    with ddb_error("ResourceNotFoundException",
                   "Requested resource not found: Table: no-such-table not found"):
        streams.list_streams(TableName="no-such-table")


def test_streams_constraint_violations(server):
    def message(operation, payload):
        reply = raw_request(server.endpoint, payload,
                            target="DynamoDBStreams_20120810." + operation)
        assert reply.status == 400
        return reply.json()["message"]

    assert message("GetRecords", {"ShardIterator": "x", "Limit": 0}) == (
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
        "must have value greater than or equal to 1")
    assert message("DescribeStream", {"StreamArn": "fake-stream"}) == (
        "1 validation error detected: Value 'fake-stream' at 'streamArn' failed to satisfy "
        "constraint: Member must have length greater than or equal to 37")
    assert message("GetShardIterator", {"StreamArn": "a" * 40, "ShardId": "s" * 30,
                                        "ShardIteratorType": "bulle"}) == (
        "1 validation error detected: Value 'bulle' at 'shardIteratorType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, "
        "AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]")
    assert call_raw(server.endpoint, "ListStreams", {}).json()["__type"].endswith(
        "UnknownOperationException")  # a Streams operation under DynamoDB's prefix


def test_iterators_expire_after_fifteen_minutes(ddb, streams, server):
    table, arn = stream_table(ddb)
    shard_id = all_shards(streams, arn)[0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id,
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    advance_clock(server.endpoint, 14 * 60 * 1000)
    fresh = streams.get_records(ShardIterator=iterator)["NextShardIterator"]
    advance_clock(server.endpoint, 2 * 60 * 1000)
    with ddb_error("ExpiredIteratorException",
                   "The provided iterator exceeds the maximum age allowed."):
        streams.get_records(ShardIterator=iterator)
    assert streams.get_records(ShardIterator=fresh)["Records"] == []


def test_records_are_trimmed_after_24_hours(ddb, streams, server):
    table, arn = stream_table(ddb, "KEYS_ONLY")
    ddb.put_item(TableName=table, Item=item("old", 1))
    shard_id = all_shards(streams, arn)[0]["ShardId"]
    old_sequence = read_all(streams, arn)[0]["dynamodb"]["SequenceNumber"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id,
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    advance_clock(server.endpoint, 23 * HOUR_MS)
    ddb.put_item(TableName=table, Item=item("new", 1))
    advance_clock(server.endpoint, 2 * HOUR_MS)  # "old" is 25 hours old, "new" 2
    deadline = time.monotonic() + 10
    while True:
        try:
            left = read_all(streams, arn)
        except streams.exceptions.TrimmedDataAccessException:
            continue  # the trim overtook this read's TRIM_HORIZON iterator: read again
        if len(left) == 1:
            break
        assert time.monotonic() < deadline, "the old record was not trimmed"
        time.sleep(0.02)
    assert left[0]["dynamodb"]["Keys"]["pk"] == {"S": "new"}
    with ddb_error("TrimmedDataAccessException",
                   "The data you are trying to access has been trimmed."):
        streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id,
                                   ShardIteratorType="AT_SEQUENCE_NUMBER",
                                   SequenceNumber=old_sequence)
    del iterator  # issued 25 hours ago: it has expired as well as been overtaken

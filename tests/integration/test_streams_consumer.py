"""DynamoDB Streams under load and across a crash: a reader in the Kinesis Client Library's manner
(TRIM_HORIZON, parents before children, through shard rollover) sees every committed change of
eight concurrent writers exactly once and in order per item, with images that chain; records and
their sequence numbers survive kill -9."""

import random
import threading

import pytest

from ddbd_testlib import DdbdServer, create_table, make_client, unique_name
from streams_helpers import StreamReader, all_shards, latest_stream_arn, make_streams_client, \
    stream_spec

WRITERS = 8
WRITES_PER_WRITER = 60
KEYS_PER_WRITER = 6


@pytest.fixture
def rolling_server(tmp_path):
    """Shards roll over every 40 records, so the reader must follow parent -> child."""
    instance = DdbdServer(tmp_path / "data",
                          extra_args=["--stream-shard-max-records", "40"]).start()
    yield instance
    instance.stop()


class Writer(threading.Thread):
    """Changes its own keys with puts, updates, deletes, batches and transactions, and records
    what each committed write left of each item it changed (None: deleted)."""

    def __init__(self, endpoint, table, number):
        super().__init__()
        self.ddb = make_client(endpoint)
        self.table = table
        self.keys = [f"w{number}-k{k}" for k in range(KEYS_PER_WRITER)]
        self.random = random.Random(number)
        self.state = {key: None for key in self.keys}
        self.history = {key: [] for key in self.keys}  # the item after each change
        self.version = 0
        self.error = None

    def item(self, key):
        self.version += 1
        return {"pk": {"S": key}, "v": {"N": str(self.version)}}

    def changed(self, key, new):
        self.state[key] = new
        self.history[key].append(new)

    def step(self):
        kind = self.random.choice(["put", "update", "delete", "batch", "transact"])
        key, other = self.random.sample(self.keys, 2)
        if kind == "put":
            new = self.item(key)
            self.ddb.put_item(TableName=self.table, Item=new)
            self.changed(key, new)
        elif kind == "update":
            new = self.item(key)
            self.ddb.update_item(TableName=self.table, Key={"pk": new["pk"]},
                                 UpdateExpression="SET v = :v",
                                 ExpressionAttributeValues={":v": new["v"]})
            self.changed(key, new)
        elif kind == "delete" and self.state[key] is not None:
            self.ddb.delete_item(TableName=self.table, Key={"pk": {"S": key}})
            self.changed(key, None)
        elif kind == "batch":
            first, second = self.item(key), self.item(other)
            self.ddb.batch_write_item(RequestItems={self.table: [
                {"PutRequest": {"Item": first}}, {"PutRequest": {"Item": second}}]})
            self.changed(key, first)
            self.changed(other, second)
        elif kind == "transact":
            first, second = self.item(key), self.item(other)
            self.ddb.transact_write_items(TransactItems=[
                {"Put": {"TableName": self.table, "Item": first}},
                {"Update": {"TableName": self.table, "Key": {"pk": second["pk"]},
                            "UpdateExpression": "SET v = :v",
                            "ExpressionAttributeValues": {":v": second["v"]}}}])
            self.changed(key, first)
            self.changed(other, second)

    def run(self):
        try:
            for _ in range(WRITES_PER_WRITER):
                self.step()
        except Exception as error:  # reported by the test
            self.error = error


def expected_events(history):
    events, before = [], None
    for after in history:
        events.append("REMOVE" if after is None else "INSERT" if before is None else "MODIFY")
        before = after
    return events


def test_every_change_once_in_order_per_item_across_rollover(rolling_server):
    ddb = make_client(rolling_server.endpoint)
    streams = make_streams_client(rolling_server.endpoint)
    table = create_table(ddb, unique_name("kcl"), StreamSpecification=stream_spec())
    arn = latest_stream_arn(ddb, table)
    reader = StreamReader(streams, arn, limit=25)
    writers = [Writer(rolling_server.endpoint, table, n) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    while any(writer.is_alive() for writer in writers):
        reader.poll()  # reading while the writers write
    for writer in writers:
        writer.join()
        assert writer.error is None, writer.error
    histories = {k: h for writer in writers for k, h in writer.history.items()}
    total = sum(len(h) for h in histories.values())
    records = reader.read_until(total)
    assert len(records) == total  # nothing twice
    numbers = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
    assert len(set(numbers)) == total
    shards = all_shards(streams, arn)
    assert len(shards) >= total // 40  # it did roll over
    assert all(s.get("ParentShardId") == p["ShardId"] for p, s in zip(shards, shards[1:]))
    paged, start = [], None  # DescribeStream's own paging gives the same shards
    while True:
        args = {"StreamArn": arn, "Limit": 2}
        if start:
            args["ExclusiveStartShardId"] = start
        description = streams.describe_stream(**args)["StreamDescription"]
        assert len(description["Shards"]) <= 2
        paged.extend(description["Shards"])
        start = description.get("LastEvaluatedShardId")
        if not start:
            break
    assert [s["ShardId"] for s in paged] == [s["ShardId"] for s in shards]

    per_item = {}
    for record in records:
        per_item.setdefault(record["dynamodb"]["Keys"]["pk"]["S"], []).append(record)
    for key, history in histories.items():
        got = per_item.get(key, [])
        assert [r["eventName"] for r in got] == expected_events(history), key
        before = None
        for record, after in zip(got, history):
            body = record["dynamodb"]
            assert body.get("NewImage") == after, key
            assert body.get("OldImage") == before, key
            before = after
        in_order = [int(r["dynamodb"]["SequenceNumber"]) for r in got]
        assert in_order == sorted(in_order)


def test_records_and_their_numbers_survive_kill_9(tmp_path):
    server = DdbdServer(tmp_path / "data").start()
    ddb = make_client(server.endpoint)
    table = create_table(ddb, unique_name("crash"), StreamSpecification=stream_spec("KEYS_ONLY"))
    arn = latest_stream_arn(ddb, table)
    for n in range(20):
        ddb.put_item(TableName=table, Item={"pk": {"S": f"k{n}"}})
    streams = make_streams_client(server.endpoint)
    before = StreamReader(streams, arn).read_until(20)
    iterator = streams.get_shard_iterator(StreamArn=arn,
                                          ShardId=all_shards(streams, arn)[0]["ShardId"],
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    server.kill()

    server.start()
    try:
        ddb = make_client(server.endpoint)
        streams = make_streams_client(server.endpoint)
        ddb.put_item(TableName=table, Item={"pk": {"S": "after"}})
        after = StreamReader(streams, arn).read_until(21)
        assert after[:20] == before
        assert int(after[20]["dynamodb"]["SequenceNumber"]) > int(
            before[-1]["dynamodb"]["SequenceNumber"])
        # An iterator issued before the crash still reads after it.
        assert streams.get_records(ShardIterator=iterator)["Records"] == after
    finally:
        server.stop()

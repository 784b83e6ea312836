"""Helpers for the DynamoDB Streams tests: a boto3 `dynamodbstreams` client, the admin API's clock
control, and a reader that walks a stream's shards the way the Kinesis Client Library does
(parents before children, following NextShardIterator until a closed shard is drained)."""

import json
import time
import urllib.request

from ddbd_testlib import CLIENT_CONFIG, boto_session

STREAM_ARN_RE = (r"^arn:aws:dynamodb:us-east-1:000000000000:table/(?P<table>[^/]+)/stream/"
                 r"(?P<label>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})$")
SHARD_ID_RE = r"^shardId-\d{20}-[0-9a-f]{8}$"


def make_streams_client(endpoint):
    return boto_session().client("dynamodbstreams", endpoint_url=endpoint, config=CLIENT_CONFIG)


# --------------------------------------------------------------------------------------------
# The admin API's clock (/_ddbd/clock)


def clock(endpoint, **change):
    """GET the server's clock, or POST a change (advanceMs, setMs, freeze, reset); returns its
    state {"nowMs", "frozen", "offsetMs"}."""
    data = json.dumps(change).encode() if change else None
    request = urllib.request.Request(endpoint + "/_ddbd/clock", data=data,
                                     method="POST" if change else "GET",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def advance_clock(endpoint, ms):
    return clock(endpoint, advanceMs=ms)


# --------------------------------------------------------------------------------------------
# Tables with streams


def stream_spec(view_type="NEW_AND_OLD_IMAGES"):
    return {"StreamEnabled": True, "StreamViewType": view_type}


def latest_stream_arn(ddb, table):
    return ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]


def wait_stream_status(streams, arn, status, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        description = streams.describe_stream(StreamArn=arn)["StreamDescription"]
        if description["StreamStatus"] == status:
            return description
        assert time.monotonic() < deadline, description["StreamStatus"]
        time.sleep(0.01)


def all_shards(streams, arn):
    shards, start = [], None
    while True:
        args = {"StreamArn": arn}
        if start:
            args["ExclusiveStartShardId"] = start
        description = streams.describe_stream(**args)["StreamDescription"]
        shards.extend(description["Shards"])
        start = description.get("LastEvaluatedShardId")
        if not start:
            return shards


# --------------------------------------------------------------------------------------------
# A reader in the Kinesis Client Library's manner


class StreamReader:
    """Reads every record of one stream exactly once: each shard from TRIM_HORIZON (a shard is
    started only once its parent is drained), following NextShardIterator; an open shard is
    polled again on the next call. Records arrive in `records`, in the order read."""

    def __init__(self, streams, arn, limit=None):
        self.streams = streams
        self.arn = arn
        self.limit = limit
        self.iterators = {}  # shard id -> next iterator (None: drained)
        self.records = []

    def _start(self, shard_id):
        self.iterators[shard_id] = self.streams.get_shard_iterator(
            StreamArn=self.arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]

    def poll(self):
        """One round over the shards; returns how many records it read."""
        read = 0
        shards = all_shards(self.streams, self.arn)
        listed = {shard["ShardId"] for shard in shards}
        for shard in shards:
            shard_id = shard["ShardId"]
            parent = shard.get("ParentShardId")
            if shard_id not in self.iterators:
                parent_pending = parent in listed and self.iterators.get(parent, "") is not None
                if parent_pending:
                    continue  # the parent (listed, not yet drained) gives its records first
                self._start(shard_id)
            while self.iterators[shard_id] is not None:
                args = {"ShardIterator": self.iterators[shard_id]}
                if self.limit:
                    args["Limit"] = self.limit
                reply = self.streams.get_records(**args)
                self.records.extend(reply["Records"])
                read += len(reply["Records"])
                self.iterators[shard_id] = reply.get("NextShardIterator")
                if not reply["Records"]:
                    break  # an open shard with nothing new: come back later
        return read

    def read_until(self, count, timeout=30.0):
        deadline = time.monotonic() + timeout
        while len(self.records) < count:
            assert time.monotonic() < deadline, f"read {len(self.records)} of {count} records"
            if self.poll() == 0:
                time.sleep(0.02)
        return self.records


def read_all(streams, arn):
    """Every record the stream holds now (one reader, polled until a round reads nothing)."""
    reader = StreamReader(streams, arn)
    while reader.poll():
        pass
    return reader.records

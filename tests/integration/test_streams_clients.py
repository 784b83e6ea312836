"""DynamoDB Streams through the other two clients ddbd is named for: the AWS CLI (Debian's awscli v2,
`aws dynamodbstreams ...`) and the AWS SDK for JavaScript v3 (@aws-sdk/client-dynamodb-streams,
installed from npm into the same cache as the client smoke's SDK)."""

import json
import os
import subprocess

import pytest

from ddbd_testlib import create_table, unique_name
from expr_helpers import run_aws
from js_helpers import JS_DIR, js_sdk
from streams_helpers import latest_stream_arn, stream_spec

JS_PACKAGES = ("@aws-sdk/client-dynamodb", "@aws-sdk/client-dynamodb-streams")


def cli(endpoint, *args):
    done = run_aws(endpoint, *args, service="dynamodbstreams")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_aws_cli_reads_a_stream(endpoint, ddb):
    table = create_table(ddb, unique_name("cli"), StreamSpecification=stream_spec("NEW_IMAGE"))
    arn = latest_stream_arn(ddb, table)
    ddb.put_item(TableName=table, Item={"pk": {"S": "x"}, "v": {"N": "1"}})
    ddb.delete_item(TableName=table, Key={"pk": {"S": "x"}})
    listed = cli(endpoint, "list-streams", "--table-name", table)["Streams"]
    assert [s["StreamArn"] for s in listed] == [arn]
    description = cli(endpoint, "describe-stream", "--stream-arn", arn)["StreamDescription"]
    assert description["StreamViewType"] == "NEW_IMAGE"
    shard_id = description["Shards"][0]["ShardId"]
    iterator = cli(endpoint, "get-shard-iterator", "--stream-arn", arn, "--shard-id", shard_id,
                   "--shard-iterator-type", "TRIM_HORIZON")["ShardIterator"]
    records = cli(endpoint, "get-records", "--shard-iterator", iterator)["Records"]
    assert [r["eventName"] for r in records] == ["INSERT", "REMOVE"]
    assert records[0]["dynamodb"]["NewImage"] == {"pk": {"S": "x"}, "v": {"N": "1"}}
    refused = run_aws(endpoint, "get-records", "--shard-iterator", arn + "|1|AAAA",
                      service="dynamodbstreams")
    assert refused.returncode != 0
    assert "(ValidationException)" in refused.stderr and "Invalid ShardIterator" in refused.stderr


def test_the_js_sdk_v3_reads_a_stream(endpoint):
    node = js_sdk(JS_PACKAGES)
    script = os.path.join(os.path.dirname(__file__), "js", "streams_reader.js")
    done = subprocess.run([node, script, endpoint, unique_name("js"), JS_DIR],
                          capture_output=True, text=True, timeout=120)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "failure" not in result, result
    assert result["status"] in ("ENABLING", "ENABLED")
    assert result["viewType"] == "NEW_AND_OLD_IMAGES"
    assert result["events"] == ["INSERT", "MODIFY", "REMOVE"]
    assert result["newImages"] == [{"pk": {"S": "a"}, "v": {"N": "1"}},
                                   {"pk": {"S": "a"}, "v": {"N": "2"}}, None]
    assert result["oldImages"] == [None, {"pk": {"S": "a"}, "v": {"N": "1"}},
                                   {"pk": {"S": "a"}, "v": {"N": "2"}}]
    assert result["created"] == [True, True, True]
    assert result["hasNext"] is True
    assert result["error"] == "ValidationException: Invalid ShardIterator"

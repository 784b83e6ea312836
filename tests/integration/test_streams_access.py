"""DynamoDB Streams under auth verify: the Streams API is signed like DynamoDB's, and per-key
access rules name its actions (dynamodb:GetRecords and the others) on the stream's table; a denial
names the stream as the resource, as IAM does."""

import pytest

from auth_helpers import ACCOUNT, ADMIN, READER, USERS_ONLY, start_secured
from ddbd_testlib import REGION, CLIENT_CONFIG, boto_session, create_table, ddb_error, make_client, \
    unique_name
from streams_helpers import all_shards, latest_stream_arn, stream_spec


@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    server = start_secured(tmp_path_factory.mktemp("streams-auth"))
    yield server
    assert server.stop() == 0, server.log_tail()


def streams_for(server, key):
    return boto_session(key[0], key[1]).client("dynamodbstreams", endpoint_url=server.endpoint,
                                                config=CLIENT_CONFIG)


def test_access_rules_name_the_streams_actions(secured):
    admin = make_client(secured.endpoint, access_key=ADMIN[0], secret_key=ADMIN[1])
    table = create_table(admin, unique_name("orders"), StreamSpecification=stream_spec())
    arn = latest_stream_arn(admin, table)
    admin.put_item(TableName=table, Item={"pk": {"S": "a"}})

    reader = streams_for(secured, READER)  # Describe*, List*: no GetShardIterator
    shard_id = all_shards(reader, arn)[0]["ShardId"]
    assert [s["StreamArn"] for s in reader.list_streams(TableName=table)["Streams"]] == [arn]
    label = arn.rsplit("/", 1)[1]
    with ddb_error("AccessDeniedException",
                   f"User: arn:aws:iam::{ACCOUNT}:user/{READER[0]} is not authorized to perform: "
                   f"dynamodb:GetShardIterator on resource: arn:aws:dynamodb:{REGION}:{ACCOUNT}:"
                   f"table/{table}/stream/{label}"):
        reader.get_shard_iterator(StreamArn=arn, ShardId=shard_id,
                                  ShardIteratorType="TRIM_HORIZON")

    iterator = streams_for(secured, ADMIN).get_shard_iterator(
        StreamArn=arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    users = streams_for(secured, USERS_ONLY)  # every action, on users-* only
    with ddb_error("AccessDeniedException", contains="dynamodb:GetRecords on resource: "
                   f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{table}/stream/{label}"):
        users.get_records(ShardIterator=iterator)
    assert len(streams_for(secured, ADMIN).get_records(ShardIterator=iterator)["Records"]) == 1


def test_the_streams_api_checks_signatures(secured):
    wrong = streams_for(secured, (ADMIN[0], "not-the-secret"))
    with ddb_error("InvalidSignatureException"):
        wrong.list_streams()

'use strict'
// DynamoDB Streams through the AWS SDK for JavaScript v3 (@aws-sdk/client-dynamodb-streams), for
// test_streams_clients.py: makes a table with a stream, writes three changes, and reads them back
// with ListStreams, DescribeStream, GetShardIterator and GetRecords. Prints one JSON line.
// usage: node streams_reader.js ENDPOINT_URL TABLE_NAME JSCLIENT_DIR
var path = require('path')
var endpoint = process.argv[2], tableName = process.argv[3], jsdir = process.argv[4]
module.paths.unshift(path.join(jsdir, 'node_modules'))
var ddb = require('@aws-sdk/client-dynamodb')
var streams = require('@aws-sdk/client-dynamodb-streams')

var config = {
  endpoint: endpoint, region: 'us-east-1', maxAttempts: 1,
  credentials: {accessKeyId: 'test-key', secretAccessKey: 'test-secret'},
}
var tables = new ddb.DynamoDBClient(config)
var reader = new streams.DynamoDBStreamsClient(config)

async function main() {
  await tables.send(new ddb.CreateTableCommand({
    TableName: tableName, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{AttributeName: 'pk', AttributeType: 'S'}],
    KeySchema: [{AttributeName: 'pk', KeyType: 'HASH'}],
    StreamSpecification: {StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES'},
  }))
  for (;;) {
    var d = await tables.send(new ddb.DescribeTableCommand({TableName: tableName}))
    if (d.Table.TableStatus === 'ACTIVE') break
    await new Promise(function (r) { setTimeout(r, 20) })
  }
  await tables.send(new ddb.PutItemCommand({TableName: tableName, Item: {pk: {S: 'a'}, v: {N: '1'}}}))
  await tables.send(new ddb.PutItemCommand({TableName: tableName, Item: {pk: {S: 'a'}, v: {N: '2'}}}))
  await tables.send(new ddb.DeleteItemCommand({TableName: tableName, Key: {pk: {S: 'a'}}}))

  var listed = await reader.send(new streams.ListStreamsCommand({TableName: tableName}))
  var arn = listed.Streams[0].StreamArn
  var described = await reader.send(new streams.DescribeStreamCommand({StreamArn: arn}))
  var shard = described.StreamDescription.Shards[0]
  var it = await reader.send(new streams.GetShardIteratorCommand({
    StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON'}))
  var got = await reader.send(new streams.GetRecordsCommand({ShardIterator: it.ShardIterator}))
  var error = null
  try {
    await reader.send(new streams.GetRecordsCommand({ShardIterator: arn + '|1|AAAA'}))
  } catch (e) {
    error = e.name + ': ' + e.message
  }
  console.log(JSON.stringify({
    arn: arn,
    status: described.StreamDescription.StreamStatus,
    viewType: described.StreamDescription.StreamViewType,
    events: got.Records.map(function (r) { return r.eventName }),
    newImages: got.Records.map(function (r) { return r.dynamodb.NewImage || null }),
    oldImages: got.Records.map(function (r) { return r.dynamodb.OldImage || null }),
    created: got.Records.map(function (r) { return r.dynamodb.ApproximateCreationDateTime instanceof Date }),
    hasNext: typeof got.NextShardIterator === 'string',
    error: error,
  }))
}

main().catch(function (e) {
  console.log(JSON.stringify({failure: e.name + ': ' + e.message}))
  process.exit(1)
})

'use strict'
// PartiQL's ExecuteStatement through the AWS SDK for JavaScript v3, for test_partiql_clients.py:
// the low-level client (@aws-sdk/client-dynamodb) with typed parameters, then the document client
// (@aws-sdk/lib-dynamodb) with native JS values as parameters and native values read back.
// Prints one JSON line.
// usage: node partiql_client.js ENDPOINT_URL TABLE_NAME JSCLIENT_DIR
var path = require('path')
var endpoint = process.argv[2], tableName = process.argv[3], jsdir = process.argv[4]
module.paths.unshift(path.join(jsdir, 'node_modules'))
var ddb = require('@aws-sdk/client-dynamodb')
var lib = require('@aws-sdk/lib-dynamodb')

var client = new ddb.DynamoDBClient({
  endpoint: endpoint, region: 'us-east-1', maxAttempts: 1,
  credentials: {accessKeyId: 'test-key', secretAccessKey: 'test-secret'},
})
var doc = lib.DynamoDBDocumentClient.from(client)
var table = '"' + tableName + '"'

async function createTable() {
  await client.send(new ddb.CreateTableCommand({
    TableName: tableName, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{AttributeName: 'pk', AttributeType: 'S'}],
    KeySchema: [{AttributeName: 'pk', KeyType: 'HASH'}],
  }))
  for (;;) {
    var d = await client.send(new ddb.DescribeTableCommand({TableName: tableName}))
    if (d.Table.TableStatus === 'ACTIVE') break
    await new Promise(function (r) { setTimeout(r, 20) })
  }
}

function typed(statement, parameters) {
  return client.send(new ddb.ExecuteStatementCommand({Statement: statement, Parameters: parameters}))
}

function native(statement, parameters) {
  return doc.send(new lib.ExecuteStatementCommand({Statement: statement, Parameters: parameters}))
}

// The low-level client: every parameter and every item attribute is a typed AttributeValue.
async function typedSteps() {
  var inserted = await typed('INSERT INTO ' + table + " VALUE {'pk': ?, 'n': ?, 'm': ?}",
    [{S: 'typed'}, {N: '1'}, {M: {l: {L: [{N: '2'}, {S: 'x'}]}}}])
  var selected = await typed('SELECT * FROM ' + table + ' WHERE pk = ?', [{S: 'typed'}])
  var updated = await typed('UPDATE ' + table + ' SET n = n + ? WHERE pk = ? RETURNING ALL NEW *',
    [{N: '41'}, {S: 'typed'}])
  var duplicate = null
  try {
    await typed('INSERT INTO ' + table + " VALUE {'pk': ?}", [{S: 'typed'}])
  } catch (e) {
    duplicate = e.name + ': ' + e.message
  }
  return {inserted: inserted.Items, selected: selected.Items, updated: updated.Items, duplicate: duplicate}
}

// The document client: parameters are plain JS values, marshalled by the SDK, and items come back
// unmarshalled into plain JS values.
async function nativeSteps() {
  var nested = {s: 'deep', n: 1.5, l: [1, 'two', {flag: true, nothing: null}]}
  await native('INSERT INTO ' + table + " VALUE {'pk': ?, 'n': ?, 'm': ?, 'l': ?}",
    ['doc', 42, nested, ['a', 7]])
  var selected = await native('SELECT * FROM ' + table + ' WHERE pk = ?', ['doc'])
  var projected = await native('SELECT m.l[2].flag, n FROM ' + table + ' WHERE pk = ?', ['doc'])
  var updated = await native(
    'UPDATE ' + table + ' SET n = n + ? SET m.s = ? WHERE pk = ? RETURNING ALL NEW *', [8, 'changed', 'doc'])
  var deleted = await native('DELETE FROM ' + table + ' WHERE pk = ? RETURNING ALL OLD *', ['doc'])
  var after = await native('SELECT * FROM ' + table + ' WHERE pk = ?', ['doc'])
  return {
    selected: selected.Items, projected: projected.Items, updated: updated.Items,
    deleted: deleted.Items, after: after.Items,
    nType: typeof selected.Items[0].n,
  }
}

// BatchExecuteStatement and ExecuteTransaction through the document client.
async function batchSteps() {
  var insert = 'INSERT INTO ' + table + " VALUE {'pk': ?, 'v': ?}"
  var written = await doc.send(new lib.BatchExecuteStatementCommand({Statements: [
    {Statement: insert, Parameters: ['b1', 1]},
    {Statement: insert, Parameters: ['b2', 2]},
    {Statement: insert, Parameters: ['b1', 3]},
  ]}))
  var read = await doc.send(new lib.BatchExecuteStatementCommand({Statements: [
    {Statement: 'SELECT v FROM ' + table + ' WHERE pk = ?', Parameters: ['b1']},
    {Statement: 'SELECT v FROM ' + table + ' WHERE pk = ?', Parameters: ['nope']},
  ]}))
  await doc.send(new lib.ExecuteTransactionCommand({TransactStatements: [
    {Statement: 'UPDATE ' + table + ' SET v = v + ? WHERE pk = ?', Parameters: [10, 'b1']},
    {Statement: 'DELETE FROM ' + table + ' WHERE pk = ?', Parameters: ['b2']},
  ]}))
  var transactionRead = await doc.send(new lib.ExecuteTransactionCommand({TransactStatements: [
    {Statement: 'SELECT * FROM ' + table + ' WHERE pk = ?', Parameters: ['b1']},
    {Statement: 'SELECT * FROM ' + table + ' WHERE pk = ?', Parameters: ['b2']},
  ]}))
  var canceled = null
  try {
    await doc.send(new lib.ExecuteTransactionCommand({TransactStatements: [
      {Statement: insert, Parameters: ['b1', 0]}]}))
  } catch (e) {
    canceled = {name: e.name, codes: (e.CancellationReasons || []).map(function (r) { return r.Code })}
  }
  return {written: written.Responses, read: read.Responses, transactionRead: transactionRead.Responses,
    canceled: canceled}
}

async function main() {
  await createTable()
  var typedResult = await typedSteps()
  var nativeResult = await nativeSteps()
  var batchResult = await batchSteps()
  console.log(JSON.stringify({typed: typedResult, native: nativeResult, batch: batchResult}))
}

main().catch(function (e) {
  console.log(JSON.stringify({failure: e.name + ': ' + e.message}))
  process.exit(1)
})

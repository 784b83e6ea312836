"""ClientRequestToken: a repeated identical TransactWriteItems succeeds without applying twice; the
same token with other parameters is IdempotentParameterMismatchException; tokens survive a restart.

Sources: CONF transactWrite ('supports idempotency via ClientRequestToken', 'rejects same
ClientRequestToken with different payload'); DOCS (TransactWriteItems ClientRequestToken: valid for 10
minutes after the first request completes; a repeated call's ConsumedCapacity reports the read units
of reading the items); DDBL TRANSACT_IDEMPOTENT_MISMATCH and a client library's test double quoting
the service (the mismatch message); DYNX (a replay is charged 2 read units per 4 KB of each item).
"""

import json
import signal
import uuid
from decimal import Decimal

import pytest

from ddbd_testlib import call_raw, ddb_error
from read_helpers import make_hash_table
from transact_helpers import canceled, fetch, put_action, store, update_action

MISMATCH = ("Specified idempotent token was used with different request parameters within the "
            "idempotency window")


@pytest.fixture
def table(ddb):
    return make_hash_table(ddb, "txi")


def increment(table, pk, by=1):
    return update_action(table, {"pk": pk}, "ADD n :d", values={":d": by})


def test_repeated_request_is_applied_once(ddb, table):
    token = uuid.uuid4().hex
    items = [increment(table, "counter"), put_action(table, {"pk": "marker", "d": "x" * 5000})]
    first = ddb.transact_write_items(TransactItems=items, ClientRequestToken=token,
                                     ReturnConsumedCapacity="TOTAL")
    assert first["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 12.0, "WriteCapacityUnits": 12.0}]
    second = ddb.transact_write_items(TransactItems=items, ClientRequestToken=token,
                                      ReturnConsumedCapacity="TOTAL")
    # The repeat reads: 2 units per 4 KB of each item.
    assert second["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 6.0, "ReadCapacityUnits": 6.0}]
    ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
    assert fetch(ddb, table, {"pk": "counter"})["n"] == 1


def test_other_parameters_with_the_same_token(ddb, table):
    token = uuid.uuid4().hex
    ddb.transact_write_items(TransactItems=[increment(table, "c")], ClientRequestToken=token)
    with ddb_error("IdempotentParameterMismatchException", MISMATCH):
        ddb.transact_write_items(TransactItems=[increment(table, "c", 2)], ClientRequestToken=token)
    assert fetch(ddb, table, {"pk": "c"})["n"] == 1


def test_tokens_are_independent(ddb, table):
    items = [increment(table, "c")]
    ddb.transact_write_items(TransactItems=items, ClientRequestToken=uuid.uuid4().hex)
    ddb.transact_write_items(TransactItems=items, ClientRequestToken=uuid.uuid4().hex)
    ddb.transact_write_items(TransactItems=items)
    ddb.transact_write_items(TransactItems=items)
    assert fetch(ddb, table, {"pk": "c"})["n"] == 4


def test_member_order_and_spacing_do_not_matter(endpoint, ddb, table):
    token = uuid.uuid4().hex
    action = {"Update": {"TableName": table, "Key": {"pk": {"S": "o"}}, "UpdateExpression": "ADD n :d",
                         "ExpressionAttributeValues": {":d": {"N": "1"}}}}
    reordered = {"Update": dict(reversed(list(action["Update"].items())))}
    first = call_raw(endpoint, "TransactWriteItems", {"TransactItems": [action], "ClientRequestToken": token})
    assert first.status == 200, first.body
    second = call_raw(endpoint, "TransactWriteItems",
                      json.dumps({"ClientRequestToken": token, "TransactItems": [reordered]}, indent=2))
    assert second.status == 200, second.body
    assert fetch(ddb, table, {"pk": "o"})["n"] == 1


def test_a_canceled_transaction_applies_nothing(ddb, table):
    token = uuid.uuid4().hex
    store(ddb, table, {"pk": "locked"}, state="locked")
    items = [increment(table, "c"), update_action(table, {"pk": "locked"}, "SET #s = :o", names={"#s": "state"},
                                                  condition="#s = :u", values={":o": "open", ":u": "unlocked"})]
    with canceled(["None", "ConditionalCheckFailed"]):
        ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
    assert fetch(ddb, table, {"pk": "c"}) is None


def test_tokens_survive_a_restart(start_server):
    server = start_server()
    ddb = server.client()
    table = make_hash_table(ddb, "txr")
    token = uuid.uuid4().hex
    items = [increment(table, "c")]
    ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
    assert server.stop(signal.SIGTERM) == 0, server.log_tail()

    server = start_server(data_dir=server.data_dir)
    ddb = server.client()
    ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
    with ddb_error("IdempotentParameterMismatchException", MISMATCH):
        ddb.transact_write_items(TransactItems=[increment(table, "c", Decimal(5))], ClientRequestToken=token)
    assert fetch(ddb, table, {"pk": "c"})["n"] == 1

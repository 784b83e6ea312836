"""ddbd's admin API: the clock under /_ddbd/clock (GET its state; POST advanceMs, setMs, freeze,
reset), what moves with it (table statuses, here), and its refusal under --auth verify."""

import json
import time
import urllib.error
import urllib.request

import pytest

from ddbd_testlib import DdbdServer, make_client
from streams_helpers import clock


@pytest.fixture
def own_server(tmp_path):
    instance = DdbdServer(tmp_path / "data", status_delay_ms=60_000).start()
    yield instance
    instance.stop()


def test_the_clock_moves_freezes_and_resets(own_server):
    endpoint = own_server.endpoint
    start = clock(endpoint)
    assert start["frozen"] is False and start["offsetMs"] == 0
    assert abs(start["nowMs"] - time.time() * 1000) < 5000
    moved = clock(endpoint, advanceMs=3_600_000)
    assert moved["offsetMs"] == 3_600_000
    assert moved["nowMs"] - start["nowMs"] >= 3_600_000
    frozen = clock(endpoint, freeze=True)
    time.sleep(0.05)
    assert clock(endpoint)["nowMs"] == frozen["nowMs"]
    assert clock(endpoint, advanceMs=10)["nowMs"] == frozen["nowMs"] + 10
    assert clock(endpoint, setMs=1_000_000_000_000)["nowMs"] == 1_000_000_000_000
    thawed = clock(endpoint, freeze=False)
    assert thawed["frozen"] is False
    assert abs(thawed["nowMs"] - 1_000_000_000_000) < 5000
    reset = clock(endpoint, reset=True)
    assert reset["offsetMs"] == 0 and abs(reset["nowMs"] - time.time() * 1000) < 5000


def test_table_statuses_follow_the_clock(own_server):
    """With a minute's status delay a new table is CREATING until the clock passes it."""
    ddb = make_client(own_server.endpoint)
    ddb.create_table(TableName="clocked", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    assert ddb.describe_table(TableName="clocked")["Table"]["TableStatus"] == "CREATING"
    clock(own_server.endpoint, advanceMs=61_000)
    assert ddb.describe_table(TableName="clocked")["Table"]["TableStatus"] == "ACTIVE"


def test_unknown_admin_paths_and_methods(own_server):
    request = urllib.request.Request(own_server.endpoint + "/_ddbd/nothing")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    assert raised.value.code == 400
    body = json.loads(raised.value.read())
    assert body["__type"].endswith("#ResourceNotFoundException")
    request = urllib.request.Request(own_server.endpoint + "/_ddbd/clock", method="DELETE")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    assert json.loads(raised.value.read())["__type"].endswith("#ValidationException")


def test_refused_under_auth_verify(tmp_path):
    credentials = tmp_path / "credentials"
    credentials.write_text("[AKIDADMINTEST]\nsecret = admin-test-secret\n")
    instance = DdbdServer(tmp_path / "data",
                          extra_args=["--credentials-file", str(credentials)]).start()
    try:
        request = urllib.request.Request(instance.endpoint + "/_ddbd/clock",
                                         data=b'{"advanceMs": 1000}', method="POST")
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(request, timeout=10)
        body = json.loads(raised.value.read())
        assert body["__type"].endswith("#AccessDeniedException")
        assert body["message"] == "The admin API (/_ddbd/) is served only with --auth off"
    finally:
        instance.stop()

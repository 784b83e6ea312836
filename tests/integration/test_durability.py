"""Durability across restarts on the same data directory: SIGTERM (graceful) and SIGKILL (crash).

Every --durability mode writes a write's log record before acknowledging it (full also flushes it
to disk first), so everything a client was told succeeded must be there after any restart of the
process, and a deleted table must stay deleted. (What relaxed and none may lose, to a power cut,
no test here can cause.)
"""

import signal

import pytest

from ddbd_testlib import create_table, ddb_error, unique_name, wait_active, wait_gone


def item(i):
    return {
        "pk": {"S": f"item-{i:04d}"},
        "n": {"N": str(i)},
        "payload": {"S": "v" * (i % 50)},
        "tags": {"SS": [f"t{i % 3}", "all"]},
        "nested": {"M": {"i": {"N": str(i * 3)}, "l": {"L": [{"BOOL": i % 2 == 0}, {"NULL": True}]}}},
    }


def scan_state(ddb, table, keys):
    found = {}
    for key in keys:
        got = ddb.get_item(TableName=table, Key=key, ConsistentRead=True).get("Item")
        if got is not None:
            found[key["pk"]["S"]] = got
    return found


def normalise(stored):
    out = dict(stored)
    if "tags" in out:
        out["tags"] = {"SS": sorted(out["tags"]["SS"])}
    return out


def test_sigterm_restart_keeps_tables_settings_and_items(start_server):
    first = start_server()
    ddb = first.client()
    plain = create_table(ddb, unique_name("keep"))
    provisioned = create_table(ddb, unique_name("prov"), billing="PROVISIONED")
    ddb.update_table(TableName=provisioned,
                     ProvisionedThroughput={"ReadCapacityUnits": 7, "WriteCapacityUnits": 8})
    wait_active(ddb, provisioned)
    protected = create_table(ddb, unique_name("prot"), DeletionProtectionEnabled=True)
    indexed = create_table(
        ddb, unique_name("gsi"), range_key=("sk", "N"),
        ExtraAttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "by_g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "KEYS_ONLY"}}],
    )
    before = {name: ddb.describe_table(TableName=name)["Table"] for name in (plain, provisioned, protected, indexed)}
    for i in range(60):
        ddb.put_item(TableName=plain, Item=item(i))
    ddb.put_item(TableName=indexed, Item={"pk": {"S": "a"}, "sk": {"N": "1.50"}, "g": {"S": "x"}})

    assert first.stop(signal.SIGTERM) == 0, first.log_tail()
    second = start_server(data_dir=first.data_dir)
    ddb = second.client()

    for name, old in before.items():
        now = wait_active(ddb, name)
        for field in ("TableId", "TableArn", "KeySchema", "CreationDateTime"):
            assert now[field] == old[field], (name, field)
        assert sorted(map(str, now["AttributeDefinitions"])) == sorted(map(str, old["AttributeDefinitions"]))
    assert ddb.describe_table(TableName=provisioned)["Table"]["ProvisionedThroughput"]["ReadCapacityUnits"] == 7
    assert ddb.describe_table(TableName=provisioned)["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"] == 8
    assert ddb.describe_table(TableName=plain)["Table"]["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert [g["IndexName"] for g in ddb.describe_table(TableName=indexed)["Table"]["GlobalSecondaryIndexes"]] == [
        "by_g"]
    with ddb_error("ValidationException", contains="currently protected against deletion"):
        ddb.delete_table(TableName=protected)

    keys = [{"pk": item(i)["pk"]} for i in range(60)]
    state = scan_state(ddb, plain, keys)
    assert len(state) == 60
    for i in range(60):
        assert normalise(state[f"item-{i:04d}"]) == normalise(item(i))
    assert ddb.get_item(TableName=indexed, Key={"pk": {"S": "a"}, "sk": {"N": "1.5"}},
                        ConsistentRead=True)["Item"]["g"] == {"S": "x"}
    names = set(ddb.list_tables()["TableNames"])
    assert {plain, provisioned, protected, indexed} <= names


DURABILITIES = ["full", "relaxed", "none"]


@pytest.mark.parametrize("durability", DURABILITIES)
def test_sigkill_keeps_every_acknowledged_write(start_server, durability):
    first = start_server(extra_args=["--durability", durability])
    ddb = first.client()
    table = create_table(ddb, unique_name("crash"))
    expected = {}
    for i in range(120):
        ddb.put_item(TableName=table, Item=item(i))
        expected[f"item-{i:04d}"] = item(i)
    for i in range(0, 120, 7):
        ddb.delete_item(TableName=table, Key={"pk": item(i)["pk"]})
        del expected[f"item-{i:04d}"]
    for i in range(1, 120, 11):
        replacement = {"pk": item(i)["pk"], "replaced": {"BOOL": True}}
        if f"item-{i:04d}" in expected:
            ddb.put_item(TableName=table, Item=replacement)
            expected[f"item-{i:04d}"] = replacement

    first.kill()
    second = start_server(data_dir=first.data_dir, extra_args=["--durability", durability])
    ddb = second.client()
    wait_active(ddb, table)
    keys = [{"pk": item(i)["pk"]} for i in range(120)]
    state = scan_state(ddb, table, keys)
    assert sorted(state) == sorted(expected)
    for name, stored in state.items():
        assert normalise(stored) == normalise(expected[name]), name

    # The restarted server takes writes and they survive another crash.
    ddb.put_item(TableName=table, Item={"pk": {"S": "after-crash"}})
    second.kill()
    third = start_server(data_dir=first.data_dir, extra_args=["--durability", durability])
    got = third.client().get_item(TableName=table, Key={"pk": {"S": "after-crash"}}, ConsistentRead=True)
    assert got["Item"] == {"pk": {"S": "after-crash"}}


def test_deleted_table_stays_deleted(start_server):
    first = start_server()
    ddb = first.client()
    doomed = create_table(ddb, unique_name("doomed"))
    survivor = create_table(ddb, unique_name("survivor"))
    for i in range(20):
        ddb.put_item(TableName=doomed, Item=item(i))
    ddb.put_item(TableName=survivor, Item=item(1))
    ddb.delete_table(TableName=doomed)
    wait_gone(ddb, doomed)

    assert first.stop(signal.SIGTERM) == 0, first.log_tail()
    second = start_server(data_dir=first.data_dir)
    ddb = second.client()
    with ddb_error("ResourceNotFoundException", f"Requested resource not found: Table: {doomed} not found"):
        ddb.describe_table(TableName=doomed)
    assert doomed not in ddb.list_tables()["TableNames"]
    assert normalise(ddb.get_item(TableName=survivor, Key={"pk": item(1)["pk"]}, ConsistentRead=True)["Item"]) == \
        normalise(item(1))

    # A table recreated under the old name starts empty, also after a crash.
    create_table(ddb, doomed)
    second.kill()
    third = start_server(data_dir=first.data_dir)
    ddb = third.client()
    wait_active(ddb, doomed)
    for i in range(20):
        assert "Item" not in ddb.get_item(TableName=doomed, Key={"pk": item(i)["pk"]}, ConsistentRead=True)


def test_delete_then_crash_stays_deleted(start_server):
    first = start_server()
    ddb = first.client()
    doomed = create_table(ddb, unique_name("crashdel"))
    ddb.put_item(TableName=doomed, Item=item(5))
    ddb.delete_table(TableName=doomed)
    first.kill()
    second = start_server(data_dir=first.data_dir)
    assert wait_gone(second.client(), doomed) == f"Requested resource not found: Table: {doomed} not found"


@pytest.mark.parametrize("durability", DURABILITIES)
def test_sigkill_under_concurrent_load_keeps_every_acknowledged_write(start_server, durability):
    """Writers on eight connections are cut off by kill -9 mid-stream, across several checkpoints
    of the write-ahead log: every put that got its 200 is there afterwards, with its value."""
    import threading
    import time

    first = start_server(extra_args=["--durability", durability])
    table = create_table(first.client(), unique_name("load"))
    acknowledged = {}
    lock = threading.Lock()
    stop = threading.Event()

    def writer(worker):
        ddb = first.client()
        n = 0
        while not stop.is_set():
            key = f"w{worker}-{n:06d}"
            value = {"pk": {"S": key}, "n": {"N": str(n)}, "pad": {"S": "x" * (n % 300)}}
            try:
                ddb.put_item(TableName=table, Item=value)
            except Exception:  # the connection dies with the server: outcome unknown
                return
            with lock:
                acknowledged[key] = value
            n += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(2.5)
    first.kill()
    stop.set()
    for thread in threads:
        thread.join()
    assert len(acknowledged) > 500

    second = start_server(data_dir=first.data_dir)
    ddb = second.client()
    missing = []
    for key, value in acknowledged.items():
        got = ddb.get_item(TableName=table, Key={"pk": {"S": key}}, ConsistentRead=True).get("Item")
        if got != value:
            missing.append(key)
    assert missing == []
    count = ddb.describe_table(TableName=table)["Table"]["ItemCount"]
    assert len(acknowledged) <= count <= len(acknowledged) + 8


def test_second_server_on_the_same_data_directory_is_refused(start_server):
    import subprocess

    from ddbd_testlib import DDBD_BINARY

    first = start_server()
    result = subprocess.run([DDBD_BINARY, "--port", "0", "--data-dir", str(first.data_dir)],
                            capture_output=True, text=True, timeout=10)
    assert result.returncode == 1
    assert f"the data directory {first.data_dir} is in use by another ddbd" in result.stderr
    # The first one is unharmed.
    ddb = first.client()
    table = create_table(ddb, unique_name("still"))
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}})
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "a"}})["Item"] == {"pk": {"S": "a"}}

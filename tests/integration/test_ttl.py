"""Time to Live through boto3 as a user sees it: UpdateTimeToLive / DescribeTimeToLive, and the
sweeper deleting exactly the eligible items (from the table and its indexes) while the server runs.

Items expire relative to real time: a past expiry is eligible at once, a far-future one never
within a test. The module's server sweeps every 50 ms so a sweep happens within a test's wait.
"""

import time

import pytest

from ddbd_testlib import create_table, ddb_error, unique_name

FIVE_YEARS_S = 5 * 365 * 24 * 3600 + 24 * 3600
SWEEP_INTERVAL_MS = 50


@pytest.fixture(scope="module")
def ttl_server(tmp_path_factory):
    from ddbd_testlib import DdbdServer

    instance = DdbdServer(
        tmp_path_factory.mktemp("ddbd-ttl") / "data",
        extra_args=["--ttl-sweep-interval-ms", str(SWEEP_INTERVAL_MS)],
    ).start()
    yield instance
    assert instance.stop() == 0, instance.log_tail()


@pytest.fixture(scope="module")
def client(ttl_server):
    return ttl_server.client()


def enable(client, table, attribute="expires"):
    return client.update_time_to_live(
        TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute}
    )


def disable(client, table, attribute="expires"):
    return client.update_time_to_live(
        TableName=table, TimeToLiveSpecification={"Enabled": False, "AttributeName": attribute}
    )


def describe(client, table):
    return client.describe_time_to_live(TableName=table)["TimeToLiveDescription"]


def wait_ttl_status(client, table, status, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        description = describe(client, table)
        if description["TimeToLiveStatus"] == status:
            return description
        assert time.monotonic() < deadline, description
        time.sleep(0.01)


def wait_until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def keys(client, table, **scan):
    items = client.scan(TableName=table, ConsistentRead=not scan.get("IndexName"), **scan)["Items"]
    return sorted(item["pk"]["S"] for item in items)


def gsi_table(client):
    return create_table(
        client,
        unique_name("ttl"),
        ExtraAttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by_g",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )


def put_mix(client, table, now):
    """Items whose TTL is (or is not) eligible now; returns the keys that must survive."""
    values = {
        "past": {"N": str(now - 60)},
        "past_fraction": {"N": f"{now - 60}.75"},
        "near_future": {"N": str(now + 3600)},
        "far_future": {"N": str(now + 10 * 365 * 24 * 3600)},
        "far_past": {"N": str(now - FIVE_YEARS_S - 3600)},
        "string": {"S": str(now - 60)},
        "negative": {"N": "-100"},
        "huge": {"N": "1e30"},
        "number_set": {"NS": [str(now - 60)]},
        "missing": None,
    }
    requests = []
    for key, value in values.items():
        item = {"pk": {"S": key}, "g": {"S": "group"}}
        if value is not None:
            item["expires"] = value
        requests.append({"PutRequest": {"Item": item}})
    client.batch_write_item(RequestItems={table: requests})
    return sorted(k for k in values if k not in ("past", "past_fraction"))


def test_describe_new_table_is_disabled_without_attribute(client):
    table = create_table(client, unique_name("ttl"))
    assert describe(client, table) == {"TimeToLiveStatus": "DISABLED"}


def test_enable_then_disable_transitions(client):
    table = create_table(client, unique_name("ttl"))
    reply = enable(client, table)
    assert reply["TimeToLiveSpecification"] == {"Enabled": True, "AttributeName": "expires"}
    first = describe(client, table)
    assert first["TimeToLiveStatus"] in ("ENABLING", "ENABLED")
    assert first["AttributeName"] == "expires"
    assert wait_ttl_status(client, table, "ENABLED")["AttributeName"] == "expires"

    time.sleep(0.15)  # past the server's default change window (--ttl-change-window-ms 100)
    reply = disable(client, table)
    assert reply["TimeToLiveSpecification"]["Enabled"] is False
    during = describe(client, table)
    assert during["TimeToLiveStatus"] in ("DISABLING", "DISABLED")
    assert wait_ttl_status(client, table, "DISABLED") == {"TimeToLiveStatus": "DISABLED"}


def test_sweep_deletes_exactly_the_eligible_items_from_table_and_index(client):
    table = gsi_table(client)
    enable(client, table)
    survivors = put_mix(client, table, int(time.time()))
    wait_until(lambda: keys(client, table) == survivors)
    wait_until(lambda: keys(client, table, IndexName="by_g") == survivors)
    time.sleep(3 * SWEEP_INTERVAL_MS / 1000)  # more sweeps delete nothing else
    assert keys(client, table) == survivors
    assert keys(client, table, IndexName="by_g") == survivors


def test_items_written_before_enabling_expire_too(client):
    table = gsi_table(client)
    survivors = put_mix(client, table, int(time.time()))
    enable(client, table)
    wait_until(lambda: keys(client, table) == survivors)
    assert keys(client, table, IndexName="by_g") == survivors


def test_updates_and_transactions_move_the_expiry(client):
    table = create_table(client, unique_name("ttl"))
    enable(client, table)
    now = int(time.time())
    client.put_item(TableName=table, Item={"pk": {"S": "a"}, "expires": {"N": str(now + 3600)}})
    client.put_item(TableName=table, Item={"pk": {"S": "b"}, "expires": {"N": str(now - 10)}})
    client.update_item(
        TableName=table,
        Key={"pk": {"S": "b"}},
        UpdateExpression="SET expires = :e",
        ExpressionAttributeValues={":e": {"N": str(now + 3600)}},
    )  # may race the sweep: then "b" is gone before the update recreates it
    client.transact_write_items(
        TransactItems=[
            {
                "Update": {
                    "TableName": table,
                    "Key": {"pk": {"S": "a"}},
                    "UpdateExpression": "SET expires = :e",
                    "ExpressionAttributeValues": {":e": {"N": str(now - 10)}},
                }
            },
            {"Put": {"TableName": table, "Item": {"pk": {"S": "c"}, "expires": {"N": "5"}}}},
        ]
    )
    wait_until(lambda: keys(client, table) == ["b", "c"])


def test_disabling_stops_deletion(client):
    table = create_table(client, unique_name("ttl"))
    enable(client, table)
    time.sleep(0.15)
    disable(client, table)
    wait_ttl_status(client, table, "DISABLED")
    now = int(time.time())
    client.put_item(TableName=table, Item={"pk": {"S": "old"}, "expires": {"N": str(now - 60)}})
    time.sleep(4 * SWEEP_INTERVAL_MS / 1000)
    assert keys(client, table) == ["old"]  # expired but TTL is off: kept


def test_expired_items_are_returned_until_swept(start_server):
    # A server that never sweeps within the test: reads return expired items, as DynamoDB does.
    server = start_server(extra_args=["--ttl-sweep-interval-ms", "3600000"])
    client = server.client()
    table = create_table(client, unique_name("ttl"))
    enable(client, table)
    item = {"pk": {"S": "expired"}, "expires": {"N": str(int(time.time()) - 60)}}
    client.put_item(TableName=table, Item=item)
    assert client.get_item(TableName=table, Key={"pk": {"S": "expired"}})["Item"] == item
    assert keys(client, table) == ["expired"]


def test_sweeping_resumes_after_restart(start_server, tmp_path):
    data_dir = tmp_path / "restart"
    server = start_server(data_dir=data_dir, extra_args=["--ttl-sweep-interval-ms", "3600000"])
    client = server.client()
    table = create_table(client, unique_name("ttl"))
    enable(client, table)
    now = int(time.time())
    client.put_item(TableName=table, Item={"pk": {"S": "x"}, "expires": {"N": str(now - 60)}})
    client.put_item(TableName=table, Item={"pk": {"S": "y"}, "expires": {"N": str(now + 3600)}})
    assert server.stop() == 0
    server = start_server(data_dir=data_dir, extra_args=["--ttl-sweep-interval-ms", "20"])
    client = server.client()
    assert describe(client, table) == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}
    wait_until(lambda: keys(client, table) == ["y"])

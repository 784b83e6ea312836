"""Not a test: measures an online GSI backfill on a large table and the service other requests get
meanwhile. Run by hand:

    DDBD_BINARY=build/ddbd /usr/bin/python3 tests/integration/measure_backfill.py [ITEMS]

It starts its own ddbd on a fresh data directory, loads ITEMS items (default 100,000) with
BatchWriteItem, adds a GSI with UpdateTable, and until the index is ACTIVE keeps one client doing
GetItem, PutItem and Query on the table, timing each call. Prints the backfill time and the
latencies of those calls.
"""

import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from ddbd_testlib import DdbdServer, make_client, wait_active
from index_helpers import defs, gsi

TABLE = "backfill_probe"


def load(endpoint, items):
    def write(first):
        ddb = make_client(endpoint)
        for start in range(first, min(items, first + 5000), 25):
            requests = [{"PutRequest": {"Item": {
                "pk": {"S": f"k{i}"}, "g": {"S": f"g{i % 1000}"}, "n": {"N": str(i)},
                "payload": {"S": "x" * 100}}}} for i in range(start, min(items, start + 25))]
            ddb.batch_write_item(RequestItems={TABLE: requests})
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(write, range(0, items, 5000)))


def probe(endpoint, stop, latencies):
    ddb = make_client(endpoint)
    i = 0
    while not stop.is_set():
        calls = [
            lambda: ddb.get_item(TableName=TABLE, Key={"pk": {"S": f"k{i * 7}"}}),
            lambda: ddb.put_item(TableName=TABLE, Item={"pk": {"S": f"new{i}"},
                                                        "g": {"S": "g-new"}, "n": {"N": str(i)}}),
            lambda: ddb.query(TableName=TABLE, KeyConditionExpression="pk = :p",
                              ExpressionAttributeValues={":p": {"S": f"k{i}"}}),
        ]
        for call in calls:
            started = time.monotonic()
            call()
            latencies.append(time.monotonic() - started)
        i += 1


def report(label, latencies):
    ordered = sorted(latencies)
    print(f"{label}: {len(ordered)} (median {statistics.median(ordered) * 1000:.2f} ms, "
          f"p99 {ordered[max(0, int(len(ordered) * 0.99) - 1)] * 1000:.2f} ms, "
          f"max {ordered[-1] * 1000:.2f} ms)")


def main():
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    server = DdbdServer(tempfile.mkdtemp(prefix="ddbd-backfill-") + "/data").start()
    try:
        ddb = make_client(server.endpoint)
        ddb.create_table(TableName=TABLE, BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=defs(pk="S"),
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        wait_active(ddb, TABLE)
        started = time.monotonic()
        load(server.endpoint, items)
        print(f"loaded {items} items in {time.monotonic() - started:.1f} s")
        stop, latencies = threading.Event(), []
        prober = threading.Thread(target=probe, args=(server.endpoint, stop, latencies))
        prober.start()
        time.sleep(1.0)
        before = len(latencies)
        started = time.monotonic()
        ddb.update_table(TableName=TABLE, AttributeDefinitions=defs(g="S", n="N"),
                         GlobalSecondaryIndexUpdates=[{"Create": gsi("by_g", "g", "n")}])
        description = wait_active(ddb, TABLE, timeout=3600)
        elapsed = time.monotonic() - started
        stop.set()
        prober.join()
        (index,) = description["GlobalSecondaryIndexes"]
        print(f"backfill of {items} items: {elapsed:.2f} s, index ItemCount {index['ItemCount']}")
        report("requests in the second before", latencies[:before])
        report("requests answered during the backfill", latencies[before:])
    finally:
        server.stop()


if __name__ == "__main__":
    main()

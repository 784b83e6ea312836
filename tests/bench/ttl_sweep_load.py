"""Not a test (not run in CI): the Time to Live load check. Run by hand:

    DDBD_BINARY=build/ddbd /usr/bin/python3 tests/bench/ttl_sweep_load.py [ITEMS] [MARGIN_S]

It starts its own ddbd on a fresh data directory, enables TTL on a table, loads ITEMS items
(default 100,000) with BatchWriteItem that all expire at the same second, T = start + MARGIN_S
(default 30; the load must finish before T: 100,000 items take about 15 s), plus 1,000 items
without an expiry. From a separate thread it keeps calling GetItem on those live items, before T
(baseline) and from T until the sweeper has deleted every expiring item, and prints the sweep
duration and the GetItem latencies (p50/p99/max) of both periods.
"""

import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))

from ddbd_testlib import DdbdServer, create_table, make_client  # noqa: E402

TABLE = "ttl_probe"
LIVE_ITEMS = 1000


def load(endpoint, items, expires):
    def write(first):
        ddb = make_client(endpoint)
        for start in range(first, min(items, first + 5000), 25):
            requests = [{"PutRequest": {"Item": {
                "pk": {"S": f"k{i}"}, "expires": {"N": str(expires)},
                "payload": {"S": "x" * 100}}}} for i in range(start, min(items, start + 25))]
            ddb.batch_write_item(RequestItems={TABLE: requests})
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(write, range(0, items, 5000)))
    ddb = make_client(endpoint)
    for start in range(0, LIVE_ITEMS, 25):
        ddb.batch_write_item(RequestItems={TABLE: [
            {"PutRequest": {"Item": {"pk": {"S": f"live{i}"}, "payload": {"S": "y" * 100}}}}
            for i in range(start, start + 25)]})


def probe(endpoint, stop, samples):
    ddb = make_client(endpoint)
    i = 0
    while not stop.is_set():
        began = time.monotonic()
        reply = ddb.get_item(TableName=TABLE, Key={"pk": {"S": f"live{i % LIVE_ITEMS}"}})
        samples.append((time.time(), (time.monotonic() - began) * 1000))
        assert "Item" in reply
        i += 1


def summary(name, latencies):
    if not latencies:
        return f"{name}: no samples"
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"{name}: {len(ordered)} GetItem calls, p50 {statistics.median(ordered):.2f} ms, "
            f"p99 {p99:.2f} ms, max {ordered[-1]:.2f} ms")


def item_count(ddb):
    return ddb.describe_table(TableName=TABLE)["Table"]["ItemCount"]


def main():
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    margin = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    with tempfile.TemporaryDirectory(prefix="ddbd-ttl-load-") as root:
        server = DdbdServer(os.path.join(root, "data"), extra_args=["--ttl-sweep-interval-ms", "1000"])
        server.start()
        try:
            ddb = make_client(server.endpoint)
            create_table(ddb, TABLE)
            ddb.update_time_to_live(TableName=TABLE, TimeToLiveSpecification={
                "Enabled": True, "AttributeName": "expires"})
            expires = int(time.time()) + margin
            began = time.monotonic()
            load(server.endpoint, items, expires)
            print(f"loaded {items} items in {time.monotonic() - began:.1f} s; "
                  f"{expires - time.time():.1f} s before they expire")
            if time.time() >= expires:
                print("warning: the load ended after the expiry; use a larger MARGIN_S")
            stop = threading.Event()
            samples = []
            prober = threading.Thread(target=probe, args=(server.endpoint, stop, samples))
            prober.start()
            while time.time() < expires:
                time.sleep(0.05)
            while item_count(ddb) > LIVE_ITEMS:
                time.sleep(0.01)
            swept_at = time.time()
            stop.set()
            prober.join()
            baseline = [ms for at, ms in samples if at < expires]
            during = [ms for at, ms in samples if at >= expires]
            print(f"swept {items} items in {swept_at - expires:.2f} s after they expired "
                  f"(sweep interval 1 s, 500 items per step)")
            print(summary("before expiry", baseline))
            print(summary("during the sweep", during))
            assert item_count(ddb) == LIVE_ITEMS
        finally:
            server.stop()


if __name__ == "__main__":
    main()

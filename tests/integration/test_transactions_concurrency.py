"""Isolation under concurrency: client threads move money between accounts (in two tables) with
TransactWriteItems, each transfer also logging itself in a third table, while other threads read
every account with TransactGetItems and others write the same items and tables with UpdateItem and
BatchWriteItem (without touching the balances). No read may see part of a transfer: the total is
the same on every read and at the end, no balance goes negative, and every committed transfer left
exactly one log item.

DynamoDB serializes transactions too, but may cancel one that collides with another
(TransactionCanceledException, reason TransactionConflict); the clients retry those, so the test
holds against DynamoDB as well. ddbd runs every write in one writer thread and never has a conflict.
"""

import random
import threading
import uuid

from botocore.exceptions import ClientError

from ddbd_testlib import make_client
from expr_helpers import plain, wire
from read_helpers import make_hash_table
from transact_helpers import get_action, put_action, update_action

ACCOUNTS_PER_TABLE = 6
START_BALANCE = 100
TRANSFER_THREADS = 4
TRANSFERS_PER_THREAD = 40


class Bank:
    def __init__(self, ddb):
        self.tables = [make_hash_table(ddb, "acct"), make_hash_table(ddb, "acct")]
        self.log = make_hash_table(ddb, "txlog")
        self.other = make_hash_table(ddb, "txbatch")
        self.accounts = [(table, f"a{i}") for table in self.tables for i in range(ACCOUNTS_PER_TABLE)]
        self.total = START_BALANCE * len(self.accounts)
        for table, pk in self.accounts:
            ddb.put_item(TableName=table, Item=wire({"pk": pk, "balance": START_BALANCE}))

    def read_all(self, ddb):
        """Every balance, from one TransactGetItems."""
        response = ddb.transact_get_items(TransactItems=[
            get_action(table, {"pk": pk}, projection="balance") for table, pk in self.accounts])
        return [plain(r["Item"])["balance"] for r in response["Responses"]]


def conflict_only(error):
    reasons = error.response.get("CancellationReasons", [])
    codes = {reason.get("Code") for reason in reasons}
    return error.response["Error"]["Code"] == "TransactionCanceledException" and "TransactionConflict" in codes


def transfer(ddb, bank, rng, committed):
    source, target = rng.sample(bank.accounts, 2)
    amount = rng.randint(1, 60)
    transfer_id = uuid.uuid4().hex
    items = [
        update_action(source[0], {"pk": source[1]}, "SET balance = balance - :a", condition="balance >= :a",
                      values={":a": amount}),
        update_action(target[0], {"pk": target[1]}, "SET balance = balance + :a", values={":a": amount}),
        put_action(bank.log, {"pk": transfer_id, "amount": amount}),
    ]
    while True:
        try:
            ddb.transact_write_items(TransactItems=items, ClientRequestToken=transfer_id)
            committed.append(transfer_id)
            return
        except ClientError as error:
            if conflict_only(error):
                continue
            codes = [r["Code"] for r in error.response.get("CancellationReasons", [])]
            assert codes == ["ConditionalCheckFailed", "None", "None"], error.response
            return  # not enough money: nothing happened


def run_threads(targets):
    errors = []

    def guarded(target):
        try:
            target()
        except BaseException as error:  # noqa: B902 - reported to the main thread
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a client thread hung"
    if errors:
        raise errors[0]


def test_transfers_are_never_seen_in_part(ddb, endpoint):
    bank = Bank(ddb)
    committed = []
    done = threading.Event()
    reads = []

    remaining = [TRANSFER_THREADS]
    lock = threading.Lock()

    def transferrer(seed):
        def run():
            client = make_client(endpoint)
            rng = random.Random(seed)
            try:
                for _ in range(TRANSFERS_PER_THREAD):
                    transfer(client, bank, rng, committed)
            finally:
                with lock:
                    remaining[0] -= 1
                    if remaining[0] == 0:
                        done.set()
        return run

    def reader():
        client = make_client(endpoint)
        while not done.is_set() or len(reads) < 5:
            try:
                balances = bank.read_all(client)
            except ClientError as error:
                if conflict_only(error):
                    continue
                raise
            assert sum(balances) == bank.total, balances
            assert min(balances) >= 0, balances
            reads.append(balances)

    def item_writer():
        client = make_client(endpoint)
        rng = random.Random(99)
        while not done.is_set():
            table, pk = rng.choice(bank.accounts)
            client.update_item(TableName=table, Key=wire({"pk": pk}), UpdateExpression="ADD visits :one",
                               ExpressionAttributeValues=wire({":one": 1}))

    def batch_writer():
        client = make_client(endpoint)
        batch = 0
        while not done.is_set():
            batch += 1
            client.batch_write_item(RequestItems={bank.other: [
                {"PutRequest": {"Item": wire({"pk": f"b{batch}-{i}"})}} for i in range(10)]})

    transferrers = [transferrer(seed) for seed in range(TRANSFER_THREADS)]
    run_threads(transferrers + [reader, reader, item_writer, batch_writer])

    assert len(reads) >= 5
    balances = bank.read_all(ddb)
    assert sum(balances) == bank.total
    logged = ddb.scan(TableName=bank.log, ConsistentRead=True, Select="COUNT")["Count"]
    assert logged == len(committed) > 0

"""PartiQL's ExecuteTransaction through boto3: all-read transactions (TransactGetItems), all-write
transactions (TransactWriteItems: INSERT, UPDATE, DELETE, EXISTS), cancellation reasons in
statement order, ClientRequestToken idempotency, and the checks made before anything runs.

Sources: the Developer Guide's "Performing transactions with PartiQL"; messages from DynamoDB
Local's PartiQL ValidationExceptionMessages (DYNAMODB_MESSAGES.md, "PartiQL").
"""

import pytest

from ddbd_testlib import ddb_error
from partiql_helpers import N, S
from read_helpers import make_hash_table


def tx(ddb, *statements, **kwargs):
    return ddb.execute_transaction(
        TransactStatements=[
            {"Statement": s[0], "Parameters": list(s[1:])} if len(s) > 1 else {"Statement": s[0]}
            for s in statements
        ],
        **kwargs,
    )


@pytest.fixture
def table(ddb):
    name = make_hash_table(ddb, "ptx")
    ddb.put_item(TableName=name, Item={"pk": S("a"), "n": N(1)})
    ddb.put_item(TableName=name, Item={"pk": S("b"), "n": N(2)})
    return name


def item(ddb, table, pk):
    return ddb.get_item(TableName=table, Key={"pk": S(pk)}, ConsistentRead=True).get("Item")


def test_reads_return_one_response_per_statement(ddb, table):
    out = tx(
        ddb,
        (f'SELECT * FROM "{table}" WHERE pk = ?', S("a")),
        (f"SELECT n FROM \"{table}\" WHERE pk = 'b'",),
        (f"SELECT * FROM \"{table}\" WHERE pk = 'none'",),
    )
    assert out["Responses"] == [{"Item": {"pk": S("a"), "n": N(1)}}, {"Item": {"n": N(2)}}, {}]


def test_writes_commit_together(ddb, table):
    out = tx(
        ddb,
        (f"INSERT INTO \"{table}\" VALUE {{'pk': 'c', 'n': 3}}",),
        (f"UPDATE \"{table}\" SET n = n + 10 WHERE pk = 'a'",),
        (f"DELETE FROM \"{table}\" WHERE pk = 'b'",),
    )
    assert out["Responses"] == []  # AWS answers an empty list for writes
    assert item(ddb, table, "c") == {"pk": S("c"), "n": N(3)}
    assert item(ddb, table, "a") == {"pk": S("a"), "n": N(11)}
    assert item(ddb, table, "b") is None


def test_a_failed_statement_cancels_all_with_reasons_in_order(ddb, table):
    with ddb_error("TransactionCanceledException") as error:
        tx(
            ddb,
            (f"UPDATE \"{table}\" SET n = 5 WHERE pk = 'a'",),
            (f"INSERT INTO \"{table}\" VALUE {{'pk': 'b'}}",),
            (f"EXISTS(SELECT * FROM \"{table}\" WHERE pk = 'missing' AND attribute_exists(n))",),
        )
    reasons = error.response["CancellationReasons"]
    assert [r["Code"] for r in reasons] == ["None", "DuplicateItem", "ConditionalCheckFailed"]
    assert reasons[1]["Message"] == "Duplicate primary key exists in table"
    assert error.message == (
        "Transaction cancelled, please refer cancellation reasons for specific reasons "
        "[None, DuplicateItem, ConditionalCheckFailed]"
    )
    assert item(ddb, table, "a") == {"pk": S("a"), "n": N(1)}


def test_exists_guards_the_writes(ddb, table):
    tx(
        ddb,
        (f"EXISTS(SELECT * FROM \"{table}\" WHERE pk = 'a' AND n = 1)",),
        (f"UPDATE \"{table}\" SET n = 20 WHERE pk = 'b'",),
    )
    assert item(ddb, table, "b")["n"] == N(20)
    with ddb_error("TransactionCanceledException"):
        tx(
            ddb,
            (f"EXISTS(SELECT * FROM \"{table}\" WHERE pk = 'missing' AND attribute_exists(n))",),
            (f"UPDATE \"{table}\" SET n = 30 WHERE pk = 'b'",),
        )
    assert item(ddb, table, "b")["n"] == N(20)


def test_client_request_token_makes_a_write_transaction_idempotent(ddb, table):
    statement = (f"UPDATE \"{table}\" SET n = n + 1 WHERE pk = 'a'",)
    tx(ddb, statement, ClientRequestToken="tok-1")
    tx(ddb, statement, ClientRequestToken="tok-1")
    assert item(ddb, table, "a")["n"] == N(2)
    with ddb_error("IdempotentParameterMismatchException"):
        tx(ddb, (f"UPDATE \"{table}\" SET n = n + 2 WHERE pk = 'a'",), ClientRequestToken="tok-1")


def test_checks_before_running(ddb, table):
    with ddb_error(
        "ValidationException",
        "Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction "
        "must specify the primary key in the where clause.",
    ):
        tx(ddb, (f"SELECT * FROM \"{table}\" WHERE n = 1",))
    with ddb_error("ValidationException", "Unsupported operation in transaction."):
        tx(
            ddb,
            (f"SELECT * FROM \"{table}\" WHERE pk = 'a'",),
            (f"DELETE FROM \"{table}\" WHERE pk = 'a'",),
        )
    with ddb_error(
        "ValidationException",
        "Validation failed in TransactStatements[0]: EXISTS() must contain a single item read "
        "with additional condition",
    ):
        tx(ddb, (f"EXISTS(SELECT * FROM \"{table}\" WHERE n = 1)",))
    with ddb_error(
        "ValidationException",
        contains=["at 'transactStatements' failed to satisfy constraint: Member must have length less than or equal to 100"],
    ):
        tx(ddb, *[(f"SELECT * FROM \"{table}\" WHERE pk = 'a'",)] * 101)
    assert item(ddb, table, "a") == {"pk": S("a"), "n": N(1)}

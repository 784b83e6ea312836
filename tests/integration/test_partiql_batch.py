"""PartiQL's BatchExecuteStatement through boto3: up to 25 statements, each answered on its own
(TableName and Item for reads, an Error with DynamoDB's code and message for a statement that
fails), writes applied one by one, and the request's own checks.

Sources: moto's BatchExecuteStatement tests (response shapes, the batch SELECT message); the
codes are botocore's BatchStatementErrorCodeEnum; DYNAMODB_MESSAGES.md, "PartiQL".
"""

from ddbd_testlib import ddb_error
from partiql_helpers import N, S
from read_helpers import make_hash_table


def batch(ddb, *statements, **kwargs):
    return ddb.batch_execute_statement(
        Statements=[
            {"Statement": s[0], "Parameters": list(s[1:])} if len(s) > 1 else {"Statement": s[0]}
            for s in statements
        ],
        **kwargs,
    )["Responses"]


def test_reads_answer_per_statement(ddb):
    table = make_hash_table(ddb, "pbx")
    ddb.put_item(TableName=table, Item={"pk": S("a"), "n": N(1)})
    responses = batch(
        ddb,
        (f'SELECT * FROM "{table}" WHERE pk = ?', S("a")),
        (f"SELECT n FROM \"{table}\" WHERE pk = 'a'",),
        (f"SELECT * FROM \"{table}\" WHERE pk = 'none'",),
        (f"SELECT * FROM \"{table}\" WHERE n = 1",),
        ("SELECT * FROM \"no-such-table-pbx\" WHERE pk = 'a'",),
        ("SELEC nonsense",),
    )
    assert responses[0] == {"TableName": table, "Item": {"pk": S("a"), "n": N(1)}}
    assert responses[1] == {"TableName": table, "Item": {"n": N(1)}}
    assert responses[2] == {"TableName": table}
    assert responses[3] == {
        "TableName": table,
        "Error": {
            "Code": "ValidationError",
            "Message": "Select statements within BatchExecuteStatement must specify the primary key in the where clause.",
        },
    }
    assert responses[4] == {"Error": {"Code": "ResourceNotFound", "Message": "Requested resource not found"}}
    assert responses[5]["Error"]["Code"] == "ValidationError"
    assert responses[5]["Error"]["Message"].startswith("Statement wasn't well formed, can't be processed:")


def test_writes_apply_one_by_one_with_their_own_errors(ddb):
    table = make_hash_table(ddb, "pbx")
    ddb.put_item(TableName=table, Item={"pk": S("old"), "n": N(5)})
    responses = batch(
        ddb,
        (f"INSERT INTO \"{table}\" VALUE {{'pk': 'new', 'n': 1}}",),
        (f"INSERT INTO \"{table}\" VALUE {{'pk': 'old'}}",),
        (f"UPDATE \"{table}\" SET n = 6 WHERE pk = 'old' AND n = 4",),
        (f"UPDATE \"{table}\" SET n = 7 WHERE pk = 'old'",),
        (f"DELETE FROM \"{table}\" WHERE pk = 'new'",),
    )
    assert responses[0] == {"TableName": table}
    assert responses[1] == {
        "TableName": table,
        "Error": {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"},
    }
    assert responses[2] == {
        "TableName": table,
        "Error": {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
    }
    assert responses[3] == {"TableName": table}
    assert responses[4] == {"TableName": table}
    assert ddb.get_item(TableName=table, Key={"pk": S("old")})["Item"]["n"] == N(7)
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": S("new")})


def test_batch_size_is_bounded(ddb):
    table = make_hash_table(ddb, "pbx")
    with ddb_error(
        "ValidationException",
        contains=["at 'statements' failed to satisfy constraint: Member must have length less than or equal to 25"],
    ):
        batch(ddb, *[(f"SELECT * FROM \"{table}\" WHERE pk = 'a'",)] * 26)

"""PartiQL's ExecuteStatement through the other two clients ddbd is named for: the AWS CLI (Debian's
awscli v2, `aws dynamodb execute-statement ...`) and the AWS SDK for JavaScript v3, both its
low-level client (@aws-sdk/client-dynamodb, typed parameters) and its document client
(@aws-sdk/lib-dynamodb, native JS values), installed from npm into the same cache as the client
smoke's SDK."""

import json
import os
import subprocess

import pytest

from ddbd_testlib import unique_name
from expr_helpers import run_aws
from js_helpers import JS_DIR, js_sdk
from read_helpers import make_range_table

# The client smoke (tests/clients/clients-smoke.sh) installs the same two packages into JS_DIR.
JS_PACKAGES = ("@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb")


def statement(endpoint, text, *parameters, extra=()):
    """Runs `aws dynamodb execute-statement` and returns the CompletedProcess."""
    args = ["execute-statement", "--statement", text]
    if parameters:
        args += ["--parameters", json.dumps(list(parameters))]
    return run_aws(endpoint, *args, *extra)


def cli(endpoint, text, *parameters, extra=()):
    done = statement(endpoint, text, *parameters, extra=extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def S(text):
    return {"S": text}


def N(number):
    return {"N": str(number)}


def test_the_aws_cli_inserts_selects_updates_and_deletes(endpoint, ddb):
    table = make_range_table(ddb, "N", "pqcli")
    for sk in range(1, 6):
        out = cli(endpoint, f"INSERT INTO \"{table}\" VALUE {{'pk': ?, 'sk': ?, 'v': ?}}",
                  S("a"), N(sk), S(f"a{sk}"))
        assert out == {"Items": []}
    item = ddb.get_item(TableName=table, Key={"pk": S("a"), "sk": N(3)})["Item"]
    assert item == {"pk": S("a"), "sk": N(3), "v": S("a3")}

    pages = []
    token = None
    while True:
        extra = ["--limit", "2"] + (["--next-token", token] if token else [])
        out = cli(endpoint, f'SELECT * FROM "{table}" WHERE pk = ?', S("a"), extra=extra)
        pages.append([(i["sk"]["N"], i["v"]["S"]) for i in out["Items"]])
        token = out.get("NextToken")
        if token is None:
            break
    assert pages == [[("1", "a1"), ("2", "a2")], [("3", "a3"), ("4", "a4")], [("5", "a5")]]

    out = cli(endpoint, f"UPDATE \"{table}\" SET v = ? SET n = 1 WHERE pk = ? AND sk = ? "
                        "RETURNING ALL NEW *", S("changed"), S("a"), N(2))
    assert out == {"Items": [{"pk": S("a"), "sk": N(2), "v": S("changed"), "n": N(1)}]}

    out = cli(endpoint, f"DELETE FROM \"{table}\" WHERE pk = ? AND sk = ?", S("a"), N(4))
    assert out == {"Items": []}
    out = cli(endpoint, f"SELECT sk FROM \"{table}\" WHERE pk = 'a'")
    assert out == {"Items": [{"sk": N(1)}, {"sk": N(2)}, {"sk": N(3)}, {"sk": N(5)}]}


def test_the_aws_cli_reports_a_duplicate_insert(endpoint, ddb):
    table = make_range_table(ddb, "N", "pqcli")
    cli(endpoint, f"INSERT INTO \"{table}\" VALUE {{'pk': 'k', 'sk': 1}}")
    refused = statement(endpoint, f"INSERT INTO \"{table}\" VALUE {{'pk': ?, 'sk': ?}}", S("k"), N(1))
    assert refused.returncode != 0
    assert "(DuplicateItemException)" in refused.stderr, refused.stderr
    assert "Duplicate primary key exists in table" in refused.stderr, refused.stderr


@pytest.fixture(scope="module")
def js_result(endpoint):
    node = js_sdk(JS_PACKAGES)
    script = os.path.join(os.path.dirname(__file__), "js", "partiql_client.js")
    done = subprocess.run([node, script, endpoint, unique_name("pqjs"), JS_DIR],
                          capture_output=True, text=True, timeout=120)
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr[-2000:]
    result = json.loads(lines[-1])
    assert "failure" not in result, result
    return result


def test_the_js_sdk_v3_runs_statements_with_typed_parameters(js_result):
    result = js_result["typed"]
    assert result["inserted"] == []
    assert result["selected"] == [
        {"pk": S("typed"), "n": N(1), "m": {"M": {"l": {"L": [N(2), S("x")]}}}}]
    assert result["updated"] == [
        {"pk": S("typed"), "n": N(42), "m": {"M": {"l": {"L": [N(2), S("x")]}}}}]
    assert result["duplicate"] == "DuplicateItemException: Duplicate primary key exists in table"


def test_the_js_document_client_runs_statements_with_native_values(js_result):
    result = js_result["native"]
    nested = {"s": "deep", "n": 1.5, "l": [1, "two", {"flag": True, "nothing": None}]}
    stored = {"pk": "doc", "n": 42, "m": nested, "l": ["a", 7]}
    assert result["selected"] == [stored]
    assert result["nType"] == "number"
    assert result["projected"] == [{"m": {"l": [{"flag": True}]}, "n": 42}]
    changed = {**stored, "n": 50, "m": {**nested, "s": "changed"}}
    assert result["updated"] == [changed]
    assert result["deleted"] == [changed]
    assert result["after"] == []


def test_the_js_document_client_runs_batches_and_transactions(js_result):
    result = js_result["batch"]
    table = result["written"][0]["TableName"]
    assert result["written"] == [
        {"TableName": table},
        {"TableName": table},
        {"TableName": table,
         "Error": {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"}},
    ]
    assert result["read"] == [{"TableName": table, "Item": {"v": 1}}, {"TableName": table}]
    assert result["transactionRead"] == [{"Item": {"pk": "b1", "v": 11}}, {}]
    assert result["canceled"] == {"name": "TransactionCanceledException", "codes": ["DuplicateItem"]}

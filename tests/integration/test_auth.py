"""auth verify: SigV4 verification against a credentials file, per-key access rules, and the
refusal to listen beyond loopback without credentials (README "Security").

Expected texts: DYNAMODB_MESSAGES.md section 0a.
"""

import datetime
import http.client
import json
import re
import subprocess
import urllib.parse

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from auth_helpers import (
    ACCOUNT,
    ADMIN,
    MISMATCH,
    READER,
    UNRECOGNIZED,
    USERS_ONLY,
    signing_at,
    start_secured,
    utc_now,
)
from ddbd_testlib import (
    DDBD_BINARY,
    REGION,
    TARGET_PREFIX,
    DdbdServer,
    create_table,
    ddb_error,
    make_client,
    unique_name,
)
from expr_helpers import run_aws

@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    """A ddbd in auth verify mode (a credentials file, on loopback)."""
    server = start_secured(tmp_path_factory.mktemp("auth"))
    yield server
    assert server.stop() == 0, server.log_tail()


def client_for(server, key, **kwargs):
    return make_client(server.endpoint, access_key=key[0], secret_key=key[1], **kwargs)


@pytest.fixture(scope="module")
def admin(secured):
    return client_for(secured, ADMIN)


def signed_post(endpoint, operation, body, key=ADMIN, region=REGION, at=None, send_body=None):
    """Signs `body` as botocore does (at time `at`, UTC) and sends `send_body` (default: the same
    bytes); returns (status, parsed JSON)."""
    data = json.dumps(body).encode()
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": TARGET_PREFIX + operation}
    request = AWSRequest(method="POST", url=endpoint + "/", data=data, headers=headers)
    signer = SigV4Auth(Credentials(*key), "dynamodb", region)
    with signing_at(at):
        signer.add_auth(request)
    parsed = urllib.parse.urlparse(endpoint)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        connection.request("POST", "/", body=send_body if send_body is not None else data,
                           headers=dict(request.headers.items()))
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_the_right_secret_succeeds(secured, admin):
    name = create_table(admin, unique_name("auth"))
    admin.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"N": "1"}})
    assert admin.get_item(TableName=name, Key={"pk": {"S": "a"}})["Item"]["v"] == {"N": "1"}
    assert name in admin.list_tables()["TableNames"]


def test_a_wrong_secret_is_an_invalid_signature(secured):
    client = client_for(secured, (ADMIN[0], "not-the-secret"))
    with ddb_error("InvalidSignatureException", contains=MISMATCH) as error:
        client.list_tables()
    assert error.message.startswith(MISMATCH + "\n\nThe Canonical String for this request should have been\n'POST\n/\n")
    assert "\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n" in error.message


def test_an_unknown_key_is_unrecognized(secured):
    client = client_for(secured, ("AKIDNOSUCHKEY", "whatever"))
    with ddb_error("UnrecognizedClientException",
                   message=UNRECOGNIZED):
        client.list_tables()


def test_an_expired_signature(secured):
    at = utc_now() - datetime.timedelta(minutes=20)
    status, body = signed_post(secured.endpoint, "ListTables", {}, at=at)
    assert status == 400
    assert body["__type"] == "com.amazon.coral.service#InvalidSignatureException"
    stamp = at.strftime("%Y%m%dT%H%M%SZ")
    assert re.fullmatch(rf"Signature expired: {stamp} is now earlier than (\d{{8}}T\d{{6}}Z) "
                        r"\((\d{8}T\d{6}Z) - 15 min\.\)", body["message"]), body["message"]


def test_a_signature_from_the_future(secured):
    at = utc_now() + datetime.timedelta(minutes=20)
    status, body = signed_post(secured.endpoint, "ListTables", {}, at=at)
    assert status == 400
    assert body["__type"] == "com.amazon.coral.service#InvalidSignatureException"
    assert body["message"].startswith(f"Signature not yet current: {at.strftime('%Y%m%dT%H%M%SZ')} "
                                      "is still later than "), body["message"]


def test_a_tampered_body(secured, admin):
    name = create_table(admin, unique_name("auth"))
    status, body = signed_post(secured.endpoint, "DescribeTable", {"TableName": name},
                               send_body=json.dumps({"TableName": name + "x"}).encode())
    assert status == 400
    assert body["__type"] == "com.amazon.coral.service#InvalidSignatureException"
    assert body["message"].startswith(MISMATCH)
    status, body = signed_post(secured.endpoint, "DescribeTable", {"TableName": name})
    assert status == 200, body


def test_a_wrong_region_is_scoped_wrongly(secured):
    client = client_for(secured, ADMIN, region="eu-west-1")
    with ddb_error("InvalidSignatureException",
                   message="Credential should be scoped to a valid region, not 'eu-west-1'. "):
        client.list_tables()


def test_a_missing_signature_is_still_missing_authentication(secured):
    status, body = signed_post(secured.endpoint, "ListTables", {})
    assert status == 200
    parsed = urllib.parse.urlparse(secured.endpoint)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        connection.request("POST", "/", body=b"{}", headers={
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": TARGET_PREFIX + "ListTables"})
        response = connection.getresponse()
        assert response.status == 400
        assert json.loads(response.read())["__type"] == (
            "com.amazon.coral.service#MissingAuthenticationTokenException")
    finally:
        connection.close()


def test_the_aws_cli_with_the_right_and_a_wrong_secret(secured):
    listed = run_aws(secured.endpoint, "list-tables", key=ADMIN)
    assert listed.returncode == 0, listed.stderr
    assert "TableNames" in json.loads(listed.stdout)
    refused = run_aws(secured.endpoint, "list-tables", key=(ADMIN[0], "not-the-secret"))
    assert refused.returncode != 0
    assert cli_error(refused.stderr) == ("InvalidSignatureException", MISMATCH), refused.stderr
    unknown = run_aws(secured.endpoint, "list-tables", key=("AKIDNOSUCHKEY", "x"))
    assert cli_error(unknown.stderr) == ("UnrecognizedClientException", UNRECOGNIZED), unknown.stderr


def cli_error(stderr):
    """(code, message) of the AWS CLI's "An error occurred (Code) when calling the X operation
    [(reached max retries: N)]: message" line; v2 adds the retries clause, v1 does not."""
    match = re.search(r"An error occurred \((\w+)\) when calling the \w+ operation"
                      r"(?: \(reached max retries: \d+\))?: (.*)", stderr)
    return (match.group(1), match.group(2).strip()) if match else None


def denied(key, action, table):
    resource = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{table}"
    return (f"User: arn:aws:iam::{ACCOUNT}:user/{key[0]} is not authorized to perform: "
            f"dynamodb:{action} on resource: {resource}")


def test_a_read_only_key_reads_but_cannot_write(secured, admin):
    name = create_table(admin, unique_name("auth"))
    admin.put_item(TableName=name, Item={"pk": {"S": "a"}})
    reader = client_for(secured, READER)
    assert reader.get_item(TableName=name, Key={"pk": {"S": "a"}})["Item"] == {"pk": {"S": "a"}}
    assert reader.scan(TableName=name)["Count"] == 1
    assert reader.describe_table(TableName=name)["Table"]["TableName"] == name
    assert name in reader.list_tables()["TableNames"]
    assert reader.transact_get_items(
        TransactItems=[{"Get": {"TableName": name, "Key": {"pk": {"S": "a"}}}}])["Responses"]
    with ddb_error("AccessDeniedException", message=denied(READER, "PutItem", name)):
        reader.put_item(TableName=name, Item={"pk": {"S": "b"}})
    with ddb_error("AccessDeniedException", message=denied(READER, "DeleteTable", name)):
        reader.delete_table(TableName=name)
    assert "Item" not in admin.get_item(TableName=name, Key={"pk": {"S": "b"}})


def test_access_is_checked_before_validation(secured, admin):
    reader = client_for(secured, READER)
    status, body = signed_post(secured.endpoint, "PutItem", {"TableName": "t-x", "Item": "bad"},
                               key=READER)
    assert status == 400
    assert body == {"__type": "com.amazon.coral.service#AccessDeniedException",
                    "message": denied(READER, "PutItem", "t-x")}
    del reader


def test_table_patterns_in_batch_write(secured, admin):
    users = create_table(admin, unique_name("users"))
    other = create_table(admin, unique_name("orders"))
    limited = client_for(secured, USERS_ONLY)
    limited.batch_write_item(RequestItems={users: [{"PutRequest": {"Item": {"pk": {"S": "1"}}}}]})
    with ddb_error("AccessDeniedException", message=denied(USERS_ONLY, "BatchWriteItem", other)):
        limited.batch_write_item(RequestItems={
            users: [{"PutRequest": {"Item": {"pk": {"S": "2"}}}}],
            other: [{"PutRequest": {"Item": {"pk": {"S": "2"}}}}],
        })
    # Nothing of the denied batch was written, not even to the allowed table.
    assert "Item" not in admin.get_item(TableName=users, Key={"pk": {"S": "2"}})
    with ddb_error("AccessDeniedException", message=denied(USERS_ONLY, "BatchGetItem", other)):
        limited.batch_get_item(RequestItems={other: {"Keys": [{"pk": {"S": "1"}}]}})


def test_table_patterns_in_transact_write(secured, admin):
    users = create_table(admin, unique_name("users"))
    other = create_table(admin, unique_name("orders"))
    limited = client_for(secured, USERS_ONLY)
    limited.transact_write_items(TransactItems=[{"Put": {"TableName": users, "Item": {"pk": {"S": "1"}}}}])
    with ddb_error("AccessDeniedException", message=denied(USERS_ONLY, "ConditionCheckItem", other)):
        limited.transact_write_items(TransactItems=[
            {"Put": {"TableName": users, "Item": {"pk": {"S": "2"}}}},
            {"ConditionCheck": {"TableName": other, "Key": {"pk": {"S": "1"}},
                                "ConditionExpression": "attribute_not_exists(pk)"}},
        ])
    with ddb_error("AccessDeniedException", message=denied(USERS_ONLY, "UpdateItem", other)):
        limited.transact_write_items(TransactItems=[
            {"Update": {"TableName": other, "Key": {"pk": {"S": "1"}},
                        "UpdateExpression": "SET v = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}},
        ])
    assert "Item" not in admin.get_item(TableName=users, Key={"pk": {"S": "2"}})


def test_refuses_to_listen_beyond_loopback_without_credentials(tmp_path):
    result = subprocess.run([DDBD_BINARY, "--host", "0.0.0.0", "--port", "0", "--in-memory"],
                            capture_output=True, text=True, timeout=10)
    assert result.returncode == 2, result
    assert result.stderr == (
        "ddbd: refusing to listen on 0.0.0.0 without credentials: give --credentials-file FILE to "
        "verify requests, or --auth off to accept any credentials\n")
    assert result.stdout == ""


def test_listens_beyond_loopback_with_explicit_auth_off(tmp_path):
    server = DdbdServer(tmp_path / "data", extra_args=["--host", "0.0.0.0", "--auth", "off"]).start()
    try:
        client = make_client(server.endpoint, access_key="anything", secret_key="fake")
        assert "TableNames" in client.list_tables()
    finally:
        assert server.stop() == 0


def test_auth_verify_needs_a_credentials_file():
    result = subprocess.run([DDBD_BINARY, "--auth", "verify", "--port", "0", "--in-memory"],
                            capture_output=True, text=True, timeout=10)
    assert result.returncode == 2
    assert result.stderr == "ddbd: --auth verify needs --credentials-file FILE\n"

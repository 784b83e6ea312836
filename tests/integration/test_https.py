"""HTTPS: ddbd's TLS listener with a self-signed certificate made at test time, used by boto3
with that certificate as its CA bundle."""

import json
import shutil
import socket
import ssl
import subprocess
import warnings

import pytest

from ddbd_testlib import DdbdServer, create_table, make_client, unique_name
from expr_helpers import run_aws

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    root = tmp_path_factory.mktemp("tls")
    cert, key = root / "cert.pem", root / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True)
    return cert, key


@pytest.fixture(scope="module")
def https_server(tmp_path_factory, certificate):
    cert, key = certificate
    server = DdbdServer(tmp_path_factory.mktemp("https") / "data", extra_args=[
        "--https-port", "0", "--tls-cert", str(cert), "--tls-key", str(key)]).start()
    yield server
    assert server.stop() == 0, server.log_tail()


def test_boto3_round_trip_over_https(https_server, certificate):
    assert https_server.https_endpoint.startswith("https://127.0.0.1:")
    client = make_client(https_server.https_endpoint, verify=str(certificate[0]))
    name = create_table(client, unique_name("tls"))
    client.put_item(TableName=name, Item={"pk": {"S": "k"}, "v": {"S": "over tls"}})
    item = client.get_item(TableName=name, Key={"pk": {"S": "k"}})["Item"]
    assert item["v"] == {"S": "over tls"}
    # The same data over plain HTTP: one server, two listeners.
    assert make_client(https_server.endpoint).get_item(
        TableName=name, Key={"pk": {"S": "k"}})["Item"] == item


def test_tls_below_1_2_is_refused(https_server, certificate):
    host, port = https_server.https_endpoint[len("https://"):].split(":")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(str(certificate[0]))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # the point is an old version
            context.minimum_version = ssl.TLSVersion.TLSv1
            context.maximum_version = ssl.TLSVersion.TLSv1_1
    except (ValueError, AttributeError):
        pytest.skip("this Python cannot offer TLS 1.1")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        with pytest.raises(ssl.SSLError):
            with context.wrap_socket(sock, server_hostname=host):
                pass


def test_https_only(tmp_path, certificate):
    cert, key = certificate
    server = DdbdServer(tmp_path / "data", extra_args=[
        "--http=false", "--https-port", "0", "--tls-cert", str(cert), "--tls-key", str(key)]).start()
    try:
        assert server.endpoint is None
        client = make_client(server.https_endpoint, verify=str(cert))
        assert "TableNames" in client.list_tables()
    finally:
        assert server.stop() == 0


def test_aws_cli_over_https(https_server, certificate):
    endpoint, bundle = https_server.https_endpoint, {"AWS_CA_BUNDLE": str(certificate[0])}
    name = unique_name("tlscli")
    created = run_aws(endpoint, "create-table", "--table-name", name,
                      "--attribute-definitions", "AttributeName=pk,AttributeType=S",
                      "--key-schema", "AttributeName=pk,KeyType=HASH",
                      "--billing-mode", "PAY_PER_REQUEST", env=bundle)
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["TableDescription"]["TableName"] == name
    put = run_aws(endpoint, "put-item", "--table-name", name,
                  "--item", '{"pk": {"S": "k"}, "v": {"S": "via the cli"}}', env=bundle)
    assert put.returncode == 0, put.stderr
    got = run_aws(endpoint, "get-item", "--table-name", name, "--key", '{"pk": {"S": "k"}}',
                  env=bundle)
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["Item"] == {"pk": {"S": "k"}, "v": {"S": "via the cli"}}
    # Without the CA bundle the self-signed certificate is refused: the bundle is what made it work.
    refused = run_aws(endpoint, "list-tables")
    assert refused.returncode != 0
    assert "SSL" in refused.stderr or "certificate" in refused.stderr, refused.stderr


def test_a_closing_reply_ends_with_close_notify(https_server, certificate):
    # Connection: close: ddbd ends the TLS session properly, so a strict client (ragged EOFs not
    # suppressed) reads the whole reply and then a clean end, not a truncation error.
    host, port = https_server.https_endpoint[len("https://"):].split(":")
    context = ssl.create_default_context(cafile=str(certificate[0]))
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        with context.wrap_socket(sock, server_hostname=host, suppress_ragged_eofs=False) as tls:
            tls.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            received = b""
            while chunk := tls.recv(4096):
                received += chunk
            assert received.startswith(b"HTTP/1.1 200 OK\r\n"), received
            assert received.endswith(b"healthy: dynamodb.us-east-1.amazonaws.com "), received
            tls.unwrap()


def test_oversized_request_over_https_gets_413(https_server, certificate):
    # The server answers on seeing Content-Length, then must read the rest of the body it will
    # never use: closing the TLS session with that data unread would reset the connection, and
    # the client would see a broken connection instead of the answer.
    client = make_client(https_server.https_endpoint, verify=str(certificate[0]))
    with pytest.raises(client.exceptions.ClientError) as raised:
        client.put_item(TableName="t", Item={"pk": {"S": "k"}, "v": {"S": "x" * (17 << 20)}})
    error = raised.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 413
    assert error["Error"]["Code"] == "RequestEntityTooLargeException"
    assert "TableNames" in client.list_tables()

"""Shared helpers for the ddbd integration tests: start/stop a ddbd process, make boto3 clients,
send raw signed HTTP requests, and assert DynamoDB errors.

Every assertion here is written so that it would also hold against real DynamoDB (house rule 6);
DYNAMODB_MESSAGES.md records where each expected text comes from.
"""

import atexit
import contextlib
import copy
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
import uuid

import boto3
import botocore.session
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

DDBD_BINARY = os.environ.get("DDBD_BINARY", "/work/main/build/ddbd")
REGION = "us-east-1"
ACCESS_KEY = os.environ.get("DDBD_ACCESS_KEY_ID", "AKIDDDBDTESTKEY")
SECRET_KEY = os.environ.get("DDBD_SECRET_ACCESS_KEY", "ddbd-test-secret-key")
TARGET_PREFIX = "DynamoDB_20120810."
START_TIMEOUT_S = 15.0
LISTENING_RE = re.compile(r"ddbd listening on (?!https://)(\S+):(\d+)\s*$")
HTTPS_LISTENING_RE = re.compile(r"ddbd listening on https://(\S+):(\d+)\s*$")

# --------------------------------------------------------------------------------------------
# The botocore 1.29 model on Debian 12 predates DeletionProtectionEnabled (2023) and still caps
# TableName at min 3 client-side (newer models accept ARNs: min 1, max 1024). A user with a current
# SDK sends both, so the tests load a copy of the installed model with those two changes.


def _patched_model_dir():
    loader = botocore.session.get_session().get_component("data_loader")
    model = copy.deepcopy(loader.load_service_model("dynamodb", "service-2"))
    shapes = model["shapes"]
    shapes["DeletionProtectionEnabled"] = {"type": "boolean"}
    for shape_name in ("CreateTableInput", "UpdateTableInput", "TableDescription"):
        shapes[shape_name]["members"]["DeletionProtectionEnabled"] = {
            "shape": "DeletionProtectionEnabled"
        }
    shapes["TableName"]["min"] = 1
    shapes["TableName"]["max"] = 1024
    root = tempfile.mkdtemp(prefix="ddbd-botomodel-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    version_dir = os.path.join(root, "dynamodb", model["metadata"]["apiVersion"])
    os.makedirs(version_dir)
    with open(os.path.join(version_dir, "service-2.json"), "w") as out:
        json.dump(model, out)
    return root


_MODEL_DIR = _patched_model_dir()


def boto_session(access_key=None, secret_key=None, region=None):
    core = botocore.session.get_session()
    core.get_component("data_loader").search_paths.insert(0, _MODEL_DIR)
    return boto3.Session(
        botocore_session=core,
        aws_access_key_id=access_key or ACCESS_KEY,
        aws_secret_access_key=secret_key or SECRET_KEY,
        region_name=region or REGION,
    )


CLIENT_CONFIG = Config(
    retries={"total_max_attempts": 1, "mode": "standard"},
    connect_timeout=5,
    read_timeout=30,
)


def make_client(endpoint, access_key=None, secret_key=None, region=None, verify=None):
    """A DynamoDB client; the credentials and region default to the test ones. `verify` is the
    CA bundle for an https endpoint."""
    session = boto_session(access_key, secret_key, region)
    return session.client("dynamodb", endpoint_url=endpoint, config=CLIENT_CONFIG, verify=verify)


def make_resource(endpoint):
    return boto_session().resource("dynamodb", endpoint_url=endpoint, config=CLIENT_CONFIG)


# --------------------------------------------------------------------------------------------
# The server process


# Printed after every listening line, so a server's endpoints are all known once it appears.
AUTH_LINE_RE = re.compile(r"^ddbd auth: (off|verify)\s*$")


def _local_host(host):
    return "127.0.0.1" if host in ("0.0.0.0", "::", "[::]") else host


class DdbdServer:
    """One ddbd process on a free port. Its stdout and stderr go to <data_dir>.log. With
    `in_memory` it runs --in-memory instead of using data_dir (which only names the log); `env`
    adds to its environment (TMPDIR, say)."""

    def __init__(self, data_dir, status_delay_ms=5, extra_args=(), in_memory=False, env=None):
        self.data_dir = str(data_dir)
        self.status_delay_ms = status_delay_ms
        self.extra_args = list(extra_args)
        self.in_memory = in_memory
        self.env = dict(env or {})
        self.log_path = self.data_dir.rstrip("/") + ".log"
        self.proc = None
        self.endpoint = None
        self.https_endpoint = None
        self._log = None

    def start(self):
        if not os.path.exists(DDBD_BINARY):
            pytest.fail(f"ddbd binary not found at {DDBD_BINARY} (set DDBD_BINARY)")
        if not self.in_memory:
            os.makedirs(self.data_dir, exist_ok=True)
        self._log = open(self.log_path, "ab")
        start_offset = self._log.tell()
        args = [
            DDBD_BINARY,
            "--port", "0",
            *(["--in-memory"] if self.in_memory else ["--data-dir", self.data_dir]),
            "--status-delay-ms", str(self.status_delay_ms),
            *self.extra_args,
        ]
        self.proc = subprocess.Popen(
            args, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, **self.env},
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            match = self._find_listening_line(start_offset)
            https = self._find_listening_line(start_offset, HTTPS_LISTENING_RE)
            if (match or https) and self._find_listening_line(start_offset, AUTH_LINE_RE):
                if match:
                    self.endpoint = f"http://{_local_host(match.group(1))}:{match.group(2)}"
                if https:
                    self.https_endpoint = f"https://{_local_host(https.group(1))}:{https.group(2)}"
                return self
            if self.proc.poll() is not None:
                pytest.fail(
                    f"ddbd exited with status {self.proc.returncode} before listening:\n"
                    + self.log_tail()
                )
            time.sleep(0.02)
        self.proc.kill()
        self.proc.wait()
        pytest.fail("ddbd did not print 'ddbd listening on <host>:<port>' in time:\n" + self.log_tail())

    def _find_listening_line(self, offset, pattern=LISTENING_RE):
        with open(self.log_path, "rb") as log:
            log.seek(offset)
            for line in log.read().decode("utf-8", "replace").splitlines():
                match = pattern.search(line)
                if match:
                    return match
        return None

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, "rb") as log:
                text = log.read().decode("utf-8", "replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, sig=signal.SIGTERM, timeout=10.0):
        """Sends `sig` and waits for the exit; returns the exit status."""
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            pytest.fail(f"ddbd did not exit within {timeout}s of signal {sig}:\n" + self.log_tail())
        finally:
            if self._log:
                self._log.close()
                self._log = None

    def kill(self):
        """SIGKILL: no chance to flush or clean up."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self._log:
            self._log.close()
            self._log = None

    def client(self):
        return make_client(self.endpoint)


# --------------------------------------------------------------------------------------------
# Names and tables


def unique_name(prefix="t"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def wait_active(ddb, name, timeout=10.0):
    """Polls DescribeTable until the table and every GSI are ACTIVE; returns the description."""
    deadline = time.monotonic() + timeout
    while True:
        table = ddb.describe_table(TableName=name)["Table"]
        gsis = table.get("GlobalSecondaryIndexes", [])
        if table["TableStatus"] == "ACTIVE" and all(g["IndexStatus"] == "ACTIVE" for g in gsis):
            return table
        if time.monotonic() > deadline:
            pytest.fail(f"table {name} not ACTIVE after {timeout}s: {table['TableStatus']}")
        time.sleep(0.01)


def wait_gone(ddb, name, timeout=10.0):
    """Polls DescribeTable until ResourceNotFoundException; returns that error's message."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            table = ddb.describe_table(TableName=name)["Table"]
        except ClientError as error:
            assert error.response["Error"]["Code"] == "ResourceNotFoundException"
            return error.response["Error"]["Message"]
        assert table["TableStatus"] == "DELETING", table["TableStatus"]
        if time.monotonic() > deadline:
            pytest.fail(f"table {name} still present after {timeout}s")
        time.sleep(0.01)


def create_table(ddb, name=None, hash_key=("pk", "S"), range_key=None, billing="PAY_PER_REQUEST",
                 wait=True, **extra):
    name = name or unique_name()
    attrs = [{"AttributeName": hash_key[0], "AttributeType": hash_key[1]}]
    keys = [{"AttributeName": hash_key[0], "KeyType": "HASH"}]
    if range_key:
        attrs.append({"AttributeName": range_key[0], "AttributeType": range_key[1]})
        keys.append({"AttributeName": range_key[0], "KeyType": "RANGE"})
    attrs.extend(extra.pop("ExtraAttributeDefinitions", []))
    request = dict(TableName=name, AttributeDefinitions=attrs, KeySchema=keys, **extra)
    if billing == "PAY_PER_REQUEST":
        request["BillingMode"] = "PAY_PER_REQUEST"
    elif "ProvisionedThroughput" not in request:
        request["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    ddb.create_table(**request)
    if wait:
        wait_active(ddb, name)
    return name


# --------------------------------------------------------------------------------------------
# Error assertions


class ErrorInfo:
    code = None
    message = None
    status = None
    response = None


@contextlib.contextmanager
def ddb_error(code, message=None, contains=(), status=400):
    """Asserts the block raises a ClientError with this code (the part after '#'), HTTP status,
    and, if given, exactly this message and/or messages containing each fragment."""
    info = ErrorInfo()
    with pytest.raises(ClientError) as raised:
        yield info
    response = raised.value.response
    info.response = response
    info.code = response["Error"].get("Code")
    info.message = response["Error"].get("Message")
    info.status = response["ResponseMetadata"]["HTTPStatusCode"]
    assert info.code == code, f"expected {code}, got {info.code}: {info.message}"
    assert info.status == status, f"expected HTTP {status}, got {info.status}"
    if message is not None:
        assert info.message == message
    if isinstance(contains, str):
        contains = (contains,)
    for fragment in contains:
        assert fragment in (info.message or ""), f"{fragment!r} not in {info.message!r}"


ENVELOPE_RE = re.compile(r"^(\d+) validation errors? detected: (.*)$", re.S)


def envelope_items(message):
    """Splits '<n> validation error(s) detected: a; b' into its items, checking n and the plural."""
    match = ENVELOPE_RE.match(message or "")
    assert match, f"not a validation envelope: {message!r}"
    count = int(match.group(1))
    expected_head = f"{count} validation error{'s' if count != 1 else ''} detected: "
    assert message.startswith(expected_head), message
    items = match.group(2).split("; ")
    assert len(items) == count, f"{count} announced, {len(items)} found: {message!r}"
    return items


def assert_envelope(message, expected_items):
    """The envelope lists exactly these items, in any order (DynamoDB does not fix the order)."""
    assert sorted(envelope_items(message)) == sorted(expected_items), message


def constraint(value, path, rule):
    """One envelope item. `value` None renders as null, anything else quoted."""
    shown = "null" if value is None else f"'{value}'"
    return f"Value {shown} at '{path}' failed to satisfy constraint: {rule}"


def assert_enum_error(message, value, path, members):
    """'1 validation error detected: Value 'x' at 'path' failed to satisfy constraint: Member must
    satisfy enum value set: [..]' with the members in any order."""
    items = envelope_items(message)
    assert len(items) == 1, message
    head = constraint(value, path, "Member must satisfy enum value set: [")
    assert items[0].startswith(head) and items[0].endswith("]"), message
    listed = items[0][len(head):-1].split(", ")
    assert sorted(listed) == sorted(members), message


LEGACY_NAME_LENGTH = "TableName must be at least 3 characters long and at most 255 characters long"


def assert_table_name_length_error(message, name, rule):
    """Control-plane table name length: DynamoDB has answered with the legacy sentence and, more
    recently, with the constraint envelope; either is DynamoDB's (DYNAMODB_MESSAGES.md section 9)."""
    if message == LEGACY_NAME_LENGTH:
        return
    assert message == "1 validation error detected: " + constraint(name, "tableName", rule), message


# --------------------------------------------------------------------------------------------
# Raw HTTP


class RawResponse:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers.items()}
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))


def raw_request(endpoint, body, target=None, operation=None, sign=True, headers=None,
                method="POST", path="/", content_type="application/x-amz-json-1.0"):
    """Sends one request with urllib-level control over every header; returns RawResponse."""
    import http.client

    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode("utf-8")
    elif isinstance(body, str):
        body = body.encode("utf-8")
    if operation is not None:
        target = TARGET_PREFIX + operation
    all_headers = {}
    if content_type is not None:
        all_headers["Content-Type"] = content_type
    if target is not None:
        all_headers["X-Amz-Target"] = target
    all_headers.update(headers or {})
    if sign:
        request = AWSRequest(method=method, url=endpoint + path, data=body, headers=all_headers)
        SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "dynamodb", REGION).add_auth(request)
        all_headers = dict(request.headers.items())
    parsed = urllib.parse.urlparse(endpoint)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    try:
        connection.request(method, path, body=body if body else None, headers=all_headers)
        response = connection.getresponse()
        return RawResponse(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def call_raw(endpoint, operation, payload):
    """A signed JSON call that bypasses boto3's client-side validation."""
    return raw_request(endpoint, payload, operation=operation)


def oversized_request_status(endpoint, size):
    """Announces a body of `size` bytes, streams it until the server answers, and returns the HTTP
    status of the answer (the server may reply as soon as it sees Content-Length)."""
    parsed = urllib.parse.urlparse(endpoint)
    sock = socket.create_connection((parsed.hostname, parsed.port), timeout=30)
    try:
        head = (
            f"POST / HTTP/1.1\r\nHost: {parsed.hostname}:{parsed.port}\r\n"
            "Content-Type: application/x-amz-json-1.0\r\n"
            f"X-Amz-Target: {TARGET_PREFIX}ListTables\r\n"
            f"Content-Length: {size}\r\n\r\n"
        ).encode()
        sock.sendall(head)
        chunk = b" " * 65536
        sent = 0
        received = b""
        while True:
            readable, _, _ = select.select([sock], [], [], 0 if sent < size else 10)
            if readable:
                try:
                    data = sock.recv(65536)
                except ConnectionResetError:
                    data = b""
                if not data:
                    break
                received += data
                if b"\r\n" in received:
                    break
            if sent < size:
                try:
                    sock.sendall(chunk[: min(len(chunk), size - sent)])
                except (BrokenPipeError, ConnectionResetError):
                    sent = size
                    continue
                sent += min(len(chunk), size - sent)
            elif not readable:
                break
        status_line = received.split(b"\r\n", 1)[0].decode("latin-1")
        parts = status_line.split()
        assert len(parts) >= 2 and parts[0].startswith("HTTP/"), f"no HTTP answer: {received[:200]!r}"
        return int(parts[1])
    finally:
        sock.close()

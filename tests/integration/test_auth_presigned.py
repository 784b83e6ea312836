"""auth verify with presigned query-string authentication (X-Amz-Algorithm, X-Amz-Credential,
X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature in the URL, no Authorization
header), signed by botocore's SigV4QueryAuth; and garbage in the Authorization header or the query
string, which must always be a 400 with an AWS error type.

Expected texts: DYNAMODB_MESSAGES.md section 0a.
"""

import datetime
import http.client
import json
import random
import re
import string
import urllib.parse

import pytest
from botocore.auth import SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from auth_helpers import (
    ADMIN,
    AMZ_DATE_FORMAT,
    MISMATCH,
    UNRECOGNIZED,
    signing_at,
    start_secured,
    utc_now,
)
from ddbd_testlib import REGION, TARGET_PREFIX, DdbdServer

AUTH_ERRORS = {
    "com.amazon.coral.service#" + name
    for name in ("MissingAuthenticationTokenException", "IncompleteSignatureException",
                 "InvalidSignatureException", "UnrecognizedClientException")
}


@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    server = start_secured(tmp_path_factory.mktemp("presigned"))
    yield server
    assert server.stop() == 0, server.log_tail()


class BodyKeepingQueryAuth(SigV4QueryAuth):
    """SigV4QueryAuth moves a request's body into the query string (right for query-protocol
    services); a DynamoDB call keeps its JSON body, which the signature covers by its hash."""

    def _modify_request_before_signing(self, request):
        data, request.data = request.data, b""
        super()._modify_request_before_signing(request)
        request.data = data


def send(endpoint, target, body, headers):
    """POSTs `body` to `target` (path and query) with exactly `headers` (a dict, or (name, value)
    pairs when a name repeats); returns (status, JSON)."""
    parsed = urllib.parse.urlparse(endpoint)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        connection.putrequest("POST", target, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items() if isinstance(headers, dict) else headers:
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def presigned_call(endpoint, operation, payload, key=ADMIN, expires=300, at=None):
    """Presigns a DynamoDB call (at time `at`, UTC) and sends it; returns (status, JSON)."""
    body = json.dumps(payload).encode()
    request = AWSRequest(method="POST", url=endpoint + "/", data=body, headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": TARGET_PREFIX + operation})
    with signing_at(at):
        BodyKeepingQueryAuth(Credentials(*key), "dynamodb", REGION, expires=expires).add_auth(request)
    url = urllib.parse.urlsplit(request.url)
    assert "Authorization" not in request.headers
    assert "X-Amz-Signature=" in url.query and "X-Amz-Expires=" in url.query
    headers = dict(request.headers.items())
    headers["Host"] = url.netloc
    return send(endpoint, f"{url.path}?{url.query}", body, headers)


def test_a_presigned_request_with_the_right_secret(secured):
    status, body = presigned_call(secured.endpoint, "ListTables", {})
    assert status == 200, body
    assert "TableNames" in body


def test_a_presigned_request_with_a_wrong_secret(secured):
    status, body = presigned_call(secured.endpoint, "ListTables", {}, key=(ADMIN[0], "wrong"))
    assert status == 400
    assert body["__type"] == "com.amazon.coral.service#InvalidSignatureException"
    assert body["message"].startswith(MISMATCH + "\n\nThe Canonical String for this request should "
                                      "have been\n'POST\n/\nX-Amz-Algorithm=AWS4-HMAC-SHA256&"), body


def test_a_presigned_request_with_an_unknown_key(secured):
    status, body = presigned_call(secured.endpoint, "ListTables", {}, key=("AKIDNOSUCHKEY", "x"))
    assert (status, body) == (400, {"__type": "com.amazon.coral.service#UnrecognizedClientException",
                                    "message": UNRECOGNIZED})


def test_an_expired_presigned_url(secured):
    # Presigned or not, AWS allows 15 minutes either way, and says so in the same words.
    at = utc_now() - datetime.timedelta(hours=2)
    status, body = presigned_call(secured.endpoint, "ListTables", {}, expires=60, at=at)
    assert status == 400
    assert body["__type"] == "com.amazon.coral.service#InvalidSignatureException"
    pattern = (rf"Signature expired: {at.strftime(AMZ_DATE_FORMAT)} is now earlier than "
               r"(\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 15 min\.\)")
    match = re.fullmatch(pattern, body["message"])
    assert match, body["message"]
    limit, now = (datetime.datetime.strptime(t, AMZ_DATE_FORMAT) for t in match.groups())
    assert now - limit == datetime.timedelta(minutes=15)
    assert abs(now - utc_now()) < datetime.timedelta(minutes=1)


def test_a_presigned_url_past_its_own_expiry(secured):
    # Within AWS's 15 minutes but past X-Amz-Expires: ddbd honours the shorter life it was given.
    at = utc_now() - datetime.timedelta(minutes=5)
    status, body = presigned_call(secured.endpoint, "ListTables", {}, expires=60, at=at)
    assert status == 400
    assert body["__type"] == "com.amazon.coral.service#InvalidSignatureException"
    assert body["message"].startswith("Signature expired: "), body["message"]
    assert body["message"].endswith(f"({at.strftime(AMZ_DATE_FORMAT)} + 60 sec.)"), body["message"]


# ----------------------------------------------------------------------------------------------
# Garbage: whatever arrives in the Authorization header or the query string, the answer is a 400
# with one of AWS's authentication errors (never a 500, never a dropped connection).

TOKENS = ["AWS4-HMAC-SHA256", "AWS4-", " ", ",", "=", "/", ";", "Credential=", "SignedHeaders=",
          "Signature=", "AKIDADMINTEST", "20150830", "us-east-1", "dynamodb", "aws4_request",
          "host", "x-amz-date", "%", "%2F", "%0", "%zz", "&", "X-Amz-Algorithm=", "X-Amz-Date=",
          "X-Amz-Credential=", "X-Amz-SignedHeaders=", "X-Amz-Signature=", "X-Amz-Expires=",
          "99999999999999999999", "-1", "T", "Z", "00", ";;;", "\t"]


def garbage(rng, tokens=TOKENS, printable=string.ascii_letters + string.digits + "+-_.~:*"):
    pieces = [rng.choice(tokens) if rng.random() < 0.8 else rng.choice(printable)
              for _ in range(rng.randrange(0, 40))]
    return "".join(pieces).strip()


def assert_auth_error(status, body, context):
    assert status == 400, (context, status, body)
    assert body["__type"] in AUTH_ERRORS, (context, body)


@pytest.mark.parametrize("mode", ["verify", "off"])
def test_garbage_authorization_headers(secured, tmp_path, mode):
    server = secured if mode == "verify" else DdbdServer(tmp_path / "data").start()
    try:
        rng = random.Random(8)
        date = utc_now().strftime(AMZ_DATE_FORMAT)
        for _ in range(300):
            value = garbage(rng)
            headers = {"Host": "localhost", "Content-Type": "application/x-amz-json-1.0",
                       "X-Amz-Target": TARGET_PREFIX + "ListTables", "Authorization": value}
            if rng.random() < 0.5:
                headers["X-Amz-Date"] = date if rng.random() < 0.5 else garbage(rng)
            status, body = send(server.endpoint, "/", b"{}", headers)
            if mode == "off" and status == 200:
                continue  # well-formed enough: auth off takes any credentials
            assert_auth_error(status, body, value)
    finally:
        if server is not secured:
            assert server.stop() == 0


def test_garbage_presigned_queries(secured):
    rng = random.Random(80)
    for _ in range(300):
        query = "X-Amz-Algorithm=" + garbage(rng).replace(" ", "%20").replace("\t", "%09")
        status, body = send(secured.endpoint, "/?" + query, b"{}", {
            "Host": "localhost", "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": TARGET_PREFIX + "ListTables"})
        assert_auth_error(status, body, query)


@pytest.mark.parametrize("dates", [
    ["20150830T123600Z", "20150830T123600Z"],  # two X-Amz-Date headers: joined, so no date
    ["20150230T123600Z"], ["2015083 T123600Z"], ["20150830T246000Z"], ["20150830T123600z"]])
def test_duplicate_and_malformed_dates(secured, dates):
    authorization = (f"AWS4-HMAC-SHA256 Credential=AKIDADMINTEST/{dates[0][:8]}/us-east-1/dynamodb/"
                     "aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
    headers = [("Host", "localhost"), ("Content-Type", "application/x-amz-json-1.0"),
               ("X-Amz-Target", TARGET_PREFIX + "ListTables"), ("Authorization", authorization)]
    status, body = send(secured.endpoint, "/", b"{}", headers + [("X-Amz-Date", d) for d in dates])
    assert (status, body) == (400, {
        "__type": "com.amazon.coral.service#IncompleteSignatureException",
        "message": f"Date must be in ISO-8601 'basic format'. Got '{','.join(dates)}'. "
                   "See http://en.wikipedia.org/wiki/ISO_8601"})


def test_a_date_far_ahead(secured):
    authorization = ("AWS4-HMAC-SHA256 Credential=AKIDADMINTEST/99991231/us-east-1/dynamodb/"
                     "aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
    status, body = send(secured.endpoint, "/", b"{}", {
        "Host": "localhost", "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": TARGET_PREFIX + "ListTables", "Authorization": authorization,
        "X-Amz-Date": "99991231T235959Z"})
    assert status == 400
    assert body["__type"] == "com.amazon.coral.service#InvalidSignatureException"
    assert body["message"].startswith(
        "Signature not yet current: 99991231T235959Z is still later than "), body

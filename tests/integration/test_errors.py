"""The HTTP envelope: raw requests, error bodies, the order of the early checks, and response headers.

Expected behaviour: DYNAMODB_MESSAGES.md section 0 (dynalite index.js recorded it from DynamoDB).
"""

import http.client
import json
import urllib.parse
import zlib

from ddbd_testlib import (
    TARGET_PREFIX,
    oversized_request_status,
    raw_request,
)

SERIALIZATION = "com.amazon.coral.service#SerializationException"
UNKNOWN_OPERATION = "com.amazon.coral.service#UnknownOperationException"
MISSING_TOKEN = {
    "__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
    "message": "Request is missing Authentication Token",
}


def assert_standard_headers(response):
    assert response.headers.get("x-amzn-requestid"), response.headers
    assert response.headers.get("x-amz-crc32") == str(zlib.crc32(response.body)), (
        response.headers.get("x-amz-crc32"), zlib.crc32(response.body))


def test_successful_call_headers_and_crc(endpoint):
    response = raw_request(endpoint, {}, operation="ListTables")
    assert response.status == 200
    assert "TableNames" in response.json()
    assert_standard_headers(response)
    assert response.headers["content-type"].startswith("application/x-amz-json-1.0")
    assert int(response.headers["content-length"]) == len(response.body)


def test_request_ids_are_unique(endpoint):
    ids = {raw_request(endpoint, {}, operation="ListTables").headers["x-amzn-requestid"] for _ in range(5)}
    assert len(ids) == 5


def test_error_responses_carry_headers_too(endpoint):
    response = raw_request(endpoint, {"TableName": "no-such-table-here"}, operation="DescribeTable")
    assert response.status == 400
    assert response.json() == {
        "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        "message": "Requested resource not found: Table: no-such-table-here not found",
    }
    assert_standard_headers(response)


def test_bad_json_is_serialization_exception(endpoint):
    for body in (b'{"TableName": ', b"not json at all", b"[1, 2"):
        response = raw_request(endpoint, body, operation="ListTables")
        assert response.status == 400, body
        assert response.json()["__type"] == SERIALIZATION, response.body
        assert_standard_headers(response)


def test_unknown_operation(endpoint):
    for target in (TARGET_PREFIX + "NoSuchOperation", "DynamoDB_20991231.ListTables", "ListTables",
                   TARGET_PREFIX + "listTables"):
        response = raw_request(endpoint, {}, target=target)
        assert response.status == 400, target
        assert response.json()["__type"] == UNKNOWN_OPERATION, (target, response.body)
        assert_standard_headers(response)
    response = raw_request(endpoint, {}, target=None)
    assert response.status == 400
    assert response.json()["__type"] == UNKNOWN_OPERATION


def test_missing_authentication(endpoint):
    response = raw_request(endpoint, {}, operation="ListTables", sign=False)
    assert response.status == 400
    assert response.json() == MISSING_TOKEN
    assert_standard_headers(response)
    response = raw_request(endpoint, {}, operation="ListTables", sign=False,
                           headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.status == 400
    assert response.json() == MISSING_TOKEN


def test_json_and_target_are_checked_before_authentication(endpoint):
    response = raw_request(endpoint, b"{oops", operation="ListTables", sign=False)
    assert response.status == 400
    assert response.json()["__type"] == SERIALIZATION
    response = raw_request(endpoint, {}, operation="NoSuchOperation", sign=False)
    assert response.status == 400
    assert response.json()["__type"] == UNKNOWN_OPERATION


def test_authentication_is_checked_before_validation(endpoint):
    response = raw_request(endpoint, {"Limit": 1000}, operation="ListTables", sign=False)
    assert response.json() == MISSING_TOKEN


def test_application_json_content_type_is_accepted(endpoint):
    response = raw_request(endpoint, {}, operation="ListTables", content_type="application/json")
    assert response.status == 200
    assert "TableNames" in response.json()


def test_health_check(endpoint):
    parsed = urllib.parse.urlparse(endpoint)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        assert response.status == 200
    finally:
        connection.close()


def test_keep_alive_serves_several_requests_on_one_connection(endpoint):
    from ddbd_testlib import ACCESS_KEY, REGION, SECRET_KEY
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    parsed = urllib.parse.urlparse(endpoint)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        for _ in range(3):
            request = AWSRequest(method="POST", url=endpoint + "/", data=b"{}", headers={
                "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": TARGET_PREFIX + "ListTables"})
            SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "dynamodb", REGION).add_auth(request)
            connection.request("POST", "/", body=b"{}", headers=dict(request.headers.items()))
            response = connection.getresponse()
            body = response.read()
            assert response.status == 200, body
            assert "TableNames" in json.loads(body)
    finally:
        connection.close()


def test_body_over_16_mib_is_413(endpoint):
    assert oversized_request_status(endpoint, 16 * 1024 * 1024 + 1) == 413
    # The server is still healthy afterwards.
    assert raw_request(endpoint, {}, operation="ListTables").status == 200

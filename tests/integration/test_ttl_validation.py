"""UpdateTimeToLive and DescribeTimeToLive errors, with DynamoDB's codes and texts
(DYNAMODB_MESSAGES.md "Time to Live"). Malformed requests go raw: boto3 refuses them client-side."""

import time

import pytest

from ddbd_testlib import (
    assert_envelope,
    call_raw,
    constraint,
    create_table,
    ddb_error,
    envelope_items,
    unique_name,
)

MODIFIED_TOO_SOON = "Time to live has been modified multiple times within a fixed interval"


def spec(enabled, attribute="expires"):
    return {"Enabled": enabled, "AttributeName": attribute}


def update(ddb, table, enabled, attribute="expires"):
    return ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(enabled, attribute))


def raw_error(endpoint, operation, payload):
    response = call_raw(endpoint, operation, payload)
    assert response.status == 400, response.body
    body = response.json()
    return body["__type"].split("#")[-1], body.get("message", body.get("Message"))


def test_missing_table(ddb):
    name = unique_name("missing")
    with ddb_error("ResourceNotFoundException",
                   f"Requested resource not found: Table: {name} not found"):
        update(ddb, name, True)
    with ddb_error("ResourceNotFoundException",
                   f"Requested resource not found: Table: {name} not found"):
        ddb.describe_time_to_live(TableName=name)


def test_disabling_when_disabled(ddb, table):
    with ddb_error("ValidationException", "TimeToLive is already disabled"):
        update(ddb, table, False)


def test_enabling_twice_and_another_attribute(ddb, table):
    update(ddb, table, True)
    with ddb_error("ValidationException", "TimeToLive is already enabled"):
        update(ddb, table, True)
    with ddb_error("ValidationException",
                   "TimeToLive is active on a different AttributeName: current AttributeName is "
                   "expires"):
        update(ddb, table, True, "other")
    with ddb_error("ValidationException",
                   "TimeToLive is active on a different AttributeName: current AttributeName is "
                   "expires"):
        update(ddb, table, False, "other")
    assert ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]["AttributeName"] == (
        "expires")


def test_changes_within_the_window_are_refused(start_server):
    server = start_server(extra_args=["--ttl-change-window-ms", "600000"])
    ddb = server.client()
    table = create_table(ddb, unique_name("ttl"))
    update(ddb, table, True)
    with ddb_error("ValidationException", MODIFIED_TOO_SOON):
        update(ddb, table, False)
    # content errors come before the window
    with ddb_error("ValidationException", "TimeToLive is already enabled"):
        update(ddb, table, True)
    desc = ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    # ENABLING lasts the status delay (5 ms in tests), as DynamoDB's lasts a while.
    assert desc["TimeToLiveStatus"] in ("ENABLING", "ENABLED")
    assert desc["AttributeName"] == "expires"


def test_changes_after_the_window_are_accepted(ddb, table):
    update(ddb, table, True)
    time.sleep(0.15)  # the test server's window is the 100 ms default
    update(ddb, table, False)
    time.sleep(0.15)
    update(ddb, table, True, "other")
    desc = ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    assert desc["AttributeName"] == "other"


def test_specification_members_are_required(endpoint, table):
    code, message = raw_error(endpoint, "UpdateTimeToLive", {"TableName": table})
    assert code == "ValidationException"
    assert message == "1 validation error detected: " + constraint(
        None, "timeToLiveSpecification", "Member must not be null")
    code, message = raw_error(endpoint, "UpdateTimeToLive",
                              {"TableName": table, "TimeToLiveSpecification": {}})
    assert code == "ValidationException"
    assert_envelope(message, [
        constraint(None, "timeToLiveSpecification.enabled", "Member must not be null"),
        constraint(None, "timeToLiveSpecification.attributeName", "Member must not be null"),
    ])


@pytest.mark.parametrize("attribute", ["", "a" * 256])
def test_attribute_name_length(endpoint, table, attribute):
    code, message = raw_error(endpoint, "UpdateTimeToLive",
                              {"TableName": table, "TimeToLiveSpecification": spec(True, attribute)})
    assert code == "ValidationException"
    # DynamoDB has also answered "TimeToLiveSpecification.AttributeName must be non empty" for ""
    # (dynalite, older); the constraint envelope is the current form.
    assert "ttributeName" in message, message
    if message.startswith("1 validation error"):
        (item,) = envelope_items(message)
        assert item.startswith(f"Value '{attribute}' at 'timeToLiveSpecification.attributeName'")


def test_validation_comes_before_the_table_lookup(endpoint):
    code, message = raw_error(endpoint, "UpdateTimeToLive",
                              {"TableName": unique_name("missing"),
                               "TimeToLiveSpecification": {"Enabled": True}})
    assert code == "ValidationException"
    assert "timeToLiveSpecification.attributeName" in message


def test_wrong_member_types_are_serialization_errors(endpoint, table):
    code, _ = raw_error(endpoint, "UpdateTimeToLive",
                        {"TableName": table, "TimeToLiveSpecification": spec(5)})
    assert code == "SerializationException"
    code, _ = raw_error(endpoint, "UpdateTimeToLive",
                        {"TableName": table, "TimeToLiveSpecification": "on"})
    assert code == "SerializationException"


def test_table_name_is_checked(endpoint):
    code, message = raw_error(endpoint, "DescribeTimeToLive", {})
    assert code == "ValidationException"
    assert "TableName" in message or "tableName" in message
    code, message = raw_error(endpoint, "DescribeTimeToLive", {"TableName": "abc;"})
    assert code == "ValidationException"
    assert "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+" in message

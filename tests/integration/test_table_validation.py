"""CreateTable, DescribeTable and DeleteTable request validation: table names, key schemas,
attribute definitions, billing mode and throughput, secondary index definitions.

Expected texts and their sources: DYNAMODB_MESSAGES.md sections 1 and 2.
"""

import pytest

from ddbd_testlib import (
    assert_enum_error,
    assert_table_name_length_error,
    call_raw,
    constraint,
    create_table,
    ddb_error,
    unique_name,
)

PPR = {"BillingMode": "PAY_PER_REQUEST"}
THROUGHPUT_5 = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}


def hash_schema(name="pk", attr_type="S"):
    return dict(
        AttributeDefinitions=[{"AttributeName": name, "AttributeType": attr_type}],
        KeySchema=[{"AttributeName": name, "KeyType": "HASH"}],
    )




@pytest.mark.parametrize("operation, payload", [
    ("CreateTable", {**PPR, **hash_schema()}),
    ("DescribeTable", {}),
    ("DeleteTable", {}),
])
def test_missing_table_name_raw(endpoint, operation, payload):
    response = call_raw(endpoint, operation, payload)
    assert response.status == 400
    assert response.json() == {
        "__type": "com.amazon.coral.validate#ValidationException",
        "message": "The parameter 'TableName' is required but was not present in the request",
    }


def test_create_table_zero_capacity_raw(endpoint):
    # boto3 refuses capacity 0 client-side, so this goes raw.
    name = unique_name("zero")
    response = call_raw(endpoint, "CreateTable", {
        "TableName": name, "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 1},
        **hash_schema()})
    assert response.status == 400
    assert response.json() == {
        "__type": "com.amazon.coral.validate#ValidationException",
        "message": "1 validation error detected: " + constraint(
            "0", "provisionedThroughput.readCapacityUnits", "Member must have value greater than or equal to 1"),
    }


def test_create_table_name_rules(ddb):
    with ddb_error("ValidationException", "1 validation error detected: " + constraint(
            "ab", "tableName", "Member must have length greater than or equal to 3")):
        ddb.create_table(TableName="ab", **PPR, **hash_schema())
    with ddb_error("ValidationException", "1 validation error detected: " + constraint(
            "abc;", "tableName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")):
        ddb.create_table(TableName="abc;", **PPR, **hash_schema())
    long_name = "a" * 256
    with ddb_error("ValidationException") as error:
        ddb.create_table(TableName=long_name, **PPR, **hash_schema())
    assert_table_name_length_error(
        error.message, long_name, "Member must have length less than or equal to 255")
    # The longest and the most unusual valid names are accepted.
    for name in ("A" * 255, "._-" + unique_name("ok")):
        create_table(ddb, name)


def test_describe_delete_table_name_rules(ddb):
    pattern = "1 validation error detected: " + constraint(
        "abc;", "tableName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
    long_name = "b" * 256
    for operation in (ddb.describe_table, ddb.delete_table):
        with ddb_error("ValidationException", pattern):
            operation(TableName="abc;")
        with ddb_error("ValidationException") as error:
            operation(TableName=long_name)
        assert_table_name_length_error(
            error.message, long_name, "Member must have length less than or equal to 255")


KEYS_PK_SK = [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]
DEFS_PK_SK = [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}]
ONE = "One or more parameter values were invalid: "

CREATE_TABLE_ERRORS = [
    pytest.param(
        dict(ProvisionedThroughput=THROUGHPUT_5, **PPR, **hash_schema()),
        ONE + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
        "PAY_PER_REQUEST", id="ppr-with-throughput"),
    pytest.param(
        dict(**hash_schema()),
        ONE + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is "
        "PROVISIONED", id="default-billing-without-throughput"),
    pytest.param(
        dict(BillingMode="PROVISIONED", **hash_schema()),
        ONE + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is "
        "PROVISIONED", id="provisioned-without-throughput"),
    pytest.param(
        dict(ProvisionedThroughput={"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1},
             **hash_schema()),
        "Given value 1000000000001 for ReadCapacityUnits is out of bounds", id="rcu-out-of-bounds"),
    pytest.param(
        dict(AttributeDefinitions=[{"AttributeName": "other", "AttributeType": "S"}],
             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], **PPR),
        ONE + "Some index key attributes are not defined in AttributeDefinitions. "
        "Keys: [pk], AttributeDefinitions: [other]", id="key-not-defined"),
    pytest.param(
        dict(AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
             KeySchema=KEYS_PK_SK, **PPR),
        "Invalid KeySchema: Some index key attribute have no definition", id="more-keys-than-definitions"),
    pytest.param(
        dict(AttributeDefinitions=DEFS_PK_SK,
             KeySchema=[{"AttributeName": "pk", "KeyType": "RANGE"}, {"AttributeName": "sk", "KeyType": "HASH"}],
             **PPR),
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type", id="first-not-hash"),
    pytest.param(
        dict(AttributeDefinitions=DEFS_PK_SK,
             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "HASH"}],
             **PPR),
        "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type", id="second-not-range"),
    pytest.param(
        dict(AttributeDefinitions=DEFS_PK_SK,
             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "pk", "KeyType": "RANGE"}],
             **PPR),
        "Both the Hash Key and the Range Key element in the KeySchema have the same name", id="same-key-name"),
    pytest.param(
        dict(AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "INVALID"}],
             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], **PPR),
        "1 validation error detected: Value 'INVALID' at 'attributeDefinitions.1.member.attributeType' "
        "failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]", id="bad-attribute-type"),
    pytest.param(
        dict(AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
             KeySchema=[{"AttributeName": "pk", "KeyType": "INVALID"}], **PPR),
        "1 validation error detected: Value 'INVALID' at 'keySchema.1.member.keyType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [HASH, RANGE]", id="bad-key-type"),
    pytest.param(
        dict(AttributeDefinitions=DEFS_PK_SK + [{"AttributeName": "extra", "AttributeType": "S"}],
             KeySchema=KEYS_PK_SK + [{"AttributeName": "extra", "KeyType": "RANGE"}], **PPR),
        "1 validation error detected: Value '[KeySchemaElement(attributeName=pk, keyType=HASH), "
        "KeySchemaElement(attributeName=sk, keyType=RANGE), KeySchemaElement(attributeName=extra, "
        "keyType=RANGE)]' at 'keySchema' failed to satisfy constraint: Member must have length less than "
        "or equal to 2", id="three-key-elements"),
    pytest.param(
        dict(AttributeDefinitions=DEFS_PK_SK, KeySchema=KEYS_PK_SK, GlobalSecondaryIndexes=[], **PPR),
        ONE + "List of GlobalSecondaryIndexes is empty", id="empty-gsi-list"),
    pytest.param(
        dict(AttributeDefinitions=DEFS_PK_SK, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
             LocalSecondaryIndexes=[{"IndexName": "lsi1", "KeySchema": KEYS_PK_SK,
                                     "Projection": {"ProjectionType": "ALL"}}], **PPR),
        ONE + "Table KeySchema does not have a range key, which is required when specifying a "
        "LocalSecondaryIndex", id="lsi-without-table-range"),
    pytest.param(
        dict(AttributeDefinitions=DEFS_PK_SK + [{"AttributeName": "g", "AttributeType": "S"}],
             KeySchema=KEYS_PK_SK,
             GlobalSecondaryIndexes=[
                 {"IndexName": "same", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                  "Projection": {"ProjectionType": "ALL"}},
                 {"IndexName": "same", "KeySchema": [{"AttributeName": "sk", "KeyType": "HASH"}],
                  "Projection": {"ProjectionType": "ALL"}}], **PPR),
        ONE + "Duplicate index name: same", id="duplicate-index-name"),
    pytest.param(
        dict(AttributeDefinitions=DEFS_PK_SK, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
             GlobalSecondaryIndexes=[
                 {"IndexName": "gsi", "KeySchema": [{"AttributeName": "sk", "KeyType": "HASH"}],
                  "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": THROUGHPUT_5}], **PPR),
        ONE + "ProvisionedThroughput should not be specified for index: gsi when BillingMode is "
        "PAY_PER_REQUEST", id="gsi-throughput-on-ppr"),
    pytest.param(
        dict(AttributeDefinitions=DEFS_PK_SK, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
             GlobalSecondaryIndexes=[
                 {"IndexName": "gsi", "KeySchema": [{"AttributeName": "sk", "KeyType": "HASH"}],
                  "Projection": {"ProjectionType": "ALL", "NonKeyAttributes": ["x"]}}], **PPR),
        ONE + "ProjectionType is ALL, but NonKeyAttributes is specified", id="all-with-non-key-attributes"),
]


@pytest.mark.parametrize("request_args, message", CREATE_TABLE_ERRORS)
def test_create_table_validation(ddb, request_args, message):
    name = unique_name("bad")
    with ddb_error("ValidationException", message):
        ddb.create_table(TableName=name, **request_args)
    with ddb_error("ResourceNotFoundException"):
        ddb.describe_table(TableName=name)


def test_create_table_bad_billing_mode(ddb):
    with ddb_error("ValidationException") as error:
        ddb.create_table(TableName=unique_name("bm"), BillingMode="pay_per_request", **hash_schema())
    assert_enum_error(error.message, "pay_per_request", "billingMode", ["PROVISIONED", "PAY_PER_REQUEST"])


def test_create_table_unused_attribute_definition(ddb):
    with ddb_error("ValidationException") as error:
        ddb.create_table(
            TableName=unique_name("unused"),
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "extra", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            **PPR,
        )
    # Two wordings are on record (DYNAMODB_MESSAGES.md section 2); both name the mismatch.
    assert error.message in (
        ONE + "Number of attributes in KeySchema does not exactly match number of attributes defined "
        "in AttributeDefinitions",
        ONE + "Some AttributeDefinitions are not used. AttributeDefinitions: [pk, extra], keys used: [pk]",
    ), error.message

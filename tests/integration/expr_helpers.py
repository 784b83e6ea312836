"""Helpers shared by the expression-language tests (conditions, UpdateItem, projections, expression
errors, legacy parameters).

Every expected text in those files names its source in a comment. Tags as in DYNAMODB_MESSAGES.md:
CONF (nubo-db/dynamodb-conformance, run against live DynamoDB in 2026), DL (architect/dynalite tests,
once checked against DynamoDB), ALT (scylladb test/alternator, run against DynamoDB; its comments quote
DynamoDB's messages), DDBL (DynamoDB Local's decompiled DbValidationError enum).

The live captures show that some regions wrap expression errors in the request-validation envelope
("1 validation error detected: ...") and others do not (CONF updateItem.test.ts, "2026-06 four-region
capture"), so exact assertions accept both forms.
"""

import atexit
import contextlib
import copy
import json
import os
import shutil
import tempfile

import boto3
import botocore.session
import pytest
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from ddbd_testlib import (
    ACCESS_KEY,
    CLIENT_CONFIG,
    REGION,
    SECRET_KEY,
    boto_session,
    ddb_error,
    unique_name,
)

ENVELOPE = "1 validation error detected: "
CONDITIONAL_FAILED = "The conditional request failed"
ONE = "One or more parameter values were invalid: "

_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()


# --------------------------------------------------------------------------------------------
# Values: tests write Python values and compare Python values (sets compare unordered).


def wire(mapping):
    """{'a': 1, 'b': {'x'}} -> DynamoDB JSON values. Keys are kept as given (":v", "#n" or names)."""
    return {key: _SERIALIZER.serialize(value) for key, value in mapping.items()}


def plain(item):
    """DynamoDB JSON item -> Python values (Decimal numbers, Python sets, Binary)."""
    if item is None:
        return None
    return {key: _DESERIALIZER.deserialize(value) for key, value in item.items()}


def new_key(prefix="k"):
    return {"pk": {"S": unique_name(prefix)}}


def put(ddb, table, key, **attributes):
    """Puts key + attributes (Python values); returns the key."""
    ddb.put_item(TableName=table, Item={**key, **wire(attributes)})
    return key


def get(ddb, table, key, **kwargs):
    """The stored item as Python values, or None."""
    return plain(ddb.get_item(TableName=table, Key=key, ConsistentRead=True, **kwargs).get("Item"))


def get_raw(ddb, table, key, **kwargs):
    return ddb.get_item(TableName=table, Key=key, ConsistentRead=True, **kwargs).get("Item")


# --------------------------------------------------------------------------------------------
# Error assertions


def assert_dynamo_message(actual, expected):
    """Exactly `expected`, with or without the validation envelope some regions add."""
    assert actual in (expected, ENVELOPE + expected), f"expected {expected!r}, got {actual!r}"


def strip_envelope(message):
    message = message or ""
    return message[len(ENVELOPE):] if message.startswith(ENVELOPE) else message


@contextlib.contextmanager
def validation_error(message=None, contains=(), startswith=None):
    """ValidationException (HTTP 400). `message`: exact (envelope optional); `startswith`: the
    message without envelope starts with it; `contains`: fragments."""
    with ddb_error("ValidationException", contains=contains) as info:
        yield info
    if message is not None:
        assert_dynamo_message(info.message, message)
    if startswith is not None:
        assert strip_envelope(info.message).startswith(startswith), info.message


@contextlib.contextmanager
def condition_failed():
    with ddb_error("ConditionalCheckFailedException", CONDITIONAL_FAILED) as info:
        yield info


# --------------------------------------------------------------------------------------------
# The AWS CLI: Debian's awscli (v2), which tests/run.sh installs; /usr/bin/aws is preferred over any
# other `aws` on PATH (a pip-installed v1, say), and a missing CLI fails the test rather than skip it.


def run_aws(endpoint, *args, key=None, env=None, service="dynamodb"):
    """Runs `aws <service> <args> --endpoint-url <endpoint>` (service dynamodb, or
    dynamodbstreams) with the test credentials (or `key`, an (access key id, secret) pair) and no
    user configuration, `env` added to its environment (say AWS_CA_BUNDLE); returns the
    CompletedProcess (text mode)."""
    import subprocess

    aws = "/usr/bin/aws" if os.access("/usr/bin/aws", os.X_OK) else shutil.which("aws")
    if aws is None:
        pytest.fail("the AWS CLI (aws) is not installed: run docker/install-deps.sh --test")
    access_key, secret_key = key or (ACCESS_KEY, SECRET_KEY)
    extra_env = env or {}
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": access_key,
        "AWS_SECRET_ACCESS_KEY": secret_key,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_MAX_ATTEMPTS": "1",
        "AWS_PAGER": "",
        "AWS_EC2_METADATA_DISABLED": "true",
    })
    env.update(extra_env)
    return subprocess.run([aws, service, *args, "--endpoint-url", endpoint, "--output", "json"],
                          env=env, capture_output=True, text=True, timeout=60)


# --------------------------------------------------------------------------------------------
# A client whose model knows ReturnValuesOnConditionCheckFailure (June 2023) on PutItem, UpdateItem
# and DeleteItem (and PartiQL's statements), and the Item member of ConditionalCheckFailedException, so that boto3 sends the
# parameter and surfaces the old item as error.response["Item"] as a current SDK does. Debian 12's
# botocore 1.29 predates both.


def _rvcf_model_dir():
    core = boto_session()._session
    model = copy.deepcopy(core.get_component("data_loader").load_service_model("dynamodb", "service-2"))
    shapes = model["shapes"]
    shapes.setdefault("ReturnValuesOnConditionCheckFailure", {"type": "string", "enum": ["ALL_OLD", "NONE"]})
    for shape_name in ("PutItemInput", "UpdateItemInput", "DeleteItemInput", "ExecuteStatementInput",
                       "BatchStatementRequest", "ParameterizedStatement"):
        shapes[shape_name]["members"].setdefault(
            "ReturnValuesOnConditionCheckFailure", {"shape": "ReturnValuesOnConditionCheckFailure"})
    for shape_name in ("ConditionalCheckFailedException", "BatchStatementError"):
        shapes[shape_name]["members"].setdefault("Item", {"shape": "AttributeMap"})
    root = tempfile.mkdtemp(prefix="ddbd-botomodel-rvcf-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    version_dir = os.path.join(root, "dynamodb", model["metadata"]["apiVersion"])
    os.makedirs(version_dir)
    with open(os.path.join(version_dir, "service-2.json"), "w") as out:
        json.dump(model, out)
    return root


_RVCF_MODEL_DIR = None


def make_rvcf_client(endpoint):
    global _RVCF_MODEL_DIR
    if _RVCF_MODEL_DIR is None:
        _RVCF_MODEL_DIR = _rvcf_model_dir()
    core = botocore.session.get_session()
    core.get_component("data_loader").search_paths.insert(0, _RVCF_MODEL_DIR)
    session = boto3.Session(botocore_session=core, aws_access_key_id=ACCESS_KEY,
                            aws_secret_access_key=SECRET_KEY, region_name=REGION)
    return session.client("dynamodb", endpoint_url=endpoint, config=CLIENT_CONFIG)

"""BatchWriteItem: up to 25 puts and deletes across tables, UnprocessedItems empty, duplicate and size
limits, the key and item validation PutItem/DeleteItem apply, boto3's batch_writer (with and without
overwrite_by_pkeys). ConsumedCapacity is in test_capacity_reads.py.

Sources (tags in read_helpers.py): CONF tier3/error-messages/batchWriteItem.test.ts (live, 2026, four
regions: the schema-mismatch text is used for wrong-typed and non-scalar keys in a PutRequest) and
captures/cross-region-latest.json (probe c_bw_over25: the > 25 envelope echoes the whole request, so
only its frame is asserted); DL actions/batchWriteItem.js (a missing key or a type mismatch in a
PutRequest becomes the schema-mismatch text) and validations/batchWriteItem.js; DDBL ErrorFactory
(BATCH_WRITE_LIMIT_EXCEEDED, DUPLICATE_ITEM_KEY, BATCH_WRITE_REQUEST_ITEMS_REQUIRED); DOCS
BatchWriteItem ('There are more than 25 requests in the batch' is a ValidationException).
"""

import re
from decimal import Decimal

import pytest
from botocore.exceptions import ClientError

from ddbd_testlib import ddb_error, unique_name
from expr_helpers import plain, validation_error, wire
from read_helpers import (
    DUPLICATE_KEYS,
    NO_SCHEMA_MATCH,
    NOT_FOUND,
    assert_raw_validation,
    make_hash_table,
    make_range_table,
    put_all,
)

EMPTY_STRING_KEY = ("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                    "contain an empty string value. Key: {}")
EMPTY_BINARY_KEY = ("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                    "contain an empty binary value. Key: {}")
LIST_CONSTRAINT = ("' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                   "[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")


@pytest.fixture
def tables(ddb):
    """A hash-only table (pk S) and a range table (pk S, sk N), fresh for each test."""
    return make_hash_table(ddb, "bwh"), make_range_table(ddb, "N", "bwr")


def put(item):
    return {"PutRequest": {"Item": wire(item)}}


def delete(key):
    return {"DeleteRequest": {"Key": wire(key)}}


def get(ddb, table, key):
    found = ddb.get_item(TableName=table, Key=wire(key), ConsistentRead=True).get("Item")
    return plain(found) if found else None


def scan_keys(ddb, table):
    items = ddb.scan(TableName=table, ConsistentRead=True)["Items"]
    return sorted(tuple(plain(i)[k] for k in ("pk", "sk") if k in i) for i in items)


# ---------------------------------------------------------------------------------------------
# Writing


def test_puts_and_deletes_across_two_tables(ddb, tables):
    hashed, ranged = tables
    put_all(ddb, hashed, [{"pk": f"old{i}", "v": "old"} for i in range(5)])
    put_all(ddb, ranged, [{"pk": "r", "sk": Decimal(i)} for i in range(3)])
    requests = {
        hashed: [put({"pk": f"new{i}", "v": Decimal(i), "s": {"a", "b"}}) for i in range(12)]
        + [delete({"pk": f"old{i}"}) for i in range(3)]
        + [put({"pk": "old4", "v": "replaced"})],
        ranged: [put({"pk": "r", "sk": Decimal(i), "m": {"x": [Decimal(i)]}}) for i in range(3, 9)]
        + [delete({"pk": "r", "sk": Decimal(0)}), delete({"pk": "r", "sk": Decimal(99)}),
           put({"pk": "r", "sk": Decimal("-1.5")})],
    }
    assert sum(len(v) for v in requests.values()) == 25
    response = ddb.batch_write_item(RequestItems=requests)
    assert response["UnprocessedItems"] == {}
    assert "ConsumedCapacity" not in response
    assert scan_keys(ddb, hashed) == sorted([("old3",), ("old4",)] + [(f"new{i}",) for i in range(12)])
    assert get(ddb, hashed, {"pk": "new7"}) == {"pk": "new7", "v": 7, "s": {"a", "b"}}
    # A put replaces the whole item, as PutItem does.
    assert get(ddb, hashed, {"pk": "old4"}) == {"pk": "old4", "v": "replaced"}
    assert [k[1] for k in scan_keys(ddb, ranged)] == [Decimal("-1.5")] + [Decimal(i) for i in range(1, 9)]
    assert get(ddb, ranged, {"pk": "r", "sk": 5}) == {"pk": "r", "sk": 5, "m": {"x": [5]}}


def test_same_key_in_two_tables_is_not_a_duplicate(ddb, tables):
    hashed, _ = tables
    other = make_hash_table(ddb, "bwh2")
    response = ddb.batch_write_item(RequestItems={hashed: [put({"pk": "same", "t": 1})],
                                                  other: [put({"pk": "same", "t": 2})]})
    assert response["UnprocessedItems"] == {}
    assert get(ddb, hashed, {"pk": "same"})["t"] == 1 and get(ddb, other, {"pk": "same"})["t"] == 2


def test_resource_batch_writer(ddb, ddb_resource, tables):
    hashed, ranged = tables
    with ddb_resource.Table(ranged).batch_writer() as batch:
        for i in range(60):
            batch.put_item(Item={"pk": f"p{i % 3}", "sk": i, "payload": "z" * 100})
    with ddb_resource.Table(ranged).batch_writer() as batch:
        for i in range(0, 60, 6):
            batch.delete_item(Key={"pk": f"p{i % 3}", "sk": i})
    keys = scan_keys(ddb, ranged)
    assert len(keys) == 50 and all(k[1] % 6 != 0 for k in keys)
    # overwrite_by_pkeys drops earlier requests for a key still waiting in the buffer, so the last
    # write wins without a duplicate in any one BatchWriteItem call.
    with ddb_resource.Table(hashed).batch_writer(overwrite_by_pkeys=["pk"]) as batch:
        for round_ in range(3):
            for i in range(10):
                batch.put_item(Item={"pk": f"k{i}", "round": round_})
        batch.delete_item(Key={"pk": "k9"})
    assert {k[0] for k in scan_keys(ddb, hashed)} == {f"k{i}" for i in range(9)}
    assert {get(ddb, hashed, {"pk": f"k{i}"})["round"] for i in range(9)} == {2}


def test_batch_writer_without_overwrite_sends_duplicates(ddb_resource, tables):
    """Without overwrite_by_pkeys boto3 sends both writes of one key in the same call, and DynamoDB
    refuses the call (CONF duplicate-keys text)."""
    hashed, _ = tables
    with pytest.raises(ClientError) as raised:
        with ddb_resource.Table(hashed).batch_writer() as batch:
            batch.put_item(Item={"pk": "dup", "v": 1})
            batch.put_item(Item={"pk": "dup", "v": 2})
    error = raised.value.response["Error"]
    assert (error["Code"], error["Message"]) == ("ValidationException", DUPLICATE_KEYS)


# ---------------------------------------------------------------------------------------------
# Limits and duplicates


def test_more_than_25_requests(ddb, tables):
    hashed, ranged = tables
    # CONF c_bw_over25 (live): the per-table list constraint, echoing the request in Java's toString
    # form, which has changed over time, so only the frame is asserted.
    with ddb_error("ValidationException") as error:
        ddb.batch_write_item(RequestItems={hashed: [put({"pk": f"bw-{i}"}) for i in range(26)]})
    assert error.message.startswith(f"1 validation error detected: Value '{{{hashed}=["), error.message
    assert error.message.endswith("]}" + LIST_CONSTRAINT), error.message
    # DDBL BATCH_WRITE_LIMIT_EXCEEDED, DOCS: 26 in total, no table over 25.
    with validation_error("Too many items requested for the BatchWriteItem call"):
        ddb.batch_write_item(RequestItems={hashed: [put({"pk": f"a{i}"}) for i in range(13)],
                                           ranged: [put({"pk": "r", "sk": Decimal(i)}) for i in range(13)]})
    assert scan_keys(ddb, hashed) == [] and scan_keys(ddb, ranged) == []


def test_empty_request_lists(endpoint, tables):
    hashed, _ = tables
    # CONF tier3 batchWriteItem.test.ts 'empty RequestItems' (live, exact); boto3 refuses it itself.
    assert_raw_validation(endpoint, "BatchWriteItem", {"RequestItems": {}},
                          pattern=r"The requestItems parameter is required for BatchWriteItem|1 validation error "
                                  r"detected: Value at 'RequestItems' failed to satisfy constraint: Member must have "
                                  r"length greater than or equal to 1")
    message = assert_raw_validation(endpoint, "BatchWriteItem", {"RequestItems": {hashed: []}},
                                    pattern=r"1 validation error detected: Value '\{.*\}" + re.escape(LIST_CONSTRAINT))
    assert hashed in message


@pytest.mark.parametrize("requests", [
    pytest.param(lambda: [put({"pk": "d"}), put({"pk": "d", "v": 1})], id="put-put"),
    pytest.param(lambda: [put({"pk": "d"}), delete({"pk": "d"})], id="put-delete"),
    pytest.param(lambda: [delete({"pk": "d"}), delete({"pk": "d"})], id="delete-delete"),
])
def test_duplicate_keys_rejected(ddb, tables, requests):
    # CONF tier3 batchWriteItem.test.ts 'same key Put and Delete in one batch' (live, exact); DL.
    hashed, _ = tables
    with validation_error(DUPLICATE_KEYS):
        ddb.batch_write_item(RequestItems={hashed: [put({"pk": "other"})] + requests()})
    assert scan_keys(ddb, hashed) == []


def test_duplicate_range_keys_rejected(ddb, tables):
    _, ranged = tables
    with validation_error(DUPLICATE_KEYS):
        ddb.batch_write_item(RequestItems={ranged: [put({"pk": "r", "sk": 1, "a": 1}), delete({"pk": "r", "sk": 1})]})
    ok = ddb.batch_write_item(RequestItems={ranged: [put({"pk": "r", "sk": 1}), put({"pk": "r", "sk": 2}),
                                                     delete({"pk": "s", "sk": 1})]})
    assert ok["UnprocessedItems"] == {}


# ---------------------------------------------------------------------------------------------
# Item and key validation, all before anything is written


PUT_KEY_ERRORS = [
    # CONF tier3 batchWriteItem.test.ts (live, exact, four regions).
    ({"pk": {"N": "5"}}, NO_SCHEMA_MATCH),
    ({"pk": {"L": [{"S": "x"}]}}, NO_SCHEMA_MATCH),
    ({"pk": {"S": ""}}, EMPTY_STRING_KEY.format("pk")),
    # DL actions/batchWriteItem.js: 'Missing the key' becomes the schema-mismatch text.
    ({"other": {"S": "x"}}, NO_SCHEMA_MATCH),
    ({}, NO_SCHEMA_MATCH),
]


@pytest.mark.parametrize("item, expected", PUT_KEY_ERRORS, ids=["number", "list", "empty-string", "missing", "empty"])
def test_put_request_key_errors(ddb, tables, item, expected):
    hashed, _ = tables
    with validation_error(expected):
        ddb.batch_write_item(RequestItems={hashed: [put({"pk": "good"}), {"PutRequest": {"Item": item}}]})
    assert scan_keys(ddb, hashed) == []


def test_range_table_key_errors(ddb, tables):
    _, ranged = tables
    for item in ({"pk": {"S": "r"}}, {"pk": {"S": "r"}, "sk": {"S": "1"}}):
        with validation_error(NO_SCHEMA_MATCH):
            ddb.batch_write_item(RequestItems={ranged: [{"PutRequest": {"Item": item}}]})
    for key in ({"pk": {"S": "r"}}, {"pk": {"S": "r"}, "sk": {"N": "1"}, "x": {"S": "y"}},
                {"pk": {"S": "r"}, "sk": {"B": b"1"}}):
        # DL actions/batchWriteItem.js validateKey; the DeleteItem text (CONF deleteItem).
        with validation_error(NO_SCHEMA_MATCH):
            ddb.batch_write_item(RequestItems={ranged: [{"DeleteRequest": {"Key": key}}]})


def test_binary_key_empty(ddb):
    # CONF tier3 batchWriteItem.test.ts 'empty-binary put-request key' and 'delete-request key'.
    table = make_hash_table(ddb, "bwb", hash_type="B")
    with validation_error(EMPTY_BINARY_KEY.format("pk")):
        ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": {"pk": {"B": b""}}}}]})
    with validation_error(EMPTY_BINARY_KEY.format("pk")):
        ddb.batch_write_item(RequestItems={table: [{"DeleteRequest": {"Key": {"pk": {"B": b""}}}}]})


def test_item_errors(ddb, tables):
    hashed, _ = tables
    # DL validations/batchWriteItem.js: the PutItem size limit and attribute-value checks.
    with validation_error("Item size has exceeded the maximum allowed size"):
        ddb.batch_write_item(RequestItems={hashed: [put({"pk": "big", "d": "x" * 409600})]})
    with validation_error(contains="Null attribute value types must have the value of true"):
        ddb.batch_write_item(RequestItems={hashed: [{"PutRequest": {"Item": {"pk": {"S": "n"}, "x": {"NULL": False}}}}]})
    with validation_error(contains="The parameter cannot be converted to a numeric value"):
        ddb.batch_write_item(RequestItems={hashed: [{"PutRequest": {"Item": {"pk": {"S": "n"}, "x": {"N": "one"}}}}]})
    with validation_error(contains="An string set  may not be empty"):
        ddb.batch_write_item(RequestItems={hashed: [{"PutRequest": {"Item": {"pk": {"S": "n"}, "x": {"SS": []}}}}]})
    # The biggest allowed item is accepted: "pk"(2) + "big"(3) + "d"(1) + value = 400 KB.
    ok = ddb.batch_write_item(RequestItems={hashed: [put({"pk": "big", "d": "x" * (409600 - 6)})]})
    assert ok["UnprocessedItems"] == {} and len(get(ddb, hashed, {"pk": "big"})["d"]) == 409600 - 6


def test_missing_table_writes_nothing(ddb, tables):
    hashed, _ = tables
    # CONF tier3 batchWriteItem.test.ts 'non-existent table' (live, exact); the DynamoDB Local probe
    # recorded with CONF: the valid table's item is not written either.
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.batch_write_item(RequestItems={hashed: [put({"pk": "kept?"})],
                                           unique_name("missing"): [put({"pk": "x"})]})
    assert scan_keys(ddb, hashed) == []
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.batch_write_item(RequestItems={unique_name("missing"): [delete({"pk": "x"})]})


def test_cli_batch_write_item(ddb, endpoint, tables):
    import json

    from expr_helpers import run_aws

    hashed, ranged = tables
    put_all(ddb, hashed, [{"pk": "doomed"}])
    request = {hashed: [{"PutRequest": {"Item": {"pk": {"S": "cli"}, "n": {"N": "1.50"}}}},
                        {"DeleteRequest": {"Key": {"pk": {"S": "doomed"}}}}],
               ranged: [{"PutRequest": {"Item": {"pk": {"S": "r"}, "sk": {"N": "7"}}}}]}
    done = run_aws(endpoint, "batch-write-item", "--request-items", json.dumps(request),
                   "--return-consumed-capacity", "TOTAL")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["UnprocessedItems"] == {}
    assert sorted((c["TableName"], c["CapacityUnits"]) for c in result["ConsumedCapacity"]) == sorted(
        [(hashed, 2.0), (ranged, 1.0)])
    assert scan_keys(ddb, hashed) == [("cli",)] and get(ddb, hashed, {"pk": "cli"})["n"] == Decimal("1.5")
    assert scan_keys(ddb, ranged) == [("r", 7)]

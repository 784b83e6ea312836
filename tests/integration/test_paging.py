"""Paging: Scan to the end over thousands of items, the 1 MB page (measured on the items read, before
the filter), boto3's paginators, and the ExclusiveStartKey validation messages of Query and Scan.

Sources (tags in read_helpers.py): DOCS Query/Scan ('A single Query/Scan reads up to ... 1 MB of data
and then applies any filtering'; 'If LastEvaluatedKey is present ... it does not necessarily mean that
there is more data'); ALT test_scan.py test_scan_basic/test_scan_with_paginator and test_query.py
test_query_limit_paging; CONF tier3 {query,scan}.test.ts (ExclusiveStartKey, live); DL test/query.js
'ExclusiveStartKey' cases and DDBL ErrorFactory (INVALID_START_KEY, START_KEY_OUT_OF_BOUNDS).
"""

from decimal import Decimal

import pytest

from expr_helpers import plain, validation_error, wire
from read_helpers import (
    all_items,
    make_hash_table,
    make_range_table,
    pages,
    put_all,
    write_many,
)

MANY = 3000
PAYLOAD = "p" * 450  # 3,000 items of about 470 bytes: about 1.4 MB, so a Scan needs two pages.
BIG = 100_000        # 30 items of about 100 KB: three MB, so each page holds about ten.
MB = 1024 * 1024


@pytest.fixture(scope="module")
def many_table(ddb, ddb_resource):
    table = make_hash_table(ddb, "many")
    write_many(ddb_resource, table, [{"pk": f"item-{i:05d}", "i": i, "payload": PAYLOAD} for i in range(MANY)])
    return table


@pytest.fixture(scope="module")
def partition_table(ddb, ddb_resource):
    table = make_range_table(ddb, "N", "part")
    write_many(ddb_resource, table, [{"pk": "p", "sk": Decimal(i), "odd": i % 2 == 1} for i in range(250)])
    return table


@pytest.fixture(scope="module")
def big_range_table(ddb):
    table = make_range_table(ddb, "N", "bigq")
    put_all(ddb, table, [{"pk": "p", "sk": Decimal(i), "d": "x" * BIG} for i in range(30)])
    return table


@pytest.fixture(scope="module")
def big_hash_table(ddb):
    table = make_hash_table(ddb, "bigs")
    put_all(ddb, table, [{"pk": f"k{i:02d}", "d": "x" * BIG} for i in range(30)])
    return table


def ids(items):
    values = [plain(i)["pk"] for i in items]
    assert len(values) == len(set(values)), "an item came back twice"
    return set(values)


# ---------------------------------------------------------------------------------------------
# Scanning thousands of items


def test_scan_to_the_end_returns_every_item_once(ddb, many_table):
    responses = pages(ddb.scan, TableName=many_table)
    assert len(responses) >= 2, "1.4 MB of items cannot fit one 1 MB page"
    assert ids([i for r in responses for i in r["Items"]]) == {f"item-{i:05d}" for i in range(MANY)}
    for response in responses[:-1]:
        assert response["Count"] == response["ScannedCount"] > 0
    assert sum(r["Count"] for r in responses) == MANY


@pytest.mark.parametrize("limit", [1000, 2999, 3000])
def test_scan_with_limit_to_the_end(ddb, many_table, limit):
    responses = pages(ddb.scan, TableName=many_table, Limit=limit, ProjectionExpression="pk")
    assert all(len(r["Items"]) <= limit for r in responses)
    assert ids([i for r in responses for i in r["Items"]]) == {f"item-{i:05d}" for i in range(MANY)}


def test_filtered_scan_to_the_end(ddb, many_table):
    responses = pages(ddb.scan, TableName=many_table, FilterExpression="i >= :lo AND i < :hi",
                      ExpressionAttributeValues=wire({":lo": 1234, ":hi": 1334}))
    assert ids([i for r in responses for i in r["Items"]]) == {f"item-{i:05d}" for i in range(1234, 1334)}
    assert sum(r["ScannedCount"] for r in responses) == MANY


def test_parallel_scan_to_the_end(ddb, many_table):
    seen = set()
    for segment in range(3):
        found = ids(all_items(ddb.scan, TableName=many_table, Segment=segment, TotalSegments=3, Limit=400))
        assert not (seen & found), "segments overlap"
        seen |= found
    assert seen == {f"item-{i:05d}" for i in range(MANY)}


# ---------------------------------------------------------------------------------------------
# boto3 paginators (ALT test_scan_with_paginator)


def test_scan_paginator_page_size(ddb, many_table):
    paginator = ddb.get_paginator("scan")
    sizes, items = [], []
    for page in paginator.paginate(TableName=many_table, PaginationConfig={"PageSize": 700}):
        sizes.append(len(page["Items"]))
        items += page["Items"]
    assert ids(items) == {f"item-{i:05d}" for i in range(MANY)}
    assert all(size <= 700 for size in sizes) and sizes[:4] == [700] * 4
    counted = paginator.paginate(TableName=many_table, Select="COUNT", PaginationConfig={"PageSize": 1000})
    assert sum(page["Count"] for page in counted) == MANY


def test_query_paginator_page_size_and_tokens(ddb, partition_table):
    paginator = ddb.get_paginator("query")
    kwargs = dict(TableName=partition_table, KeyConditionExpression="pk = :p", ExpressionAttributeValues=wire({":p": "p"}))
    sizes, keys = [], []
    for page in paginator.paginate(PaginationConfig={"PageSize": 40}, **kwargs):
        sizes.append(len(page["Items"]))
        keys += [int(plain(i)["sk"]) for i in page["Items"]]
    assert keys == list(range(250))
    assert sizes[:6] == [40] * 6 and sum(sizes) == 250
    first = paginator.paginate(PaginationConfig={"PageSize": 40, "MaxItems": 100}, **kwargs).build_full_result()
    assert [int(plain(i)["sk"]) for i in first["Items"]] == list(range(100))
    rest = paginator.paginate(PaginationConfig={"PageSize": 40, "StartingToken": first["NextToken"]},
                              **kwargs).build_full_result()
    assert [int(plain(i)["sk"]) for i in rest["Items"]] == list(range(100, 250))
    backwards = paginator.paginate(ScanIndexForward=False, FilterExpression="odd = :t",
                                   PaginationConfig={"PageSize": 33},
                                   **{**kwargs, "ExpressionAttributeValues": wire({":p": "p", ":t": True})})
    assert [int(plain(i)["sk"]) for page in backwards for i in page["Items"]] == list(range(249, 0, -2))


def test_resource_query_pages(ddb_resource, partition_table):
    from boto3.dynamodb.conditions import Attr, Key

    handle = ddb_resource.Table(partition_table)
    filtered = handle.query(KeyConditionExpression=Key("pk").eq("p") & Key("sk").between(10, 20),
                            FilterExpression=Attr("odd").eq(True), ConsistentRead=True)
    assert [int(i["sk"]) for i in filtered["Items"]] == [11, 13, 15, 17, 19] and filtered["ScannedCount"] == 11
    got, start = [], None
    while True:
        extra = {"ExclusiveStartKey": start} if start else {}
        response = handle.query(KeyConditionExpression=Key("pk").eq("p") & Key("sk").gte(200), Limit=15, **extra)
        got += [int(i["sk"]) for i in response["Items"]]
        start = response.get("LastEvaluatedKey")
        if not start:
            break
    assert got == list(range(200, 250))


# ---------------------------------------------------------------------------------------------
# The 1 MB page, measured before the filter


def check_big_pages(responses, filtered):
    assert sum(r["ScannedCount"] for r in responses) == 30
    first = responses[0]
    # About 1,048,576 / 100,011 = 10.5 items: the page stops at 1 MB of items read, give or take the
    # item that crosses the line.
    assert 9 <= first["ScannedCount"] <= 11, first["ScannedCount"]
    assert "LastEvaluatedKey" in first
    assert 3 <= len(responses) <= 4
    if filtered:
        assert all(r["Count"] == 0 and r["Items"] == [] for r in responses)
    else:
        assert all(r["Count"] == r["ScannedCount"] == len(r["Items"]) for r in responses)


@pytest.mark.parametrize("filtered", [False, True], ids=["unfiltered", "filter-matches-nothing"])
def test_query_page_stops_near_1_mb(ddb, big_range_table, filtered):
    kwargs = dict(TableName=big_range_table, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}})
    if filtered:
        kwargs.update(FilterExpression="attribute_exists(nothing)")
    responses = pages(ddb.query, **kwargs)
    check_big_pages(responses, filtered)
    order = [int(plain(r["LastEvaluatedKey"])["sk"]) for r in responses if "LastEvaluatedKey" in r]
    assert order == sorted(order) and order[0] == responses[0]["ScannedCount"] - 1


@pytest.mark.parametrize("filtered", [False, True], ids=["unfiltered", "filter-matches-nothing"])
def test_scan_page_stops_near_1_mb(ddb, big_hash_table, filtered):
    kwargs = dict(TableName=big_hash_table)
    if filtered:
        kwargs.update(FilterExpression="d = :v", ExpressionAttributeValues={":v": {"S": "nothing"}})
    responses = pages(ddb.scan, **kwargs)
    check_big_pages(responses, filtered)
    if not filtered:
        assert ids([i for r in responses for i in r["Items"]]) == {f"k{i:02d}" for i in range(30)}


def test_limit_smaller_than_the_1_mb_page_wins(ddb, big_range_table, big_hash_table):
    query = ddb.query(TableName=big_range_table, KeyConditionExpression="pk = :p",
                      ExpressionAttributeValues={":p": {"S": "p"}}, Limit=4, ProjectionExpression="sk")
    assert query["ScannedCount"] == 4 and plain(query["LastEvaluatedKey"]) == {"pk": "p", "sk": 3}
    scan = ddb.scan(TableName=big_hash_table, Limit=25, Select="COUNT")
    assert 9 <= scan["ScannedCount"] <= 11, "the 1 MB page ends before Limit 25"


def test_projection_does_not_enlarge_the_page(ddb, big_hash_table):
    """The size limit counts the items read, not the projected output (DOCS)."""
    response = ddb.scan(TableName=big_hash_table, ProjectionExpression="pk")
    assert 9 <= response["ScannedCount"] <= 11 and "LastEvaluatedKey" in response


# ---------------------------------------------------------------------------------------------
# ExclusiveStartKey validation


def query_from(ddb, table, start, condition="pk = :p", values=None):
    return ddb.query(TableName=table, KeyConditionExpression=condition,
                     ExpressionAttributeValues=wire(values or {":p": "p"}), ExclusiveStartKey=start)


QUERY_START_KEY_ERRORS = [
    # CONF tier3 query.test.ts 'malformed ExclusiveStartKey: short invalid-starting-key error' (live).
    ({"bad": {"S": "p"}}, None, "The provided starting key is invalid"),
    # DL 'should return ValidationException if ExclusiveStartKey for range table is invalid'.
    ({"pk": {"S": "p"}}, None, "The provided starting key is invalid"),
    ({"pk": {"S": "p"}, "sk": {"N": "1"}, "other": {"S": "x"}}, None, "The provided starting key is invalid"),
    # DL 'hash in ExclusiveStartKey and KeyConditions but range has incorrect schema'.
    ({"pk": {"S": "p"}, "sk": {"S": "1"}}, None, "The provided key element does not match the schema"),
    # DL 'ExclusiveStartKey with out-of-bounds hash key'; DDBL START_KEY_OUT_OF_BOUNDS.
    ({"pk": {"S": "other"}, "sk": {"N": "1"}}, None,
     "The provided starting key is outside query boundaries based on provided conditions"),
    # DL 'ExclusiveStartKey with non-matching range key'.
    ({"pk": {"S": "p"}, "sk": {"N": "5"}}, ("pk = :p AND sk > :s", {":p": "p", ":s": 10}),
     "The provided starting key does not match the range key predicate"),
]


@pytest.mark.parametrize("start, condition, expected", QUERY_START_KEY_ERRORS,
                         ids=["unknown-name", "missing-sort", "extra-name", "wrong-type", "other-partition",
                              "outside-sort-range"])
def test_query_exclusive_start_key_errors(ddb, partition_table, start, condition, expected):
    with validation_error(expected):
        query_from(ddb, partition_table, start, *(condition or ()))


def test_scan_exclusive_start_key_errors(ddb, many_table):
    # CONF tier3 scan.test.ts 'malformed ExclusiveStartKey: long schema-mismatch error' (live).
    for start in ({"bad": {"S": "p"}}, {"pk": {"N": "1"}}, {"pk": {"S": "a"}, "sk": {"S": "b"}}):
        with validation_error("The provided starting key is invalid: The provided key element does not match the "
                              "schema"):
            ddb.scan(TableName=many_table, ExclusiveStartKey=start)


# ---------------------------------------------------------------------------------------------
# The AWS CLI pages on its own


def test_cli_query_pages(endpoint, partition_table):
    import json

    from expr_helpers import run_aws

    done = run_aws(endpoint, "query", "--table-name", partition_table,
                   "--key-condition-expression", "pk = :p AND sk BETWEEN :a AND :b",
                   "--expression-attribute-values", json.dumps({":p": {"S": "p"}, ":a": {"N": "10"}, ":b": {"N": "109"}}),
                   "--page-size", "30", "--consistent-read")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [int(i["sk"]["N"]) for i in result["Items"]] == list(range(10, 110))
    assert result["Count"] == result["ScannedCount"] == 100


def test_cli_scan_pages(endpoint, many_table):
    import json

    from expr_helpers import run_aws

    done = run_aws(endpoint, "scan", "--table-name", many_table, "--page-size", "1000",
                   "--filter-expression", "i < :n", "--expression-attribute-values", json.dumps({":n": {"N": "25"}}),
                   "--projection-expression", "pk")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert sorted(i["pk"]["S"] for i in result["Items"]) == [f"item-{i:05d}" for i in range(25)]
    assert result["Count"] == 25 and result["ScannedCount"] == MANY

"""Scan: whole-table reads, FilterExpression and legacy ScanFilter with ConditionalOperator,
projections, Select, Limit (counted before the filter), parallel scan (Segment/TotalSegments) and the
Scan validation messages, with Query's Select, Limit and expression-map checks beside them. Paging
over thousands of items and the 1 MB page are in test_paging.py.

Sources (tags in read_helpers.py): CONF tier3/error-messages/scan.test.ts and tier1/scan/{select,
parallel,filterOperators}.test.ts (live); ALT test_scan.py (test_scan_parallel: the segments are
disjoint and their union is the table; test_scan_select; test_scan_parallel_incorrect); DL test/scan.js
and validations/scan.js.
"""

from decimal import Decimal

import pytest
from boto3.dynamodb.conditions import Attr

from ddbd_testlib import ddb_error, unique_name
from expr_helpers import plain, strip_envelope, validation_error, wire
from read_helpers import (
    NOT_FOUND,
    all_items,
    assert_raw_validation,
    make_hash_table,
    make_range_table,
    pages,
    plains,
    put_all,
)

ITEMS = 240


@pytest.fixture(scope="module")
def scan_table(ddb):
    """240 items with numeric hash keys 0..239; `color` cycles red/green/blue; every third item has
    `extra`."""
    table = make_hash_table(ddb, "scan", hash_type="N")
    put_all(ddb, table, [item(i) for i in range(ITEMS)])
    return table


def item(i):
    out = {"pk": Decimal(i), "color": ("red", "green", "blue")[i % 3], "n": Decimal(i % 10)}
    if i % 3 == 0:
        out["extra"] = {"nested": [Decimal(i), "x"]}
    return out


def pk_set(items):
    values = [int(plain(i)["pk"]) for i in items]
    assert len(values) == len(set(values)), "an item came back twice"
    return set(values)


# ---------------------------------------------------------------------------------------------
# Reading the whole table


def test_scan_returns_every_item_once(ddb, scan_table):
    responses = pages(ddb.scan, TableName=scan_table)
    items = [i for r in responses for i in r["Items"]]
    assert pk_set(items) == set(range(ITEMS))
    assert sum(r["Count"] for r in responses) == sum(r["ScannedCount"] for r in responses) == ITEMS
    assert sorted(plains(items), key=lambda i: i["pk"]) == [item(i) for i in range(ITEMS)]


def test_scan_empty_table(ddb):
    table = make_range_table(ddb, "S", "scanempty")
    response = ddb.scan(TableName=table)
    assert (response["Items"], response["Count"], response["ScannedCount"]) == ([], 0, 0)
    assert "LastEvaluatedKey" not in response


def test_scan_orders_items_within_a_partition(ddb):
    """ALT test_scan_sort_order_string: partitions come in any order, but inside one the items follow
    the sort key."""
    table = make_range_table(ddb, "N", "scanord")
    put_all(ddb, table, [{"pk": f"p{p}", "sk": Decimal(s)} for s in (5, -1, 3, 10, 0) for p in range(4)])
    items = plains(all_items(ddb.scan, TableName=table, Limit=3))
    for p in range(4):
        assert [i["sk"] for i in items if i["pk"] == f"p{p}"] == [-1, 0, 3, 5, 10]
    # One partition's items are contiguous in the scan.
    partitions = [i["pk"] for i in items]
    assert [p for k, p in enumerate(partitions) if k == 0 or partitions[k - 1] != p] == list(dict.fromkeys(partitions))


def test_consistent_and_eventual_scans_agree(ddb, scan_table):
    for consistent in (True, False):
        assert pk_set(all_items(ddb.scan, TableName=scan_table, ConsistentRead=consistent)) == set(range(ITEMS))


# ---------------------------------------------------------------------------------------------
# Filters (Scan filters may name key attributes, unlike Query's)


def test_filter_expression(ddb, scan_table):
    responses = pages(ddb.scan, TableName=scan_table, FilterExpression="color = :c AND pk < :max",
                      ExpressionAttributeValues=wire({":c": "green", ":max": 100}))
    assert pk_set([i for r in responses for i in r["Items"]]) == {i for i in range(100) if i % 3 == 1}
    assert sum(r["ScannedCount"] for r in responses) == ITEMS
    nested = all_items(ddb.scan, TableName=scan_table, FilterExpression="extra.nested[0] >= :v",
                       ExpressionAttributeValues=wire({":v": 200}))
    assert pk_set(nested) == {i for i in range(200, ITEMS) if i % 3 == 0}
    sized = all_items(ddb.scan, TableName=scan_table, FilterExpression="attribute_not_exists(extra) AND n IN (:a, :b)",
                      ExpressionAttributeValues=wire({":a": 1, ":b": 2}))
    assert pk_set(sized) == {i for i in range(ITEMS) if i % 3 and i % 10 in (1, 2)}


def test_resource_scan_with_condition_builder(ddb_resource, scan_table):
    handle = ddb_resource.Table(scan_table)
    found, start = [], None
    while True:
        kwargs = {"ExclusiveStartKey": start} if start else {}
        response = handle.scan(FilterExpression=Attr("color").eq("blue") & Attr("pk").between(10, 20), **kwargs)
        found += response["Items"]
        start = response.get("LastEvaluatedKey")
        if not start:
            break
    assert sorted(int(i["pk"]) for i in found) == [11, 14, 17, 20]


@pytest.mark.parametrize("operator, expected", [
    (None, lambda i: i % 3 == 0 and i % 10 == 3),
    ("AND", lambda i: i % 3 == 0 and i % 10 == 3),
    ("OR", lambda i: i % 3 == 0 or i % 10 == 3),
])
def test_scan_filter_with_conditional_operator(ddb, scan_table, operator, expected):
    """Legacy ScanFilter: every condition must hold (AND, the default) or any (OR). DL test/scan.js
    'should scan with ScanFilter and ConditionalOperator'; ALT test_scan_with_attribute_equality_filtering."""
    scan_filter = {"color": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "red"}]},
                   "n": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "3"}]}}
    kwargs = {"ConditionalOperator": operator} if operator else {}
    got = all_items(ddb.scan, TableName=scan_table, ScanFilter=scan_filter, **kwargs)
    assert pk_set(got) == {i for i in range(ITEMS) if expected(i)}


@pytest.mark.parametrize("condition, expected", [
    ({"ComparisonOperator": "NULL"}, lambda i: i % 3 != 0),
    ({"ComparisonOperator": "NOT_NULL"}, lambda i: i % 3 == 0),
    ({"ComparisonOperator": "IN", "AttributeValueList": [{"N": "0"}, {"N": "9"}]}, lambda i: i % 10 in (0, 9)),
    ({"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "2"}, {"N": "4"}]}, lambda i: 2 <= i % 10 <= 4),
    ({"ComparisonOperator": "NE", "AttributeValueList": [{"N": "0"}]}, lambda i: i % 10 != 0),
], ids=["NULL", "NOT_NULL", "IN", "BETWEEN", "NE"])
def test_scan_filter_operators(ddb, scan_table, condition, expected):
    attribute = "extra" if condition["ComparisonOperator"].endswith("NULL") else "n"
    got = all_items(ddb.scan, TableName=scan_table, ScanFilter={attribute: condition})
    assert pk_set(got) == {i for i in range(ITEMS) if expected(i)}


# ---------------------------------------------------------------------------------------------
# Projections, Select, Limit


def test_projections_and_select(ddb, scan_table):
    projected = all_items(ddb.scan, TableName=scan_table, ProjectionExpression="#c, extra.nested[1]",
                          ExpressionAttributeNames={"#c": "color"})
    assert len(projected) == ITEMS
    assert all(set(i) <= {"color", "extra"} and "color" in i for i in projected)
    assert sum(1 for i in projected if plain(i).get("extra") == {"nested": ["x"]}) == ITEMS // 3
    legacy = all_items(ddb.scan, TableName=scan_table, AttributesToGet=["pk", "nothing"])
    assert all(set(i) == {"pk"} for i in legacy) and pk_set(legacy) == set(range(ITEMS))
    specific = all_items(ddb.scan, TableName=scan_table, Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="n")
    assert all(set(i) == {"n"} for i in specific) and len(specific) == ITEMS
    counts = pages(ddb.scan, TableName=scan_table, Select="COUNT", FilterExpression="color = :c",
                   ExpressionAttributeValues=wire({":c": "red"}))
    assert all("Items" not in r for r in counts)
    assert sum(r["Count"] for r in counts) == ITEMS // 3
    assert sum(r["ScannedCount"] for r in counts) == ITEMS


def test_limit_counts_items_before_the_filter(ddb, scan_table):
    """DOCS Scan 'Limit': the maximum number of items to evaluate; ALT test_scan_basic."""
    response = ddb.scan(TableName=scan_table, Limit=7, FilterExpression="color = :c",
                        ExpressionAttributeValues=wire({":c": "none"}))
    assert (response["Count"], response["ScannedCount"], response["Items"]) == (0, 7, [])
    assert "LastEvaluatedKey" in response and set(response["LastEvaluatedKey"]) == {"pk"}
    responses = pages(ddb.scan, TableName=scan_table, Limit=50, FilterExpression="color = :c",
                      ExpressionAttributeValues=wire({":c": "blue"}))
    assert all(r["ScannedCount"] <= 50 and r["Count"] <= r["ScannedCount"] for r in responses)
    assert all(r["ScannedCount"] == 50 for r in responses[:-1])
    assert pk_set([i for r in responses for i in r["Items"]]) == {i for i in range(ITEMS) if i % 3 == 2}


def test_exclusive_start_key_of_a_deleted_item(ddb):
    """The scan resumes after the key even when its item was deleted in between."""
    table = make_hash_table(ddb, "scandel")
    put_all(ddb, table, [{"pk": f"k{i}"} for i in range(30)])
    first = ddb.scan(TableName=table, Limit=10)
    ddb.delete_item(TableName=table, Key=first["LastEvaluatedKey"])
    rest = all_items(ddb.scan, TableName=table, ExclusiveStartKey=first["LastEvaluatedKey"])
    seen = [plain(i)["pk"] for i in first["Items"] + rest]
    assert len(seen) == len(set(seen)) == 30


# ---------------------------------------------------------------------------------------------
# Parallel scan (ALT test_scan_parallel; CONF tier1/scan/parallel.test.ts)


@pytest.mark.parametrize("total", [1, 2, 3, 4, 7, 16, 100])
def test_parallel_segments_partition_the_table(ddb, scan_table, total):
    union = []
    for segment in range(total):
        union.append(pk_set(all_items(ddb.scan, TableName=scan_table, Segment=segment, TotalSegments=total)))
    assert sum(len(s) for s in union) == ITEMS, "segments overlap or miss items"
    assert set().union(*union) == set(range(ITEMS))


def test_parallel_segments_with_limit_and_filter(ddb, scan_table):
    seen = []
    for segment in range(5):
        responses = pages(ddb.scan, TableName=scan_table, Segment=segment, TotalSegments=5, Limit=9,
                          FilterExpression="n = :n", ExpressionAttributeValues=wire({":n": 4}))
        assert all(r["ScannedCount"] <= 9 for r in responses)
        seen += [i for r in responses for i in r["Items"]]
    assert pk_set(seen) == {i for i in range(ITEMS) if i % 10 == 4}


def test_parallel_scan_of_many_segments_on_few_items(ddb):
    table = make_hash_table(ddb, "scanfew")
    put_all(ddb, table, [{"pk": "only"}, {"pk": "two"}])
    found = [plain(i)["pk"] for s in range(1000) if s % 97 == 0 or s == 999
             for i in all_items(ddb.scan, TableName=table, Segment=s, TotalSegments=1000)]
    assert len(found) == len(set(found))
    everything = [plain(i)["pk"] for s in range(64)
                  for i in all_items(ddb.scan, TableName=table, Segment=s, TotalSegments=64)]
    assert sorted(everything) == ["only", "two"]


# ---------------------------------------------------------------------------------------------
# Validation


def test_segment_errors(ddb, scan_table):
    # CONF tier3 scan.test.ts (live, exact).
    with validation_error("The TotalSegments parameter is required but was not present in the request when "
                          "Segment parameter is present"):
        ddb.scan(TableName=scan_table, Segment=0)
    with validation_error("The Segment parameter is required but was not present in the request when parameter "
                          "TotalSegments is present"):
        ddb.scan(TableName=scan_table, TotalSegments=4)
    for segment, total in ((5, 5), (7, 5), (1, 1)):
        with validation_error(f"The Segment parameter is zero-based and must be less than parameter TotalSegments: "
                              f"Segment: {segment} is not less than TotalSegments: {total}"):
            ddb.scan(TableName=scan_table, Segment=segment, TotalSegments=total)
    # ALT test_scan_parallel_incorrect (matches 'Segment'); BOTO TotalSegments max 1000000.
    with validation_error("1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy "
                          "constraint: Member must have value less than or equal to 1000000"):
        ddb.scan(TableName=scan_table, Segment=0, TotalSegments=1000001)


def test_raw_range_errors(endpoint, scan_table):
    """boto3 refuses these values itself, so the calls are raw. CONF tier3 scan.test.ts 'Limit of 0'
    (live, exact); the TotalSegments and Segment minimums follow the same envelope (BOTO: min 1, min 0)."""
    assert_raw_validation(endpoint, "Scan", {"TableName": scan_table, "Limit": 0},
                          "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                          "Member must have value greater than or equal to 1")
    assert_raw_validation(endpoint, "Scan", {"TableName": scan_table, "Segment": 0, "TotalSegments": 0},
                          "1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: "
                          "Member must have value greater than or equal to 1")
    assert_raw_validation(endpoint, "Scan", {"TableName": scan_table, "Segment": -1, "TotalSegments": 2},
                          "1 validation error detected: Value '-1' at 'segment' failed to satisfy constraint: "
                          "Member must have value greater than or equal to 0")


def test_select_errors(ddb, scan_table):
    """CONF tier1/scan/select.test.ts and tier3/scan.test.ts (live): Scan keeps the word 'Querying' and
    returns these bare."""
    with validation_error("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"):
        ddb.scan(TableName=scan_table, Select="ALL_PROJECTED_ATTRIBUTES")
    with validation_error("Cannot specify the ProjectionExpression when choosing to get only the Count"):
        ddb.scan(TableName=scan_table, Select="COUNT", ProjectionExpression="pk")
    with validation_error("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"):
        ddb.scan(TableName=scan_table, Select="ALL_ATTRIBUTES", ProjectionExpression="pk")
    with validation_error("Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                          "SPECIFIC_ATTRIBUTES"):
        ddb.scan(TableName=scan_table, Select="SPECIFIC_ATTRIBUTES")
    # DDBL OBTAINING_COUNT_AND_ATTRIBUTES; ALT test_scan_select (matches 'AttributesToGet').
    with validation_error("Cannot specify the AttributesToGet when choosing to get only the Count"):
        ddb.scan(TableName=scan_table, Select="COUNT", AttributesToGet=["pk"])


def test_expression_errors(ddb, scan_table):
    # CONF tier3 scan.test.ts (live, exact).
    with validation_error("Invalid FilterExpression: Incorrect operand type for operator or function; operator or "
                          "function: begins_with, operand type: N"):
        ddb.scan(TableName=scan_table, FilterExpression="begins_with(#a, :n)", ExpressionAttributeNames={"#a": "color"},
                 ExpressionAttributeValues=wire({":n": 1}))
    with validation_error("Invalid FilterExpression: The expression has redundant parentheses;"):
        ddb.scan(TableName=scan_table, FilterExpression="((#a = :v))", ExpressionAttributeNames={"#a": "color"},
                 ExpressionAttributeValues=wire({":v": "x"}))
    with validation_error("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
                          "rewrite one of these paths; path one: [a], path two: [a, b]"):
        ddb.scan(TableName=scan_table, ProjectionExpression="a, a.b")
    # DL validateExpressionParams, in the form the live PutItem capture in CONF shows.
    with validation_error("Can not use both expression and non-expression parameters in the same request: "
                          "Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}"):
        ddb.scan(TableName=scan_table, FilterExpression="color = :c", ExpressionAttributeValues=wire({":c": "red"}),
                 ScanFilter={"n": {"ComparisonOperator": "NOT_NULL"}})
    # DL validateConditions.
    with validation_error("One or more parameter values were invalid: Invalid number of argument(s) for the EQ "
                          "ComparisonOperator"):
        ddb.scan(TableName=scan_table, ScanFilter={"n": {"ComparisonOperator": "EQ"}})
    with validation_error("One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid "
                          "for N AttributeValue type"):
        ddb.scan(TableName=scan_table, ScanFilter={"n": {"ComparisonOperator": "BEGINS_WITH",
                                                         "AttributeValueList": [{"N": "1"}]}})


def test_missing_table(ddb):
    # CONF tier3 scan.test.ts (live, exact).
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.scan(TableName=unique_name("missing"))


# ---------------------------------------------------------------------------------------------
# Query's Select, Limit, expression-map and table checks: the same rules as Scan's above, with
# Query's own wording where it differs (CONF tier3 query.test.ts and tier1/query/select.test.ts).


@pytest.fixture(scope="module")
def query_table(ddb):
    table = make_range_table(ddb, "N", "scanq")
    put_all(ddb, table, [{"pk": "p", "sk": Decimal(i), "v": Decimal(i)} for i in range(3)])
    return table


def test_select_and_projection_errors(ddb, query_table):
    """CONF tier1/query/select.test.ts and tier3/query.test.ts (live). Query wraps the SPECIFIC_ATTRIBUTES
    and COUNT texts in the envelope where Scan does not; both forms are accepted."""
    kwargs = dict(TableName=query_table, KeyConditionExpression="pk = :p", ExpressionAttributeValues=wire({":p": "p"}))
    with validation_error("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"):
        ddb.query(Select="ALL_PROJECTED_ATTRIBUTES", **kwargs)
    with validation_error("Cannot specify the ProjectionExpression when choosing to get only the Count"):
        ddb.query(Select="COUNT", ProjectionExpression="v", **kwargs)
    with validation_error("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"):
        ddb.query(Select="ALL_ATTRIBUTES", ProjectionExpression="v", **kwargs)
    with validation_error("Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                          "SPECIFIC_ATTRIBUTES"):
        ddb.query(Select="SPECIFIC_ATTRIBUTES", **kwargs)
    # DDBL OBTAINING_COUNT_AND_ATTRIBUTES.
    with validation_error("Cannot specify the AttributesToGet when choosing to get only the Count"):
        ddb.query(TableName=query_table, Select="COUNT", AttributesToGet=["v"],
                  KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}})


def test_expression_name_and_value_errors(ddb, query_table):
    # CONF tier3 query.test.ts (live, exact).
    with validation_error("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"):
        ddb.query(TableName=query_table, KeyConditionExpression="pk = :p", ExpressionAttributeValues=wire({":p": "p"}),
                  ExpressionAttributeNames={"#unused": "x"})
    with validation_error("Invalid FilterExpression: An expression attribute name used in the document path is "
                          "not defined; attribute name: #missing"):
        ddb.query(TableName=query_table, KeyConditionExpression="pk = :p", FilterExpression="#missing = :v",
                  ExpressionAttributeValues=wire({":p": "p", ":v": "x"}))
    with validation_error("Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}"):
        ddb.query(TableName=query_table, KeyConditionExpression="pk = :p",
                  ExpressionAttributeValues=wire({":p": "p", ":extra": 1}))


def test_limit_and_enum_errors(ddb, endpoint, query_table):
    body = {"TableName": query_table, "KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}}
    # CONF tier3 query.test.ts records Query's wording ("Value at 'Limit'") apart from Scan's
    # ("Value '0' at 'limit'", tier3 scan.test.ts); boto3 refuses Limit 0 itself, so the call is raw.
    for limit in (0, -5):
        assert_raw_validation(endpoint, "Query", {**body, "Limit": limit},
                              pattern=rf"1 validation error detected: Value (at 'Limit'|'{limit}' at 'limit') failed "
                                      r"to satisfy constraint: Member must have value greater than or equal to 1")
    # CONF tier3 query.test.ts 'invalid Select value' (live, exact).
    with validation_error("1 validation error detected: Value 'INVALID_VALUE' at 'select' failed to satisfy "
                          "constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, "
                          "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"):
        ddb.query(Select="INVALID_VALUE", **body)


def test_missing_table_and_index(ddb, query_table):
    # CONF tier1/query/validation.test.ts; DL 'should check table exists before checking key validity'.
    with ddb_error("ResourceNotFoundException", NOT_FOUND):
        ddb.query(TableName=unique_name("missing"), KeyConditionExpression="z = :a",
                  ExpressionAttributeValues=wire({":a": 1}))
    # DL 'should return ValidationException for non-existent index name'.
    with validation_error("The table does not have the specified index: whatever"):
        ddb.query(TableName=query_table, IndexName="whatever", KeyConditionExpression="pk = :p",
                  ExpressionAttributeValues=wire({":p": "p"}))


def test_legacy_key_condition_errors(ddb, query_table):
    p_eq = {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}
    # DL 'querying with non-indexable operations' / 'unsupported comparison on range'.
    for operator, values in (("NE", [{"N": "1"}]), ("CONTAINS", [{"N": "1"}]), ("NOT_NULL", [])):
        with validation_error("Attempted conditional constraint is not an indexable operation"):
            ddb.query(TableName=query_table, KeyConditions={
                "pk": p_eq, "sk": {"ComparisonOperator": operator, "AttributeValueList": values}})
    # DL 'incorrect number of KeyConditions' (legacy); the expression form has a newer live text
    # (test_query.py test_key_condition_errors), which DynamoDB may use here too.
    with ddb_error("ValidationException") as error:
        ddb.query(TableName=query_table, KeyConditions={"pk": p_eq, "sk": p_eq, "attr1": p_eq})
    assert strip_envelope(error.message) in (
        "Conditions can be of length 1 or 2 only",
        "The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)"), error.message
    # DL validateExpressionParams; same form as the live PutItem capture in CONF.
    with validation_error("Can not use both expression and non-expression parameters in the same request: "
                          "Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}"):
        ddb.query(TableName=query_table, KeyConditions={"pk": p_eq}, KeyConditionExpression="pk = :p",
                  ExpressionAttributeValues=wire({":p": "p"}))

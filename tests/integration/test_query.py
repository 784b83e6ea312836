"""Query: key conditions on S, N and B sort keys (expression and legacy KeyConditions), the sort
order of each key type, filters (FilterExpression, QueryFilter + ConditionalOperator), projections,
Select, ScanIndexForward, Limit and ExclusiveStartKey.

The key-condition and filter validation messages are at the end; Query's Select, Limit, legacy
KeyConditions and expression-map checks sit with Scan's in test_scan.py, its ExclusiveStartKey errors
in test_paging.py. Sources (tags in read_helpers.py): ALT test_query.py (sort order of every key type, Limit and paging, AttributesToGet) and
test_key_condition_expression.py (every operator, reversed operands, parentheses); DL test/query.js
'functionality' (Count/ScannedCount, Items shapes); CONF tier1/query/{select,keyConditionSemantics,
numericKeys,binaryKeys}.test.ts (live).
"""

import random
from decimal import Decimal

import pytest
from boto3.dynamodb.types import Binary

from ddbd_testlib import ddb_error
from expr_helpers import plain, strip_envelope, validation_error, wire
from read_helpers import (
    all_items,
    make_hash_table,
    make_range_table,
    pages,
    plains,
    put_all,
    query_values,
)

# Numbers in numeric order: negatives, decimals, zero, big magnitudes. Numeric order differs from
# the order of their text ("-100" < "-7.5" as text, 10 < 9 as text).
NUMBERS = ["-1e10", "-100", "-7.5", "-1", "-0.5", "-0.001", "0", "0.001", "0.5", "1", "1.5", "9", "10",
           "99.99", "100", "12345678901234567890123456789012345678", "9.9e37"]
# Strings in unsigned UTF-8 byte order. U+E000 (EE 80 80) sorts before U+1F600 (F0 9F 98 80) in
# UTF-8, but after it in UTF-16 code units; "Z" < "a" and "10" < "9" in byte order.
STRINGS = ["1", "10", "9", "A", "Z", "a", "aa", "ab", "b", "z", "\u00e4", "\u4e2d", "\ue000", "\U0001f600"]
# Binary values in unsigned byte order; a signed comparison would put 0x80 and 0xff first.
TAGS = ["odd" if i % 2 else "even" for i in range(len(NUMBERS))]
BINARIES = [b"\x00", b"\x00\x00", b"\x00\x01", b"\x01", b"\x7f", b"\x80", b"\x80\x00", b"\xfe", b"\xff",
            b"\xff\x00", b"\xff\xff"]


@pytest.fixture(scope="module")
def num_table(ddb):
    table = make_range_table(ddb, "N", "qnum")
    # v is the position in numeric order and tag its parity; the writes go in a shuffled order.
    put_all(ddb, table, random.Random(7).sample([{"pk": "p", "sk": Decimal(n), "v": Decimal(i), "tag": TAGS[i]}
                                                 for i, n in enumerate(NUMBERS)], len(NUMBERS)))
    # Neighbouring partitions that a correct Query never touches.
    put_all(ddb, table, [{"pk": "o", "sk": Decimal(n)} for n in ("-5", "0", "5")])
    put_all(ddb, table, [{"pk": "q", "sk": Decimal(n)} for n in ("-5", "0", "5")])
    return table


@pytest.fixture(scope="module")
def str_table(ddb):
    table = make_range_table(ddb, "S", "qstr")
    put_all(ddb, table, random.Random(8).sample([{"pk": "p", "sk": s, "n": Decimal(i)} for i, s in enumerate(STRINGS)],
                                                len(STRINGS)))
    put_all(ddb, table, [{"pk": "p2", "sk": "a"}, {"pk": "pp", "sk": "a"}])
    return table


@pytest.fixture(scope="module")
def bin_table(ddb):
    table = make_range_table(ddb, "B", "qbin")
    shuffled = random.Random(9).sample(BINARIES, len(BINARIES))
    put_all(ddb, table, [{"pk": "p", "sk": Binary(b)} for b in shuffled])
    return table


def decimals(values):
    return [Decimal(v) for v in values]


def as_bytes(values):
    return [bytes(v.value) if isinstance(v, Binary) else bytes(v) for v in values]


# ---------------------------------------------------------------------------------------------
# Sort order of each key type (ALT test_query_sort_order_{number,string,bytes})


def test_number_sort_key_is_numeric_order(ddb, num_table):
    assert query_values(ddb, num_table, "p") == decimals(NUMBERS)
    assert query_values(ddb, num_table, "p", ScanIndexForward=False) == decimals(NUMBERS)[::-1]


def test_string_sort_key_is_utf8_byte_order(ddb, str_table):
    assert query_values(ddb, str_table, "p") == STRINGS
    assert sorted(STRINGS, key=lambda s: s.encode("utf-8")) == STRINGS
    assert query_values(ddb, str_table, "p", ScanIndexForward=False) == STRINGS[::-1]


def test_binary_sort_key_is_unsigned_byte_order(ddb, bin_table):
    assert as_bytes(query_values(ddb, bin_table, "p")) == BINARIES
    assert as_bytes(query_values(ddb, bin_table, "p", ScanIndexForward=False)) == BINARIES[::-1]


def test_query_touches_only_its_partition(ddb, num_table, str_table):
    assert query_values(ddb, num_table, "o") == decimals(["-5", "0", "5"])
    assert query_values(ddb, str_table, "p2") == ["a"]
    response = ddb.query(TableName=num_table, KeyConditionExpression="pk = :p",
                         ExpressionAttributeValues=wire({":p": "absent"}))
    assert (response["Items"], response["Count"], response["ScannedCount"]) == ([], 0, 0)
    assert "LastEvaluatedKey" not in response


# ---------------------------------------------------------------------------------------------
# Sort-key conditions (ALT test_key_condition_expression_num_*, DL 'should query on ...')


NUMBER_CONDITIONS = [
    ("sk = :a", {":a": Decimal("-7.5")}, lambda x: x == Decimal("-7.5")),
    ("sk = :a", {":a": Decimal("1.50")}, lambda x: x == Decimal("1.5")),
    ("sk < :a", {":a": Decimal("-0.5")}, lambda x: x < Decimal("-0.5")),
    ("sk <= :a", {":a": Decimal("-0.5")}, lambda x: x <= Decimal("-0.5")),
    ("sk > :a", {":a": Decimal("9")}, lambda x: x > 9),
    ("sk >= :a", {":a": Decimal("9")}, lambda x: x >= 9),
    ("sk > :a", {":a": Decimal("-1e120")}, lambda x: True),
    ("sk < :a", {":a": Decimal("-1e120")}, lambda x: False),
    ("sk BETWEEN :a AND :b", {":a": Decimal("-1"), ":b": Decimal("1")}, lambda x: -1 <= x <= 1),
    ("sk between :a and :b", {":a": Decimal("0.001"), ":b": Decimal("0.001")}, lambda x: x == Decimal("0.001")),
    ("sk BETWEEN :a AND :b", {":a": Decimal("-100.5"), ":b": Decimal("-0.9")}, lambda x: Decimal("-100.5") <= x <= Decimal("-0.9")),
    # The attribute may stand on the right; the operator is then read mirrored (ALT *_reverse).
    (":a > sk", {":a": Decimal("0")}, lambda x: x < 0),
    (":a <= sk", {":a": Decimal("10")}, lambda x: x >= 10),
]


@pytest.mark.parametrize("condition, values, keep", NUMBER_CONDITIONS,
                         ids=[f"{c[0]}|{list(c[1].values())}" for c in NUMBER_CONDITIONS])
def test_number_sort_key_conditions(ddb, num_table, condition, values, keep):
    expected = [x for x in decimals(NUMBERS) if keep(x)]
    got = query_values(ddb, num_table, "p", KeyConditionExpression=f"pk = :pk AND {condition}",
                       ExpressionAttributeValues=values)
    assert got == expected
    # Parentheses around each condition are allowed (ALT _parser; CONF tier1/query/keyConditionParens).
    backwards = query_values(ddb, num_table, "p", KeyConditionExpression=f"({condition}) AND (pk = :pk)",
                             ExpressionAttributeValues=values, ScanIndexForward=False)
    assert backwards == expected[::-1]


STRING_CONDITIONS = [
    ("sk = :a", {":a": "ab"}, lambda s: s == "ab"),
    ("sk < :a", {":a": "a"}, lambda s: s.encode() < b"a"),
    ("sk <= :a", {":a": "a"}, lambda s: s.encode() <= b"a"),
    ("sk > :a", {":a": "z"}, lambda s: s.encode() > b"z"),
    ("sk >= :a", {":a": "\ue000"}, lambda s: s.encode() >= "\ue000".encode()),
    ("sk BETWEEN :a AND :b", {":a": "A", ":b": "ab"}, lambda s: b"A" <= s.encode() <= b"ab"),
    ("begins_with(sk, :a)", {":a": "a"}, lambda s: s.startswith("a")),
    ("begins_with(sk, :a)", {":a": "1"}, lambda s: s.startswith("1")),
    ("begins_with(sk, :a)", {":a": "\U0001f600"}, lambda s: s.startswith("\U0001f600")),
    ("begins_with(sk, :a)", {":a": "nothing"}, lambda s: False),
    ("begins_with ( sk , :a )", {":a": "aa"}, lambda s: s.startswith("aa")),
]


@pytest.mark.parametrize("condition, values, keep", STRING_CONDITIONS,
                         ids=[f"{c[0]}|{list(c[1].values())}" for c in STRING_CONDITIONS])
def test_string_sort_key_conditions(ddb, str_table, condition, values, keep):
    got = query_values(ddb, str_table, "p", KeyConditionExpression=f"pk = :pk AND {condition}",
                       ExpressionAttributeValues=values)
    assert got == [s for s in STRINGS if keep(s)]


BINARY_CONDITIONS = [
    ("sk = :a", {":a": b"\x80"}, lambda b: b == b"\x80"),
    ("sk < :a", {":a": b"\x01"}, lambda b: b < b"\x01"),
    ("sk >= :a", {":a": b"\x80"}, lambda b: b >= b"\x80"),
    ("sk BETWEEN :a AND :b", {":a": b"\x00\x01", ":b": b"\xfe"}, lambda b: b"\x00\x01" <= b <= b"\xfe"),
    ("begins_with(sk, :a)", {":a": b"\xff"}, lambda b: b.startswith(b"\xff")),
    ("begins_with(sk, :a)", {":a": b"\x00"}, lambda b: b.startswith(b"\x00")),
    ("begins_with(sk, :a)", {":a": b"\x80"}, lambda b: b.startswith(b"\x80")),
]


@pytest.mark.parametrize("condition, values, keep", BINARY_CONDITIONS,
                         ids=[f"{c[0]}|{list(c[1].values())}" for c in BINARY_CONDITIONS])
def test_binary_sort_key_conditions(ddb, bin_table, condition, values, keep):
    got = query_values(ddb, bin_table, "p", KeyConditionExpression=f"pk = :pk AND {condition}",
                       ExpressionAttributeValues={k: Binary(v) for k, v in values.items()})
    assert as_bytes(got) == [b for b in BINARIES if keep(b)]


def test_names_and_case_insensitive_keywords(ddb, num_table):
    """ALT test_key_condition_expression_case_insensitive: AND and BETWEEN in any case; #names."""
    got = query_values(ddb, num_table, "p", KeyConditionExpression="(#h = :pk aNd (#r BeTwEeN :a AnD :b))",
                       ExpressionAttributeNames={"#h": "pk", "#r": "sk"},
                       ExpressionAttributeValues={":a": Decimal(0), ":b": Decimal(10)})
    assert got == [x for x in decimals(NUMBERS) if 0 <= x <= 10]


LEGACY_CONDITIONS = [
    ({"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "-7.5"}]}, lambda x: x == Decimal("-7.5")),
    ({"ComparisonOperator": "LT", "AttributeValueList": [{"N": "0"}]}, lambda x: x < 0),
    ({"ComparisonOperator": "LE", "AttributeValueList": [{"N": "0"}]}, lambda x: x <= 0),
    ({"ComparisonOperator": "GT", "AttributeValueList": [{"N": "1.5"}]}, lambda x: x > Decimal("1.5")),
    ({"ComparisonOperator": "GE", "AttributeValueList": [{"N": "1.5"}]}, lambda x: x >= Decimal("1.5")),
    ({"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "-100"}, {"N": "-1"}]},
     lambda x: -100 <= x <= -1),
]


@pytest.mark.parametrize("condition, keep", LEGACY_CONDITIONS, ids=[c[0]["ComparisonOperator"] for c in LEGACY_CONDITIONS])
def test_legacy_key_conditions(ddb, num_table, condition, keep):
    """ALT test_query_basic_restrictions; DL 'should query ... with KeyConditions'."""
    key_conditions = {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}, "sk": condition}
    got = [plain(i)["sk"] for i in all_items(ddb.query, TableName=num_table, KeyConditions=key_conditions)]
    assert got == [x for x in decimals(NUMBERS) if keep(x)]


def test_legacy_key_conditions_begins_with(ddb, str_table, bin_table):
    key_conditions = {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]},
                      "sk": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "a"}]}}
    got = [plain(i)["sk"] for i in all_items(ddb.query, TableName=str_table, KeyConditions=key_conditions)]
    assert got == ["a", "aa", "ab"]
    key_conditions["sk"]["AttributeValueList"] = [{"B": b"\xff"}]
    got = [plain(i)["sk"] for i in all_items(ddb.query, TableName=bin_table, KeyConditions=key_conditions)]
    assert as_bytes(got) == [b"\xff", b"\xff\x00", b"\xff\xff"]
    only_hash = {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}}
    assert len(all_items(ddb.query, TableName=str_table, KeyConditions=only_hash)) == len(STRINGS)


# ---------------------------------------------------------------------------------------------
# Filters, Count and ScannedCount


def test_filter_expression_counts(ddb, num_table):
    """CONF tier1/query/select 'COUNT with FilterExpression returns different Count and
    ScannedCount': ScannedCount counts items read, Count those that passed the filter."""
    response = ddb.query(TableName=num_table, KeyConditionExpression="pk = :p AND sk >= :z",
                         FilterExpression="tag = :t", ExpressionAttributeValues=wire({":p": "p", ":z": 0, ":t": "odd"}),
                         ConsistentRead=True)
    read = [x for x in decimals(NUMBERS) if x >= 0]
    assert response["ScannedCount"] == len(read)
    kept = [plain(i) for i in response["Items"]]
    assert all(item["tag"] == "odd" for item in kept)
    assert response["Count"] == len(kept) > 0
    assert [item["sk"] for item in kept] == sorted(item["sk"] for item in kept)
    nothing = ddb.query(TableName=num_table, KeyConditionExpression="pk = :p", FilterExpression="attribute_exists(nope)",
                        ExpressionAttributeValues=wire({":p": "p"}))
    assert (nothing["Count"], nothing["ScannedCount"], nothing["Items"]) == (0, len(NUMBERS), [])


def test_filter_expression_functions(ddb, str_table):
    values = query_values(ddb, str_table, "p", FilterExpression="n < :three OR (attribute_type(n, :num) AND n >= :ten)",
                          ExpressionAttributeValues={":three": 3, ":ten": 10, ":num": "N"})
    assert values == [s for i, s in enumerate(STRINGS) if i < 3 or i >= 10]


@pytest.mark.parametrize("operator, expected_tags", [
    ("AND", []), ("OR", ["even", "odd"]),
])
def test_query_filter_with_conditional_operator(ddb, num_table, operator, expected_tags):
    """Legacy QueryFilter: AND (the default) needs every condition, OR any (DL 'should query with
    QueryFilter and ConditionalOperator')."""
    query_filter = {"tag": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "odd"}]},
                    "v": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "0"}]}}
    key_conditions = {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}}
    response = ddb.query(TableName=num_table, KeyConditions=key_conditions, QueryFilter=query_filter,
                         ConditionalOperator=operator)
    items = plains(response["Items"])
    if operator == "AND":
        # v = 0 was written with tag 'even', so no item has both.
        assert items == []
    else:
        assert sorted({i["tag"] for i in items}) == expected_tags
        assert all(i["tag"] == "odd" or i["v"] == 0 for i in items)
        assert response["Count"] == len(NUMBERS) // 2 + 1
    assert response["ScannedCount"] == len(NUMBERS)
    default = ddb.query(TableName=num_table, KeyConditions=key_conditions,
                        QueryFilter={"tag": query_filter["tag"],
                                     "v": {"ComparisonOperator": "GE", "AttributeValueList": [{"N": "0"}]}})
    assert all(i["tag"] == "odd" for i in plains(default["Items"])) and default["Count"] == len(NUMBERS) // 2


# ---------------------------------------------------------------------------------------------
# Projections and Select (CONF tier1/query/select.test.ts, ALT test_query_attributes_to_get)


def test_projection_expression_and_attributes_to_get(ddb, num_table):
    kwargs = dict(TableName=num_table, KeyConditionExpression="pk = :p AND sk = :s",
                  ExpressionAttributeValues=wire({":p": "p", ":s": Decimal("-7.5")}))
    only_tag = ddb.query(ProjectionExpression="tag", **kwargs)["Items"]
    assert len(only_tag) == 1 and set(only_tag[0]) == {"tag"}
    with_names = ddb.query(ProjectionExpression="#k, v", ExpressionAttributeNames={"#k": "sk"}, **kwargs)["Items"]
    assert set(with_names[0]) == {"sk", "v"}
    missing = ddb.query(ProjectionExpression="nope", **kwargs)
    # An item with none of the projected attributes comes back empty, not missing (ALT).
    assert missing["Items"] == [{}] and missing["Count"] == 1
    legacy = ddb.query(TableName=num_table, AttributesToGet=["pk", "v"],
                       KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}})
    assert all(set(item) == {"pk", "v"} for item in legacy["Items"]) and legacy["Count"] == len(NUMBERS)


def test_select_modes(ddb, num_table):
    kwargs = dict(TableName=num_table, KeyConditionExpression="pk = :p", ExpressionAttributeValues=wire({":p": "p"}))
    count = ddb.query(Select="COUNT", **kwargs)
    assert "Items" not in count
    assert count["Count"] == count["ScannedCount"] == len(NUMBERS)
    everything = ddb.query(Select="ALL_ATTRIBUTES", **kwargs)["Items"]
    assert everything == ddb.query(**kwargs)["Items"] and set(everything[0]) == {"pk", "sk", "v", "tag"}
    specific = ddb.query(Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="v", **kwargs)["Items"]
    assert all(set(item) == {"v"} for item in specific) and len(specific) == len(NUMBERS)
    specific_legacy = ddb.query(TableName=num_table, Select="SPECIFIC_ATTRIBUTES", AttributesToGet=["tag"],
                                KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}})
    assert all(set(item) == {"tag"} for item in specific_legacy["Items"])
    filtered_count = ddb.query(Select="COUNT", FilterExpression="tag = :t",
                               **{**kwargs, "ExpressionAttributeValues": wire({":p": "p", ":t": "even"})})
    assert "Items" not in filtered_count
    assert (filtered_count["Count"], filtered_count["ScannedCount"]) == ((len(NUMBERS) + 1) // 2, len(NUMBERS))


# ---------------------------------------------------------------------------------------------
# Limit, LastEvaluatedKey, ExclusiveStartKey (ALT test_query_limit*, test_query_reverse_paging)


@pytest.mark.parametrize("forward", [True, False], ids=["forward", "backward"])
@pytest.mark.parametrize("limit", [1, 2, 5, 16, 17, 100])
def test_limit_paging_returns_every_item_once(ddb, num_table, limit, forward):
    responses = pages(ddb.query, TableName=num_table, KeyConditionExpression="pk = :p",
                      ExpressionAttributeValues=wire({":p": "p"}), Limit=limit, ScanIndexForward=forward)
    got = [plain(i)["sk"] for r in responses for i in r["Items"]]
    assert got == (decimals(NUMBERS) if forward else decimals(NUMBERS)[::-1])
    for response in responses:
        assert len(response["Items"]) <= limit
        if "LastEvaluatedKey" in response:
            # A page cut by Limit ends at its last item, and the key holds the key attributes only.
            assert response["Count"] == limit
            assert response["LastEvaluatedKey"] == {k: response["Items"][-1][k] for k in ("pk", "sk")}
    # Only the final page may be short; every earlier one is full.
    assert all(len(r["Items"]) == limit for r in responses[:-1])


def test_limit_counts_items_before_the_filter(ddb, num_table):
    """DOCS Query 'Limit': the maximum number of items to evaluate (not necessarily matching);
    DL 'should return LastEvaluatedKey even if only filtered items'."""
    response = ddb.query(TableName=num_table, KeyConditionExpression="pk = :p", FilterExpression="tag = :t",
                         ExpressionAttributeValues=wire({":p": "p", ":t": "none"}), Limit=3)
    assert (response["Count"], response["ScannedCount"], response["Items"]) == (0, 3, [])
    assert plain(response["LastEvaluatedKey"]) == {"pk": "p", "sk": decimals(NUMBERS)[2]}
    following = ddb.query(TableName=num_table, KeyConditionExpression="pk = :p", FilterExpression="tag = :t",
                          ExpressionAttributeValues=wire({":p": "p", ":t": "even"}), Limit=4,
                          ExclusiveStartKey=response["LastEvaluatedKey"])
    assert following["ScannedCount"] == 4
    assert [plain(i)["sk"] for i in following["Items"]] == [
        x for i, x in enumerate(decimals(NUMBERS)) if 3 <= i < 7 and TAGS[i] == "even"]


def test_exclusive_start_key_need_not_exist(ddb, num_table):
    """Paging resumes strictly after the given key, whether or not an item has it (DL 'should query
    from ExclusiveStartKey'); backwards it resumes strictly before."""
    start = wire({"pk": "p", "sk": Decimal("0.75")})
    forward = [plain(i)["sk"] for i in all_items(ddb.query, TableName=num_table, KeyConditionExpression="pk = :p",
                                                 ExpressionAttributeValues=wire({":p": "p"}), ExclusiveStartKey=start)]
    assert forward == [x for x in decimals(NUMBERS) if x > Decimal("0.75")]
    backward = [plain(i)["sk"] for i in all_items(ddb.query, TableName=num_table, KeyConditionExpression="pk = :p",
                                                  ExpressionAttributeValues=wire({":p": "p"}), ExclusiveStartKey=start,
                                                  ScanIndexForward=False)]
    assert backward == [x for x in decimals(NUMBERS) if x < Decimal("0.75")][::-1]
    ranged = [plain(i)["sk"] for i in all_items(ddb.query, TableName=num_table,
                                                KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b",
                                                ExpressionAttributeValues=wire({":p": "p", ":a": -1, ":b": 10}),
                                                ExclusiveStartKey=wire({"pk": "p", "sk": Decimal("-0.5")}))]
    assert ranged == [x for x in decimals(NUMBERS) if Decimal("-0.5") < x <= 10]


def test_consistent_and_eventual_reads_agree(ddb, str_table):
    for consistent in (True, False):
        assert query_values(ddb, str_table, "p", ConsistentRead=consistent) == STRINGS


# ---------------------------------------------------------------------------------------------
# Validation. `range` is num_table (pk S, sk N), `hash` a table with pk S only.

MISSED = "Query condition missed key schema element: "
NOT_SUPPORTED = "Query key condition not supported"
BAD_OPERATOR = "Invalid operator used in KeyConditionExpression: "
# CONF's live October 2026 capture of the key-condition operand checks shows the duplicate-key text
# under the "Invalid KeyConditionExpression: " prefix; DL's older captures and DDBL's
# KeyConditionExpressionExtractor have the other extractor texts bare. Those are accepted either way.
KCE = "Invalid KeyConditionExpression: "

KEY_CONDITION_ERRORS = [
    # CONF tier3 query.test.ts (live, exact): a condition on the sort key or a non-key attribute
    # alone names the partition key.
    ("range", "sk = :s", MISSED + "pk"),
    ("range", "attr1 = :s", MISSED + "pk"),
    # DL 'should return ValidationException for missing range element'; ALT test_query_which_key.
    ("range", "pk = :p AND attr1 = :s", MISSED + "sk"),
    # DL 'should return ValidationException if querying with unsupported conditions'.
    ("hash", "pk > :p", NOT_SUPPORTED),
    ("range", "begins_with(pk, :p)", NOT_SUPPORTED),
    # CONF live operand-type capture (exact).
    ("range", "pk = :p AND sk > :s AND sk < :s", KCE + "KeyConditionExpressions must only contain one condition per key"),
    ("range", "pk = :p AND sk > :s AND attr1 = :s",
     "The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)"),
    # CONF tier3 query.test.ts 'redundant parentheses' (live, exact).
    ("hash", "((pk = :p))", KCE + "The expression has redundant parentheses;"),
]

EXTRACTOR_ERRORS = [
    # DL 'should return ValidationException for invalid operators'; ALT _parser; DDBL extractor.
    ("pk = :p OR sk = :s", BAD_OPERATOR + "OR"),
    ("pk = :p AND NOT sk = :s", BAD_OPERATOR + "NOT"),
    ("pk = :p AND sk <> :s", BAD_OPERATOR + "<>"),
    ("pk = :p AND sk IN (:s)", BAD_OPERATOR + "IN"),
    ("pk = :p AND attribute_exists(sk)", BAD_OPERATOR + "attribute_exists"),
    # ALT _and_same (matches 'one'); DL 'multiple conditions per key'.
    ("pk = :p AND pk = :p", "KeyConditionExpressions must only contain one condition per key"),
    # DL 'nested attributes' (CONF keyConditionSemantics matches the same text, live), 'multiple
    # attribute names', 'no key attribute'.
    ("pk = :p AND sk.x = :s", "KeyConditionExpressions cannot have conditions on nested attributes"),
    ("pk = :p AND sk > attr1", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
    (":s > :p AND pk = :p", "Invalid condition in KeyConditionExpression: No key attribute specified"),
]


@pytest.fixture(scope="module")
def hash_table(ddb):
    return make_hash_table(ddb, "qhash")


def used_values(condition):
    values = {":p": "p", ":s": Decimal(1)}
    return wire({k: v for k, v in values.items() if k in condition})


@pytest.mark.parametrize("which, condition, expected", KEY_CONDITION_ERRORS,
                         ids=[f"{e[0]}:{e[1]}" for e in KEY_CONDITION_ERRORS])
def test_key_condition_errors(ddb, num_table, hash_table, which, condition, expected):
    with validation_error(expected):
        ddb.query(TableName=num_table if which == "range" else hash_table, KeyConditionExpression=condition,
                  ExpressionAttributeValues=used_values(condition))


@pytest.mark.parametrize("condition, expected", EXTRACTOR_ERRORS, ids=[e[0] for e in EXTRACTOR_ERRORS])
def test_key_condition_shape_errors(ddb, num_table, condition, expected):
    with ddb_error("ValidationException") as error:
        ddb.query(TableName=num_table, KeyConditionExpression=condition, ExpressionAttributeValues=used_values(condition))
    assert strip_envelope(error.message) in (expected, KCE + expected), error.message


def test_two_conditions_on_a_hash_only_table(ddb, hash_table):
    """DL (older) answers 'Query key condition not supported'; CONF's live capture words the
    three-conditions-on-two-keys case as a count, which DynamoDB plausibly applies here too."""
    with ddb_error("ValidationException") as error:
        ddb.query(TableName=hash_table, KeyConditionExpression="pk = :p AND attr1 = :s",
                  ExpressionAttributeValues=used_values(":p :s"))
    assert strip_envelope(error.message) in (
        NOT_SUPPORTED, "The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)")


def test_key_condition_value_errors(ddb, num_table):
    def query(condition, values):
        return ddb.query(TableName=num_table, KeyConditionExpression=condition, ExpressionAttributeValues=wire(values))

    def operand(op, kind):
        return f"{KCE}Incorrect operand type for operator or function; operator or function: {op}, operand type: {kind}"

    schema = ONE_INVALID + "Condition parameter type does not match schema type"
    # CONF live operand-type capture (exact): a value of another key type fails the schema check, a
    # value no key could hold fails as an operand-type error; DL 'mismatching param type'.
    with validation_error(schema):
        query("pk = :p AND sk = :s", {":p": "p", ":s": "text"})
    with validation_error(schema):
        query("pk = :p AND begins_with(sk, :s)", {":p": "p", ":s": "a"})
    with validation_error(schema):
        query("pk = :p AND sk = :s", {":p": "p", ":s": True})
    with validation_error(schema):
        query("pk = :p", {":p": Decimal(1)})
    with validation_error(operand("begins_with", "N")):
        query("pk = :p AND begins_with(sk, :s)", {":p": "p", ":s": Decimal(1)})
    with validation_error(operand("<", "BOOL")):
        query("pk = :p AND sk < :s", {":p": "p", ":s": True})
    with validation_error(operand(">=", "BOOL")):
        query("pk = :p AND :s >= sk", {":p": "p", ":s": True})
    with validation_error(operand("BETWEEN", "BOOL")):
        query("pk = :p AND sk BETWEEN :a AND :b", {":p": "p", ":a": False, ":b": True})
    # DL 'KeyConditionExpression BETWEEN args are in the incorrect order'; DYNAMODB_MESSAGES.md.
    with validation_error(KCE + "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                          "bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: "
                          "AttributeValue: {N:1}"):
        query("pk = :p AND sk BETWEEN :a AND :b", {":p": "p", ":a": 5, ":b": 1})


ONE_INVALID = "One or more parameter values were invalid: "


def test_missing_and_empty_key_condition(ddb, num_table):
    # DL and DDBL MISSING_KEY_CONDITIONS_AND_EXPRESSION.
    with validation_error("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."):
        ddb.query(TableName=num_table)
    # CONF tier3 query.test.ts (live, exact).
    with validation_error("Invalid KeyConditionExpression: The expression can not be empty;"):
        ddb.query(TableName=num_table, KeyConditionExpression="", ExpressionAttributeValues=wire({":v": "x"}))


def test_filters_may_not_name_key_attributes(ddb, num_table):
    """DL 'hash/range key in FilterExpression / QueryFilter'; DDBL FILTER_EXPRESSION_CONTAINS_KEY_ATTRIBUTE
    and QUERY_FILTER_CONTAINS_KEY_ATTRIBUTE; DOCS: a filter expression cannot contain partition key or
    sort key attributes."""
    for attribute in ("sk", "pk"):
        with validation_error(f"Filter Expression can only contain non-primary key attributes: "
                              f"Primary key attribute: {attribute}"):
            ddb.query(TableName=num_table, KeyConditionExpression="pk = :p", FilterExpression=f"{attribute} = :v",
                      ExpressionAttributeValues=wire({":p": "p", ":v": Decimal(1) if attribute == "sk" else "p"}))
    with validation_error("QueryFilter can only contain non-primary key attributes: Primary key attribute: sk"):
        ddb.query(TableName=num_table,
                  KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}},
                  QueryFilter={"sk": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "0"}]}})

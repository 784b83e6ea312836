"""ConditionExpression on PutItem, DeleteItem and UpdateItem: comparators, BETWEEN, IN, AND/OR/NOT,
functions, nested paths, ConditionalCheckFailedException and ReturnValuesOnConditionCheckFailure, and
boto3's resource API with boto3.dynamodb.conditions.

Sources (tags in expr_helpers.py): semantics from ALT test_condition_expression.py (run against
DynamoDB) and CONF tests/tier1/*/conditions*.test.ts; texts from CONF tier3/error-messages
(conditionalCheck.test.ts, putItem.test.ts), DL db/conditionParser.pegjs + test/*.js, DDBL.
"""

import json
from decimal import Decimal

import pytest
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

from ddbd_testlib import assert_enum_error, create_table, ddb_error, unique_name
from expr_helpers import (
    CONDITIONAL_FAILED,
    condition_failed,
    get,
    make_rvcf_client,
    new_key,
    plain,
    put,
    run_aws,
    validation_error,
    wire,
)

INVALID = "Invalid ConditionExpression: "


@pytest.fixture(scope="module")
def cond_table(ddb):
    return create_table(ddb, unique_name("cond"))


@pytest.fixture(scope="module")
def ddb_rvcf(endpoint):
    return make_rvcf_client(endpoint)


SEED = {
    "n": 5,
    "ten": 10,
    "s": "cat",
    "capital": "Z",
    "b": b"cat",
    "b_hi": b"\x80",
    "b_lo": b"\x7f",
    "t": True,
    "f": False,
    "nul": None,
    "ss": {"a", "b"},
    "ns": {1, 2, 3},
    "bs": {b"x", b"y"},
    "l": [1, "two", [3, 4], {"k": "v"}, {"in", "set"}],
    "m": {"x": 1, "y": {"z": "deep"}},
    "empty_m": {},
    "word": "hello world",
    "bin_word": b"hi there",
}


@pytest.fixture(scope="module")
def seeded(ddb, cond_table):
    """One item, never changed: holds() rewrites it with identical content when a condition passes."""
    item = {**new_key("seed"), **wire(SEED)}
    ddb.put_item(TableName=cond_table, Item=item)
    return item


def holds(ddb, table, item, condition, values=None, names=None):
    """True when PutItem(item) with this condition succeeds, False on ConditionalCheckFailed."""
    kwargs = {}
    if values is not None:
        kwargs["ExpressionAttributeValues"] = wire(values)
    if names is not None:
        kwargs["ExpressionAttributeNames"] = names
    try:
        ddb.put_item(TableName=table, Item=item, ConditionExpression=condition, **kwargs)
        return True
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        assert error.response["Error"]["Message"] == CONDITIONAL_FAILED
        return False


# ---------------------------------------------------------------------------------------------
# Comparators


@pytest.mark.parametrize("condition, value, expected", [
    ("n = :v", 5, True), ("n = :v", Decimal("5.000"), True), ("n = :v", 6, False),
    ("n <> :v", 4, True), ("n <> :v", 5, False),
    ("n < :v", 6, True), ("n < :v", 5, False),
    ("n <= :v", 5, True), ("n <= :v", 4, False),
    ("n > :v", 4, True), ("n > :v", 5, False),
    ("n >= :v", 5, True), ("n >= :v", 6, False),
    ("ten > :v", 9, True),  # numeric, not lexicographic
    ("n > :v", Decimal("-1e100"), True), ("n < :v", Decimal("4.9999999999999999999999999999999999999"), False),
    (":v < n", 4, True), (":v >= n", 6, True),
])
def test_number_comparators(ddb, cond_table, seeded, condition, value, expected):
    assert holds(ddb, cond_table, seeded, condition, {":v": value}) is expected


@pytest.mark.parametrize("condition, value, expected", [
    ("s = :v", "cat", True), ("s <> :v", "dog", True),
    ("s < :v", "dog", True), ("s < :v", "aardvark", False), ("s <= :v", "cat", True),
    ("s > :v", "ca", True), ("s >= :v", "cb", False),
    ("capital < :v", "a", True),  # code point order: 'Z' (0x5A) < 'a' (0x61)
    ("b < :v", b"dog", True), ("b > :v", b"aardvark", True), ("b = :v", b"cat", True),
    ("b_lo < :v", b"\x80", True),  # bytes compare unsigned
    ("b_hi > :v", b"\x7f", True),
])
def test_string_and_binary_comparators(ddb, cond_table, seeded, condition, value, expected):
    assert holds(ddb, cond_table, seeded, condition, {":v": value}) is expected


@pytest.mark.parametrize("operator", ["=", "<", "<=", ">", ">="])
def test_cross_type_comparisons_are_false(ddb, cond_table, seeded, operator):
    """ALT test_update_condition_eq_different/lt/le/gt: different types are simply not equal or
    ordered; a ConditionalCheckFailed, not a ValidationException."""
    assert not holds(ddb, cond_table, seeded, f"n {operator} :v", {":v": "5"})
    assert not holds(ddb, cond_table, seeded, f"s {operator} :v", {":v": 5})
    assert not holds(ddb, cond_table, seeded, f"b {operator} :v", {":v": "cat"})
    # A missing attribute compares false too, even against another missing attribute.
    assert not holds(ddb, cond_table, seeded, f"absent {operator} :v", {":v": 5})
    assert not holds(ddb, cond_table, seeded, f"absent {operator} other_missing")


def test_cross_type_not_equal_is_true(ddb, cond_table, seeded):
    assert holds(ddb, cond_table, seeded, "n <> :v", {":v": "5"})
    assert holds(ddb, cond_table, seeded, "t <> :v", {":v": 1})
    assert holds(ddb, cond_table, seeded, "absent <> :v", {":v": 5})
    assert holds(ddb, cond_table, seeded, "absent <> other_missing")  # ALT issue #8511


@pytest.mark.parametrize("attribute, value, expected", [
    ("t", True, True), ("t", False, False), ("f", False, True),
    ("nul", None, True),
    ("ss", {"b", "a"}, True), ("ss", {"a"}, False),
    ("ns", {Decimal("3.0"), 2, 1}, True),
    ("bs", {b"y", b"x"}, True),
    ("l", [1, "two", [3, 4], {"k": "v"}, {"set", "in"}], True),
    ("l", ["two", 1, [3, 4], {"k": "v"}, {"set", "in"}], False),  # lists are ordered
    ("m", {"y": {"z": "deep"}, "x": 1}, True), ("m", {"x": 1}, False),
    ("empty_m", {}, True),
])
def test_equality_of_every_type(ddb, cond_table, seeded, attribute, value, expected):
    assert holds(ddb, cond_table, seeded, f"{attribute} = :v", {":v": value}) is expected
    assert holds(ddb, cond_table, seeded, f"{attribute} <> :v", {":v": value}) is not expected


def test_comparing_two_attributes(ddb, cond_table):
    item = {**new_key("two"), **wire({"a": {"x", "y"}, "b": {"y", "x"}, "c": [1, 2], "d": 1, "e": 2})}
    ddb.put_item(TableName=cond_table, Item=item)
    assert holds(ddb, cond_table, item, "a = b")
    assert not holds(ddb, cond_table, item, "a = c")
    assert holds(ddb, cond_table, item, "d < e")
    assert not holds(ddb, cond_table, item, "d >= e")


def test_order_comparison_with_a_non_scalar_literal_is_invalid(ddb, cond_table, seeded):
    """ALT test_update_condition_lt: a list given as the literal operand of < is a
    ValidationException; a list attribute in the item just makes the comparison false."""
    with validation_error(startswith=INVALID):
        holds(ddb, cond_table, seeded, "n < :v", {":v": [1, 2]})
    assert not holds(ddb, cond_table, seeded, "l < :v", {":v": 1})


# ---------------------------------------------------------------------------------------------
# BETWEEN and IN


@pytest.mark.parametrize("low, high, expected", [
    (1, 5, True), (5, 9, True), (5, 5, True), (1, 4, False), (6, 9, False),
    (Decimal("4.99"), Decimal("5.01"), True),
])
def test_between_numbers_is_inclusive(ddb, cond_table, seeded, low, high, expected):
    assert holds(ddb, cond_table, seeded, "n BETWEEN :lo AND :hi", {":lo": low, ":hi": high}) is expected


def test_between_strings_binary_and_missing(ddb, cond_table, seeded):
    assert holds(ddb, cond_table, seeded, "s BETWEEN :lo AND :hi", {":lo": "ca", ":hi": "cb"})
    assert not holds(ddb, cond_table, seeded, "s BETWEEN :lo AND :hi", {":lo": "d", ":hi": "e"})
    assert holds(ddb, cond_table, seeded, "b BETWEEN :lo AND :hi", {":lo": b"c", ":hi": b"d"})
    assert not holds(ddb, cond_table, seeded, "absent BETWEEN :lo AND :hi", {":lo": 1, ":hi": 9})
    # Bounds of another type than the attribute: false, not an error.
    assert not holds(ddb, cond_table, seeded, "s BETWEEN :lo AND :hi", {":lo": 1, ":hi": 9})


def test_between_literal_bounds_are_validated(ddb, cond_table, seeded):
    """DL conditionParser checkBetweenArgs; DDBL BETWEEN_LBOUND_BIGGER_THAN_UBOUND and
    BETWEEN_DIFFERENT_TYPE_OPERANDS; ALT test_update_condition_between (ValidationException). The
    operand rendering ("AttributeValue: {N:5}") is DL's, kept as a fragment."""
    with validation_error(
            startswith=INVALID + "The BETWEEN operator requires upper bound to be greater than or equal "
                                 "to lower bound; ",
            contains="lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}"):
        holds(ddb, cond_table, seeded, "n BETWEEN :lo AND :hi", {":lo": 5, ":hi": 1})
    with validation_error(
            startswith=INVALID + "The BETWEEN operator requires same data type for lower and upper bounds; ",
            contains="lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:z}"):
        holds(ddb, cond_table, seeded, "n BETWEEN :lo AND :hi", {":lo": 1, ":hi": "z"})


def test_in(ddb, cond_table, seeded):
    assert holds(ddb, cond_table, seeded, "n IN (:a)", {":a": 5})
    assert holds(ddb, cond_table, seeded, "n IN (:a, :b, :c)", {":a": 1, ":b": "five", ":c": 5})
    assert not holds(ddb, cond_table, seeded, "n IN (:a, :b)", {":a": 1, ":b": "5"})
    assert holds(ddb, cond_table, seeded, "ss IN (:a, :b)", {":a": {"x"}, ":b": {"b", "a"}})
    assert holds(ddb, cond_table, seeded, "n IN (ten, :v)", {":v": 5})
    assert not holds(ddb, cond_table, seeded, "absent IN (:a, :b)", {":a": 1, ":b": 5})


def test_in_with_99_candidates(ddb, cond_table, seeded):
    """ALT test_update_condition_in: 99 listed values (100 operands with the left one) work."""
    values = {f":v{i}": i for i in range(99)}
    assert holds(ddb, cond_table, seeded, f"n IN ({', '.join(values)})", values)
    values = {f":v{i}": i + 100 for i in range(99)}
    assert not holds(ddb, cond_table, seeded, f"n IN ({', '.join(values)})", values)


def test_empty_in_list_is_a_syntax_error(ddb, cond_table, seeded):
    """ALT: 'a IN ()' is a syntax error, not a failed condition."""
    with validation_error(startswith=INVALID + 'Syntax error; token: ")"'):
        holds(ddb, cond_table, seeded, "n IN ()")


# ---------------------------------------------------------------------------------------------
# AND, OR, NOT, parentheses


ONE_TWO = {":one": 1, ":two": 2, ":three": 3}


@pytest.mark.parametrize("condition, expected", [
    ("a = :one AND b = :two", True),
    ("a = :one AND b = :three", False),
    ("a = :two OR b = :two", True),
    ("a = :two OR b = :three", False),
    ("NOT a = :two", True),
    ("NOT a = :one", False),
    # AND binds tighter than OR: (F AND T) OR T
    ("a = :two AND b = :two OR a = :one", True),
    ("a = :two AND (b = :two OR a = :one)", False),
    ("a = :one OR a = :two AND b = :three", True),
    ("(a = :one OR a = :two) AND b = :three", False),
    # NOT binds tighter than AND: (NOT T) AND F is false; NOT (T AND F) is true
    ("NOT a = :one AND b = :three", False),
    ("NOT (a = :one AND b = :three)", True),
    # keywords are case-insensitive
    ("a = :one and b = :two", True),
    ("not a = :two Or b = :three", True),
    ("a between :one aNd :three", True),
    ("a in (:one, :two)", True),
    # parentheses that are not redundant (CONF conditionExpressionParens.test.ts)
    ("(a = :one) AND (b = :two)", True),
    ("(a = :one AND (b = :two))", True),
    ("((a = :one) AND b = :two) OR (a = :three)", True),
])
def test_logical_operators_and_precedence(ddb, cond_table, condition, expected):
    item = {**new_key("logic"), **wire({"a": 1, "b": 2})}
    ddb.put_item(TableName=cond_table, Item=item)
    used = {name: value for name, value in ONE_TWO.items() if name in condition}
    assert holds(ddb, cond_table, item, condition, used) is expected


def test_redundant_parentheses_are_rejected(ddb, cond_table, seeded):
    """CONF putItem.test.ts (exact fragment, live); DL redundantParensError."""
    for condition in ("((attribute_exists(pk)))", "((n = :v))", "NOT ((n = :v))"):
        values = {":v": 5} if ":v" in condition else None
        with validation_error(INVALID + "The expression has redundant parentheses;"):
            holds(ddb, cond_table, seeded, condition, values)


# ---------------------------------------------------------------------------------------------
# Functions


@pytest.mark.parametrize("condition, expected", [
    ("attribute_exists(n)", True), ("attribute_exists(absent)", False),
    ("attribute_not_exists(absent)", True), ("attribute_not_exists(n)", False),
    ("attribute_exists(pk)", True), ("attribute_not_exists(pk)", False),
    ("attribute_exists(nul)", True),  # a NULL value exists
    ("attribute_exists(m.y.z)", True), ("attribute_exists(m.nope)", False),
    ("attribute_exists(l[4])", True), ("attribute_exists(l[5])", False),
    ("attribute_exists(s.x)", False), ("attribute_not_exists(l[9])", True),
    ("attribute_exists (n)", True),  # ALT: a space before the parenthesis is fine
])
def test_attribute_exists_and_not_exists(ddb, cond_table, seeded, condition, expected):
    assert holds(ddb, cond_table, seeded, condition) is expected


TYPES = [("s", "S"), ("n", "N"), ("b", "B"), ("t", "BOOL"), ("nul", "NULL"), ("ss", "SS"),
         ("ns", "NS"), ("bs", "BS"), ("l", "L"), ("m", "M")]


@pytest.mark.parametrize("attribute, type_name", TYPES)
def test_attribute_type(ddb, cond_table, seeded, attribute, type_name):
    assert holds(ddb, cond_table, seeded, f"attribute_type({attribute}, :t)", {":t": type_name})
    others = [t for _, t in TYPES if t != type_name]
    for other in others[:3]:
        assert not holds(ddb, cond_table, seeded, f"attribute_type({attribute}, :t)", {":t": other})
    assert not holds(ddb, cond_table, seeded, "attribute_type(absent, :t)", {":t": type_name})


def test_attribute_type_name_is_validated(ddb, cond_table, seeded):
    """DL checkFunction ('Invalid attribute type name found; type: X, valid types: {...}'); ALT
    test_update_condition_attribute_type_unknown. The order inside the braces differs between
    captures, so it is compared as a set."""
    with validation_error(startswith=INVALID + "Invalid attribute type name found; type: DOG, valid types: {") \
            as error:
        holds(ddb, cond_table, seeded, "attribute_type(n, :t)", {":t": "DOG"})
    listed = error.message[error.message.index("{") + 1:error.message.rindex("}")]
    assert sorted(t.strip() for t in listed.split(",")) == sorted(t for _, t in TYPES)


@pytest.mark.parametrize("condition, value, expected", [
    ("begins_with(s, :v)", "ca", True), ("begins_with(s, :v)", "cat", True),
    ("begins_with(s, :v)", "at", False), ("begins_with(s, :v)", "cats", False),
    ("begins_with(b, :v)", b"ca", True), ("begins_with(b, :v)", b"x", False),
    ("begins_with(s, :v)", b"ca", False),  # string attribute, binary prefix
    ("begins_with(n, :v)", "5", False),  # number attribute: false, not an error
    ("begins_with(absent, :v)", "a", False),
    ("begins_with(:v, s)", "cathedral", True),  # ALT: operands may be swapped
])
def test_begins_with(ddb, cond_table, seeded, condition, value, expected):
    assert holds(ddb, cond_table, seeded, condition, {":v": value}) is expected


def test_begins_with_literal_must_be_string_or_binary(ddb, cond_table, seeded):
    """DL checkFunction; ALT test_update_condition_begins_with (ValidationException)."""
    with validation_error(INVALID + "Incorrect operand type for operator or function; "
                                    "operator or function: begins_with, operand type: N"):
        holds(ddb, cond_table, seeded, "begins_with(s, :v)", {":v": 5})


@pytest.mark.parametrize("condition, value, expected", [
    ("contains(word, :v)", "lo wo", True), ("contains(word, :v)", "xyz", False),
    ("contains(ss, :v)", "a", True), ("contains(ss, :v)", "c", False),
    ("contains(ns, :v)", 2, True), ("contains(ns, :v)", Decimal("2.0"), True), ("contains(ns, :v)", 9, False),
    ("contains(ns, :v)", "2", False),
    ("contains(bs, :v)", b"x", True),
    ("contains(l, :v)", 1, True), ("contains(l, :v)", "two", True), ("contains(l, :v)", [3, 4], True),
    ("contains(l, :v)", {"set", "in"}, True), ("contains(l, :v)", 3, False),
    ("contains(bin_word, :v)", b"here", True), ("contains(bin_word, :v)", b"dog", False),
    ("contains(n, :v)", 5, False),  # contains on a number: false
    ("contains(absent, :v)", "a", False),
    ("contains(m, :v)", "x", False),  # maps are not searched
])
def test_contains(ddb, cond_table, seeded, condition, value, expected):
    assert holds(ddb, cond_table, seeded, condition, {":v": value}) is expected


def test_contains_operands_must_differ(ddb, cond_table, seeded):
    """CONF putItem.test.ts 'contains() with duplicate path and operand' (exact, live)."""
    with validation_error(INVALID + "The first operand must be distinct from the remaining operands for this "
                                    "operator or function; operator: contains, first operand: [data]"):
        holds(ddb, cond_table, seeded, "contains(#a, #a)", names={"#a": "data"})


@pytest.mark.parametrize("condition, value, expected", [
    ("size(s) = :v", 3, True), ("size(word) = :v", 11, True),
    ("size(b) = :v", 3, True), ("size(bin_word) = :v", 8, True),
    ("size(ss) = :v", 2, True), ("size(ns) = :v", 3, True), ("size(bs) = :v", 2, True),
    ("size(l) = :v", 5, True), ("size(m) = :v", 2, True), ("size(empty_m) = :v", 0, True),
    ("size(m.y) = :v", 1, True), ("size(l[2]) = :v", 2, True),
    ("size(s) < :v", 4, True), ("size(s) <= :v", 3, True), ("size(s) > :v", 2, True),
    ("size(s) >= :v", 4, False), ("size(s) <> :v", 3, False),
    ("size(s) BETWEEN :v AND :v", 3, True), ("size(s) IN (:v)", 3, True),
    (":v > size(s)", 4, True),
    # size of a number, boolean or NULL is undefined: the comparison is false
    ("size(n) = :v", 1, False), ("size(t) = :v", 1, False), ("size(nul) = :v", 1, False),
    ("size(absent) >= :v", 0, False),
    ("size(s) = :v", "3", False),  # compared with a string: false, not an error
])
def test_size(ddb, cond_table, seeded, condition, value, expected):
    assert holds(ddb, cond_table, seeded, condition, {":v": value}) is expected


def test_size_compared_with_an_attribute(ddb, cond_table):
    item = {**new_key("size"), **wire({"a": "hello", "f": 5})}
    ddb.put_item(TableName=cond_table, Item=item)
    assert holds(ddb, cond_table, item, "size(a) = f")  # ALT test_update_condition_size


@pytest.mark.parametrize("condition, values, expected", [
    # DL checkMisusedSize / checkMisusedFunction; ALT test_update_condition_size_alone and
    # test_update_condition_attribute_exists_in_comparison
    ("size(s)", None, "The function is not allowed to be used this way in an expression; function: size"),
    ("attribute_exists(s) = :v", {":v": True},
     "The function is not allowed to be used this way in an expression; function: attribute_exists"),
    # DL checkFunction
    ("dog(s) = :v", {":v": 1}, "Invalid function name; function: dog"),
    ("ATTRIBUTE_EXISTS(s)", None, "Invalid function name; function: ATTRIBUTE_EXISTS"),
    ("attribute_exists(s, n)", None,
     "Incorrect number of operands for operator or function; operator or function: attribute_exists, "
     "number of operands: 2"),
    ("begins_with(s)", None,
     "Incorrect number of operands for operator or function; operator or function: begins_with, "
     "number of operands: 1"),
    ("attribute_exists(:v)", {":v": 1},
     "Operator or function requires a document path; operator or function: attribute_exists"),
    ("attribute_not_exists(:v)", {":v": 1},
     "Operator or function requires a document path; operator or function: attribute_not_exists"),
])
def test_function_misuse(ddb, cond_table, seeded, condition, values, expected):
    with validation_error(INVALID + expected):
        holds(ddb, cond_table, seeded, condition, values)


@pytest.mark.parametrize("condition", ["if_not_exists(s, s) = :v", "list_append(l, l) = :v"])
def test_update_functions_not_allowed_in_conditions(ddb, cond_table, seeded, condition):
    """ALT test_update_condition_other_funcs ('ValidationException.*not allowed'); DDBL
    INVALID_CONDITION_FUNCTION / INVALID_FUNCTION_CONTEXT."""
    with validation_error(startswith=INVALID, contains="not allowed"):
        holds(ddb, cond_table, seeded, condition, {":v": 1})


# ---------------------------------------------------------------------------------------------
# Document paths and names


@pytest.mark.parametrize("condition, value, expected", [
    ("m.x = :v", 1, True), ("m.y.z = :v", "deep", True), ("m.nope = :v", 1, False),
    ("l[0] = :v", 1, True), ("l[1] = :v", "two", True), ("l[2][1] = :v", 4, True),
    ("l[3].k = :v", "v", True), ("l[9] = :v", 1, False),
    ("s.x = :v", 1, False), ("m[0] = :v", 1, False), ("l.x = :v", 1, False),
    ("pk = :v", None, True),
])
def test_nested_paths(ddb, cond_table, seeded, condition, value, expected):
    if value is None:
        value = seeded["pk"]["S"]
    assert holds(ddb, cond_table, seeded, condition, {":v": value}) is expected


def test_names_resolve_path_elements(ddb, cond_table):
    item = {**new_key("names"), **wire({"status": "on", "a.b": 1, "a": {"b": 2}, "m": {"status": "deep"}})}
    ddb.put_item(TableName=cond_table, Item=item)
    assert holds(ddb, cond_table, item, "#s = :v", {":v": "on"}, {"#s": "status"})
    # "#ab" naming "a.b" is one attribute with a dot in its name, not a path (ALT)
    assert holds(ddb, cond_table, item, "#ab = :v", {":v": 1}, {"#ab": "a.b"})
    assert holds(ddb, cond_table, item, "a.b = :v", {":v": 2})
    assert holds(ddb, cond_table, item, "#m.#s = :v", {":v": "deep"}, {"#m": "m", "#s": "status"})
    assert holds(ddb, cond_table, item, "#s = :v AND #s <> :w", {":v": "on", ":w": "off"}, {"#s": "status"})


# ---------------------------------------------------------------------------------------------
# Writes that fail their condition


def test_put_condition_failure_leaves_item(ddb, cond_table):
    key = put(ddb, cond_table, new_key("put"), v=1)
    ddb.put_item(TableName=cond_table, Item={**new_key("fresh")}, ConditionExpression="attribute_not_exists(pk)")
    with condition_failed():
        ddb.put_item(TableName=cond_table, Item={**key, **wire({"v": 2})},
                     ConditionExpression="attribute_not_exists(pk)")
    assert get(ddb, cond_table, key) == {"pk": key["pk"]["S"], "v": 1}
    ddb.put_item(TableName=cond_table, Item={**key, **wire({"v": 3})}, ConditionExpression="v = :one",
                 ExpressionAttributeValues=wire({":one": 1}))
    assert get(ddb, cond_table, key)["v"] == 3


def test_delete_condition(ddb, cond_table):
    key = put(ddb, cond_table, new_key("del"), v=1)
    with condition_failed():
        ddb.delete_item(TableName=cond_table, Key=key, ConditionExpression="v = :v",
                        ExpressionAttributeValues=wire({":v": 2}))
    assert get(ddb, cond_table, key) is not None
    deleted = ddb.delete_item(TableName=cond_table, Key=key, ConditionExpression="v = :v",
                              ExpressionAttributeValues=wire({":v": 1}), ReturnValues="ALL_OLD")
    assert plain(deleted["Attributes"]) == {"pk": key["pk"]["S"], "v": 1}
    assert get(ddb, cond_table, key) is None
    # A missing item is the empty item: attribute_exists fails, attribute_not_exists passes.
    with condition_failed():
        ddb.delete_item(TableName=cond_table, Key=key, ConditionExpression="attribute_exists(pk)")
    ddb.delete_item(TableName=cond_table, Key=key, ConditionExpression="attribute_not_exists(pk)")


def test_update_condition(ddb, cond_table):
    key = put(ddb, cond_table, new_key("upd"), status="locked", v=1)
    with condition_failed():
        ddb.update_item(TableName=cond_table, Key=key, UpdateExpression="SET v = :new",
                        ConditionExpression="#s = :open", ExpressionAttributeNames={"#s": "status"},
                        ExpressionAttributeValues=wire({":new": 2, ":open": "open"}))
    assert get(ddb, cond_table, key)["v"] == 1
    ddb.update_item(TableName=cond_table, Key=key, UpdateExpression="SET v = :new",
                    ConditionExpression="#s = :locked AND v < :new", ExpressionAttributeNames={"#s": "status"},
                    ExpressionAttributeValues=wire({":new": 2, ":locked": "locked"}))
    assert get(ddb, cond_table, key)["v"] == 2


def test_condition_is_checked_against_the_old_item(ddb, cond_table):
    """The condition sees the item before the write, not the item being written."""
    key = put(ddb, cond_table, new_key("old"), v=1)
    ddb.put_item(TableName=cond_table, Item={**key, **wire({"v": 2})}, ConditionExpression="v = :one",
                 ExpressionAttributeValues=wire({":one": 1}))
    with condition_failed():
        ddb.put_item(TableName=cond_table, Item={**key, **wire({"v": 1})}, ConditionExpression="v = :one",
                     ExpressionAttributeValues=wire({":one": 1}))


# ---------------------------------------------------------------------------------------------
# ReturnValuesOnConditionCheckFailure (CONF conditionalCheck.test.ts and updateItem/conditions.test.ts,
# live: the error carries the old item as "Item")


def test_return_values_on_condition_check_failure_put(ddb_rvcf, cond_table):
    key = put(ddb_rvcf, cond_table, new_key("rv-put"), attr1="original-value", n=7)
    with condition_failed() as error:
        ddb_rvcf.put_item(TableName=cond_table, Item={**key, **wire({"attr1": "overwrite"})},
                          ConditionExpression="attribute_not_exists(pk)",
                          ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert plain(error.response["Item"]) == {"pk": key["pk"]["S"], "attr1": "original-value", "n": 7}


def test_return_values_on_condition_check_failure_update_and_delete(ddb_rvcf, cond_table):
    key = put(ddb_rvcf, cond_table, new_key("rv-upd"), status="locked", data="important")
    expected = {"pk": key["pk"]["S"], "status": "locked", "data": "important"}
    with condition_failed() as error:
        ddb_rvcf.update_item(TableName=cond_table, Key=key, UpdateExpression="SET #d = :v",
                             ConditionExpression="#s = :expected",
                             ExpressionAttributeNames={"#d": "data", "#s": "status"},
                             ExpressionAttributeValues=wire({":v": "changed", ":expected": "active"}),
                             ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert plain(error.response["Item"]) == expected
    with condition_failed() as error:
        ddb_rvcf.delete_item(TableName=cond_table, Key=key, ConditionExpression="attribute_not_exists(#s)",
                             ExpressionAttributeNames={"#s": "status"},
                             ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert plain(error.response["Item"]) == expected


def test_return_values_on_condition_check_failure_none_or_missing_item(ddb_rvcf, cond_table):
    key = put(ddb_rvcf, cond_table, new_key("rv-none"), v=1)
    with condition_failed() as error:
        ddb_rvcf.put_item(TableName=cond_table, Item=key, ConditionExpression="attribute_not_exists(pk)",
                          ReturnValuesOnConditionCheckFailure="NONE")
    assert "Item" not in error.response
    with condition_failed() as error:
        ddb_rvcf.put_item(TableName=cond_table, Item=key, ConditionExpression="attribute_not_exists(pk)")
    assert "Item" not in error.response
    absent = new_key("rv-missing")
    with condition_failed() as error:
        ddb_rvcf.delete_item(TableName=cond_table, Key=absent, ConditionExpression="attribute_exists(pk)",
                             ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert "Item" not in error.response


def test_return_values_on_condition_check_failure_enum(ddb_rvcf, cond_table):
    with ddb_error("ValidationException") as error:
        ddb_rvcf.put_item(TableName=cond_table, Item=new_key("rv-enum"),
                          ConditionExpression="attribute_not_exists(pk)",
                          ReturnValuesOnConditionCheckFailure="ALL_NEW")
    assert_enum_error(error.message, "ALL_NEW", "returnValuesOnConditionCheckFailure", ["ALL_OLD", "NONE"])


# ---------------------------------------------------------------------------------------------
# boto3's resource API: boto3.dynamodb.conditions builds the expression, #n0/:v0 placeholders


def test_resource_api_conditions(ddb_resource, cond_table):
    table = ddb_resource.Table(cond_table)
    failed = ddb_resource.meta.client.exceptions.ConditionalCheckFailedException
    pk = unique_name("res")
    table.put_item(Item={"pk": pk, "n": 2, "s": "hello", "tags": {"x", "y"}, "l": [1, 2, 3]},
                   ConditionExpression=Attr("pk").not_exists())
    with pytest.raises(failed):
        table.put_item(Item={"pk": pk}, ConditionExpression=Attr("pk").not_exists())
    with pytest.raises(failed):
        table.put_item(Item={"pk": pk}, ConditionExpression=Key("pk").eq("other") & Attr("n").exists())

    table.update_item(Key={"pk": pk}, UpdateExpression="SET n = n + :one",
                      ExpressionAttributeValues={":one": 1},
                      ConditionExpression=Attr("n").between(1, 3) & Attr("s").begins_with("he")
                      & Attr("tags").contains("x") & Attr("l").size().eq(3))
    assert table.get_item(Key={"pk": pk}, ConsistentRead=True)["Item"]["n"] == 3
    with pytest.raises(failed):
        table.update_item(Key={"pk": pk}, UpdateExpression="SET n = :zero", ExpressionAttributeValues={":zero": 0},
                          ConditionExpression=Attr("n").lt(3) | ~Attr("s").attribute_type("S"))
    table.update_item(Key={"pk": pk}, UpdateExpression="SET n = :zero", ExpressionAttributeValues={":zero": 0},
                      ConditionExpression=Attr("n").is_in([1, 3, 5]) & Attr("absent").not_exists())

    with pytest.raises(failed):
        table.delete_item(Key={"pk": pk}, ConditionExpression=Attr("s").ne("hello") | Attr("n").gt(0))
    table.delete_item(Key={"pk": pk},
                      ConditionExpression=Key("pk").eq(pk) & (Attr("s").contains("ell") | Attr("n").gte(100)))
    assert "Item" not in table.get_item(Key={"pk": pk}, ConsistentRead=True)


# ---------------------------------------------------------------------------------------------
# AWS CLI


def test_cli_conditional_put(endpoint, ddb, cond_table):
    key = new_key("cli")
    item = json.dumps({**key, "v": {"S": "first"}})
    args = ("put-item", "--table-name", cond_table, "--condition-expression", "attribute_not_exists(pk)")
    result = run_aws(endpoint, *args, "--item", item)
    assert result.returncode == 0, result.stderr
    result = run_aws(endpoint, *args, "--item", json.dumps({**key, "v": {"S": "second"}}))
    assert result.returncode != 0
    assert "ConditionalCheckFailedException" in result.stderr and CONDITIONAL_FAILED in result.stderr
    assert get(ddb, cond_table, key) == {"pk": key["pk"]["S"], "v": "first"}

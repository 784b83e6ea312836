"""UpdateItem with UpdateExpression: SET (+, -, if_not_exists, list_append), REMOVE, ADD, DELETE,
clause and path rules, key attributes, upserts, conditions, every ReturnValues mode, number
arithmetic limits and the 400 KB item limit.

Sources (tags in expr_helpers.py): semantics from ALT test_update_expression.py / test_number.py and
CONF tests/tier1/updateItem/*.test.ts (live); texts from CONF tier3/error-messages/updateItem.test.ts
and tier3/limits/itemSizeBySurface.test.ts (live 2026), DL test/updateItem.js, ALT comments quoting
DynamoDB.
"""

import json
from decimal import Decimal

import pytest

from ddbd_testlib import assert_enum_error, call_raw, create_table, ddb_error, unique_name
from expr_helpers import (
    ONE,
    condition_failed,
    get,
    get_raw,
    new_key,
    plain,
    put,
    run_aws,
    validation_error,
    wire,
)

INVALID = "Invalid UpdateExpression: "
MISSING_ATTRIBUTE = "The provided expression refers to an attribute that does not exist in the item"
BAD_PATH = "The document path provided in the update expression is invalid for update"
BAD_OPERAND = "An operand in the update expression has an incorrect data type"
TOO_BIG = "Item size to update has exceeded the maximum allowed size"
RETURN_VALUES = ["ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"]


@pytest.fixture(scope="module")
def upd_table(ddb):
    return create_table(ddb, unique_name("upd"))


@pytest.fixture(scope="module")
def upd_range(ddb):
    return create_table(ddb, unique_name("updr"), range_key=("sk", "S"))


def update(ddb, table, key, expression=None, values=None, names=None, **kwargs):
    args = dict(TableName=table, Key=key, **kwargs)
    if expression is not None:
        args["UpdateExpression"] = expression
    if values is not None:
        args["ExpressionAttributeValues"] = wire(values)
    if names is not None:
        args["ExpressionAttributeNames"] = names
    return ddb.update_item(**args)


def item(key, **attributes):
    return {"pk": key["pk"]["S"], **attributes}


# ---------------------------------------------------------------------------------------------
# SET


def test_set_creates_missing_item(ddb, upd_table):
    """CONF basic.test.ts 'creates an item when it does not exist (upsert)'."""
    key = new_key("upsert")
    response = update(ddb, upd_table, key, "SET #d = :v", {":v": "created"}, {"#d": "data"})
    assert "Attributes" not in response
    assert get(ddb, upd_table, key) == item(key, data="created")


def test_update_without_expression_creates_key_only_item(ddb, upd_table):
    """DL updateItem 'should just add item with key if no action': the response is {}."""
    key = new_key("bare")
    response = ddb.update_item(TableName=upd_table, Key=key)
    assert {k: v for k, v in response.items() if k != "ResponseMetadata"} == {}
    assert get(ddb, upd_table, key) == item(key)


def test_set_merges_with_existing_item(ddb, upd_table):
    key = put(ddb, upd_table, new_key("merge"), a="hi", keep=1)
    update(ddb, upd_table, key, "SET b = :v", {":v": "hello"})
    update(ddb, upd_table, key, "set a = :v, c = :w", {":v": "hey", ":w": [1, {"x": None}]})
    update(ddb, upd_table, key, "  sEt   d=:v  ", {":v": True})
    assert get(ddb, upd_table, key) == item(key, a="hey", b="hello", c=[1, {"x": None}], d=True, keep=1)


def test_set_every_type_and_empty_values(ddb, upd_table):
    """ALT test_update_expression_empty_attribute: empty lists, maps, strings and binaries are fine."""
    key = new_key("types")
    values = {":s": "", ":b": b"", ":l": [], ":m": {}, ":ss": {"x"}, ":ns": {1}, ":bs": {b"\x00"},
              ":n": Decimal("-1.5"), ":t": False, ":z": None}
    update(ddb, upd_table, key, "SET s = :s, b = :b, l = :l, m = :m, ss = :ss, ns = :ns, bs = :bs, "
                                "n = :n, t = :t, z = :z", values)
    assert get(ddb, upd_table, key) == item(key, **{name[1:]: value for name, value in values.items()})


def test_set_copies_attributes_from_the_old_item(ddb, upd_table):
    """ALT test_update_expression_set_copy / multi_with_copy; CONF 'a second SET clause reads the
    pre-update value'."""
    key = put(ddb, upd_table, new_key("copy"), a="OLD", m={"x": {"y": 7}}, l=[1, 2])
    response = update(ddb, upd_table, key, "SET a = :v, b = a, c = m.x.y, d = l[1], #e = #a",
                      {":v": "NEW"}, {"#e": "e", "#a": "a"}, ReturnValues="ALL_NEW")
    assert plain(response["Attributes"]) == item(key, a="NEW", b="OLD", c=7, d=2, e="OLD", m={"x": {"y": 7}},
                                                 l=[1, 2])
    update(ddb, upd_table, key, "REMOVE a SET f = a")
    assert "a" not in get(ddb, upd_table, key) and get(ddb, upd_table, key)["f"] == "NEW"
    update(ddb, upd_table, key, "SET pk_copy = pk")  # reading a key attribute is allowed
    assert get(ddb, upd_table, key)["pk_copy"] == key["pk"]["S"]


@pytest.mark.parametrize("expression", ["SET c = z", "SET c = m.nope", "SET c = l[7]", "SET c = z + :one",
                                        "SET c = list_append(z, :list)"])
def test_reading_a_missing_attribute_fails(ddb, upd_table, expression):
    """DL updateItem 'reference non-existent attribute'; ALT test_update_expression_set_copy."""
    key = put(ddb, upd_table, new_key("readmiss"), a="x", m={}, l=[1])
    values = {name: value for name, value in {":one": 1, ":list": [1]}.items() if name in expression}
    with validation_error(MISSING_ATTRIBUTE):
        update(ddb, upd_table, key, expression, values or None)
    with validation_error(MISSING_ATTRIBUTE):  # the same when the whole item is missing
        update(ddb, upd_table, new_key("readmiss-none"), expression, values or None)
    assert get(ddb, upd_table, key) == item(key, a="x", m={}, l=[1])


def test_set_arithmetic(ddb, upd_table):
    """ALT test_update_expression_plus_*; CONF 'SET c = (c - :v)' and if_not_exists arithmetic."""
    key = put(ddb, upd_table, new_key("math"), a=2, c=10)
    update(ddb, upd_table, key, "SET a = a + :v", {":v": 3})
    update(ddb, upd_table, key, "SET b = :v - a", {":v": 1})
    update(ddb, upd_table, key, "SET c = (c - :v)", {":v": 3})
    update(ddb, upd_table, key, "SET d = if_not_exists(d, :zero) - :amt, e = :x + :y",
           {":zero": 0, ":amt": 3, ":x": Decimal("0.1"), ":y": Decimal("0.2")})
    update(ddb, upd_table, key, "SET f = if_not_exists(f, :one)+:one", {":one": 1})
    assert get(ddb, upd_table, key) == item(key, a=5, b=-4, c=7, d=-3, e=Decimal("0.3"), f=2)


def test_arithmetic_is_exact(ddb, upd_table):
    """ALT test_update_expression_plus_precision: no double rounding."""
    key = new_key("exact")
    update(ddb, upd_table, key, "SET b = :v1 + :v2, c = :v2 - :v1",
           {":v1": 1, ":v2": Decimal("10000000000000000000000")})
    raw = get_raw(ddb, upd_table, key)
    assert raw["b"] == {"N": "10000000000000000000001"}
    assert raw["c"] == {"N": "9999999999999999999999"}


def test_arithmetic_result_keeps_38_digits(ddb, upd_table):
    nines = "9" * 38
    key = {**new_key("nines")}
    ddb.put_item(TableName=upd_table, Item={**key, "n": {"N": nines}, "m": {"N": nines}})
    ddb.update_item(TableName=upd_table, Key=key, UpdateExpression="SET n = n + :one ADD m :one",
                    ExpressionAttributeValues={":one": {"N": "1"}})
    raw = get_raw(ddb, upd_table, key)
    assert raw["n"] == {"N": "1" + "0" * 38}  # 39 digits, 1 significant: representable
    assert raw["m"] == {"N": "1" + "0" * 38}
    ddb.update_item(TableName=upd_table, Key=key, UpdateExpression="SET n = :a - :b",
                    ExpressionAttributeValues={":a": {"N": "1.0000000000000000000000000000000000001"},
                                               ":b": {"N": "0.0000000000000000000000000000000000001"}})
    assert get_raw(ddb, upd_table, key)["n"] == {"N": "1"}


@pytest.mark.parametrize("expression, a, b", [
    # ALT test_update_expression_plus_imprecise: DynamoDB refuses 1e50 +/- 1 (its comment quotes
    # "Number overflow. Attempting to store a number with magnitude larger than supported range")
    ("SET r = :a + :b", "1e50", "1"),
    ("SET r = :a - :b", "1e50", "1"),
    ("SET r = :a + :b", "12345678901234567890123456789012345678", "0.1"),
    ("ADD r :a", "1234567890123456789012345678901234567.8", None),
])
def test_arithmetic_needing_more_than_38_digits_is_refused(ddb, upd_table, expression, a, b):
    key = {**new_key("imprecise")}
    ddb.put_item(TableName=upd_table, Item={**key, "r": {"N": "0.01"}})
    values = {":a": {"N": a}}
    if b is not None:
        values[":b"] = {"N": b}
    with validation_error(contains="Attempting to store"):
        ddb.update_item(TableName=upd_table, Key=key, UpdateExpression=expression, ExpressionAttributeValues=values)
    assert get_raw(ddb, upd_table, key)["r"] == {"N": "0.01"}


def test_arithmetic_overflow(ddb, upd_table):
    """CONF numberPrecision.test.ts 'rejects arithmetic that overflows' (live, fragment)."""
    key = new_key("overflow")
    for expression, values in (("SET n = :a + :b", {":a": "9.9e125", ":b": "9.9e125"}),
                               ("SET n = :a - :b", {":a": "9.9e125", ":b": "-9.9e125"}),
                               ("ADD n :a", {":a": "-9.9e125"})):
        if expression.startswith("ADD"):
            ddb.put_item(TableName=upd_table, Item={**key, "n": {"N": "-9.9e125"}})
        with validation_error(contains="Number overflow"):
            ddb.update_item(TableName=upd_table, Key=key, UpdateExpression=expression,
                            ExpressionAttributeValues={name: {"N": v} for name, v in values.items()})
    assert get_raw(ddb, upd_table, key) == {**key, "n": {"N": "-99" + "0" * 124}}


@pytest.mark.parametrize("expression, values, message", [
    # DL 'incorrect types to functions in UpdateExpression' (exact)
    ("SET a = a + :s", {":s": "x"}, INVALID + "Incorrect operand type for operator or function; "
                                             "operator or function: +, operand type: S"),
    ("SET a = :n - :l", {":n": 1, ":l": []}, INVALID + "Incorrect operand type for operator or function; "
                                                      "operator or function: -, operand type: L"),
    ("SET a = list_append(:s, a)", {":s": "x"}, INVALID + "Incorrect operand type for operator or function; "
                                                         "operator or function: list_append, operand type: S"),
    ("SET a = list_append(a, :n)", {":n": 1}, INVALID + "Incorrect operand type for operator or function; "
                                                       "operator or function: list_append, operand type: N"),
    # DL 'incorrect number of operands' (regex) and ALT comments (exact)
    ("SET a = list_append(:l)", {":l": [1]}, INVALID + "Incorrect number of operands for operator or function; "
                                                      "operator or function: list_append, number of operands: 1"),
    ("SET a = if_not_exists(a)", None, INVALID + "Incorrect number of operands for operator or function; "
                                                "operator or function: if_not_exists, number of operands: 1"),
    # DL 'operand path type' (regex), ALT comment
    ("SET a = if_not_exists(:v, a)", {":v": 1}, INVALID + "Operator or function requires a document path; "
                                                         "operator or function: if_not_exists"),
    # ALT test_update_expression_unknown_function / list_append_basic (function names are case-sensitive)
    ("SET a = f(b, c, d)", None, INVALID + "Invalid function name; function: f"),
    ("SET a = LIST_APPEND(:l, :l)", {":l": [1]}, INVALID + "Invalid function name; function: LIST_APPEND"),
    # ALT test_update_expression_function_nesting (comment quotes DynamoDB)
    ("SET a = list_append(list_append(:l, :l), :l)", {":l": [1]},
     INVALID + "The function is not allowed to be used this way in an expression; function: list_append"),
])
def test_set_operand_errors(ddb, upd_table, expression, values, message):
    key = put(ddb, upd_table, new_key("operr"), a=[1])
    with validation_error(message):
        update(ddb, upd_table, key, expression, values)
    assert get(ddb, upd_table, key) == item(key, a=[1])


@pytest.mark.parametrize("expression", ["SET b = :a + :b + :c", "SET b = if_not_exists(b, :a+:b)",
                                        "SET b = :a * :b", "SET b = :a / :b"])
def test_set_arithmetic_syntax(ddb, upd_table, expression):
    """DL syntax error list ('set a = b + c + d', 'set a = b * c'); ALT function_plus_nesting."""
    used = {name: 1 for name in (":a", ":b", ":c") if name in expression}
    with validation_error(startswith=INVALID + "Syntax error; token: "):
        update(ddb, upd_table, new_key("syn"), expression, used)


def test_runtime_operand_type_errors(ddb, upd_table):
    """DL 'using expression to delete/add incorrect types' (exact); ALT add_numbers."""
    key = put(ddb, upd_table, new_key("rt"), s="str", n=1, ns={1}, ss={"a"}, l=[1])
    for expression, values in [("SET e = s + :one", {":one": 1}), ("SET e = :one - s", {":one": 1}),
                               ("ADD s :one", {":one": 1}), ("ADD ns :one", {":one": 1}),
                               ("ADD ss :nums", {":nums": {1}}), ("DELETE ss :nums", {":nums": {1}}),
                               ("DELETE n :nums", {":nums": {1}}), ("ADD l :strs", {":strs": {"x"}}),
                               ("SET e = list_append(ns, :l)", {":l": [1]})]:
        with validation_error(BAD_OPERAND):
            update(ddb, upd_table, key, expression, values)
    assert get(ddb, upd_table, key) == item(key, s="str", n=1, ns={1}, ss={"a"}, l=[1])


def test_if_not_exists(ddb, upd_table):
    """ALT test_update_expression_if_not_exists; CONF 'supports SET with if_not_exists'."""
    key = put(ddb, upd_table, new_key("ine"), existing="keep-me", myval="original")
    update(ddb, upd_table, key, "SET existing = if_not_exists(existing, :d), newone = if_not_exists(newone, :d2), "
                                "#bk = if_not_exists(#bk, myval), spare = if_not_exists(existing, :d)",
           {":d": "default", ":d2": "created"}, {"#bk": "backup"})
    assert get(ddb, upd_table, key) == item(key, existing="keep-me", myval="original", newone="created",
                                            backup="original", spare="keep-me")
    fresh = new_key("ine-new")
    update(ddb, upd_table, fresh, "SET b = if_not_exists(pk, :v)", {":v": "unused-default"})
    assert get(ddb, upd_table, fresh)["b"] == fresh["pk"]["S"]  # DL 'update values from other attributes'


def test_list_append(ddb, upd_table):
    """CONF basic.test.ts list_append tests (live); ALT test_update_expression_list_append."""
    key = put(ddb, upd_table, new_key("la"), vals=["b", "c"], another=[1])
    update(ddb, upd_table, key, "SET vals = list_append(vals, :more)", {":more": ["d"]})
    update(ddb, upd_table, key, "SET vals = list_append(:first, vals)", {":first": ["a"]})
    update(ddb, upd_table, key, "SET joined = list_append(vals, another), blank = list_append(:e, :e)", {":e": []})
    update(ddb, upd_table, key, "SET made = list_append(if_not_exists(made, :e), :x)", {":e": [], ":x": ["x"]})
    assert get(ddb, upd_table, key) == item(key, vals=["a", "b", "c", "d"], another=[1],
                                            joined=["a", "b", "c", "d", 1], blank=[], made=["x"])


def test_set_nested_paths(ddb, upd_table):
    """ALT test_update_expression_nested_*; CONF paths.test.ts."""
    key = put(ddb, upd_table, new_key("nest"), a={"b": 3, "c": ["hi", {"x": {"y": [3, 5, 7]}}]}, l=["one", "two"])
    update(ddb, upd_table, key, "SET a.c[1].#n.y[1] = :v, a.d = :w, l[0] = :z, a.b = a.c[1].x.y[2]",
           {":v": 9, ":w": {"new": True}, ":z": "ONE"}, {"#n": "x"})
    assert get(ddb, upd_table, key) == item(key, a={"b": 7, "c": ["hi", {"x": {"y": [3, 9, 7]}}], "d": {"new": True}},
                                            l=["ONE", "two"])


def test_set_list_index_past_the_end_appends(ddb, upd_table):
    """ALT test_nested_attribute_update_array_out_of_bounds; CONF 'SET on list index beyond bounds'."""
    key = put(ddb, upd_table, new_key("append"), a=["one", "two", "three"], e=[])
    update(ddb, upd_table, key, "SET a[7] = :v, e[0] = :w", {":v": "hello", ":w": "first"})
    assert get(ddb, upd_table, key)["a"] == ["one", "two", "three", "hello"]
    assert get(ddb, upd_table, key)["e"] == ["first"]
    update(ddb, upd_table, key, "SET a[84] = :a1, a[37] = :a2, a[17] = :a3, a[50] = :a4",
           {":a1": "a1", ":a2": "a2", ":a3": "a3", ":a4": "a4"})
    assert get(ddb, upd_table, key)["a"] == ["one", "two", "three", "hello", "a3", "a2", "a4", "a1"]


@pytest.mark.parametrize("expression", ["SET s.c = :v", "SET l.c = :v", "SET nope.c = :v", "SET s[0] = :v",
                                        "SET nope[0] = :v", "SET m.nope.deeper = :v", "REMOVE s.c",
                                        "REMOVE nope.c", "REMOVE s[0]", "ADD nope.c :v", "DELETE nope[1] :v"])
def test_invalid_document_path_for_update(ddb, upd_table, expression):
    """ALT test_nested_attribute_update_bad_path_dot/array; DL (exact)."""
    key = put(ddb, upd_table, new_key("badpath"), s="hello", l=["hi"], m={})
    value = {"x"} if expression.startswith(("ADD", "DELETE")) else 7
    with validation_error(BAD_PATH):
        update(ddb, upd_table, key, expression, {":v": value} if ":v" in expression else None)
    assert get(ddb, upd_table, key) == item(key, s="hello", l=["hi"], m={})


def test_set_nested_path_in_missing_item(ddb, upd_table):
    with validation_error(BAD_PATH):
        update(ddb, upd_table, new_key("badpath-none"), "SET c.c = :v", {":v": 7})


# ---------------------------------------------------------------------------------------------
# REMOVE


def test_remove(ddb, upd_table):
    """ALT test_update_expression_remove / nested_remove; CONF REMOVE tests."""
    key = put(ddb, upd_table, new_key("rm"), a="x", b="y", m={"x": {"y": [3, 5, 7]}, "q": 2, "keep": 1},
              l=["a", "b", "c", "d"], single_m={"sole": 1}, single_l=[1])
    update(ddb, upd_table, key, "REMOVE a, ghost, m.x.y[1], m.q, m.nothing, l[1], l[17], single_m.sole, single_l[0]")
    assert get(ddb, upd_table, key) == item(key, b="y", m={"x": {"y": [3, 7]}, "keep": 1}, l=["a", "c", "d"],
                                            single_m={}, single_l=[])


def test_remove_list_indexes_refer_to_the_original_list(ddb, upd_table):
    """ALT test_update_expression_nested_remove_list_item_original_number."""
    key = put(ddb, upd_table, new_key("rmidx"), a=[2, 3, 4, 5, 6, 7], b=[0, 1, 2, 3])
    update(ddb, upd_table, key, "REMOVE a[1] SET a[3] = :v", {":v": 17})
    assert get(ddb, upd_table, key)["a"] == [2, 4, 17, 6, 7]
    update(ddb, upd_table, key, "SET a[3] = :v REMOVE a[0]", {":v": 18})
    assert get(ddb, upd_table, key)["a"] == [4, 17, 18, 7]
    update(ddb, upd_table, key, "REMOVE b[0], b[2]")
    assert get(ddb, upd_table, key)["b"] == [1, 3]


# ---------------------------------------------------------------------------------------------
# ADD and DELETE


def test_add_numbers(ddb, upd_table):
    """ALT test_update_expression_add_numbers(_new); CONF ADD tests."""
    key = put(ddb, upd_table, new_key("addn"), count=10)
    update(ddb, upd_table, key, "ADD #c :v, fresh :neg", {":v": 3, ":neg": Decimal("-2.5")}, {"#c": "count"})
    assert get(ddb, upd_table, key) == item(key, count=13, fresh=Decimal("-2.5"))
    created = new_key("addn-new")
    update(ddb, upd_table, created, "ADD b :v", {":v": 8})
    assert get(ddb, upd_table, created) == item(created, b=8)


def test_add_sets(ddb, upd_table):
    """ALT test_update_expression_add_sets(_new); DL 'throw away duplicate values'."""
    key = put(ddb, upd_table, new_key("adds"), ss={"a", "b"}, ns={1, 2}, bs={b"\x01\x02", b"\x02"})
    update(ddb, upd_table, key, "ADD ss :ss, ns :ns, bs :bs, newset :new",
           {":ss": {"b", "c", "d"}, ":ns": {2, 3, Decimal("4.0")}, ":bs": {b"\x02", b"\x01"}, ":new": {"z"}})
    assert get(ddb, upd_table, key) == item(key, ss={"a", "b", "c", "d"}, ns={1, 2, 3, 4},
                                            bs={b"\x01\x02", b"\x02", b"\x01"}, newset={"z"})


def test_delete_from_sets(ddb, upd_table):
    """ALT test_update_expression_delete_sets; CONF DELETE tests (emptied set -> attribute gone)."""
    key = put(ddb, upd_table, new_key("dels"), a={"dog", "cat", "mouse"}, ns={1, 2, 3}, b="hi")
    update(ddb, upd_table, key, "DELETE a :v, ns :n", {":v": {"cat", "mouse", "pig"}, ":n": {Decimal("2.0")}})
    assert get(ddb, upd_table, key) == item(key, a={"dog"}, ns={1, 3}, b="hi")
    update(ddb, upd_table, key, "DELETE a :v", {":v": {"dog"}})
    assert get(ddb, upd_table, key) == item(key, ns={1, 3}, b="hi")
    update(ddb, upd_table, key, "DELETE a :v", {":v": {"dog"}})  # missing attribute: nothing to do
    assert get(ddb, upd_table, key) == item(key, ns={1, 3}, b="hi")


@pytest.mark.parametrize("clause, value, type_word", [
    # Live texts carry a typeSet suffix: dynamoid's specs against DynamoDB ('operator: ADD, operand type:
    # STRING, typeSet: ALLOWED_FOR_ADD_OPERAND') and a user's production report (MAP); DL and ALT's
    # comments quote the same text without it, so the type words come from DL's list.
    ("ADD", "x", "STRING"), ("ADD", True, "BOOLEAN"), ("ADD", None, "NULL"), ("ADD", b"x", "BINARY"),
    ("ADD", {"k": 1}, "MAP"), ("ADD", [1], "LIST"),
    ("DELETE", "x", "STRING"), ("DELETE", 1, "NUMBER"), ("DELETE", [1], "LIST"), ("DELETE", {"k": 1}, "MAP"),
])
def test_add_and_delete_operand_types(ddb, upd_table, clause, value, type_word):
    with validation_error(INVALID + "Incorrect operand type for operator or function; "
                                    f"operator: {clause}, operand type: {type_word}, "
                                    f"typeSet: ALLOWED_FOR_{clause}_OPERAND"):
        update(ddb, upd_table, new_key("addtype"), f"{clause} a :v", {":v": value})


# ---------------------------------------------------------------------------------------------
# Clauses and paths


@pytest.mark.parametrize("expression, section", [
    # DL 'multiple sections' (exact); ALT test_update_expression_multi
    ("SET a = :v SET b = :v", "SET"),
    ("SET a = :v REMOVE c SET b = :v", "SET"),
    ("REMOVE a SET b = :v REMOVE c", "REMOVE"),
    ("ADD a :n SET b = :v ADD c :n", "ADD"),
    ("DELETE a :s SET b = :v DELETE c :s", "DELETE"),
])
def test_clause_used_twice(ddb, upd_table, expression, section):
    values = {name: value for name, value in {":v": 1, ":n": 1, ":s": {"x"}}.items() if name in expression}
    with validation_error(INVALID + f'The "{section}" section can only be used once in an update expression;'):
        update(ddb, upd_table, new_key("twice"), expression, values)


def test_all_four_clauses_in_any_order(ddb, upd_table):
    """DL 'should just add valid ADD actions if nothing exists' (any clause order, commas inside one)."""
    for expression in ("REMOVE b DELETE c :c ADD d :d, e :e SET f = :f",
                       "ADD e :e,d :d DELETE c :c REMOVE b SET f = :f"):
        key = new_key("four")
        response = update(ddb, upd_table, key, expression,
                          {":c": {"a", "b"}, ":d": 5, ":e": {"a", "b"}, ":f": ["a", 1]}, ReturnValues="UPDATED_NEW")
        assert plain(response["Attributes"]) == {"d": 5, "e": {"a", "b"}, "f": ["a", 1]}
        assert get(ddb, upd_table, key) == item(key, d=5, e={"a", "b"}, f=["a", 1])


OVERLAP = INVALID + "Two document paths overlap with each other; must remove or rewrite one of these paths; "
CONFLICT = INVALID + "Two document paths conflict with each other; must remove or rewrite one of these paths; "


@pytest.mark.parametrize("expression, names, paths", [
    # DL 'overlapping paths' (exact) and ALT test_update_expression_multi_overlap (comment quotes
    # "path one: [a], path two: [a]")
    ("SET a = :v REMOVE a", None, "path one: [a], path two: [a]"),
    ("REMOVE a SET a = :v", None, "path one: [a], path two: [a]"),
    ("SET a = :v, a = :v", None, "path one: [a], path two: [a]"),
    ("SET #a1 = :v, #a2 = :v", {"#a1": "a", "#a2": "a"}, "path one: [a], path two: [a]"),
    ("SET a.b = :v, a = :v", None, "path one: [a, b], path two: [a]"),
    ("REMOVE c, #c.a", {"#c": "c"}, "path one: [c], path two: [c, a]"),
    ("SET a[1] = :v, a[1][2] = :v", None, "path one: [a, [1]], path two: [a, [1], [2]]"),
    ("SET a = :v ADD a :n", None, "path one: [a], path two: [a]"),
])
def test_overlapping_paths(ddb, upd_table, expression, names, paths):
    values = {name: value for name, value in {":v": 1, ":n": 1}.items() if name in expression}
    with validation_error(OVERLAP + paths):
        update(ddb, upd_table, new_key("overlap"), expression, values or None, names)


@pytest.mark.parametrize("expression, paths", [
    # ALT test_update_expression_multi_conflict_nested ('conflict'); DL 'conflicting paths' format
    ("SET a.b = :v, a[1] = :v", "path one: [a, b], path two: [a, [1]]"),
    ("SET a.b.c = :v, a.b[2] = :v", "path one: [a, b, c], path two: [a, b, [2]]"),
])
def test_conflicting_paths(ddb, upd_table, expression, paths):
    with validation_error(CONFLICT + paths):
        update(ddb, upd_table, new_key("conflict"), expression, {":v": 1})


def test_non_overlapping_paths_in_one_update(ddb, upd_table):
    """ALT test_update_expression_multi_nested."""
    key = put(ddb, upd_table, new_key("multi"), a={"x": 3, "y": 4, "c": {"y": 3}}, b={"x": 1, "y": 2})
    update(ddb, upd_table, key, "SET a.b = :v1, a.c.d = :v2, b.x = :v3 REMOVE a.x, b.y",
           {":v1": 10, ":v2": "dog", ":v3": 17})
    assert get(ddb, upd_table, key) == item(key, a={"y": 4, "b": 10, "c": {"y": 3, "d": "dog"}}, b={"x": 17})


# ---------------------------------------------------------------------------------------------
# Key attributes


@pytest.mark.parametrize("expression, value", [
    ("SET pk = :v", "new"), ("REMOVE pk", None), ("ADD pk :v", 4), ("DELETE pk :v", {"x"}),
    ("ADD pk.b :v", 1), ("SET spare = :v REMOVE pk", "x"),
])
def test_key_attributes_cannot_be_updated(ddb, upd_table, expression, value):
    """CONF tier3 updateItem.test.ts 'cannot update hash key attribute' (exact, live); ALT
    test_update_expression_cannot_modify_key; DL 'trying to update key'."""
    key = new_key("keyupd")
    with validation_error(ONE + "Cannot update attribute pk. This attribute is part of the key"):
        update(ddb, upd_table, key, expression, {":v": value} if value is not None else None)
    assert get(ddb, upd_table, key) is None


def test_range_key_cannot_be_updated(ddb, upd_range):
    """CONF 'cannot update range key attribute on composite table' (exact, live)."""
    key = {"pk": {"S": "p"}, "sk": {"S": unique_name("s")}}
    with validation_error(ONE + "Cannot update attribute sk. This attribute is part of the key"):
        ddb.update_item(TableName=upd_range, Key=key, UpdateExpression="SET sk = :v",
                        ExpressionAttributeValues=wire({":v": "new-sk"}))
    ddb.update_item(TableName=upd_range, Key=key, UpdateExpression="SET a = sk")
    assert get(ddb, upd_range, key) == {"pk": "p", "sk": key["sk"]["S"], "a": key["sk"]["S"]}


def test_update_key_must_match_schema(ddb, upd_table, upd_range):
    for table, key in ((upd_table, {"pk": {"N": "1"}}), (upd_table, {"other": {"S": "x"}}),
                       (upd_table, {"pk": {"S": "x"}, "extra": {"S": "y"}}), (upd_range, {"pk": {"S": "x"}})):
        with validation_error("The provided key element does not match the schema"):
            ddb.update_item(TableName=table, Key=key, UpdateExpression="SET a = :v",
                            ExpressionAttributeValues=wire({":v": 1}))
    with ddb_error("ResourceNotFoundException", "Requested resource not found"):
        ddb.update_item(TableName=unique_name("missing"), Key={"pk": {"S": "x"}}, UpdateExpression="SET a = :v",
                        ExpressionAttributeValues=wire({":v": 1}))


# ---------------------------------------------------------------------------------------------
# Conditions


def test_condition_prevents_creation(ddb, upd_table):
    """CONF conditions.test.ts 'attribute_exists rejects update on non-existent item (no upsert)'."""
    key = new_key("noghost")
    with condition_failed():
        update(ddb, upd_table, key, "ADD hit_count :inc", {":inc": 1}, ConditionExpression="attribute_exists(pk)")
    assert get(ddb, upd_table, key) is None
    update(ddb, upd_table, key, "ADD hit_count :inc", {":inc": 1}, ConditionExpression="attribute_not_exists(pk)")
    assert get(ddb, upd_table, key) == item(key, hit_count=1)
    with condition_failed():
        update(ddb, upd_table, key, "ADD hit_count :inc", {":inc": 1}, ConditionExpression="attribute_not_exists(pk)")
    assert get(ddb, upd_table, key) == item(key, hit_count=1)


def test_condition_and_update_share_names_and_values(ddb, upd_table):
    key = put(ddb, upd_table, new_key("share"), status="active", n=1)
    update(ddb, upd_table, key, "SET #s = :next, n = n + :one", {":next": "done", ":one": 1, ":active": "active"},
           {"#s": "status"}, ConditionExpression="#s = :active AND n = :one")
    assert get(ddb, upd_table, key) == item(key, status="done", n=2)


# ---------------------------------------------------------------------------------------------
# ReturnValues


def test_return_values_none_and_all_old(ddb, upd_table):
    key = new_key("rv")
    assert "Attributes" not in update(ddb, upd_table, key, "SET a = :v", {":v": 1}, ReturnValues="ALL_OLD")
    assert "Attributes" not in update(ddb, upd_table, key, "SET a = :v", {":v": 2}, ReturnValues="NONE")
    response = update(ddb, upd_table, key, "SET b = :v", {":v": 3}, ReturnValues="ALL_OLD")
    assert plain(response["Attributes"]) == item(key, a=2)


def test_return_values_updated_old_and_new(ddb, upd_table):
    """CONF basic.test.ts UPDATED_OLD/UPDATED_NEW (untouched attributes are left out); DL."""
    key = put(ddb, upd_table, new_key("rvu"), x=1, y="keep", gone="bye", m={"a": 1, "b": 2})
    response = update(ddb, upd_table, key, "SET x = :v, fresh = :v REMOVE gone", {":v": 2},
                      ReturnValues="UPDATED_OLD")
    assert plain(response["Attributes"]) == {"x": 1, "gone": "bye"}
    response = update(ddb, upd_table, key, "SET x = :v, spare = :w REMOVE fresh", {":v": 3, ":w": "o"},
                      ReturnValues="UPDATED_NEW")
    assert plain(response["Attributes"]) == {"x": 3, "spare": "o"}
    # Nested updates return only the updated part of the map.
    response = update(ddb, upd_table, key, "SET m.a = :v", {":v": 10}, ReturnValues="UPDATED_OLD")
    assert plain(response["Attributes"]) == {"m": {"a": 1}}
    response = update(ddb, upd_table, key, "SET m.a = :v", {":v": 11}, ReturnValues="UPDATED_NEW")
    assert plain(response["Attributes"]) == {"m": {"a": 11}}


def test_return_values_all_new(ddb, upd_table):
    key = put(ddb, upd_table, new_key("rvn"), x=1)
    response = update(ddb, upd_table, key, "SET x = :v ADD s :s", {":v": 2, ":s": {"a"}}, ReturnValues="ALL_NEW")
    assert plain(response["Attributes"]) == item(key, x=2, s={"a"})
    created = new_key("rvn-new")
    response = update(ddb, upd_table, created, "SET x = :v", {":v": 1}, ReturnValues="ALL_NEW")
    assert plain(response["Attributes"]) == item(created, x=1)


def test_return_values_updated_on_upsert(ddb, upd_table):
    key = new_key("rv-ups")
    response = update(ddb, upd_table, key, "SET x = :v", {":v": 1}, ReturnValues="UPDATED_OLD")
    assert response.get("Attributes", {}) == {}
    other = new_key("rv-ups2")
    response = update(ddb, upd_table, other, "SET x = :v", {":v": 1}, ReturnValues="UPDATED_NEW")
    assert plain(response["Attributes"]) == {"x": 1}


def test_return_values_enum(ddb, upd_table):
    with ddb_error("ValidationException") as error:
        update(ddb, upd_table, new_key("rv-enum"), "SET x = :v", {":v": 1}, ReturnValues="EVERYTHING")
    assert_enum_error(error.message, "EVERYTHING", "returnValues", RETURN_VALUES)


# ---------------------------------------------------------------------------------------------
# Item size


def test_update_result_over_400_kb_is_refused(ddb, upd_table):
    """CONF itemSizeBySurface.test.ts: UpdateItem's wording is 'Item size to update has exceeded the
    maximum allowed size' (live); DL 'update item is too big'."""
    key = put(ddb, upd_table, new_key("big"), a="a" * 300000)
    update(ddb, upd_table, key, "SET b = :v", {":v": "b" * 50000})
    with validation_error(TOO_BIG):
        update(ddb, upd_table, key, "SET c = :v", {":v": "c" * 100000})
    with validation_error(TOO_BIG):
        update(ddb, upd_table, key, "SET a = list_append(:l, :l)", {":l": ["x" * 205000]})
    stored = get(ddb, upd_table, key)
    assert sorted(stored) == ["a", "b", "pk"] and len(stored["a"]) == 300000
    with validation_error(TOO_BIG):
        update(ddb, upd_table, new_key("big-new"), "SET d = :v", {":v": "d" * 409600})


def test_empty_set_value_is_refused(endpoint, upd_table):
    """ALT test_update_expression_empty_attribute ('ValidationException.*empty'); DL's wording for
    ExpressionAttributeValues ('... An string set  may not be empty for key :v')."""
    response = call_raw(endpoint, "UpdateItem", {
        "TableName": upd_table, "Key": {"pk": {"S": unique_name("emptyset")}},
        "UpdateExpression": "SET a = :v", "ExpressionAttributeValues": {":v": {"SS": []}}})
    assert response.status == 400
    body = response.json()
    assert body["__type"].endswith("#ValidationException")
    assert "may not be empty" in body["message"] and ":v" in body["message"], body


# ---------------------------------------------------------------------------------------------
# AWS CLI


def test_cli_update_item(endpoint, ddb, upd_table):
    key = put(ddb, upd_table, new_key("cli"), n=1)
    result = run_aws(endpoint, "update-item", "--table-name", upd_table, "--key", json.dumps(key),
                     "--update-expression", "SET n = n + :inc, #t = :tag REMOVE gone",
                     "--expression-attribute-names", json.dumps({"#t": "tag"}),
                     "--expression-attribute-values", json.dumps({":inc": {"N": "41"}, ":tag": {"S": "cli"}}),
                     "--return-values", "ALL_NEW")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["Attributes"] == {**key, "n": {"N": "42"}, "tag": {"S": "cli"}}
    result = run_aws(endpoint, "update-item", "--table-name", upd_table, "--key", json.dumps(key),
                     "--update-expression", "SET n = :v", "--condition-expression", "n = :old",
                     "--expression-attribute-values", json.dumps({":v": {"N": "0"}, ":old": {"N": "1"}}))
    assert result.returncode != 0
    assert "ConditionalCheckFailedException" in result.stderr and "The conditional request failed" in result.stderr
    assert get(ddb, upd_table, key)["n"] == 42

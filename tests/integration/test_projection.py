"""ProjectionExpression on GetItem: top-level and nested paths, list indexes, #names, what comes back
for missing paths, and the overlap, conflict, syntax and depth errors.

Sources (tags in expr_helpers.py): ALT test_projection_expression.py (run against DynamoDB; its
comments quote the overlap/conflict/depth messages), CONF tier1/getItem/projection*.test.ts (live),
CONF tier3/limits/reservedWords.test.ts.
"""

import pytest

from ddbd_testlib import create_table, unique_name
from expr_helpers import new_key, plain, validation_error, wire

INVALID = "Invalid ProjectionExpression: "
OVERLAP = INVALID + "Two document paths overlap with each other; must remove or rewrite one of these paths; "
CONFLICT = INVALID + "Two document paths conflict with each other; must remove or rewrite one of these paths; "

SEED = {
    "a": {"b": [2, 4, {"x": "hi", "y": "yo"}], "c": 5},
    "b": "hello",
    "l": ["l0", "l1", "l2"],
    "status": "on",
    "a.b": "dotted",
    "ss": {"p", "q"},
}


@pytest.fixture(scope="module")
def proj_table(ddb):
    return create_table(ddb, unique_name("proj"))


@pytest.fixture(scope="module")
def seeded_key(ddb, proj_table):
    key = new_key("proj")
    ddb.put_item(TableName=proj_table, Item={**key, **wire(SEED)})
    return key


def project(ddb, table, key, expression, names=None, consistent=True):
    """The projected item as Python values; None when the response has no Item."""
    kwargs = {"ProjectionExpression": expression}
    if names is not None:
        kwargs["ExpressionAttributeNames"] = names
    response = ddb.get_item(TableName=table, Key=key, ConsistentRead=consistent, **kwargs)
    return plain(response["Item"]) if "Item" in response else None


def test_top_level_attributes_only_what_is_asked(ddb, proj_table, seeded_key):
    """ALT test_projection_expression_toplevel(_syntax): key attributes are not added."""
    pk = seeded_key["pk"]["S"]
    assert project(ddb, proj_table, seeded_key, "b") == {"b": "hello"}
    assert project(ddb, proj_table, seeded_key, "pk") == {"pk": pk}
    assert project(ddb, proj_table, seeded_key, "b,pk") == {"b": "hello", "pk": pk}
    assert project(ddb, proj_table, seeded_key, " b  ,   ss  ") == {"b": "hello", "ss": {"p", "q"}}
    assert project(ddb, proj_table, seeded_key, "b", consistent=False) == {"b": "hello"}


def test_missing_paths_give_an_empty_item(ddb, proj_table, seeded_key):
    """ALT: an existing item with none of the projected attributes comes back as an empty Item."""
    assert project(ddb, proj_table, seeded_key, "nonexistent") == {}
    assert project(ddb, proj_table, new_key("absent"), "b") is None


@pytest.mark.parametrize("expression, expected", [
    # ALT test_projection_expression_path
    ("a", {"a": {"b": [2, 4, {"x": "hi", "y": "yo"}], "c": 5}}),
    ("a.b", {"a": {"b": [2, 4, {"x": "hi", "y": "yo"}]}}),
    ("a.b[0]", {"a": {"b": [2]}}),
    ("a.b[2]", {"a": {"b": [{"x": "hi", "y": "yo"}]}}),
    ("a.b[2].y", {"a": {"b": [{"y": "yo"}]}}),
    ("a.b[0],a.b[1]", {"a": {"b": [2, 4]}}),
    ("a.b[0],a.c", {"a": {"b": [2], "c": 5}}),
    ("a.c,b", {"a": {"c": 5}, "b": "hello"}),
    ("a.x, a.b[0], x, a.b[3].x", {"a": {"b": [2]}}),
    ("l[1]", {"l": ["l1"]}),
    ("l[2], l[0]", {"l": ["l0", "l2"]}),  # CONF projectionValidation.test.ts: compacted, index order
    # paths that lead nowhere
    ("x", {}), ("a.b[3]", {}), ("a.x", {}), ("a.x.y", {}), ("a.b[3].x", {}),
    ("a.b.x", {}), ("a[0]", {}), ("a.b[0].x", {}), ("a.b[0][0]", {}), ("b.x", {}), ("l[7]", {}),
])
def test_nested_paths(ddb, proj_table, seeded_key, expression, expected):
    assert project(ddb, proj_table, seeded_key, expression) == expected


def test_names(ddb, proj_table, seeded_key):
    """ALT test_projection_expression_path_references / path_dot; CONF reservedWords.test.ts."""
    assert project(ddb, proj_table, seeded_key, "#n1.b", {"#n1": "a"}) == {"a": {"b": [2, 4, {"x": "hi", "y": "yo"}]}}
    assert project(ddb, proj_table, seeded_key, "#n1.#n2[2].#n3", {"#n1": "a", "#n2": "b", "#n3": "x"}) == \
        {"a": {"b": [{"x": "hi"}]}}
    assert project(ddb, proj_table, seeded_key, "#dot", {"#dot": "a.b"}) == {"a.b": "dotted"}
    assert project(ddb, proj_table, seeded_key, "a.b[1]") == {"a": {"b": [4]}}
    assert project(ddb, proj_table, seeded_key, "pk, #status", {"#status": "status"}) == \
        {"pk": seeded_key["pk"]["S"], "status": "on"}


def test_reserved_word_needs_a_name(ddb, proj_table, seeded_key):
    """CONF reservedWords.test.ts (/reserved keyword/, live); DL's wording."""
    with validation_error(INVALID + "Attribute name is a reserved keyword; reserved keyword: status"):
        project(ddb, proj_table, seeded_key, "pk, status")


@pytest.mark.parametrize("expression, paths", [
    # ALT test_projection_expression_toplevel_syntax / _path quote these two messages
    ("a,a", "path one: [a], path two: [a]"),
    ("a.b[0],a.b[0]", "path one: [a, b, [0]], path two: [a, b, [0]]"),
    ("a, a.b", "path one: [a], path two: [a, b]"),
    ("a.b.d, a.b", "path one: [a, b, d], path two: [a, b]"),
    ("l[1], l[1]", "path one: [l, [1]], path two: [l, [1]]"),
    ("#x, a", "path one: [a], path two: [a]"),
])
def test_overlapping_paths_are_rejected(ddb, proj_table, seeded_key, expression, paths):
    names = {"#x": "a"} if "#x" in expression else None
    with validation_error(OVERLAP + paths):
        project(ddb, proj_table, seeded_key, expression, names)


@pytest.mark.parametrize("expression", ["a.b, a.b[2]", "a.b, a.b.c", "a, a.b[2].c", "a.b.d.e, a.b", "a.b, a.b.d.e"])
def test_more_overlaps(ddb, proj_table, seeded_key, expression):
    """ALT test_projection_expression_path_overlap: overlap is decided on the paths, not the item."""
    with validation_error(startswith=OVERLAP + "path one: "):
        project(ddb, proj_table, new_key("never"), expression)


@pytest.mark.parametrize("expression", ["a, b", "a.b, a.c", "a.b.d, a.b.e", "a[1], a[2]", "a.b, a.c[2]",
                                        "ab, a"])
def test_paths_with_a_common_prefix_are_fine(ddb, proj_table, expression):
    assert project(ddb, proj_table, new_key("never"), expression) is None


def test_conflicting_paths_are_rejected(ddb, proj_table, seeded_key):
    """ALT test_projection_expression_path_conflict (comment quotes the message)."""
    with validation_error(CONFLICT + "path one: [a, b], path two: [a, [1]]"):
        project(ddb, proj_table, seeded_key, "a.b, a[1]")


def test_syntax_errors(ddb, proj_table, seeded_key):
    """ALT: 'a,', ',a', 'a,,b' and '' are refused. The token/near form follows DynamoDB's captures
    (CONF: token "INVALID", near "INVALID SYNTAX"; near spans the tokens around the bad one)."""
    with validation_error(INVALID + 'Syntax error; token: "<EOF>", near: ","'):
        project(ddb, proj_table, seeded_key, "a,")
    with validation_error(startswith=INVALID + 'Syntax error; token: ","'):
        project(ddb, proj_table, seeded_key, ",a")
    with validation_error(startswith=INVALID + 'Syntax error; token: ","'):
        project(ddb, proj_table, seeded_key, "a,,b")
    with validation_error(INVALID + 'Syntax error; token: "b", near: "a b"'):
        project(ddb, proj_table, seeded_key, "a b")
    for bad_index in ("l[-1]", "l[x]", "l[#i]", "l[:v]", "l[]"):
        with validation_error(startswith=INVALID + "Syntax error; token: "):
            project(ddb, proj_table, seeded_key, bad_index, {"#i": "i"} if "#i" in bad_index else None)


def test_empty_projection_is_rejected(ddb, proj_table, seeded_key):
    """ALT comment: 'Invalid ProjectionExpression: The expression can not be empty'."""
    with validation_error(startswith=INVALID + "The expression can not be empty"):
        project(ddb, proj_table, seeded_key, "")


def test_path_depth_limit(ddb, proj_table, seeded_key):
    """ALT test_projection_expression_path_nesting_levels: 32 levels work, 33 give this message."""
    assert project(ddb, proj_table, seeded_key, "a" + ".b" * 31) == {}
    with validation_error(INVALID + "The document path has too many nesting levels; nesting levels: 33"):
        project(ddb, proj_table, seeded_key, "a" + ".b" * 32)
    assert project(ddb, proj_table, seeded_key, "l" + "[0]" * 31) == {}


def test_undefined_and_unused_names(ddb, proj_table, seeded_key):
    """ALT (ValidationException); CONF updateItem.test.ts for the unused-name wording."""
    with validation_error(INVALID + "An expression attribute name used in the document path is not defined; "
                                    "attribute name: #name"):
        project(ddb, proj_table, seeded_key, "#name", {"#wrong": "a"})
    with validation_error("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"):
        project(ddb, proj_table, seeded_key, "#name", {"#name": "a", "#unused": "b"})

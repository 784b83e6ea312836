"""Expression errors common to every expression: syntax errors, reserved words, undefined and unused
#names/:values, ExpressionAttributeNames/Values without expressions or empty, bad keys and values in
those maps, and the limits (4 KB, IN operands, path depth, operators, deep parentheses), each refused
cleanly with the server answering afterwards.

Sources (tags in expr_helpers.py): CONF tier3/error-messages/{updateItem,putItem,transactWriteItems}
(live 2026), a live capture quoted by LowVoltage's tests ("Real DynamoDB": token "<EOF>", near "foo"),
ALT comments, DL test/updateItem.js + db/*.pegjs, DDBL, and ExtendDB's live us-east-1 captures of the
4 KB messages.
"""

import re

import pytest
from botocore.exceptions import ClientError

from ddbd_testlib import call_raw, create_table, unique_name
from expr_helpers import (
    assert_dynamo_message,
    new_key,
    strip_envelope,
    validation_error,
    wire,
)

COND = "Invalid ConditionExpression: "
UPD = "Invalid UpdateExpression: "
PROJ = "Invalid ProjectionExpression: "
SYNTAX_RE = re.compile(r'^Invalid (Condition|Update|Projection)Expression: Syntax error; token: "(.*)", near: "(.*)"$',
                       re.S)


@pytest.fixture(scope="module")
def err_table(ddb):
    return create_table(ddb, unique_name("experr"))


def put_cond(ddb, table, condition, values=None, names=None, key=None):
    kwargs = {}
    if values is not None:
        kwargs["ExpressionAttributeValues"] = wire(values)
    if names is not None:
        kwargs["ExpressionAttributeNames"] = names
    return ddb.put_item(TableName=table, Item=key or new_key("e"), ConditionExpression=condition, **kwargs)


def update(ddb, table, expression, values=None, names=None, key=None, **extra):
    kwargs = dict(extra)
    if values is not None:
        kwargs["ExpressionAttributeValues"] = wire(values)
    if names is not None:
        kwargs["ExpressionAttributeNames"] = names
    return ddb.update_item(TableName=table, Key=key or new_key("e"), UpdateExpression=expression, **kwargs)


def still_answers(ddb, table):
    key = new_key("alive")
    ddb.put_item(TableName=table, Item=key)
    assert ddb.get_item(TableName=table, Key=key, ConsistentRead=True)["Item"] == key


# ---------------------------------------------------------------------------------------------
# Syntax errors


def test_syntax_error_captures(ddb, err_table):
    """Exact texts captured from DynamoDB: CONF ('INVALID SYNTAX HERE', 'attribute_not_exists('),
    LowVoltage ('foo', marked "Real DynamoDB"), ALT comment ('SET _123')."""
    with validation_error(COND + 'Syntax error; token: "<EOF>", near: "foo"'):
        put_cond(ddb, err_table, "foo")
    with validation_error(COND + 'Syntax error; token: "<EOF>", near: "("'):
        put_cond(ddb, err_table, "attribute_not_exists(")
    with validation_error(UPD + 'Syntax error; token: "INVALID", near: "INVALID SYNTAX"'):
        update(ddb, err_table, "INVALID SYNTAX HERE", {":v": "val"})
    with validation_error(UPD + 'Syntax error; token: "_", near: "SET _123"'):
        update(ddb, err_table, "SET _123 = :val1", {":val1": 3})


@pytest.mark.parametrize("condition, token", [
    ("a =", "<EOF>"), ("= :v", "="), ("a = :v AND", "<EOF>"), ("(a = :v", "<EOF>"), ("a = :v)", ")"),
    ("a == :v", "="), ("a = :v b = :v", "b"), ("a BETWEEN :v", "<EOF>"), ("a IN :v", ":v"), ("NOT", "<EOF>"),
    ("a.", "<EOF>"), ("a[1", "<EOF>"), ("a = 1", "1"), ("_hidden = :v", "_"),
    ("a ~ :v", "~"), ("a = :v AND AND a = :v", "AND"), ("attribute_exists(a) AND", "<EOF>"),
])
def test_condition_syntax_errors(ddb, err_table, condition, token):
    """The token is the one DynamoDB stopped at; 'near' quotes the text around it (captures above)."""
    values = {":v": 1} if ":v" in condition else None
    with validation_error(startswith=COND + f'Syntax error; token: "{token}", near: "') as error:
        put_cond(ddb, err_table, condition, values)
    match = SYNTAX_RE.match(strip_envelope(error.message))
    assert match, error.message
    assert token == "<EOF>" or token in match.group(3), error.message


@pytest.mark.parametrize("expression", [
    # DL updateItem 'syntax errors in UpdateExpression'
    "whatever", "set a", "add a", "delete a", "set a=set", "remove a = b", "add a = b", "delete a = b",
    "delete a b", "remove a b", "set a b", "set :a = b", "add :a b", "delete :a b", "remove :a",
    "set a = b / c", "set a = b * c", 'set a[1] = "eight"', "set a[1] = 1", "SET if_not_exist(a, b) = a",
    "set (a = (b + c))", "set a = b + c + d", "SET a[:x] = b", "SET a[#x] = b", "SET a = :", "SET # = b",
    "SET hi-there = b", "SET 123a = b",
])
def test_update_syntax_errors(ddb, err_table, expression):
    with validation_error(startswith=UPD + "Syntax error; ") as error:
        ddb.update_item(TableName=err_table, Key=new_key("syn"), UpdateExpression=expression)
    assert SYNTAX_RE.match(strip_envelope(error.message)), error.message


def test_empty_expressions(ddb, err_table):
    """DL (exact) and CONF tier3 updateItem.test.ts 'empty UpdateExpression' (live)."""
    with validation_error(COND + "The expression can not be empty;"):
        put_cond(ddb, err_table, "")
    with validation_error(UPD + "The expression can not be empty;"):
        update(ddb, err_table, "")


# ---------------------------------------------------------------------------------------------
# Reserved words


@pytest.mark.parametrize("call, message", [
    # CONF reservedWords.test.ts (/reserved keyword/, live); DL (exact wording, keeps the case)
    (lambda ddb, t: put_cond(ddb, t, "status = :v", {":v": 1}),
     COND + "Attribute name is a reserved keyword; reserved keyword: status"),
    (lambda ddb, t: put_cond(ddb, t, "attribute_exists(a.#n.Count)", names={"#n": "n"}),
     COND + "Attribute name is a reserved keyword; reserved keyword: Count"),
    (lambda ddb, t: update(ddb, t, "SET status = :v", {":v": 1}),
     UPD + "Attribute name is a reserved keyword; reserved keyword: status"),
    (lambda ddb, t: update(ddb, t, " remove Absolute "),
     UPD + "Attribute name is a reserved keyword; reserved keyword: Absolute"),
    (lambda ddb, t: update(ddb, t, "SET a = if_not_exists(data, :v)", {":v": 1}),
     UPD + "Attribute name is a reserved keyword; reserved keyword: data"),
])
def test_reserved_words_must_be_named(ddb, err_table, call, message):
    with validation_error(message):
        call(ddb, err_table)


def test_reserved_words_are_fine_through_names(ddb, err_table):
    key = new_key("rw")
    update(ddb, err_table, "SET #status = :s, #name = :n, #count = :c, #data = :d",
           {":s": "on", ":n": "x", ":c": 1, ":d": "p"},
           {"#status": "status", "#name": "name", "#count": "count", "#data": "data"}, key=key)
    put_cond(ddb, err_table, "#status = :s AND size(#data) = :one", {":s": "on", ":one": 1},
             {"#status": "status", "#data": "data"}, key=key)


# ---------------------------------------------------------------------------------------------
# Undefined and unused names and values


def test_undefined_names_and_values(ddb, err_table):
    """CONF tier3 updateItem.test.ts 'missing ExpressionAttributeValues reference' (live); DL."""
    with validation_error(UPD + "An expression attribute value used in expression is not defined; attribute value: :v"):
        update(ddb, err_table, "SET attr1 = :v")
    with validation_error(UPD + "An expression attribute value used in expression is not defined; "
                                "attribute value: :other"):
        update(ddb, err_table, "SET attr1 = :other", {":v": 1}, ConditionExpression="attr1 <> :v")
    with validation_error(UPD + "An expression attribute name used in the document path is not defined; "
                                "attribute name: #x"):
        update(ddb, err_table, "SET #x = :v", {":v": 1}, {"#y": "y"})
    with validation_error(COND + "An expression attribute name used in the document path is not defined; "
                                 "attribute name: #x"):
        put_cond(ddb, err_table, "#x = :v", {":v": 1})
    with validation_error(COND + "An expression attribute value used in expression is not defined; "
                                 "attribute value: :w"):
        put_cond(ddb, err_table, "a = :w", names={"#a": "a"})


def test_unused_names_and_values(ddb, err_table):
    """CONF tier3 updateItem.test.ts (exact fragments, live); DL (the set order varies)."""
    with validation_error("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"):
        update(ddb, err_table, "SET attr1 = :v", {":v": "val"}, {"#unused": "someattr"})
    with validation_error("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"):
        update(ddb, err_table, "SET attr1 = :v", {":v": "val", ":unused": "extra"})
    with validation_error("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"):
        put_cond(ddb, err_table, "attribute_not_exists(a)", {":unused": 1})
    with validation_error(startswith="Value provided in ExpressionAttributeNames unused in expressions: keys: {") \
            as error:
        update(ddb, err_table, "REMOVE a", names={"#a": "a", "#b": "b"})
    assert strip_envelope(error.message).endswith(("{#a, #b}", "{#b, #a}")), error.message
    # A name or value used by any of the request's expressions counts as used.
    update(ddb, err_table, "SET #a = :one", {":one": 1, ":two": 2}, {"#a": "a", "#b": "b"},
           ConditionExpression="attribute_not_exists(#b) OR #b <> :two")
    key = new_key("used")
    ddb.put_item(TableName=err_table, Item={**key, "a": {"S": "x"}})
    got = ddb.get_item(TableName=err_table, Key=key, ProjectionExpression="#a", ExpressionAttributeNames={"#a": "a"})
    assert got["Item"] == {"a": {"S": "x"}}


def test_names_and_values_without_expressions(ddb, err_table):
    """CONF tier3 putItem.test.ts (fragment, live); DL (UpdateItem adds ': UpdateExpression and
    ConditionExpression are null', so only the stable start is asserted there)."""
    key = new_key("noexpr")
    with validation_error(startswith="ExpressionAttributeValues can only be specified when using expressions"):
        ddb.put_item(TableName=err_table, Item=key, ExpressionAttributeValues=wire({":v": "unused"}))
    with validation_error(startswith="ExpressionAttributeNames can only be specified when using expressions"):
        ddb.put_item(TableName=err_table, Item=key, ExpressionAttributeNames={"#n": "n"})
    with validation_error(startswith="ExpressionAttributeNames can only be specified when using expressions"):
        ddb.get_item(TableName=err_table, Key=key, ExpressionAttributeNames={"#n": "n"})
    with validation_error(startswith="ExpressionAttributeNames can only be specified when using expressions"):
        ddb.delete_item(TableName=err_table, Key=key, ExpressionAttributeNames={"#n": "n"})
    with validation_error(startswith="ExpressionAttributeValues can only be specified when using expressions"):
        ddb.update_item(TableName=err_table, Key=key, ExpressionAttributeValues=wire({":v": 1}))
    with validation_error(startswith="ExpressionAttributeNames can only be specified when using expressions"):
        ddb.update_item(TableName=err_table, Key=key, ExpressionAttributeNames={"#n": "n"})
    assert "Item" not in ddb.get_item(TableName=err_table, Key=key, ConsistentRead=True)


def test_empty_maps(ddb, err_table):
    """DL updateItem 'empty ExpressionAttributeNames/Values' (exact)."""
    with validation_error("ExpressionAttributeNames must not be empty"):
        put_cond(ddb, err_table, "attribute_not_exists(a)", names={})
    with validation_error("ExpressionAttributeValues must not be empty"):
        put_cond(ddb, err_table, "attribute_not_exists(a)", values={})
    with validation_error("ExpressionAttributeNames must not be empty"):
        ddb.get_item(TableName=err_table, Key=new_key("e"), ProjectionExpression="a", ExpressionAttributeNames={})


def test_invalid_keys_in_the_maps(ddb, err_table):
    """DL updateItem 'invalid ExpressionAttributeNames / keys in ExpressionAttributeValues' (exact,
    checked before the expressions are parsed); CONF expressionHygiene.test.ts (ValidationException)."""
    with validation_error('ExpressionAttributeNames contains invalid key: Syntax error; key: "s"'):
        update(ddb, err_table, "SET #s = :v", {":v": "x"}, {"s": "status"})
    with validation_error('ExpressionAttributeValues contains invalid key: Syntax error; key: "v"'):
        ddb.update_item(TableName=err_table, Key=new_key("e"), UpdateExpression="SET #s = :v",
                        ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={"v": {"S": "x"}})


def test_invalid_values_in_the_map(ddb, endpoint, err_table):
    """DL updateItem 'unsupported datatype / invalid numbers in ExpressionAttributeValues' (exact)."""
    response = call_raw(endpoint, "PutItem", {
        "TableName": err_table, "Item": {"pk": {"S": "x"}}, "ConditionExpression": "a = :v",
        "ExpressionAttributeValues": {":v": {}}})
    assert response.status == 400 and response.json()["__type"].endswith("#ValidationException")
    assert_dynamo_message(response.json()["message"],
                          "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must "
                          "contain exactly one of the supported datatypes for key :v")
    with validation_error(startswith="ExpressionAttributeValues contains invalid value: ",
                          contains=("The parameter cannot be converted to a numeric value", ":v")):
        ddb.put_item(TableName=err_table, Item=new_key("e"), ConditionExpression="a = :v",
                     ExpressionAttributeValues={":v": {"N": "abc"}})


# ---------------------------------------------------------------------------------------------
# Limits


def test_expression_size_limit(ddb, err_table):
    """4096 bytes is accepted, 4097 refused (ExtendDB live captures: ConditionExpression adds
    ' expression size: <N>', Update and Projection do not; CONF-style fragment asserted)."""
    name = "a" + "z" * (4096 - len("attribute_not_exists()") - 1)
    put_cond(ddb, err_table, f"attribute_not_exists({name})")
    with validation_error(startswith=COND + "Expression size has exceeded the maximum allowed size"):
        put_cond(ddb, err_table, f"attribute_not_exists({name}z)")
    update_name = "a" + "z" * (4096 - len("SET  = :v") - 1)
    update(ddb, err_table, f"SET {update_name} = :v", {":v": 1})
    with validation_error(startswith=UPD + "Expression size has exceeded the maximum allowed size"):
        update(ddb, err_table, f"SET {update_name}z = :v", {":v": 1})
    with validation_error(startswith=PROJ + "Expression size has exceeded the maximum allowed size"):
        ddb.get_item(TableName=err_table, Key=new_key("e"), ProjectionExpression="a" + "z" * 4096)
    assert "Item" not in ddb.get_item(TableName=err_table, Key=new_key("e"), ProjectionExpression="a" + "z" * 4095)
    with validation_error(startswith=COND + "Expression size has exceeded the maximum allowed size"):
        put_cond(ddb, err_table, "(" * 100000)
    still_answers(ddb, err_table)


def test_in_operand_limit(ddb, err_table):
    """ALT: 99 listed values work; DDBL TOO_MANY_OPERANDS_FOR_IN ('The IN operator is provided with
    too many operands'); an emulator words it 'Too many operands for the operator or function;
    operator or function: IN ...'. Both name IN and operands."""
    values = {f":v{i}": i for i in range(101)}
    with validation_error(startswith=COND, contains=("IN", "operands")):
        put_cond(ddb, err_table, f"a IN ({', '.join(values)})", values)
    still_answers(ddb, err_table)


def test_path_depth_limit(ddb, err_table):
    """ALT quotes 'The document path has too many nesting levels; nesting levels: 33' for projections
    (32 levels work); the same limit and wording apply to every expression (DDBL DOC_PATH_TOO_DEEP)."""
    put_cond(ddb, err_table, "attribute_not_exists(a" + ".b" * 31 + ")")
    with validation_error(COND + "The document path has too many nesting levels; nesting levels: 33"):
        put_cond(ddb, err_table, "attribute_not_exists(a" + ".b" * 32 + ")")
    with validation_error(UPD + "The document path has too many nesting levels; nesting levels: 33"):
        update(ddb, err_table, "SET a" + "[0]" * 32 + " = :v", {":v": 1})
    still_answers(ddb, err_table)


def test_operator_limit(ddb, err_table):
    """DDBL MAX_OPERATORS_EXCEEDED ('The expression contains too many operators'); the Developer
    Guide's limit is 300 operators or functions per expression."""
    put_cond(ddb, err_table, " OR ".join(["a = :v"] * 49 + ["attribute_not_exists(a)"]), {":v": 1})
    with validation_error(startswith=COND, contains="too many operators"):
        put_cond(ddb, err_table, " OR ".join(["a = :v"] * 200), {":v": 1})
    still_answers(ddb, err_table)


def test_deep_parentheses_are_refused_cleanly(ddb, err_table):
    """Nesting far deeper than any real expression: a ValidationException (redundant parentheses,
    too many operators or a syntax error), never a crash; the server keeps answering."""
    with validation_error(startswith=COND):
        put_cond(ddb, err_table, "(" * 2000 + "a = :v" + ")" * 2000, {":v": 1})
    still_answers(ddb, err_table)
    with validation_error(startswith=COND):
        put_cond(ddb, err_table, "(a = :v AND " * 300 + "a = :v" + ")" * 300, {":v": 1})
    still_answers(ddb, err_table)
    with validation_error(startswith=COND):
        put_cond(ddb, err_table, "NOT " * 1000 + "a = :v", {":v": 1})
    still_answers(ddb, err_table)
    with validation_error(startswith=UPD):
        update(ddb, err_table, "SET a = " + "(" * 2000 + ":v" + ")" * 2000, {":v": 1})
    still_answers(ddb, err_table)
    # 240 nested functions fit in 4 KB and stay under 300 operators: DynamoDB may accept this
    # (ALT: if_not_exists nests in its second operand); it must answer either way.
    deep = "SET a = " + "if_not_exists(b," * 240 + ":v" + ")" * 240
    assert len(deep) <= 4096
    try:
        update(ddb, err_table, deep, {":v": 1})
    except ClientError as error:
        assert error.response["Error"]["Code"] == "ValidationException", error.response
    still_answers(ddb, err_table)

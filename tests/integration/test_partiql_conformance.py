"""PartiQL cases of the public conformance suite paritysuite/dynamodb-conformance, whose tests were
verified against real AWS: tests/tier2/partiql/{comparison, executeStatementIndex, fromFirstUpdate,
grammar, multiAttributeIndex, setFunctions, whereFunctions, whereOverlap}.test.ts and
tests/tier3/error-messages/{partiqlFunctions, partiqlGrammar, partiqlMultiAttributeIndex,
partiqlParameterNumbers}.test.ts. Each test names the suite file it follows; the messages are in
DYNAMODB_MESSAGES.md, "PartiQL".
"""

import pytest

from ddbd_testlib import create_table, ddb_error, unique_name
from partiql_helpers import N, S, run

NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: "
LEFTOVER = NOT_WELL_FORMED + "Unexpected token after expression"
UNCONVERTIBLE = "The parameter cannot be converted to a numeric value"
UNDERFLOW = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
NEST = ("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
        "beyond supported limit")
MULTI = ("PartiQL statements cannot be executed on tables with multi-attribute HASH keys or "
         "multi-attribute RANGE keys.")
BATCH_NEEDS_KEY = ("Select statements within BatchExecuteStatement must specify the primary key in "
                   "the where clause.")


def stored(ddb, table, pk):
    return ddb.get_item(TableName=table, Key={"pk": S(pk)}, ConsistentRead=True).get("Item")


def refused(ddb, statement, message, *parameters):
    with ddb_error("ValidationException", message):
        run(ddb, statement, *parameters)


# --------------------------------------------------------------------------------------------
# tier2/partiql/comparison.test.ts: = and <> on every type; ordering operators refuse unordered
# operand types.

COMPARED = [
    ("SS", {"SS": ["a", "b", "c"]}, {"SS": ["c", "a", "b"]}, {"SS": ["a", "b", "d"]}),
    ("NS", {"NS": ["1", "2", "3"]}, {"NS": ["3", "1", "2"]}, {"NS": ["1", "2", "4"]}),
    ("BS", {"BS": [b"\x01\x02", b"\x03\x04"]}, {"BS": [b"\x03\x04", b"\x01\x02"]},
     {"BS": [b"\x01\x02", b"\x05\x06"]}),
    ("M", {"M": {"x": N(1), "y": N(2)}}, {"M": {"y": N(2), "x": N(1)}}, {"M": {"x": N(1), "y": N(3)}}),
    ("L", {"L": [S("a"), S("b")]}, {"L": [S("a"), S("b")]}, {"L": [S("b"), S("a")]}),
    ("B", {"B": b"\x01\x02\x03"}, {"B": b"\x01\x02\x03"}, {"B": b"\x01\x02\x04"}),
    ("NULL", {"NULL": True}, {"NULL": True}, S("not null")),
]


def matches(ddb, table, pk, op, value):
    out = run(ddb, f'SELECT pk FROM "{table}" WHERE pk = ? AND val {op} ?', S(pk), value)
    return len(out["Items"]) == 1


@pytest.mark.parametrize("kind,stored_value,same,differs", COMPARED, ids=[c[0] for c in COMPARED])
def test_equality_on_every_type(ddb, table, kind, stored_value, same, differs):
    ddb.put_item(TableName=table, Item={"pk": S(kind), "val": stored_value})
    assert matches(ddb, table, kind, "=", same)  # sets and maps ignore order; the L case is equal
    assert not matches(ddb, table, kind, "=", differs)  # a permuted list differs
    assert not matches(ddb, table, kind, "<>", same)
    assert matches(ddb, table, kind, "<>", differs)


UNORDERED = [("BOOL", {"BOOL": True}), ("NULL", {"NULL": True}), ("L", {"L": [S("a")]}),
             ("M", {"M": {"a": S("b")}}), ("SS", {"SS": ["a"]}), ("NS", {"NS": ["1"]}),
             ("BS", {"BS": [b"\x01"]})]


@pytest.mark.parametrize("kind,value", UNORDERED, ids=[u[0] for u in UNORDERED])
def test_ordering_refuses_an_unordered_operand_but_equality_takes_it(ddb, table, kind, value):
    ddb.put_item(TableName=table, Item={"pk": S("b"), "val": {"B": b"\x01\x02\x03"}})
    refused(ddb, f'SELECT pk FROM "{table}" WHERE pk = ? AND val < ?',
            f"Incorrect operand type for operator or function; operator or function: <, operand "
            f"type: {kind}", S("b"), value)
    assert not matches(ddb, table, "b", "=", value)
    assert matches(ddb, table, "b", "<>", value)


@pytest.mark.parametrize("op", ["<", "<=", ">", ">="])
def test_ordering_refusal_names_the_operator(ddb, table, op):
    refused(ddb, f'SELECT pk FROM "{table}" WHERE pk = ? AND val {op} ?',
            f"Incorrect operand type for operator or function; operator or function: {op}, "
            f"operand type: BOOL", S("b"), {"BOOL": True})


def test_ordering_refusal_names_between_and_accepts_s_against_n(ddb, table):
    refused(ddb, f'SELECT pk FROM "{table}" WHERE pk = ? AND val BETWEEN ? AND ?',
            "Incorrect operand type for operator or function; operator or function: BETWEEN, "
            "operand type: BOOL", S("b"), {"BOOL": True}, {"BOOL": False})
    ddb.put_item(TableName=table, Item={"pk": S("b"), "val": {"B": b"\x01\x02\x03"}})
    assert run(ddb, f'SELECT pk FROM "{table}" WHERE pk = ? AND val < ?', S("b"), N(5))["Items"] == []
    assert matches(ddb, table, "b", "<", {"B": b"\x01\x02\x04"})
    assert not matches(ddb, table, "b", ">", {"B": b"\x01\x02\x04"})


def test_write_conditioned_on_a_set_and_a_map(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": S("s"), "val": {"SS": ["a", "b"]}})
    run(ddb, f"UPDATE \"{table}\" SET touched = 'yes' WHERE pk = ? AND val = ?", S("s"),
        {"SS": ["b", "a"]})
    assert stored(ddb, table, "s")["touched"] == S("yes")
    ddb.put_item(TableName=table, Item={"pk": S("m"), "val": {"M": {"x": N(1)}}})
    with ddb_error("ConditionalCheckFailedException"):
        run(ddb, f"UPDATE \"{table}\" SET touched = 'yes' WHERE pk = ? AND val = ?", S("m"),
            {"M": {"x": N(2)}})
    assert "touched" not in stored(ddb, table, "m")


# --------------------------------------------------------------------------------------------
# tier2/partiql/fromFirstUpdate.test.ts: FROM "T" WHERE ... SET/REMOVE ... [RETURNING ...]


def seed(ddb, table, pk):
    ddb.put_item(TableName=table, Item={"pk": S(pk), "a": N(1), "b": S("bee")})
    return pk


def test_from_first_update_takes_set_and_remove_in_turn(ddb, table):
    pk = seed(ddb, table, "sr")
    run(ddb, f"FROM \"{table}\" WHERE pk = '{pk}' SET c = 2 REMOVE a")
    assert stored(ddb, table, pk) == {"pk": S(pk), "b": S("bee"), "c": N(2)}
    run(ddb, f"from \"{table}\" where pk = ? remove b set d = ?", S(pk), N(7))
    assert stored(ddb, table, pk) == {"pk": S(pk), "c": N(2), "d": N(7)}


def test_from_first_update_returning_all_new(ddb, table):
    pk = seed(ddb, table, "ret")
    out = run(ddb, f"FROM \"{table}\" WHERE pk = '{pk}' SET d = 3 RETURNING ALL NEW *")
    assert out["Items"] == [{"pk": S(pk), "a": N(1), "b": S("bee"), "d": N(3)}]


def test_from_first_update_conditions_and_batch(ddb, table):
    pk = seed(ddb, table, "cond")
    with ddb_error("ConditionalCheckFailedException"):
        run(ddb, f"FROM \"{table}\" WHERE pk = '{pk}' AND a = 2 SET c = 5")
    with ddb_error("ConditionalCheckFailedException"):
        run(ddb, f"FROM \"{table}\" WHERE pk = 'absent' SET c = 1")
    assert stored(ddb, table, "absent") is None
    out = ddb.batch_execute_statement(
        Statements=[{"Statement": f"FROM \"{table}\" WHERE pk = '{pk}' SET c = 1 REMOVE b"}])
    assert "Error" not in out["Responses"][0]
    assert stored(ddb, table, pk) == {"pk": S(pk), "a": N(1), "c": N(1)}


# --------------------------------------------------------------------------------------------
# tier2/partiql/grammar.test.ts and tier3/error-messages/partiqlGrammar.test.ts (confirmed)


def test_number_literals_comments_and_refusals(ddb):
    table = create_table(ddb, unique_name("pqn"), hash_key=("pk", "N"))
    ddb.put_item(TableName=table, Item={"pk": N(7310000)})
    ddb.put_item(TableName=table, Item={"pk": N("-7.3")})
    for literal in ("7.31e6", "7.31E6", "7.31e+6", "731e4", "73100000e-1"):
        assert run(ddb, f'SELECT pk FROM "{table}" WHERE pk = {literal}')["Items"] == [{"pk": N(7310000)}]
    assert run(ddb, f'SELECT pk FROM "{table}" WHERE pk = -.73e1')["Items"] == [{"pk": N("-7.3")}]
    statement = f'SELECT pk FROM "{table}" /* a note */ -- another\nWHERE pk = 7.31e6 -- end'
    assert run(ddb, statement)["Items"] == [{"pk": N(7310000)}]
    refused(ddb, f'SELECT * FROM "{table}" WHERE pk = 1 e5', LEFTOVER)
    refused(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 7330000}} foo", LEFTOVER)
    refused(ddb, f'SELECT * FROM "{table}" WHERE pk = 1e2147483648', NOT_WELL_FORMED)
    refused(ddb, f'SELECT * FROM "{table}" WHERE pk = 1.5e-2147483647', NOT_WELL_FORMED)
    refused(ddb, f'SELECT * FROM "{table}" WHERE pk = 1 # note', NOT_WELL_FORMED)
    refused(ddb, f'SELECT * FROM "{table}" AS t WHERE pk = 1', "Aliasing is not supported")
    refused(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 970007, 'l': [1, 1e126]}}",
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range under root[1]")


# --------------------------------------------------------------------------------------------
# tier2/partiql/whereFunctions.test.ts, whereOverlap.test.ts, setFunctions.test.ts (confirmed) and
# tier3/error-messages/partiqlFunctions.test.ts


def test_where_functions_and_is_filters(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": S("i"), "ss": {"SS": ["a"]}, "s": S("str"),
                                        "m": {"M": {"sub": S("x")}}, "nul": {"NULL": True}})

    def holds(condition):
        return len(run(ddb, f"SELECT pk FROM \"{table}\" WHERE pk = 'i' AND {condition}")["Items"]) == 1

    assert holds("ATTRIBUTE_EXISTS(ss)") and holds('attribute_exists("ss")') and holds("attribute_exists(m.sub)")
    assert holds("NOT attribute_exists(nope)") and not holds("attribute_not_exists(ss)")
    assert holds("size(s) = 3") and holds("attribute_type(ss, 'SS')") and holds("nul IS NULL")
    assert holds("s IS STRING") and not holds("s IS BOOL")


def test_attribute_exists_needs_a_document_path(ddb, table):
    message = "Operator or function requires a document path; operator or function: attribute_exists"
    refused(ddb, f"SELECT * FROM \"{table}\" WHERE pk = 'i' AND attribute_exists('ss')", message)
    refused(ddb, f"SELECT * FROM \"{table}\" WHERE pk = 'i' AND attribute_exists(?)", message, S("ss"))
    refused(ddb, f"SELECT * FROM \"{table}\" WHERE pk = 'i' AND attribute_not_exists(?)",
            "Operator or function requires a document path; operator or function: "
            "attribute_not_exists", S("ss"))
    refused(ddb, f"SELECT * FROM \"{table}\" WHERE pk = 'i' AND attribute_exists(ss, ns)",
            "Incorrect number of operands for operator or function; operator or function: "
            "attribute_exists, number of operands: 2")


def test_overlapping_or_with_a_negated_sort_key_runs(ddb, range_table):
    for sk in "123":
        ddb.put_item(TableName=range_table, Item={"pk": S("p"), "sk": S(sk)})
    out = run(ddb, f"SELECT * FROM \"{range_table}\" WHERE pk = 'p' AND NOT sk IN ['1', '3'] "
                   f"OR pk = 'p' AND sk = '2'")
    assert [item["sk"] for item in out["Items"]] == [S("2")]


def test_set_add_and_set_delete(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": S("s"), "ss": {"SS": ["a", "b", "c"]}})
    run(ddb, f"UPDATE \"{table}\" SET ss = SET_ADD(ss, <<'z'>>) SET nss = set_add(nss, <<'x'>>) "
             f"WHERE pk = 's'")
    item = stored(ddb, table, "s")
    assert sorted(item["ss"]["SS"]) == ["a", "b", "c", "z"] and item["nss"] == {"SS": ["x"]}
    run(ddb, f"UPDATE \"{table}\" SET nss = set_delete(nss, <<'x'>>) WHERE pk = 's'")
    assert "nss" not in stored(ddb, table, "s")
    with ddb_error("ConditionalCheckFailedException"):
        run(ddb, f"UPDATE \"{table}\" SET ss = set_add(ss, <<'x'>>) WHERE pk = 'absent'")


def test_set_add_messages(ddb, table):
    update = f"UPDATE \"{table}\" SET {{}} WHERE pk = 's'"
    refused(ddb, update.format("ss = set_add(ss, <<'x', 'x'>>)"),
            "One or more parameter values were invalid: Input collection [x, x] contains duplicates.")
    refused(ddb, update.format("ss = set_add(ss, <<>>)"), "Empty bags are not supported")
    refused(ddb, update.format("m.inner = set_add(m.inner, <<'y'>>)"),
            NOT_WELL_FORMED + "Invalid path dot component")


def test_exists_needs_a_condition_beyond_the_key(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": S("i")})
    message = ("Validation failed in TransactStatements[0]: EXISTS() must contain a single item read "
               "with additional condition")
    with ddb_error("ValidationException", message):
        ddb.execute_transaction(TransactStatements=[
            {"Statement": f"EXISTS(SELECT * FROM \"{table}\" WHERE pk = 'i')"},
            {"Statement": f"UPDATE \"{table}\" SET z = 1 WHERE pk = 'never-written'"}])
    assert stored(ddb, table, "never-written") is None


# --------------------------------------------------------------------------------------------
# tier3/error-messages/partiqlParameterNumbers.test.ts: a parameter's number is read as Java's
# BigDecimal reads a string.


@pytest.fixture
def pn_statements(ddb, range_table):
    return [f"SELECT * FROM \"{range_table}\" WHERE pk = 'p' AND n = ?",
            f"INSERT INTO \"{range_table}\" VALUE {{'pk': 'p', 'sk': 's', 'n': ?}}",
            f"UPDATE \"{range_table}\" SET n = ? WHERE pk = 'p' AND sk = 's'",
            f"SELECT * FROM \"{range_table}\" WHERE pk = ?"]


@pytest.mark.parametrize("text", ["1e99999999999", "-1e99999999999", "1e-99999999999",
                                  "1e2147483648", "1e-2147483648"])
def test_parameter_exponent_outside_an_int_cannot_be_converted(ddb, pn_statements, text):
    for statement in pn_statements:
        refused(ddb, statement, f"{UNCONVERTIBLE}: {text}", N(text))


def test_parameter_exponent_that_wraps_underflows_and_empty_number(ddb, pn_statements):
    for statement in pn_statements:
        refused(ddb, statement, UNDERFLOW, {"N": "1e2147483647"})
        refused(ddb, statement, UNCONVERTIBLE, {"N": ""})


def test_parameter_number_inside_collections_and_document_order(ddb, pn_statements):
    where = pn_statements[0]
    for value in ({"L": [N(1), N("1e99999999999")]}, {"M": {"x": N("1e99999999999")}},
                  {"NS": ["1", "1e99999999999"]}):
        refused(ddb, where, f"{UNCONVERTIBLE}: 1e99999999999", value)
    deep = S("leaf")
    for _ in range(40):
        deep = {"M": {"n": deep}}
    pair = where.replace("n = ?", "x = ? AND y = ?")
    refused(ddb, pair, NEST, deep, N("1e99999999999"))
    refused(ddb, pair, f"{UNCONVERTIBLE}: abc", {"N": "abc"}, deep)
    refused(ddb, where, NEST, {"M": {"d": deep, "bad": N("1e99999999999")}})
    with ddb_error("ValidationException", f"{UNCONVERTIBLE}: 1e99999999999"):
        ddb.execute_transaction(TransactStatements=[
            {"Statement": pn_statements[2], "Parameters": [N("1e99999999999")]}])


def test_batch_answers_a_parameter_problem_in_its_statement_slot(ddb, range_table):
    deep = S("leaf")
    for _ in range(40):
        deep = {"M": {"n": deep}}
    ddb.put_item(TableName=range_table, Item={"pk": S("p"), "sk": S("s")})
    statement = f"SELECT * FROM \"{range_table}\" WHERE pk = 'p' AND sk = 's' AND n = ?"
    out = ddb.batch_execute_statement(Statements=[
        {"Statement": statement, "Parameters": [N("1e99999999999")]},
        {"Statement": statement, "Parameters": [deep]},
        {"Statement": f"SELECT * FROM \"{range_table}\" WHERE pk = 'p' AND sk = 's'"},
    ])
    first, second, third = out["Responses"]
    assert first["Error"] == {"Code": "ValidationError", "Message": f"{UNCONVERTIBLE}: 1e99999999999"}
    assert second["Error"] == {"Code": "ValidationError", "Message": NEST}
    assert third["Item"] == {"pk": S("p"), "sk": S("s")}


# --------------------------------------------------------------------------------------------
# tier2/partiql/executeStatementIndex.test.ts


def attrs(*names):
    return [{"AttributeName": name, "AttributeType": "S"} for name in names]


def key(hashes, ranges=()):
    return ([{"AttributeName": name, "KeyType": "HASH"} for name in hashes] +
            [{"AttributeName": name, "KeyType": "RANGE"} for name in ranges])


@pytest.fixture
def indexed(ddb):
    """pk/sk; lsi2 (pk, lsi2sk) INCLUDE lsi1sk; gsi1 (lsi1sk) ALL; gsi2 (lsi1sk, lsi2sk) INCLUDE data."""
    table = create_table(
        ddb, unique_name("pqix"), range_key=("sk", "S"),
        ExtraAttributeDefinitions=attrs("lsi1sk", "lsi2sk"),
        LocalSecondaryIndexes=[{"IndexName": "lsi2", "KeySchema": key(["pk"], ["lsi2sk"]),
                                "Projection": {"ProjectionType": "INCLUDE",
                                               "NonKeyAttributes": ["lsi1sk"]}}],
        GlobalSecondaryIndexes=[
            {"IndexName": "gsi1", "KeySchema": key(["lsi1sk"]), "Projection": {"ProjectionType": "ALL"}},
            {"IndexName": "gsi2", "KeySchema": key(["lsi1sk"], ["lsi2sk"]),
             "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["data"]}}])
    ddb.put_item(TableName=table, Item={"pk": S("p"), "sk": S("s1"), "lsi1sk": S("g"),
                                        "lsi2sk": S("l"), "data": S("one")})
    return table


def test_index_reads(ddb, indexed):
    assert len(run(ddb, f"SELECT * FROM \"{indexed}\".\"gsi1\" WHERE lsi1sk = 'g'")["Items"]) == 1
    assert len(run(ddb, f"SELECT * FROM \"{indexed}\".\"gsi1\" WHERE pk = 'p'")["Items"]) == 1
    out = run(ddb, f"SELECT data FROM \"{indexed}\".\"lsi2\" WHERE pk = 'p' AND lsi2sk = 'l'")
    assert out["Items"] == [{"data": S("one")}]
    out = run(ddb, f"SELECT data, pk FROM \"{indexed}\".\"gsi2\" WHERE lsi1sk = 'g'")
    assert out["Items"] == [{"data": S("one"), "pk": S("p")}]


def test_gsi_refuses_columns_it_does_not_project(ddb, indexed):
    refused(ddb, f"SELECT alternate, mymap FROM \"{indexed}\".\"gsi2\" WHERE lsi1sk = 'g'",
            "One or more parameter values were invalid: Global secondary index gsi2 does not "
            "project [alternate, mymap]")
    refused(ddb, f"SELECT alternate FROM \"{indexed}\".\"gsi2\"",
            "One or more parameter values were invalid: Global secondary index gsi2 does not "
            "project [alternate]")


def test_batch_select_on_an_index_needs_the_primary_key(ddb, indexed):
    out = ddb.batch_execute_statement(Statements=[
        {"Statement": f"SELECT * FROM \"{indexed}\".\"gsi1\" WHERE lsi1sk = 'g'"},
        {"Statement": f"SELECT * FROM \"{indexed}\" WHERE pk = 'p'"}])
    for response in out["Responses"]:
        assert response["Error"] == {"Code": "ValidationError", "Message": BATCH_NEEDS_KEY}


# --------------------------------------------------------------------------------------------
# tier2/partiql/multiAttributeIndex.test.ts, tier3/error-messages/partiqlMultiAttributeIndex.test.ts


@pytest.fixture
def multi(ddb):
    """id; GSI gsi on (h1, h2) HASH and r1 RANGE, and a table whose GSI has one of each."""
    table = create_table(ddb, unique_name("pqma"), hash_key=("id", "S"),
                         ExtraAttributeDefinitions=attrs("h1", "h2", "r1"),
                         GlobalSecondaryIndexes=[{"IndexName": "gsi", "KeySchema": key(["h1", "h2"], ["r1"]),
                                                  "Projection": {"ProjectionType": "ALL"}}])
    control = create_table(ddb, unique_name("pqmc"), hash_key=("id", "S"),
                           ExtraAttributeDefinitions=attrs("h1", "r1"),
                           GlobalSecondaryIndexes=[{"IndexName": "gsi", "KeySchema": key(["h1"], ["r1"]),
                                                    "Projection": {"ProjectionType": "ALL"}}])
    item = {"id": S("i1"), "h1": S("a"), "h2": S("x"), "r1": S("m")}
    ddb.put_item(TableName=table, Item=item)
    return table, control


def test_multi_attribute_gsi_is_refused_after_syntax_and_values(ddb, multi):
    table, _ = multi
    index = f'"{table}"."gsi"'
    for where in ("WHERE h1 = 'a'", "WHERE h1 = 'a' AND h2 = 'x' AND r1 = 'm'", "WHERE h1 = 5",
                  "WHERE id = 'i1'", "", "WHERE h1 = 'a' AND h2 = 'x' ORDER BY r1 DESC"):
        refused(ddb, f"SELECT * FROM {index} {where}", MULTI)
    refused(ddb, f"SELECT * FROM {index} WHERE", NOT_WELL_FORMED + "Unexpected term")
    refused(ddb, f"SELECT * FROM {index} WHERE h1 = ?", f"{UNCONVERTIBLE}: 1e99999999999",
            N("1e99999999999"))
    # The rest of the table reads and writes as usual.
    assert len(run(ddb, f"SELECT * FROM \"{table}\" WHERE id = 'i1'")["Items"]) == 1
    run(ddb, f"UPDATE \"{table}\" SET a = 1 WHERE id = 'i1'")
    run(ddb, f"DELETE FROM \"{table}\" WHERE id = 'zz'")


def test_multi_attribute_gsi_in_a_batch(ddb, multi):
    table, control = multi
    out = ddb.batch_execute_statement(Statements=[
        {"Statement": f"SELECT * FROM \"{control}\".\"gsi\" WHERE h1 = 'a' AND r1 = 'm'"},
        {"Statement": f"SELECT * FROM \"{table}\".\"gsi\" WHERE h1 = 'a' AND h2 = 'x' AND r1 = 'm'"},
        {"Statement": f"SELECT * FROM \"{table}\" WHERE id = 'i1'"}])
    first, second, third = out["Responses"]
    assert first["Error"] == {"Code": "ValidationError", "Message": BATCH_NEEDS_KEY}
    assert second["Error"] == {"Code": "ValidationError", "Message": MULTI}
    assert "Error" not in third and third["Item"]["id"] == S("i1")


# --------------------------------------------------------------------------------------------
# tier3 error-messages/partiqlFunctions: messages that point at a token, " at line:column:length"
# in characters from 1.


def at(statement, token, length=None, start=0):
    index = statement.index(token, start)
    return f"1:{index + 1}:{len(token) if length is None else length}"


def test_messages_point_at_their_token(ddb):
    from read_helpers import make_hash_table

    t = make_hash_table(ddb, "pqpos")
    where = f"SELECT * FROM \"{t}\" WHERE pk = 'x' AND "
    update = f"UPDATE \"{t}\" SET "
    cases = [
        (f"SELECT attribute_exists(ss) FROM \"{t}\" WHERE pk = 'x'", "Unexpected path component at {}",
         ("attribute_exists",)),
        (where + "EXISTS(ss)", "Unrecognized function: exists at {}", ("EXISTS",)),
        (where + "set_add(ss, <<'x'>>) = ss", "Unrecognized function: set_add at {}", ("set_add",)),
        (update + "t = set_add(ss, <<'x'>>) WHERE pk = 'x'",
         "The first argument to SET_ADD must equal the assignment value at {}", ("set_add",)),
        (update + "ss = set_add(ss) WHERE pk = 'x'", "SET_ADD must have exactly two arguments at {}",
         ("set_add",)),
        (f"INSERT INTO \"{t}\" VALUE {{'pk': 'i', 'ss': set_add(<<'a'>>, <<'b'>>)}}",
         "Unsupported data type: set_add under key root at {}", ("set_add",)),
    ]
    for statement, message, token in cases:
        with ddb_error("ValidationException", message.format(at(statement, *token))):
            run(ddb, statement)
    statement = update + "ss = set_add(ss, 'x') WHERE pk = 'x'"
    position = at(statement, "ss", 2, statement.index("set_add("))  # the first argument's
    with ddb_error("ValidationException",
                   f"The second argument to SET_ADD must be a value with type SET at {position}"):
        run(ddb, statement)


def test_a_select_in_a_batch_or_transaction_reads_by_the_key_alone(ddb):
    """tier3 error-messages/partiqlFunctions: a further condition makes it no single-item read."""
    from read_helpers import make_hash_table

    t = make_hash_table(ddb, "pqkey")
    ddb.put_item(TableName=t, Item={"pk": S("x"), "ss": {"SS": ["a"]}})
    statement = f"SELECT * FROM \"{t}\" WHERE pk = 'x' AND attribute_exists(ss)"
    out = ddb.batch_execute_statement(Statements=[{"Statement": statement}])["Responses"]
    assert out[0]["Error"] == {"Code": "ValidationError", "Message": BATCH_NEEDS_KEY}
    with ddb_error("ValidationException",
                   "Validation failed in TransactStatements[0]: Select statements within "
                   "ExecuteTransaction must specify the primary key in the where clause."):
        ddb.execute_transaction(TransactStatements=[{"Statement": statement}])


def test_a_test_compared_with_true_or_false(ddb):
    """tier2 partiql/whereFunctions: `attribute_exists(ss) = true` is the test itself."""
    from read_helpers import make_hash_table

    t = make_hash_table(ddb, "pqbool")
    ddb.put_item(TableName=t, Item={"pk": S("x"), "ss": {"SS": ["a"]}})
    for condition, found in [("attribute_exists(ss) = true", True), ("attribute_exists(ss) = false", False),
                             ("true = attribute_exists(nope)", False), ("attribute_exists(nope) <> true", True)]:
        out = run(ddb, f"SELECT pk FROM \"{t}\" WHERE pk = 'x' AND {condition}")
        assert out["Items"] == ([{"pk": S("x")}] if found else []), condition

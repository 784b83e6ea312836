"""PartiQL through boto3's execute_statement: SELECT (by key, by partition, IN, scans, indexes,
ORDER BY, projections, paging with Limit and NextToken), INSERT, UPDATE, DELETE with RETURNING,
parameters, and DynamoDB's errors.

Sources: the Developer Guide's PartiQL chapter (statement forms and semantics); messages from
DynamoDB Local's PartiQL ValidationExceptionMessages (DYNAMODB_MESSAGES.md, "PartiQL").
"""

import pytest

from ddbd_testlib import create_table, ddb_error, unique_name
from partiql_helpers import N, S, run
from read_helpers import make_hash_table, make_range_table


@pytest.fixture
def music(ddb):
    """pk S, sk N; partitions a (sk 1..5) and b (sk 1..3)."""
    table = make_range_table(ddb, "N", "pq")
    for pk, count in (("a", 5), ("b", 3)):
        for sk in range(1, count + 1):
            ddb.put_item(TableName=table, Item={"pk": S(pk), "sk": N(sk), "v": S(f"{pk}{sk}")})
    return table


def sks(items):
    return [int(item["sk"]["N"]) for item in items]


# --------------------------------------------------------------------------------------------
# SELECT


def test_select_one_item_by_full_key(ddb, music):
    out = run(ddb, f'SELECT * FROM "{music}" WHERE pk = \'a\' AND sk = 2')
    assert out["Items"] == [{"pk": S("a"), "sk": N(2), "v": S("a2")}]


def test_select_partition_in_order_and_descending(ddb, music):
    out = run(ddb, f"SELECT * FROM \"{music}\" WHERE pk = 'a'")
    assert sks(out["Items"]) == [1, 2, 3, 4, 5]
    out = run(ddb, f"SELECT * FROM \"{music}\" WHERE pk = 'a' ORDER BY sk DESC")
    assert sks(out["Items"]) == [5, 4, 3, 2, 1]


def test_select_sort_key_conditions_and_filters(ddb, music):
    out = run(ddb, f"SELECT * FROM \"{music}\" WHERE pk = 'a' AND sk BETWEEN 2 AND 4")
    assert sks(out["Items"]) == [2, 3, 4]
    out = run(ddb, f"SELECT * FROM \"{music}\" WHERE pk = 'a' AND sk > 1 AND sk < 4")
    assert sks(out["Items"]) == [2, 3]
    out = run(ddb, f"SELECT * FROM \"{music}\" WHERE pk = 'a' AND v = 'a3'")
    assert sks(out["Items"]) == [3]


def test_select_in_over_partitions(ddb, music):
    out = run(ddb, f"SELECT sk FROM \"{music}\" WHERE pk IN ['b', 'a'] AND sk = 1")
    assert out["Items"] == [{"sk": N(1)}, {"sk": N(1)}]


def test_select_without_key_scans_with_filter(ddb, music):
    out = run(ddb, f"SELECT pk, sk FROM \"{music}\" WHERE v = 'b2' OR v = 'a5'")
    assert sorted((i["pk"]["S"], int(i["sk"]["N"])) for i in out["Items"]) == [("a", 5), ("b", 2)]
    out = run(ddb, f'SELECT * FROM "{music}"')
    assert len(out["Items"]) == 8


def test_select_projection_of_nested_paths(ddb):
    table = make_hash_table(ddb, "pq")
    ddb.put_item(TableName=table, Item={"pk": S("x"), "m": {"M": {"l": {"L": [N(1), N(2)]}}}, "o": S("no")})
    out = run(ddb, f"SELECT m.l[1] FROM \"{table}\" WHERE pk = 'x'")
    assert out["Items"] == [{"m": {"M": {"l": {"L": [N(2)]}}}}]


def test_select_paging_with_limit_reads_everything_once(ddb, music):
    seen = []
    token = None
    pages = 0
    while True:
        kwargs = {"Limit": 2}
        if token:
            kwargs["NextToken"] = token
        out = run(ddb, f'SELECT pk, sk FROM "{music}"', **kwargs)
        seen += [(i["pk"]["S"], int(i["sk"]["N"])) for i in out["Items"]]
        pages += 1
        token = out.get("NextToken")
        if not token:
            break
    assert sorted(seen) == [("a", n) for n in range(1, 6)] + [("b", n) for n in range(1, 4)]
    assert len(seen) == len(set(seen)) == 8
    assert pages >= 4


def test_select_paging_across_in_partitions(ddb, music):
    seen = []
    token = None
    statement = f"SELECT pk, sk FROM \"{music}\" WHERE pk IN ['a', 'b']"
    while True:
        kwargs = {"Limit": 3}
        if token:
            kwargs["NextToken"] = token
        out = run(ddb, statement, **kwargs)
        seen += [(i["pk"]["S"], int(i["sk"]["N"])) for i in out["Items"]]
        token = out.get("NextToken")
        if not token:
            break
    assert seen == [("a", n) for n in range(1, 6)] + [("b", n) for n in range(1, 4)]


def test_next_token_belongs_to_its_statement(ddb, music):
    out = run(ddb, f'SELECT * FROM "{music}"', Limit=1)
    with ddb_error("ValidationException", "NextToken does not match request"):
        run(ddb, f"SELECT pk FROM \"{music}\"", Limit=1, NextToken=out["NextToken"])
    with ddb_error("ValidationException", "Invalid NextToken"):
        run(ddb, f'SELECT * FROM "{music}"', NextToken="not-a-token")


def test_select_from_an_index(ddb):
    table = unique_name("pqi")
    create_table(
        ddb,
        table,
        hash_key=("pk", "S"),
        ExtraAttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "byg", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}],
    )
    for i in range(3):
        ddb.put_item(TableName=table, Item={"pk": S(f"p{i}"), "g": S("same" if i < 2 else "other")})
    out = run(ddb, f"SELECT pk FROM \"{table}\".\"byg\" WHERE g = 'same'")
    assert sorted(i["pk"]["S"] for i in out["Items"]) == ["p0", "p1"]


def test_order_by_the_partition_key_over_in_partitions(ddb, music):
    out = run(ddb, f"SELECT pk, sk FROM \"{music}\" WHERE pk IN ['a', 'b'] ORDER BY pk DESC")
    assert [(i["pk"]["S"], int(i["sk"]["N"])) for i in out["Items"]] == [
        ("b", 3), ("b", 2), ("b", 1), ("a", 5), ("a", 4), ("a", 3), ("a", 2), ("a", 1)]
    with ddb_error(
        "ValidationException",
        "Must have hash key in ORDER BY clause when more than one hash key condition specified in WHERE clause.",
    ):
        run(ddb, f"SELECT * FROM \"{music}\" WHERE pk IN ['a', 'b'] ORDER BY sk")


def test_order_by_needs_the_partition_key(ddb, music):
    with ddb_error("ValidationException", "Must have WHERE clause in the statement when using ORDER BY clause."):
        run(ddb, f'SELECT * FROM "{music}" ORDER BY sk')
    with ddb_error(
        "ValidationException",
        "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.",
    ):
        run(ddb, f"SELECT * FROM \"{music}\" WHERE v = 'a1' ORDER BY sk")


# --------------------------------------------------------------------------------------------
# INSERT, UPDATE, DELETE


def test_insert_then_duplicate(ddb):
    table = make_hash_table(ddb, "pq")
    out = run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 'k', 'n': 1, 'l': [1, 'x'], 'ss': <<'a', 'b'>>}}")
    assert out["Items"] == []
    item = ddb.get_item(TableName=table, Key={"pk": S("k")})["Item"]
    assert item["n"] == N(1)
    assert item["l"] == {"L": [N(1), S("x")]}
    assert sorted(item["ss"]["SS"]) == ["a", "b"]
    with ddb_error("DuplicateItemException", "Duplicate primary key exists in table"):
        run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 'k'}}")


def test_insert_with_parameters(ddb):
    table = make_hash_table(ddb, "pq")
    run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': ?, 'm': {{'inner': ?}}}}", S("p"), N(7))
    item = ddb.get_item(TableName=table, Key={"pk": S("p")})["Item"]
    assert item == {"pk": S("p"), "m": {"M": {"inner": N(7)}}}


def test_update_set_remove_and_returning(ddb):
    table = make_hash_table(ddb, "pq")
    ddb.put_item(TableName=table, Item={"pk": S("u"), "n": N(1), "l": {"L": [N(1)]}, "gone": S("x")})
    out = run(
        ddb,
        f"UPDATE \"{table}\" SET n = n + 1 SET l = list_append(l, [2]) REMOVE gone "
        f"WHERE pk = 'u' RETURNING ALL NEW *",
    )
    assert out["Items"] == [{"pk": S("u"), "n": N(2), "l": {"L": [N(1), N(2)]}}]
    out = run(ddb, f"UPDATE \"{table}\" SET n = 10 WHERE pk = 'u' RETURNING MODIFIED OLD *")
    assert out["Items"] == [{"n": N(2)}]
    out = run(ddb, f"UPDATE \"{table}\" SET n = 11 WHERE pk = 'u'")
    assert out["Items"] == []


def test_update_of_a_missing_item_fails_its_condition(ddb):
    table = make_hash_table(ddb, "pq")
    with ddb_error("ConditionalCheckFailedException"):
        run(ddb, f"UPDATE \"{table}\" SET n = 1 WHERE pk = 'nobody'")
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": S("nobody")})


def test_update_and_delete_with_a_condition(ddb):
    table = make_hash_table(ddb, "pq")
    ddb.put_item(TableName=table, Item={"pk": S("c"), "n": N(5)})
    with ddb_error("ConditionalCheckFailedException"):
        run(ddb, f"UPDATE \"{table}\" SET n = 6 WHERE pk = 'c' AND n = 4")
    run(ddb, f"UPDATE \"{table}\" SET n = 6 WHERE pk = 'c' AND n = 5")
    with ddb_error("ConditionalCheckFailedException"):
        run(ddb, f"DELETE FROM \"{table}\" WHERE pk = 'c' AND n = 5")
    out = run(ddb, f"DELETE FROM \"{table}\" WHERE pk = 'c' AND n = 6 RETURNING ALL OLD *")
    assert out["Items"] == [{"pk": S("c"), "n": N(6)}]
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": S("c")})


def test_writes_need_the_whole_key(ddb, music):
    message = "Where clause does not contain a mandatory equality on all key attributes"
    with ddb_error("ValidationException", message):
        run(ddb, f"DELETE FROM \"{music}\" WHERE pk = 'a'")
    with ddb_error("ValidationException", message):
        run(ddb, f"UPDATE \"{music}\" SET v = 'x' WHERE pk = 'a' OR sk = 1")
    with ddb_error(
        "ValidationException",
        "Multiple conditions on same key sk. Only single item Update/Insert/Delete are supported",
    ):
        run(ddb, f"DELETE FROM \"{music}\" WHERE pk = 'a' AND sk = 1 AND sk = 2")


def test_parameter_count_must_match(ddb, music):
    with ddb_error("ValidationException", "Number of parameters in request and statement don't match."):
        run(ddb, f'SELECT * FROM "{music}" WHERE pk = ?')
    with ddb_error("ValidationException", "Number of parameters in request and statement don't match."):
        run(ddb, f"SELECT * FROM \"{music}\" WHERE pk = 'a'", S("extra"))


def test_unknown_table(ddb):
    with ddb_error("ResourceNotFoundException"):
        run(ddb, "SELECT * FROM \"no-such-table-pq\" WHERE pk = 'a'")


def test_statement_length_is_bounded(ddb, music):
    with ddb_error(
        "ValidationException",
        contains=["Member must have length less than or equal to 8192"],
    ):
        run(ddb, f"SELECT * FROM \"{music}\" WHERE pk = '{'x' * 8200}'")
    # Counted in characters (UTF-16 units, as a Java string), not bytes: 5000 two-byte
    # characters are 10,000 bytes and well within the limit.
    assert run(ddb, f"SELECT * FROM \"{music}\" WHERE pk = '{'é' * 5000}'")["Items"] == []


# --------------------------------------------------------------------------------------------
# Streams: PartiQL writes are recorded like any other


def test_partiql_writes_appear_in_the_stream(ddb, endpoint):
    from streams_helpers import latest_stream_arn, make_streams_client, read_all, stream_spec

    table = create_table(ddb, unique_name("pqs"), StreamSpecification=stream_spec("NEW_AND_OLD_IMAGES"))
    run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 'k', 'n': 1}}")
    run(ddb, f"UPDATE \"{table}\" SET n = 2 WHERE pk = 'k'")
    run(ddb, f"DELETE FROM \"{table}\" WHERE pk = 'k'")
    records = read_all(make_streams_client(endpoint), latest_stream_arn(ddb, table))
    assert [r["eventName"] for r in records] == ["INSERT", "MODIFY", "REMOVE"]
    assert records[1]["dynamodb"]["OldImage"] == {"pk": S("k"), "n": N(1)}
    assert records[1]["dynamodb"]["NewImage"] == {"pk": S("k"), "n": N(2)}


# --------------------------------------------------------------------------------------------
# Literals, set functions, large results


def test_every_literal_type_round_trips(ddb):
    table = make_hash_table(ddb, "pq")
    run(
        ddb,
        f"INSERT INTO \"{table}\" VALUE {{'pk': 'lit', 's': 'it''s', 'n': -12.50, 'big': "
        f"12345678901234567890123456789012345678, 't': TRUE, 'f': false, 'z': NULL, "
        f"'l': [1, 'two', [3]], 'm': {{'sub': {{'deep': 'x'}}}}, 'ss': <<'b', 'a'>>, "
        f"'ns': <<3, 1, 2>>, 'b': ?}}",
        {"B": b"\x00\x01"},
    )
    item = ddb.get_item(TableName=table, Key={"pk": S("lit")})["Item"]
    assert item["s"] == S("it's")
    assert item["n"] == N("-12.5")
    assert item["big"] == N("12345678901234567890123456789012345678")
    assert item["t"] == {"BOOL": True} and item["f"] == {"BOOL": False}
    assert item["z"] == {"NULL": True}
    assert item["l"] == {"L": [N(1), S("two"), {"L": [N(3)]}]}
    assert item["m"] == {"M": {"sub": {"M": {"deep": S("x")}}}}
    assert sorted(item["ss"]["SS"]) == ["a", "b"]
    assert sorted(item["ns"]["NS"], key=int) == ["1", "2", "3"]
    assert item["b"] == {"B": b"\x00\x01"}
    out = run(ddb, f"SELECT pk FROM \"{table}\" WHERE t = TRUE AND z IS NULL AND m.sub.deep = 'x' "
                   f"AND attribute_type(l, 'L') AND contains(ss, 'a') AND size(l) = 3 AND nope IS MISSING")
    assert out["Items"] == [{"pk": S("lit")}]


def test_set_add_and_set_delete(ddb):
    table = make_hash_table(ddb, "pq")
    run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 'k', 'tags': <<'a', 'b'>>}}")
    out = run(ddb, f"UPDATE \"{table}\" SET tags = set_add(tags, <<'c'>>) WHERE pk = 'k' RETURNING ALL NEW *")
    assert sorted(out["Items"][0]["tags"]["SS"]) == ["a", "b", "c"]
    out = run(ddb, f"UPDATE \"{table}\" SET tags = set_delete(tags, <<'a', 'c'>>) WHERE pk = 'k' "
                   f"RETURNING ALL NEW *")
    assert out["Items"][0]["tags"] == {"SS": ["b"]}


def test_paging_a_result_larger_than_a_page(ddb):
    table = make_range_table(ddb, "N", "pqbig")
    payload = "x" * 4000
    with_writer = [{"PutRequest": {"Item": {"pk": S("p"), "sk": N(i), "v": S(payload)}}} for i in range(300)]
    for start in range(0, len(with_writer), 25):
        ddb.batch_write_item(RequestItems={table: with_writer[start:start + 25]})
    for statement in (f"SELECT sk FROM \"{table}\" WHERE pk = 'p'", f'SELECT sk FROM "{table}"'):
        seen, token, pages = [], None, 0
        while True:
            out = run(ddb, statement, **({"NextToken": token} if token else {}))
            seen += [int(i["sk"]["N"]) for i in out["Items"]]
            pages += 1
            token = out.get("NextToken")
            if not token:
                break
        assert sorted(seen) == list(range(300)), statement
        assert len(seen) == 300
        assert pages >= 2  # 1.2 MB of items: the 1 MB page stops before the end


def test_a_failed_condition_returns_the_item_when_asked(endpoint, ddb):
    from expr_helpers import make_rvcf_client

    table = make_hash_table(ddb, "pq")
    ddb.put_item(TableName=table, Item={"pk": S("c"), "n": N(1)})
    client = make_rvcf_client(endpoint)
    with ddb_error("ConditionalCheckFailedException") as error:
        client.execute_statement(Statement=f"UPDATE \"{table}\" SET n = 2 WHERE pk = 'c' AND n = 0",
                                 ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert error.response["Item"] == {"pk": S("c"), "n": N(1)}
    out = client.batch_execute_statement(Statements=[
        {"Statement": f"DELETE FROM \"{table}\" WHERE pk = 'c' AND n = 0",
         "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}])["Responses"]
    assert out[0]["Error"]["Code"] == "ConditionalCheckFailed"
    assert out[0]["Error"]["Item"] == {"pk": S("c"), "n": N(1)}


def test_a_page_over_in_partitions_stops_after_a_megabyte(ddb):
    table = make_range_table(ddb, "N", "pqin")
    payload = "x" * 4000
    for pk in ("a", "b", "c"):  # about 0.6 MB each
        puts = [{"PutRequest": {"Item": {"pk": S(pk), "sk": N(i), "v": S(payload)}}} for i in range(150)]
        for start in range(0, len(puts), 25):
            ddb.batch_write_item(RequestItems={table: puts[start:start + 25]})
    statement = f"SELECT pk, sk FROM \"{table}\" WHERE pk IN ['a', 'b', 'c']"
    first = run(ddb, statement)
    assert [i["pk"]["S"] for i in first["Items"]] == ["a"] * 150 + ["b"] * 150
    second = run(ddb, statement, NextToken=first["NextToken"])
    assert [i["pk"]["S"] for i in second["Items"]] == ["c"] * 150
    assert "NextToken" not in second

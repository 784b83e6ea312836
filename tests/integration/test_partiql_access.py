"""PartiQL under auth verify: each statement needs PartiQL's IAM action (dynamodb:PartiQLSelect,
PartiQLInsert, PartiQLUpdate, PartiQLDelete) on its table, in ExecuteStatement and in every
statement of BatchExecuteStatement and ExecuteTransaction; a denial is worded as IAM words it."""

import pytest

from auth_helpers import ACCOUNT, ADMIN, READER, USERS_ONLY, start_secured
from ddbd_testlib import REGION, create_table, ddb_error, make_client, unique_name


@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    server = start_secured(tmp_path_factory.mktemp("partiql-auth"))
    yield server
    assert server.stop() == 0, server.log_tail()


def client(server, key):
    return make_client(server.endpoint, access_key=key[0], secret_key=key[1])


def denied(key, action, table):
    return (f"User: arn:aws:iam::{ACCOUNT}:user/{key[0]} is not authorized to perform: "
            f"dynamodb:{action} on resource: arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{table}")


def test_statements_need_partiql_actions(secured):
    admin = client(secured, ADMIN)
    table = create_table(admin, unique_name("orders"))
    admin.execute_statement(Statement=f"INSERT INTO \"{table}\" VALUE {{'pk': 'a'}}")

    reader = client(secured, READER)  # GetItem, Query, Scan, ...: no PartiQL action
    with ddb_error("AccessDeniedException", denied(READER, "PartiQLSelect", table)):
        reader.execute_statement(Statement=f"SELECT * FROM \"{table}\" WHERE pk = 'a'")

    users = client(secured, USERS_ONLY)  # every action, on users-* only
    with ddb_error("AccessDeniedException", denied(USERS_ONLY, "PartiQLUpdate", table)):
        users.execute_statement(Statement=f"UPDATE \"{table}\" SET v = 1 WHERE pk = 'a'")
    with ddb_error("AccessDeniedException", denied(USERS_ONLY, "PartiQLDelete", table)):
        users.batch_execute_statement(Statements=[{"Statement": f"DELETE FROM \"{table}\" WHERE pk = 'a'"}])
    with ddb_error("AccessDeniedException", denied(USERS_ONLY, "PartiQLInsert", table)):
        users.execute_transaction(TransactStatements=[
            {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'b'}}"}])

    mine = create_table(admin, unique_name("users-"))
    users.execute_statement(Statement=f"INSERT INTO \"{mine}\" VALUE {{'pk': 'u'}}")
    out = users.execute_statement(Statement=f"SELECT * FROM \"{mine}\" WHERE pk = 'u'")
    assert out["Items"] == [{"pk": {"S": "u"}}]
    assert "Item" in admin.get_item(TableName=table, Key={"pk": {"S": "a"}})

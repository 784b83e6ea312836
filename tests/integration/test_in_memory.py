"""--in-memory: every server starts empty, shares nothing with another, and leaves no file behind,
not even after kill -9 (its files are removed as soon as they are open). TMPDIR points at a
directory of the test's own, so "nothing left" is checked exactly.
"""

import os
import signal

from ddbd_testlib import create_table, unique_name


def leftovers(tmpdir):
    return sorted(name for name in os.listdir(tmpdir) if name.startswith("ddbd-"))


def test_two_servers_in_memory_are_independent_empty_and_leave_nothing(start_server, tmp_path):
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    first = start_server(in_memory=True, env={"TMPDIR": str(tmpdir)})
    second = start_server(in_memory=True, env={"TMPDIR": str(tmpdir)})
    assert leftovers(tmpdir) == []  # both running, neither has a name on disk

    ddb_first, ddb_second = first.client(), second.client()
    assert ddb_first.list_tables()["TableNames"] == []
    assert ddb_second.list_tables()["TableNames"] == []
    name = unique_name("mem")
    create_table(ddb_first, name)
    ddb_first.put_item(TableName=name, Item={"pk": {"S": "first"}})
    assert ddb_second.list_tables()["TableNames"] == []
    create_table(ddb_second, name)
    ddb_second.put_item(TableName=name, Item={"pk": {"S": "second"}})
    for ddb, mine, theirs in ((ddb_first, "first", "second"), (ddb_second, "second", "first")):
        assert ddb.get_item(TableName=name, Key={"pk": {"S": mine}})["Item"] == {"pk": {"S": mine}}
        assert "Item" not in ddb.get_item(TableName=name, Key={"pk": {"S": theirs}})

    first.kill()
    assert second.stop(signal.SIGTERM) == 0, second.log_tail()
    assert leftovers(tmpdir) == []

    # A new server in memory starts empty again.
    third = start_server(in_memory=True, env={"TMPDIR": str(tmpdir)})
    assert third.client().list_tables()["TableNames"] == []
    third.kill()
    assert leftovers(tmpdir) == []


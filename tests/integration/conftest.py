"""pytest fixtures: one ddbd for the session, boto3 clients bound to it, fresh tables per test, and a
factory for separate servers (restart and slow-status tests).

Run: /usr/bin/python3 -m pytest -q tests/integration   (DDBD_BINARY overrides the binary path)
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from ddbd_testlib import (  # noqa: E402
    DdbdServer,
    create_table,
    make_client,
    make_resource,
    unique_name,
)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    instance = DdbdServer(tmp_path_factory.mktemp("ddbd") / "data").start()
    yield instance
    status = instance.stop()
    assert status == 0, f"ddbd exited with {status} on SIGTERM:\n{instance.log_tail()}"


@pytest.fixture(scope="session")
def endpoint(server):
    return server.endpoint


@pytest.fixture(scope="session")
def ddb(endpoint):
    return make_client(endpoint)


@pytest.fixture(scope="session")
def ddb_resource(endpoint):
    return make_resource(endpoint)


@pytest.fixture
def table(ddb):
    """A fresh ACTIVE PAY_PER_REQUEST table with hash key pk (S); yields its name."""
    return create_table(ddb, unique_name("hash"))


@pytest.fixture
def range_table(ddb):
    """A fresh ACTIVE table with hash key pk (S) and range key sk (S)."""
    return create_table(ddb, unique_name("range"), range_key=("sk", "S"))


@pytest.fixture
def make_table(ddb):
    """Factory: make_table(hash_key=("pk", "S"), range_key=None, billing=..., **CreateTable args)."""

    def factory(**kwargs):
        return create_table(ddb, kwargs.pop("name", None) or unique_name(), **kwargs)

    return factory


@pytest.fixture
def start_server(tmp_path):
    """Factory for separate ddbd processes: start_server(data_dir=None, status_delay_ms=5,
    extra_args=(), in_memory=False, env=None) (DdbdServer). Every server it started is stopped
    (SIGTERM) at the end of the test."""
    started = []

    def factory(data_dir=None, status_delay_ms=5, extra_args=(), in_memory=False, env=None):
        data_dir = data_dir or (tmp_path / f"data{len(started)}")
        instance = DdbdServer(data_dir, status_delay_ms=status_delay_ms, extra_args=extra_args,
                              in_memory=in_memory, env=env)
        started.append(instance)
        return instance.start()

    yield factory
    for instance in started:
        instance.stop()

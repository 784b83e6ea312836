"""Shared by the auth tests: a credentials file with three keys, a ddbd in auth verify mode, and
signing at a chosen time (README "Security"; expected texts in DYNAMODB_MESSAGES.md section 0a)."""

import contextlib
import datetime
from unittest import mock

from ddbd_testlib import DdbdServer

ACCOUNT = "000000000000"
ADMIN = ("AKIDADMINTEST", "admin-secret/with+symbols")
READER = ("AKIDREADONLY", "reader-secret")
USERS_ONLY = ("AKIDUSERSONLY", "users-secret")

CREDENTIALS = f"""# written by auth_helpers.py
[{ADMIN[0]}]
secret = {ADMIN[1]}

[{READER[0]}]
secret = {READER[1]}
actions = GetItem, Query, Scan, BatchGetItem, TransactGetItems, Describe*, List*

[{USERS_ONLY[0]}]
secret = {USERS_ONLY[1]}
tables = users-*
"""

MISMATCH = ("The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details.")
UNRECOGNIZED = "The security token included in the request is invalid."
AMZ_DATE_FORMAT = "%Y%m%dT%H%M%SZ"


def start_secured(root):
    """Starts a ddbd in auth verify mode (a credentials file, on loopback) under `root`."""
    credentials = root / "credentials"
    credentials.write_text(CREDENTIALS)
    return DdbdServer(root / "data", extra_args=["--credentials-file", str(credentials)]).start()


@contextlib.contextmanager
def signing_at(at):
    """botocore signs at `at` (a naive UTC datetime) inside the block; now when `at` is None."""
    if at is None:
        yield
        return
    with mock.patch("botocore.auth.datetime") as fake:
        fake.datetime.utcnow.return_value = at
        fake.datetime.now.return_value = at.replace(tzinfo=datetime.timezone.utc)
        yield


def utc_now():
    """The current UTC time as botocore's signers take it (naive, whole seconds)."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)

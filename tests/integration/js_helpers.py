"""The AWS SDK for JavaScript v3 for the integration tests: installed from npm into one cache
directory (shared with the client smoke, tests/clients/), missing packages only."""

import os
import shutil
import subprocess

import pytest

JS_DIR = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
                      "ddbd-jsclient")
JS_SCRIPTS = os.path.join(os.path.dirname(__file__), "js")


def js_sdk(packages):
    """Node, after installing whichever of `packages` JS_DIR lacks."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("Node.js and npm are needed: run docker/install-deps.sh --test")
    missing = [p for p in packages if not os.path.isdir(os.path.join(JS_DIR, "node_modules", p))]
    if missing:
        os.makedirs(JS_DIR, exist_ok=True)
        if not os.path.exists(os.path.join(JS_DIR, "package.json")):
            subprocess.run([npm, "init", "-y"], cwd=JS_DIR, capture_output=True, check=True)
        installed = subprocess.run([npm, "install", "--no-audit", "--no-fund", *missing],
                                   cwd=JS_DIR, capture_output=True, text=True, timeout=600)
        assert installed.returncode == 0, installed.stderr[-2000:]
    return node

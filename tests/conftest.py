"""Shared, generic fixtures. Keep this file small: fixtures used by one module live in that module."""

from __future__ import annotations

import os
import signal
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# make test-fast runs the property tests with this profile: a glance rather than the full hunt of
# make test (Hypothesis's default, 100 examples per test).
settings.register_profile("quick", max_examples=25)


def pytest_configure(config):
    """Take SIGINT back when the suite was started with it ignored (`make test &` in a script, a
    runner that ignores it): the ignoring passes to every `playbook serve` the tests start, which
    then shrugs off the Ctrl-C that stops it and is killed only after the tests' 15 s wait. With a
    handler here, each child starts with SIGINT's default action again."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if not os.environ.get("TMPDIR") and config.option.basetemp is None and (memory := temp_in_memory()):
        # Set before pytest-xdist asks for its base folder, and inherited by the workers and every
        # process the tests start.
        os.environ["TMPDIR"] = str(memory)
        tempfile.tempdir = None  # gettempdir() reads TMPDIR again


# The suite writes and deletes about 80,000 files (sites, copies of the example, a fresh virtual
# environment). On this project's machines the disk made that slow: deleting one run's files took
# 7.5 s, and the fresh-environment test 27-31 CPU-s instead of 24 in memory.
MEMORY_FOLDER = Path("/dev/shm")
MEMORY_NEEDED = 4 * 2**30  # a run holds about 1 GB at its peak


def temp_in_memory(folder: Path = MEMORY_FOLDER, needed: int = MEMORY_NEEDED) -> Path | None:
    """`folder` when it is a writable folder with `needed` bytes free (Linux's /dev/shm is kept in
    memory), else None: temporary files then stay where the machine keeps them."""
    try:
        free = os.statvfs(folder)
    except OSError:
        return None
    writable = folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
    return folder if writable and free.f_bavail * free.f_frsize >= needed else None


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A factory writing a playbook project: make_project({"content/company.yml": "name: X"}) -> root.

    Text values are dedented (so they can be written as indented triple-quoted strings) and saved
    as UTF-8; bytes values are written as they are. Calling it again with the same `name` adds
    files to the same project.
    """

    def make(files: dict[str, str | bytes] | None = None, name: str = "project") -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        for rel, content in (files or {}).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return root

    return make


# Tests that read a session fixture too costly to make on both workers. pytest-xdist's `load`
# sends each worker a first batch of consecutive tests (a quarter of its share), so these, put
# first, run on the same worker in any sizeable run; in a small one the fixture is merely made
# twice. (xdist_group marks would say this outright, but pytest-xdist 3.8 loses them on pytest
# 9.2, and its group scheduler hands out tests one by one, which made test-fast 10% slower.)
SHARED_FIXTURES = ("phone_survey",)


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: not any(name in getattr(item, "fixturenames", ()) for name in SHARED_FIXTURES))

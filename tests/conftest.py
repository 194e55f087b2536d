"""Shared, generic fixtures. Keep this file small: fixtures used by one module live in that module."""

from __future__ import annotations

import os
import signal
import tempfile
import textwrap
from collections import Counter
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


# How the two workers of `make test` share the work (pytest-xdist). Handing out single tests, as
# its default does, split modules between the workers at random, and each worker then built the
# module's sites for itself: from one run to the next the suite took 145 to 171 s. Instead each
# module goes whole to one worker, and every browser test to the same one (one Chromium, one set
# of built sites). Work is handed out in collection order, heaviest first: the browser tests,
# then modules with slow tests, then the rest, largest first, so that small modules even out the end.
BROWSER_TESTS = "tests/browser/"


def pytest_collection_modifyitems(items):
    items.sort(key=work_order(items))


def work_order(items) -> Callable:
    """A sort key: browser tests, then the modules with slow tests, then the rest, larger modules
    (by their number of tests) first."""
    modules = Counter(_module(item) for item in items)
    slow_modules = {_module(item) for item in items if item.get_closest_marker("slow")}

    def weight(item) -> tuple[int, int]:
        if item.nodeid.startswith(BROWSER_TESTS):
            return 0, 0
        if _module(item) in slow_modules:
            return 1, 0
        return 2, -modules[_module(item)]

    return weight


def _module(item) -> str:
    return item.nodeid.split("::", 1)[0]


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist: unknown when it is not installed
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") not in ("load", "loadscope", "loadfile"):
        return None  # a distribution asked for by name (each, worksteal...) is xdist's own
    from .scheduling import WholeModules

    return WholeModules(config, log)

"""Shared, generic fixtures. Keep this file small: fixtures used by one module live in that module."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest


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


# Modules whose tests share a session fixture too costly to make on both workers: each group
# runs on one worker. (pytest-xdist's own xdist_group marks are lost on pytest 9.2: its worker
# renames a node attribute pytest no longer reads.)
ONE_WORKER = {
    "tests/browser/test_no_errors.py": "phone survey",  # conftest.phone_survey
    "tests/browser/test_phone.py": "phone survey",
}


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        """Like `--dist load`, each test on its own, except the groups of ONE_WORKER."""

        def _split_scope(self, nodeid: str) -> str:
            return ONE_WORKER.get(nodeid.split("::", 1)[0], nodeid)

    return Scheduling(config, log)

"""Shared, generic fixtures. Keep this file small: fixtures used by one module live in that module."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# make test-fast runs the property tests with this profile: a glance rather than the full hunt of
# make test (Hypothesis's default, 100 examples per test).
settings.register_profile("quick", max_examples=25)


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

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

"""Helpers for tests that build sites: copy a project, build it in-process, read the result."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent


def copy_example(dest: Path) -> Path:
    """A private copy of the bundled example (content/, playbooks/, mkdocs.yml)."""
    for name in ("content", "playbooks"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def build(project: Path, site: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["build", str(project), "--site-dir", str(site), *args])


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def article(html: str) -> str:
    """The page content Material puts inside <article>, without the theme chrome."""
    start = html.find("<article")
    end = html.find("</article>")
    return html[start:end] if start >= 0 else ""

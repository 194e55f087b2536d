"""Helpers for tests that build sites: copy a project, build it in-process, read the result."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
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


# --- the ways a project chooses its edition -----------------------------------------------------------
# The edition is a security boundary, and each way of choosing it is a separate code path:
# --audience over the project's mkdocs.yml; mkdocs.yml holding only INHERIT, the edition in the
# inherited file; the edition from the environment through !ENV; no mkdocs.yml at all.
LAYOUTS = ("option", "inherit", "env", "no-mkdocs-yml")
# As fixture params: make test runs every layout; make test-fast, the edit loop, --audience alone.
LAYOUT_PARAMS = [pytest.param(layout, marks=() if layout == "option" else pytest.mark.slow) for layout in LAYOUTS]
EDITION_VARIABLE = "PLAYBOOK_TEST_EDITION"
ENV_AUDIENCE = f"audience: !ENV [{EDITION_VARIABLE}, internal]"


def use_layout(project: Path, layout: str) -> Path:
    """Rewrite the project's configuration (made by copy_example) the way `layout` chooses editions."""
    own = project / "mkdocs.yml"
    if layout == "inherit":
        (project / "base.yml").write_text(own.read_text(encoding="utf-8"), encoding="utf-8")
        own.write_text("INHERIT: base.yml\n", encoding="utf-8")
    elif layout == "env":
        text = own.read_text(encoding="utf-8")
        assert "audience: internal" in text
        own.write_text(text.replace("audience: internal", ENV_AUDIENCE), encoding="utf-8")
    elif layout == "no-mkdocs-yml":
        own.unlink()
    return project


def build_edition(project: Path, site: Path, audience: str, layout: str) -> Result:
    """Build `audience` as a project of `layout` chooses it: without --audience where the
    configuration can say it, so that the configuration, not the option, picks the edition."""
    if layout == "inherit":
        base = project / "base.yml"
        text = re.sub(r"audience: \w+", f"audience: {audience}", base.read_text(encoding="utf-8"), count=1)
        base.write_text(text, encoding="utf-8")
        return build(project, site)
    if layout == "env":
        return CliRunner().invoke(
            main, ["build", str(project), "--site-dir", str(site)], env={EDITION_VARIABLE: audience}
        )
    return build(project, site, "--audience", audience)


# The tests' own edits of YAML go through libyaml, as the generator's loader does: PyYAML's
# Python parser and emitter made rewriting every file of the example, once per edition layout,
# about 3 CPU-s of the suite.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_yaml(text: str):
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, in its C build


def dump_yaml(data, **options) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, **options)


def rewrite_yaml(path: Path, change: Callable[[Any], Any]) -> None:
    """Replace a YAML file's data with `change(data)`."""
    path.write_text(dump_yaml(change(load_yaml(path.read_text(encoding="utf-8")))), encoding="utf-8")


def edit_yaml(path: Path, edit: Callable[[Any], object]) -> None:
    """Edit a YAML file's data in place: `edit(data)` changes it (what it returns is ignored)."""
    data = load_yaml(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(dump_yaml(data), encoding="utf-8")


def rewrite_page(path: Path, change) -> None:
    """`change` a Markdown page as one changes an entity's data: its front matter, with its text as `body`."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = change({**load_yaml(front), "body": body})
    body = data.pop("body")
    path.write_text(f"---\n{dump_yaml(data)}---\n{body}\n", encoding="utf-8")

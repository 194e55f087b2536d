"""Golden files: a small fixture project in, the expected HTML of every page out (the page
personas/buyer.md is kept as personas/buyer.html).

Refresh after an intended change with `python -m tests.refresh_golden` (or
PLAYBOOK_REFRESH_GOLDEN=1 make test) and review the diff of tests/golden/ like code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.site.edition import Options, prepare_site

FIXTURE = Path(__file__).parent / "fixtures" / "golden-project"
GOLDEN = Path(__file__).parent / "golden"
EPOCH = "1780000000"  # 2026-05-28: fixes "today" for stale badges


def golden_file(path: str) -> Path:
    """Where the expected HTML of the page at `path` (e.g. personas/buyer.md) is kept."""
    return GOLDEN / (path.removesuffix(".md") + ".html")


def golden_pages() -> list[str]:
    return sorted(p.relative_to(GOLDEN).with_suffix(".md").as_posix() for p in GOLDEN.rglob("*.html"))


def render_fixture(audience: str = "internal") -> dict[str, str]:
    site = prepare_site(FIXTURE, Options(audience=audience))
    assert not [d for d in site.diagnostics if d.severity == "error"]
    return site.html


def refresh() -> None:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    for old in GOLDEN.rglob("*.html"):
        old.unlink()
    for path, text in render_fixture().items():
        target = golden_file(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def rendered():
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        if os.environ.get("PLAYBOOK_REFRESH_GOLDEN"):
            refresh()
        yield render_fixture()
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def test_the_same_pages_exist(rendered):
    expected = golden_pages()
    assert sorted(rendered) == expected


@pytest.mark.parametrize("path", golden_pages())
def test_page_matches_golden(rendered, path):
    assert rendered.get(path) == golden_file(path).read_text(encoding="utf-8")


def test_every_page_kind_has_a_golden_file():
    templates = {p.name for p in (Path(__file__).parent.parent / "site_templates" / "pages").glob("*.html.j2")}
    site = prepare_site(FIXTURE, Options())
    used = {page.template for page in site.pages.values()}
    assert used == templates

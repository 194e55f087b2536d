"""Links between pages in Markdown fields: `[text](persona:cfo)` is checked where it is written
and becomes a correct relative link on every page the text appears on."""

from __future__ import annotations

import re

import pytest

from generator.catalog.check import check_project

from .sitebuild import build

PROCESS = "name: Process\nstages:\n  - id: qualify\n    name: Qualify\n    buyer_stage: interest\n"
CFO = """\
name: Chief Financial Officer
messaging: |
  Start with [the dairy committee](segment:dairy#buying-committee),
  then [qualify](stage:qualify) and send [the deck](asset:deck).
objections:
  - objection: Too expensive
    response: "Show [payback](asset:deck)."
"""
DAIRY = """\
name: Dairy
description: Ask [the CFO](persona:cfo) about payback.
buying_committee:
  - persona: cfo
    role: economic_buyer
"""


@pytest.fixture
def project(make_project):
    return make_project(
        {
            "content/process.yml": PROCESS,
            "content/personas/cfo.yml": CFO,
            "content/segments/dairy.yml": DAIRY,
            "content/assets/deck.yml": "name: Deck\ntype: deck\nurl: https://example.com/deck\n",
        }
    )


def test_a_missing_target_is_e204_at_the_link(make_project):
    root = make_project(
        {
            "content/process.yml": PROCESS,
            "content/personas/cfo.yml": CFO.replace("asset:deck)", "asset:dekc)").replace(
                "stage:qualify", "stage:close"
            ),
            "content/assets/deck.yml": "name: Deck\ntype: deck\nurl: https://example.com/deck\n",
        }
    )
    found = [str(d) for d in check_project(root).diagnostics if d.code == "E204"]
    assert found == [
        "content/personas/cfo.yml:3:36: error[E204]: unknown segment 'dairy' in the link [the dairy committee](segment:dairy)",
        "content/personas/cfo.yml:4:18: error[E204]: unknown process stage 'close' in the link [qualify](stage:close)",
        "content/personas/cfo.yml:4:51: error[E204]: unknown asset 'dekc' in the link [the deck](asset:dekc) (did you mean 'deck'?)",
        "content/personas/cfo.yml:7:31: error[E204]: unknown asset 'dekc' in the link [payback](asset:dekc) (did you mean 'deck'?)",
    ]


def test_valid_links_check_clean(project):
    assert [d for d in check_project(project).diagnostics if d.severity == "error"] == []


def hrefs(html: str, text: str) -> list[str]:
    return re.findall(rf'<a href="([^"]*)"[^>]*>{re.escape(text)}</a>', html)


def test_links_are_relative_on_every_page_the_text_appears_on(project, tmp_path):
    site = tmp_path / "site"
    assert build(project, site).exit_code == 0
    persona = (site / "personas/cfo/index.html").read_text()
    brief = (site / "briefs/dairy/cfo/index.html").read_text()  # one level deeper, same talk track
    assert hrefs(persona, "the dairy committee") == ["../../segments/dairy/#buying-committee"]
    assert hrefs(brief, "the dairy committee") == ["../../../segments/dairy/#buying-committee"]
    assert hrefs(persona, "qualify") == ["../../process/#qualify"]
    assert hrefs(brief, "the deck") == ["../../../library/deck/"]
    assert hrefs(persona, "payback") == ["../../library/deck/"]
    segment = (site / "segments/dairy/index.html").read_text()
    assert hrefs(segment, "the CFO") == ["../../personas/cfo/"]
    for page in (persona, brief, segment):
        assert "playbook-link" not in page and "persona:cfo" not in page


def test_links_follow_use_directory_urls_false(project, tmp_path):
    (project / "mkdocs.yml").write_text("site_name: X\nuse_directory_urls: false\nplugins:\n  - playbook\n")
    site = tmp_path / "site"
    assert build(project, site).exit_code == 0, build(project, site).output
    assert hrefs((site / "personas/cfo.html").read_text(), "the dairy committee") == [
        "../segments/dairy.html#buying-committee"
    ]


# --- links the site cannot follow (E215) ----------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["https://www.example.com/x", "HTTP://example.com", "mailto:sales@example.com", "#pains", "persona:cfo"],
)
def test_addresses_anchors_and_playbook_pages_are_followed(target):
    from generator.catalog.dead_links import _problem

    assert _problem(target) is None


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("files/savings.pdf", "is a path"),
        ("../index.md", "is a path"),
        ("cfo", "is a path"),
        ("persons:cfo", "did you mean 'persona'?"),
        ("Page:pricing", "did you mean 'page'?"),
        ("javascript:alert(1)", "neither a page of the playbook"),
        ("ftp://example.com/x", "neither a page of the playbook"),
    ],
)
def test_paths_and_other_schemes_are_reported(target, said):
    from generator.catalog.dead_links import _problem

    assert said in (_problem(target) or "")


def test_a_link_the_site_cannot_follow_is_located(make_project):
    root = make_project(
        {
            "content/personas/cfo.yml": "name: CFO\ndescription: |\n  See ![a chart](x.png) and [the sheet](files/x.pdf).\n"
        }
    )
    found = [d for d in check_project(root).diagnostics if d.code == "E215"]
    assert [(d.file, d.line, d.column) for d in found] == [("content/personas/cfo.yml", 3, 29)]

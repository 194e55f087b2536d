"""A build of the bundled example: every entity and brief has its page with its key content,
every internal link resolves, and nothing is fetched from another host."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.catalog.check import check_project
from generator.catalog.relations import seats
from generator.site.pages import brief_path, entity_path, page_url

from .linkcheck import broken_links
from .sitebuild import REPO, article, build, copy_example


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    project = copy_example(tmp_path_factory.mktemp("example"))
    site = tmp_path_factory.mktemp("site")
    result = build(project, site, "--drafts")
    assert result.exit_code == 0, result.output
    return check_project(project).catalog, site


def _page(site: Path, md_path: str) -> str:
    path = site / page_url(md_path, directory_urls=True) / "index.html"
    assert path.is_file(), md_path
    return html.unescape(re.sub(r"<[^>]+>", " ", article(path.read_text(encoding="utf-8"))))


def test_every_entity_has_a_page_with_its_name_and_summary(example):
    catalog, site = example
    count = 0
    for kind, entities in catalog.entities.items():
        for entity in entities.values():
            text = _page(site, entity_path(kind, entity.id))
            assert entity.name in text, (kind, entity.id)
            if entity.summary:
                assert entity.summary in text, (kind, entity.id)
            count += 1
    assert count >= 60


def test_every_committee_member_has_a_brief_with_its_essentials(example):
    catalog, site = example
    briefs = 0
    for segment in catalog.all("segments"):
        for seat in seats(catalog, segment):
            text = _page(site, brief_path(segment.id, seat.persona.id))
            assert seat.persona.name in text and segment.name in text
            for question in seat.persona.discovery_questions:
                assert question in text
            for vp in catalog.value_propositions_for(segment.id, seat.persona.id):
                assert vp.name in text
            for win in seat.member.wins:
                assert win in text
            briefs += 1
    assert briefs >= 20


def test_persona_pages_show_objections_and_responses(example):
    catalog, site = example
    for persona in catalog.all("personas"):
        text = _page(site, entity_path("personas", persona.id))
        for objection in persona.objections:
            assert objection.objection in text


def test_section_pages_exist(example):
    _, site = example
    for path in (
        "index.md",
        "segments/index.md",
        "personas/index.md",
        "briefs/index.md",
        "matrix.md",
        "library/index.md",
        "value-propositions/index.md",
        "competitors/index.md",
        "products/index.md",
        "process.md",
        "leads.md",
        "team.md",
        "playbooks/index.md",
        "insights/index.md",
        "tags.md",
    ):
        assert _page(site, path)


def test_every_internal_link_resolves(example):
    _, site = example
    assert broken_links(site) == []


def test_attachments_are_published(example):
    catalog, site = example
    from generator.site.pages import attachment_path

    files = [a for a in catalog.all("assets") if a.file]
    assert files
    for asset in files:
        assert (site / attachment_path(asset)).read_bytes() == ((REPO / asset.rel).parent / asset.file).read_bytes()


def test_the_serve_preview_is_never_part_of_a_built_site(example):
    """The error overlay and live-reload script exist only in `playbook serve` (generator/site/preview.py)."""
    _, site = example
    names = {p.name for p in site.rglob("*")}
    assert not names & {"preview.js", "preview.css", "errors.html"}
    marks = ("_playbook-serve", "pb-preview-errors")
    assert [p.name for p in site.rglob("*.html") if any(m in p.read_text(encoding="utf-8") for m in marks)] == []


def test_no_third_party_requests_in_any_page(example):
    _, site = example
    external = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', re.I)
    offenders = [
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if external.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_email_template_placeholders_stay_literal(example):
    catalog, site = example
    bodies = [a for a in catalog.all("assets") if a.body and "{{ first_name }}" in a.body]
    assert bodies
    for asset in bodies:
        assert "{{ first_name }}" in _page(site, entity_path("assets", asset.id))


def test_stale_entity_shows_a_badge(example):
    catalog, site = example
    stale = [
        a
        for kind in catalog.entities.values()
        for a in kind.values()
        if a.review_by and str(a.review_by) < "2026-11-01"
    ]
    assert stale
    for entity in stale:
        assert "Stale" in _page(site, entity_path(entity.kind, entity.id))


def test_strict_mkdocs_build_passes_on_the_example(tmp_path):
    from click.testing import CliRunner
    from mkdocs.__main__ import cli

    result = CliRunner().invoke(cli, ["build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output


def test_seller_search_indexes_entities_not_the_pages_that_list_them(example):
    import json

    _, site = example
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {url for url, _title in docs["pages"]}
    listing = {"library/", "tags/", "matrix/", "insights/", "personas/", "segments/", "briefs/", "competitors/"}
    assert not pages & listing
    assert {"library/battlecard-velmora/", "personas/cfo/", "team/", "process/"} <= pages
    kinds = {record[0] for record in docs["records"]}
    assert {"objection", "question", "proof", "play", "asset", "persona", "brief", "stage", "role"} <= kinds
    assert (site / "library/index.html").is_file() and (site / "tags/index.html").is_file()


def test_every_search_record_points_at_an_anchor_its_page_has(example):
    import json

    _, site = example
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    anchored = [(docs["pages"][record[1]][0], record[2]) for record in docs["records"] if record[2]]
    assert len(anchored) > 50
    for url, anchor in anchored:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, (url, anchor)

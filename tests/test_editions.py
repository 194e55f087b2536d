"""Audience editions: nothing internal reaches the partner or public edition, in any byte."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.catalog.check import check_project
from generator.site.pages import attachment_path, entity_path

from .sitebuild import (
    LAYOUT_PARAMS,
    build,
    build_edition,
    copy_example,
    rewrite_page,
    rewrite_yaml,
    site_files,
    use_layout,
)

CANARY = "CANARYQX"
TEXT_KEYS = {
    "name",
    "summary",
    "description",
    "messaging",
    "statement",
    "observation",
    "objection",
    "response",
    "claim",
    "body",
    "tagline",
}


def _plant(data, tag: str):
    """Append a numbered canary to every free-text field of an entity, recursively."""
    if isinstance(data, dict):
        return {
            k: (f"{v} {CANARY}{tag}" if k in TEXT_KEYS and isinstance(v, str) else _plant(v, tag))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_plant(v, tag) for v in data]
    return data


@pytest.fixture(scope="module", params=LAYOUT_PARAMS)
def layout(request) -> str:
    """Each way a project chooses its edition (sitebuild.LAYOUTS): every test below runs on each."""
    return request.param


@pytest.fixture(scope="module")
def canary_project(layout, tmp_path_factory) -> Path:
    return use_layout(plant_canaries(copy_example(tmp_path_factory.mktemp(f"canary-{layout}"))), layout)


def _canaries(data, stem: str):
    """Canaries in an internal or draft entity's text and owner, and in every internal block."""
    if data.get("audience", "internal") == "internal" or data.get("draft"):
        data = _plant(data, f"-entity-{stem}")
        # Internal owners head the to-do lists of Content health; the e-mail address stays.
        data["owner"] = f"{CANARY}-owner-{stem} {data.get('owner') or ''}".strip()
    if isinstance(data.get("internal"), dict):
        data["internal"] = {
            k: (f"{CANARY}-block-{stem}" if isinstance(v, str) else [f"{CANARY}-block-{stem}"])
            for k, v in data["internal"].items()
        }
    return data


def plant_canaries(project: Path) -> Path:
    """Canaries in every internal block and in every internal entity and page of a copy of the example."""
    for path in sorted((project / "content").rglob("*.yml")) + sorted((project / "playbooks").glob("*.yml")):
        rewrite_yaml(path, lambda data, stem=path.stem: _canaries(data, stem))
    pages = sorted((project / "content/pages").glob("*.md"))
    assert pages  # the example has an internal and a partner page
    for path in pages:
        rewrite_page(path, lambda data, stem=path.stem: _canaries(data, stem))
    # The partner page's internal block, and its link to the internal page, stay inside.
    rewrite_page(
        project / "content/pages/onboarding-a-new-seller.md",
        lambda data: {**data, "internal": {"notes": f"{CANARY}-block-onboarding"}},
    )
    # An internal asset with an attachment: the file itself must not be published outside.
    (project / "content/assets/files/secret-pricing.csv").write_text(f"list price,{CANARY}-attachment\n")
    (project / "content/assets/secret-price-list.yml").write_text(
        "name: Secret price list\ntype: other\nfile: files/secret-pricing.csv\nsegments: [dairy]\n"
    )
    return _plant_pictures(project)


def _plant_pictures(project: Path) -> Path:
    """Pictures shown only from an internal entity and from a partner segment's internal block:
    neither file may be published outside (each carries a canary in its bytes)."""
    pictures = project / "content/personas/img"
    pictures.mkdir()
    for name in ("entity", "block"):
        (pictures / f"{name}.png").write_bytes(b"\x89PNG\r\n\x1a\n" + f"{CANARY}-picture-{name}".encode())
    cfo = project / "content/personas/cfo.yml"  # internal
    rewrite_yaml(cfo, lambda data: {**data, "description": f"{data['description']}\n\n![her desk](img/entity.png)"})
    pet_food = project / "content/segments/pet-food.yml"  # partner
    rewrite_yaml(
        pet_food, lambda data: {**data, "internal": {"notes": f"{CANARY}-block ![plan](../personas/img/block.png)"}}
    )
    return project


def _bytes_of(site: Path) -> dict[str, bytes]:
    files = site_files(site)
    for name, data in list(files.items()):
        if name.endswith(".gz"):
            files[name] = gzip.decompress(data)
    return files


class Editions(dict):
    """The sites of one canary project, each built the first time a test asks for it."""

    def __init__(self, project: Path, layout: str, tmp_path_factory) -> None:
        super().__init__()
        self.project, self.layout, self.tmp_path_factory = project, layout, tmp_path_factory

    def __missing__(self, audience: str) -> Path:
        site = self.tmp_path_factory.mktemp(f"site-{self.layout}-{audience}")
        result = build_edition(self.project, site, audience, self.layout)
        assert result.exit_code == 0, result.output
        assert f"built the {audience} edition" in result.output
        self[audience] = site
        return site

    def values(self):  # every edition, built
        return [self[audience] for audience in ("internal", "partner", "public")]


@pytest.fixture(scope="module")
def editions(canary_project, layout, tmp_path_factory) -> Editions:
    return Editions(canary_project, layout, tmp_path_factory)


def test_internal_edition_carries_the_canaries(editions):
    # Without this, the absence test below could pass on a site that shows nothing at all.
    blob = b"".join(_bytes_of(editions["internal"]).values())
    assert f"{CANARY}-block-".encode() in blob
    assert f"{CANARY}-entity-".encode() in blob
    assert f"{CANARY}-attachment".encode() in blob
    assert f"{CANARY}-picture-entity".encode() in blob and f"{CANARY}-picture-block".encode() in blob
    health = (editions["internal"] / "health/index.html").read_text(encoding="utf-8")
    assert f'<h2 id="{CANARY.lower()}-owner-' in health  # a to-do list headed by an internal owner


@pytest.mark.parametrize("audience", ["partner", "public"])
def test_no_internal_byte_in_outside_editions(editions, audience):
    leaks = [name for name, data in _bytes_of(editions[audience]).items() if CANARY.encode() in data]
    assert leaks == []


@pytest.mark.parametrize("audience", ["partner", "public"])
def test_excluded_entities_have_no_pages_or_attachments(canary_project, editions, audience):
    from generator.catalog.audience import for_audience

    result = check_project(canary_project)
    shown = for_audience(result.catalog, audience)
    allowed = {"partner": {"partner", "public"}, "public": {"public"}}[audience]
    site = editions[audience]
    checked = 0
    for kind, entities in result.catalog.entities.items():
        for entity in entities.values():
            page = site / entity_path(kind, entity.id).removesuffix(".md") / "index.html"
            visible = entity.audience in allowed and not entity.draft
            assert page.exists() == visible, page
            if entity.audience not in allowed:
                assert shown.get(kind, entity.id) is None
            checked += 1
            if kind == "assets" and entity.file:
                assert (site / attachment_path(entity)).exists() == visible
    assert checked > 60


def test_pages_follow_their_audience_in_every_edition(editions):
    internal, partner, public = (editions[a] for a in ("internal", "partner", "public"))
    onboarding = "pages/onboarding-a-new-seller/index.html"
    assert (internal / "pages/how-we-price/index.html").exists()
    assert not (partner / "pages/how-we-price").exists() and not (public / "pages/how-we-price").exists()
    assert (partner / onboarding).exists() and not (public / "pages/onboarding-a-new-seller").exists()
    # The partner page links the internal pricing page only where that page exists.
    assert 'href="../how-we-price/"' in (internal / onboarding).read_text(encoding="utf-8")
    shown = (partner / onboarding).read_text(encoding="utf-8")
    assert "how we price" in shown and "how-we-price" not in shown
    for audience in ("internal", "partner", "public"):
        llms = (editions[audience] / "llms.txt").read_text(encoding="utf-8")
        assert ("How we price" in llms) == (audience == "internal"), audience
        assert ("Onboarding a new seller" in llms) == (audience != "public"), audience


def test_partner_edition_keeps_partner_content(editions):
    site = editions["partner"]
    assert (site / "segments/pet-food/index.html").exists()
    assert (site / "value-propositions/fast-format-changeover/index.html").exists()
    assert not (site / "personas/cfo/index.html").exists()


def test_banner_only_in_the_internal_edition(editions):
    assert b"Internal: do not share" in (editions["internal"] / "index.html").read_bytes()
    for audience in ("partner", "public"):
        assert b"Internal: do not share" not in b"".join(_bytes_of(editions[audience]).values())


def test_no_yaml_source_is_published(editions):
    for site in editions.values():
        assert not [n for n in site_files(site) if n.endswith((".yml", ".yaml"))]


def test_value_proposition_scoped_to_hidden_segments_does_not_become_universal(tmp_path):
    """An empty list means 'all': pruning must not widen a value proposition's promise."""
    from generator.catalog.audience import for_audience

    project = tmp_path / "p"
    (project / "content/segments").mkdir(parents=True)
    (project / "content/value-propositions").mkdir(parents=True)
    (project / "content/segments/secret.yml").write_text("name: Secret segment\n")
    (project / "content/segments/open.yml").write_text("name: Open segment\naudience: partner\n")
    (project / "content/value-propositions/narrow.yml").write_text(
        "name: Narrow\naudience: partner\nsegments: [secret]\n"
    )
    (project / "content/value-propositions/wide.yml").write_text(
        "name: Wide\naudience: partner\nsegments: [secret, open]\n"
    )
    catalog = for_audience(check_project(project).catalog, "partner")
    narrow = catalog.get("value-propositions", "narrow")
    assert narrow is not None and narrow.segments == []
    assert not catalog.means_all(narrow, "segments")
    assert [vp.id for vp in catalog.value_propositions_for("open")] == ["wide"]
    assert catalog.get("value-propositions", "wide").segments == ["open"]


def test_audience_set_in_mkdocs_yml_is_the_default_of_every_command(tmp_path):
    """A partner site configured in mkdocs.yml must not come out internal from a bare build."""
    import json

    from click.testing import CliRunner

    from generator.cli import main

    project = copy_example(tmp_path / "p")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("audience: internal", "audience: partner"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "built the partner edition" in result.output
    assert not (tmp_path / "site" / "personas" / "cfo").exists()
    assert b"Internal: do not share" not in (tmp_path / "site" / "index.html").read_bytes()
    exported = CliRunner().invoke(main, ["export", str(project)])
    assert json.loads(exported.stdout)["audience"] == "partner"
    # An explicit option still wins.
    assert "built the internal edition" in build(project, tmp_path / "site", "--audience", "internal").output


# --- editions: the map draws only what the edition may show ------------------------------------

MAP_CANARY = CANARY + "-map"
MAP_PROJECT = {
    "content/segments/open.yml": """
        name: Open segment
        audience: public
        buying_committee:
          - {persona: buyer, role: economic_buyer, influence: high, engaged_by: [ae]}
          - {persona: hidden, role: champion, engaged_by: [ae]}
          - {persona: draft, role: influencer}
    """,
    "content/personas/buyer.yml": "name: Open buyer\naudience: public\nreports_to: hidden\n",
    "content/personas/hidden.yml": f"name: Hidden boss {MAP_CANARY}\n",
    "content/personas/draft.yml": f"name: Draft person {MAP_CANARY}\naudience: partner\ndraft: true\n",
    "content/team.yml": f"""
        audience: public
        roles:
          - {{id: ae, name: Account executive}}
        internal:
          notes: {MAP_CANARY}
    """,
}


@pytest.mark.parametrize("audience", ["partner", "public"])
def test_relationship_map_draws_only_what_the_edition_may_show(tmp_path, audience):
    """The SVG and its text alternative: hidden people, drafts and reporting lines to them stay out."""
    from generator.site.edition import Options, prepare_site

    from .test_relationship_map import map_svg, write

    root = write(tmp_path / "p", MAP_PROJECT)
    internal = prepare_site(root, Options(audience="internal", drafts=True)).html["segments/open.md"]
    assert MAP_CANARY in map_svg(internal)  # the canaries do reach the internal map
    site = prepare_site(root, Options(audience=audience))
    leaks = [path for path, html in site.html.items() if MAP_CANARY in html]
    page = site.html["segments/open.md"]
    assert "Open buyer" in map_svg(page)
    assert leaks == []
    assert "Hidden boss" not in page and "Draft person" not in page
    assert "reports to" not in page.split('<ul class="pb-map__facts">')[1].split("</ul>")[0]


def test_search_index_is_filtered_like_the_pages(editions):
    """The seller index is built from the same filtered catalog: internal entities and the
    maintainer pages are in the internal edition's index only."""
    internal = (editions["internal"] / "search/search_index.json").read_text(encoding="utf-8")
    assert f"{CANARY}-entity-" in internal and '"upkeep"' in internal
    for audience in ("partner", "public"):
        index = (editions[audience] / "search/search_index.json").read_text(encoding="utf-8")
        assert '"records":[[' in index  # not empty: the check below must be able to fail
        assert CANARY not in index
        assert '"upkeep"' not in index and "health/" not in index


@pytest.mark.parametrize("audience", ["internal", "partner", "public"])
def test_every_edition_writes_markdown_twins_and_llms_txt(editions, audience):
    # The leak test above reads every byte of these files too: make sure they are there to read.
    site = editions[audience]
    assert (site / "llms.txt").is_file() and (site / "llms-full.txt").is_file()
    twins = list(site.rglob("*.html.md"))
    assert len(twins) == len([p for p in site.rglob("*.html") if p.name != "404.html"])


def test_internal_twins_carry_the_canaries(editions):
    site = editions["internal"]
    twins = b"".join(p.read_bytes() for p in site.rglob("*.html.md"))
    assert f"{CANARY}-block-".encode() in twins and f"{CANARY}-entity-".encode() in twins
    assert f"{CANARY}-block-".encode() in (site / "llms-full.txt").read_bytes()


def test_report_a_problem_only_in_the_internal_edition(editions):
    # Partner and public readers have no way into the team's tracker or inboxes.
    brief = (editions["internal"] / "briefs/food-and-beverage/purchasing-director/index.html").read_text("utf-8")
    persona = (editions["internal"] / "personas/purchasing-director/index.html").read_text("utf-8")
    assert "Report a problem with this page" in brief and "Report a problem with this page" in persona
    assert "Entity%3A%20personas%2Fpurchasing-director" in persona  # pre-filled with the entity
    for audience in ("partner", "public"):
        blob = b"".join(_bytes_of(editions[audience]).values())
        assert b"Report a problem" not in blob
        assert b'class="pb-report"' not in blob


def test_competitor_pricing_beside_the_price_objection_only_internally(editions):
    brief = editions["internal"] / "briefs/food-and-beverage/purchasing-director/index.html"
    text = brief.read_text("utf-8")
    assert "competitors&#39; pricing" in text or "competitors' pricing" in text
    for audience in ("partner", "public"):
        blob = b"".join(_bytes_of(editions[audience]).values())
        assert b"competitors' pricing" not in blob and b"competitors&#39; pricing" not in blob


def _git(project: Path, *args: str) -> None:
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=project,
        check=True,
        capture_output=True,
    )


def test_whats_new_quotes_nothing_an_outside_edition_may_not_show(tmp_path):
    """The seller news is derived from old versions of the files in git, which hold internal
    blocks and internal entities: none of it may reach the partner or public edition."""
    project = copy_example(tmp_path / "project")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", "first")
    pet_food = project / "content/segments/pet-food.yml"  # partner-visible
    rewrite_yaml(pet_food, lambda d: {**d, "pains": [*d["pains"], "Shelf life NEWPAIN"], "internal": {"notes": CANARY}})
    cfo = project / "content/personas/cfo.yml"  # internal only
    rewrite_yaml(cfo, lambda d: {**d, "objections": [*d["objections"], {"objection": f"{CANARY} objection"}]})
    _git(project, "commit", "-qam", f"second {CANARY}")
    sites = {}
    for audience in ("internal", "partner"):
        sites[audience] = tmp_path / audience
        result = build(project, sites[audience], "--audience", audience)
        assert result.exit_code == 0, result.output
    internal_news = (sites["internal"] / "news/index.html").read_text("utf-8")
    assert f"new objection: {CANARY} objection" in internal_news  # the derivation runs
    partner_news = (sites["partner"] / "news/index.html").read_text("utf-8")
    assert "new pain: Shelf life NEWPAIN" in partner_news
    assert not [n for n, data in _bytes_of(sites["partner"]).items() if CANARY.encode() in data]


def test_a_link_to_a_page_the_edition_hides_is_only_its_text(tmp_path):
    """`[text](persona:secret)` on a partner page: the words stay, the hidden page's URL and id do not."""
    project = tmp_path / "p"
    (project / "content/personas").mkdir(parents=True)
    (project / "content/personas/open.yml").write_text(
        "name: Open\naudience: partner\nmessaging: Ask [the insider](persona:secret-buyer) and [me](persona:open).\n"
    )
    (project / "content/personas/secret-buyer.yml").write_text("name: Secret\n")
    pages = {}
    for audience in ("internal", "partner"):
        site = tmp_path / f"site-{audience}"
        assert build(project, site, "--audience", audience).exit_code == 0
        pages[audience] = (site / "personas/open/index.html").read_text()
    assert '<a href="../secret-buyer/" rel="noopener noreferrer">the insider</a>' in pages["internal"]
    assert "Ask the insider and" in pages["partner"]
    assert '<a href="./" rel="noopener noreferrer">me</a>' in pages["partner"]
    assert not (tmp_path / "site-partner/personas/secret-buyer").exists()
    everything = b"".join(site_files(tmp_path / "site-partner").values())
    assert b"secret-buyer" not in everything


def test_the_partner_offline_zip_holds_no_internal_byte(canary_project, tmp_path):
    import zipfile

    archive = tmp_path / "partner.zip"
    result = build(canary_project, tmp_path / "site", "--audience", "partner", "--zip", str(archive))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(archive) as packed:
        names = packed.namelist()
        leaks = [name for name in names if CANARY.encode() in packed.read(name)]
    assert any(name.endswith("pages/onboarding-a-new-seller.html") for name in names)  # offline: no directory URLs
    assert not any("how-we-price" in name for name in names)
    assert leaks == []

"""`playbook serve` renders again only the pages an edit can change. Whatever the edit, the
result must be exactly what a full build of the edited files renders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.catalog.check import check_project
from generator.site.edition import Options, prepare_site

from .sitebuild import REPO, copy_example, edit_yaml


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _unreferenced_asset(root: Path) -> Path:
    """An asset no other file names, so deleting it leaves a valid playbook."""
    texts = [p.read_text(encoding="utf-8") for p in root.rglob("*.yml") if p.parent.name != "assets"]
    return next(p for p in sorted((root / "content/assets").glob("*.yml")) if not any(p.stem in t for t in texts))


def _first(values: list):
    return values[0]


EDITS = {
    "persona renamed": lambda root: edit_yaml(
        root / "content/personas/cfo.yml", lambda d: d.update(name="Chief money officer")
    ),
    "asset renamed": lambda root: edit_yaml(
        sorted((root / "content/assets").glob("*.yml"))[0], lambda d: d.update(name="Renamed asset")
    ),
    "asset deleted": lambda root: _unreferenced_asset(root).unlink(),
    "segment committee changed": lambda root: edit_yaml(
        sorted((root / "content/segments").glob("*.yml"))[0], lambda d: d["buying_committee"].pop()
    ),
    "value proposition opened to every segment": lambda root: edit_yaml(
        sorted((root / "content/value-propositions").glob("*.yml"))[0], lambda d: d.pop("segments", None)
    ),
    "stage renamed": lambda root: edit_yaml(
        root / "content/process.yml", lambda d: _first(d["stages"]).update(name="First touch")
    ),
    "tag added": lambda root: edit_yaml(
        root / "content/competitors" / sorted(p.name for p in (root / "content/competitors").glob("*.yml"))[0],
        lambda d: d.update(tags=[*d.get("tags", []), "brand new tag"]),
    ),
    "insight added": lambda root: shutil.copy(
        sorted((root / "content/insights").glob("*.yml"))[0], root / "content/insights/zz-copy.yml"
    ),
    # Edits of one field that other pages may or may not show (pages record the fields they read).
    "persona pains changed": lambda root: edit_yaml(
        root / "content/personas/cfo.yml", lambda d: d.update(pains=["A pain nobody had before"])
    ),
    "persona discovery questions changed": lambda root: edit_yaml(
        root / "content/personas/cfo.yml", lambda d: d.update(discovery_questions=["What keeps you up at night?"])
    ),
    "persona reports to someone else": lambda root: edit_yaml(
        root / "content/personas/cfo.yml", lambda d: d.update(reports_to="operations-director")
    ),
    "company renamed": lambda root: edit_yaml(root / "content/company.yml", lambda d: d.update(name="Boxwell Systems")),
    "guide retitled": lambda root: _replace(
        root / "content/pages/onboarding-a-new-seller.md", "title: Onboarding a new seller", "title: Your first month"
    ),
    "guide text changed": lambda root: _replace(
        root / "content/pages/how-we-price.md", "tags: [pricing, negotiation]", "tags: [pricing]"
    ),
    "asset made public": lambda root: edit_yaml(
        sorted((root / "content/assets").glob("*.yml"))[0], lambda d: d.update(audience="public")
    ),
}


# Edits whose effect depends on the edition: what it shows, links and leaves out. The other edits
# are checked in the internal edition only (the same code renders every edition; each case costs
# two renders of the example).
PARTNER_EDITS = {
    "asset deleted",
    "asset made public",
    "asset renamed",
    "insight added",
    "persona renamed",
    "value proposition opened to every segment",
}
CASES = [("internal", edit) for edit in sorted(EDITS)] + [("partner", edit) for edit in sorted(PARTNER_EDITS)]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    return copy_example(tmp_path_factory.mktemp("incremental") / "p")


@pytest.fixture()
def project(example):
    """The module's copy of the example, put back as it was after each test (copied with its
    files' times, so the load cache of the first render still knows them)."""
    yield example
    for name in ("content", "playbooks", "site_templates"):
        shutil.rmtree(example / name, ignore_errors=True)
    copy_example(example)


@pytest.fixture(scope="module")
def unedited() -> dict:
    """Per edition, the tracked render of the unedited example and its load cache: made once,
    then only read (an incremental render takes from its previous build, never changes it)."""
    return {}


def _before(unedited: dict, project: Path, audience: str):
    if audience not in unedited:
        options, cache = Options(audience=audience, history=False), {}
        unedited[audience] = prepare_site(project, options, check_project(project, cache=cache), track=True), cache
    before, cache = unedited[audience]
    return before, dict(cache)


def test_every_edition_specific_edit_exists():
    assert EDITS.keys() >= PARTNER_EDITS


@pytest.mark.parametrize("audience, edit", CASES)
def test_an_incremental_render_equals_a_full_one(project, unedited, edit, audience):
    options = Options(audience=audience, history=False)
    before, cache = _before(unedited, project, audience)
    EDITS[edit](project)
    after = prepare_site(project, options, check_project(project, cache=cache), previous=before, track=True)
    assert after.catalog is not None, after.diagnostics
    full = prepare_site(project, options)
    assert after.html.keys() == full.html.keys()
    assert [p for p in full.html if after.html[p] != full.html[p]] == []
    assert after.toc == full.toc
    # Everything else an edition writes comes from the same pages: twins, llms.txt, search.
    assert [p for p in full.twins if after.twins.get(p) != full.twins[p]] == []
    assert after.texts == full.texts
    assert after.search_index == full.search_index
    changed = {p for p in full.html if full.html[p] != before.html.get(p)}
    assert after.modified == changed  # MkDocs writes exactly the pages that changed
    reused = [p for p in full.html if after.html[p] is before.html.get(p)]
    assert reused, "an edit of one file should leave some pages as they were"


def test_a_field_no_page_shows_elsewhere_renders_only_its_own_pages(project):
    """The CFO's pains are shown on the CFO's page and briefs, not in the briefs of the rest of
    the committee, which list the CFO by name only: those stay as they were."""
    options, cache = Options(history=False), {}
    before = prepare_site(project, options, check_project(project, cache=cache), track=True)
    EDITS["persona pains changed"](project)
    after = prepare_site(project, options, check_project(project, cache=cache), previous=before, track=True)
    rendered = {p for p in after.html if after.html[p] is not before.html.get(p)}
    committee_briefs = {p for p in after.html if p.startswith("briefs/pharmaceuticals/") and not p.endswith("/cfo.md")}
    assert committee_briefs and "briefs/pharmaceuticals/cfo.md" in rendered
    assert rendered & committee_briefs == set()


def test_an_edited_template_renders_every_page(project):
    options = Options(history=False)
    before = prepare_site(project, options, track=True)
    own = project / "site_templates" / "partials"
    own.mkdir(parents=True)
    bundled = REPO / "site_templates" / "partials" / "macros.html.j2"
    (own / "macros.html.j2").write_text(
        bundled.read_text(encoding="utf-8").replace("Owner: ", "Owned by "), encoding="utf-8"
    )
    after = prepare_site(project, options, previous=before, track=True)
    assert after.modified is None  # everything is written again
    assert "Owned by " in after.html["personas/cfo.md"]


def test_without_tracking_nothing_is_kept(project):
    site = prepare_site(project, Options(history=False))
    assert site.catalog is None and site.reads == {} and site.modified is None


def test_the_load_cache_forgets_deleted_files(project):
    cache = {}
    check_project(project, cache=cache)
    insight = sorted((project / "content/insights").glob("*.yml"))[0]
    assert any(source.path == insight for source in cache)
    insight.unlink()
    check_project(project, cache=cache)
    assert not any(source.path == insight for source in cache)

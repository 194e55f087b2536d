"""`playbook export`: the resolved playbook as JSON with a stable shape, relations both ways,
page URLs, and nothing the audience may not see."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.model.registry import FOLDER_KINDS
from generator.site.edition import Options, prepare_site
from generator.site.pages import page_url

from .sitebuild import copy_example, edit_yaml, rewrite_page

CANARY = "CANARYEXPORT"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_example(tmp_path_factory.mktemp("export"))


def _export(project, *args) -> dict:
    result = CliRunner().invoke(main, ["export", str(project), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def internal(project) -> dict:
    return _export(project)


def test_top_level_shape(internal):
    assert list(internal) == [
        "format",
        "version",
        "audience",
        "drafts",
        "company",
        "process",
        "leads",
        "team",
        "entities",
        "stages",
        "roles",
        "briefs",
    ]
    assert internal["format"] == "playbook-export" and internal["version"] == 1
    assert internal["audience"] == "internal" and internal["drafts"] is False
    assert sorted(internal["entities"]) == sorted(FOLDER_KINDS)


def test_entity_shape(internal):
    cfo = next(e for e in internal["entities"]["personas"] if e["id"] == "cfo")
    assert list(cfo) == ["id", "kind", "file", "url", "fields", "references", "referenced_by"]
    assert cfo["kind"] == "personas" and cfo["file"] == "content/personas/cfo.yml"
    assert cfo["url"] == "personas/cfo/"
    assert cfo["fields"]["name"] == "Chief financial officer"
    assert cfo["fields"]["reviewed"] == "2026-10-28"  # dates as YYYY-MM-DD text
    assert "discovery_questions" in cfo["fields"] and cfo["fields"]["draft"] is False  # every field, set or not


def test_relations_both_ways(internal):
    entities = {(e["kind"], e["id"]): e for kind in internal["entities"].values() for e in kind}
    count = 0
    for (kind, id), entity in entities.items():
        for ref in entity["references"]:
            if ref["kind"] in FOLDER_KINDS:
                target = entities[(ref["kind"], ref["id"])]
                assert {"kind": kind, "id": id, "field": ref["field"]} in target["referenced_by"]
                count += 1
    assert count > 100
    dairy = entities[("segments", "dairy")]
    assert {
        "field": "buying_committee[0].persona",
        "kind": "personas",
        "id": dairy["fields"]["buying_committee"][0]["persona"],
    } in dairy["references"]


def test_stages_roles_and_briefs(internal):
    stage = internal["stages"][0]
    assert stage["url"] == f"process/#{stage['id']}" and stage["referenced_by"]
    assert internal["roles"] and all(r["url"].startswith("team/#") for r in internal["roles"])
    brief = internal["briefs"][0]
    assert brief["url"] == f"briefs/{brief['segment']}/{brief['persona']}/"


def test_every_url_is_a_page_of_the_site(project, internal):
    site = prepare_site(project, Options())
    urls = {page_url(path, True) for path in site.pages}
    for kind in internal["entities"].values():
        for entity in kind:
            assert entity["url"] in urls, entity["url"]
    for brief in internal["briefs"]:
        assert brief["url"] in urls
    assert internal["company"]["url"] in urls and internal["process"]["url"] in urls


def test_base_url_and_html_urls(project, tmp_path):
    data = _export(project, "--base-url", "https://playbook.example.com/sales")
    cfo = next(e for e in data["entities"]["personas"] if e["id"] == "cfo")
    assert cfo["url"] == "https://playbook.example.com/sales/personas/cfo/"
    other = copy_example(tmp_path / "p")
    config = (other / "mkdocs.yml").read_text()
    (other / "mkdocs.yml").write_text(config + "site_url: https://sales.example.com/\nuse_directory_urls: false\n")
    cfo = next(e for e in _export(other)["entities"]["personas"] if e["id"] == "cfo")
    assert cfo["url"] == "https://sales.example.com/personas/cfo.html"


def test_output_is_stable(project, internal):
    assert _export(project) == internal
    first = CliRunner().invoke(main, ["export", str(project)]).stdout
    assert CliRunner().invoke(main, ["export", str(project)]).stdout == first


def _plant(data: dict, stem: str) -> None:
    if data.get("audience", "internal") == "internal" or data.get("draft"):
        data["summary"] = f"{data.get('summary', '')} {CANARY}-entity-{stem}"
    if isinstance(data.get("internal"), dict):
        data["internal"] = {"notes": f"{CANARY}-block-{stem}"}


@pytest.fixture(scope="module")
def canary_project(tmp_path_factory):
    """The example with a canary in every internal block and every internal or draft entity."""
    project = copy_example(tmp_path_factory.mktemp("export-canary"))
    for path in sorted((project / "content").rglob("*.yml")) + sorted((project / "playbooks").glob("*.yml")):
        edit_yaml(path, lambda data, stem=path.stem: _plant(data, stem))
    # Pages: the internal one's text, the partner one's internal block.
    rewrite_page(
        project / "content/pages/how-we-price.md", lambda d: {**d, "body": f"{d['body']} {CANARY}-entity-page"}
    )
    rewrite_page(
        project / "content/pages/onboarding-a-new-seller.md",
        lambda d: {**d, "internal": {"notes": f"{CANARY}-block-page"}},
    )
    return project


def test_pages_are_exported_with_their_text(canary_project):
    data = json.loads(CliRunner().invoke(main, ["export", str(canary_project)]).stdout)
    pages = {e["id"]: e for e in data["entities"]["pages"]}
    assert pages["how-we-price"]["file"] == "content/pages/how-we-price.md"
    assert f"{CANARY}-entity-page" in pages["how-we-price"]["fields"]["body"]
    assert pages["how-we-price"]["fields"]["title"] == "How we price"


def test_internal_export_carries_the_canaries(canary_project):
    text = CliRunner().invoke(main, ["export", str(canary_project)]).stdout
    assert f"{CANARY}-block-" in text and f"{CANARY}-entity-" in text


@pytest.mark.parametrize("audience", ["partner", "public"])
def test_nothing_internal_in_outside_exports(canary_project, audience):
    result = CliRunner().invoke(main, ["export", str(canary_project), "--audience", audience])
    assert result.exit_code == 0
    assert CANARY not in result.stdout
    data = json.loads(result.stdout)
    allowed = {"partner": {"partner", "public"}, "public": {"public"}}[audience]
    ids = {(e["kind"], e["id"]) for kind in data["entities"].values() for e in kind}
    for kind in data["entities"].values():
        for e in kind:
            assert e["fields"]["audience"] in allowed and e["fields"]["internal"] is None
            for ref in e["references"] + e["referenced_by"]:
                if ref["kind"] in FOLDER_KINDS:
                    assert (ref["kind"], ref["id"]) in ids  # no reference to something left out
    assert data["audience"] == audience


def test_export_refuses_a_project_with_errors(make_project):
    root = make_project({"content/personas/cfo.yml": "name: CFO\nsegments: [x]\n"})
    result = CliRunner().invoke(main, ["export", str(root)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "E200" in result.stderr

"""`playbook coverage` and the "Content health" page: gaps named by segment and persona id."""

from __future__ import annotations

import datetime
import html
import json

import pytest
from click.testing import CliRunner

from generator.catalog.check import check_project
from generator.catalog.coverage import analyse
from generator.cli import main
from generator.site.edition import Options, prepare_site

from .sitebuild import REPO

PROJECT = {
    "content/segments/dairy.yml": """
        name: Dairy
        owner: Anna
        buying_committee:
          - {persona: cfo, role: economic_buyer}
          - {persona: plant-manager, role: user_buyer}
    """,
    "content/segments/bakery.yml": """
        name: Bakery
        owner: Anna
        review_by: 2026-01-01
        buying_committee:
          - {persona: cfo, role: economic_buyer}
    """,
    "content/personas/cfo.yml": """
        name: CFO
        owner: Ben
        discovery_questions: [What payback do you need?]
        objections:
          - objection: Too expensive.
    """,
    "content/personas/plant-manager.yml": "name: Plant manager\n",
    "content/value-propositions/payback.yml": """
        name: Two-year payback
        owner: Ben
        personas: [cfo]
        proof_points:
          - claim: Nordkorn paid back in 22 months.
            assets: [case-nordkorn]
    """,
    "content/value-propositions/uptime.yml": """
        name: Uptime
        owner: Ben
        segments: [bakery]
        proof_points:
          - claim: Unproven so far.
    """,
    "content/assets/case-nordkorn.yml": """
        name: Nordkorn case
        owner: Anna
        stages: [prove]
    """,
    "content/process.yml": """
        owner: Sales ops
        stages:
          - {id: qualify, name: Qualify, buyer_stage: interest}
          - {id: prove, name: Prove, buyer_stage: evaluation}
    """,
}
ON = datetime.date(2026, 6, 1)


@pytest.fixture
def project(make_project):
    return make_project(PROJECT)


def test_gaps_and_missing_pieces_are_named(project):
    report = analyse(check_project(project, on=ON).catalog, ON)
    assert [(s.segment, s.persona) for s in report.gaps] == [("dairy", "plant-manager")]
    assert len(report.seats) == 3 and report.covered_share == pytest.approx(2 / 3)
    assert [r.id for r in report.personas_without_objections] == ["plant-manager"]
    assert [r.id for r in report.personas_without_questions] == ["plant-manager"]
    assert [r.id for r in report.stages_without_assets] == ["qualify"]
    assert [r.id for r in report.value_propositions_without_proof] == ["uptime"]
    assert [(s.entity.id, s.review_by) for s in report.stale] == [("bakery", datetime.date(2026, 1, 1))]
    assert [r.id for r in report.ownerless] == ["plant-manager"]
    owners = {o.owner: (o.entities, o.stale) for o in report.owners}
    assert owners == {"Anna": (3, 1), "Ben": (3, 0), "Sales ops": (1, 0), None: (1, 0)}
    assert report.problems == 7


def test_json_format_has_the_documented_shape(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC).timestamp())))
    result = CliRunner().invoke(main, ["coverage", str(project), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["today"] == "2026-06-01"
    assert data["committee"]["gaps"] == [{"segment": "dairy", "persona": "plant-manager", "role": "user_buyer"}]
    assert data["committee"]["seats"] == 3 and data["committee"]["covered"] == 2
    assert data["personas_without_objections"] == ["plant-manager"]
    assert data["personas_without_discovery_questions"] == ["plant-manager"]
    assert data["stages_without_assets"] == ["qualify"]
    assert data["value_propositions_without_proof"] == ["uptime"]
    assert data["stale"][0]["id"] == "bakery" and data["stale"][0]["review_by"] == "2026-01-01"
    assert data["ownerless"] == [{"kind": "personas", "id": "plant-manager", "name": "Plant manager"}]
    assert {"owner": None, "entities": 1, "stale": 0} in data["owners"]


def test_text_and_markdown_name_the_gap_by_ids(project):
    text = CliRunner().invoke(main, ["coverage", str(project)])
    assert text.exit_code == 0
    assert "gap: segment dairy, persona plant-manager" in text.stdout
    md = CliRunner().invoke(main, ["coverage", str(project), "--format", "markdown"])
    assert "| `dairy` | `plant-manager` | user buyer |" in md.stdout
    assert md.stdout.startswith("## Content health")


def test_the_bundled_example_is_fully_covered():
    report = analyse(check_project(REPO).catalog, datetime.date(2026, 11, 23))
    assert report.gaps == [] and len(report.seats) > 20
    assert report.personas_without_objections == [] and report.stages_without_assets == []


def test_a_project_with_errors_still_reports_but_fails(make_project):
    root = make_project({**PROJECT, "content/personas/broken.yml": "name: [not text]\n"})
    result = CliRunner().invoke(main, ["coverage", str(root)])
    assert result.exit_code == 1
    assert "only the valid files" in result.stderr
    assert "gap: segment dairy, persona plant-manager" in result.stdout


def test_the_content_health_page_names_the_gap(project):
    site = prepare_site(project, Options())
    page = html.unescape(site.html["health.md"])
    assert '<h1 id="content-health">Content health<' in page
    assert "<code>dairy</code>" in page and "<code>plant-manager</code>" in page
    assert "2 of 3 committee seats" in page
    assert 'href="../briefs/dairy/plant-manager/"' in page
    assert "Content health" in [title for title, _ in site.nav]


def test_no_content_health_page_outside_the_internal_edition(project):
    for audience in ("partner", "public"):
        assert "health.md" not in prepare_site(project, Options(audience=audience)).html

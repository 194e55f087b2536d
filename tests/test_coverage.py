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


def test_text_and_markdown_list_the_gap_as_a_todo(project):
    text = CliRunner().invoke(main, ["coverage", str(project)])
    assert text.exit_code == 0
    assert "To do for Anna: 5" in text.stdout
    assert (
        "  content/value-propositions/: segments, personas: No value proposition speaks to the Plant manager in Dairy"
        in text.stdout
    )
    md = CliRunner().invoke(main, ["coverage", str(project), "--format", "markdown"])
    assert "### Anna: 5 to do" in md.stdout
    assert "| Segment `bakery` | `content/segments/bakery.yml:3` | `review_by` |" in md.stdout
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
    assert "No value proposition speaks to the Plant manager in Dairy" in result.stdout


def test_the_content_health_page_names_the_gap(project):
    site = prepare_site(project, Options())
    page = html.unescape(site.html["health.md"])
    assert '<h1 id="content-health">Content health<' in page
    assert "2 of 3 committee seats" in page
    assert 'href="../briefs/dairy/plant-manager/">Plant manager in Dairy</a>' in page
    assert "Content health" in [title for title, _ in site.nav]


def test_no_content_health_page_outside_the_internal_edition(project):
    for audience in ("partner", "public"):
        assert "health.md" not in prepare_site(project, Options(audience=audience)).html


# --- the to-do list: who, which file, which field, what to do -------------------------------------


def _todos(root):
    result = check_project(root, on=ON)
    return analyse(result.catalog, ON, result.sources)


def test_every_gap_is_a_todo_with_owner_file_line_and_field(project):
    report = _todos(project)
    found = {(t.problem, t.subject.id): t for t in report.todos}
    assert len(report.todos) == report.problems == 7
    gap = found[("committee-gap", "dairy")]  # no value proposition names the persona or the segment
    assert (gap.owner, gap.file, gap.line, gap.field) == (
        "Anna",
        "content/value-propositions/",
        None,
        "segments, personas",
    )
    assert "`playbook new value-proposition ID`" in gap.action and "`segments: [dairy]`" in gap.action
    objections = found[("no-objections", "plant-manager")]  # no owner: the segment it sits in
    assert (objections.owner, objections.owner_from.id) == ("Anna", "dairy")
    assert (objections.file, objections.field) == ("content/personas/plant-manager.yml", "objections")
    stage = found[("stage-without-assets", "qualify")]
    assert (stage.owner, stage.file, stage.line, stage.field) == (
        "Sales ops",
        "content/process.yml",
        3,
        "stages[0].assets",
    )
    unproven = found[("unproven", "uptime")]
    assert (unproven.owner, unproven.line, unproven.field) == ("Ben", 4, "proof_points")
    stale = found[("stale", "bakery")]
    assert (stale.owner, stale.file, stale.line, stale.field) == ("Anna", "content/segments/bakery.yml", 3, "review_by")
    assert "2026-01-01" in stale.action and "move `review_by` forward" in stale.action
    assert found[("ownerless", "plant-manager")].field == "owner"


def test_a_seat_gap_points_at_the_value_proposition_one_list_away(make_project):
    """A value proposition for the persona in other segments: add the segment to it."""
    files = dict(PROJECT)
    files["content/value-propositions/payback.yml"] = PROJECT["content/value-propositions/payback.yml"].replace(
        "personas: [cfo]", "personas: [cfo, plant-manager]\n        segments: [bakery]"
    )
    report = _todos(make_project(files))
    gap = next(t for t in report.todos if t.problem == "committee-gap")
    assert (gap.file, gap.line, gap.field) == ("content/value-propositions/payback.yml", 4, "segments")
    assert "add `dairy` to the `segments` of 'Two-year payback'" in gap.action
    assert gap.owner == "Anna"  # the seat is the segment's: its owner sees to it


def test_todos_are_grouped_by_owner_with_nobody_last(make_project):
    root = make_project({**PROJECT, "content/personas/loner.yml": "name: Loner\n"})
    groups = _todos(root).by_owner()
    assert [owner for owner, _ in groups] == ["Anna", "Ben", "Sales ops", "unowned"]
    assert {(t.problem, t.subject.id) for t in dict(groups)["unowned"]} == {
        ("no-objections", "loner"),
        ("no-questions", "loner"),
        ("ownerless", "loner"),
    }
    anna = dict(groups)["Anna"]
    assert [t.file for t in anna] == sorted(t.file for t in anna)


def test_a_playbook_owner_in_company_yml_takes_what_nobody_else_owns(make_project):
    root = make_project(
        {
            **PROJECT,
            "content/personas/loner.yml": "name: Loner\n",
            "content/company.yml": "name: Co\nowner: Marketing\n",
        }
    )
    todos = [t for t in _todos(root).todos if t.subject.id == "loner"]
    assert {t.owner for t in todos} == {"Marketing"} and todos[0].owner_from.kind == "company"


def test_owner_option_lists_one_owners_todos(project):
    result = CliRunner().invoke(main, ["coverage", str(project), "--owner", "ben"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "To do for Ben: 1"
    assert lines[1].startswith("  content/value-propositions/uptime.yml:4: proof_points: Nothing proves 'Uptime'")
    assert len(lines) == 2  # nobody else's to-dos, no summary


def test_owner_option_answers_to_a_name_or_an_email_address(make_project):
    root = make_project(
        {
            **PROJECT,
            "content/personas/cfo.yml": PROJECT["content/personas/cfo.yml"].replace("Ben", "Ben Ode (ben@x.example)"),
        }
    )
    for name in ("Ben Ode", "BEN@x.example", "Ben Ode (ben@x.example)"):
        result = CliRunner().invoke(main, ["coverage", str(root), "--owner", name])
        assert result.exit_code == 0, (name, result.output)
        assert result.stdout.startswith("Nothing to do for Ben Ode (ben@x.example).")


def test_unknown_owner_is_a_usage_error_listing_the_owners(project):
    result = CliRunner().invoke(main, ["coverage", str(project), "--owner", "Anan"])
    assert result.exit_code == 2
    assert "no owner 'Anan' in this playbook (did you mean 'Anna'?)" in result.stderr
    assert "Owners: Anna; Ben; Sales ops." in " ".join(result.stderr.split())
    assert result.stdout == ""


def test_json_todos_carry_owner_file_line_and_field(project):
    data = json.loads(CliRunner().invoke(main, ["coverage", str(project), "--format", "json"]).stdout)
    stale = next(t for t in data["todos"] if t["problem"] == "stale")
    assert stale == {
        "owner": "Anna",
        "owner_from": None,
        "problem": "stale",
        "kind": "segments",
        "id": "bakery",
        "name": "Bakery",
        "file": "content/segments/bakery.yml",
        "line": 3,
        "field": "review_by",
        "action": stale["action"],
    }
    only = json.loads(CliRunner().invoke(main, ["coverage", str(project), "--format", "json", "--owner", "Ben"]).stdout)
    assert [t["owner"] for t in only["todos"]] == ["Ben"] and only["entities"] == data["entities"]


def test_the_content_health_page_groups_the_todos_by_owner(project):
    page = html.unescape(prepare_site(project, Options()).html["health.md"])
    headings = [h.split(">", 1)[1] for h in page.split("<h2 id=")[1:]]
    assert [h.split("<", 1)[0] for h in headings] == ["Anna", "Ben", "Sales ops", "Entries per owner"]
    ben = page.split('<h2 id="ben">')[1].split("</table>")[0]
    assert "<code>content/value-propositions/uptime.yml</code><br>field <code>proof_points</code>" in ben
    assert "Nothing proves 'Uptime': cite an asset" in ben
    anna = page.split('<h2 id="anna">')[1].split("</table>")[0]
    assert 'href="../briefs/dairy/plant-manager/"' in anna  # the seat's brief
    assert "(on this list as owner of segment Dairy)" in anna

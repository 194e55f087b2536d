"""The o2o relationship map: its facts, its layout, the pages that show it, and what editions may draw."""

from __future__ import annotations

import datetime
import re
import textwrap
from pathlib import Path

import pytest

from generator.catalog import relationships as rm
from generator.catalog.audience import for_audience
from generator.catalog.check import check_project
from generator.catalog.coverage import analyse, report_json, report_markdown, report_text
from generator.site.edition import Options, prepare_site
from generator.site.map_layout import layout, name_lines

SECOND = Path(__file__).parent / "fixtures" / "second-project"
EXAMPLE = Path(__file__).resolve().parent.parent


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


TEAM = """
    roles:
      - {id: ae, name: Account executive, engages: [cfo]}
      - {id: se, name: Sales engineer, engages: [ops]}
      - {id: pm, name: Partner manager}
"""
PROJECT = {
    "content/segments/banks.yml": """
        name: Banks
        buying_committee:
          - {persona: cfo, role: economic_buyer, influence: high}
          - {persona: ops, role: user_buyer, influence: low, engaged_by: [se]}
          - {persona: dpo, role: blocker, influence: medium}
    """,
    "content/personas/ceo.yml": "name: Chief executive\n",
    "content/personas/cfo.yml": "name: Chief financial officer\nreports_to: ceo\n",
    "content/personas/ops.yml": "name: IT operations\nreports_to: cfo\n",
    "content/personas/dpo.yml": "name: Data protection officer\nreports_to: cfo\n",
    "content/team.yml": TEAM,
    "content/process.yml": """
        stages:
          - {id: prove, name: Prove, buyer_stage: evaluation, team: [ae, se], exit_criteria: [Trial passed]}
    """,
    "playbooks/win.yml": """
        name: Win banks
        segments: [banks]
        plays:
          - {stage: prove, name: Trial, owner: se, with: [ops, dpo]}
    """,
}


@pytest.fixture
def project(tmp_path) -> Path:
    return write(tmp_path / "p", PROJECT)


def catalog_of(root: Path, audience: str = "internal"):
    result = check_project(root)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return for_audience(result.catalog, audience)


def test_map_facts_follow_engaged_by_then_the_roles_engages(project):
    catalog = catalog_of(project)
    found = rm.relationship_map(catalog, catalog.get("segments", "banks"))
    by_id = {p.persona.id: p for p in found.people}
    assert [r.id for r in by_id["cfo"].engaged_by] == ["ae"]  # no engaged_by: team.yml's engages
    assert [r.id for r in by_id["ops"].engaged_by] == ["se"]  # engaged_by wins
    assert [p.persona.id for p in found.gaps] == ["dpo"]
    assert [r.id for r in found.idle_roles] == ["pm"]
    assert by_id["cfo"].manager.id == "ceo" and not by_id["cfo"].manager_on_committee
    assert [p.id for p in found.outsiders] == ["ceo"]
    assert [p.id for p in found.reports(by_id["cfo"].persona)] == ["ops", "dpo"]


def test_an_edition_without_our_team_calls_nobody_a_gap(project):
    for name in ("segments/banks", "personas/cfo", "personas/ops", "personas/dpo"):
        path = project / f"content/{name}.yml"
        path.write_text(path.read_text() + "audience: partner\n")
    catalog = catalog_of(project, "partner")  # team.yml is internal
    found = rm.relationship_map(catalog, catalog.get("segments", "banks"))
    assert [p.persona.id for p in found.people] == ["cfo", "ops", "dpo"]
    assert found.roles == () and found.gaps == []
    assert analyse(catalog, datetime.date(2026, 1, 1)).unengaged == []
    page = prepare_site(project, Options(audience="partner")).html["segments/banks.md"]
    assert "Our team" not in map_svg(page) and "nobody on our side" not in page.lower()


def test_stage_view_puts_play_owners_first_then_the_stage_team(project):
    catalog = catalog_of(project)
    (view,) = rm.segment_stages(catalog, catalog.get("segments", "banks"))
    meetings = [(m.role.id, [p.id for p in m.people], m.from_plays) for m in view.meetings]
    assert meetings == [("se", ["ops", "dpo"], True), ("ae", ["cfo"], False)]


def test_place_names_manager_reports_and_owners(project):
    catalog = catalog_of(project)
    seats = {s.persona.id: s for s in rm.rel.seats(catalog, catalog.get("segments", "banks"))}
    place = rm.place(catalog, seats["dpo"])
    assert place.manager.id == "cfo" and place.manager_on_committee
    assert [(tuple(s.id for s in stages), tuple(r.id for r in roles)) for stages, roles in place.owners] == [
        (("prove",), ("se",))
    ]
    assert [p.id for p in rm.place(catalog, seats["cfo"]).reports] == ["ops", "dpo"]


@pytest.mark.parametrize(
    "managers, loops",
    [
        ({"a": "b", "b": "c"}, []),
        ({"a": "a"}, [["a"]]),
        ({"c": "a", "a": "b", "b": "c", "d": "a"}, [["a", "b", "c"]]),
        ({"a": "b", "b": "a", "x": "y", "y": "x"}, [["a", "b"], ["x", "y"]]),
    ],
)
def test_reports_to_cycles(managers, loops):
    from generator.model.kinds import Persona

    personas = []
    for pid in sorted(set(managers) | set(managers.values())):
        persona = Persona(name=pid, reports_to=managers.get(pid))
        persona._id = pid
        personas.append(persona)
    assert rm.reports_to_cycles(personas) == loops


def _committee_project(root: Path, size: int, depth: int) -> Path:
    """A committee of `size` people in `depth` reporting levels, each engaged by one of 5 roles."""
    files = {"content/team.yml": "roles:\n" + "".join(f"  - {{id: r{i}, name: Role number {i}}}\n" for i in range(5))}
    members = []
    for i in range(size):
        manager = f"reports_to: p{(i - 1) // 2}\n" if depth > 1 and i > 0 and (i - 1) // 2 < i else ""
        files[f"content/personas/p{i}.yml"] = f"name: Person with a rather long job title {i}\n{manager}"
        members.append(f"  - {{persona: p{i}, role: influencer, influence: high, engaged_by: [r{i % 5}]}}\n")
    files["content/segments/s.yml"] = "name: S\nbuying_committee:\n" + "".join(members)
    return write(root, files)


@pytest.mark.parametrize("size", [2, 5, 12])
@pytest.mark.parametrize("depth", [1, 3])
def test_layout_keeps_boxes_apart_inside_the_drawing(tmp_path, size, depth):
    catalog = catalog_of(_committee_project(tmp_path / "p", size, depth))
    found = rm.relationship_map(catalog, catalog.get("segments", "s"))
    drawn = layout(found)
    assert len(drawn.boxes) == size + 5
    for b in drawn.boxes:
        assert b.x >= 0 and b.x + b.width <= drawn.width and b.y >= 0 and b.y + drawn.box_h <= drawn.height
    for a in drawn.boxes:
        for b in drawn.boxes:
            if a is not b:
                apart = (
                    a.x + a.width <= b.x or b.x + b.width <= a.x or a.y + drawn.box_h <= b.y or b.y + drawn.box_h <= a.y
                )
                assert apart, (a.key, b.key)
    assert drawn.width <= 1000  # legible when scaled to a page column; wider layers wrap
    assert len([e for e in drawn.edges if e.kind == "engages"]) == size
    assert layout(found) == drawn  # deterministic


def test_layout_survives_a_reporting_loop(tmp_path):
    root = write(tmp_path / "p", PROJECT)
    (root / "content/personas/cfo.yml").write_text("name: CFO\nreports_to: ops\n")  # ops reports to cfo
    result = check_project(root)
    assert [d.code for d in result.diagnostics if d.severity == "error"] == ["E220"]
    found = rm.relationship_map(result.catalog, result.catalog.get("segments", "banks"))
    drawn = layout(found)
    assert all(e.kind == "engages" or "M" in e.path for e in drawn.edges)
    assert not [e for e in drawn.edges if e.kind == "reports" and e.source in ("CFO", "IT operations")]


def test_name_lines_break_between_words_and_cut_what_does_not_fit():
    assert name_lines("Chief information security officer", 20) == ("Chief information", "security officer")
    assert name_lines("Head of procurement", 20) == ("Head of procurement",)
    assert name_lines("Supercalifragilisticexpialidocious", 10) == ("Supercali…",)
    assert name_lines("A very long name that goes on and on", 12) == ("A very long", "name that g…")


def map_svg(html: str) -> str:
    match = re.search(r"<svg class=\"pb-map__svg[^\"]*\".*?</svg>", html, re.S)
    assert match, "no relationship map on the page"
    return match.group(0)


def test_hostile_names_stay_text_in_the_svg_and_its_text_alternative(project):
    (project / "content/personas/dpo.yml").write_text(
        'name: "<script>alert(1)</script> & <b onload=x>"\nreports_to: cfo\n', encoding="utf-8"
    )
    page = prepare_site(project, Options()).html["segments/banks.md"]
    assert "<script>" not in page and "<b onload" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b onload=x&gt;" in map_svg(page)
    facts = page[page.index('<ul class="pb-map__facts">') :]
    assert "&lt;script&gt;" in facts.split("</ul>")[0]


def test_pages_show_map_stage_view_and_brief_line(project):
    html = prepare_site(project, Options()).html
    segment = html["segments/banks.md"]
    svg = map_svg(segment)
    assert 'role="img"' in svg and "Relationship map: Banks" in svg
    assert "Nobody on our side engages: Data protection officer." in svg  # the gap, in words
    assert "pb-map__box--gap" in svg
    assert 'id="stage-by-stage"' in segment and "(play)" in segment
    assert 'id="stage-by-stage"' in html["playbooks/win.md"]
    brief = html["briefs/banks/dpo.md"]
    assert 'class="pb-map-place"' in brief and "our relationship owner: Sales engineer (Prove)" in brief


@pytest.mark.parametrize("root", [EXAMPLE, SECOND], ids=["example", "second-project"])
def test_every_segment_page_shows_the_map_and_the_stage_view(root):
    site = prepare_site(root, Options())
    segments = [p for p in site.pages if p.startswith("segments/") and p != "segments/index.md"]
    assert segments
    for path in segments:
        map_svg(site.html[path])
        assert 'id="stage-by-stage"' in site.html[path], path


def test_rebuilds_draw_byte_identical_maps():
    first = prepare_site(SECOND, Options()).html["segments/regional-banks.md"]
    second = prepare_site(SECOND, Options()).html["segments/regional-banks.md"]
    assert map_svg(first) == map_svg(second)


def test_coverage_lists_members_nobody_engages(project):
    catalog = catalog_of(project)
    report = analyse(catalog, datetime.date(2026, 1, 1))
    assert [(s.segment, s.persona) for s in report.unengaged] == [("banks", "dpo")]
    todo = next(t for t in report.todos if t.problem == "unengaged")
    assert todo.field == "buying_committee[2].engaged_by" and todo.file == "content/segments/banks.yml"
    assert f"{todo.file}: {todo.field}: Nobody on our side engages the" in report_text(report)
    assert "| Segment `banks` | `content/segments/banks.yml` | `buying_committee[2].engaged_by` |" in report_markdown(
        report
    )
    assert '"unengaged": [\n    {\n      "segment": "banks"' in report_json(report)
    health = prepare_site(project, Options()).html["health.md"]
    assert "Committee member nobody engages" in health and 'banks/#relationship-map">' in health


def test_second_project_reports_its_unengaged_data_protection_officer():
    report = analyse(check_project(SECOND).catalog, datetime.date(2026, 1, 1))
    assert ("regional-banks", "data-protection-officer") in [(s.segment, s.persona) for s in report.unengaged]

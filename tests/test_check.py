"""`playbook check` over whole projects: the example folders, every catalog rule, ordering,
--strict, reporting every problem at once, and no cascades from a broken file.

tests/invalid/<case>/ holds a small project and the exact text output expected from
`playbook check`; tests/valid/<case>/ holds projects that must check clean, even under --strict.
Refresh expected files with `python tests/regen_expected.py [CASE ...]` and review the diff.
"""

from __future__ import annotations

import datetime
import os
import random
import re
import sys
from pathlib import Path

import pytest

from generator.catalog import check as check_module
from generator.catalog.check import check_project
from generator.catalog.company_rules import contrast_with_white
from generator.diagnostics import CODES, ERROR, WARNING, Diagnostic, error, finalize, has_errors, warning

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the runner shared with tests/regen_expected.py
from regen_expected import INVALID, TODAY, VALID, cases, run_check  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): (error|warning)\[(?P<code>[EW]\d{3})\]: \S.*$"
)


def check(root: Path, *, on: datetime.date = TODAY, strict: bool = False) -> list[str]:
    return [str(d) for d in check_project(root, on=on, strict=strict).diagnostics]


def codes(root: Path, **kwargs) -> list[str]:
    return [line.split("[", 1)[1].split("]", 1)[0] for line in check(root, **kwargs)]


# ---------------------------------------------------------------------------------------------
# The example folders


def _invalid_params():
    for case in cases(INVALID):
        xfail = case / "xfail.txt"
        marks = (
            [pytest.mark.xfail(reason=xfail.read_text(encoding="utf-8").strip(), strict=True)] if xfail.exists() else []
        )
        yield pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", list(_invalid_params()))
def test_invalid_example(case: Path):
    expected_file = case / "expected.txt"
    assert expected_file.exists(), f"write it with `python tests/regen_expected.py {case.name}` and review it"
    expected = expected_file.read_text(encoding="utf-8")
    assert expected.strip(), "an invalid example must expect at least one diagnostic"
    for line in expected.splitlines():
        match = LINE.match(line)
        assert match, f"not a diagnostic line: {line!r}"
        assert (case / match["file"]).is_file(), (
            f"{match['file']} is not a file of the project (paths are relative to its root)"
        )
        assert match["code"] in CODES

    result = run_check(case)

    assert result.stdout.splitlines() == expected.splitlines()
    assert result.stdout == expected
    assert result.exit_code == (1 if "error[" in expected else 0), result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", cases(VALID), ids=lambda p: p.name)
def test_valid_example(case: Path):
    result = run_check(case, "--strict")
    assert result.stdout == ""
    assert result.exit_code == 0, result.output


def test_small_complete_example_loads_every_kind():
    result = check_project(VALID / "small-complete", on=TODAY)
    assert result.diagnostics == []
    catalog = result.catalog
    assert sorted(catalog.singles) == ["company", "leads", "process", "team"]
    assert {kind for kind, found in catalog.entities.items() if found} == {
        "segments",
        "personas",
        "value-propositions",
        "products",
        "assets",
        "competitors",
        "insights",
        "playbooks",
    }
    assert catalog.get("personas", "cfo").rel == "content/personas/cfo.yaml"


def test_bundled_example_has_no_errors():
    """The example playbook at the repository root (its content is still being written)."""
    diagnostics = check_project(REPO).diagnostics
    errors = [str(d) for d in diagnostics if d.severity == ERROR]
    assert errors == []


# ---------------------------------------------------------------------------------------------
# The catalogue of codes


def test_every_code_is_documented():
    assert CODES
    for code, description in CODES.items():
        assert re.fullmatch(r"[EW]\d{3}", code), code
        assert code.startswith("W") == (code[1] == "3"), f"{code}: warnings are W3xx, errors E1xx/E2xx/E9xx"
        assert description.strip(), f"{code} has no description"


def test_every_code_the_generator_emits_is_in_the_catalogue():
    used = set()
    for path in (REPO / "generator").rglob("*.py"):
        used |= set(re.findall(r"""["']([EW]\d{3})["']""", path.read_text(encoding="utf-8")))
    assert used - set(CODES) == set()


def test_every_code_is_exercised_by_an_example_or_a_unit_test():
    seen = set()
    for case in cases(INVALID):
        expected = case / "expected.txt"
        if expected.exists():
            seen |= {LINE.match(line)["code"] for line in expected.read_text(encoding="utf-8").splitlines()}
    elsewhere = {
        "E107": "test_file_too_large",  # a 1 MB fixture does not belong in the repository
        "E900": "test_a_loader_bug_in_one_file_does_not_stop_the_check",
        "E230": "test_template_errors.py: check renders no template; build and serve report it",
    }
    assert set(CODES) - seen - set(elsewhere) == set()


# ---------------------------------------------------------------------------------------------
# Loading problems that no example folder holds


def test_file_too_large(make_project):
    big = "name: Big\ndescription: |\n" + ("  " + "x" * 98 + "\n") * 10_100
    root = make_project({"content/personas/big.yml": big, "content/personas/cfo.yml": "name: CFO\n"})
    lines = check(root)
    assert len(lines) == 1
    assert lines[0].startswith(
        "content/personas/big.yml:1:1: error[E107]: file is 1,020,125 bytes; content files are limited to 1 MB"
    )


def test_broken_symlink_is_reported_not_raised(make_project):
    root = make_project({"content/personas/cfo.yml": "name: CFO\n"})
    os.symlink(root / "nowhere.yml", root / "content/personas/ghost.yml")
    [line] = check(root)
    assert line.startswith("content/personas/ghost.yml:1:1: error[E113]: 'ghost.yml' is a symbolic link")


def test_a_loader_bug_in_one_file_does_not_stop_the_check(make_project, monkeypatch):
    from generator.load import document as loader

    real = loader._load

    def flaky(text, rel):
        if rel == "content/personas/cfo.yml":
            raise RuntimeError("boom")
        return real(text, rel)

    monkeypatch.setattr(loader, "_load", flaky)
    root = make_project(
        {
            "content/personas/cfo.yml": "name: CFO\n",
            "content/personas/ciso.yml": "name: CISO\nsummray: x\n",
            "content/segments/dairy.yml": "name: Dairy\nbuying_committee:\n  - {persona: cfo, role: champion}\n",
        }
    )
    assert check(root) == [
        "content/personas/cfo.yml:1:1: error[E900]: internal error while loading this file (RuntimeError: boom); please report it",
        "content/personas/ciso.yml:2:1: error[E200]: unknown field 'summray' (did you mean 'summary'?)",
    ]


def test_attachment_folders_under_assets_are_not_content(make_project):
    root = make_project(
        {
            "content/assets/deck.yml": "name: Deck\nfile: files/deck.yml\npersonas: [cfo]\n",
            "content/assets/files/deck.yml": "this: is an attachment, not an asset\n",
            "content/personas/cfo.yml": "name: CFO\n",
            "content/personas/notes.txt": "not YAML, not read, and nothing attaches it\n",
        }
    )
    # The attachment folder is quiet; a file beside the personas that nothing uses is not.
    assert check(root) == [
        "content/personas/notes.txt:1:1: warning[W303]: 'notes.txt' is not content and nothing uses it, so it is "
        "never published: attach it from an asset (file: ...), or move it out of content/"
    ]


# ---------------------------------------------------------------------------------------------
# Validation: where the diagnostics point


def test_unknown_field_points_at_the_key_and_missing_field_at_the_parent_mapping(make_project):
    root = make_project(
        {
            "content/leads.yml": """
            definitions:
              - id: mql
                name: Marketing qualified lead
              - id: sql
                nmae: Sales qualified lead
            scoring:
              fit:
                - signal: Food producer
            """,
        }
    )
    assert check(root) == [
        "content/leads.yml:4:5: error[E201]: missing required field 'name': add it to this mapping",
        "content/leads.yml:5:5: error[E200]: unknown field 'nmae' (did you mean 'name'?)",
        "content/leads.yml:8:7: error[E201]: missing required field 'points': add it to this mapping",
    ]


@pytest.mark.parametrize(
    "raw",
    [b"name: CFO\r\nsummray: x\r\ntitles:\r\n  - 42\r\n", b"\xef\xbb\xbfname: CFO\nsummray: x\ntitles:\n  - 42\n"],
    ids=["windows-line-endings", "byte-order-mark"],
)
def test_positions_do_not_depend_on_line_endings_or_a_bom(make_project, raw):
    root = make_project({"content/personas/cfo.yml": raw})
    assert check(root) == [
        "content/personas/cfo.yml:2:1: error[E200]: unknown field 'summray' (did you mean 'summary'?)",
        "content/personas/cfo.yml:4:5: error[E202]: 'titles' must be text, not the whole number 42; put it in quotes to keep it as text",
    ]


def test_single_files_need_no_name(make_project):
    root = make_project(
        {"content/process.yml": "stages: []\n", "content/team.yml": "roles: []\n", "content/leads.yml": "{}\n"}
    )
    assert check(root) == []


def test_dates_may_be_quoted_but_must_be_real(make_project):
    root = make_project(
        {
            "content/personas/a.yml": 'name: A\nreviewed: "2026-01-31"\n',
            "content/personas/b.yml": "name: B\nreviewed: 2026-02-30\n",
        }
    )
    [line] = check(root)  # once, by the loader: not again as a wrong type
    assert line.startswith(
        "content/personas/b.yml:2:11: error[E209]: '2026-02-30' cannot be read as a date (day is out of range for month)"
    )


# ---------------------------------------------------------------------------------------------
# Catalog rules, one at a time


def test_references_resolve_across_kinds_with_did_you_mean(make_project):
    root = make_project(
        {
            "content/personas/ciso.yml": "name: CISO\n",
            "content/personas/cfo.yml": """
            name: CFO
            objections:
              - objection: Too expensive
                assets: [roi-calculater]
            """,
            "content/assets/roi-calculator.yml": "name: ROI calculator\npersonas: [cisco]\nurl: https://example.com/x\n",
            "content/segments/dairy.yml": "name: Dairy\ncompetitors: [velmora]\n",
            "content/insights/one.yml": "name: One\ndate: 2026-01-01\nobservation: x\npersonas: [ciso, cfo, cof]\n",
        }
    )
    assert check(root) == [
        "content/assets/roi-calculator.yml:2:12: error[E204]: unknown persona 'cisco' in personas (did you mean 'ciso'?)",
        "content/insights/one.yml:4:23: error[E204]: unknown persona 'cof' in personas (did you mean 'cfo'?)",
        "content/personas/cfo.yml:4:14: error[E204]: unknown asset 'roi-calculater' in assets (did you mean 'roi-calculator'?)",
        "content/segments/dairy.yml:2:15: error[E204]: unknown competitor 'velmora' in competitors",
    ]


def test_references_into_process_and_team_lists(make_project):
    root = make_project(
        {
            "content/process.yml": "stages:\n  - {id: prove, name: Prove, buyer_stage: evaluation, team: [sales-engineeer]}\n",
            "content/team.yml": "roles:\n  - {id: sales-engineer, name: SE, engages: [cfo]}\n",
            "content/leads.yml": "nurture:\n  - {id: t, name: T, personas: [cfo], segments: [diary]}\n",
            "content/segments/dairy.yml": "name: Dairy\n",
        }
    )
    assert check(root) == [
        "content/leads.yml:2:33: error[E204]: unknown persona 'cfo' in personas",
        "content/leads.yml:2:50: error[E204]: unknown segment 'diary' in segments (did you mean 'dairy'?)",
        "content/process.yml:2:62: error[E204]: unknown team role 'sales-engineeer' in team (did you mean 'sales-engineer'?)",
        "content/team.yml:2:46: error[E204]: unknown persona 'cfo' in engages",
    ]


def test_no_cascade_from_files_that_failed(make_project):
    """A persona (or process.yml) that does not validate or load is still known by its id:
    references to it are not reported again as unknown, in any file."""
    root = make_project(
        {
            "content/personas/cfo.yml": "summary: no name\n",
            "content/personas/ciso.yml": "name: [broken\n",
            "content/process.yml": "stages:\n  - id: Prove\n    name: Prove\n    buyer_stage: evaluation\n",
            "content/segments/dairy.yml": "name: Dairy\nbuying_committee:\n  - {persona: cfo, role: champion}\n  - {persona: ciso, role: blocker}\n",
            "content/value-propositions/v.yml": "name: V\npersonas: [cfo, ciso]\n",
            "content/assets/a.yml": "name: A\nstages: [prove]\nurl: https://example.com/x\n",
            "playbooks/p.yml": "name: P\npersonas: [cfo]\nplays:\n  - {stage: prove, name: Go, with: [ciso]}\n",
        }
    )
    assert codes(root) == ["E201", "E100", "E205"]
    assert all("unknown" not in line for line in check(root))


def test_duplicate_ids_inside_the_single_file_lists(make_project):
    root = make_project(
        {
            "content/team.yml": "roles:\n  - {id: ae, name: AE}\n  - {id: se, name: SE}\n  - {id: ae, name: AE 2}\n",
            "content/leads.yml": """
            definitions:
              - {id: mql, name: MQL}
              - {id: mql, name: MQL again}
            nurture:
              - {id: t, name: T}
              - {id: t, name: T}
              - {id: t, name: T}
            """,
        }
    )
    assert check(root) == [
        "content/leads.yml:3:10: error[E206]: lead definition id 'mql' is used twice in definitions (first at line 2); ids must be unique",
        "content/leads.yml:6:10: error[E206]: nurture track id 't' is used twice in nurture (first at line 5); ids must be unique",
        "content/leads.yml:7:10: error[E206]: nurture track id 't' is used twice in nurture (first at line 5); ids must be unique",
        "content/team.yml:4:10: error[E206]: team role id 'ae' is used twice in roles (first at line 2); ids must be unique",
    ]


def test_attachments_must_exist_inside_content(make_project, tmp_path):
    (tmp_path / "outside.pdf").write_text("x")
    root = make_project(
        {
            "content/personas/cfo.yml": "name: CFO\n",
            "content/assets/ok.yml": "name: OK\nfile: ok.pdf\npersonas: [cfo]\n",
            "content/assets/ok.pdf": "x",
            "content/assets/up.yml": "name: Up\nfile: ../personas/cfo.yml\npersonas: [cfo]\n",
            "content/assets/folder.yml": "name: Folder\nfile: files\npersonas: [cfo]\n",
            "content/assets/files/readme.txt": "x",
            "content/assets/link.yml": "name: Link\nfile: link.pdf\npersonas: [cfo]\n",
            "content/assets/escape.yml": "name: Escape\nfile: ../../../outside.pdf\npersonas: [cfo]\n",
        }
    )
    os.symlink(tmp_path / "outside.pdf", root / "content/assets/link.pdf")
    assert check(root) == [
        "content/assets/escape.yml:2:7: error[E208]: file '../../../outside.pdf' is outside content/; attachments must sit inside content/",
        "content/assets/folder.yml:2:7: error[E208]: file 'files' does not exist next to content/assets/folder.yml; add it or fix the path",
        "content/assets/link.pdf:1:1: error[E113]: 'link.pdf' is a symbolic link; the playbook never follows or publishes links and special files (they could pull in files from outside the project): put the real file here instead, or remove it",
        "content/assets/link.yml:2:7: error[E208]: file 'link.pdf' is outside content/; attachments must sit inside content/",
        # Inside content/, but an entity's own YAML: never published as an attachment (issue 12).
        "content/assets/up.yml:2:7: error[E212]: file '../personas/cfo.yml' is a content file, not an attachment: playbook YAML is never published",
    ]


def test_unusable_attachment_names_are_reported_not_raised(make_project):
    root = make_project(
        {
            "content/personas/cfo.yml": "name: CFO\n",
            "content/assets/nul.yml": 'name: NUL\nfile: "a\\0b.pdf"\npersonas: [cfo]\n',
            "content/assets/long.yml": f"name: Long\nfile: {'a' * 300}.pdf\npersonas: [cfo]\n",
            "content/assets/deep.yml": f"name: Deep\nfile: {'x/' * 3000}y.pdf\npersonas: [cfo]\n",
            "content/assets/loop.yml": "name: Loop\nfile: loop.pdf\npersonas: [cfo]\n",
        }
    )
    os.symlink("loop.pdf", root / "content/assets/loop.pdf")
    lines = [line for line in check(root) if "[E113]" not in line]  # the link itself: E113
    assert [line.split(": error[E208]: ")[0] for line in lines] == [
        "content/assets/deep.yml:2:7",
        "content/assets/long.yml:2:7",
        "content/assets/loop.yml:2:7",
        "content/assets/nul.yml:2:7",
    ]
    assert lines[1].endswith("...' cannot be used as an attachment: File name too long")
    assert lines[2].endswith("file 'loop.pdf' cannot be used as an attachment: it is a loop of symbolic links")
    assert lines[3].endswith("file 'a\\u0000b.pdf' cannot be used as an attachment: embedded null byte")


@pytest.mark.parametrize(
    ("review_by", "stale"),
    [("2026-06-30", True), ("2026-07-01", False), ("2026-07-02", False), ("'2001-01-01'", True)],
)
def test_stale_entities(make_project, review_by, stale):
    root = make_project({"content/process.yml": f"name: Process\nreview_by: {review_by}\n"})
    lines = check(root, on=datetime.date(2026, 7, 1))
    if stale:
        when = review_by.strip("'")
        assert lines == [
            f"content/process.yml:2:12: warning[W300]: stale since {when}: review 'Process' and move review_by forward"
        ]
    else:
        assert lines == []


def test_stale_uses_source_date_epoch_as_today(make_project, monkeypatch):
    root = make_project({"content/personas/cfo.yml": "name: CFO\nreview_by: 2026-07-01\n"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 7, 2, tzinfo=datetime.UTC).timestamp())))
    assert check_module.today() == datetime.date(2026, 7, 2)
    assert [d.code for d in check_project(root).diagnostics] == ["W300"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 6, 30, tzinfo=datetime.UTC).timestamp())))
    assert check_project(root).diagnostics == []


def test_orphan_assets(make_project):
    root = make_project(
        {
            "content/assets/orphan.yml": "name: Orphan\nurl: https://example.com/x\n",
            "content/assets/for-a-segment.yml": "name: S\nsegments: [dairy]\nurl: https://example.com/x\n",
            "content/assets/in-a-stage.yml": "name: In a stage\nurl: https://example.com/x\n",
            "content/assets/in-a-playbook.yml": "name: In a playbook\nurl: https://example.com/x\n",
            "content/assets/proves-an-objection.yml": "name: Proof\nurl: https://example.com/x\n",
            "content/assets/names-a-product.yml": "name: Products are not enough\nproducts: [flexline]\nurl: https://example.com/x\n",
            "content/products/flexline.yml": "name: FlexLine\n",
            "content/segments/dairy.yml": "name: Dairy\n",
            "content/process.yml": "stages:\n  - {id: prove, name: Prove, buyer_stage: evaluation, assets: [in-a-stage]}\n",
            "playbooks/p.yml": "name: P\nplays:\n  - {stage: prove, name: Go, assets: [in-a-playbook]}\n",
            "content/competitors/velmora.yml": "name: Velmora\nobjections:\n  - {objection: Cheaper, assets: [proves-an-objection]}\n",
        }
    )
    assert [line.split(": warning")[0] + " " + line.split("[")[1][:4] for line in check(root)] == [
        "content/assets/names-a-product.yml:1:7 W301",
        "content/assets/orphan.yml:1:7 W301",
    ]


def test_coverage_warnings_wait_until_every_file_validates(make_project):
    files = {
        "content/assets/deck.yml": "name: Deck\nurl: https://example.com/x\n",
        "content/personas/cfo.yml": "name: CFO\n",
        "content/segments/dairy.yml": "name: Dairy\nbuying_committee:\n  - {persona: cfo, role: champion}\n",
    }
    root = make_project(files)
    assert codes(root) == ["W301", "W302"]
    # A broken file may be the one that references the asset or covers the persona.
    make_project({"content/value-propositions/broken.yml": "name: V\npersonas: cfo\n"})
    assert codes(root) == ["E202"]


def test_uncovered_committee_members(make_project):
    root = make_project(
        {
            "content/personas/cfo.yml": "name: CFO\n",
            "content/personas/ciso.yml": "name: CISO\n",
            "content/personas/coo.yml": "name: COO\n",
            "content/segments/dairy.yml": """
            name: Dairy
            buying_committee:
              - {persona: cfo, role: economic_buyer}
              - {persona: ciso, role: blocker}
              - {persona: coo, role: champion}
              - {persona: cto, role: influencer}
            """,
            "content/segments/pharma.yml": "name: Pharma\nbuying_committee:\n  - {persona: cfo, role: blocker}\n",
            "content/value-propositions/for-cfo.yml": "name: For CFO\npersonas: [cfo]\n",
            "content/value-propositions/for-pharma-coo.yml": "name: P\nsegments: [pharma]\npersonas: [coo]\n",
            "content/value-propositions/all-in-dairy.yml": "name: D\nsegments: [dairy]\npersonas: [coo]\n",
        }
    )
    assert check(root) == [
        "content/segments/dairy.yml:4:15: warning[W302]: no value proposition covers persona 'ciso' in segment 'dairy'",
        "content/segments/dairy.yml:6:15: error[E204]: unknown persona 'cto' in persona (did you mean 'coo'?)",
    ]


def test_a_value_proposition_without_lists_covers_everyone(make_project):
    root = make_project(
        {
            "content/personas/cfo.yml": "name: CFO\n",
            "content/segments/dairy.yml": "name: Dairy\nbuying_committee:\n  - {persona: cfo, role: champion}\n",
            "content/value-propositions/all.yml": "name: All\nsegments: []\n",
        }
    )
    assert check(root) == []


# ---------------------------------------------------------------------------------------------
# Ordering, repeats, --strict, and every problem at once


def test_finalize_sorts_by_file_then_line_then_column_and_drops_repeats():
    wanted = [
        error("content/a.yml", 2, 1, "E200", "a"),
        error("content/a.yml", 10, 1, "E200", "b"),  # numeric, not "10" < "2"
        error("content/a.yml", 10, 3, "E200", "c"),
        warning("content/b.yml", 1, 1, "W300", "d"),
        error("playbooks/a.yml", 1, 1, "E204", "e"),
    ]
    shuffled = wanted + wanted[:2]
    random.Random(4).shuffle(shuffled)
    assert finalize(shuffled) == wanted


def test_check_output_is_sorted_and_repeatable(make_project):
    root = make_project(
        {
            "playbooks/z.yml": "name: Z\nmotion: nope\n",
            "content/segments/b.yml": "name: B\n" + "\n" * 8 + "priority: 9\n",
            "content/segments/a.yml": "name: A\npriority: 9\nunknown: 1\n",
            "content/company.yml": "name: C\nwebsite: ftp://x\n",
        }
    )
    first = check_project(root, on=TODAY).diagnostics
    assert [(d.file, d.line) for d in first] == [
        ("content/company.yml", 2),
        ("content/segments/a.yml", 2),
        ("content/segments/a.yml", 3),
        ("content/segments/b.yml", 10),
        ("playbooks/z.yml", 2),
    ]
    assert check_project(root, on=TODAY).diagnostics == first


def test_strict_turns_warnings_into_errors(make_project):
    root = make_project(
        {
            "content/personas/cfo.yml": "name: CFO\nreview_by: 2000-01-01\n",
            "content/assets/deck.yml": "name: Deck\nurl: https://example.com/deck\n",
        }
    )
    relaxed = check_project(root, on=TODAY).diagnostics
    assert [(d.severity, d.code) for d in relaxed] == [(WARNING, "W301"), (WARNING, "W300")]
    assert not has_errors(relaxed)
    strict = check_project(root, on=TODAY, strict=True).diagnostics
    assert [(d.severity, d.code) for d in strict] == [(ERROR, "W301"), (ERROR, "W300")]
    assert has_errors(strict)
    assert [d.message for d in strict] == [d.message for d in relaxed]


def test_every_problem_at_once(make_project):
    """One broken thing per file, in many files and of many sorts: all are reported together."""
    root = make_project(
        {
            "content/company.yml": "name: C\nwebsite: javascript:alert(1)\n",
            "content/process.yml": "stages:\n  - {id: a, name: A, buyer_stage: awarenes}\n",
            "content/team.yml": "roles:\n\t- id: ae\n",
            "content/leads.yml": "definitions: [{id: mql, name: M, sla_hours: '48'}]\n",
            "content/segments/dairy.yml": "name: Dairy\nname: Dairy again\n",
            "content/personas/cfo.yml": "name: CFO\nsummray: x\n",
            "content/personas/CFO2.yml": "name: CFO\n",
            "content/products/p.yml": "- name: P\n",
            "content/assets/a.yml": "name: A\nfile: missing.pdf\npersonas: [cfo]\n",
            "content/competitors/velmora.yml": "",
            "content/insights/i.yml": "name: I\n",
            "content/value-propositions/v.yml": "name: V\nsegments: [daiy]\n",
            "content/sgments/x.yml": "name: X\n",
            "playbooks/p.yml": "name: P\nmotion: new_logo\nplays: [{stage: a, name: Go, with: [cfoo]}]\n",
        }
    )
    found = {(d.file, d.code) for d in check_project(root, on=TODAY).diagnostics}
    assert found == {
        ("content/company.yml", "E207"),
        ("content/process.yml", "E203"),
        ("content/team.yml", "E103"),
        ("content/leads.yml", "E202"),
        ("content/segments/dairy.yml", "E101"),
        ("content/personas/cfo.yml", "E200"),
        ("content/personas/CFO2.yml", "E110"),
        ("content/products/p.yml", "E104"),
        ("content/assets/a.yml", "E208"),
        ("content/competitors/velmora.yml", "E104"),
        ("content/insights/i.yml", "E201"),
        ("content/value-propositions/v.yml", "E204"),
        ("content/sgments/x.yml", "E112"),
        ("playbooks/p.yml", "E204"),
    }


def test_diagnostics_are_located_inside_their_files(make_project):
    root = make_project(
        {
            f"content/{rel}": text
            for rel, text in {
                "personas/a.yml": "name: A\nsummary: [x\n",
                "personas/b.yml": "name: B\ntitles: CFO\n",
                "personas/c.yml": "",
                "segments/s.yml": "name: S\nbuying_committee:\n  - persona: zz\n    role: champion\n",
            }.items()
        }
    )
    diagnostics = check_project(root, on=TODAY).diagnostics
    assert len(diagnostics) == 4
    for d in diagnostics:
        assert not Path(d.file).is_absolute()
        lines = (root / d.file).read_text(encoding="utf-8").splitlines()
        assert 1 <= d.line <= len(lines) + 1
        assert d.column >= 1
        assert isinstance(d, Diagnostic)


# ---------------------------------------------------------------------------------------------
# company.yml: the glossary and the brand colours


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [("#ffffff", 1.0), ("#000000", 21.0), ("#767676", 4.54), ("#777777", 4.48), ("#0b5d4b", 7.83)],
)
def test_contrast_with_white_follows_wcag(colour, ratio):
    assert contrast_with_white(colour) == pytest.approx(ratio, abs=0.005)


def test_brand_colours_too_light_for_white_text_are_reported(make_project):
    root = make_project({"content/company.yml": 'name: X\nbrand_color: "#777777"\naccent_color: "#767676"\n'})
    assert [(d.code, d.line, d.column) for d in check_project(root).diagnostics] == [("W331", 2, 14)]


def test_a_glossary_word_may_repeat_only_inside_its_own_entry(make_project):
    root = make_project(
        {
            "content/company.yml": """
                name: X
                glossary:
                  - {term: RTO, synonyms: [rto, recovery time]}
                  - {term: RPO, synonyms: [Recovery Time]}
            """
        }
    )
    found = check_project(root).diagnostics
    assert [(d.code, d.line) for d in found] == [("W330", 4)]
    assert "'Recovery Time' is already in glossary entry 1 ('recovery time', line 3)" in found[0].message

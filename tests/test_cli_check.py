"""`playbook check` as a user runs it: exit codes, the three formats, paths, the default directory,
and internal errors kept apart from content errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from generator import cli
from generator.diagnostics import Diagnostic, report_github, report_gitlab

STALE = {"content/personas/cfo.yml": "name: CFO\nreview_by: 2000-01-01\n"}
BROKEN = {
    "content/personas/cfo.yml": "name: CFO\nsummray: Owns the budget.\n",
    "content/segments/dairy.yml": "name: Dairy\nbuying_committee:\n  - {persona: cfoo, role: champion}\n",
    "content/personas/stale.yml": "name: Stale\nreview_by: 2000-01-01\n",
}
BROKEN_TEXT = [
    "content/personas/cfo.yml:2:1: error[E200]: unknown field 'summray' (did you mean 'summary'?)",
    "content/personas/stale.yml:2:12: warning[W300]: stale since 2000-01-01: review 'Stale' and move review_by forward",
    "content/segments/dairy.yml:3:15: error[E204]: unknown persona 'cfoo' in persona (did you mean 'cfo'?)",
]


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli.main, list(args), env=env)


# ---------------------------------------------------------------------------------------------
# Exit codes


def test_clean_project_exits_0_with_nothing_on_stdout(make_project):
    root = make_project({"content/company.yml": "name: Packwell\n"})
    result = run("check", str(root))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "checked 1 valid file(s): 0 error(s), 0 warning(s)\n"


def test_warnings_alone_exit_0(make_project):
    root = make_project(STALE)
    result = run("check", str(root))
    assert result.exit_code == 0
    assert (
        result.stdout
        == "content/personas/cfo.yml:2:12: warning[W300]: stale since 2000-01-01: review 'CFO' and move review_by forward\n"
    )
    assert "0 error(s), 1 warning(s)" in result.stderr


def test_strict_makes_warnings_fail(make_project):
    root = make_project(STALE)
    result = run("check", "--strict", str(root))
    assert result.exit_code == 1
    assert result.stdout.startswith("content/personas/cfo.yml:2:12: error[W300]: stale since 2000-01-01")
    assert "1 error(s), 0 warning(s)" in result.stderr


def test_errors_exit_1_and_every_problem_is_listed(make_project):
    root = make_project(BROKEN)
    result = run("check", str(root))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == BROKEN_TEXT
    assert result.stderr == "checked 2 valid file(s): 2 error(s), 1 warning(s)\n"
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--nope"],
        ["check", "--format", "xml"],
        ["check", "does-not-exist"],
        ["check", "a", "b"],
        ["chek"],
    ],
    ids=["unknown-option", "unknown-format", "missing-dir", "two-dirs", "unknown-command"],
)
def test_usage_errors_exit_2(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_a_file_is_not_a_project_dir(make_project):
    root = make_project({"content/company.yml": "name: Packwell\n"})
    result = run("check", str(root / "content/company.yml"))
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def _explode(*args, **kwargs):
    raise RuntimeError("the catalog fell over")


def test_a_bug_exits_3_with_a_short_message_and_no_traceback(make_project, monkeypatch):
    monkeypatch.setattr(cli, "check_project", _explode)
    result = run("check", str(make_project({"content/company.yml": "name: X\n"})))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "playbook: internal error: RuntimeError: the catalog fell over",
        "This is a bug in the generator, not in your content. Run again with --debug and report the output.",
    ]


def test_debug_shows_the_traceback_of_a_bug(make_project, monkeypatch):
    monkeypatch.setattr(cli, "check_project", _explode)
    result = run("--debug", "check", str(make_project({"content/company.yml": "name: X\n"})))
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert "_explode" in result.stderr
    assert result.stderr.rstrip().endswith("Run again with --debug and report the output.")


def test_real_process_exit_codes(make_project):
    """Through a real interpreter, as `python -m generator` and a CI job would see it."""
    clean = make_project({"content/company.yml": "name: Packwell\n"}, name="clean")
    broken = make_project(BROKEN, name="broken")
    for root, code in ((clean, 0), (broken, 1)):
        done = subprocess.run([sys.executable, "-m", "generator", "check", str(root)], capture_output=True, text=True)
        assert done.returncode == code, done.stderr
        assert "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--bogus"], capture_output=True, text=True)
    assert done.returncode == 2


# ---------------------------------------------------------------------------------------------
# Formats


def test_json_format(make_project):
    root = make_project(BROKEN)
    result = run("check", "--format", "json", str(root))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert [set(item) for item in data] == [{"file", "line", "column", "severity", "code", "message"}] * 3
    assert data[0] == {
        "file": "content/personas/cfo.yml",
        "line": 2,
        "column": 1,
        "severity": "error",
        "code": "E200",
        "message": "unknown field 'summray' (did you mean 'summary'?)",
    }
    assert [
        f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}[{d['code']}]: {d['message']}" for d in data
    ] == BROKEN_TEXT
    assert result.stderr == ""  # machine output only


def test_json_format_of_a_clean_project_is_an_empty_list(make_project):
    result = run("check", "--format", "json", str(make_project({"content/company.yml": "name: Packwell\n"})))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_github_format(make_project):
    root = make_project(BROKEN)
    result = run("check", "--format", "github", str(root))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=content/personas/cfo.yml,line=2,col=1,title=E200::unknown field 'summray' (did you mean 'summary'?)",
        "::warning file=content/personas/stale.yml,line=2,col=12,title=W300::stale since 2000-01-01: review 'Stale' and move review_by forward",
        "::error file=content/segments/dairy.yml,line=3,col=15,title=E204::unknown persona 'cfoo' in persona (did you mean 'cfo'?)",
    ]
    for line in result.stdout.splitlines():
        assert re.fullmatch(r"::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[EW]\d{3}::.+", line)


def test_github_format_escapes_workflow_command_characters():
    d = Diagnostic("content/a,b:c.yml", 1, 2, "error", "E100", "50% done: key 'x,y'")
    assert report_github([d]) == "::error file=content/a%2Cb%3Ac.yml,line=1,col=2,title=E100::50%25 done: key 'x,y'\n"


def test_content_cannot_break_a_report_line(make_project):
    """Keys, ids and values are quoted in messages; their line breaks are shown as escapes."""
    root = make_project(
        {
            "content/personas/cfo.yml": 'name: CFO\n"sum\\nmary": x\n',
            "content/segments/dairy.yml": 'name: D\ncompetitors: ["a\\nb.yml:1:1: error[E999]: forged"]\n',
        }
    )
    for fmt in ("text", "github"):
        lines = run("check", "--format", fmt, str(root)).stdout.splitlines()
        assert len(lines) == 2, lines
    assert run("check", str(root)).stdout.splitlines() == [
        "content/personas/cfo.yml:2:1: error[E200]: unknown field 'sum\\nmary' (did you mean 'summary'?)",
        "content/segments/dairy.yml:2:15: error[E204]: unknown competitor 'a\\nb.yml:1:1: error[E999]: forged' in competitors",
    ]


def test_text_format_is_the_default(make_project):
    root = make_project(BROKEN)
    assert run("check", str(root)).stdout == run("check", "--format", "text", str(root)).stdout


# ---------------------------------------------------------------------------------------------
# Paths and the default directory


def test_paths_are_relative_to_the_project_root_wherever_check_runs(make_project, tmp_path, monkeypatch):
    root = make_project(BROKEN, name="deep/down/project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    by_absolute = run("check", str(root))
    by_relative = run("check", "../deep/down/project")
    assert by_absolute.stdout.splitlines() == BROKEN_TEXT
    assert by_relative.stdout == by_absolute.stdout


def test_default_dir_is_the_current_directory(make_project, monkeypatch):
    root = make_project(BROKEN)
    monkeypatch.chdir(root)
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == BROKEN_TEXT
    monkeypatch.chdir(root / "content")  # no content/ below here: not a project


@pytest.mark.parametrize("command", ["check", "build", "coverage", "export", "serve"])
def test_outside_a_project_is_a_usage_error_not_zero_errors(tmp_path, command):
    (tmp_path / "notes").mkdir()
    result = run(command, str(tmp_path))
    assert result.exit_code == 2
    assert "no content/ folder here" in result.stderr and "playbook init" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_project_with_only_mkdocs_yml_is_an_empty_project(make_project):
    root = make_project({"mkdocs.yml": "site_name: X\n"})
    assert run("check", str(root)).exit_code == 0


def test_gitlab_format_is_a_code_quality_report(make_project):
    root = make_project(BROKEN)
    result = run("check", "--format", "gitlab", str(root))
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert issues[0] == {
        "description": "E200: unknown field 'summray' (did you mean 'summary'?)",
        "check_name": "E200",
        "fingerprint": issues[0]["fingerprint"],
        "severity": "major",
        "location": {"path": "content/personas/cfo.yml", "lines": {"begin": 2}},
    }
    assert [i["severity"] for i in issues] == ["major", "minor", "major"]
    assert len({i["fingerprint"] for i in issues}) == 3
    assert all(re.fullmatch(r"[0-9a-f]{32}", i["fingerprint"]) for i in issues)


def test_gitlab_fingerprints_survive_line_moves_and_tell_repeats_apart():
    one = Diagnostic("content/a.yml", 3, 1, "error", "E204", "unknown persona 'x' in personas")
    moved = Diagnostic("content/a.yml", 9, 1, "error", "E204", "unknown persona 'x' in personas")
    first = json.loads(report_gitlab([one]))[0]["fingerprint"]
    assert json.loads(report_gitlab([moved]))[0]["fingerprint"] == first
    twice = json.loads(report_gitlab([one, moved]))
    assert twice[0]["fingerprint"] == first and twice[1]["fingerprint"] != first


def test_staleness_follows_source_date_epoch(make_project):
    root = make_project({"content/personas/cfo.yml": "name: CFO\nreview_by: 2030-01-01\n"})
    assert run("check", str(root), env={"SOURCE_DATE_EPOCH": "1893456000"}).stdout == ""  # 2030-01-01
    later = run("check", str(root), env={"SOURCE_DATE_EPOCH": "1893542400"})  # 2030-01-02
    assert (
        later.stdout
        == "content/personas/cfo.yml:2:12: warning[W300]: stale since 2030-01-01: review 'CFO' and move review_by forward\n"
    )


def test_check_reads_nothing_outside_content_and_playbooks(make_project):
    root = make_project(
        {
            "mkdocs.yml": "site_name: [not, checked\n",
            "notes/x.yml": "- not: checked\n",
            "content/company.yml": "name: Packwell\n",
            "playbooks/README.md": "Playbooks live here.\n",
        }
    )
    result = run("check", str(root))
    assert result.exit_code == 0
    assert result.stdout == ""

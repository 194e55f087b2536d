"""What changed: per-entity changes from the project's git history (date, author, message),
the "changed on" line on entity pages, the fallback to review dates, and reproducible builds."""

from __future__ import annotations

import datetime
import html
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.site import history as history_module
from generator.site.edition import Options, prepare_site
from generator.site.history import parse_log, read_history, recent_changes

from .sitebuild import build, site_files

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

FILES = {
    "content/personas/cfo.yml": "name: CFO\nreviewed: 2026-02-01\naudience: public\n",
    "content/personas/buyer.yml": "name: Purchasing director\nreviewed: 2026-03-01\n",
    "content/segments/dairy.yml": "name: Dairy\naudience: public\nbuying_committee:\n  - {persona: cfo, role: economic_buyer}\n",
    "content/value-propositions/payback.yml": "name: Payback\naudience: public\n",
}


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(root),
        GIT_AUTHOR_NAME="Anna Author",
        GIT_AUTHOR_EMAIL="anna@example.com",
        GIT_COMMITTER_NAME="Anna Author",
        GIT_COMMITTER_EMAIL="anna@example.com",
    )
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _commit(root: Path, message: str, date: str, author: str | None = None) -> None:
    _git(root, "add", "-A")
    args = ["commit", "-q", "-m", message] + (
        [f"--author={author} <{author.split()[0].lower()}@example.com>"] if author else []
    )
    _git(root, *args, date=date)


@pytest.fixture
def repo(make_project) -> Path:
    root = make_project(FILES)
    _git(root, "init", "-q", "-b", "main")
    _commit(root, "Start the playbook", "2026-01-10T10:00:00+00:00")
    (root / "content/personas/cfo.yml").write_text(
        "name: CFO\nreviewed: 2026-02-01\naudience: public\nsummary: Signs.\n"
    )
    _commit(root, "Secret pricing rethink for the CFO", "2026-04-02T09:00:00+00:00", author="Bert Builder")
    (root / "content/segments/dairy.yml").write_text(FILES["content/segments/dairy.yml"] + "priority: 1\n")
    (root / "README.md").write_text("not content\n")
    _commit(root, "Rank dairy first", "2026-05-03T09:00:00+00:00")
    return root


@needs_git
def test_history_per_file_newest_first(repo):
    history = read_history(repo)
    assert history is not None
    cfo = history.of("content/personas/cfo.yml")
    assert [(c.date, c.author, c.subject) for c in cfo] == [
        (datetime.date(2026, 4, 2), "Bert Builder", "Secret pricing rethink for the CFO"),
        (datetime.date(2026, 1, 10), "Anna Author", "Start the playbook"),
    ]
    assert history.latest("content/segments/dairy.yml").subject == "Rank dairy first"
    assert "README.md" not in history.by_file  # only content/ and playbooks/


@needs_git
def test_history_of_a_project_in_a_sub_folder(tmp_path):
    outer = tmp_path / "repo"
    project = outer / "sales" / "playbook"
    (project / "content/personas").mkdir(parents=True)
    (project / "content/personas/cfo.yml").write_text("name: CFO\n")
    _git(outer, "init", "-q")
    _commit(outer, "Add the CFO", "2026-03-03T03:03:03+00:00")
    # A project inside a larger repository (a fixture, an example) shows no history by default:
    # the repository's commits are about something else and would churn its pages.
    assert read_history(project) is None
    assert "Changed on" not in prepare_site(project, Options()).html["personas/cfo.md"]
    # A playbook kept in a sub-folder turns it on (plugin setting `history: true`).
    history = read_history(project, nested=True)
    assert history is not None and history.latest("content/personas/cfo.yml").subject == "Add the CFO"
    page = html.unescape(prepare_site(project, Options(history=True)).html["personas/cfo.md"])
    assert "Changed on 2026-03-03 by Anna Author" in page


@needs_git
def test_history_can_be_turned_off(repo):
    page = html.unescape(prepare_site(repo, Options(history=False)).html["personas/cfo.md"])
    assert "Changed on 2026-02-01 (review date)" in page


def test_no_git_repository_means_no_history(make_project):
    assert read_history(make_project(FILES)) is None


def test_no_git_program_means_no_history(repo, monkeypatch):
    monkeypatch.setattr(history_module.shutil, "which", lambda name: None)
    assert read_history(repo) is None


def test_parse_log_ignores_garbage():
    text = "\x1eabc1234\x1f2026-01-02\x1fAnna\x1fFix: a | b\ncontent/personas/cfo.yml\n\n\x1ebroken header\nx.yml\n"
    history = parse_log(text)
    assert list(history.by_file) == ["content/personas/cfo.yml"]
    assert history.latest("content/personas/cfo.yml").subject == "Fix: a | b"


@needs_git
def test_what_changed_page_internal(repo):
    site = prepare_site(repo, Options())
    page = html.unescape(site.html["changes.md"])
    assert page.index("Rank dairy first") < page.index("Secret pricing rethink") < page.index("Start the playbook")
    assert "Bert Builder" in page and "2026-04-02" in page
    assert "What changed" in [title for title, _ in site.nav]
    cfo = html.unescape(site.html["personas/cfo.md"])
    assert "Changed on 2026-04-02 by Bert Builder: “Secret pricing rethink for the CFO”" in cfo


@needs_git
def test_outside_editions_show_no_authors_or_messages(repo):
    for audience in ("partner", "public"):
        site = prepare_site(repo, Options(audience=audience))
        everything = html.unescape("".join(site.html.values()))
        assert "Changed on 2026-04-02" in html.unescape(site.html["personas/cfo.md"])
        assert "Secret pricing" not in everything and "Bert Builder" not in everything
        assert "Purchasing director" not in everything  # an internal entity is not listed as changed


def test_without_git_review_dates_stand_in(make_project):
    site = prepare_site(make_project(FILES), Options())
    page = html.unescape(site.html["changes.md"])
    assert page.index("Purchasing director") < page.index("CFO")  # 2026-03-01 before 2026-02-01
    assert "review dates stand in for changes" in page.replace("\n", " ")
    assert "Changed on 2026-02-01 (review date)" in html.unescape(site.html["personas/cfo.md"])
    assert "Changed on" not in site.html["segments/dairy.md"]  # neither history nor review date


def test_recent_changes_is_bounded():
    class E:
        kind, id, rel, reviewed = "personas", "x", "content/personas/x.yml", datetime.date(2026, 1, 1)

    entities = [E() for _ in range(300)]
    assert len(recent_changes(entities, None, limit=100)) == 100


@needs_git
def test_builds_of_a_git_project_are_byte_identical(repo, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert build(repo, first).exit_code == 0
    assert build(repo, second).exit_code == 0
    a, b = site_files(first), site_files(second)
    assert a == b
    assert b"Rank dairy first" in a["changes/index.html"]

"""All-or-nothing publishing: the old site survives a failed build; foreign folders are never replaced."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site import publish as publish_module
from generator.site.exchange import exchange
from generator.site.publish import MARKER, SiteDirRefused, build_atomically, check_target

from .sitebuild import REPO


def _write_site(folder: Path, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text)


def test_build_publishes_and_marks_the_folder(tmp_path):
    target = tmp_path / "site"
    build_atomically(target, lambda tmp: _write_site(tmp, "new"))
    assert (target / "index.html").read_text() == "new"
    assert (target / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left behind


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    target = tmp_path / "site"
    build_atomically(target, lambda tmp: _write_site(tmp, "old"))
    before = {p.name: p.read_bytes() for p in target.iterdir()}

    def half_then_fail(tmp):
        _write_site(tmp, "half")
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        build_atomically(target, half_then_fail)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_rebuild_replaces_a_site_it_made(tmp_path):
    target = tmp_path / "site"
    build_atomically(target, lambda tmp: _write_site(tmp, "one"))
    (target / "stale-page.html").write_text("old page")
    build_atomically(target, lambda tmp: _write_site(tmp, "two"))
    assert (target / "index.html").read_text() == "two"
    assert not (target / "stale-page.html").exists()


def test_refuses_a_non_empty_folder_it_did_not_create(tmp_path):
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.docx").write_text("years of work")
    with pytest.raises(SiteDirRefused, match="not built by playbook"):
        build_atomically(documents, lambda tmp: _write_site(tmp, "site"))
    assert (documents / "thesis.docx").read_text() == "years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Documents"]


def test_accepts_an_empty_folder_and_refuses_a_file(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    check_target(empty)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    with pytest.raises(SiteDirRefused, match="not a folder"):
        check_target(a_file)


# --- the swap is atomic; a killed build leaves a site and nothing that lasts -------------------------


def _siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_swap_is_one_exchange_where_the_system_has_one(tmp_path, monkeypatch):
    """No rename ever moves the old site away: the target never stops existing."""
    target = tmp_path / "site"
    build_atomically(target, lambda tmp: _write_site(tmp, "old"))
    moves = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (moves.append((Path(a).name, Path(b).name)), real_replace(a, b)))
    build_atomically(target, lambda tmp: _write_site(tmp, "new"))
    assert (target / "index.html").read_text() == "new"
    assert [m for m in moves if m[0] == "site"] == []
    assert _siblings(tmp_path) == ["site"]


def test_fallback_without_exchange_publishes_and_cleans_up(tmp_path, monkeypatch):
    monkeypatch.setattr(publish_module, "exchange", lambda a, b: False)
    target = tmp_path / "site"
    for text in ("one", "two"):
        build_atomically(target, lambda tmp, text=text: _write_site(tmp, text))
        assert (target / "index.html").read_text() == text
        assert _siblings(tmp_path) == ["site"]


def test_exchange_swaps_two_folders(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    _write_site(first, "a")
    _write_site(second, "b")
    if not exchange(first, second):
        pytest.skip(f"no atomic exchange on {sys.platform} here: the fallback test covers this system")
    assert (first / "index.html").read_text() == "b" and (second / "index.html").read_text() == "a"


KILLED_BUILD = """
import os, sys
from pathlib import Path
from generator.site import publish

step, target = sys.argv[1], Path(sys.argv[2])
real_replace, real_exchange = os.replace, publish.exchange

def die():
    os._exit(137)  # like SIGKILL: no finally block, no cleanup

def replace(a, b):
    real_replace(a, b)
    if step == "between-renames" and Path(a) == target:
        die()

def exchange(a, b):
    if step == "between-renames":
        return False
    done = real_exchange(a, b)
    if step == "after-exchange":
        die()
    return done

def build(tmp):
    (tmp / "index.html").write_text("new")
    if step == "while-building":
        die()

os.replace, publish.exchange = replace, exchange
publish.build_atomically(target, build)
"""


def _killed_build(step: str, target: Path) -> None:
    done = subprocess.run([sys.executable, "-c", KILLED_BUILD, step, str(target)], cwd=REPO, capture_output=True)
    assert done.returncode == 137, done.stderr.decode()


@pytest.mark.parametrize("step", ["while-building", "after-exchange", "between-renames"])
def test_a_killed_build_leaves_a_whole_site_and_the_next_build_cleans_up(tmp_path, step):
    target = tmp_path / "site"
    build_atomically(target, lambda tmp: _write_site(tmp, "old"))
    _killed_build(step, target)
    assert len(_siblings(tmp_path)) > 1  # it did leave something behind
    if step != "between-renames":  # the exchange, or no swap yet: the target is never missing
        assert (target / "index.html").read_text() == ("new" if step == "after-exchange" else "old")

    def fail(tmp):
        raise RuntimeError("this build fails too")

    with pytest.raises(RuntimeError):
        build_atomically(target, fail)
    # The site a kill between the two renames had moved aside is back, whole; leftovers are gone.
    assert (target / "index.html").read_text() in ("old", "new")
    assert (target / MARKER).is_file()
    assert _siblings(tmp_path) == ["site"]


def test_cleanup_touches_only_our_abandoned_folders(tmp_path):
    target = tmp_path / "site"
    build_atomically(target, lambda tmp: _write_site(tmp, "old"))
    running = tmp_path / f".site.building-{os.getppid()}-1"  # a build that still runs (our parent)
    foreign = tmp_path / ".site.building-notes"  # not a name we give
    unmarked = tmp_path / ".site.old-999999999-1"  # our name, but not our marker
    other_target = tmp_path / ".www.old-999999999-1"
    for folder in (running, foreign, unmarked, other_target):
        _write_site(folder, "keep")
    (running / MARKER).write_text("")
    (other_target / MARKER).write_text("")
    build_atomically(target, lambda tmp: _write_site(tmp, "new"))
    assert _siblings(tmp_path) == sorted(p.name for p in (target, running, foreign, unmarked, other_target))


@pytest.mark.parametrize("gitignore", [REPO / ".gitignore", REPO / "generator/starter/.gitignore"])
def test_git_ignores_what_a_killed_build_leaves(tmp_path, gitignore):
    import shutil

    shutil.copy(gitignore, tmp_path / ".gitignore")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    left = [f".site.building-{os.getpid()}-1-abc", f".public.old-{os.getpid()}-2"]  # any --site-dir name
    for name in left:
        _write_site(tmp_path / name, "half")
    (tmp_path / "kept.txt").write_text("a file people commit")
    status = subprocess.run(["git", "status", "--porcelain", "-uall"], cwd=tmp_path, capture_output=True, text=True)
    assert status.stdout.split() == ["??", ".gitignore", "??", "kept.txt"]

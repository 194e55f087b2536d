"""The offline edition: `playbook build --offline` works opened from disk (file://), search
included, loads nothing from other hosts, and `--zip` packs it reproducibly."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .sitebuild import build, copy_example, site_files

EXTERNAL = re.compile(rb"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", re.IGNORECASE)


def _build(project: Path, site: Path, *args: str):
    result = build(project, site, *args)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    project = copy_example(tmp_path_factory.mktemp("offline"))
    out = tmp_path_factory.mktemp("offline-out")
    result = _build(project, out / "site", "--zip", str(out / "playbook-offline.zip"))
    return out / "site", out / "playbook-offline.zip", result


def test_pages_are_files_not_folders(offline):
    site, _, _ = offline
    assert (site / "index.html").is_file()
    assert (site / "segments/dairy.html").is_file() and not (site / "segments/dairy/index.html").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="segments/index.html"' in home


def test_search_index_is_inlined_as_a_script(offline):
    site, _, _ = offline
    script = (site / "search/search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = {") and "velmora" in script.lower()


def test_the_worker_shim_is_bundled_not_fetched(offline):
    site, _, _ = offline
    assert (site / "_playbook/iframe-worker.js").is_file()
    for name, data in site_files(site).items():
        if name.endswith(".html"):
            assert b"unpkg.com" not in data, name
            assert b"iframe-worker.js" in data, name
            assert not EXTERNAL.search(data), name


def test_zip_holds_the_site_in_one_folder(offline):
    site, archive, result = offline
    assert "packed it into" in result.output
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert names == sorted(names)
        assert all(n.startswith("playbook-offline/") for n in names)
        assert "playbook-offline/index.html" in names and "playbook-offline/search/search_index.js" in names
        assert not [n for n in names if n.endswith(".playbook-site")]
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.read("playbook-offline/index.html") == (site / "index.html").read_bytes()
        assert len(names) == len([n for n in site_files(site) if n != ".playbook-site"])


def test_zip_is_reproducible(tmp_path):
    project = tmp_path / "starter"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    _build(project, tmp_path / "a", "--zip", str(tmp_path / "one" / "playbook.zip"))
    _build(project, tmp_path / "b", "--zip", str(tmp_path / "two" / "playbook.zip"))
    assert (tmp_path / "one/playbook.zip").read_bytes() == (tmp_path / "two/playbook.zip").read_bytes()


def test_zip_inside_the_site_folder_is_refused(tmp_path):
    project = tmp_path / "starter"
    CliRunner().invoke(main, ["init", str(project)])
    result = build(project, tmp_path / "site", "--zip", str(tmp_path / "site" / "x.zip"))
    assert result.exit_code == 2


def test_the_online_build_is_unchanged(tmp_path):
    project = tmp_path / "starter"
    CliRunner().invoke(main, ["init", str(project)])
    _build(project, tmp_path / "site")
    assert (tmp_path / "site/personas/maintenance-manager/index.html").is_file()
    assert not (tmp_path / "site/search/search_index.js").exists()
    assert not (tmp_path / "site/_playbook/iframe-worker.js").exists()


# --- progress on long builds -----------------------------------------------------------------------


class _Terminal:
    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def isatty(self):
        return self.tty

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_progress_is_shown_on_a_terminal(monkeypatch):
    from generator.adapters.mkdocs.progress import Progress

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("PLAYBOOK_QUIET", raising=False)
    term = _Terminal(tty=True)
    progress = Progress(200, "writing pages", stream=term, delay=0)
    for _ in range(200):
        progress.step()
    progress.finish()
    assert "\rwriting pages 1/200 (0 %)" in term.text and term.text.endswith("writing pages 200/200 (100 %)\n")
    assert term.text.count("\r") <= 101  # at most one update per percent


@pytest.mark.parametrize("tty, ci, delay", [(False, "", 0), (True, "true", 0), (True, "", 60)])
def test_progress_stays_quiet_in_pipes_ci_and_quick_builds(monkeypatch, tty, ci, delay):
    from generator.adapters.mkdocs.progress import Progress

    monkeypatch.setenv("CI", ci) if ci else monkeypatch.delenv("CI", raising=False)
    term = _Terminal(tty=tty)
    progress = Progress(50, stream=term, delay=delay)
    for _ in range(50):
        progress.step()
    progress.finish()
    assert term.text == ""


def test_a_build_in_a_pipe_prints_no_progress(tmp_path):
    project = tmp_path / "starter"
    CliRunner().invoke(main, ["init", str(project)])
    result = _build(project, tmp_path / "site")
    assert "\r" not in result.output and "pages" not in result.output

"""Symlinks and special files under content/ and playbooks/ are reported (E113), never followed,
read or published (issue 12: a link to a credentials file or an internal persona was published
in every edition, a link to /etc/shadow printed its lines into the CI log, a FIFO hung check)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from generator.catalog.check import check_project
from generator.load.document import load_document

from .sitebuild import build, copy_example, site_files

SECRET = "SECRETQX-credential"


def _codes(root: Path) -> list[tuple[str, str]]:
    return [(d.file, d.code) for d in check_project(root).diagnostics if d.severity == "error"]


def test_symlinked_file_and_folder_are_reported_and_nothing_is_published(tmp_path):
    project = copy_example(tmp_path / "p")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "token.yml").write_text(f"name: {SECRET}\n")
    (outside / "notes.txt").write_text(SECRET)
    os.symlink(outside / "token.yml", project / "content/personas/token.yml")
    os.symlink(outside, project / "content/assets/files-elsewhere")
    codes = _codes(project)
    assert ("content/personas/token.yml", "E113") in codes
    assert ("content/assets/files-elsewhere", "E113") in codes
    site = tmp_path / "site"
    result = build(project, site, "--audience", "public")
    assert result.exit_code == 1 and SECRET not in result.output
    assert not site.exists()


def test_a_file_outside_the_project_is_never_read_through_a_link(tmp_path):
    target = tmp_path / "shadow"
    target.write_text("root:$6$hash:19000:0:99999:7:::\n")
    (tmp_path / "content/personas").mkdir(parents=True)
    os.symlink(target, tmp_path / "content/personas/shadow.yml")
    messages = " ".join(d.message for d in check_project(tmp_path).diagnostics)
    assert "E113" in {d.code for d in check_project(tmp_path).diagnostics}
    assert "$6$hash" not in messages and "root" not in messages
    # The loader itself refuses a link, even when asked directly.
    document, problems = load_document(tmp_path / "content/personas/shadow.yml", "content/personas/shadow.yml")
    assert document is None and [p.code for p in problems] == ["E113"]


def test_a_named_pipe_is_reported_without_hanging_check(tmp_path):
    (tmp_path / "playbooks").mkdir()
    os.mkfifo(tmp_path / "playbooks/pipe.yml")
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(_codes(tmp_path)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock the reader so the test process can exit, then fail
        with open(tmp_path / "playbooks/pipe.yml", "w") as pipe:
            pipe.write("name: x\n")
        pytest.fail("check hung on a named pipe")
    assert outcome == [[("playbooks/pipe.yml", "E113")]]


def test_a_symlinked_content_folder_is_reported_and_not_entered(tmp_path):
    real = tmp_path / "elsewhere"
    (real / "personas").mkdir(parents=True)
    (real / "personas/cfo.yml").write_text("name: CFO\n")
    project = tmp_path / "p"
    project.mkdir()
    os.symlink(real, project / "content")
    result = check_project(project)
    assert [(d.file, d.code) for d in result.diagnostics] == [("content", "E113")]
    assert result.catalog.get("personas", "cfo") is None


def test_an_unreadable_folder_is_a_located_error(tmp_path, monkeypatch):
    (tmp_path / "content/personas").mkdir(parents=True)
    (tmp_path / "content/personas/cfo.yml").write_text("name: CFO\n")
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("personas"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    diagnostics = check_project(tmp_path).diagnostics
    assert [(d.file, d.code) for d in diagnostics] == [("content/personas", "E208")]
    assert "cannot read the folder" in diagnostics[0].message


def test_the_plugin_never_publishes_a_link_found_in_docs_dir(tmp_path):
    """mkdocs.yml's docs_dir is content/: a link there that points outside must not be kept as a
    theme file (it was: the old filter compared resolved paths)."""
    from mkdocs.structure.files import File

    from generator.adapters.mkdocs.plugin import _theme_file

    docs = tmp_path / "content"
    docs.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET)
    os.symlink(tmp_path / "secret.txt", docs / "secret.txt")
    linked = File("secret.txt", str(docs), str(tmp_path / "site"), True)
    assert not _theme_file(linked, str(docs))
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.css").write_text("body{}")
    assert _theme_file(File("main.css", str(theme), str(tmp_path / "site"), True), str(docs))


def test_regular_attachments_are_still_published(tmp_path):
    project = copy_example(tmp_path / "p")
    site = tmp_path / "site"
    assert build(project, site).exit_code == 0
    assert any(name.startswith("attachments/") for name in site_files(site))

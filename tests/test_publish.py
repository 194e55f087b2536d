"""All-or-nothing publishing: the old site survives a failed build; foreign folders are never replaced."""

from pathlib import Path

import pytest

from generator.site.publish import MARKER, SiteDirRefused, build_atomically, check_target


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

"""Outputs that must never surprise (issue 12): the zip never overwrites what it did not write,
images from other hosts are not loaded, the date does not depend on the time zone, partner and
public pages carry no repository links, and the default site name is what the edition may show."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.site.render import markdown

from .sitebuild import REPO, build, copy_example


def test_zip_refuses_a_file_it_did_not_write_and_the_project_sources(tmp_path):
    project = copy_example(tmp_path / "p")
    mkdocs_yml = (project / "mkdocs.yml").read_bytes()
    for target in (project / "mkdocs.yml", project / "content" / "x.zip", tmp_path / "someone.zip"):
        if target.name == "someone.zip":
            target.write_bytes(b"not ours")
        result = build(project, tmp_path / "site", "--zip", str(target))
        assert result.exit_code == 2, result.output
        assert "--zip" in result.output
    assert (project / "mkdocs.yml").read_bytes() == mkdocs_yml
    assert (tmp_path / "someone.zip").read_bytes() == b"not ours"
    # Its own zip it replaces, and a path with '..' gives entries without '..'.
    ours = tmp_path / "out" / ".." / "offline.zip"
    for _ in range(2):
        assert build(project, tmp_path / "site", "--zip", str(ours)).exit_code == 0
    names = zipfile.ZipFile(tmp_path / "offline.zip").namelist()
    assert names and all(n.startswith("offline/") and ".." not in n for n in names)


def test_images_from_other_hosts_are_not_loaded():
    html = str(markdown("![logo](https://tracker.example/p.png) ![ok](pictures/ok.png)"))
    # Neither loads: one from elsewhere, nor one no edition published (a broken image otherwise):
    # only the pictures generator/catalog/pictures.py placed keep a src (tests/test_pictures.py).
    assert "tracker.example" not in html and "src=" not in html and 'alt="ok"' in html


def test_today_does_not_depend_on_the_time_zone():
    code = "from generator.catalog.check import today; print(today())"
    dates = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, env={**os.environ, "TZ": zone}
        ).stdout
        for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago")  # UTC+14 and UTC-11: always a day apart
    }
    assert len(dates) == 1, dates


def test_repository_links_only_in_the_internal_edition(tmp_path):
    project = copy_example(tmp_path / "p")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    repo = "https://github.com/packwell/internal-playbook"
    (project / "mkdocs.yml").write_text(f"repo_url: {repo}\nedit_uri: edit/main/\n{text}", encoding="utf-8")
    (project / ".github/ISSUE_TEMPLATE").mkdir(parents=True)
    (project / ".github/ISSUE_TEMPLATE/field-insight.yml").write_text("name: Field insight\n")
    for audience in ("internal", "partner", "public"):
        site = tmp_path / audience
        assert build(project, site, "--audience", audience).exit_code == 0
        pages = b"".join(p.read_bytes() for p in site.rglob("*.html"))
        assert (b"github.com/packwell" in pages) == (audience == "internal"), audience
        assert b'data-md-component="source"' not in pages or audience == "internal"


def test_default_site_name_is_escaped_and_only_what_the_edition_shows(tmp_path):
    project = copy_example(tmp_path / "p")
    (project / "mkdocs.yml").unlink()
    company = project / "content/company.yml"
    text = company.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith(("name:", "audience:"))]
    hostile = "Acme</title><img src=x onerror=alert(1)>"
    company.write_text(f'name: "{hostile}"\n' + "\n".join(lines) + "\n", encoding="utf-8")
    public = tmp_path / "public"
    assert build(project, public, "--audience", "public").exit_code == 0
    page = (public / "index.html").read_text(encoding="utf-8")
    assert "Acme" not in page and "onerror" not in page  # company.yml is internal by default
    internal = tmp_path / "internal"
    assert build(project, internal, "--audience", "internal").exit_code == 0
    page = (internal / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "Acme&lt;/title&gt;" in page


# --- where the site and the zip go: refused before any work, with a usage error (exit 2) -------------

TINY = {
    "content/company.yml": "name: Tiny\naudience: public\n",
    "content/assets/sheet.yml": "name: Sheet\naudience: public\nfile: files/sheet.pdf\n",
    "content/assets/files/sheet.pdf": b"%PDF-1.4\n",
}


def _blocked(tmp_path: Path, how: str) -> Path:
    """A folder the build may not write in: under a regular file (what root cannot get around),
    or without write permission (meaningful only when not running as root)."""
    if how == "under-a-file":
        (tmp_path / "a-file").write_text("not a folder")
        return tmp_path / "a-file"
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


# Root writes through any permission bits, so there the read-only case cannot exist (CI runs as root).
BLOCKS = ["under-a-file"] + (["read-only"] if os.geteuid() != 0 else [])


@pytest.mark.parametrize("how", BLOCKS)
def test_an_unwritable_site_dir_or_zip_is_a_usage_error(make_project, tmp_path, how):
    project = make_project(TINY)
    blocked = _blocked(tmp_path, how)
    site = build(project, blocked / "site")
    assert site.exit_code == 2, site.output
    assert "--site-dir" in site.output and "cannot write the site" in site.output
    packed = build(project, tmp_path / "site", "--zip", str(blocked / "offline.zip"))
    assert packed.exit_code == 2, packed.output
    assert "--zip" in packed.output and "cannot write" in packed.output
    assert not (tmp_path / "site").exists()  # refused before building anything
    for result in (site, packed):
        assert "internal error" not in result.output and "Traceback" not in result.output


def test_a_zip_that_fails_while_writing_is_a_usage_error(make_project, tmp_path, monkeypatch):
    """The folder was fine when checked and then was not (a full disk, a permission changed)."""
    from generator.site import archive

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "out"))

    monkeypatch.setattr(archive.tempfile, "mkstemp", full_disk)
    result = build(make_project(TINY), tmp_path / "site", "--zip", str(tmp_path / "out" / "offline.zip"))
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and "internal error" not in result.output


def test_an_unreadable_attachment_is_a_located_error(make_project, monkeypatch):
    project = make_project(TINY)
    real_open = Path.open

    def unreadable(self, *args, **kwargs):
        if self.name == "sheet.pdf":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", unreadable)
    result = CliRunner().invoke(main, ["check", str(project)])
    assert result.exit_code == 1, result.output
    assert "content/assets/sheet.yml:3:7: error[E208]" in result.output and "Permission denied" in result.output


@pytest.mark.parametrize("inside", ["content/site", "playbooks/out", "site_templates/site", "."])
def test_a_site_dir_inside_the_sources_is_refused_before_building(tmp_path, inside):
    project = copy_example(tmp_path / "p")
    result = build(project, project / inside)
    assert result.exit_code == 2, result.output
    assert "--site-dir" in result.output
    assert "inside the project's" in result.output or "holds the project itself" in result.output
    assert "W300" not in result.output  # refused before the check even ran
    assert not list(project.rglob(".*.building-*"))


HOSTILE_BROWSER_TEST = "tests/browser/test_hostile_content.py"


def test_make_test_min_runs_the_hostile_browser_test_on_the_material_floor():
    """The floor mkdocs-material>=9.6.7 is a security claim (earlier releases turn escaped names back
    into markup); only the hostile-content browser test on that release backs it. test-min must
    install the floor, select that test, and fail rather than skip it when there is no browser."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest-min:", 1)[1].split("\n\n", 1)[0]
    assert "--resolution lowest-direct" in recipe
    runs = [line for line in recipe.splitlines() if "-m pytest" in line]
    assert len(runs) == 1 and "PLAYBOOK_REQUIRE_BROWSER=1" in runs[0], runs
    options = runs[0].split("-m pytest", 1)[1].split()
    assert not {"-m", "-k", "--ignore", "--deselect"} & set(options), runs  # the whole suite, browser included
    assert '"mkdocs-material>=9.6.7,' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    collected = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "browser",
            HOSTILE_BROWSER_TEST,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout
    assert "tests/browser/test_hostile_content.py::test_no_page_of_a_poisoned_playbook_runs_script" in collected


def test_an_unreadable_site_dir_is_a_usage_error(make_project, tmp_path, monkeypatch):
    """As root chmod cannot make a folder unreadable: the listing fails as it would for anyone else."""
    target = tmp_path / "site"
    target.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    result = build(make_project(TINY), target)
    assert result.exit_code == 2, result.output
    assert "cannot read" in result.output and "Permission denied" in result.output

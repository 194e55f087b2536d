"""Outputs that must never surprise (issue 12): the zip never overwrites what it did not write,
images from other hosts are not loaded, the date does not depend on the time zone, partner and
public pages carry no repository links, and the default site name is what the edition may show."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

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
    assert "tracker.example" not in html and 'src="pictures/ok.png"' in html


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

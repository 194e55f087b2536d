"""Markdown twins and llms.txt: every page once more as Markdown, listed at the site root."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from generator.site.twins import block, inline, twin_path

from .sitebuild import build, copy_example

LIST_ITEM = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)(?P<notes>: .+)?$")
MD_LINK = re.compile(r"\]\((?P<url>[^)\s]+)\)")
# rel holds the word "alternate" (with a trailing space that keeps Material's script off it).
ALTERNATE = re.compile(r'<link rel="alternate ?" type="text/markdown" href="(?P<href>[^"]+)">')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_example(tmp_path_factory.mktemp("project"))
    out = tmp_path_factory.mktemp("site")
    result = build(project, out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def offline(tmp_path_factory) -> tuple[Path, Path]:
    project = copy_example(tmp_path_factory.mktemp("project"))
    out, packed = tmp_path_factory.mktemp("offline"), tmp_path_factory.mktemp("zip") / "playbook.zip"
    result = build(project, out, "--zip", str(packed))
    assert result.exit_code == 0, result.output
    return out, packed


def pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


def test_twin_paths_follow_the_page_urls():
    assert twin_path("index.md") == "index.html.md"
    assert twin_path("personas/cfo.md") == "personas/cfo/index.html.md"
    assert twin_path("personas/cfo.md", directory_urls=False) == "personas/cfo.html.md"
    assert twin_path("segments/index.md", directory_urls=False) == "segments/index.html.md"


def test_every_page_has_its_twin_and_links_it(site):
    found = pages(site)
    assert len(found) > 100
    for html in found:
        match = ALTERNATE.search(html.read_text(encoding="utf-8"))
        assert match, f"{html} does not link its Markdown twin"
        twin = (html.parent / match["href"]).resolve()
        assert twin == html.with_name(html.name + ".md").resolve() and twin.is_file()


def test_llms_txt_has_the_structure_of_the_proposal_and_every_link_exists(site):
    lines = (site / "llms.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and lines[1] == ""
    assert lines[2].startswith("> ")
    first_section = next(i for i, line in enumerate(lines) if line.startswith("## "))
    assert not any(line.startswith(("#", "- ")) for line in lines[3:first_section])
    sections, links = [], []
    for line in lines[first_section:]:
        if line.startswith("## "):
            sections.append(line[3:])
        elif line:
            match = LIST_ITEM.match(line)
            assert match, f"not a link list item: {line!r}"
            links.append(match["url"])
    assert {"Personas", "Value propositions", "Competitors and battlecards", "Assets", "Process", "Optional"} <= set(
        sections
    )
    assert any(s.startswith("Briefs: ") for s in sections)
    assert len(links) > 90
    missing = [url for url in links if not (site / url.split("#")[0]).is_file()]
    assert missing == []


def test_links_inside_twins_reach_other_twins(site):
    checked = 0
    for twin in site.rglob("*.html.md"):
        for match in MD_LINK.finditer(twin.read_text(encoding="utf-8")):
            url = match["url"].split("#")[0]
            if url.startswith(("http:", "https:", "mailto:")) or not url:
                continue
            assert (twin.parent / url).is_file(), f"{twin}: {url}"
            checked += 1
    assert checked > 1000


def test_llms_full_holds_every_twin(site):
    full = (site / "llms-full.txt").read_text(encoding="utf-8")
    twins = sorted(site.rglob("*.html.md"))
    assert full.count("\nFile: ") == len(twins)
    brief = (site / "briefs/dairy/cfo/index.html.md").read_text(encoding="utf-8")
    assert brief in full
    assert "## Objections and responses" in brief and "## Value propositions to lead with" in brief


def test_llms_full_says_so_when_the_playbook_is_too_large(monkeypatch, tmp_path):
    from generator.site import twins

    monkeypatch.setattr(twins, "LLMS_FULL_LIMIT", 1000)
    out = tmp_path / "site"
    assert build(copy_example(tmp_path / "p"), out).exit_code == 0
    full = (out / "llms-full.txt").read_text(encoding="utf-8")
    assert "too large for one file" in full and "File: " not in full


def test_offline_zip_carries_the_twins_and_llms_txt(offline):
    site, packed = offline
    names = set(zipfile.ZipFile(packed).namelist())
    assert "playbook/llms.txt" in names and "playbook/llms-full.txt" in names
    assert "playbook/personas/cfo.html.md" in names
    html = (site / "personas/cfo.html").read_text(encoding="utf-8")
    assert ALTERNATE.search(html)["href"] == "cfo.html.md"
    assert len([n for n in names if n.endswith(".html.md")]) == len(pages(site))


def test_content_text_cannot_become_markup():
    assert inline("<script>alert(1)</script> *x* [y](z)") == r"\<script>alert(1)\</script> \*x\* \[y\](z)"
    assert inline("two\nlines") == "two lines"
    assert block({}, "**kept** <img src=x onerror=alert(1)>") == "**kept** &lt;img src=x onerror=alert(1)>"

"""Pictures shown from Markdown are published, and every page that shows one finds it.

The diagnostics of a picture that cannot be published are in tests/invalid/ (e208-picture-*,
e212-picture-*, e214-picture-*, w304-picture-*); what partner and public editions leave out is in
tests/test_editions.py (its canary pictures)."""

from __future__ import annotations

import posixpath
import re
import zipfile
from html import unescape
from urllib.parse import unquote

from generator.site.edition import Options, prepare_site
from generator.site.pages import page_url
from generator.site.twins import twin_path

from .sitebuild import build

PNG = b"\x89PNG\r\n\x1a\n-the-line"
LINE = "pictures/personas/img/the line.png"  # published at the picture's place under content/
PROJECT = {
    "content/personas/img/the line.png": PNG,
    "content/personas/cfo.yml": """
        name: Chief financial officer
        messaging: |
          Walk her along ![the line](<img/the line.png> "Line 3").
    """,
    "content/segments/dairy.yml": """
        name: Dairy
        description: "Their plants run ![the line](../personas/img/the%20line.png)"
        buying_committee:
          - {persona: cfo, role: economic_buyer}
    """,
    "content/pages/how-we-price.md": "---\ntitle: How we price\n---\n## Per line\n\n![the line](<../personas/img/the line.png>)\n",
}
_SRC = re.compile(r'<img [^>]*src="([^"]*)"')
_TARGET = re.compile(r"!\[[^\]]*\]\(([^)\s]*)")


def _resolve(base_url: str, src: str) -> str:
    """The site path a relative URL on the page at `base_url` points at."""
    folder = base_url if base_url.endswith("/") or not base_url else posixpath.dirname(base_url) + "/"
    return unquote(posixpath.normpath(posixpath.join(folder, unescape(src))))


def test_every_page_showing_a_picture_finds_the_published_file(make_project):
    root = make_project(PROJECT)
    site = prepare_site(root, Options())
    assert [d for d in site.diagnostics if d.severity == "error"] == []
    assert site.files[LINE] == root / "content/personas/img/the line.png"
    showing = {}
    for path, html in site.html.items():
        for src in _SRC.findall(html):
            showing[path] = _resolve(page_url(path, True), src)
    # Two depths (a persona page, a brief that quotes its messaging), a section page and a guide.
    assert {"personas/cfo.md", "briefs/dairy/cfo.md", "segments/dairy.md", "pages/how-we-price.md"} <= set(showing)
    assert set(showing.values()) == {LINE}, showing
    # The Markdown twins point at the same file, from where each twin sits.
    twins = {
        path: _resolve(twin_path(path), target) for path, text in site.twins.items() for target in _TARGET.findall(text)
    }
    assert {"personas/cfo.md", "briefs/dairy/cfo.md"} <= set(twins)
    assert set(twins.values()) == {LINE}, twins


def test_the_offline_zip_carries_the_picture_where_its_pages_look(make_project, tmp_path):
    root = make_project(PROJECT)
    archive = tmp_path / "offline.zip"
    result = build(root, tmp_path / "site", "--zip", str(archive))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
        folder = next(iter(names)).split("/", 1)[0]
        assert f"{folder}/{LINE}" in names and z.read(f"{folder}/{LINE}") == PNG
        for page in ("personas/cfo.html", "briefs/dairy/cfo.html", "pages/how-we-price.html"):
            sources = _SRC.findall(z.read(f"{folder}/{page}").decode())
            assert sources and {_resolve(page, src) for src in sources} == {LINE}, page


def test_an_edition_publishes_only_the_pictures_its_texts_show(make_project):
    root = make_project(
        {
            **{f"content/segments/img/{name}.png": PNG for name in ("open", "entity", "block")},
            "content/segments/dairy.yml": """
                name: Dairy
                audience: partner
                description: "![the line](img/open.png)"
                internal:
                  notes: "![the plan](img/block.png)"
            """,
            "content/segments/secret.yml": "name: Secret\ndescription: '![the deal](img/entity.png)'\n",
        }
    )
    published = {
        audience: sorted(p for p in prepare_site(root, Options(audience=audience)).files if p.startswith("pictures/"))
        for audience in ("internal", "partner", "public")
    }
    assert published == {
        "internal": [f"pictures/segments/img/{name}.png" for name in ("block", "entity", "open")],
        "partner": ["pictures/segments/img/open.png"],
        "public": [],
    }

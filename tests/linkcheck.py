"""An offline link checker for a built site: every internal href/src must resolve, fragments included."""

from __future__ import annotations

import functools
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.links.append(value)


def _parse(path: Path) -> _Collect:
    parser = _Collect()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None  # external: http, https, mailto
    base = page.parent.relative_to(site).as_posix()
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    joined = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path.lstrip("/")
    target = site / joined
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def broken_links(site: Path) -> list[str]:
    """'page -> link' for every internal link whose file or fragment does not exist."""
    parse = functools.cache(_parse)  # each page once, though many links point into it
    problems = []
    for page in sorted(site.rglob("*.html")):
        for url in parse(page).links:
            found = _target(site, page, url)
            if found is None:
                continue
            target, fragment = found
            if not target.is_file():
                problems.append(f"{page.relative_to(site)} -> {url}")
                continue
            if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                problems.append(f"{page.relative_to(site)} -> {url} (no id '{fragment}')")
    return problems

"""One edition of the playbook as an assistant sees it, kept current while files change.

Built by the same function as the site (generator.site.edition.prepare_site), so an answer
holds exactly what the edition's pages and Markdown twins hold and nothing the edition hides.
No MCP and no MkDocs here: server.py only wires these answers to the protocol.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog.check import check_project
from generator.diagnostics import has_errors, report_text
from generator.site.edition import Options, SiteBuild, prepare_site
from generator.site.pages import Page, page_url

WATCHED = ("content", "playbooks", "site_templates")
SINGLE_DOCUMENTS = {"index.md": "home"}


class ContentErrors(Exception):
    """The project has content errors: the message is the report, one `file:line:column` per problem."""


@dataclass(frozen=True)
class Settings:
    audience: str
    drafts: bool = False
    base_url: str = ""  # site_url of mkdocs.yml: page URLs are absolute when it is set
    directory_urls: bool = True


@dataclass
class Entry:
    """A page an assistant can fetch: an entity, a brief or a section."""

    id: str  # "personas/cfo", "briefs/dairy/cfo", "process", "home"
    page: Page
    kind: str
    url: str
    text: str  # its Markdown twin
    lowered: str = field(repr=False, default="")


@dataclass
class Snapshot:
    site: SiteBuild
    entries: dict[str, Entry]

    @property
    def catalog(self):
        return self.site.catalog


def entry_id(page: Page) -> str:
    """The id an assistant uses for a page: kind/id for entities, the site path otherwise."""
    entity = page.context.get("entity")
    if entity is not None:
        return f"{entity.kind}/{entity.id}"
    path = page.path.removesuffix(".md").removesuffix("/index")
    return SINGLE_DOCUMENTS.get(page.path, path)


def _kind(page: Page) -> str:
    entity = page.context.get("entity")
    if entity is not None:
        return entity.kind
    return "briefs" if "seat" in page.context else "sections"


class Playbook:
    """The edition of one project, read at start and read again when its files change."""

    def __init__(self, root: Path, settings: Settings):
        self.root, self.settings = root, settings
        self._lock = threading.Lock()
        self._cache: dict = {}
        self._stamp: tuple | None = None
        self._snapshot: Snapshot | None = None
        self._errors: str | None = None

    def current(self) -> Snapshot:
        """The edition as the files are now; ContentErrors when they do not check."""
        with self._lock:
            stamp = self._fingerprint()
            if stamp != self._stamp:
                self._load()
                self._stamp = stamp
            if self._errors is not None:
                raise ContentErrors(self._errors)
            assert self._snapshot is not None  # _load sets one or the other
            return self._snapshot

    def _fingerprint(self) -> tuple:
        found = []
        for folder in WATCHED:
            for dirpath, dirnames, filenames in os.walk(self.root / folder):
                dirnames.sort()
                for name in sorted(filenames):
                    stat = os.stat(os.path.join(dirpath, name))
                    found.append((dirpath, name, stat.st_mtime_ns, stat.st_size))
        return tuple(found)

    def _load(self) -> None:
        result = check_project(self.root, cache=self._cache)
        if has_errors(result.diagnostics):
            self._errors = "the playbook has content errors; fix them and ask again:\n" + report_text(
                result.diagnostics
            )
            return
        options = Options(
            audience=self.settings.audience, drafts=self.settings.drafts, directory_urls=self.settings.directory_urls
        )
        previous = self._snapshot.site if self._snapshot else None
        site = prepare_site(self.root, options, result, previous=previous, track=True)
        self._snapshot, self._errors = Snapshot(site, self._entries(site)), None

    def _entries(self, site: SiteBuild) -> dict[str, Entry]:
        entries = {}
        for path, page in site.pages.items():
            text = site.twins[path]
            entry = Entry(entry_id(page), page, _kind(page), self.url(path), text, text.lower())
            entries[entry.id] = entry
        return entries

    def url(self, path: str, anchor: str = "") -> str:
        base = self.settings.base_url.rstrip("/") + "/" if self.settings.base_url else ""
        return base + page_url(path, self.settings.directory_urls) + anchor

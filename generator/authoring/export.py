"""`playbook export`: the whole resolved playbook of one edition as one JSON document.

The shape is a contract for other tools (a CRM, a chatbot, a slide generator) and is
documented in README.md ("Export format"); `version` changes when it changes incompatibly.
The document is built from the audience-filtered catalog (generator.audience.for_audience),
so an entity, a field or a reference the edition may not show is never in it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from generator.adapters.mkdocs.settings import EngineError as SettingsError
from generator.adapters.mkdocs.settings import SiteSettings
from generator.adapters.mkdocs.settings import site_settings as _loaded_settings
from generator.catalog import relations as rel
from generator.catalog.catalog import Catalog, Link
from generator.model.kinds import Segment
from generator.model.registry import FOLDER_KINDS, LIST_KINDS, SINGLE_KINDS
from generator.site.pages import brief_path, entity_path, page_url

FORMAT = "playbook-export"
VERSION = 1
__all__ = ["SettingsError", "dumps", "export", "site_settings"]
SINGLE_PAGES = {"company": "index.md", "process": "process.md", "leads": "leads.md", "team": "team.md"}


def _field_path(loc: tuple) -> str:
    """('buying_committee', 0, 'persona') -> 'buying_committee[0].persona'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Urls:
    def __init__(self, base_url: str, directory_urls: bool):
        self.base = base_url.rstrip("/") + "/" if base_url else ""
        self.directory_urls = directory_urls

    def page(self, path: str, anchor: str = "") -> str:
        return self.base + page_url(path, self.directory_urls) + anchor

    def of(self, kind: str, id: str) -> str | None:
        if kind in FOLDER_KINDS:
            return self.page(entity_path(kind, id))
        if kind in SINGLE_KINDS:
            return self.page(SINGLE_PAGES[kind])
        if kind in LIST_KINDS:
            single, _ = LIST_KINDS[kind]
            return self.page(SINGLE_PAGES[single], f"#{id}")
        return None


def _link_out(link: Link) -> dict:
    return {"field": _field_path(link.loc), "kind": link.target_kind, "id": link.target_id}


def _link_in(link: Link) -> dict:
    return {"kind": link.source_kind, "id": link.source_id, "field": _field_path(link.loc)}


def export(
    catalog: Catalog, *, audience: str, drafts: bool = False, base_url: str = "", directory_urls: bool = True
) -> dict:
    """The export document of a catalog already filtered for `audience`."""
    urls = _Urls(base_url, directory_urls)
    outgoing: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for link in catalog.links:
        outgoing[(link.source_kind, link.source_id)].append(_link_out(link))

    def entry(entity) -> dict:
        key = (entity.kind, entity.id)
        return {
            "id": entity.id,
            "kind": entity.kind,
            "file": entity.rel,
            "url": urls.of(entity.kind, entity.id),
            "fields": entity.model_dump(mode="json", by_alias=True),
            "references": outgoing.get(key, []),
            "referenced_by": [_link_in(link) for link in catalog.incoming(*key)],
        }

    def list_entry(kind: str, item) -> dict:
        return {
            "id": item.id,
            "kind": kind,
            "name": item.name,
            "url": urls.of(kind, item.id),
            "referenced_by": [_link_in(link) for link in catalog.incoming(kind, item.id)],
        }

    document = {
        "format": FORMAT,
        "version": VERSION,
        "audience": audience,
        "drafts": drafts,
        **{kind: (entry(catalog.singles[kind]) if kind in catalog.singles else None) for kind in SINGLE_KINDS},
        "entities": {kind: [entry(e) for e in catalog.all(kind)] for kind in FOLDER_KINDS},
        "stages": [list_entry("stages", s) for s in catalog.stages.values()],
        "roles": [list_entry("roles", r) for r in catalog.roles.values()],
        "briefs": [
            {
                "segment": seat.segment.id,
                "persona": seat.persona.id,
                "role": seat.member.role,
                "url": urls.page(brief_path(seat.segment.id, seat.persona.id)),
            }
            for segment in catalog.of(Segment)
            for seat in rel.seats(catalog, segment)
        ],
    }
    return document


def site_settings(root: Path) -> SiteSettings:
    """The edition, site_url and use_directory_urls as MkDocs loads the project's configuration
    (INHERIT and !ENV included); SettingsError when it cannot be loaded: export never guesses."""
    return _loaded_settings(root)


def dumps(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

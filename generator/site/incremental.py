"""Re-rendering only the pages an edit can change, for `playbook serve`.

While serving, every page is rendered inside `Catalog.recording()`, which notes what the page
read: entities, whole kinds, the links to an entity, index lookups. After an edit, the new
catalog is compared with the previous one; a page is rendered again only if it read something
that changed (a section page reads whole kinds, so it follows any change of its kinds).
Anything that changes every page (options, templates, the navigation) renders everything.
"""

from __future__ import annotations

from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.model.introspect import iter_refs
from generator.model.kinds import Common


def subject_keys(context: dict) -> set:
    """The entities a page is about: handed to the template directly, so never looked up."""
    keys = set()
    entity = context.get("entity")
    if isinstance(entity, Common):
        keys.add((entity.kind, entity.id))
    seat = context.get("seat")
    if seat is not None:
        keys.update({("segments", seat.segment.id), ("personas", seat.persona.id)})
    return keys


def changed_keys(old: Catalog, new: Catalog, indexed: set[tuple[str, str]]) -> set:
    """The read keys (see Catalog.recording) whose answer differs between two catalogs.
    `indexed` holds the (kind, field) indexes that pages looked things up in."""
    keys: set = set()
    for kind in set(old.entities) | set(new.entities):
        _compare(keys, kind, old.entities.get(kind, {}), new.entities.get(kind, {}), indexed)
    for kind in set(old.singles) | set(new.singles):
        if old.singles.get(kind) != new.singles.get(kind):
            _mark(keys, kind, kind, old.singles.get(kind), new.singles.get(kind), indexed)
    _compare(keys, "stages", old._stages, new._stages, indexed)
    _compare(keys, "roles", old._roles, new._roles, indexed)
    if old.narrowed != new.narrowed:
        # An emptied list reads as "all" unless the edition emptied it: the field's meaning changed.
        keys.update(key for kind, id, name in old.narrowed ^ new.narrowed for key in ((kind, id), (kind, id, name)))
    return keys


def _compare(keys: set, kind: str, before: dict, after: dict, indexed: set) -> None:
    for id in before.keys() | after.keys():
        if before.get(id) != after.get(id):
            _mark(keys, kind, id, before.get(id), after.get(id), indexed)


def _mark(keys: set, kind: str, id: str, before, after, indexed: set) -> None:
    keys.update({(kind, id), (kind, "*"), ("*", "*")})
    if before is None or after is None:
        keys.add(("get", kind, id))  # added or removed: every page that looked it up
    keys.update((kind, id, name) for name in _changed_fields(before, after))
    for version in (before, after):
        if version is None:
            continue
        # Its links, as they were and as they are: the pages listing who refers to a target.
        keys.update(("in", target_kind, target_id) for _, target_kind, target_id in iter_refs(version))
        for index_kind, field in indexed:
            if index_kind == kind:
                value = getattr(version, field, None)
                for item in value if isinstance(value, list) else [value]:
                    keys.add(("index", kind, field, item))


def _changed_fields(before, after) -> set[str]:
    """The fields whose values differ; every field of an entity that came or went."""
    versions = [v for v in (before, after) if v is not None]
    names = {name for v in versions for name in type(v).model_fields}
    if len(versions) < 2:
        return names
    return {name for name in names if getattr(before, name, None) != getattr(after, name, None)}


def indexed_fields(reads: dict[str, frozenset]) -> set[tuple[str, str]]:
    return {(key[1], key[2]) for page_reads in reads.values() for key in page_reads if key[0] == "index"}


def template_signature(folders: list[Path]) -> tuple:
    """Every template file with its modification time: an edited template re-renders all pages."""
    return tuple(
        sorted(
            (str(p), p.stat().st_mtime_ns)
            for folder in folders
            if folder.is_dir()
            for p in folder.rglob("*")
            if p.is_file()
        )
    )

"""Where an id is used, as exact places in the files: for `playbook where` and `playbook rename`.

Every reference the catalog resolved (ids in lists, committee seats, single-id fields) and every
`[text](word:id)` link in a Markdown field is located at the id itself, so that rename can
rewrite exactly those characters and nothing else: comments, formatting and display text stay.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.catalog.catalog import LIST_KINDS, Catalog
from generator.catalog.check import CheckResult
from generator.catalog.places import TextIndex
from generator.model.links import WORD_OF, text_links


@dataclass(frozen=True, order=True)
class Place:
    """One use of an id: where it stands (1-based line and column) and what uses it there."""

    file: str
    line: int
    column: int
    field: str  # "buying_committee[0].persona", "messaging (link)", "id" for the definition
    quoted_link: bool = False  # inside a [text](word:id) link

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field}"


def field_path(loc: tuple) -> str:
    """('objections', 0, 'assets', 1) -> 'objections[0].assets[1]'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def definition(result: CheckResult, kind: str, id: str) -> Place | None:
    """Where (kind, id) is defined: its file, or the `id:` of its item in process.yml / team.yml."""
    catalog = result.catalog
    if kind in LIST_KINDS:
        single, field = LIST_KINDS[kind]
        document = catalog.singles.get(single)
        if document is None:
            return None
        items = getattr(document, field, None) or []
        for index, item in enumerate(items):
            if item.id == id:
                where = result.sources[(single, single)].value((field, index, "id"))
                return Place(document.rel, where.line, where.column, f"{field}[{index}].id")
        return None
    entity = catalog.get(kind, id)
    return None if entity is None else Place(entity.rel, 1, 1, "file")


def references(result: CheckResult, kind: str, id: str) -> list[Place]:
    """Every place that refers to (kind, id), sorted by file and position."""
    catalog = result.catalog
    found = []
    for link in catalog.incoming(kind, id):
        model = _model(catalog, link.source_kind, link.source_id)
        where = result.sources[(link.source_kind, link.source_id)].value(link.loc)
        found.append(Place(model.rel, where.line, where.column, field_path(link.loc)))
    word = WORD_OF.get(kind)
    if word is None:  # a kind no link can name
        return sorted(set(found))
    for model in catalog.everything():
        finder = None
        for loc, match in text_links(model):
            if match.group(1) != word or match.group(2) != id:
                continue
            if finder is None:
                finder = TextIndex(catalog.root / model.rel)
            start = finder.offset(result.sources[(model.kind, model.id)].value(loc))
            offset = finder.find(f"{word}:{id}", start, loc)
            if offset is not None:
                line, column = finder.position(offset + len(word) + 1)
                found.append(Place(model.rel, line, column, f"{field_path(loc)} (link)", quoted_link=True))
    return sorted(set(found))


def _model(catalog: Catalog, kind: str, id: str):
    return catalog.singles[kind] if kind in catalog.singles else catalog.get(kind, id)

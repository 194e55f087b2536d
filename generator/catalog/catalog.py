"""The resolved playbook: every valid entity by kind and id, and relations computed both ways."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar, cast

from generator.catalog import fieldreads
from generator.model.introspect import iter_refs
from generator.model.kinds import Common, Company, Leads, Process, Role, Stage, Team, ValueProposition
from generator.model.registry import FOLDER_KINDS, LIST_KINDS

M = TypeVar("M", bound=Common)

# Lists where "empty or missing means all" (docs/format.md: value propositions).
ALL_MEANING_FIELDS = ("segments", "personas", "products")


@dataclass(frozen=True)
class Link:
    """`source` (kind, id) refers to `target` (kind, id) at `loc` inside the source's file."""

    source_kind: str
    source_id: str
    loc: tuple
    target_kind: str
    target_id: str


@dataclass
class Catalog:
    root: Path
    singles: dict[str, Common] = field(default_factory=dict)
    entities: dict[str, dict[str, Common]] = field(default_factory=lambda: {k: {} for k in FOLDER_KINDS})
    links: list[Link] = field(default_factory=list)
    _incoming: dict[tuple[str, str], list[Link]] = field(default_factory=lambda: defaultdict(list))
    _indexes: dict[tuple[str, str], dict[str, list]] = field(default_factory=dict)
    narrowed: set[tuple[str, str, str]] = field(default_factory=set)  # (kind, id, field) emptied by an audience
    _memo: dict[str, tuple[object, frozenset]] = field(default_factory=dict)
    _recorders: list[set] = field(default_factory=list)  # open `recording()` scopes, innermost last

    # --- what a page reads (`playbook serve` re-renders only the pages an edit can change) ---
    @contextmanager
    def recording(self) -> Iterator[set]:
        """Collect the keys of everything read from the catalog inside the block: ("get", kind, id)
        for looking one entity up, (kind, id, field) for each field read of an entity and (kind, id)
        for anything that may read all of it (fieldreads.py), (kind, "*") for a whole kind,
        ("in", kind, id) for the links to an entity, ("index", kind, field, value) for an index
        lookup. See generator/site/incremental.py."""
        reads: set = set()
        outermost = not self._recorders
        self._recorders.append(reads)
        if outermost:
            fieldreads.start(self._recorders)
        try:
            yield reads
        finally:
            self._recorders.pop()
            if self._recorders:
                self._recorders[-1].update(reads)
            if outermost:
                fieldreads.stop()

    def _read(self, *key) -> None:
        if self._recorders:
            self._recorders[-1].add(key)

    # --- typed access: every entity is stored under its kind, and each model knows its kind ---
    def of(self, model: type[M]) -> list[M]:
        """Entities of a folder kind as their model: catalog.of(Persona) -> list[Persona]."""
        return cast("list[M]", self.all(model.kind))

    def one(self, model: type[M], id: str) -> M | None:
        """One entity of a folder kind as its model, or None."""
        return cast("M | None", self.get(model.kind, id))

    def single_of(self, model: type[M]) -> M | None:
        """The single-file document of `model`'s kind (company, process, leads, team), or None."""
        self._read("get", model.kind, model.kind)
        return cast("M | None", self.singles.get(model.kind))

    def indexed(self, model: type[M], field: str) -> Mapping[str, list[M]]:
        """index() for a folder kind, typed by its model."""
        return cast("Mapping[str, list[M]]", self.index(model.kind, field))

    # --- the single-file kinds ---
    def single(self, kind: str) -> Common | None:
        self._read("get", kind, kind)
        return self.singles.get(kind)

    @property
    def company(self) -> Company | None:
        return self.single_of(Company)

    @property
    def process(self) -> Process | None:
        return self.single_of(Process)

    @property
    def leads(self) -> Leads | None:
        return self.single_of(Leads)

    @property
    def team(self) -> Team | None:
        return self.single_of(Team)

    @cached_property
    def _stages(self) -> dict[str, Stage]:
        process = cast("Process | None", self.singles.get("process"))  # not a page read: see stages
        return {s.id: s for s in process.stages} if process else {}

    @cached_property
    def _roles(self) -> dict[str, Role]:
        team = cast("Team | None", self.singles.get("team"))
        return {r.id: r for r in team.roles} if team else {}

    @property
    def stages(self) -> dict[str, Stage]:
        self._read("stages", "*")
        return self._stages

    @property
    def roles(self) -> dict[str, Role]:
        self._read("roles", "*")
        return self._roles

    def memo(self, key: str, compute: Callable[[], object]):
        """A derived map computed once: the catalog never changes after it is built, and pages
        ask the same questions thousands of times at scale. What computing it read counts as
        read by every page that asks."""
        if key not in self._memo:
            with self.recording() as reads:
                value = compute()
            self._memo[key] = (value, frozenset(reads))
        value, recorded = self._memo[key]
        if self._recorders:
            self._recorders[-1].update(recorded)
        return value

    # --- lookups ---
    def get(self, kind: str, id: str):
        if kind in LIST_KINDS:
            self._read(kind, id)  # stages and roles: read whole, they are no entities of their own
            return (self._stages if kind == "stages" else self._roles).get(id)
        self._read("get", kind, id)  # whether it exists; its fields note themselves when read
        if kind in self.singles and kind == id:
            return self.singles[kind]
        return self.entities.get(kind, {}).get(id)

    def everything(self) -> list[Common]:
        """Every entity: the single-file documents first, then each folder kind sorted by id."""
        self._read("*", "*")
        return list(self.singles.values()) + [e for kind in self.entities.values() for e in kind.values()]

    def all(self, kind: str) -> list[Common]:
        """Entities of a folder kind, sorted by id."""
        self._read(kind, "*")
        return list(self.entities[kind].values())

    def index(self, kind: str, field: str) -> Mapping[str, list[Common]]:
        """Entities of `kind` by each value of their `field` (a list or a single value), built once.

        The catalog never changes after it is built, so pages can ask "which assets name this
        segment" in constant time instead of scanning thousands of assets per page.
        """
        key = (kind, field)
        if key not in self._indexes:
            found: dict[str, list[Common]] = defaultdict(list)
            for entity in self.all(kind):
                value = getattr(entity, field)
                for item in value if isinstance(value, list) else [value]:
                    if item is not None:
                        found[item].append(entity)
            self._indexes[key] = dict(found)
        if self._recorders:
            return _RecordedIndex(self._indexes[key], self, kind, field)
        return self._indexes[key]

    def incoming(self, kind: str, id: str, source_kind: str | None = None) -> list[Link]:
        """Links pointing at (kind, id), optionally only from one source kind."""
        self._read("in", kind, id)
        links = self._incoming.get((kind, id), [])
        return [link for link in links if source_kind is None or link.source_kind == source_kind]

    def means_all(self, entity, field: str) -> bool:
        """True when `field` is empty because the author meant "all", not because an audience
        edition hid every entity it named."""
        key = (getattr(entity, "kind", None), getattr(entity, "id", None), field)  # nested items: never narrowed
        return not getattr(entity, field) and key not in self.narrowed

    def applies(self, entity, field: str, id: str | None) -> bool:
        """Whether a scoped entity (a value proposition) applies to `id` through `field`."""
        return id is None or id in getattr(entity, field) or self.means_all(entity, field)

    def value_propositions_for(
        self, segment_id: str | None = None, persona_id: str | None = None
    ) -> list[ValueProposition]:
        """Value propositions that apply to a segment and/or persona; an empty list in a VP means 'all'.
        Briefs, the matrix, the health page and check's W302 all ask it for every committee seat."""
        return self.memo(
            f"value_propositions_for:{segment_id}:{persona_id}",
            lambda: [
                vp
                for vp, segments, personas in self._value_proposition_scopes()
                if (segment_id is None or segments is None or segment_id in segments)
                and (persona_id is None or personas is None or persona_id in personas)
            ],
        )

    def _value_proposition_scopes(self) -> list[tuple[ValueProposition, frozenset | None, frozenset | None]]:
        """Each value proposition with the segments and personas it applies to (None: all), read
        once instead of once per committee seat (hundreds of seats at scale)."""

        def scope(vp: ValueProposition, field: str) -> frozenset | None:
            return None if self.means_all(vp, field) else frozenset(getattr(vp, field))

        return self.memo(
            "value_proposition_scopes",
            lambda: [(vp, scope(vp, "segments"), scope(vp, "personas")) for vp in self.of(ValueProposition)],
        )


class _RecordedIndex(Mapping[str, list[Common]]):
    """An index whose lookups count as reads of the entities filed under the key looked up."""

    def __init__(self, found: dict, catalog: Catalog, kind: str, field: str) -> None:
        self._found, self._catalog, self._kind, self._field = found, catalog, kind, field

    def __getitem__(self, key: str) -> list[Common]:
        self._catalog._read("index", self._kind, self._field, key)
        return self._found[key]

    def __iter__(self) -> Iterator[str]:
        self._catalog._read(self._kind, "*")  # listing every key reads the whole kind
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)


def is_stale(entity, today: datetime.date) -> bool:
    """Past its review-by date: shown with a badge, warned about by check (W300)."""
    return entity.review_by is not None and entity.review_by < today


def build_catalog(root: Path, models: list[Common], narrowed: set | None = None) -> Catalog:
    """Index valid models (their `id` and `rel` already set) and compute links both ways."""
    catalog = Catalog(root=root, narrowed=set(narrowed or ()))
    for model in sorted(models, key=lambda m: (m.kind, m.id)):
        if model.kind in FOLDER_KINDS:
            catalog.entities[model.kind][model.id] = model
        else:
            catalog.singles[model.kind] = model
    for model in sorted(models, key=lambda m: (m.kind, m.id)):
        for loc, target_kind, target_id in iter_refs(model):
            link = Link(model.kind, model.id, loc, target_kind, target_id)
            catalog.links.append(link)
            catalog._incoming[(target_kind, target_id)].append(link)
    return catalog

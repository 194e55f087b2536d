"""Content health: what the playbook does not cover yet, and who keeps what.

One function (`analyse`) answers every question from a catalog; `playbook coverage` prints the
answer as text, JSON or Markdown, and the internal site shows it as the "Content health" page.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field

from generator.catalog import relations as rel
from generator.catalog.catalog import Catalog
from generator.catalog.relationships import unengaged_seats
from generator.catalog.todo import Ref, ToDo, by_owner, plan, ref
from generator.model.kinds import Persona, Segment, ValueProposition
from generator.model.registry import SINGULAR


@dataclass(frozen=True)
class SeatCoverage:
    """One persona on one segment's buying committee, and the value propositions covering it."""

    segment: str
    persona: str
    role: str
    value_propositions: tuple[str, ...]

    @property
    def covered(self) -> bool:
        return bool(self.value_propositions)


@dataclass(frozen=True)
class Stale:
    entity: Ref
    review_by: datetime.date
    owner: str | None


@dataclass(frozen=True)
class OwnerCount:
    owner: str | None  # None: entities with no owner
    entities: int
    stale: int


@dataclass
class Coverage:
    today: datetime.date
    seats: list[SeatCoverage] = field(default_factory=list)
    unengaged: list[SeatCoverage] = field(default_factory=list)  # committee members nobody on our side engages
    personas_without_objections: list[Ref] = field(default_factory=list)
    personas_without_questions: list[Ref] = field(default_factory=list)
    stages_without_assets: list[Ref] = field(default_factory=list)
    value_propositions_without_proof: list[Ref] = field(default_factory=list)
    stale: list[Stale] = field(default_factory=list)
    ownerless: list[Ref] = field(default_factory=list)
    owners: list[OwnerCount] = field(default_factory=list)
    entities: int = 0
    todos: list[ToDo] = field(default_factory=list)  # every gap above as a to-do, grouped by owner

    @property
    def gaps(self) -> list[SeatCoverage]:
        """Committee seats no value proposition covers: (segment id, persona id) to fill."""
        return [s for s in self.seats if not s.covered]

    @property
    def covered_share(self) -> float:
        return (len(self.seats) - len(self.gaps)) / len(self.seats) if self.seats else 1.0

    @property
    def problems(self) -> int:
        return len(self.gaps) + len(self.unengaged) + len(self.stale) + sum(len(refs) for _, _, refs in self.lists())

    def by_owner(self) -> list[tuple[str, list[ToDo]]]:
        """The to-do list, one group per owner ("unowned" last)."""
        return by_owner(self.todos)

    def known_owners(self) -> list[str]:
        """Every owner the playbook names, and "unowned" when some gap has nobody."""
        named = {o.owner for o in self.owners if o.owner}
        return sorted(named | {t.owner for t in self.todos})

    def lists(self) -> list[tuple[str, str, list[Ref]]]:
        """The lists of entities to fix, in report order: (title, what the text report adds to it, entities)."""
        return [
            ("Personas without objections", "", self.personas_without_objections),
            ("Personas without discovery questions", "", self.personas_without_questions),
            ("Process stages without assets", "", self.stages_without_assets),
            ("Value propositions without proof", " (no asset proves them)", self.value_propositions_without_proof),
            ("Entities without an owner", "", self.ownerless),
        ]

    def as_json(self) -> dict:
        """The documented JSON shape of `playbook coverage --format json`."""
        return {
            "today": self.today.isoformat(),
            "entities": self.entities,
            "committee": {
                "seats": len(self.seats),
                "covered": len(self.seats) - len(self.gaps),
                "gaps": [{"segment": s.segment, "persona": s.persona, "role": s.role} for s in self.gaps],
                "matrix": [
                    {
                        "segment": s.segment,
                        "persona": s.persona,
                        "role": s.role,
                        "value_propositions": list(s.value_propositions),
                    }
                    for s in self.seats
                ],
            },
            "unengaged": [{"segment": s.segment, "persona": s.persona, "role": s.role} for s in self.unengaged],
            "personas_without_objections": [r.id for r in self.personas_without_objections],
            "personas_without_discovery_questions": [r.id for r in self.personas_without_questions],
            "stages_without_assets": [r.id for r in self.stages_without_assets],
            "value_propositions_without_proof": [r.id for r in self.value_propositions_without_proof],
            "stale": [
                {**s.entity.as_json(), "review_by": s.review_by.isoformat(), "owner": s.owner} for s in self.stale
            ],
            "ownerless": [r.as_json() for r in self.ownerless],
            "owners": [{"owner": o.owner, "entities": o.entities, "stale": o.stale} for o in self.owners],
            "todos": [t.as_json() for t in self.todos],
        }


def analyse(catalog: Catalog, today: datetime.date, sources: dict | None = None) -> Coverage:
    """The health of `catalog` on `today`; `sources` (CheckResult.sources) adds the line of each
    to-do to its file."""
    report = Coverage(today=today)
    for segment in sorted(catalog.of(Segment), key=lambda s: (s.priority or 99, s.id)):
        for seat in rel.seats(catalog, segment):
            vps = tuple(vp.id for vp in catalog.value_propositions_for(segment.id, seat.persona.id))
            report.seats.append(SeatCoverage(segment.id, seat.persona.id, seat.member.role, vps))
        for person in unengaged_seats(catalog, segment):
            report.unengaged.append(SeatCoverage(segment.id, person.persona.id, person.seat.member.role, ()))
    for persona in catalog.of(Persona):
        if not persona.objections:
            report.personas_without_objections.append(ref(persona))
        if not persona.discovery_questions:
            report.personas_without_questions.append(ref(persona))
    for stage in catalog.stages.values():
        if not rel.stage_assets(catalog, stage):
            report.stages_without_assets.append(Ref("stages", stage.id, stage.name))
    for vp in catalog.of(ValueProposition):
        if not rel.value_proposition_assets(catalog, vp):
            report.value_propositions_without_proof.append(ref(vp))
    everything = catalog.everything()
    report.entities = len(everything)
    owned: Counter = Counter()
    stale_by_owner: Counter = Counter()
    for entity in everything:
        owner = entity.owner.strip() if entity.owner and entity.owner.strip() else None
        owned[owner] += 1
        if owner is None:
            report.ownerless.append(ref(entity))
        if entity.review_by is not None and rel.is_stale(entity, today):
            report.stale.append(Stale(ref(entity), entity.review_by, owner))
            stale_by_owner[owner] += 1
    report.stale.sort(key=lambda s: (s.review_by, s.entity.kind, s.entity.id))
    report.owners = [
        OwnerCount(o, n, stale_by_owner[o])
        for o, n in sorted(owned.items(), key=lambda kv: (kv[0] is None, -kv[1], (kv[0] or "").lower()))
    ]
    report.todos = plan(catalog, report, sources)
    return report


# --- reporters for the command line -------------------------------------------------------------
# Each takes the report and, for `--owner`, the owners whose to-dos to show (None: everyone's).


def _groups(c: Coverage, owners: list[str] | None) -> list[tuple[str, list[ToDo]]]:
    groups = c.by_owner()
    if owners is None:
        return groups
    found = dict(groups)
    return [(o, found.get(o, [])) for o in owners]


def _todo_line(t: ToDo) -> str:
    via = f" (yours as owner of {_label(t.owner_from.kind).lower()} {t.owner_from.id})" if t.owner_from else ""
    return f"  {t.where}: {t.field}: {t.action}{via}"


def report_text(c: Coverage, owners: list[str] | None = None) -> str:
    out = []
    if owners is None:
        out += [
            f"Content health on {c.today.isoformat()}: {c.entities} entities, {c.problems} thing(s) to fix",
            f"Buying committees: {len(c.seats) - len(c.gaps)} of {len(c.seats)} seats covered by a value proposition",
            "",
        ]
    for owner, todos in _groups(c, owners):
        out.append(f"To do for {owner}: {len(todos)}" if todos else f"Nothing to do for {owner}.")
        out += [_todo_line(t) for t in todos]
    if owners is None:
        if not c.todos:
            out.append("Nothing to do.")
        out += ["", "Entities per owner:"]
        out += [
            f"  {o.entities:4d}  {o.owner or '(no owner)'}" + (f"  ({o.stale} stale)" if o.stale else "")
            for o in c.owners
        ]
    return "\n".join(out) + "\n"


def _label(kind: str) -> str:
    return (SINGULAR.get(kind) or kind).capitalize()


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_todos(owner: str, todos: list[ToDo]) -> list[str]:
    out = ["", f"### {_md_cell(owner)}: {len(todos)} to do", ""]
    if not todos:
        return out + ["Nothing to do."]
    out += ["| What | File | Field | To do |", "|---|---|---|---|"]
    out += [
        f"| {_label(t.subject.kind)} `{t.subject.id}` | `{t.where}` | `{t.field}` | {_md_cell(t.action)} |"
        for t in todos
    ]
    return out


def report_markdown(c: Coverage, owners: list[str] | None = None) -> str:
    """Markdown for a pull request comment or a CI job summary."""
    out = ["## Content health"]
    if owners is None:
        summary = (
            f"{c.entities} entities on {c.today.isoformat()}; **{c.problems}** thing(s) to fix. "
            f"Buying committees: {len(c.seats) - len(c.gaps)} of {len(c.seats)} seats covered by a value proposition."
        )
        out += ["", summary]
        if not c.todos:
            out += ["", "Nothing to do."]
    for owner, todos in _groups(c, owners):
        out += _md_todos(owner, todos)
    if owners is None:
        out += ["", "### Entities per owner", "", "| Owner | Entities | Stale |", "|---|---:|---:|"]
        out += [f"| {_md_cell(o.owner or '(no owner)')} | {o.entities} | {o.stale} |" for o in c.owners]
    return "\n".join(out) + "\n"


def report_json(c: Coverage, owners: list[str] | None = None) -> str:
    """The documented shape; with owners, `todos` holds only theirs."""
    data = c.as_json()
    if owners is not None:
        data["todos"] = [t.as_json() for t in c.todos if t.owner in owners]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


REPORTERS = {"text": report_text, "json": report_json, "markdown": report_markdown}

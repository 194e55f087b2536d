"""Content health as a to-do list: each gap with who should close it, the file and field to edit
and one sentence saying what to do.

`coverage.analyse` finds the gaps; this module turns each one into a `ToDo`. The owner of a to-do
is the owner of the entity the gap belongs to (a committee seat's segment, a stage's process);
when that entity names none, the owner of the segments a persona sits in or a value proposition
names, then the playbook's owner in company.yml, else "unowned": every gap lands on somebody's
list, and `owner_from` says when it landed there by way of another entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.catalog import relations as rel
from generator.catalog.catalog import Catalog
from generator.model.kinds import Persona, Segment, ValueProposition
from generator.model.reference import TITLES
from generator.model.registry import LOCATIONS
from generator.suggest import closest

if TYPE_CHECKING:
    from generator.catalog.coverage import Coverage, SeatCoverage, Stale
    from generator.load.document import SourceMap

UNOWNED = "unowned"


@dataclass(frozen=True)
class Ref:
    """An entity named in the report: kind, id and display name."""

    kind: str
    id: str
    name: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "name": self.name}


def ref(entity) -> Ref:
    """The entity as named in the report; a single file without a name by what it is ("Sales process")."""
    return Ref(entity.kind, entity.id, entity.name or TITLES.get(entity.kind, entity.id))


# problem -> heading, in the order a to-do list is worth reading within one owner's group
PROBLEMS = {
    "committee-gap": "Committee seat without a value proposition",
    "unengaged": "Committee member nobody engages",
    "no-objections": "Persona without objections",
    "no-questions": "Persona without discovery questions",
    "stage-without-assets": "Process stage without assets",
    "unproven": "Value proposition without proof",
    "stale": "Stale entry",
    "ownerless": "Entry without an owner",
}


@dataclass(frozen=True)
class ToDo:
    """One thing to fix: who, where (file, line when known, field) and what."""

    owner: str  # the entity's owner, else a fallback's, else UNOWNED
    owner_from: Ref | None  # the entity the owner was taken from, when not the subject itself
    problem: str  # a key of PROBLEMS
    subject: Ref  # what the gap is about
    file: str  # relative to the project; a folder (ending in /) when a new file is the way out
    line: int | None  # where in the file, when the project's source positions are known
    field: str  # the field to add or fill: "objections", "buying_committee[1].engaged_by"
    action: str  # one sentence
    segment: str | None = None  # committee seats: the brief or map the gap shows on
    persona: str | None = None

    @property
    def title(self) -> str:
        return PROBLEMS[self.problem]

    @property
    def where(self) -> str:
        """file:line, or the file alone."""
        return f"{self.file}:{self.line}" if self.line else self.file

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, list(PROBLEMS).index(self.problem), self.field)

    def as_json(self) -> dict:
        return {
            "owner": self.owner,
            "owner_from": self.owner_from.as_json() if self.owner_from else None,
            "problem": self.problem,
            "kind": self.subject.kind,
            "id": self.subject.id,
            "name": self.subject.name,
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "action": self.action,
        }


class Planner:
    """Builds the to-dos of one report; `sources` (from `check_project`) adds line numbers."""

    def __init__(self, catalog: Catalog, sources: dict[tuple[str, str], SourceMap] | None) -> None:
        self.catalog = catalog
        self.sources = sources or {}
        self._seating: dict[str, list[Segment]] = {}  # persona id -> the segments seating it, by priority
        for segment in rel.ranked_segments(catalog):
            for member in segment.buying_committee:
                self._seating.setdefault(member.persona, []).append(segment)

    # --- where and who ---
    def line(self, kind: str, id: str, loc: tuple) -> int | None:
        """The line of `loc` in the file of (kind, id), when the file has it."""
        source = self.sources.get((kind, id))
        if source is None or not source.has(loc):
            return None
        return source.key(loc).line

    def owner(self, subject, fallbacks: Iterable = ()) -> tuple[str, Ref | None]:
        """The first owner among the subject and its fallbacks, and where it came from."""
        for index, candidate in enumerate([subject, *fallbacks]):
            text = (getattr(candidate, "owner", None) or "").strip()
            if text:
                return text, (ref(candidate) if index else None)
        return UNOWNED, None

    def fallbacks(self, entity) -> list:
        """Whom an ownerless entity's gaps fall to: the segments a persona sits in or a value
        proposition names (highest priority first), then whoever owns the playbook as a whole
        (company.yml)."""
        found: list = []
        if isinstance(entity, Persona):
            found = self._seating.get(entity.id, [])
        elif isinstance(entity, ValueProposition):
            found = [s for s in rel.ranked_segments(self.catalog) if s.id in entity.segments]
        company = self.catalog.company
        return found + ([company] if company is not None and company is not entity else [])

    def _entity_todo(self, entity, problem: str, field: str, loc: tuple, action: str) -> ToDo:
        owner, source = self.owner(entity, self.fallbacks(entity))
        line = self.line(entity.kind, entity.id, loc)
        return ToDo(owner, source, problem, ref(entity), entity.rel, line, field, action)

    # --- one builder per problem ---
    def committee_gap(self, seat: SeatCoverage) -> ToDo:
        segment = self.catalog.one(Segment, seat.segment)
        persona = self.catalog.one(Persona, seat.persona)
        assert segment is not None and persona is not None  # seats only exist for both
        owner, source = self.owner(segment, [persona, *self.fallbacks(segment)])
        who = f"the {persona.name} in {segment.name}"
        near = self._nearest_value_proposition(segment.id, persona.id)
        if near is None:
            file, line, field = LOCATIONS["value-propositions"].replace("<id>.yml", ""), None, "segments, personas"
            action = (
                f"No value proposition speaks to {who}: write one with `playbook new value-proposition ID` "
                f"and set `segments: [{segment.id}]` and `personas: [{persona.id}]`."
            )
        else:
            vp, field, missing = near
            file, line = vp.rel, self.line(vp.kind, vp.id, (field,))
            action = (
                f"No value proposition speaks to {who}: add `{missing}` to the `{field}` of '{vp.name}' if it "
                "holds there too, or write a new one with `playbook new value-proposition ID`."
            )
        return ToDo(owner, source, "committee-gap", ref(segment), file, line, field, action, segment.id, persona.id)

    def _nearest_value_proposition(self, segment: str, persona: str) -> tuple[ValueProposition, str, str] | None:
        """A value proposition one list away from covering the seat: (it, the field, the id to add)."""
        for_persona = self.catalog.indexed(ValueProposition, "personas").get(persona)
        if for_persona:  # it speaks to the persona elsewhere: the segment is missing
            return for_persona[0], "segments", segment
        for_segment = self.catalog.indexed(ValueProposition, "segments").get(segment)
        if for_segment:
            return for_segment[0], "personas", persona
        return None

    def unengaged(self, seat: SeatCoverage) -> ToDo:
        segment = self.catalog.one(Segment, seat.segment)
        persona = self.catalog.one(Persona, seat.persona)
        assert segment is not None and persona is not None
        index = next(i for i, m in enumerate(segment.buying_committee) if m.persona == persona.id)
        owner, source = self.owner(segment, self.fallbacks(segment))
        team = self.catalog.team
        roles = f"in {team.rel}" if team is not None else "from content/team.yml"
        return ToDo(
            owner,
            source,
            "unengaged",
            ref(segment),
            segment.rel,
            self.line(segment.kind, segment.id, ("buying_committee", index)),
            f"buying_committee[{index}].engaged_by",
            f"Nobody on our side engages the {persona.name} in {segment.name}: name the team role that does "
            f"in `engaged_by` (a role id {roles}), or add `{persona.id}` to that role's `engages`.",
            segment.id,
            persona.id,
        )

    def no_objections(self, persona: Persona) -> ToDo:
        return self._entity_todo(
            persona,
            "no-objections",
            "objections",
            ("objections",),
            f"Sellers have no answers ready for the {persona.name}: add the objections they hear, "
            "each with the approved `response`.",
        )

    def no_questions(self, persona: Persona) -> ToDo:
        return self._entity_todo(
            persona,
            "no-questions",
            "discovery_questions",
            ("discovery_questions",),
            f"Add the `discovery_questions` a seller asks the {persona.name} to uncover need and fit.",
        )

    def stage_without_assets(self, stage_ref: Ref) -> ToDo:
        process = self.catalog.process
        assert process is not None  # stages only exist in a process
        index = list(self.catalog.stages).index(stage_ref.id)
        owner, source = self.owner(process, self.fallbacks(process))
        return ToDo(
            owner,
            source,
            "stage-without-assets",
            stage_ref,
            process.rel,
            self.line(process.kind, process.id, ("stages", index)),
            f"stages[{index}].assets",
            f"Sellers have nothing to use in '{stage_ref.name}': list asset ids under its `assets`, "
            f"or add `{stage_ref.id}` to an asset's `stages`.",
        )

    def unproven(self, vp: ValueProposition) -> ToDo:
        return self._entity_todo(
            vp,
            "unproven",
            "proof_points",
            ("proof_points",),
            f"Nothing proves '{vp.name}': cite an asset (a case study, a calculation) in a proof point's "
            f"`assets`, or add `{vp.id}` to an asset's `value_propositions`.",
        )

    def stale(self, stale: Stale) -> ToDo:
        entity = self.catalog.get(stale.entity.kind, stale.entity.id)
        return self._entity_todo(
            entity,
            "stale",
            "review_by",
            ("review_by",),
            f"'{stale.entity.name}' was due for review on {stale.review_by.isoformat()}: check it is "
            "still true, then move `review_by` forward.",
        )

    def ownerless(self, subject: Ref) -> ToDo:
        entity = self.catalog.get(subject.kind, subject.id)
        return self._entity_todo(
            entity,
            "ownerless",
            "owner",
            ("owner",),
            f"Nobody keeps '{subject.name}' true: set `owner` to the person or team (with an e-mail address) who does.",
        )


def plan(catalog: Catalog, report: Coverage, sources: dict | None = None) -> list[ToDo]:
    """Every gap of `report` as a to-do, grouped by owner (unowned last), then by file and line."""
    planner = Planner(catalog, sources)
    todos = [planner.committee_gap(s) for s in report.gaps]
    todos += [planner.unengaged(s) for s in report.unengaged]
    todos += [planner.no_objections(p) for p in _models(catalog, report.personas_without_objections)]
    todos += [planner.no_questions(p) for p in _models(catalog, report.personas_without_questions)]
    todos += [planner.stage_without_assets(s) for s in report.stages_without_assets]
    todos += [planner.unproven(v) for v in _models(catalog, report.value_propositions_without_proof)]
    todos += [planner.stale(s) for s in report.stale]
    todos += [planner.ownerless(r) for r in report.ownerless]
    return sorted(todos, key=lambda t: (owner_order(t.owner), t.sort_key()))


def _models(catalog: Catalog, refs: list[Ref]) -> list:
    return [catalog.get(r.kind, r.id) for r in refs]


def owner_order(owner: str) -> tuple:
    """Owners alphabetically, "unowned" last."""
    return (owner == UNOWNED, owner.casefold())


def by_owner(todos: list[ToDo]) -> list[tuple[str, list[ToDo]]]:
    """The to-dos grouped by owner, in owner order."""
    groups: dict[str, list[ToDo]] = {}
    for todo in sorted(todos, key=lambda t: (owner_order(t.owner), t.sort_key())):
        groups.setdefault(todo.owner, []).append(todo)
    return list(groups.items())


# --- choosing an owner on the command line (`playbook coverage --owner NAME`) --------------------

_EMAIL = re.compile(r"[^\s()<>,;]+@[^\s()<>,;]+")


class UnknownOwner(ValueError):
    """--owner names nobody in the playbook; the message lists who is known."""


def owner_names(owner: str) -> set[str]:
    """The ways to name an owner: the whole text, the name before "(", and any e-mail address in it,
    all case-folded: "Product marketing (marketing@x.example)" answers to each of the three."""
    names = {owner.casefold(), owner.split("(")[0].strip().casefold()}
    names |= {m.casefold() for m in _EMAIL.findall(owner)}
    return {n for n in names if n}


def matching_owners(name: str, known: Iterable[str]) -> list[str]:
    """The known owners `name` refers to (several when they share an e-mail address)."""
    wanted = name.strip().casefold()
    known = sorted(set(known), key=owner_order)
    found = [owner for owner in known if wanted in owner_names(owner)]
    if found:
        return found
    forms = {form: owner for owner in known for form in owner_names(owner)}
    guess = closest(wanted, sorted(forms))
    hint = f" (did you mean '{forms[guess]}'?)" if guess else ""
    listed = "; ".join(known) if known else "none"
    raise UnknownOwner(
        f"no owner '{name}' in this playbook{hint}. Owners: {listed}. "
        "Give an owner's name, its e-mail address or the whole `owner` text."
    )

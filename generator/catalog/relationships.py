"""The o2o relationship map as facts: who on their committee reports to whom, which of our roles
engages whom, where nobody does, and who meets whom stage by stage.

The site draws these facts (generator/site/map_layout.py lays them out); coverage and check ask
the same questions, so the picture, the health report and the errors always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.catalog import relations as rel
from generator.catalog.catalog import Catalog
from generator.model.kinds import Asset, Persona, Play, Playbook, Role, Segment, Stage


@dataclass(frozen=True)
class Person:
    """One seat drawn on the map: the person, their manager and who on our side engages them."""

    seat: rel.Seat
    manager: Persona | None  # the persona they report to, when the edition shows it
    manager_on_committee: bool
    engaged_by: tuple[Role, ...]  # `engaged_by` on the seat, else every role whose `engages` names them

    @property
    def persona(self) -> Persona:
        return self.seat.persona

    @property
    def gap(self) -> bool:
        return not self.engaged_by


@dataclass(frozen=True)
class RoleLink:
    """One of our roles and the people on this committee it engages."""

    role: Role
    people: tuple[Persona, ...]


@dataclass(frozen=True)
class RelationshipMap:
    segment: Segment
    people: tuple[Person, ...]  # committee order
    outsiders: tuple[Persona, ...]  # managers of committee people who are not on the committee
    roles: tuple[RoleLink, ...]  # team order; empty when the edition shows no team

    @property
    def gaps(self) -> list[Person]:
        """People nobody on our side engages; only knowable when the edition shows our team."""
        return [p for p in self.people if p.gap] if self.roles else []

    @property
    def idle_roles(self) -> list[Role]:
        """Our roles that engage nobody on this committee."""
        return [link.role for link in self.roles if not link.people]

    def reports(self, persona: Persona) -> list[Persona]:
        """Committee people who report to `persona`."""
        return [p.persona for p in self.people if p.manager is not None and p.manager.id == persona.id]


def engagers(catalog: Catalog, seat: rel.Seat) -> tuple[Role, ...]:
    """Who on our side engages a seat: its `engaged_by`, falling back to the roles' `engages`."""
    if seat.engaged_by:
        return seat.engaged_by
    return tuple(r for r in catalog.roles.values() if seat.persona.id in r.engages)


def _engages(person: Person, role: Role) -> bool:
    return any(r.id == role.id for r in person.engaged_by)


def relationship_map(catalog: Catalog, segment: Segment) -> RelationshipMap:
    return catalog.memo(f"relationship_map:{segment.id}", lambda: _build_map(catalog, segment))


def _build_map(catalog: Catalog, segment: Segment) -> RelationshipMap:
    seats = rel.seats(catalog, segment)
    on_committee = {s.persona.id for s in seats}
    people: list[Person] = []
    outsiders: dict[str, Persona] = {}
    for seat in seats:
        manager = catalog.one(Persona, seat.persona.reports_to) if seat.persona.reports_to else None
        if manager is not None and manager.id == seat.persona.id:
            manager = None  # reporting to oneself is a cycle check reports (E220); draw no line
        inside = manager is not None and manager.id in on_committee
        if manager is not None and not inside:
            outsiders.setdefault(manager.id, manager)
        people.append(Person(seat, manager, inside, engagers(catalog, seat)))
    roles = tuple(
        RoleLink(role, tuple(p.persona for p in people if _engages(p, role))) for role in catalog.roles.values()
    )
    return RelationshipMap(segment, tuple(people), tuple(outsiders[i] for i in sorted(outsiders)), roles)


# --- reporting lines --------------------------------------------------------------------------


def reports_to_cycles(personas: list[Persona]) -> list[list[str]]:
    """Every loop of `reports_to` among the personas, each as the persona ids around it starting
    from the smallest id, loops in order of that id. A self-report is a loop of one."""
    manager = {p.id: p.reports_to for p in personas if p.reports_to}
    cycles, settled = [], set()
    for start in sorted(manager):
        path: list[str] = []
        seen: dict[str, int] = {}
        node = start
        while node in manager and node not in settled and node not in seen:
            seen[node] = len(path)
            path.append(node)
            node = manager[node]
        if node in seen:  # came back to this walk: a new loop
            loop = path[seen[node] :]
            first = loop.index(min(loop))
            cycles.append(loop[first:] + loop[:first])
        settled.update(path)
    return sorted(cycles)


# --- the map over time ------------------------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    """One of our roles and the people it meets in a stage; `from_plays` when a play says so."""

    role: Role | None  # None: a play with no owner
    people: tuple[Persona, ...]
    from_plays: bool


@dataclass(frozen=True)
class StageView:
    stage: Stage
    meetings: tuple[Meeting, ...]
    assets: tuple  # the assets the process lists for the stage, then those of its plays


def segment_plays(catalog: Catalog, segment: Segment) -> list[tuple[Playbook, Play]]:
    """Plays of the playbooks that apply to the segment (naming it, or naming no segment)."""
    return [
        (pb, play) for pb in catalog.of(Playbook) if catalog.applies(pb, "segments", segment.id) for play in pb.plays
    ]


def segment_stages(catalog: Catalog, segment: Segment) -> list[StageView]:
    """Every process stage with who meets whom on this segment's committee."""

    def compute():
        people = {p.persona.id: p for p in relationship_map(catalog, segment).people}

        def engaged(role: Role) -> tuple[Persona, ...]:
            return tuple(p.persona for p in people.values() if _engages(p, role))

        return _stage_views(catalog, segment_plays(catalog, segment), engaged)

    return catalog.memo(f"segment_stages:{segment.id}", compute)


def playbook_stages(catalog: Catalog, playbook: Playbook) -> list[StageView]:
    """Every process stage with who meets whom in this playbook: its plays first, then the
    stage's team with the playbook's personas they engage (any persona when it names none)."""
    scope = set(playbook.personas)

    def engaged(role: Role) -> tuple[Persona, ...]:
        ids = [i for i in role.engages if not scope or i in scope]
        return tuple(p for p in (catalog.one(Persona, i) for i in ids) if p is not None)

    return _stage_views(catalog, [(playbook, play) for play in playbook.plays], engaged)


def _stage_views(catalog: Catalog, plays: list[tuple[Playbook, Play]], engaged) -> list[StageView]:
    views = []
    for stage in catalog.stages.values():
        here = [play for _pb, play in plays if play.stage == stage.id]
        meetings = _play_meetings(catalog, here)
        owners = {m.role.id for m in meetings if m.role is not None}
        for role_id in stage.team:
            role = catalog.get("roles", role_id)
            if role is not None and role.id not in owners:
                meetings.append(Meeting(role, engaged(role), False))
        # The assets the process lists for the stage and those its plays use: every asset that
        # names the stage is on the process page, and at scale there are hundreds of them.
        assets: dict = {}
        for asset in (catalog.one(Asset, i) for i in [*stage.assets, *(i for play in here for i in play.assets)]):
            if asset is not None:
                assets.setdefault(asset.id, asset)
        views.append(StageView(stage, tuple(meetings), tuple(assets.values())))
    return views


def _play_meetings(catalog: Catalog, plays: list[Play]) -> list[Meeting]:
    """Owner -> people of the plays, one meeting per owner, people in first-named order."""
    found: dict[str | None, list[Persona]] = {}
    for play in plays:
        people = found.setdefault(play.owner, [])
        for persona in (catalog.one(Persona, i) for i in play.with_):
            if persona is not None and all(p.id != persona.id for p in people):
                people.append(persona)
    meetings = [
        Meeting(catalog.get("roles", owner) if owner else None, tuple(people), True) for owner, people in found.items()
    ]
    return [m for m in meetings if m.role is not None or m.people]


# --- one person's place ------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A brief's one line: manager, direct reports on the committee, and relationship owners by stage."""

    manager: Persona | None
    manager_on_committee: bool
    reports: tuple[Persona, ...]
    owners: tuple[tuple[tuple[Stage, ...], tuple[Role, ...]], ...]  # consecutive stages with the same owners


def place(catalog: Catalog, seat: rel.Seat) -> Place | None:
    found = relationship_map(catalog, seat.segment)
    person = next((p for p in found.people if p.persona.id == seat.persona.id), None)
    if person is None:
        return None
    runs: list[tuple[list[Stage], tuple[Role, ...]]] = []
    for view in segment_stages(catalog, seat.segment):
        owners = _owners(view, person)
        if not owners:
            continue
        if runs and runs[-1][1] == owners and _next_stage(catalog, runs[-1][0][-1], view.stage):
            runs[-1][0].append(view.stage)
        else:
            runs.append(([view.stage], owners))
    by_stage = tuple((tuple(stages), roles) for stages, roles in runs)
    return Place(person.manager, person.manager_on_committee, tuple(found.reports(person.persona)), by_stage)


def _owners(view: StageView, person: Person) -> tuple[Role, ...]:
    """Who owns the relationship with the person in a stage: the play owners who meet them,
    else the stage's team roles that engage them."""
    planned = [
        m.role for m in view.meetings if m.from_plays and m.role and any(p.id == person.persona.id for p in m.people)
    ]
    if planned:
        return tuple(planned)
    return tuple(m.role for m in view.meetings if not m.from_plays and m.role and _engages(person, m.role))


def _next_stage(catalog: Catalog, before: Stage, stage: Stage) -> bool:
    order = list(catalog.stages)
    return order.index(stage.id) == order.index(before.id) + 1


def committee_ids(catalog: Catalog, segment: Segment) -> frozenset[str]:
    """Persona ids with a seat (and so a brief) on the segment's committee."""
    return frozenset(s.persona.id for s in rel.seats(catalog, segment))


def unengaged_seats(catalog: Catalog, segment: Segment) -> list[Person]:
    """Committee people nobody on our side engages (coverage and the Content health page); none
    when the playbook describes no team, since then there is no side to engage them."""
    return relationship_map(catalog, segment).gaps

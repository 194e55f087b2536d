"""Questions a seller asks of the catalog: who buys where, what helps with whom, what is new.

Each function answers one question with entities from the catalog, in a stable order; the
page plan puts the answers in front of the templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.catalog.catalog import Catalog, is_stale  # noqa: F401  (templates read rel.is_stale)
from generator.model.kinds import (
    Asset,
    CommitteeMember,
    Competitor,
    Insight,
    Persona,
    Play,
    Playbook,
    Role,
    Segment,
    ValueProposition,
)
from generator.model.registry import SINGULAR  # noqa: F401  (templates read rel.SINGULAR)

BUYING_ROLES = (
    "economic_buyer",
    "evaluating_buyer",
    "user_buyer",
    "champion",
    "influencer",
    "blocker",
    "gatekeeper",
)
INFLUENCE_ORDER = {"high": 0, "medium": 1, "low": 2, None: 3}


@dataclass(frozen=True)
class Seat:
    """A persona's seat on one segment's buying committee."""

    segment: Segment
    member: CommitteeMember
    persona: Persona
    engaged_by: tuple[Role, ...]


def ranked_segments(catalog: Catalog) -> list[Segment]:
    """Highest priority first (1 is highest); unranked segments last, then by name."""
    return catalog.memo(
        "ranked_segments", lambda: sorted(catalog.of(Segment), key=lambda s: (s.priority or 99, s.name.lower()))
    )


def seats(catalog: Catalog, segment: Segment) -> list[Seat]:
    """The segment's committee members whose persona exists, as seats. Memoised per segment,
    so that a page reads only the personas of the committees it shows (see generator/site/incremental.py)."""
    return catalog.memo(
        f"seats:{segment.id}",
        lambda: [
            seat
            for member in segment.buying_committee
            if (seat := _seat(catalog, segment, member, catalog.one(Persona, member.persona))) is not None
        ],
    )


def _seat(catalog: Catalog, segment: Segment, member, persona: Persona | None) -> Seat | None:
    if persona is None:
        return None
    roles = catalog.roles
    return Seat(segment, member, persona, tuple(roles[r] for r in member.engaged_by if r in roles))


def committee_by_role(catalog: Catalog, segment: Segment) -> list[tuple[str, list[Seat]]]:
    """Committee seats grouped by buying role, roles in decision order, high influence first."""
    grouped = []
    for role in BUYING_ROLES:
        group = [s for s in seats(catalog, segment) if s.member.role == role]
        if group:
            grouped.append((role, sorted(group, key=lambda s: (INFLUENCE_ORDER[s.member.influence], s.persona.name))))
    return grouped


def persona_seats(catalog: Catalog, persona: Persona) -> list[Seat]:
    """The seats the persona holds, in segment order; reads the segments, not the other personas."""
    return catalog.memo(
        f"persona_seats:{persona.id}",
        lambda: [
            _seat(catalog, segment, member, persona)
            for segment in catalog.of(Segment)
            for member in segment.buying_committee
            if member.persona == persona.id
        ],
    )


def engaging_roles(catalog: Catalog, persona: Persona, segment: Segment | None = None) -> list[Role]:
    """Team roles that engage the persona: from team.yml and from committee `engaged_by`."""
    ids = {r.id for r in catalog.roles.values() if persona.id in r.engages}
    for seat in persona_seats(catalog, persona):
        if segment is None or seat.segment.id == segment.id:
            ids.update(r.id for r in seat.engaged_by)
    return [r for r in catalog.roles.values() if r.id in ids]


def naming(catalog: Catalog, kind: str, field: str, id: str) -> list:
    """Entities of `kind` whose `field` (a list or a single reference) names `id`, by id."""
    return catalog.index(kind, field).get(id, [])


def personas_by_role(catalog: Catalog) -> list[tuple[str | None, list[Persona]]]:
    """Personas grouped by their usual buying role, roles in decision order, then those with none."""
    groups = []
    for role in BUYING_ROLES + (None,):
        people = sorted((p for p in catalog.of(Persona) if p.default_role == role), key=lambda p: p.name.lower())
        if people:
            groups.append((role, people))
    return groups


def matrix(catalog: Catalog) -> tuple[list[Persona], list[tuple[Segment, list]]]:
    """Segments by committee personas: a cell is None outside the committee, else the value
    propositions covering that pair (an empty list is a gap)."""
    columns = [
        p
        for p in catalog.of(Persona)
        if any(m.persona == p.id for s in catalog.of(Segment) for m in s.buying_committee)
    ]
    rows = []
    for segment in ranked_segments(catalog):
        members = {m.persona for m in segment.buying_committee}
        cells = [catalog.value_propositions_for(segment.id, p.id) if p.id in members else None for p in columns]
        rows.append((segment, cells))
    return columns, rows


def newest_insights(
    catalog: Catalog,
    *,
    segment: Segment | None = None,
    persona: Persona | None = None,
    competitor=None,
    limit: int | None = None,
) -> list[Insight]:
    if segment is not None:
        candidates = naming(catalog, "insights", "segments", segment.id)
    elif persona is not None:
        candidates = naming(catalog, "insights", "personas", persona.id)
    elif competitor is not None:
        candidates = naming(catalog, "insights", "competitors", competitor.id)
    else:
        candidates = catalog.of(Insight)
    found = [
        i
        for i in candidates
        if (segment is None or segment.id in i.segments)
        and (persona is None or persona.id in i.personas)
        and (competitor is None or competitor.id in i.competitors)
    ]
    found.sort(key=lambda i: (i.date, i.id), reverse=True)
    return found[:limit] if limit else found


def brief_insights(catalog: Catalog, segment: Segment, persona: Persona, limit: int = 5) -> list[Insight]:
    """Newest insights about this segment or this persona, those about both first."""
    related = _union(
        naming(catalog, "insights", "segments", segment.id), naming(catalog, "insights", "personas", persona.id)
    )
    related.sort(key=lambda i: (segment.id in i.segments and persona.id in i.personas, i.date, i.id), reverse=True)
    return related[:limit]


def assets_for(catalog: Catalog, segment: Segment, persona: Persona) -> list[Asset]:
    """Assets aimed at this segment or persona and not aimed elsewhere. Memoised: a brief asks
    three times (its page, its Markdown twin, its meeting card)."""
    return catalog.memo(f"assets_for:{segment.id}:{persona.id}", lambda: _assets_for(catalog, segment.id, persona.id))


def _assets_for(catalog: Catalog, segment_id: str, persona_id: str) -> list[Asset]:
    by_segment = naming(catalog, "assets", "segments", segment_id)
    by_persona = naming(catalog, "assets", "personas", persona_id)
    both = {a.id for a in by_segment} & {a.id for a in by_persona}
    # One that names only one of the two fits when it names nobody of the other kind: only those
    # are read (at scale, a serve rebuild read these fields hundreds of thousands of times).
    return _union(
        [a for a in by_segment if a.id in both or not a.personas],
        [a for a in by_persona if a.id not in both and not a.segments],
    )


def _union(*groups: list) -> list:
    """Entities in any of the groups, once each, ordered by id like catalog.all()."""
    merged = {e.id: e for group in groups for e in group}
    return [merged[i] for i in sorted(merged)]


def by_stage(catalog: Catalog, assets: list[Asset]) -> list[tuple[object, list[Asset]]]:
    """Assets grouped by process stage in process order; (None, [...]) for those naming no stage."""
    groups = [(stage, [a for a in assets if stage.id in a.stages]) for stage in catalog.stages.values()]
    groups = [(stage, items) for stage, items in groups if items]
    loose = [a for a in assets if not any(s in catalog.stages for s in a.stages)]
    return groups + ([(None, loose)] if loose else [])


def segment_competitors(catalog: Catalog, segment: Segment):
    ids = set(segment.competitors) | {c.id for c in naming(catalog, "competitors", "segments", segment.id)}
    return [c for c in catalog.of(Competitor) if c.id in ids]


def plays_with(catalog: Catalog, persona: Persona) -> list[tuple[Playbook, Play, int]]:
    """Plays run with the persona, across playbooks: (playbook, play, its number)."""
    return _plays_by(catalog, "with_").get(persona.id, [])


def _plays_by(catalog: Catalog, field: str) -> dict[str, list[tuple[Playbook, Play, int]]]:
    """Plays by each id their `field` names: (playbook, play, its number), in playbook order."""

    def compute():
        found: dict[str, list] = {}
        for pb in catalog.of(Playbook):
            for number, play in enumerate(pb.plays, 1):
                value = getattr(play, field)
                for id in value if isinstance(value, list) else [value]:
                    found.setdefault(id, []).append((pb, play, number))
        return found

    return catalog.memo(f"plays_by_{field}", compute)


def plays_by_stage(catalog: Catalog, playbook: Playbook) -> list[tuple[object, list[Play]]]:
    stages = catalog.stages
    order = {sid: i for i, sid in enumerate(stages)}
    groups: dict[str, list[Play]] = {}
    for play in playbook.plays:
        groups.setdefault(play.stage, []).append(play)
    return [
        (stages.get(sid), plays) for sid, plays in sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))
    ]


def asset_users(catalog: Catalog, asset: Asset) -> dict[str, list]:
    """Who points at an asset, by kind of source (value propositions, personas, plays...)."""
    users: dict[str, list] = {}
    for link in catalog.incoming("assets", asset.id):
        source = catalog.get(link.source_kind, link.source_id)
        if source is not None and source not in users.setdefault(link.source_kind, []):
            users[link.source_kind].append(source)
    return users


def tag_index(catalog: Catalog) -> list[tuple[str, list]]:
    """Tags with the entities and documents carrying them. Spellings that make the same anchor
    ("Pet food", "pet-food") are one tag, shown as first written."""
    tags: dict[str, tuple[str, list]] = {}
    documents = [catalog.singles[k] for k in ("company", "process", "leads", "team") if k in catalog.singles]
    for entity in [e for e in catalog.everything() if e.kind in catalog.entities] + documents:
        for slug in dict.fromkeys(slugify(tag) for tag in entity.tags):  # once per entity, in order
            tags.setdefault(slug, (next(t for t in entity.tags if slugify(t) == slug), []))[1].append(entity)
    return sorted(tags.values(), key=lambda kv: kv[0].lower())


def recently_reviewed(catalog: Catalog, limit: int = 10) -> list:
    dated = [e for e in catalog.everything() if e.kind in catalog.entities and e.reviewed]
    dated.sort(key=lambda e: (e.reviewed, e.kind, e.id), reverse=True)
    return dated[:limit]


# --- questions asked by the value proposition, library, process, team and battlecard pages ------


def value_proposition_seats(catalog: Catalog, vp) -> list[tuple[Segment, list[Seat]]]:
    """Committee seats a value proposition applies to (the briefs that show it), by segment in
    rank order. Committees of segments it does not apply to are never looked at, so editing
    their personas does not make `serve` render the page again."""
    groups = []
    for segment in ranked_segments(catalog):
        if catalog.applies(vp, "segments", segment.id):
            group = [seat for seat in seats(catalog, segment) if catalog.applies(vp, "personas", seat.persona.id)]
            if group:
                groups.append((segment, group))
    return groups


def value_proposition_assets(catalog: Catalog, vp) -> list[Asset]:
    """Assets that name the value proposition or prove one of its proof points, sorted by id."""
    proving = [a for point in vp.proof_points for a in (catalog.one(Asset, i) for i in point.assets) if a]
    return _union(naming(catalog, "assets", "value_propositions", vp.id), proving)


def product_value_propositions(catalog: Catalog, product) -> tuple[list, list]:
    """(value propositions naming the product, those naming no product and so covering all)."""
    vps = catalog.of(ValueProposition)
    return [vp for vp in vps if product.id in vp.products], [vp for vp in vps if catalog.means_all(vp, "products")]


def competitor_segments(catalog: Catalog, competitor) -> list[Segment]:
    """Segments where a competitor is active: named on the battlecard or on the segment."""
    ids = set(competitor.segments) | {s.id for s in naming(catalog, "segments", "competitors", competitor.id)}
    return [s for s in ranked_segments(catalog) if s.id in ids]


def library_facets(catalog: Catalog) -> dict[str, list]:
    """The values the asset library can be filtered by: only those some asset names."""
    assets = catalog.of(Asset)
    used = {field: {i for a in assets for i in getattr(a, field)} for field in ("segments", "personas", "stages")}
    return {
        "types": sorted({a.type for a in assets}),
        "segments": sorted((s for s in catalog.of(Segment) if s.id in used["segments"]), key=lambda s: s.name.lower()),
        "personas": sorted((p for p in catalog.of(Persona) if p.id in used["personas"]), key=lambda p: p.name.lower()),
        "stages": [s for s in catalog.stages.values() if s.id in used["stages"]],
    }


def journey(catalog: Catalog) -> list[tuple[str, int]]:
    """The buyer's journey over the process: (buyer stage, number of consecutive process stages)."""
    spans: list[list] = []
    for stage in catalog.stages.values():
        if spans and spans[-1][0] == stage.buyer_stage:
            spans[-1][1] += 1
        else:
            spans.append([stage.buyer_stage, 1])
    return [(name, count) for name, count in spans]


def play_number(playbook: Playbook, play: Play) -> int:
    """A play's position (1-based) in its playbook: the stable part of its anchor."""
    for number, candidate in enumerate(playbook.plays, 1):
        if candidate is play:
            return number
    return 0


def stage_plays(catalog: Catalog, stage_id: str) -> list[tuple[Playbook, Play, int]]:
    """Plays run in a process stage, across playbooks: (playbook, play, its number)."""
    return _plays_by(catalog, "stage").get(stage_id, [])


def stage_assets(catalog: Catalog, stage) -> list[Asset]:
    """Assets for a stage: those the process lists for it first, then those that name the stage."""
    listed = [a for a in (catalog.one(Asset, i) for i in stage.assets) if a is not None]
    extra = [a for a in naming(catalog, "assets", "stages", stage.id) if a not in listed]
    return listed + extra


def role_seats(catalog: Catalog, role: Role) -> list[Seat]:
    """Committee seats where the role is named in `engaged_by`, segments by priority."""
    return [
        seat
        for segment in ranked_segments(catalog)
        for seat in seats(catalog, segment)
        if any(r.id == role.id for r in seat.engaged_by)
    ]  # roles are few: one page each


def role_stages(catalog: Catalog, role: Role) -> list:
    """Process stages in which the role is on the team, in process order."""
    return [s for s in catalog.stages.values() if role.id in s.team]


def role_plays(catalog: Catalog, role: Role) -> list[tuple[Playbook, Play, int]]:
    """Plays the role owns: (playbook, play, its number)."""
    return _plays_by(catalog, "owner").get(role.id, [])


def asset_plays(catalog: Catalog, asset: Asset) -> list[tuple[Playbook, Play, int]]:
    """Plays that use the asset: (playbook, play, its number)."""
    return _plays_by(catalog, "assets").get(asset.id, [])


def asset_process_stages(catalog: Catalog, asset: Asset) -> list:
    """Process stages whose asset list (in process.yml) names the asset, in process order."""
    return [s for s in catalog.stages.values() if asset.id in s.assets]


def asset_nurture_tracks(catalog: Catalog, asset: Asset) -> list:
    """Nurture tracks (leads.yml) that send the asset."""
    return [t for t in catalog.leads.nurture if asset.id in t.assets] if catalog.leads else []


def slugify(value) -> str:
    """An anchor id for a free text such as a tag."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    return slug or "tag"

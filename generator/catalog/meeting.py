"""The meeting card at the top of a call-prep brief: for one committee seat, the one win, value
proposition, proof, objection, play, competitor, landmine and asset to take into the meeting.

Each pick follows a rule written here (and in the README), never the order of files: the
authors' order only breaks ties inside one list they wrote (their first win, their first
landmine). Where nothing qualifies the card says so and names whom to ask (`Card.ask`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.catalog import relations as rel
from generator.catalog.catalog import Catalog, is_stale
from generator.model.kinds import Asset, Common, Competitor, Objection, Play, Playbook, ProofPoint, ValueProposition

PAINS_SHOWN = 2
# Which motion a seller meeting this person most likely runs, when plays tie on stage.
MOTION_ORDER = {"new_logo": 0, "competitive_displacement": 1, "expansion": 2, "renewal": 3, "partner_led": 4, None: 5}
# Assets that prove a claim best come first: a customer's own result, then numbers they can check.
PROOF_TYPES = {"case_study": 0, "roi_calculator": 1, "video": 2, "demo": 2}
# Words that make an objection a price objection (the internal edition puts the competitors'
# pricing rules beside it).
PRICE_WORDS = ("price", "expensive", "cheaper", "discount", "quote")


@dataclass(frozen=True)
class PlayPick:
    playbook: Playbook
    play: Play
    number: int
    stage: object | None  # the process stage, when process.yml names it


@dataclass(frozen=True)
class Card:
    seat: rel.Seat
    win: str | None
    win_here: bool  # the win is particular to this segment
    pains: tuple[tuple[str, bool], ...]  # (pain, from the segment rather than the persona)
    lead: ValueProposition | None
    proof: ProofPoint | None
    objection: Objection | None  # the top answered objection
    unanswered: Objection | None  # the top objection when none has an answer
    play: PlayPick | None
    competitor: Competitor | None
    landmine: str | None
    asset: Asset | None
    ask: str  # whom a seller asks about a gap

    def relies_on(self) -> list:
        """The entities the card is made of: a change to any of them is news for the seller."""
        picked: list[Common | None] = [self.seat.segment, self.seat.persona, self.lead, self.competitor, self.asset]
        picked.append(self.play.playbook if self.play else None)
        return [e for e in picked if e is not None]


def card(catalog: Catalog, seat: rel.Seat, today: datetime.date) -> Card:
    """The meeting card of one seat (memoised: the brief and its tests ask for it)."""
    return catalog.memo(f"card:{seat.segment.id}:{seat.persona.id}", lambda: _card(catalog, seat, today))


def _card(catalog: Catalog, seat: rel.Seat, today: datetime.date) -> Card:
    member, persona, segment = seat.member, seat.persona, seat.segment
    wins = [(w, True) for w in member.wins] + [(w, False) for w in persona.wins]
    play = play_for(catalog, seat)
    lead = lead_value_proposition(catalog, seat, play, today)
    objection = top_objection(persona.objections)
    competitor = competitor_to_expect(catalog, seat)
    return Card(
        seat=seat,
        win=wins[0][0] if wins else None,
        win_here=bool(wins) and wins[0][1],
        pains=tuple(top_pains(persona.pains, segment.pains)),
        lead=lead,
        proof=strongest_proof(catalog, lead) if lead else None,
        objection=objection if objection and objection.response else None,
        unanswered=objection if objection and not objection.response else None,
        play=play,
        competitor=competitor,
        landmine=competitor.landmines[0] if competitor and competitor.landmines else None,
        asset=asset_to_send(catalog, seat, play, today),
        ask=whom_to_ask(catalog, seat),
    )


def top_pains(persona_pains: list[str], segment_pains: list[str]) -> list[tuple[str, bool]]:
    """The person's own first pain, then the segment's first; the person's next when the segment has none."""
    mine = [(p, False) for p in persona_pains[: PAINS_SHOWN - 1]]
    theirs = [(p, True) for p in segment_pains]
    rest = [(p, False) for p in persona_pains[PAINS_SHOWN - 1 :]]
    return (mine + theirs + rest)[:PAINS_SHOWN]


def lead_value_proposition(
    catalog: Catalog, seat: rel.Seat, play: PlayPick | None, today: datetime.date
) -> ValueProposition | None:
    """Among the value propositions covering the seat: those naming the persona first (written
    for this person, not for everyone); then the one the chosen play's assets carry most (an
    asset naming it or proving one of its claims), so the card tells one story; then naming the
    segment; then most proven claims; current before stale; most recently reviewed; by name."""
    segment, persona = seat.segment, seat.persona
    carried = [a for a in (catalog.one(Asset, i) for i in play.play.assets) if a] if play else []

    def rank(vp):
        claims = {i for point in vp.proof_points for i in point.assets}
        support = sum(1 for a in carried if vp.id in a.value_propositions or a.id in claims)
        proven = sum(1 for point in vp.proof_points if point.assets)
        reviewed = -(vp.reviewed.toordinal() if vp.reviewed else 0)
        key = (persona.id not in vp.personas, -support, segment.id not in vp.segments, -proven)
        return (*key, is_stale(vp, today), reviewed, vp.name.lower())

    candidates = catalog.value_propositions_for(segment.id, persona.id)
    return min(candidates, key=rank, default=None)


def strongest_proof(catalog: Catalog, vp: ValueProposition) -> ProofPoint | None:
    """The claim backed by the best evidence: a case study over a calculator over other
    assets, more assets over fewer; claims with no asset last."""

    def rank(numbered):
        number, point = numbered
        assets = [a for a in (catalog.one(Asset, i) for i in point.assets) if a is not None]
        best = min((PROOF_TYPES.get(a.type, 3) for a in assets), default=4)
        return (best, -len(assets), number)

    points = list(enumerate(vp.proof_points))
    return min(points, key=rank)[1] if points else None


def top_objection(objections: list[Objection]) -> Objection | None:
    """Answered before unanswered, answers with proof before bare answers, then the authors' order."""
    ranked = sorted(enumerate(objections), key=lambda n: (not n[1].response, not n[1].assets, n[0]))
    return ranked[0][1] if ranked else None


def is_price_objection(objection: Objection) -> bool:
    text = objection.objection.lower()
    return any(word in text for word in PRICE_WORDS)


def price_objection(objections: list[Objection]) -> Objection | None:
    """The first objection about price: the internal edition puts the competitors' pricing
    rules beside it (once, not beside every objection that mentions a cost)."""
    return next((o for o in objections if is_price_objection(o)), None)


def plays_for(catalog: Catalog, seat: rel.Seat) -> list[PlayPick]:
    """Plays for this person in this segment, from playbooks that cover the segment (by name
    or by naming none): plays run `with` the person, or naming nobody in a playbook for them.
    Ordered by process stage (the earliest first: where a deal stands when the seller prepares
    a meeting with someone new), plays naming the person before plays naming nobody, playbooks
    naming the segment before those for all, then motion and play number."""
    stages = list(catalog.stages)
    segment, persona = seat.segment, seat.persona
    found = []
    for pb in catalog.of(Playbook):
        if pb.segments and segment.id not in pb.segments:
            continue
        for number, play in enumerate(pb.plays, 1):
            named = persona.id in play.with_
            if named or (not play.with_ and (not pb.personas or persona.id in pb.personas)):
                order = stages.index(play.stage) if play.stage in stages else len(stages)
                key = (order, not named, not pb.segments, MOTION_ORDER.get(pb.motion, 5), pb.id, number)
                found.append((key, PlayPick(pb, play, number, catalog.stages.get(play.stage))))
    return [pick for _, pick in sorted(found, key=lambda kv: kv[0])]


def play_for(catalog: Catalog, seat: rel.Seat) -> PlayPick | None:
    picks = plays_for(catalog, seat)
    return picks[0] if picks else None


def competitor_to_expect(catalog: Catalog, seat: rel.Seat) -> Competitor | None:
    """Among the segment's competitors: the one field insights about this segment name most,
    then the most recently reported, then the one a playbook for the segment names, then by name."""
    segment = seat.segment
    insights = rel.naming(catalog, "insights", "segments", segment.id)
    playbooks = [pb for pb in catalog.of(Playbook) if not pb.segments or segment.id in pb.segments]

    def rank(c):
        about = [i for i in insights if c.id in i.competitors]
        newest = max((i.date.toordinal() for i in about), default=0)
        in_playbook = any(c.id in pb.competitors for pb in playbooks)
        return (-len(about), -newest, not in_playbook, c.name.lower())

    return min(rel.segment_competitors(catalog, segment), key=rank, default=None)


def asset_to_send(catalog: Catalog, seat: rel.Seat, play: PlayPick | None, today: datetime.date) -> Asset | None:
    """The chosen play's first current asset; else the seat's assets by process stage (earliest
    first), current before stale, most recently reviewed, by name."""
    if play is not None:
        listed = [a for a in (catalog.one(Asset, i) for i in play.play.assets) if a is not None]
        current = [a for a in listed if not is_stale(a, today)]
        if current or listed:
            return (current or listed)[0]
    stages = list(catalog.stages)

    def rank(a):
        order = min((stages.index(s) for s in a.stages if s in stages), default=len(stages))
        return (order, is_stale(a, today), -(a.reviewed.toordinal() if a.reviewed else 0), a.name.lower())

    return min(rel.assets_for(catalog, seat.segment, seat.persona), key=rank, default=None)


def whom_to_ask(catalog: Catalog, seat: rel.Seat) -> str:
    """Who keeps this person's content true: the persona's owner, the segment's, the company's."""
    company = catalog.company
    for owner in (seat.persona.owner, seat.segment.owner, company.owner if company else None):
        if owner:
            return owner
    return "marketing"


def competitor_pricing(catalog: Catalog, seat: rel.Seat) -> list[Competitor]:
    """The segment's competitors whose internal block holds pricing rules (internal edition only:
    other editions' catalogs carry no internal blocks)."""
    return [c for c in rel.segment_competitors(catalog, seat.segment) if c.internal and c.internal.pricing]


def committee_others(catalog: Catalog, seat: rel.Seat) -> list[rel.Seat]:
    """The rest of the buying committee: high influence first, then by buying role, then by name."""
    order = {role: i for i, role in enumerate(rel.BUYING_ROLES)}
    others = [s for s in rel.seats(catalog, seat.segment) if s.persona.id != seat.persona.id]
    return sorted(
        others, key=lambda s: (rel.INFLUENCE_ORDER[s.member.influence], order[s.member.role], s.persona.name.lower())
    )

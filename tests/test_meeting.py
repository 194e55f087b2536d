"""The meeting card's rules (generator/catalog/meeting.py), on the bundled example, the second
fixture project and small hand-made cases."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.catalog import meeting
from generator.catalog import relations as rel
from generator.catalog.check import check_project
from generator.model.kinds import Objection

REPO = Path(__file__).resolve().parent.parent
SECOND = REPO / "tests/fixtures/second-project"
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(scope="module")
def example():
    return check_project(REPO).catalog


def _seat(catalog, segment_id, persona_id):
    segment = catalog.get("segments", segment_id)
    return next(s for s in rel.seats(catalog, segment) if s.persona.id == persona_id)


def test_purchasing_director_in_food_gets_the_price_per_pack_story(example):
    card = meeting.card(example, _seat(example, "food-and-beverage", "purchasing-director"), TODAY)
    assert card.play.play.name == "Open with price per pack"  # earliest stage, names the person
    assert card.play.stage.id == "qualify"
    # The play's e-mail, call script and calculator all carry this value proposition.
    assert card.lead.id == "lower-price-per-pack"
    assert card.proof.assets == ["case-study-nordkorn-bakery"]  # a case study beats a calculator
    assert card.objection.objection.startswith("Your machine is 25 % more expensive")
    assert card.win == card.seat.member.wins[0] and card.win_here  # the segment's win comes first
    assert card.asset.id == "email-price-per-pack-intro"  # the play's first asset
    assert card.ask.startswith("Product marketing")


def test_competitor_is_the_one_the_field_reports_most_in_the_segment(example):
    seat = _seat(example, "food-and-beverage", "purchasing-director")
    card = meeting.card(example, seat, TODAY)
    insights = rel.naming(example, "insights", "segments", seat.segment.id)
    counts = {
        c.id: sum(c.id in i.competitors for i in insights) for c in rel.segment_competitors(example, seat.segment)
    }
    assert counts[card.competitor.id] == max(counts.values())
    assert card.landmine == card.competitor.landmines[0]


def test_every_seat_of_both_projects_gets_a_card_with_its_gaps_named(example):
    second = check_project(SECOND).catalog
    for catalog in (example, second):
        for segment in catalog.all("segments"):
            for seat in rel.seats(catalog, segment):
                card = meeting.card(catalog, seat, TODAY)
                assert card.ask
                assert (card.lead is None) == (not catalog.value_propositions_for(segment.id, seat.persona.id))
                assert (card.objection is None) == (not any(o.response for o in seat.persona.objections))
                if card.play is not None:
                    play = card.play.play
                    assert seat.persona.id in play.with_ or not play.with_
                    assert not card.play.playbook.segments or segment.id in card.play.playbook.segments


def _objection(text, response=None, assets=()):
    return Objection.model_validate({"objection": text, "response": response, "assets": list(assets)})


def test_top_objection_prefers_answers_with_proof_over_list_order():
    bare = _objection("No answer yet")
    answered = _objection("Answered", "Because.")
    proven = _objection("Answered with proof", "Because.", ["case"])
    assert meeting.top_objection([bare, answered, proven]) is proven
    assert meeting.top_objection([bare, answered]) is answered
    assert meeting.top_objection([bare]) is bare  # the card shows it with "no approved answer yet"
    assert meeting.top_objection([]) is None


def test_price_objection_is_the_first_that_talks_price():
    objections = [_objection("We have no time"), _objection("You are too expensive"), _objection("The quote is high")]
    assert meeting.price_objection(objections) is objections[1]
    assert meeting.price_objection(objections[:1]) is None


def test_pains_mix_the_persons_and_the_segments():
    assert meeting.top_pains(["a", "b", "c"], ["s"]) == [("a", False), ("s", True)]
    assert meeting.top_pains(["a", "b", "c"], []) == [("a", False), ("b", False)]
    assert meeting.top_pains([], ["s", "t"]) == [("s", True), ("t", True)]

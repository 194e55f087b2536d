"""The relationship map in a real browser: visible, named for screen readers, and on a 390 px
phone it never widens the page (a wide map scrolls inside its own box)."""

from __future__ import annotations

import re

import pytest

from generator.catalog import relations as rel

from .browsing import open_page, wait_until

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def largest_committee(catalog):
    return max(catalog.all("segments"), key=lambda s: (len(rel.seats(catalog, s)), s.id))


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_map_is_visible_named_and_fits_the_screen(page, internal_site, catalog, viewport):
    segment = largest_committee(catalog)
    page.set_viewport_size(viewport)
    open_page(page, internal_site, f"segments/{segment.id}/")
    svg = page.get_by_role("img", name=re.compile(rf"^Relationship map: {re.escape(segment.name)}$"))
    assert svg.count() == 1
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 200  # drawn at a legible size, not collapsed
    # The page itself never scrolls sideways; the map's own box may.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    frame = page.locator(".pb-map__scroll").first.bounding_box()
    assert frame["x"] >= 0 and frame["x"] + frame["width"] <= viewport["width"]
    people = [seat.persona.name for seat in rel.seats(catalog, segment)]
    drawn = page.locator(".pb-map__box--person title").all_text_contents()
    assert sorted(drawn) == sorted(people)


def test_wide_map_scrolls_inside_its_box_on_a_phone(page, internal_site, catalog):
    segment = largest_committee(catalog)
    page.set_viewport_size(PHONE)
    open_page(page, internal_site, f"segments/{segment.id}/")
    scroller = page.locator(".pb-map__scroll").first
    widths = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] > widths[1]  # six people and seven roles do not fit 390 px at a legible size
    scroller.focus()  # reachable by keyboard, so it can be scrolled without a pointer
    page.keyboard.press("ArrowRight")
    wait_until(page, "() => document.querySelector('.pb-map__scroll').scrollLeft > 0")

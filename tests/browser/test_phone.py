"""Phone-first: the brief's meeting card within two phone screens, no page wider than a phone,
the home page's launcher, section chips, and the printed brief (two A4 pages, marked)."""

from __future__ import annotations

import pytest

from .browsing import KINDS, PHONE, open_page, plan_urls

pytestmark = pytest.mark.browser


def _briefs() -> tuple[str, ...]:
    return plan_urls("internal")["brief"]


@pytest.mark.parametrize("site", ["internal", "second"])  # the example, and another company
def test_every_brief_shows_the_essentials_in_two_phone_screens(site, phone_survey):
    survey = phone_survey(site)
    assert len(survey.briefs) > 10
    late = {}
    for url in survey.briefs:
        bottoms = survey.pages[url]["essentials"]
        if problems := [
            f"{name} ({'missing' if bottom is None else round(bottom)} px)"
            for name, bottom in bottoms.items()
            if bottom is None or bottom > 2 * PHONE["height"]
        ]:
            late[url] = problems
    assert late == {}


def test_no_page_is_wider_than_a_phone(phone_survey):
    survey = phone_survey("internal")
    pages = plan_urls("internal")
    assert {kind for kind in KINDS if any(url in survey.pages for url in pages[kind])} == set(KINDS)
    too_wide = {url: measured["width"] for url, measured in survey.pages.items() if measured["width"] > PHONE["width"]}
    assert too_wide == {}


def test_matrix_scrolls_inside_its_own_box_with_headers_in_view(page, internal_site):
    page.set_viewport_size(PHONE)
    open_page(page, internal_site, "matrix/")
    box = page.locator(".pb-matrix-wrap")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # wider than the phone: it scrolls itself
    box.evaluate("b => { b.scrollLeft = 400; b.scrollTop = 200; }")
    assert page.locator(".pb-matrix thead th").first.evaluate("th => getComputedStyle(th).position") == "sticky"


def test_tables_stack_as_labelled_cards_on_a_phone(page, internal_site):
    page.set_viewport_size(PHONE)
    open_page(page, internal_site, "segments/")
    row = page.locator("article table:not([class]) tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    assert row.locator("td").first.get_attribute("data-label")


def test_home_reaches_every_brief_in_two_taps_from_the_first_phone_screen(page, internal_site):
    page.set_viewport_size(PHONE)
    open_page(page, internal_site, "")
    reached = set()
    summaries = page.locator(".pb-launcher__segment > summary")
    assert summaries.count() > 1
    for i in range(summaries.count()):
        summary = summaries.nth(i)
        box = summary.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], "segment below the first screen"
        summary.click()  # tap 1: the segment
        people = summary.locator("xpath=..").locator(".pb-launcher__people a")
        for j in range(people.count()):
            if people.nth(j).is_visible():  # tap 2 opens it
                reached.add(people.nth(j).get_attribute("href").strip("./"))
        summary.click()  # folded again: each path starts from the first screen as it loads
    expected = {url.strip("/") for url in _briefs()}
    assert reached == expected


def test_section_chips_stand_in_for_the_hidden_table_of_contents(page, internal_site):
    brief = _briefs()[0]
    page.set_viewport_size(PHONE)
    open_page(page, internal_site, brief)
    chips = page.locator(".pb-chips a")
    assert chips.first.is_visible() and chips.count() >= 5
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not chips.first.is_visible()  # the sidebar's table of contents is there instead


def test_printed_briefs_of_another_company_fit_two_a4_pages_marked_on_each(phone_survey):
    """The example's briefs are all printed (test_journeys); another company's content, too."""
    survey = phone_survey("second")
    assert len(survey.printed) == 6
    assert survey.print_problems() == []

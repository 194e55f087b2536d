"""What sellers do on the site, done in a real browser.

Expected values come from the catalog the site is built from, never from the page itself.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from generator.catalog import relations as rel

from .browsing import GAP_PERSONA, GAP_PERSONA_NAME, GAP_SEGMENT, open_page, page_title, search

pytestmark = pytest.mark.browser

OBJECTION_PERSONA = "maintenance-manager"
OBJECTION_WORDS = "remote access security risk"  # what a seller types after hearing the objection
INTERNAL_PERSONA = "cfo"
BANNER = "Internal: do not share"


def path_of(url: str) -> str:
    return urlsplit(url).path


def visible_text(page, selector: str = "article") -> str:
    return page.locator(selector).first.inner_text()


# --- search an objection, open the persona, then their brief ----------------------------------------


def test_objection_search_leads_to_persona_and_brief(page, internal_site, catalog):
    persona = catalog.get("personas", OBJECTION_PERSONA)
    objection = next(o.objection for o in persona.objections if o.objection.lower().startswith("remote access"))
    seat = rel.persona_seats(catalog, persona)[0]
    segment = seat.segment

    open_page(page, internal_site)
    items = search(page, OBJECTION_WORDS)
    assert items.count() > 0, f"searching {OBJECTION_WORDS!r} found nothing"

    # The persona's page is among the results; open it from there.
    persona_path = f"/personas/{persona.id}/"
    links = page.locator(".md-search-result__item a.md-search-result__link")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert any(path_of(h) == persona_path for h in hrefs), f"no result for {persona_path}; got {hrefs}"
    index = next(i for i, h in enumerate(hrefs) if path_of(h) == persona_path)
    links.nth(index).click()
    page.wait_for_url(re.compile(re.escape(persona_path)))
    assert page_title(page) == persona.name
    assert page.locator(".pb-objection__q, article p", has_text=objection).first.is_visible()

    # From the persona to the brief for one of their segments.
    row = page.locator("article tr", has=page.get_by_role("link", name=segment.name, exact=True))
    row.get_by_role("link", name="Open brief").click()
    brief_path = f"/briefs/{segment.id}/{persona.id}/"
    page.wait_for_url(re.compile(re.escape(brief_path) + "$"))
    assert persona.name in page_title(page) and segment.name in page_title(page)

    # The card leads with one value proposition; every one of them heads a fold of the value
    # framework; then the discovery questions.
    vps = catalog.value_propositions_for(segment.id, persona.id)
    assert vps, "the example should cover this seat"
    assert page.get_by_role("heading", name="Meeting card").is_visible()
    assert any(vp.name in page.locator(".pb-card__lead").inner_text() for vp in vps)
    for vp in vps:
        fold = page.locator("details.pb-fold > summary", has_text=vp.name).first
        assert fold.is_visible(), f"value proposition {vp.name!r} is not shown on {brief_path}"
    assert page.get_by_role("heading", name="Discovery questions").is_visible()
    shown = visible_text(page)
    for question in persona.discovery_questions:
        assert question in shown, f"discovery question missing on {brief_path}: {question!r}"


# --- the asset library filters ---------------------------------------------------------------------


def library_rows(page) -> list[str]:
    """Names of the assets whose rows are visible, in table order."""
    return page.locator("#pb-library-table tbody tr:visible td:first-child a").all_inner_texts()


def pick_persona_and_stage(catalog):
    """A persona and a stage that each narrow the library, and together still match something."""
    assets = catalog.all("assets")
    facets = rel.library_facets(catalog)
    for persona in facets["personas"]:
        by_persona = [a for a in assets if persona.id in a.personas]
        for stage in facets["stages"]:
            both = [a for a in by_persona if stage.id in a.stages]
            if 0 < len(both) < len(by_persona) < len(assets):
                return persona, stage, by_persona, both
    pytest.fail("the example has no persona and stage that narrow the library step by step")


def test_library_filters_narrow_to_matching_assets_and_clear(page, internal_site, catalog):
    everything = sorted(a.name for a in catalog.all("assets"))
    persona, stage, by_persona, both = pick_persona_and_stage(catalog)

    open_page(page, internal_site, "library/")
    form = page.locator("#pb-library-filters")
    form.wait_for(state="visible")  # the script shows the filters once it runs
    count = page.locator("#pb-library-count")
    assert sorted(library_rows(page)) == everything

    page.get_by_label("Persona").select_option(label=persona.name)
    assert sorted(library_rows(page)) == sorted(a.name for a in by_persona)
    assert count.inner_text().startswith(f"{len(by_persona)} of {len(everything)}")

    page.get_by_label("Stage").select_option(label=stage.name)
    assert sorted(library_rows(page)) == sorted(a.name for a in both)
    assert count.inner_text().startswith(f"{len(both)} of {len(everything)}")

    # The filtered view survives a reload (it is kept in the address).
    page.reload(wait_until="load")
    form.wait_for(state="visible")
    assert sorted(library_rows(page)) == sorted(a.name for a in both)

    page.get_by_role("button", name="Clear filters").first.click()
    assert sorted(library_rows(page)) == everything
    assert count.inner_text().startswith(f"{len(everything)} of {len(everything)}")
    assert page.get_by_label("Persona").input_value() == ""
    assert page.get_by_label("Stage").input_value() == ""


# --- the value matrix ------------------------------------------------------------------------------


def matrix_cell(page, segment_name: str, persona_name: str):
    headers = [t.strip() for t in page.locator(".pb-matrix thead th").all_inner_texts()]
    assert persona_name in headers, f"no matrix column for {persona_name!r}: {headers}"
    column = headers.index(persona_name)  # 0 is the segment column, which is a <th> in each row
    row = page.locator(".pb-matrix tbody tr", has=page.locator("th").get_by_text(segment_name, exact=True))
    assert row.count() == 1, f"no single matrix row for {segment_name!r}"
    return row.locator("td").nth(column - 1)


def test_matrix_cell_leads_to_the_right_value_proposition(page, internal_site, catalog):
    columns, rows = rel.matrix(catalog)
    # the first cell covered by more than one value proposition, else the first covered cell
    covered = [(s, columns[i], cell) for s, cells in rows for i, cell in enumerate(cells) if cell]
    assert covered, "the example's value matrix is empty"
    segment, persona, vps = next((c for c in covered if len(c[2]) > 1), covered[0])

    open_page(page, internal_site, "matrix/")
    cell = matrix_cell(page, segment.name, persona.name)
    assert cell.locator("a").all_inner_texts() == [vp.name for vp in vps]
    target = vps[-1]
    cell.get_by_role("link", name=target.name).click()
    page.wait_for_url(re.compile(re.escape(f"/value-propositions/{target.id}/") + "$"))
    assert page_title(page) == target.name


def test_matrix_marks_a_gap_visibly(page, gap_site, catalog):
    open_page(page, gap_site, "matrix/")
    gap = matrix_cell(page, catalog.get("segments", GAP_SEGMENT).name, GAP_PERSONA_NAME)
    assert gap.is_visible()
    assert "pb-matrix__gap" in (gap.get_attribute("class") or "")
    assert gap.inner_text().strip() == "Gap"  # said in words, not only in colour
    covered = page.locator(".pb-matrix td.pb-matrix__cell").first

    def background(locator) -> str:
        return locator.evaluate("el => getComputedStyle(el).backgroundColor")

    assert background(gap) not in ("rgba(0, 0, 0, 0)", "transparent", background(covered)), (
        "a gap cell should stand out from covered cells"
    )
    # the gap leads to the brief, which says that nothing covers this person yet
    gap.get_by_role("link").click()
    page.wait_for_url(re.compile(re.escape(f"/briefs/{GAP_SEGMENT}/{GAP_PERSONA}/") + "$"))
    assert page.locator(".pb-gap").first.is_visible()


# --- printing a brief ------------------------------------------------------------------------------

CHROME = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search")


def test_printed_brief_hides_navigation_and_keeps_content(page, internal_site, catalog):
    segment = rel.ranked_segments(catalog)[0]
    persona = rel.seats(catalog, segment)[0].persona
    open_page(page, internal_site, f"briefs/{segment.id}/{persona.id}/")
    assert page.locator(".md-header").is_visible()
    assert page.locator(".md-sidebar--primary").is_visible()

    page.emulate_media(media="print")
    for selector in CHROME:
        assert page.locator(selector).first.is_hidden(), f"{selector} is still shown in print"
    assert page.locator("article h1").first.is_visible()
    assert page.locator(".pb-card__lead").is_visible()  # the meeting card is on paper
    assert page.get_by_role("heading", name="Discovery questions").is_visible()
    for question in persona.discovery_questions:
        assert page.locator("article li", has_text=question).first.is_visible()
    # the content uses the whole width of the paper
    content = page.locator(".md-content").bounding_box()
    assert content and content["width"] >= 0.9 * page.viewport_size["width"]


# --- editions --------------------------------------------------------------------------------------


def test_internal_edition_shows_its_banner_and_finds_internal_personas(page, internal_site, catalog):
    persona = catalog.get("personas", INTERNAL_PERSONA)
    for path in ("", f"personas/{persona.id}/"):
        open_page(page, internal_site, path)
        banner = page.locator(".pb-banner")
        assert banner.is_visible(), f"no internal banner on /{path}"
        assert BANNER in banner.inner_text()
    items = search(page, persona.titles[0])
    hrefs = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert items.count() > 0 and any(f"/personas/{persona.id}/" in h for h in hrefs)


def test_partner_edition_has_no_banner_and_no_internal_persona(page, partner_site, catalog):
    persona = catalog.get("personas", INTERNAL_PERSONA)
    assert persona.audience == "internal"
    open_page(page, partner_site)
    assert page.locator(".pb-banner").count() == 0
    assert BANNER not in page.locator("body").inner_text()
    for query in (persona.titles[0], persona.name):
        open_page(page, partner_site)
        items = search(page, query)
        assert items.count() == 0, f"{query!r} found {items.all_inner_texts()}"
        assert "No matching documents" in page.locator(".md-search-result__meta").inner_text()
    assert not (partner_site.root / "personas" / persona.id).exists()


def test_every_brief_prints_on_at_most_two_a4_pages_marked_on_each(phone_survey, catalog):
    """A seller prints the brief to take into the meeting: it must stay short, and every sheet
    says which edition it is, how current, and where it came from (printed by the phone survey,
    which has each brief open already)."""
    survey = phone_survey("internal")
    seats = {
        f"briefs/{segment.id}/{seat.persona.id}/"
        for segment in catalog.all("segments")
        for seat in rel.seats(catalog, segment)
    }
    assert set(survey.printed) == seats and len(seats) >= 20
    assert survey.print_problems() == []

"""Helpers for the browser tests: opening pages and searching the way a person does."""

from __future__ import annotations

import datetime
import functools
import io
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .conftest import Site

# The persona the gap variant of the example adds: on the dairy committee, named by no value
# proposition, so the value matrix has a gap there (built by conftest.make_gap_project).
GAP_PERSONA = "plant-controller"
GAP_PERSONA_NAME = "Plant controller"
GAP_SEGMENT = "dairy"
REPO = Path(__file__).resolve().parents[2]
SECOND_PROJECT = REPO / "tests/fixtures/second-project"  # another company, built for these tests


PHONE = {"width": 390, "height": 844}
# What a seller must see before scrolling past the second screen (meeting card, in the brief).
ESSENTIALS = {
    "win": ".pb-card__win",
    "lead value proposition": ".pb-card__lead",
    "objection answer or gap": ".pb-card__objection",
    "play": ".pb-card__play",
    "competitor": ".pb-card__competitor",
}
# What the phone survey reads of a page, in one round trip: whether it has a title, how wide it
# is, and where each essential ends (null: not shown, or not exactly once).
MEASURE = """essentials => ({
    titled: document.querySelector('article h1') !== null,
    width: document.documentElement.scrollWidth,
    essentials: Object.fromEntries(Object.entries(essentials).map(([name, selector]) => {
        const found = document.querySelectorAll(selector);
        const shown = found.length === 1 && found[0].getClientRects().length > 0 && found[0].innerText.trim();
        return [name, shown ? found[0].getBoundingClientRect().bottom + window.scrollY : null];
    })),
})"""


def sample(pages: dict[str, tuple[str, ...]]) -> list[str]:
    """The first and the last page of every kind."""
    return list(dict.fromkeys(url for urls in pages.values() for url in (urls[0], urls[-1])))


@functools.cache
def plan_urls(audience: str, project: Path = REPO) -> dict[str, tuple[str, ...]]:
    """Every page the site plan has for an edition, by page kind (the template's name); planned
    once per process (the kinds, fixtures and tests all ask for it), so callers only read it."""
    from generator.catalog.audience import for_audience
    from generator.catalog.check import check_project
    from generator.site.pages import Settings, page_url, plan_site

    catalog = for_audience(check_project(project).catalog, audience)
    kinds: dict[str, list[str]] = {}
    for planned in plan_site(catalog, Settings(today=datetime.date.today(), audience=audience)):
        kind = "home" if planned.path == "index.md" else planned.template.removesuffix(".html.j2")
        kinds.setdefault(kind, []).append(page_url(planned.path, True))
    return {kind: tuple(urls) for kind, urls in kinds.items()}


# Material's content area is in each page's HTML: after the load event it is there or never will
# be, so one evaluate checks it. page.wait_for_selector would first inject Playwright's selector
# engine into the new document, which cost 45 ms of CPU per page load here.
HAS_CONTENT = "() => document.querySelector('.md-content') !== null"


def open_page(page, site: Site, path: str = ""):
    """Go to a page of `site` and wait until Material has set it up."""
    response = page.goto(site.page(path), wait_until="load")
    assert response is not None and response.ok, f"{path or '/'}: HTTP {response.status if response else 'no response'}"
    assert page.evaluate(HAS_CONTENT), f"{path or '/'}: no content area"
    wait_for_search_index(page)
    return response


def wait_until(page, predicate: str, arg=None, timeout: float = 30) -> None:
    """Poll the JavaScript function `predicate` (given `arg`) until it returns true.

    Not page.wait_for_function: older Playwright releases (the floor, 1.45) run its predicate
    through eval() inside the page, which the site's Content-Security-Policy rightly forbids;
    page.evaluate goes through the browser's debugging protocol, which the policy does not govern."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {predicate}")
        page.wait_for_timeout(50)


def wait_for_search_index(page) -> None:
    """Material loads the search index in a web worker as each page opens; leaving the page
    before it is loaded aborts the fetch and Material reports "Network error". Wait for it."""
    wait_until(
        page,
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return !m || !/Initializ/i.test(m.textContent); }",
    )


def page_title(page) -> str:
    """The page's <h1> as read on screen, without the permalink sign."""
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def search(page, text: str):
    """Type into Material's search the way a person does; return the result items once settled."""
    box = page.locator(".md-search__input")
    if not box.is_visible():  # narrow screens: the search sits behind a button in the header
        page.locator("label.md-header__button[for='__search']").click()
    meta = page.locator(".md-search-result__meta")
    wait_for_search_index(page)
    box.click()
    box.press_sequentially(text, delay=15)
    wait_until(
        page,
        "q => document.querySelector('.md-search__input').value === q"
        " && /matching document/i.test(document.querySelector('.md-search-result__meta').textContent)",
        text,
    )
    # Results update after every key: wait until two readings 300 ms apart agree.
    items = page.locator(".md-search-result__item")
    last = None
    for _ in range(20):
        now = (meta.inner_text(), items.count())
        if now == last:
            break
        last = now
        page.wait_for_timeout(300)
    return items


# The page kinds sellers rely on (templates in site_templates/pages/); any further kind the
# site plan has is checked too. The 404 page has its own test.
REQUIRED_KINDS = (
    "home",
    "segments",
    "segment",
    "personas",
    "persona",
    "briefs",
    "brief",
    "matrix",
    "value-propositions",
    "value-proposition",
    "library",
    "asset",
    "competitors",
    "competitor",
    "products",
    "product",
    "playbooks",
    "playbook",
    "process",
    "leads",
    "team",
    "insights",
    "insight",
    "tags",
)
KINDS = REQUIRED_KINDS + tuple(sorted(set(plan_urls("internal")) - set(REQUIRED_KINDS)))


def printed_problems(page, url: str) -> tuple[int, list[str]]:
    """Print the open page to A4 as a seller would: the number of sheets, and every sheet that
    lacks the edition's marking, the content date or the page's address."""
    from pypdf import PdfReader

    sheets = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True))).pages
    problems = []
    for number, sheet in enumerate(sheets, 1):
        text = sheet.extract_text()
        if "Internal edition: do not share" not in text:
            problems.append(f"{url} sheet {number}: no edition marking")
        if not re.search(r"Content dated \d{4}-\d{2}-\d{2}", text):
            problems.append(f"{url} sheet {number}: no date")
        if url.strip("/") not in text:
            problems.append(f"{url} sheet {number}: no address")
    return len(sheets), problems

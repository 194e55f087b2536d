"""axe-core on one page of every page kind: no serious or critical WCAG 2 A/AA violation.

For each kind the largest page is checked (the most content, so the most to get wrong).
Theme-level fixes live in site_templates/assets/a11y.css and site_templates/overrides/main.html.

Colour contrast, most of what an axe run costs, is checked once per template: on each kind's page
at desktop width, the 404 page, the search dialog and the matrix's gap cell. The narrow-screen and
partner runs show the same templates in the same colours and check every other rule.
"""

from __future__ import annotations

import pytest

from .browsing import KINDS, open_page, search

pytestmark = pytest.mark.browser

NARROW_KINDS = ("home", "brief", "matrix", "library", "segment")  # segment: the relationship map on a phone
PARTNER_KINDS = ("home", "library", "asset")
WCAG = ("wcag2a", "wcag2aa")
BLOCKING = {"serious", "critical"}


SAME_COLOURS = {"color-contrast": False}  # a template whose colours another run has checked


def axe_options(rules: dict[str, bool]) -> dict:
    options: dict = {"runOnly": {"type": "tag", "values": list(WCAG)}, "resultTypes": ["violations"]}
    if rules:
        options["rules"] = {rule: {"enabled": enabled} for rule, enabled in rules.items()}
    return options


def blocking_violations(axe, page, rules: dict[str, bool] | None = None) -> list[str]:
    """Serious and critical violations, one readable line per rule with the first offenders;
    `rules` turns rules on or off beyond the WCAG A and AA ones."""
    result = axe.run(page, options=axe_options(rules or {}))
    lines = []
    for v in result.response["violations"]:
        if v.get("impact") not in BLOCKING:
            continue
        nodes = v["nodes"]
        where = "; ".join(
            f"{' '.join(map(str, n['target']))}: {(n.get('failureSummary') or '').splitlines()[-1].strip()}"
            for n in nodes[:3]
        )
        more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
        lines.append(f"{page.url} [{v['impact']}] {v['id']}: {v['help']} -> {where}{more}")
    return lines


def richest(site, urls: tuple[str, ...]) -> str:
    """The page of a kind with the most HTML."""

    def size(url: str) -> int:
        file = site.root / url / "index.html" if url == "" or url.endswith("/") else site.root / url
        return file.stat().st_size if file.is_file() else -1

    return max(urls, key=size)


def kind_url(site, pages: dict[str, tuple[str, ...]], kind: str) -> str:
    if kind not in pages:
        pytest.fail(f"the site plan has no page of kind {kind!r} (templates: {sorted(pages)})")
    return richest(site, pages[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_page_kind_has_no_serious_violations(kind, page, axe, internal_site, internal_pages):
    open_page(page, internal_site, kind_url(internal_site, internal_pages, kind))
    problems = blocking_violations(axe, page)
    assert not problems, "\n".join(problems)


def test_not_found_page(page, axe, internal_site):
    page.goto(internal_site.page("404.html"))
    problems = blocking_violations(axe, page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", NARROW_KINDS)
def test_narrow_screen_has_no_serious_violations(kind, page, axe, internal_site, internal_pages):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, internal_site, kind_url(internal_site, internal_pages, kind))
    problems = blocking_violations(axe, page, SAME_COLOURS)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", PARTNER_KINDS)
def test_partner_edition_has_no_serious_violations(kind, page, axe, partner_site, partner_pages):
    if kind not in partner_pages:
        pytest.skip(f"the partner edition of the example has no {kind} page")
    open_page(page, partner_site, richest(partner_site, partner_pages[kind]))
    problems = blocking_violations(axe, page, SAME_COLOURS)
    assert not problems, "\n".join(problems)


def test_open_search_with_results(page, axe, internal_site):
    """The search dialog and its result list, open, with highlighted matches; the dialog needs a
    name (aria-dialog-name, a best-practice rule that axe does not tag as WCAG, checked here too)."""
    open_page(page, internal_site)
    assert search(page, "price per pack").count() > 0
    problems = blocking_violations(axe, page, {"aria-dialog-name": True})
    assert not problems, "\n".join(problems)


def test_matrix_with_a_gap(page, axe, gap_site):
    """The example covers every committee member, so its matrix shows no gap cell: check one."""
    open_page(page, gap_site, "matrix/")
    assert page.locator(".pb-matrix__gap").count() >= 1
    problems = blocking_violations(axe, page)
    assert not problems, "\n".join(problems)

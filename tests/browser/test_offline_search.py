"""The offline edition opened straight from disk (file://): search works, nothing is fetched."""

from __future__ import annotations

import pytest

from ..sitebuild import build, copy_example

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    project = copy_example(tmp_path_factory.mktemp("offline"))
    site = tmp_path_factory.mktemp("offline-out") / "site"
    result = build(project, site, "--offline")
    assert result.exit_code == 0, result.output
    return site


def test_search_works_opened_from_disk(browser, offline_site):
    # Its own context: the shared one lets only loopback through, and this site has no host.
    context = browser.new_context()
    outside, errors = [], []

    def route(r):
        if r.request.url.startswith(("file://", "data:", "blob:", "about:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((offline_site / "index.html").as_uri())
        page.keyboard.press("/")
        page.locator(".md-search__input").press_sequentially("velmora", delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]
        assert any("battlecard-velmora.html" in h for h in hrefs), hrefs
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and page.url.split("?")[0].endswith(".html")
    finally:
        context.close()
    assert outside == []
    assert errors == []

"""The guard every browser test relies on: requests to other hosts are blocked and recorded,
script errors are recorded. Here they are provoked on purpose, checked, then forgiven."""

from __future__ import annotations

import pytest

from .browsing import open_page

pytestmark = pytest.mark.browser

FOREIGN = "https://fonts.googleapis.com/css?family=Roboto"


def test_requests_to_other_hosts_are_blocked_and_recorded(page, internal_site, browser_watch):
    # The site's own Content-Security-Policy would stop the request before the guard sees it
    # (tests/browser/test_hostile_content.py proves that): test the guard on a page without one.
    open_page(page, internal_site)
    # A bare page of the site's own origin (about:blank trips older Playwright releases' own script).
    bare = internal_site.page("no-policy.html")
    page.route(
        bare, lambda route: route.fulfill(body="<!doctype html><title>No policy</title>", content_type="text/html")
    )
    page.goto(bare)
    outcome = page.evaluate("url => fetch(url).then(() => 'loaded', () => 'blocked')", FOREIGN)
    assert outcome == "blocked"
    assert browser_watch.external == [FOREIGN]
    browser_watch.external.clear()
    browser_watch.console_errors.clear()  # Chromium logs the blocked request as well


def test_script_errors_are_recorded(page, internal_site, browser_watch):
    open_page(page, internal_site)
    page.evaluate("() => { setTimeout(() => { throw new Error('provoked'); }, 0); console.error('provoked too'); }")
    page.wait_for_timeout(100)
    assert any("provoked" in e for e in browser_watch.page_errors)
    assert any("provoked too" in e for e in browser_watch.console_errors)
    browser_watch.page_errors.clear()
    browser_watch.console_errors.clear()

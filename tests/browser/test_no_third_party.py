"""No page calls a third-party API (issue 12): with repo_url set, Material's repository link
fetches stars and forks from api.github.com on every page load unless the theme is told not to.

The browser fixtures (conftest.py) record every request a page sends to another host, and every
console error, which is how Chromium reports a request the Content-Security-Policy refused before
it left the page: either fails the test.
"""

from __future__ import annotations

import pytest

from ..sitebuild import build, copy_example
from .conftest import served

REPO_URL = "https://github.com/packwell/internal-playbook"
PAGES = ["", "segments/", "personas/cfo/", "briefs/food-and-beverage/purchasing-director/", "library/", "404.html"]


@pytest.fixture(scope="module")
def site_with_repo_url(browser, tmp_path_factory):
    """The internal edition (where the repository link stays) of the example with repo_url set."""
    project = copy_example(tmp_path_factory.mktemp("repo-url"))
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(f"repo_url: {REPO_URL}\nedit_uri: edit/main/\n{text}", encoding="utf-8")
    site = tmp_path_factory.mktemp("repo-url-site")
    result = build(project, site, "--audience", "internal")
    assert result.exit_code == 0, result.output
    with served(site) as url:
        yield url


def test_the_repository_link_shows_without_calling_the_github_api(site_with_repo_url, page, browser_watch):
    for path in PAGES:
        page.goto(site_with_repo_url + path, wait_until="load")
        page.wait_for_timeout(300)  # Material asks for the repository's facts after the page has loaded
        link = page.locator(f'a.md-source[href="{REPO_URL}"]').first
        assert link.count() == 1, path  # the link itself is still there, to the repository
    assert browser_watch.external == []  # no request left for another host
    assert browser_watch.problems() == []  # nor did the policy refuse one (a console error)

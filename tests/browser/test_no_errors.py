"""Pages of every kind, in both editions, load without a script error, a failed request or a
request to another host (the checks live in conftest.py and apply to every browser test, so the
accessibility tests already cover the largest page of each kind; here the others get a turn)."""

from __future__ import annotations

import pytest

from .browsing import open_page

pytestmark = pytest.mark.browser


def sample(pages: dict[str, list[str]]) -> list[str]:
    """The first and the last page of every kind."""
    return list(dict.fromkeys(url for urls in pages.values() for url in (urls[0], urls[-1])))


@pytest.mark.parametrize("edition", ["internal", "partner"])
def test_pages_of_every_kind_load_cleanly(edition, page, request):
    site = request.getfixturevalue(f"{edition}_site")
    pages = request.getfixturevalue(f"{edition}_pages")
    untitled = []
    for url in sample(pages):
        open_page(page, site, url)
        if page.locator("article h1").count() == 0:
            untitled.append(url or "/")
    assert not untitled, f"pages without a title: {untitled}"

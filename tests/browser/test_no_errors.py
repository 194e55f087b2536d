"""Pages of every kind, in both editions and of another company, load without a script error,
a failed request or a request to another host, on a phone-sized screen (the phone survey in
conftest.py; the accessibility tests already open the largest page of each kind on a desktop
screen, under the same checks)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("site", ["internal", "partner", "second"])
def test_pages_of_every_kind_load_cleanly(site, phone_survey):
    survey = phone_survey(site)
    assert len(survey.pages) > 10
    assert survey.watch.problems() == []
    untitled = [url or "/" for url, measured in survey.pages.items() if not measured["titled"]]
    assert not untitled, f"pages without a title: {untitled}"

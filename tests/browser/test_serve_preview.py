"""`playbook serve` in a real browser: a broken save lays its located errors over the page,
the fix takes them away and the page reloads into the fixed content, within the pages'
Content-Security-Policy (any refused script or style is a console error, which fails the test)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..serving import serving, wait_for
from ..sitebuild import copy_example

pytestmark = pytest.mark.browser


def test_a_broken_save_shows_its_errors_until_fixed(page, tmp_path):
    project = copy_example(tmp_path / "p")
    persona = project / "content" / "personas" / "cfo.yml"
    original = persona.read_text(encoding="utf-8")
    with serving(project, tmp_path) as (base, proc, _log):
        wait_for(base + "personas/cfo/", "Chief financial officer", proc)  # the first build
        page.goto(base + "personas/cfo/")
        heading = page.locator("article h1")
        expect(heading).to_contain_text("Chief financial officer", timeout=60_000)
        overlay = page.locator("#pb-preview-errors")
        expect(overlay).to_have_count(0)

        persona.write_text(original + "persona: [cfo]\n", encoding="utf-8")
        expect(overlay).to_be_visible(timeout=60_000)  # the page reloaded and laid the errors over itself
        line = len(original.splitlines()) + 1
        expect(overlay).to_contain_text(f"content/personas/cfo.yml:{line}:1")
        expect(overlay).to_contain_text("error[E200]")
        expect(overlay).to_contain_text("unknown field 'persona'")
        expect(heading).to_contain_text("Chief financial officer")  # the last good page stays beneath

        persona.write_text(original.replace("name: Chief financial officer", "name: Finance chief"), encoding="utf-8")
        expect(heading).to_contain_text("Finance chief", timeout=60_000)
        expect(overlay).to_have_count(0)
        assert proc.poll() is None
        assert re.search(r"/personas/cfo/$", page.url)

"""Screenshots of the pages the README shows, taken from a fresh build of the example.

Written to $PLAYBOOK_SCREENSHOTS_DIR (default: a temporary folder). Refresh the README's
pictures with:

    PLAYBOOK_SCREENSHOTS_DIR=tests/browser/screenshots python -m pytest tests/browser -k screenshot
"""

from __future__ import annotations

import pytest

from generator.catalog import relations as rel

from .browsing import open_page

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}  # the "-phone" shots: what a seller sees first on a phone
PNG = b"\x89PNG\r\n\x1a\n"


def shots(catalog) -> dict[str, str]:
    segment = rel.ranked_segments(catalog)[0]
    economic = [s for s in rel.seats(catalog, segment) if s.member.role == "economic_buyer"]
    persona = (economic or rel.seats(catalog, segment))[0].persona
    return {
        "home": "",
        "brief": f"briefs/{segment.id}/{persona.id}/",
        "library": "library/",
        "matrix": "matrix/",
        "home-phone": "",
        "brief-phone": f"briefs/{segment.id}/{persona.id}/",
    }


@pytest.mark.parametrize("name", ["home", "brief", "library", "matrix", "home-phone", "brief-phone"])
def test_screenshot(name, page, internal_site, catalog, screenshots_dir):
    page.set_viewport_size(PHONE if name.endswith("-phone") else VIEWPORT)
    open_page(page, internal_site, shots(catalog)[name])
    if name == "library":
        page.locator("#pb-library-filters").wait_for(state="visible")
    page.evaluate("document.fonts.ready")
    target = screenshots_dir / f"{name}.png"
    page.screenshot(path=str(target), animations="disabled", caret="hide")
    data = target.read_bytes()
    assert data.startswith(PNG) and len(data) > 10_000, f"{target} does not look like a screenshot"

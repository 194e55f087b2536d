"""Pictures on each page: the edition's texts name a published picture by a placeholder
(generator/catalog/pictures.py); here each page, HTML or Markdown twin, gets its own relative
URL to it, as the same text appears on pages at different depths."""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.catalog.pictures import PLACEHOLDER

PICTURES = "pictures"  # the site folder of pictures shown from Markdown

# In sanitised HTML: the whole src attribute of a placed picture (its path is percent-encoded).
_SOURCE = re.compile(rf' src="{re.escape(PLACEHOLDER)}([^"]*)"')
# In Markdown: the placed target.
_TARGET = re.compile(rf"{re.escape(PLACEHOLDER)}([^\s()<>\"']*)")


def picture_path(path: str) -> str:
    """The site path of the picture at `path` under content/ (percent-encoded in a URL)."""
    return f"{PICTURES}/{path}"


def html_sources(html: str, link) -> Markup:
    """Each placed picture's src relative to the page `link` belongs to; without a page, the
    picture keeps only its description."""
    if link is None:
        return Markup(_SOURCE.sub("", html))
    return Markup(_SOURCE.sub(lambda m: f' src="{link.picture(m.group(1))}"', html))


def markdown_targets(text: str, link) -> str:
    """Each placed picture's target relative to the twin `link` belongs to (else to the site root)."""
    return _TARGET.sub(lambda m: str(link.picture(m.group(1)) if link is not None else picture_path(m.group(1))), text)

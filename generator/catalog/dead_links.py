"""E215: a Markdown link the site cannot follow. The sanitiser keeps only http, https and mailto
addresses, so `[the buyer](persons:cfo)` silently loses its link; a path such as
`files/sheet.pdf` or `../index.md` breaks, since the same text appears on pages at different
depths and files are published only as attachments and pictures."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from generator.catalog.catalog import Catalog
from generator.diagnostics import Diagnostic, error
from generator.model.links import LINK_WORDS, picture_target, text_any_links
from generator.suggest import did_you_mean

# (model, loc of the field, the text as written) -> (file, line, column) of that text in the file
Locate = Callable[[object, tuple, str], tuple[str, int, int]]
ADDRESSES = ("http", "https", "mailto")  # what the site's sanitiser keeps (site/render.py)
_WORD = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def dead_links(catalog: Catalog) -> Iterator[tuple[object, tuple, str, str]]:
    """(model, loc of the field, the link as written, what is wrong) for every link to fix."""
    for model in catalog.everything():
        for loc, match in text_any_links(model):
            problem = _problem(picture_target(match))
            if problem is not None:
                yield model, loc, match.group(0), problem


def _problem(target: str) -> str | None:
    if target.startswith("#"):
        return None
    word = _WORD.match(target)
    if word is None:
        return (
            f"'{target}' is a path, which breaks on the site (the same text appears on pages at different "
            "depths, and only attachments and pictures are published): link a page of the playbook with "
            "[text](persona:cfo), a file through its asset with [text](asset:ID), or give a full https:// address"
        )
    name = word.group(1)
    if name.lower() in ADDRESSES or name in LINK_WORDS:
        return None  # an address, or a link between pages (E204 checks its id); link words are lower-case
    hint = did_you_mean(name.lower(), sorted(LINK_WORDS))
    return (
        f"'{name}:' is neither a page of the playbook ({', '.join(LINK_WORDS)}) nor an http, https or "
        f"mailto address, so the site would show the text without its link{hint}"
    )


def dead_link_diagnostics(catalog: Catalog, locate: Locate) -> Iterator[Diagnostic]:
    """`locate(model, loc, written)` gives (file, line, column) of the text inside its file."""
    for model, loc, written, problem in dead_links(catalog):
        yield error(*locate(model, loc, written), "E215", problem)

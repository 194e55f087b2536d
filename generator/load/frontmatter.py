"""Reading a Markdown page: YAML front matter between two `---` lines, then the Markdown body.

The front matter is read by the same safe YAML loader as every content file, from the file's own
first lines, so every position it reports is the line and column in the .md file. The body
joins the data as `body`, placed at the line where it starts, so a broken `[text](kind:id)`
link in it is found at its own line and column like one in a YAML field.
"""

from __future__ import annotations

import pathlib
import re

from generator.diagnostics import Diagnostic, error
from generator.load.document import Document, Location, SourceMap, load_text, read_file
from generator.load.text import read_text

BODY = "body"
_FENCE = re.compile(r"---[ \t]*")
_LINE = re.compile(r"[^\r\n]*(\r\n|\r|\n|$)")
# Fields a page writes elsewhere than in its front matter: (field, where it goes instead).
_NOT_IN_FRONT_MATTER = {
    "name": "a page's name is its 'title'",
    BODY: "the page's text goes below the front matter's closing '---' line",
    "description": "a page's text goes below the front matter's closing '---' line; a one-line summary goes in 'summary'",
}
_HOW = "a page starts with its front matter: a line '---', then 'title: ...' and the other fields, then a line '---'"


def load_page(path: pathlib.Path, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    """Like load_document, for a Markdown page: never raises for anything the file holds."""
    raw, problems = read_file(path, rel)
    if raw is None:
        return None, problems
    return load_page_text(raw, rel)


def _lines(text: str) -> list[str]:
    """The file's lines with their line breaks, broken where an editor breaks them."""
    return [m.group(0) for m in _LINE.finditer(text) if m.group(0)]


def load_page_text(text_or_bytes, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    text, problems = read_text(text_or_bytes, rel)
    if text is None:
        return None, problems
    lines = _lines(text)
    if not lines or not _FENCE.fullmatch(lines[0].rstrip("\r\n")):
        source = SourceMap()
        source.place((BODY,), Location(1, 1))
        return Document(rel, {BODY: text}, source), [error(rel, 1, 1, "E201", f"missing front matter: {_HOW}")]
    close = next((i for i, line in enumerate(lines[1:], 1) if _FENCE.fullmatch(line.rstrip("\r\n"))), None)
    if close is None:
        message = "the front matter opened by '---' on line 1 is never closed: add a line '---' after its last field"
        return None, [error(rel, 1, 1, "E100", message)]
    front = "".join(lines[:close])  # the opening '---' is YAML's own document start
    if front[3:].strip():
        document, problems = load_text(front, rel)
        if document is None:
            return None, problems
        if not isinstance(document.data, dict):  # refused by the loader already; never reached
            return None, problems
    else:
        document, problems = Document(rel, {}, SourceMap()), []
    problems += _misplaced(document, rel)
    document.data[BODY] = "".join(lines[close + 1 :])
    document.source.place((BODY,), Location(close + 2, 1))
    return document, problems


def _misplaced(document: Document, rel: str) -> list[Diagnostic]:
    """E200 for a field that a page writes below its front matter, not in it."""
    found = []
    for key, instead in _NOT_IN_FRONT_MATTER.items():
        if key in document.data:
            del document.data[key]
            where = document.source.key((key,))
            found.append(
                error(rel, where.line, where.column, "E200", f"'{key}' is not a front-matter field: {instead}")
            )
    return found

"""A page's text cut at its `## ` headings, so that each section is listed in the page's table
of contents and search can point a seller at the section that answers ("who approves a
discount?") instead of the top of a long guide.

The anchors are worked out here once, the way the page's headings will be given ids (the
title's heading first), so the search index and the page agree on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown.extensions.toc import slugify, unique

_HEADING = re.compile(r"##[ \t]+(.+?)[ \t#]*")
_FENCE = re.compile(r"(```|~~~)")
_INLINE_MARKUP = re.compile(r"[*_`]+")


@dataclass(frozen=True)
class Section:
    title: str  # "" for the text before the first heading
    anchor: str  # the heading's id ("" without a heading)
    text: str  # Markdown


@lru_cache(maxsize=1024)
def sections(title: str, body: str | None) -> tuple[Section, ...]:
    """The sections of a page titled `title`, in order; the text before the first `## ` heading
    (if any) comes first, without a heading. Headings inside fenced code are text."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    fenced = False
    for line in (body or "").splitlines(keepends=True):
        if _FENCE.match(line):
            fenced = not fenced
        found = None if fenced else _HEADING.fullmatch(line.rstrip("\r\n"))
        if found:
            parts.append((_INLINE_MARKUP.sub("", found.group(1)).strip(), []))
        else:
            parts[-1][1].append(line)
    taken: set[str] = set()
    unique(slugify(title, "-") or "section", taken)  # the page's own heading comes first
    result = []
    for heading, lines in parts:
        text = "".join(lines)
        if not heading and not text.strip():
            continue
        anchor = unique(slugify(heading, "-") or "section", taken) if heading else ""
        result.append(Section(heading, anchor, text))
    return tuple(result)

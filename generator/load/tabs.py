"""Tabs in indentation (E103), told apart from tabs inside text values.

A tab inside a '|' block or a quoted text is content, so the checks need to know where every
text value (scalar) starts and ends: from the node tree when the file composed, from the parser
events before the error when it did not.
"""

from __future__ import annotations

import bisect
import re

import yaml
from yaml.nodes import MappingNode, ScalarNode

from generator.diagnostics import Diagnostic, error
from generator.load.dialect import parser_events
from generator.load.positions import Positions

# A tab in the indentation at the start of an editor line (after '\n', '\r\n' or a lone '\r').
_TAB_IN_INDENT = re.compile(r"(?:^|(?<=\r))( *)\t", re.MULTILINE)
_LINE_END = re.compile(r"[\r\n]")

TAB_MESSAGE = "tab character used for indentation; indent with spaces"


def scalar_spans(root, positions: Positions) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(start, end) editor positions (0-based line, column) of every scalar in the tree."""
    spans = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        cls = node.__class__
        if cls is ScalarNode:
            start, end = node.start_mark, node.end_mark
            spans.append((positions.convert(start.line, start.column), positions.convert(end.line, end.column)))
        elif cls is MappingNode:
            for key_node, value_node in node.value:
                stack.append(key_node)
                stack.append(value_node)
        else:
            stack.extend(node.value)
    return spans


def event_scalars(text: str, positions: Positions) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """(start, end, style) of the scalars in the parser events that precede a syntax error, in
    editor positions (0-based line, column); style is '' for plain text, else '|', '>', "'" or '"'."""
    scalars = []
    for event in parser_events(text):
        if event.__class__ is yaml.ScalarEvent:
            start, end = event.start_mark, event.end_mark
            assert start is not None and end is not None  # the parser marks every event
            scalars.append(
                (
                    positions.convert(start.line, start.column),
                    positions.convert(end.line, end.column),
                    event.style or "",
                )
            )
    return scalars


def event_scalar_spans(text: str, positions: Positions) -> list:
    """Scalar spans from the parser events that precede a syntax error."""
    return [(start, end) for start, end, _ in event_scalars(text, positions)]


def indent_tab_diagnostics(
    text: str, rel: str, spans: list, *, skip_comments: bool, up_to_line: int | None = None
) -> list[Diagnostic]:
    """E103 for each line whose indentation holds a tab that is not part of a text value (a tab
    inside a '|' block or a quoted text is content, not indentation)."""
    diagnostics = []
    spans = sorted(spans)  # scalars never overlap, so the last one starting before a tab is the only candidate
    starts = [start for start, _ in spans]
    line = 0
    counted_to = 0
    for found in _TAB_IN_INDENT.finditer(text):
        pos = found.end(1)
        end = _LINE_END.search(text, pos)
        rest = text[pos : end.start() if end is not None else len(text)].strip(" \t")
        if not rest or (skip_comments and rest.startswith("#")):
            continue
        line += (
            text.count("\n", counted_to, pos) + text.count("\r", counted_to, pos) - text.count("\r\n", counted_to, pos)
        )
        counted_to = pos
        if up_to_line is not None and line > up_to_line:
            break
        column = pos - found.start()
        here = (line, column)
        index = bisect.bisect_right(starts, here) - 1
        if index >= 0 and here < spans[index][1]:
            continue
        diagnostics.append(error(rel, line + 1, column + 1, "E103", TAB_MESSAGE))
    return diagnostics

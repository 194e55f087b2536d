"""What to do about a problem, in plain language: the hint after a syntax error's message, and
the wording for a value that cannot be read as the date it looks like.

Lines and columns here are 0-based editor positions; `lines` is the text split into editor lines.
"""

from __future__ import annotations

import re

from generator.load.positions import Positions
from generator.load.tabs import event_scalars

_QUOTE_HINT = "is a ':' missing a space after it, or does a value containing ': ' need quotes?"

# 'summary:Flow wrapper': a field name, then ':' with no space before the value. A '/' or a second
# ':' right after the colon is left alone (https://..., ::), and so are names that do not start
# with a letter (10:30).
_KEY_WITHOUT_SPACE = re.compile(r"\s*(?:- )?([A-Za-z_][\w-]*:[^\s:/]\S*)")


def show_text(value: str, limit: int = 60) -> str:
    """`value` as a message quotes it: cut to `limit` characters (Diagnostic itself writes line
    breaks, tabs and other control characters as escapes)."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def impossible_date(exc: ValueError) -> str:
    """The end of the E209 message for text of the form of a date that names no real date or time
    (2026-02-30, month 13, hour 25, ...), after "'...' cannot be read as a date"."""
    reason = str(exc)
    if reason.startswith("offset must be"):  # the time zone; Python's own wording names timedelta
        reason = "the time zone offset must be less than 24 hours"
    if reason.startswith(("hour", "minute", "second", "the time zone")):
        return (
            f" ({reason}): that time does not exist; write a real date and time as "
            "YYYY-MM-DD HH:MM:SS, or put the value in quotes if it is text and not a date"
        )
    return (
        f" ({reason}): that date does not exist; write a real date as YYYY-MM-DD, or put the "
        "value in quotes if it is text and not a date"
    )


def line_text(lines: list[str], line: int) -> str:
    """The 0-based `line` of the text split into editor lines ('' past the end)."""
    return lines[line].rstrip("\r") if 0 <= line < len(lines) else ""


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_content_line(lines: list[str], line: int) -> int | None:
    """The number of the last non-blank, non-comment line before `line`, or None."""
    for number in range(min(line, len(lines)) - 1, -1, -1):
        stripped = line_text(lines, number).strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _mapping_values_hint(lines: list[str], line: int) -> str:
    current = line_text(lines, line)
    number = _previous_content_line(lines, line)
    previous = line_text(lines, number) if number is not None else None
    if previous is not None and _indent_of(current) > _indent_of(previous):
        head = previous.strip()
        if ": " in head and not head.endswith(":") and not head.startswith("- "):
            return (
                "this line is indented further than the field above it; line it up with the other "
                "fields (or, if the text above continues here, put it in quotes)"
            )
    if re.search(r"^\s*(- )?[\w-]+:[^\s:/]", current) or (previous and re.search(r"^\s*(- )?[\w-]+:[^\s:/]", previous)):
        return "is a ':' missing a space after it (write 'name: value', not 'name:value'), or does a value containing ': ' need quotes?"
    return _QUOTE_HINT


def missing_space_hint(
    text: str,
    lines: list[str],
    line: int,
    column: int,
    positions: Positions,
    context: str,
    context_line: int | None,
) -> str:
    """'line N: put a space after ':' in 'summary:Flow'' when a line at or just before the syntax
    error (0-based `line`) reads as a field name with no space after its ':', else ''.

    Looked at, first match wins: the field name libyaml was scanning when it failed, the previous
    non-blank, non-comment line, the error's own line (only when the error is past the ':'; the
    parser stopped before it otherwise). A candidate that the parser had already read
    as a complete value is text, not a broken field: inside a '|' / '>' block or quotes, or a plain
    value ending on its own line before the error's line (such as '- CFO:finance' in a list).
    """
    numbers = []
    if context == "while scanning a simple key" and context_line is not None:
        numbers.append(context_line)
    previous = _previous_content_line(lines, line)
    if previous is not None:
        numbers.append(previous)
    numbers.append(line)
    scalars = None
    for number in dict.fromkeys(numbers):
        found = _KEY_WITHOUT_SPACE.match(line_text(lines, number))
        if found is None:
            continue
        if number == line and number not in numbers[:-1] and column <= found.start(1) + found.group(1).index(":"):
            continue
        if scalars is None:
            scalars = event_scalars(text, positions)
        here = (number, found.start(1))
        if any(
            start <= here < end and (style or (end[0] == number and line > number)) for start, end, style in scalars
        ):
            continue
        return f"line {number + 1}: put a space after ':' in '{show_text(found.group(1), 40)}'"
    return ""


# The fixed hints, tried in this order (a problem can hold user text, so the order is kept as
# it was written): how the problem is matched, what it is matched against, the hint.
_EQ, _STARTS, _HAS = str.__eq__, str.startswith, str.__contains__
_TAG_HINT = "a value starting with '!' is read as a YAML tag; put the value in quotes"
_FIXED_HINTS = (
    (
        _EQ,
        "did not find expected '-' indicator",
        "check the indentation: the items of one list must start in the same column",
    ),
    (_EQ, "found unexpected end of stream", "a closing quote is missing"),
    (
        _EQ,
        "found unknown escape character",
        "inside double quotes a backslash starts an escape such as \\n; write \\\\ for a backslash, or use single quotes",
    ),
    (
        _EQ,
        "found undefined alias",
        "a value starting with '*' refers to an anchor ('&name') defined earlier; put the value in quotes if the '*' is meant literally",
    ),
    (
        _EQ,
        "did not find expected alphabetic or numeric character",
        "a value starting with '*' or '&' is read as an alias or anchor; put the value in quotes",
    ),
    (_EQ, "found undefined tag handle", _TAG_HINT),
    (_STARTS, "found unknown tag", _TAG_HINT),
    (
        _STARTS,
        "did not find expected ','",
        "close the list or mapping, and put items that contain ':', ',', '[' or '{' in quotes",
    ),
    (
        _STARTS,
        "block sequence entries are not allowed",
        "a list item ('- ') must start on its own line, indented under its field name",
    ),
    (_HAS, "directive", "a line starting with '%' is a YAML directive; put the value in quotes"),
    (
        _EQ,
        "could not find expected ':'",
        "a field name must be followed by ': '; put long or multi-line text in quotes",
    ),
    (
        _EQ,
        "did not find expected <document start>",
        "there is text after the end of the mapping; check its indentation or remove it",
    ),
    (_EQ, "did not find expected node content", "a value is missing, or it starts with a character that needs quotes"),
    (
        _EQ,
        "did not find expected comment or line break",
        "there is extra text after a value (for example after a closing quote, or after '|' or '>'); put the whole value in quotes",
    ),
    (
        _STARTS,
        "mapping keys are not allowed",
        "'?' at the start of a line makes a complex key; put the value in quotes",
    ),
    (_STARTS, "found unexpected ':'", "put values containing ':' in quotes"),
)


def hint(problem: str, lines: list[str], line: int, column: int, char: str) -> str:
    """The hint for libyaml's `problem` (as normalised by yaml_messages) at `line`, `column`,
    where `char` stands; '' when there is nothing useful to add."""
    if problem.startswith("mapping values are not allowed"):
        return _mapping_values_hint(lines, line)
    if problem == "did not find expected key":
        if char == "-":
            return "a list item ('- ') is not expected here; indent it under a field name ending in ':'"
        if line_text(lines, line)[:column].rstrip().endswith(('"', "'")):
            return "text follows a closing quote; put the whole value inside the quotes"
        return "check the indentation: the fields of one mapping must start in the same column"
    if problem == "found character that cannot start any token":
        if char in ("@", "`", "%"):
            return f"a value cannot start with '{char}'; put the value in quotes"
        return f"the character '{show_text(char)}' cannot start a value here; put the value in quotes"
    for matches, text, advice in _FIXED_HINTS:
        if matches(problem, text):
            return advice
    return ""

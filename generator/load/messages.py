"""A YAML syntax error in plain language (E100, E103, E104): what went wrong, where, inside what,
and a hint (see yaml_hints) on what to do about it.

libyaml's messages name parser states ("while parsing a block mapping"); an author needs the
line, what encloses it, and a fix.
"""

from __future__ import annotations

import re

import yaml

from generator.diagnostics import Diagnostic, error
from generator.load.dialect import NESTING_REFUSED
from generator.load.hints import hint, line_text, missing_space_hint
from generator.load.limits import too_deep
from generator.load.positions import EDITOR_BREAK, Positions
from generator.load.tabs import TAB_MESSAGE, event_scalar_spans, indent_tab_diagnostics

_TAB_PROBLEMS = (
    "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected",
)

_CONTEXTS = {
    "while parsing a block mapping": "the mapping that starts at line {line}",
    "while parsing a block collection": "the list that starts at line {line}",
    "while parsing a flow sequence": "the [ ] list that starts at line {line}, column {column}",
    "while parsing a flow mapping": "the {{ }} mapping that starts at line {line}, column {column}",
    "while scanning a quoted scalar": "the quoted text that starts at line {line}, column {column}",
    "while parsing a quoted scalar": "the quoted text that starts at line {line}, column {column}",
    "while scanning a plain scalar": "the value that starts at line {line}, column {column}",
    "while scanning a block scalar": "the '|' or '>' text that starts at line {line}",
    "while scanning a simple key": "the field name at line {line}, column {column}",
    "while parsing a block node": "the value that starts at line {line}, column {column}",
    "while parsing a flow node": "the value that starts at line {line}, column {column}",
    "while parsing a node": "the value that starts at line {line}, column {column}",
}

_SECOND_DOCUMENT = (
    "a second YAML document starts here; a file holds a single mapping of fields — "
    "remove this '---' (or split the file in two)"
)


def _normalize_problem(problem: str, context: str) -> str:
    """libyaml's wording for the few problems the pure-Python parser words differently."""
    if problem.startswith("expected <block end>, but found"):
        return "did not find expected '-' indicator" if "collection" in context else "did not find expected key"
    if problem.startswith("found character ") and problem.endswith(" that cannot start any token"):
        return "found character that cannot start any token"
    for prefix in ("found undefined alias", "found unknown escape character"):
        if problem.startswith(prefix):
            return prefix
    if problem == "sequence entries are not allowed here":
        return "block sequence entries are not allowed here"
    return problem


def syntax_diagnostics(exc: yaml.MarkedYAMLError, text: str, rel: str, positions: Positions) -> list[Diagnostic]:
    context = (exc.context or "").strip()
    problem = _normalize_problem((exc.problem or "").strip(), context)
    mark = exc.problem_mark or exc.context_mark
    raw_line, raw_column = (mark.line, mark.column) if mark is not None else (0, 0)
    line0, column0 = positions.convert(raw_line, raw_column)
    line, column = line0 + 1, column0 + 1
    lines = EDITOR_BREAK.split(text)
    this_line = line_text(lines, line0)
    char = this_line[column0] if 0 <= column0 < len(this_line) else ""

    if problem == NESTING_REFUSED:  # libyaml's own limit: the same code as ours, whoever notices
        return [too_deep(rel, line, column)]
    if context.startswith("expected a single document"):
        return [error(rel, line, column, "E104", _SECOND_DOCUMENT)]

    # Tabs: libyaml's own tab errors, and tabs in the indentation of the lines read so far.
    diagnostics = []
    if "\t" in text:
        spans = event_scalar_spans(text, positions)
        diagnostics = indent_tab_diagnostics(text, rel, spans, skip_comments=False, up_to_line=line0)
    tab_at_error = char == "\t" and (problem.endswith("cannot start any token") or problem in _TAB_PROBLEMS)
    if tab_at_error or problem in _TAB_PROBLEMS:
        message = TAB_MESSAGE
        if problem == _TAB_PROBLEMS[1] and context == "while scanning a block scalar":
            message += " (to start a '|' or '>' text with a tab, give its indentation: '|2')"
        diagnostics = [d for d in diagnostics if (d.line, d.column) != (line, column)]
        diagnostics.append(error(rel, line, column, "E103", message))
        return diagnostics

    if context.startswith("found duplicate anchor"):
        first = exc.context_mark
        first_line = positions.mark(first)[0] if first is not None else line
        message = f"the same anchor is defined twice (first at line {first_line}); give each '&' anchor its own name"
        return diagnostics + [error(rel, line, column, "E100", message)]

    plain = _plain_problem(exc, problem, context, this_line[column0:], (line, column), positions)
    context_line0 = (
        positions.convert(exc.context_mark.line, exc.context_mark.column)[0] if exc.context_mark is not None else None
    )
    advice = missing_space_hint(text, lines, line0, column0, positions, context, context_line0) or hint(
        problem, lines, line0, column0, char
    )
    message = f"{plain} — {advice}" if advice else plain
    return diagnostics + [error(rel, line, column, "E100", message)]


def _plain_problem(exc, problem: str, context: str, rest: str, where: tuple[int, int], positions: Positions) -> str:
    """The problem in plain words, with what encloses it when that starts elsewhere. `rest` is
    the error's line from the error on; `where` its 1-based line and column."""
    plain = problem.replace("in this context", "here") if problem else "YAML syntax error"
    if problem == "found undefined alias":
        name = re.match(r"\*([^\s,\[\]{}]*)", rest)
        if name:
            plain = f"found undefined alias '*{name.group(1)}'"
    enclosing = _CONTEXTS.get(context)
    if enclosing is not None and exc.context_mark is not None:
        context_line, context_column = positions.mark(exc.context_mark)
        if (context_line, context_column) != where:
            plain += " (in " + enclosing.format(line=context_line, column=context_column) + ")"
    elif context and not context.startswith("while scanning") and exc.context_mark is not None:
        context_line, context_column = positions.mark(exc.context_mark)
        plain += f" ({context} at line {context_line}, column {context_column})"
    return plain

"""W310: text that a ` #` silently cut short.

In YAML a `#` after a space starts a comment, so `name: Our #1 buyer` is stored as "Our". A
comment written on purpose has a space after its `#` (`key: value  # why`, as `playbook new`
writes them); a `#` glued to a word (`#1`, `#hashtag`) right after an unquoted value is almost
always part of the text, so that case is reported with the fix (quotes).
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.diagnostics import Diagnostic, warning
from generator.load.hints import show_text
from generator.load.positions import Positions

# A space or tab, then '#', then something other than a space: a comment glued to a word.
GLUED_COMMENT = re.compile(r"[ \t]#[^\s#]")
# What follows a cut value: the glued part, up to a comment written on purpose (` # why`).
_GLUED_AFTER_VALUE = re.compile(r"[ \t]+(#[^\s#].*?)(?:[ \t]+#[ \t].*)?$")


def cut_by_comment(root, text: str, rel: str, positions: Positions) -> list[Diagnostic]:
    """W310 for every unquoted scalar followed on its line by a glued ` #word` comment."""
    lines = text.splitlines()
    suspects = {number for number, line in enumerate(lines) if GLUED_COMMENT.search(line)}
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.__class__ is MappingNode:
            stack.extend(value for _, value in node.value)
        elif node.__class__ is SequenceNode:
            stack.extend(node.value)
        elif node.__class__ is ScalarNode and not node.style and node.end_mark.line in suspects:
            rest = lines[node.end_mark.line][node.end_mark.column :]
            match = _GLUED_AFTER_VALUE.match(rest)
            if match and node.value:
                line, column = positions.mark(node.start_mark)
                whole = f"{node.value} {match.group(1)}".strip()
                found.append(
                    warning(
                        rel,
                        line,
                        column,
                        "W310",
                        f"' #' starts a comment, so this value is only '{show_text(node.value)}'; to keep "
                        f'the whole text, put it in quotes: "{show_text(whole)}"',
                    )
                )
    return found

"""The YAML dialect of content files: libyaml's safe loader, its tags, and its parser events.

Everything that reads YAML syntax (composing, the depth pre-check, syntax-error hints) goes
through FastSafeLoader, so they all agree on what a file means.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import ScalarNode, SequenceNode

_BaseLoader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

TAG = "tag:yaml.org,2002:"
STR = TAG + "str"
SEQ = TAG + "seq"
MAP = TAG + "map"
# Tags of plain data (the only ones honoured besides the three above).
INT = TAG + "int"
FLOAT = TAG + "float"
BOOL = TAG + "bool"
NULL = TAG + "null"
TIMESTAMP = TAG + "timestamp"
MERGE = TAG + "merge"
VALUE = TAG + "value"  # PyYAML resolves a plain '=' to this; we read it as text

# The plain scalars that are not text, as YAML 1.2's core schema reads them: the same reading as
# editors (VS Code's YAML extension defaults to 1.2) and JSON Schema validators, so that the
# schemas and `playbook check` agree on every file. YAML 1.1 (PyYAML's default) differs on
# yes/no/on/off/y/n (booleans there: `language: no` would be false), 0b/0-octal/1_000/1:30
# numbers, and exponents without a dot. Dates stay dates: the schemas ask for a date string of
# the same form, and the models accept both.
_CORE_12 = [
    (BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (NULL, r"^(?:~|null|Null|NULL|)$", "~nN"),
    (INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
]
# Timestamps, merge keys and '=' as PyYAML resolves them (not numbers or booleans).
_KEPT_FROM_PYYAML = (TIMESTAMP, MERGE, VALUE)


def _implicit_resolvers() -> tuple[dict[str, tuple], tuple]:
    """First character -> ((tag, regexp), ...) in the order they are tried; and the resolvers for
    the empty scalar. Snapshot at import, so later registrations elsewhere cannot change what a
    content file means."""
    table: dict[str, list] = {}
    for tag, pattern, firsts in _CORE_12:
        for first in firsts:
            table.setdefault(first, []).append((tag, re.compile(pattern)))
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        for tag, regexp in resolvers:
            if tag in _KEPT_FROM_PYYAML and first is not None:
                table.setdefault(first, []).append((tag, regexp))
    empty = tuple((tag, regexp) for tag, regexp in table.get("~", ()) if tag == NULL)
    return {first: tuple(resolvers) for first, resolvers in table.items()}, empty


_IMPLICIT, _EMPTY = _implicit_resolvers()


class FastSafeLoader(_BaseLoader):  # type: ignore[misc,valid-type]  # libyaml's loader when present
    """The safe loader with YAML 1.2 core tag resolution (see _CORE_12), in few Python steps.

    `resolve` runs for every node the composer makes; PyYAML's version also supports path
    resolvers and wildcard implicit resolvers, which the safe loader never registers. Skipping
    them makes composing ~15% faster.
    """

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            return plain_tag(value) if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP


def plain_tag(text: str) -> str:
    """The tag a content file gives `text` written as a plain (unquoted) scalar; STR if none."""
    for tag, regexp in _IMPLICIT.get(text[:1], ()) if text else _EMPTY:
        if regexp.match(text):
            return tag
    return STR


# libyaml's own nesting limit (the copy bundled with PyYAML 6.0.4 and later): its scanner refuses
# about 1,000 levels while reading ahead, before the parser hands over the events that pass ours.
NESTING_REFUSED = "exceeded maximum nesting depth"


def parser_events(text: str):
    """The parser events of `text`, in a flat pass (no recursion), up to its first syntax error;
    the error itself is left to yaml.compose to report."""
    try:
        yield from raising_parser_events(text)
    except yaml.YAMLError:
        return


def raising_parser_events(text: str, loader_class: type = FastSafeLoader):
    """parser_events that raises the syntax error instead of stopping at it."""
    loader = loader_class(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()

"""Checks made before a file is turned into data, so that a hostile file cannot hang or crash
the process: nesting depth (E108) and alias expansion (E106)."""

from __future__ import annotations

import yaml
from yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, ScalarNode

from generator.diagnostics import Diagnostic, error
from generator.load.dialect import NESTING_REFUSED, raising_parser_events
from generator.load.limits import MAX_DEPTH, MAX_NODES, Refused, too_deep
from generator.load.positions import Positions

# libyaml's composer recurses on the C stack once per nesting level and crashes the process
# around 100,000 levels. Every level needs its own '[', '{', '-', ':' or '?', so a file with
# fewer than this many of those characters is composed directly; others are first checked for
# depth with a flat pass over the parser events.
_COMPOSE_SAFE_DEPTH = 1_000

_BILLION_LAUGHS = (
    f"aliases expand to more than {MAX_NODES} values (a 'billion laughs' file?); "
    "remove the anchors/aliases that multiply"
)
_RECURSIVE_ALIAS = (
    "an alias refers to the value that contains it (a recursive anchor), which would expand forever; remove that alias"
)


def check_depth(text: str, rel: str, positions: Positions) -> Diagnostic | None:
    """E108 where `text` nests deeper than MAX_DEPTH, or None; must pass before libyaml composes."""
    if text.count("[") + text.count("{") + text.count("-") + text.count(":") + text.count("?") <= _COMPOSE_SAFE_DEPTH:
        return None
    deep = _first_too_deep_event(text)
    if deep is None:
        return None
    return too_deep(rel, *positions.mark(deep))


def _first_too_deep_event(text: str):
    """The start mark of the first collection nested deeper than MAX_DEPTH, or None. Syntax
    errors are left to compose."""
    try:
        return _too_deep_in(raising_parser_events(text))
    except yaml.MarkedYAMLError as exc:
        if exc.problem != NESTING_REFUSED:
            return None
        # libyaml refused the nesting before handing over the event past MAX_DEPTH: find that
        # event with the pure-Python parser (no such limit, no recursion), so that the location
        # is the same whichever PyYAML reads the file.
        try:
            return _too_deep_in(raising_parser_events(text, yaml.SafeLoader)) or exc.problem_mark
        except yaml.YAMLError:
            return exc.problem_mark


def _too_deep_in(events):
    depth = 0
    for event in events:
        cls = event.__class__
        if cls is MappingStartEvent or cls is SequenceStartEvent:
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            depth -= 1
    return None


def check_expansion(root, rel: str, positions: Positions) -> Diagnostic | None:
    """Counts the values the tree expands to once every alias is followed, without expanding it
    (one visit per distinct node, sizes memoised), and finds aliases that contain themselves."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node, depth: int) -> int:
        node_id = id(node)
        known = sizes.get(node_id)
        if known is not None:
            return known
        cls = node.__class__
        if cls is ScalarNode:
            return 1
        if node_id in active:
            raise Refused(error(rel, *positions.mark(node.start_mark), "E106", _RECURSIVE_ALIAS))
        if depth > MAX_DEPTH:
            raise Refused(too_deep(rel, *positions.mark(node.start_mark)))
        active.add(node_id)
        total = 1
        children = (child for _, child in node.value) if cls is MappingNode else node.value
        for child in children:
            total += 1 if child.__class__ is ScalarNode else size(child, depth + 1)
        if total > MAX_NODES:
            raise Refused(error(rel, *positions.mark(node.start_mark), "E106", _BILLION_LAUGHS))
        active.discard(node_id)
        sizes[node_id] = total
        return total

    try:
        size(root, 1)
    except Refused as refused:
        return refused.diagnostic
    return None

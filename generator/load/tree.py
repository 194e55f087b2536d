"""Node tree -> plain data and positions, in one walk (E101, E105, E109, E209, merge keys).

The data follows PyYAML's SafeConstructor for scalars; every value and mapping key is recorded
under its key path as a packed libyaml position (see yaml_positions). Nothing but the plain-data
tags is ever constructed: any other tag is reported, never honoured.
"""

from __future__ import annotations

import re

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.diagnostics import Diagnostic, error, warning
from generator.load.dialect import BOOL, FLOAT, INT, MAP, MERGE, NULL, SEQ, STR, TAG, TIMESTAMP, VALUE
from generator.load.hints import impossible_date, show_text
from generator.load.limits import MAX_DEPTH, Refused, too_deep
from generator.load.positions import COL_BITS, Positions

_SAFE = SafeConstructor()


def _core_int(node) -> int:
    """A YAML 1.2 core integer: decimal (a leading 0 stays decimal), 0o octal or 0x hexadecimal."""
    text = node.value
    if text[:2] == "0o":
        return int(text[2:], 8)
    if text[:2] == "0x":
        return int(text[2:], 16)
    return int(text, 10)


_SCALAR_CONSTRUCTORS = {
    INT: _core_int,
    FLOAT: _SAFE.construct_yaml_float,
    BOOL: _SAFE.construct_yaml_bool,
    NULL: lambda node: None,
    TIMESTAMP: _SAFE.construct_yaml_timestamp,
}
_SCALAR_WHAT = {
    INT: "a whole number",
    FLOAT: "a number",
    BOOL: "true or false",
    NULL: "null",
    TIMESTAMP: "a date",
}
# 38.000 or 1.250: a number written with a thousands separator, which YAML reads as 38.0 or 1.25.
# A leading 0 (0.125, a growth rate) is a fraction, not a separator.
_THOUSANDS = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{3}")
_THREE_DIGITS = re.compile(r"[0-9]{3}(?![0-9])")
# A scalar key with any of these tags is used as its text ('yes:', '1:', '2026-01-01:' stay text).
_KEY_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, VALUE})


def root_problem(root, rel: str, positions: Positions) -> Diagnostic | None:
    """E104 unless the document is a mapping (an empty file, a list or a single value)."""
    if root is None or (root.__class__ is ScalarNode and root.tag == NULL and root.value == "" and not root.style):
        return error(rel, 1, 1, "E104", "file is empty; it must hold a mapping of fields, starting with 'name:'")
    if root.__class__ is not MappingNode:
        line, column = positions.mark(root.start_mark)
        what = "a list" if root.__class__ is SequenceNode else "a single value"
        message = f"the top level must be a mapping of fields (name: ..., summary: ...), not {what}"
        return error(rel, line, column, "E104", message)
    return None


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(TAG) :] if tag.startswith(TAG) else tag


class Walker:
    """Builds plain data from the node tree and records every position, in one walk.

    This is the hot path (thousands of files per check): scalars are handled inline in the loops,
    positions are packed ints, and the common str tag is tested before any dict lookup.
    """

    __slots__ = ("rel", "positions", "values", "keys", "diagnostics")

    def __init__(self, rel: str, positions: Positions) -> None:
        self.rel = rel
        self.positions = positions
        self.values: dict[tuple, int] = {}
        self.keys: dict[tuple, int] = {}
        self.diagnostics: list[Diagnostic] = []

    # -- reporting -------------------------------------------------------------------------

    def _error(self, mark, code: str, message: str) -> Diagnostic:
        line, column = self.positions.mark(mark)
        return error(self.rel, line, column, code, message)

    def _report(self, mark, code: str, message: str) -> None:
        self.diagnostics.append(self._error(mark, code, message))

    def _warn(self, mark, code: str, message: str) -> None:
        line, column = self.positions.mark(mark)
        self.diagnostics.append(warning(self.rel, line, column, code, message))

    def _bad_tag(self, node) -> None:
        self._report(
            node.start_mark,
            "E105",
            f"tag '{_show_tag(node.tag)}' is not allowed: playbook files hold plain data only",
        )

    def _too_deep(self, node) -> Refused:
        return Refused(too_deep(self.rel, *self.positions.mark(node.start_mark)))

    # -- building --------------------------------------------------------------------------

    def build_root(self, root) -> dict:
        mark = root.start_mark
        self.values[()] = (mark.line << COL_BITS) | mark.column
        return self.mapping(root, (), 1)

    def scalar(self, node):
        tag = node.tag
        if tag == STR:
            return node.value
        construct = _SCALAR_CONSTRUCTORS.get(tag)
        if construct is None:
            if tag != MERGE and tag != VALUE:  # a plain '<<' or '=' used as a value is text
                self._bad_tag(node)
            return node.value
        try:
            value = construct(node)
        except (ValueError, LookupError, ArithmeticError, TypeError, AttributeError) as exc:
            self._unreadable(node, exc)
            return node.value
        if tag == FLOAT and isinstance(value, float) and _THOUSANDS.fullmatch(node.value):
            self._thousands(node, value)
        return value

    def _thousands(self, node, value: float) -> None:
        whole = node.value.replace(".", "")
        self._warn(
            node.start_mark,
            "W311",
            f"{node.value} is read as the number {value:g}; if you meant {int(whole):,}, write {whole.lstrip('+')} "
            f"without a separator; if you meant {value:g}, write {value:g}",
        )

    def _unreadable(self, node, exc: Exception) -> None:
        """E209 for a scalar whose tag's constructor failed; the caller keeps its text."""
        tag = node.tag
        what = _SCALAR_WHAT.get(tag, "a value")
        shown = show_text(node.value)
        if tag == TIMESTAMP and isinstance(exc, ValueError):
            # It has the form of a date, so it is meant as one: quoting it would only trade
            # this error for "not a date" from a date field.
            self._report(node.start_mark, "E209", f"'{shown}' cannot be read as {what}{impossible_date(exc)}")
            return
        detail = " (too many digits)" if isinstance(exc, ValueError) and "digits" in str(exc) else ""
        self._report(
            node.start_mark,
            "E209",
            f"'{shown}' cannot be read as {what}{detail}; fix it or put it in quotes to keep it as text",
        )

    def value(self, node, path: tuple, depth: int):
        """Builds any node (its own position already recorded by the caller)."""
        cls = node.__class__
        if cls is ScalarNode:
            return self.scalar(node)
        if cls is MappingNode:
            return self.mapping(node, path, depth)
        return self.sequence(node, path, depth)

    def mapping(self, node, path: tuple, depth: int) -> dict:
        if depth > MAX_DEPTH:
            raise self._too_deep(node)
        if node.tag != MAP:
            self._bad_tag(node)
        values = self.values
        keys = self.keys
        result: dict = {}
        merge_entry = None
        child_depth = depth + 1
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self._bad_key(key_node)
                continue
            key_tag = key_node.tag
            if key_tag != STR and key_tag not in _KEY_TAGS:
                if key_tag == MERGE:
                    if merge_entry is None:
                        merge_entry = (key_node, value_node)
                    else:
                        self._duplicate(
                            key_node,
                            "<<",
                            merge_entry[0].start_mark,
                            hint="; to merge several mappings write '<<: [*one, *two]'",
                        )
                    continue
                self._bad_tag(key_node)
            key = key_node.value
            if key in result:
                self._duplicate(key_node, key, None, path)
                continue
            child = path + (key,)
            mark = key_node.start_mark
            keys[child] = (mark.line << COL_BITS) | mark.column
            mark = value_node.start_mark
            values[child] = (mark.line << COL_BITS) | mark.column
            cls = value_node.__class__
            if cls is ScalarNode:
                if value_node.tag == STR:
                    result[key] = value_node.value
                else:
                    result[key] = self.scalar(value_node)
            elif cls is MappingNode:
                result[key] = self.mapping(value_node, child, child_depth)
            else:
                result[key] = self.sequence(value_node, child, child_depth)
        if merge_entry is not None:
            result = self._merge(result, merge_entry, path, child_depth)
        return result

    def sequence(self, node, path: tuple, depth: int) -> list:
        if depth > MAX_DEPTH:
            raise self._too_deep(node)
        if node.tag != SEQ:
            self._bad_tag(node)
        if node.flow_style and len(node.value) > 1:
            self._flow_split(node)
        values = self.values
        result: list = []
        append = result.append
        child_depth = depth + 1
        for index, item in enumerate(node.value):
            child = path + (index,)
            mark = item.start_mark
            values[child] = (mark.line << COL_BITS) | mark.column
            cls = item.__class__
            if cls is ScalarNode:
                if item.tag == STR:
                    append(item.value)
                else:
                    append(self.scalar(item))
            elif cls is MappingNode:
                append(self.mapping(item, child, child_depth))
            else:
                append(self.sequence(item, child, child_depth))
        return result

    def _flow_split(self, node) -> None:
        """W312 for a [a, b] list that reads like one item cut at its comma: '[On-time, in-full
        deliveries]' (a capital first item, then one starting in lower case) or '[38,000 units]' (digits
        right after the comma, with no space: '[100, 200]' is two numbers)."""
        items = node.value
        if not all(i.__class__ is ScalarNode and not i.style and i.value for i in items):
            return
        for before, after in zip(items, items[1:], strict=False):
            cut_sentence = before.value[0].isupper() and after.value[0].islower()
            glued = (
                after.start_mark.line == before.end_mark.line and after.start_mark.column == before.end_mark.column + 1
            )
            cut_number = glued and before.value[-1:].isdigit() and _THREE_DIGITS.match(after.value) is not None
            if cut_sentence or cut_number:
                self._warn(
                    after.start_mark,
                    "W312",
                    f"the list in [ ] is split at every comma, so '{show_text(before.value)}' and "
                    f"'{show_text(after.value)}' are two items; if the comma belongs to one item, write the "
                    "list one item per line ('- ...') or put the item in quotes",
                )
                return

    # -- keys and merges (rare paths) -------------------------------------------------------

    def _bad_key(self, key_node) -> None:
        what = "a mapping" if key_node.__class__ is MappingNode else "a list"
        self._report(
            key_node.start_mark,
            "E109",
            f"a field name must be plain text, but this one is {what}; "
            "write the name as text before the ':' (a '?' or '{' / '[' in front of a name makes it a complex key)",
        )

    def _duplicate(self, key_node, key: str, first_mark, path: tuple = (), hint: str = "") -> None:
        if first_mark is not None:
            first_line = self.positions.mark(first_mark)[0]
        else:
            packed = self.keys.get(path + (key,))
            first_line = self.positions.unpack(packed)[0] if packed is not None else 0
        self._report(
            key_node.start_mark,
            "E101",
            f"duplicate key '{show_text(key)}' (first at line {first_line}); keep one of them{hint}",
        )

    def _merge_sources(self, key_node, value_node) -> list:
        """The mappings a '<<' value names, in priority order (the first one wins). A wrong value
        is reported at the '<<' (the value is often an alias, whose own position is lost)."""
        cls = value_node.__class__
        if cls is MappingNode:
            return [value_node]
        if cls is SequenceNode:
            sources = [item for item in value_node.value if item.__class__ is MappingNode]
            if len(sources) < len(value_node.value):
                self._bad_merge(key_node)
            return sources
        self._bad_merge(key_node)
        return []

    def _bad_merge(self, node) -> None:
        self._report(
            node.start_mark,
            "E100",
            "'<<' merges other mappings into this one: its value must be an alias to a mapping, "
            "such as '<<: *defaults', or a list of them",
        )

    def _merged_pairs(self, source, depth: int) -> list:
        """(key, key node, value node) for every entry `source` contributes to a merge: its own
        entries first, then those of its own '<<', first occurrence winning."""
        if depth > MAX_DEPTH:
            raise self._too_deep(source)
        pairs = []
        names: set = set()
        inner = None
        for key_node, value_node in source.value:
            if key_node.__class__ is not ScalarNode:
                self._bad_key(key_node)
                continue
            if key_node.tag == MERGE:
                if inner is None:
                    inner = (key_node, value_node)
                continue
            key = key_node.value
            if key not in names:
                names.add(key)
                pairs.append((key, key_node, value_node))
        if inner is not None:
            for nested in self._merge_sources(*inner):
                for key, key_node, value_node in self._merged_pairs(nested, depth + 1):
                    if key not in names:
                        names.add(key)
                        pairs.append((key, key_node, value_node))
        return pairs

    def _merge(self, explicit: dict, merge_entry, path: tuple, child_depth: int) -> dict:
        """Explicit keys win over merged ones, earlier merged mappings over later ones; merged
        keys come first in the result, as with PyYAML."""
        merged: dict = {}
        values = self.values
        keys = self.keys
        for source in self._merge_sources(*merge_entry):
            for key, key_node, value_node in self._merged_pairs(source, child_depth):
                if key in explicit or key in merged:
                    continue
                child = path + (key,)
                mark = key_node.start_mark
                keys[child] = (mark.line << COL_BITS) | mark.column
                mark = value_node.start_mark
                values[child] = (mark.line << COL_BITS) | mark.column
                merged[key] = self.value(value_node, child, child_depth)
        merged.update(explicit)
        return merged

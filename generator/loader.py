"""Reading one YAML content file safely: plain data, a key-path -> line/column map, and diagnostics.

The loader never raises for anything a file can contain. It answers every input with
``(Document | None, diagnostics)``: ``None`` when the file cannot be used at all (not UTF-8,
a syntax error, too large, ...), a ``Document`` otherwise, possibly with diagnostics (for example
a duplicate key, reported and resolved by keeping the first value).

How it works: ``yaml.compose`` (libyaml through ``CSafeLoader`` when available) turns the text
into a node tree that knows where every node starts; one walk over that tree builds the plain
Python data with PyYAML's ``SafeConstructor`` scalar semantics and records the position of every
value and every mapping key under its key path, the same shape as pydantic's error ``loc``.
Nothing but the plain-data tags is ever constructed: any other tag is reported, never honoured.
"""

from __future__ import annotations

import bisect
import os
import pathlib
import re
from dataclasses import dataclass

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.diagnostics import Diagnostic, error

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "Document",
    "Location",
    "SourceMap",
    "load_document",
    "load_text",
]

MAX_FILE_BYTES = 1_000_000  # a content file over 1 MB is refused (E107)
MAX_DEPTH = 64  # nesting deeper is refused (E108)
MAX_NODES = 200_000  # nodes produced after alias expansion; past it E106

_BaseLoader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_SEQ = _TAG + "seq"
_MAP = _TAG + "map"
# PyYAML's implicit resolvers (YAML 1.1 int, float, bool, null, timestamp, merge, value) by first
# character, as the safe loader uses them; snapshot at import, so later registrations elsewhere
# cannot change what a content file means.
_WILDCARD = tuple(yaml.resolver.Resolver.yaml_implicit_resolvers.get(None, ()))
_IMPLICIT = {
    first: tuple(resolvers) + _WILDCARD
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    if first is not None
}


class _Loader(_BaseLoader):
    """The safe loader with the same tag resolution done in fewer Python steps.

    `resolve` runs for every node the composer makes; PyYAML's version also supports path
    resolvers and wildcard implicit resolvers, which the safe loader never registers. Skipping
    them makes composing ~15% faster; tests check the tags agree with PyYAML's own.
    """

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


# libyaml's composer recurses on the C stack once per nesting level and crashes the process
# around 100,000 levels. Every level needs its own '[', '{', '-', ':' or '?', so a file with
# fewer than this many of those characters is composed directly; others are first checked for
# depth with a flat pass over the parser events.
_COMPOSE_SAFE_DEPTH = 1_000

# ---------------------------------------------------------------------------------------------
# Public types


@dataclass(frozen=True)
class Location:
    line: int  # 1-based
    column: int  # 1-based


_COL_BITS = 20  # a column is below 2**20 because files are at most 1 MB
_COL_MASK = (1 << _COL_BITS) - 1


def _unpack(packed: int) -> Location:
    return Location((packed >> _COL_BITS) + 1, (packed & _COL_MASK) + 1)


class SourceMap:
    """Key path -> location. A path is a tuple of str (mapping keys) and int (sequence indices),
    the same shape as pydantic's error `loc` tuples. () is the document root.

    Positions are stored packed in one int per path (0-based line << 20 | 0-based column): a
    project holds thousands of files, and a Location object per value would dominate memory.
    """

    __slots__ = ("_values", "_keys")

    def __init__(self, values: dict | None = None, keys: dict | None = None) -> None:
        self._values: dict[tuple, int] = values if values is not None else {}
        self._keys: dict[tuple, int] = keys if keys is not None else {}

    def value(self, path: tuple) -> Location:
        """Where the value at `path` starts; if `path` is not in the map, the nearest ancestor
        present (root -> the root node's start, or 1:1)."""
        path = tuple(path)
        values = self._values
        while True:
            try:
                packed = values.get(path)
            except TypeError:  # an unhashable element: treat it as absent
                packed = None
            if packed is not None:
                return _unpack(packed)
            if not path:
                return Location(1, 1)
            path = path[:-1]

    def key(self, path: tuple) -> Location:
        """Where the mapping KEY of the last element of `path` starts (for "unknown field"
        errors); falls back to value(path), then ancestors."""
        path = tuple(path)
        try:
            packed = self._keys.get(path)
        except TypeError:
            packed = None
        if packed is not None:
            return _unpack(packed)
        return self.value(path)

    def has(self, path: tuple) -> bool:
        try:
            return tuple(path) in self._values
        except TypeError:
            return False

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"SourceMap({len(self._values)} paths)"


@dataclass
class Document:
    rel: str  # posix path relative to the project root, used in diagnostics
    data: dict  # the top-level mapping as plain Python
    source: SourceMap


# ---------------------------------------------------------------------------------------------
# Entry points


def load_document(path: pathlib.Path, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    """Never raises for any file content (OSError reading the file -> a diagnostic too). Returns
    (None, diagnostics) when the file cannot be used at all; a Document when it can (possibly with
    diagnostics, e.g. duplicate keys: report each duplicate as an error and keep the FIRST value)."""
    try:
        with open(path, "rb") as handle:
            # Read at most one byte past the limit: a huge file is refused without loading it.
            raw = handle.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                size = os.fstat(handle.fileno()).st_size
                return None, [_too_large(rel, max(size, len(raw)))]
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        # E208 is the catalogue's "file missing" code; there is no dedicated "cannot read" code.
        return None, [error(rel, 1, 1, "E208", f"cannot read the file: {reason}")]
    return load_text(raw, rel)


def load_text(text_or_bytes, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    """Same as load_document on in-memory content (used by tests and fuzzing)."""
    try:
        document, diagnostics = _load(text_or_bytes, rel)
    except RecursionError:
        return None, [error(rel, 1, 1, "E108", f"nesting deeper than {MAX_DEPTH} levels")]
    except Exception as exc:  # the loader answers every input; an escape here is our bug
        message = f"internal error while loading this file ({exc.__class__.__name__}: {exc}); please report it"
        return None, [error(rel, 1, 1, "E900", message)]
    return document, list(dict.fromkeys(diagnostics))  # drop repeats, keep order


# ---------------------------------------------------------------------------------------------
# Bytes -> text


_BOM = "\ufeff"
# YAML's printable set (the same test libyaml's reader makes), plus nothing else.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EXOTIC_BREAKS = ("\x85", "\u2028", "\u2029")
# The line breaks an editor shows (and YAML counts): '\r\n' is one break, a lone '\r' is one too.
_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")


def _editor_position(text, pos: int) -> tuple[int, int]:
    """(1-based line, index where that line starts) of `pos` in `text` (str or bytes), counting
    '\n', a lone '\r' and '\r\n' as one line break each, as editors and YAML do. `pos` must
    not point at the '\n' of a '\r\n' pair."""
    cr, lf = ("\r", "\n") if isinstance(text, str) else (b"\r", b"\n")
    line = text.count(lf, 0, pos) + text.count(cr, 0, pos) - text.count(cr + lf, 0, pos) + 1
    line_start = max(text.rfind(lf, 0, pos), text.rfind(cr, 0, pos)) + 1
    return line, line_start


def _too_large(rel: str, size: int) -> Diagnostic:
    shown = f"{size / 1_000_000:.1f} MB"
    if shown == "1.0 MB":  # just over the limit: "1.0 MB" would read as within it
        shown = f"{size:,} bytes"
    return error(
        rel, 1, 1, "E107",
        f"file is {shown}; content files are limited to 1 MB — split it or move large text into an attachment",
    )


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(rel, len(raw))]
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None, [error(rel, 1, 1, "E102", "file is not UTF-8 (it is UTF-16); save it as UTF-8")]
    body = raw[3:] if raw[:3] == b"\xef\xbb\xbf" else raw
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        start = exc.start
        line, line_start = _editor_position(body, start)
        column = len(body[line_start:start].decode("utf-8", "replace")) + 1
        bad = body[start:start + 1]
        try:
            guess = bad.decode("cp1252")
            shown = f" (byte 0x{bad.hex().upper()} here would be '{guess}' in Windows-1252)" if guess.isprintable() else ""
        except UnicodeDecodeError:
            shown = ""
        message = f"file is not UTF-8 (it looks like Latin-1 or Windows-1252); save it as UTF-8{shown}"
        return None, [error(rel, line, column, "E102", message)]


def _check_printable(text: str, rel: str) -> list[Diagnostic]:
    found = _NON_PRINTABLE.search(text)
    if found is None:
        return []
    pos = found.start()
    char = text[pos]
    line, line_start = _editor_position(text, pos)
    column = pos - line_start + 1
    if char == "\0":
        nuls = text.count("\0")
        if nuls * 4 >= len(text):
            message = "file is not UTF-8 (every other byte is zero: it looks like UTF-16); save it as UTF-8"
        else:
            message = (
                "file contains a NUL byte (U+0000), so it is not plain text (was it saved by a word "
                "processor?); save it as UTF-8 text"
            )
    else:
        message = (
            f"file contains the invisible control character U+{ord(char):04X}, which YAML does not "
            "allow; delete it (it was probably pasted in from another program)"
        )
    others = len(_NON_PRINTABLE.findall(text, pos + 1))
    if others:
        message += f" ({others} more in this file)"
    return [error(rel, line, column, "E102", message)]


# ---------------------------------------------------------------------------------------------
# Text -> node tree -> data


class _Refused(Exception):
    """The walk stops: the file cannot be used (the diagnostic is attached)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _load(text_or_bytes, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    if isinstance(text_or_bytes, str):
        text = text_or_bytes
        if len(text) * 4 > MAX_FILE_BYTES:  # only then can the UTF-8 form be over the limit
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > MAX_FILE_BYTES:
                return None, [_too_large(rel, size)]
        if text.startswith(_BOM):
            text = text[1:]
    else:
        text, diagnostics = _decode(bytes(text_or_bytes), rel)
        if text is None:
            return None, diagnostics

    diagnostics = _check_printable(text, rel)
    if diagnostics:
        return None, diagnostics

    positions = _Positions(text) if any(ch in text for ch in _EXOTIC_BREAKS) else _PLAIN_POSITIONS

    # Depth must be bounded before libyaml composes (see _COMPOSE_SAFE_DEPTH).
    if (
        text.count("[") + text.count("{") + text.count("-") + text.count(":") + text.count("?")
        > _COMPOSE_SAFE_DEPTH
    ):
        deep = _first_too_deep_event(text)
        if deep is not None:
            line, column = positions.mark(deep)
            return None, [error(rel, line, column, "E108", f"nesting deeper than {MAX_DEPTH} levels")]

    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, _syntax_diagnostics(exc, text, rel, positions)
    except yaml.YAMLError as exc:  # a reader error without a mark; the checks above make it rare
        return None, [error(rel, 1, 1, "E100", f"YAML error: {exc}")]

    if root is None or (
        root.__class__ is ScalarNode and root.tag == _NULL and root.value == "" and not root.style
    ):
        return None, [error(rel, 1, 1, "E104", "file is empty; it must hold a mapping of fields, starting with 'name:'")]

    if root.__class__ is not MappingNode:
        line, column = positions.mark(root.start_mark)
        what = "a list" if root.__class__ is SequenceNode else "a single value"
        message = f"the top level must be a mapping of fields (name: ..., summary: ...), not {what}"
        return None, [error(rel, line, column, "E104", message)]

    if "&" in text and "*" in text:  # only anchors and aliases can share nodes
        problem = _check_expansion(root, rel, positions)
        if problem is not None:
            return None, [problem]

    walker = _Walker(rel, positions)
    try:
        data = walker.build_root(root)
    except _Refused as refused:
        return None, walker.diagnostics + [refused.diagnostic]
    diagnostics = walker.diagnostics

    if "\t" in text:
        diagnostics.extend(_indent_tab_diagnostics(text, rel, _scalar_spans(root, positions), skip_comments=True))

    values, keys = walker.values, walker.keys
    if positions is not _PLAIN_POSITIONS:
        values = {path: positions.repack(packed) for path, packed in values.items()}
        keys = {path: positions.repack(packed) for path, packed in keys.items()}
    return Document(rel, data, SourceMap(values, keys)), diagnostics


class _Positions:
    """Converts libyaml marks to the lines and columns an editor shows.

    libyaml also breaks lines at U+0085, U+2028 and U+2029, which editors show inside a line;
    this object is only built for the rare file that contains one of them.
    """

    _BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

    def __init__(self, text: str | None = None) -> None:
        self.table: list[tuple[int, int]] | None = None
        if text is None:
            return
        # For every libyaml line: (editor line, editor column of its first character), 0-based.
        table = [(0, 0)]
        editor_line, editor_line_start = 0, 0
        for found in self._BREAK.finditer(text):
            if found.group() in ("\r\n", "\r", "\n"):
                editor_line += 1
                editor_line_start = found.end()
            table.append((editor_line, found.end() - editor_line_start))
        self.table = table

    def convert(self, line: int, column: int) -> tuple[int, int]:
        """0-based libyaml line/column -> 0-based editor line/column."""
        table = self.table
        if table is None or line < 0:
            return line, column
        if line >= len(table):
            # Past the last break: libyaml places the end of a file that does not end with a
            # line break on the line after its last one; count on from the last editor line.
            return table[-1][0] + line - (len(table) - 1), column
        editor_line, offset = table[line]
        return editor_line, offset + column

    def mark(self, mark) -> tuple[int, int]:
        """A libyaml mark -> 1-based editor line and column."""
        line, column = self.convert(mark.line, mark.column)
        return line + 1, column + 1

    def repack(self, packed: int) -> int:
        line, column = self.convert(packed >> _COL_BITS, packed & _COL_MASK)
        return (line << _COL_BITS) | min(column, _COL_MASK)


_PLAIN_POSITIONS = _Positions()


def _first_too_deep_event(text: str):
    """The start mark of the first collection nested deeper than MAX_DEPTH, found with a flat
    pass over the parser's events (no recursion), or None. Syntax errors are left to compose."""
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            cls = event.__class__
            if cls is MappingStartEvent or cls is SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


_BILLION_LAUGHS = (
    f"aliases expand to more than {MAX_NODES} values (a 'billion laughs' file?); "
    "remove the anchors/aliases that multiply"
)


def _check_expansion(root, rel: str, positions: _Positions) -> Diagnostic | None:
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
            line, column = positions.mark(node.start_mark)
            raise _Refused(error(
                rel, line, column, "E106",
                "an alias refers to the value that contains it (a recursive anchor), which would "
                "expand forever; remove that alias",
            ))
        if depth > MAX_DEPTH:
            line, column = positions.mark(node.start_mark)
            raise _Refused(error(rel, line, column, "E108", f"nesting deeper than {MAX_DEPTH} levels"))
        active.add(node_id)
        total = 1
        if cls is MappingNode:
            for _, child in node.value:
                total += 1 if child.__class__ is ScalarNode else size(child, depth + 1)
        else:
            for child in node.value:
                total += 1 if child.__class__ is ScalarNode else size(child, depth + 1)
        if total > MAX_NODES:
            line, column = positions.mark(node.start_mark)
            raise _Refused(error(rel, line, column, "E106", _BILLION_LAUGHS))
        active.discard(node_id)
        sizes[node_id] = total
        return total

    try:
        size(root, 1)
    except _Refused as refused:
        return refused.diagnostic
    return None


# Tags of plain data (the only ones honoured) and PyYAML's SafeConstructor for their scalars.
_INT = _TAG + "int"
_FLOAT = _TAG + "float"
_BOOL = _TAG + "bool"
_NULL = _TAG + "null"
_TIMESTAMP = _TAG + "timestamp"
_MERGE = _TAG + "merge"
_VALUE = _TAG + "value"  # PyYAML resolves a plain '=' to this; we read it as text

_SAFE = SafeConstructor()
_SCALAR_CONSTRUCTORS = {
    _INT: _SAFE.construct_yaml_int,
    _FLOAT: _SAFE.construct_yaml_float,
    _BOOL: _SAFE.construct_yaml_bool,
    _NULL: lambda node: None,
    _TIMESTAMP: _SAFE.construct_yaml_timestamp,
}
_SCALAR_WHAT = {
    _INT: "a whole number",
    _FLOAT: "a number",
    _BOOL: "true or false",
    _NULL: "null",
    _TIMESTAMP: "a date",
}
# A scalar key with any of these tags is used as its text ('yes:', '1:', '2026-01-01:' stay text).
_KEY_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _VALUE})


def _impossible_date(exc: ValueError) -> str:
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


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _show_text(value: str, limit: int = 60) -> str:
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


class _Walker:
    """Builds plain data from the node tree and records every position, in one walk.

    This is the hot path (thousands of files per check): scalars are handled inline in the loops,
    positions are packed ints, and the common str tag is tested before any dict lookup.
    """

    __slots__ = ("rel", "positions", "values", "keys", "diagnostics")

    def __init__(self, rel: str, positions: _Positions) -> None:
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

    def _bad_tag(self, node) -> None:
        self._report(
            node.start_mark, "E105",
            f"tag '{_show_tag(node.tag)}' is not allowed: playbook files hold plain data only",
        )

    def _too_deep(self, node) -> _Refused:
        return _Refused(self._error(node.start_mark, "E108", f"nesting deeper than {MAX_DEPTH} levels"))

    # -- building --------------------------------------------------------------------------

    def build_root(self, root) -> dict:
        mark = root.start_mark
        self.values[()] = (mark.line << _COL_BITS) | mark.column
        return self.mapping(root, (), 1)

    def scalar(self, node):
        tag = node.tag
        if tag == _STR:
            return node.value
        construct = _SCALAR_CONSTRUCTORS.get(tag)
        if construct is None:
            if tag != _MERGE and tag != _VALUE:  # a plain '<<' or '=' used as a value is text
                self._bad_tag(node)
            return node.value
        try:
            return construct(node)
        except (ValueError, LookupError, ArithmeticError, TypeError, AttributeError) as exc:
            what = _SCALAR_WHAT.get(tag, "a value")
            shown = _show_text(node.value)
            if tag == _TIMESTAMP and isinstance(exc, ValueError):
                # It has the form of a date, so it is meant as one: quoting it would only trade
                # this error for "not a date" from a date field.
                self._report(node.start_mark, "E209", f"'{shown}' cannot be read as {what}{_impossible_date(exc)}")
                return node.value
            detail = " (too many digits)" if isinstance(exc, ValueError) and "digits" in str(exc) else ""
            self._report(
                node.start_mark, "E209",
                f"'{shown}' cannot be read as {what}{detail}; fix it or put it in quotes to keep it as text",
            )
            return node.value

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
        if node.tag != _MAP:
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
            if key_tag != _STR and key_tag not in _KEY_TAGS:
                if key_tag == _MERGE:
                    if merge_entry is None:
                        merge_entry = (key_node, value_node)
                    else:
                        self._duplicate(key_node, "<<", merge_entry[0].start_mark, hint="; to merge several mappings write '<<: [*one, *two]'")
                    continue
                self._bad_tag(key_node)
            key = key_node.value
            if key in result:
                self._duplicate(key_node, key, None, path)
                continue
            child = path + (key,)
            mark = key_node.start_mark
            keys[child] = (mark.line << _COL_BITS) | mark.column
            mark = value_node.start_mark
            values[child] = (mark.line << _COL_BITS) | mark.column
            cls = value_node.__class__
            if cls is ScalarNode:
                if value_node.tag == _STR:
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
        if node.tag != _SEQ:
            self._bad_tag(node)
        values = self.values
        result: list = []
        append = result.append
        child_depth = depth + 1
        index = 0
        for item in node.value:
            child = path + (index,)
            index += 1
            mark = item.start_mark
            values[child] = (mark.line << _COL_BITS) | mark.column
            cls = item.__class__
            if cls is ScalarNode:
                if item.tag == _STR:
                    append(item.value)
                else:
                    append(self.scalar(item))
            elif cls is MappingNode:
                append(self.mapping(item, child, child_depth))
            else:
                append(self.sequence(item, child, child_depth))
        return result

    # -- keys and merges (rare paths) -------------------------------------------------------

    def _bad_key(self, key_node) -> None:
        what = "a mapping" if key_node.__class__ is MappingNode else "a list"
        self._report(
            key_node.start_mark, "E109",
            f"a field name must be plain text, but this one is {what}; "
            "write the name as text before the ':' (a '?' or '{' / '[' in front of a name makes it a complex key)",
        )

    def _duplicate(self, key_node, key: str, first_mark, path: tuple = (), hint: str = "") -> None:
        if first_mark is not None:
            first_line = self.positions.mark(first_mark)[0]
        else:
            packed = self.keys.get(path + (key,))
            first_line = _unpack(packed).line if packed is not None else 0
            if packed is not None and self.positions is not _PLAIN_POSITIONS:
                first_line = _unpack(self.positions.repack(packed)).line
        self._report(
            key_node.start_mark, "E101",
            f"duplicate key '{_show_text(key)}' (first at line {first_line}); keep one of them{hint}",
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
            node.start_mark, "E100",
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
            if key_node.tag == _MERGE:
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
                keys[child] = (mark.line << _COL_BITS) | mark.column
                mark = value_node.start_mark
                values[child] = (mark.line << _COL_BITS) | mark.column
                merged[key] = self.value(value_node, child, child_depth)
        merged.update(explicit)
        return merged


# ---------------------------------------------------------------------------------------------
# Tabs


# A tab in the indentation at the start of an editor line (after '\n', '\r\n' or a lone '\r').
_TAB_IN_INDENT = re.compile(r"(?:^|(?<=\r))( *)\t", re.MULTILINE)
_LINE_END = re.compile(r"[\r\n]")


def _scalar_spans(root, positions: _Positions) -> list[tuple[tuple[int, int], tuple[int, int]]]:
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


def _event_scalars(text: str, positions: _Positions) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """(start, end, style) of the scalars in the parser events that precede a syntax error, in
    editor positions (0-based line, column); style is '' for plain text, else '|', '>', "'" or '"'."""
    scalars = []
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event.__class__ is yaml.ScalarEvent:
                start, end = event.start_mark, event.end_mark
                scalars.append((
                    positions.convert(start.line, start.column),
                    positions.convert(end.line, end.column),
                    event.style or "",
                ))
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return scalars


def _event_scalar_spans(text: str, positions: _Positions) -> list:
    """Scalar spans from the parser events that precede a syntax error."""
    return [(start, end) for start, end, _ in _event_scalars(text, positions)]


def _indent_tab_diagnostics(text: str, rel: str, spans: list, *, skip_comments: bool, up_to_line: int | None = None) -> list[Diagnostic]:
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
        rest = text[pos:end.start() if end is not None else len(text)].strip(" \t")
        if not rest or (skip_comments and rest.startswith("#")):
            continue
        line += text.count("\n", counted_to, pos) + text.count("\r", counted_to, pos) - text.count("\r\n", counted_to, pos)
        counted_to = pos
        if up_to_line is not None and line > up_to_line:
            break
        column = pos - found.start()
        here = (line, column)
        index = bisect.bisect_right(starts, here) - 1
        if index >= 0 and here < spans[index][1]:
            continue
        diagnostics.append(error(rel, line + 1, column + 1, "E103", "tab character used for indentation; indent with spaces"))
    return diagnostics


# ---------------------------------------------------------------------------------------------
# Syntax errors in plain language


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

_QUOTE_HINT = "is a ':' missing a space after it, or does a value containing ': ' need quotes?"


def _line_text(lines: list[str], line: int) -> str:
    """The 0-based `line` of the text split into editor lines ('' past the end)."""
    return lines[line].rstrip("\r") if 0 <= line < len(lines) else ""


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_content_line(lines: list[str], line: int) -> str | None:
    for number in range(min(line, len(lines)) - 1, -1, -1):
        candidate = _line_text(lines, number)
        stripped = candidate.strip()
        if stripped and not stripped.startswith("#"):
            return candidate
    return None


def _mapping_values_hint(lines: list[str], line: int) -> str:
    current = _line_text(lines, line)
    previous = _previous_content_line(lines, line)
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


# 'summary:Flow wrapper': a field name, then ':' with no space before the value. A '/' or a second
# ':' right after the colon is left alone (https://..., ::), and so are names that do not start
# with a letter (10:30).
_KEY_WITHOUT_SPACE = re.compile(r"\s*(?:- )?([A-Za-z_][\w-]*:[^\s:/]\S*)")


def _missing_space_hint(
    text: str, lines: list[str], line: int, column: int, positions: _Positions, context: str, context_line: int | None,
) -> str:
    # `line`, `column` and `context_line` are 0-based editor positions.
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
    for number in range(min(line, len(lines)) - 1, -1, -1):
        stripped = _line_text(lines, number).strip()
        if stripped and not stripped.startswith("#"):
            numbers.append(number)
            break
    numbers.append(line)
    scalars = None
    for number in dict.fromkeys(numbers):
        found = _KEY_WITHOUT_SPACE.match(_line_text(lines, number))
        if found is None:
            continue
        if number == line and number not in numbers[:-1] and column <= found.start(1) + found.group(1).index(":"):
            continue
        if scalars is None:
            scalars = _event_scalars(text, positions)
        here = (number, found.start(1))
        if any(
            start <= here < end and (style or (end[0] == number and line > number))
            for start, end, style in scalars
        ):
            continue
        return f"line {number + 1}: put a space after ':' in '{_show_text(found.group(1), 40)}'"
    return ""


def _hint(problem: str, lines: list[str], line: int, column: int, char: str) -> str:
    before = _line_text(lines, line)[:column].rstrip()
    if problem.startswith("mapping values are not allowed"):
        return _mapping_values_hint(lines, line)
    if problem == "did not find expected key":
        if char == "-":
            return "a list item ('- ') is not expected here; indent it under a field name ending in ':'"
        if before.endswith(('"', "'")):
            return "text follows a closing quote; put the whole value inside the quotes"
        return "check the indentation: the fields of one mapping must start in the same column"
    if problem == "did not find expected '-' indicator":
        return "check the indentation: the items of one list must start in the same column"
    if problem == "found character that cannot start any token":
        if char in ("@", "`", "%"):
            return f"a value cannot start with '{char}'; put the value in quotes"
        return f"the character '{_show_text(char)}' cannot start a value here; put the value in quotes"
    if problem == "found unexpected end of stream":
        return "a closing quote is missing"
    if problem == "found unknown escape character":
        return "inside double quotes a backslash starts an escape such as \\n; write \\\\ for a backslash, or use single quotes"
    if problem == "found undefined alias":
        return "a value starting with '*' refers to an anchor ('&name') defined earlier; put the value in quotes if the '*' is meant literally"
    if problem == "did not find expected alphabetic or numeric character":
        return "a value starting with '*' or '&' is read as an alias or anchor; put the value in quotes"
    if problem == "found undefined tag handle" or problem.startswith("found unknown tag"):
        return "a value starting with '!' is read as a YAML tag; put the value in quotes"
    if problem.startswith("did not find expected ','"):
        return "close the list or mapping, and put items that contain ':', ',', '[' or '{' in quotes"
    if problem.startswith("block sequence entries are not allowed"):
        return "a list item ('- ') must start on its own line, indented under its field name"
    if problem.startswith("found unknown directive") or "directive" in problem:
        return "a line starting with '%' is a YAML directive; put the value in quotes"
    if problem == "could not find expected ':'":
        return "a field name must be followed by ': '; put long or multi-line text in quotes"
    if problem == "did not find expected <document start>":
        return "there is text after the end of the mapping; check its indentation or remove it"
    if problem == "did not find expected node content":
        return "a value is missing, or it starts with a character that needs quotes"
    if problem == "did not find expected comment or line break":
        return "there is extra text after a value (for example after a closing quote, or after '|' or '>'); put the whole value in quotes"
    if problem.startswith("mapping keys are not allowed"):
        return "'?' at the start of a line makes a complex key; put the value in quotes"
    if problem.startswith("found unexpected ':'"):
        return "put values containing ':' in quotes"
    return ""


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


def _syntax_diagnostics(exc: yaml.MarkedYAMLError, text: str, rel: str, positions: _Positions) -> list[Diagnostic]:
    context = (exc.context or "").strip()
    problem = _normalize_problem((exc.problem or "").strip(), context)
    mark = exc.problem_mark or exc.context_mark
    raw_line, raw_column = (mark.line, mark.column) if mark is not None else (0, 0)
    line0, column0 = positions.convert(raw_line, raw_column)
    line, column = line0 + 1, column0 + 1
    lines = _EDITOR_BREAK.split(text)
    line_text = _line_text(lines, line0)
    char = line_text[column0] if 0 <= column0 < len(line_text) else ""

    if context.startswith("expected a single document"):
        message = (
            "a second YAML document starts here; a file holds a single mapping of fields — "
            "remove this '---' (or split the file in two)"
        )
        return [error(rel, line, column, "E104", message)]

    # Tabs: libyaml's own tab errors, and tabs in the indentation of the lines read so far.
    tab_at_error = char == "\t" and (problem.endswith("cannot start any token") or problem in _TAB_PROBLEMS)
    diagnostics = []
    if "\t" in text:
        spans = _event_scalar_spans(text, positions)
        diagnostics = _indent_tab_diagnostics(text, rel, spans, skip_comments=False, up_to_line=line0)
    if tab_at_error or problem in _TAB_PROBLEMS:
        message = "tab character used for indentation; indent with spaces"
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

    plain = problem.replace("in this context", "here") if problem else "YAML syntax error"
    if problem == "found undefined alias":
        name = re.match(r"\*([^\s,\[\]{}]*)", line_text[column0:])
        if name:
            plain = f"found undefined alias '*{name.group(1)}'"
    where = _CONTEXTS.get(context)
    if where is not None and exc.context_mark is not None:
        context_line, context_column = positions.mark(exc.context_mark)
        if (context_line, context_column) != (line, column):
            plain += " (in " + where.format(line=context_line, column=context_column) + ")"
    elif context and not context.startswith("while scanning") and exc.context_mark is not None:
        context_line, context_column = positions.mark(exc.context_mark)
        plain += f" ({context} at line {context_line}, column {context_column})"
    context_line0 = positions.convert(exc.context_mark.line, exc.context_mark.column)[0] if exc.context_mark is not None else None
    hint = _missing_space_hint(text, lines, line0, column0, positions, context, context_line0) or _hint(problem, lines, line0, column0, char)
    message = f"{plain} — {hint}" if hint else plain
    return diagnostics + [error(rel, line, column, "E100", message)]

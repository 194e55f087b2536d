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

This module is the public API and the order of the steps; each step is its own module, and
imports go one way (none of them imports this one):

- text: bytes -> text (size, encoding, control characters)
- positions: libyaml lines and columns -> the ones an editor shows
- guards: depth and alias-expansion checks before any data is built
- dialect: the loader class, its tags and parser events
- tree: node tree -> data and positions
- tabs, messages, hints: tabs in indentation, syntax errors in plain language
- limits: the MAX_* limits and the refusal they cause
"""

from __future__ import annotations

import errno
import os
import pathlib
import stat
from dataclasses import dataclass

import yaml

from generator.diagnostics import Diagnostic, error
from generator.load.comments import GLUED_COMMENT, cut_by_comment
from generator.load.dialect import FastSafeLoader
from generator.load.guards import check_depth, check_expansion
from generator.load.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, Refused, too_deep
from generator.load.messages import syntax_diagnostics
from generator.load.positions import COL_BITS, COL_MASK, PLAIN_POSITIONS, Positions, positions_for
from generator.load.tabs import indent_tab_diagnostics, scalar_spans
from generator.load.text import read_text, too_large
from generator.load.tree import Walker, root_problem

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "Document",
    "Location",
    "SourceMap",
    "load_document",
    "load_text",
    "read_file",
]

# ---------------------------------------------------------------------------------------------
# Public types


@dataclass(frozen=True)
class Location:
    line: int  # 1-based
    column: int  # 1-based


def _unpack(packed: int) -> Location:
    return Location((packed >> COL_BITS) + 1, (packed & COL_MASK) + 1)


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

    def place(self, path: tuple, where: Location) -> None:
        """Record that the value at `path` starts at `where` (a page's body below its front matter)."""
        self._values[tuple(path)] = ((where.line - 1) << COL_BITS) | min(where.column - 1, COL_MASK)

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
    raw, problems = read_file(path, rel)
    if raw is None:
        return None, problems
    return load_text(raw, rel)


def read_file(path: pathlib.Path, rel: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a content file, or (None, why not): only a regular file, never through a
    link, never more than the size limit."""
    try:
        # Never through a symbolic link, and never blocking on a named pipe: only a regular file is read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None, [error(rel, 1, 1, "E113", "not a regular file: it is not read")]
            # Read at most one byte past the limit: a huge file is refused without loading it.
            raw = handle.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                size = os.fstat(handle.fileno()).st_size
                return None, [too_large(rel, max(size, len(raw)))]
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, [error(rel, 1, 1, "E113", "a symbolic link: it is never followed")]
        reason = exc.strerror or exc.__class__.__name__
        # E208 is the catalogue's "file missing" code; there is no dedicated "cannot read" code.
        return None, [error(rel, 1, 1, "E208", f"cannot read the file: {reason}")]
    return raw, []


def load_text(text_or_bytes, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    """Same as load_document on in-memory content (used by tests and fuzzing)."""
    try:
        document, diagnostics = _load(text_or_bytes, rel)
    except RecursionError:
        return None, [too_deep(rel, 1, 1)]
    except Exception as exc:  # the loader answers every input; an escape here is our bug
        message = f"internal error while loading this file ({exc.__class__.__name__}: {exc}); please report it"
        return None, [error(rel, 1, 1, "E900", message)]
    return document, list(dict.fromkeys(diagnostics))  # drop repeats, keep order


# ---------------------------------------------------------------------------------------------
# The steps, in order: each one may refuse the file.


def _load(text_or_bytes, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    text, diagnostics = read_text(text_or_bytes, rel)
    if text is None:
        return None, diagnostics
    positions = positions_for(text)

    problem = check_depth(text, rel, positions)  # before libyaml composes: deep input crashes it
    if problem is not None:
        return None, [problem]
    try:
        root = yaml.compose(text, Loader=FastSafeLoader)
    except yaml.MarkedYAMLError as exc:
        return None, syntax_diagnostics(exc, text, rel, positions)
    except yaml.YAMLError as exc:  # a reader error without a mark; the checks above make it rare
        return None, [error(rel, 1, 1, "E100", f"YAML error: {exc}")]

    problem = root_problem(root, rel, positions)
    if problem is None and "&" in text and "*" in text:  # only anchors and aliases can share nodes
        problem = check_expansion(root, rel, positions)
    if problem is not None:
        return None, [problem]

    walker = Walker(rel, positions)
    try:
        data = walker.build_root(root)
    except Refused as refused:
        return None, walker.diagnostics + [refused.diagnostic]
    diagnostics = walker.diagnostics
    if "#" in text and GLUED_COMMENT.search(text):
        diagnostics.extend(cut_by_comment(root, text, rel, positions))
    if "\t" in text:
        diagnostics.extend(indent_tab_diagnostics(text, rel, scalar_spans(root, positions), skip_comments=True))
    return Document(rel, data, _source_map(walker.values, walker.keys, positions)), diagnostics


def _source_map(values: dict, keys: dict, positions: Positions) -> SourceMap:
    """The walk records libyaml's positions; the map holds the editor's."""
    if positions is not PLAIN_POSITIONS:
        values = {path: positions.repack(packed) for path, packed in values.items()}
        keys = {path: positions.repack(packed) for path, packed in keys.items()}
    return SourceMap(values, keys)

"""The limits a content file must stay within, and how a walk stops when one is passed.

They live below every other loader module so that each can enforce them without importing the
public API in generator.load.document (which re-exports them).
"""

from __future__ import annotations

from generator.diagnostics import Diagnostic, error

MAX_FILE_BYTES = 1_000_000  # a content file over 1 MB is refused (E107)
MAX_DEPTH = 64  # nesting deeper is refused (E108)
MAX_NODES = 200_000  # nodes produced after alias expansion; past it E106


class Refused(Exception):
    """The walk stops: the file cannot be used (the diagnostic is attached)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def too_deep(rel: str, line: int, column: int) -> Diagnostic:
    """E108, the one wording for every place that finds nesting past MAX_DEPTH."""
    return error(rel, line, column, "E108", f"nesting deeper than {MAX_DEPTH} levels")

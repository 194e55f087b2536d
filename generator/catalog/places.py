"""A content file's text with its line starts, to go between editor positions and offsets: where a
`[text](word:id)` link stands inside its field (check, where, rename)."""

from __future__ import annotations

import bisect
from pathlib import Path

from generator.load.positions import EDITOR_BREAK


class TextIndex:
    """A file's text with its line starts (the editor's line breaks), for offsets <-> positions."""

    def __init__(self, path: Path) -> None:
        try:
            self.text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # already reported by the loader
            self.text = ""
        self.starts = [0] + [m.end() for m in EDITOR_BREAK.finditer(self.text)]
        self._after: dict[tuple, int] = {}

    def offset(self, where) -> int:
        """The offset of a source-map Location (1-based line and column)."""
        return self.starts[min(where.line, len(self.starts)) - 1] + where.column - 1

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def find(self, needle: str, start: int, key) -> int | None:
        """The next `needle` at or after `start`, continuing after the last one found for `key`
        (the same link written twice in one field is two places)."""
        found = self.text.find(needle, max(start, self._after.get((key, needle), start)))
        if found < 0:
            return None
        self._after[(key, needle)] = found + len(needle)
        return found

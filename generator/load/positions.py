"""Line and column bookkeeping: where things are, as an editor shows them.

libyaml reports 0-based lines and columns, and breaks lines where editors do not (U+0085,
U+2028, U+2029). Everything a diagnostic or the source map shows goes through here.
"""

from __future__ import annotations

import re
from typing import Any

# A source-map position is one int, 0-based line << COL_BITS | 0-based column: a project holds
# thousands of files, and an object per value would dominate memory. A column is below 2**20
# because files are at most 1 MB.
COL_BITS = 20
COL_MASK = (1 << COL_BITS) - 1

# The line breaks an editor shows (and YAML counts): '\r\n' is one break, a lone '\r' is one too.
EDITOR_BREAK = re.compile(r"\r\n|\r|\n")
# The breaks only libyaml counts; a file without any of them needs no conversion at all.
_EXOTIC_BREAKS = ("\x85", "\u2028", "\u2029")


def editor_position(text, pos: int) -> tuple[int, int]:
    """(1-based line, index where that line starts) of `pos` in `text` (str or bytes), counting
    '\n', a lone '\r' and '\r\n' as one line break each, as editors and YAML do. `pos` must
    not point at the '\n' of a '\r\n' pair."""
    cr: Any
    lf: Any
    cr, lf = ("\r", "\n") if isinstance(text, str) else (b"\r", b"\n")
    line = text.count(lf, 0, pos) + text.count(cr, 0, pos) - text.count(cr + lf, 0, pos) + 1
    line_start = max(text.rfind(lf, 0, pos), text.rfind(cr, 0, pos)) + 1
    return line, line_start


class Positions:
    """Converts libyaml marks to the lines and columns an editor shows.

    libyaml also breaks lines at U+0085, U+2028 and U+2029, which editors show inside a line;
    a table is only built for the rare file that contains one of them (see positions_for).
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

    def unpack(self, packed: int) -> tuple[int, int]:
        """A packed libyaml position -> 1-based editor line and column."""
        line, column = self.convert(packed >> COL_BITS, packed & COL_MASK)
        return line + 1, column + 1

    def repack(self, packed: int) -> int:
        """A packed libyaml position -> the packed editor position."""
        line, column = self.convert(packed >> COL_BITS, packed & COL_MASK)
        return (line << COL_BITS) | min(column, COL_MASK)


# Shared by every file without exotic breaks: libyaml's positions are the editor's.
PLAIN_POSITIONS = Positions()


def positions_for(text: str) -> Positions:
    if any(ch in text for ch in _EXOTIC_BREAKS):
        return Positions(text)
    return PLAIN_POSITIONS

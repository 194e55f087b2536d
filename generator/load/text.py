"""Bytes -> text: size, encoding (UTF-8, BOM) and control characters (E102, E107).

A file that fails here is refused before any YAML is read.
"""

from __future__ import annotations

import re

from generator.diagnostics import Diagnostic, error
from generator.load.limits import MAX_FILE_BYTES
from generator.load.positions import editor_position

_BOM = "\ufeff"
# YAML's printable set (the same test libyaml's reader makes), plus nothing else.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def read_text(text_or_bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """(text without its BOM, []) when the content can be read as YAML text, else (None, the
    diagnostics that say why)."""
    text: str | None
    if isinstance(text_or_bytes, str):
        text = text_or_bytes
        if len(text) * 4 > MAX_FILE_BYTES:  # only then can the UTF-8 form be over the limit
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > MAX_FILE_BYTES:
                return None, [too_large(rel, size)]
        if text.startswith(_BOM):
            text = text[1:]
    else:
        text, diagnostics = _decode(bytes(text_or_bytes), rel)
        if text is None:
            return None, diagnostics
    diagnostics = _check_printable(text, rel)
    if diagnostics:
        return None, diagnostics
    return text, []


def too_large(rel: str, size: int) -> Diagnostic:
    shown = f"{size / 1_000_000:.1f} MB"
    if shown == "1.0 MB":  # just over the limit: "1.0 MB" would read as within it
        shown = f"{size:,} bytes"
    return error(
        rel,
        1,
        1,
        "E107",
        f"file is {shown}; content files are limited to 1 MB — split it or move large text into an attachment",
    )


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_large(rel, len(raw))]
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None, [error(rel, 1, 1, "E102", "file is not UTF-8 (it is UTF-16); save it as UTF-8")]
    body = raw[3:] if raw[:3] == b"\xef\xbb\xbf" else raw
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(body, exc.start, rel)]


def _not_utf8(body: bytes, start: int, rel: str) -> Diagnostic:
    """E102 at the first byte that is not UTF-8, naming the character it would be in cp1252."""
    line, line_start = editor_position(body, start)
    column = len(body[line_start:start].decode("utf-8", "replace")) + 1
    bad = body[start : start + 1]
    try:
        guess = bad.decode("cp1252")
        shown = f" (byte 0x{bad.hex().upper()} here would be '{guess}' in Windows-1252)" if guess.isprintable() else ""
    except UnicodeDecodeError:
        shown = ""
    message = f"file is not UTF-8 (it looks like Latin-1 or Windows-1252); save it as UTF-8{shown}"
    return error(rel, line, column, "E102", message)


def _check_printable(text: str, rel: str) -> list[Diagnostic]:
    found = _NON_PRINTABLE.search(text)
    if found is None:
        return []
    pos = found.start()
    char = text[pos]
    line, line_start = editor_position(text, pos)
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

"""`playbook rename KIND OLD NEW`: a new id everywhere, and nothing else touched.

Every place that uses the id (found by generator.authoring.references, at the id itself) is
rewritten character for character; comments, quoting, indentation and display text stay as
they are. The entity's file is renamed (or, for a stage or team role, the `id:` of its item in
process.yml / team.yml is rewritten). Nothing is written unless every place was found intact.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from generator.authoring.references import Place, definition, references
from generator.authoring.scaffold import UsageProblem, resolve_kind
from generator.catalog.check import CheckResult
from generator.catalog.places import TextIndex
from generator.diagnostics import has_errors
from generator.model.fields import ID_PATTERN
from generator.model.registry import LIST_KINDS, SINGULAR

_ID = re.compile(ID_PATTERN)


class RenameRefused(Exception):
    """The rename cannot be done safely; the message says why. Nothing was written."""


@dataclass
class Renamed:
    kind: str
    places: list[Place]  # the references rewritten
    moved: tuple[str, str] | None  # (old file, new file) for a folder kind


def reference_kind(text: str) -> str:
    """A kind that ids can refer to, from what a person types: persona, stage, team-role, ..."""
    word = text.strip().lower().replace("_", "-")
    for kind in LIST_KINDS:
        if word in (kind, kind.rstrip("s"), SINGULAR[kind].replace(" ", "-"), SINGULAR[kind].split()[-1]):
            return kind
    return resolve_kind(text)


def rename(result: CheckResult, kind_text: str, old: str, new: str) -> Renamed:
    kind = reference_kind(kind_text)
    _refuse_unless_safe(result, kind, old, new)
    places = references(result, kind, old)
    edits: dict[str, list[int]] = defaultdict(list)  # file -> offsets where `old` starts
    texts: dict[str, TextIndex] = {}
    root = result.catalog.root
    home = definition(result, kind, old)
    assert home is not None  # _refuse_unless_safe made sure `old` is defined
    targets = places + ([home] if kind in LIST_KINDS else [])
    for place in targets:
        index = texts.setdefault(place.file, TextIndex(root / place.file))
        offset = _id_offset(index, place, old)
        edits[place.file].append(offset)
    for file, offsets in edits.items():
        text = texts[file].text
        for offset in sorted(set(offsets), reverse=True):  # from the end: earlier offsets stay valid
            text = text[:offset] + new + text[offset + len(old) :]
        (root / file).write_text(text, encoding="utf-8", newline="")
    moved = None
    if kind not in LIST_KINDS:
        source = root / home.file
        target = source.with_name(new + source.suffix)
        source.rename(target)
        moved = (home.file, target.relative_to(root).as_posix())
    return Renamed(kind, places, moved)


def _refuse_unless_safe(result: CheckResult, kind: str, old: str, new: str) -> None:
    if not _ID.fullmatch(new):
        raise UsageProblem(f"'{new}' is not a valid id: use lower-case letters, digits and hyphens")
    if has_errors(result.diagnostics):
        raise RenameRefused(
            "the playbook has errors (run `playbook check`): a file that does not load may hold references "
            "that rename cannot see. Fix the errors first."
        )
    what = SINGULAR[kind]
    if definition(result, kind, old) is None:
        raise RenameRefused(f"there is no {what} '{old}' (`playbook where` lists the ids in use)")
    if definition(result, kind, new) is not None or new in result.known_ids.get(kind, ()):
        raise RenameRefused(f"a {what} '{new}' exists already; choose another id")


def _id_offset(index: TextIndex, place: Place, old: str) -> int:
    """Where `old` starts at `place`: the id itself, or just after its opening quote."""
    offset = index.offset(place)
    for candidate in (offset, offset + 1):
        if index.text.startswith(old, candidate) and _ends_there(index.text, candidate + len(old)):
            return candidate
    raise RenameRefused(
        f"{place.file}:{place.line}:{place.column}: the id '{old}' is not written there as plain text "
        "(an alias or an escape?); change it by hand, then run rename again"
    )


def _ends_there(text: str, end: int) -> bool:
    """The id is not the start of a longer id (renaming 'cfo' must not touch 'cfo-deputy')."""
    return end >= len(text) or not (text[end].isalnum() or text[end] == "-")

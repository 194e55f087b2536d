"""Find the content files of a playbook project and say which kind and id each one holds."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, error
from generator.model.fields import ID_PATTERN
from generator.model.registry import FOLDER_KINDS, SINGLE_KINDS, SINGULAR
from generator.suggest import did_you_mean

YAML_SUFFIXES = (".yml", ".yaml")
CONTENT = "content"
PLAYBOOKS = "playbooks"
CONTENT_FOLDERS = tuple(k for k in FOLDER_KINDS if k != PLAYBOOKS)
# Folders under content/assets/ hold attachments, which may be any file.
ATTACHMENT_KIND = "assets"
_ID_RE = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class SourceFile:
    path: Path
    rel: str  # posix, relative to the project root
    kind: str
    id: str


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _odd_entry(mode: int) -> str | None:
    """What a directory entry is when it is neither a regular file nor a real folder."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((what for test, what in _SPECIAL if test(mode)), "not a regular file")


def _odd_entries(root: Path, top: Path, problems: list) -> set[Path]:
    """Every symlink and special file at or under `top` (E113), never followed, and every folder
    that cannot be read (E208). The scans below skip what this returns."""
    found: set[Path] = set()
    if not os.path.lexists(top):
        return found

    def report(path: Path, code: str, message: str) -> None:
        found.add(path)
        problems.append(error(_rel(root, path), 1, 1, code, message))

    def unreadable(exc: OSError) -> None:
        path = Path(exc.filename)
        report(
            path, "E208", f"cannot read the folder: {exc.strerror or exc.__class__.__name__}; its files are not checked"
        )

    what = _odd_entry(top.lstat().st_mode)
    if what is not None:
        report(top, "E113", f"'{top.name}' is {what}; {_NEVER_FOLLOWED}")
        return found
    for folder, dirs, names in os.walk(top, onerror=unreadable):
        for name in sorted(dirs + names):
            path = Path(folder) / name
            what = _odd_entry(path.lstat().st_mode)
            if what is not None:
                report(path, "E113", f"'{name}' is {what}; {_NEVER_FOLLOWED}")
    return found


_NEVER_FOLLOWED = (
    "the playbook never follows or publishes links and special files (they could pull in files from "
    "outside the project): put the real file here instead, or remove it"
)


def discover(root: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Every content file of the project, sorted by path, with problems in the layout itself."""
    files: list[SourceFile] = []
    problems: list[Diagnostic] = []
    content = root / CONTENT
    playbooks = root / PLAYBOOKS
    odd = _odd_entries(root, content, problems) | _odd_entries(root, playbooks, problems)
    if content.is_dir() and content not in odd:
        for entry in sorted(content.iterdir()):
            if entry in odd:
                continue
            if entry.is_dir():
                _scan_content_folder(root, entry, files, problems, odd)
            elif _is_yaml(entry):
                _add_single(root, entry, files, problems)
    if playbooks.is_dir() and playbooks not in odd:
        _scan_kind_folder(root, playbooks, PLAYBOOKS, files, problems, odd)
    return files, problems + _duplicate_ids(files)


def _regular_files(folder: Path, odd: set[Path]) -> list[Path]:
    """Regular files at any depth under `folder`, without following links."""
    found: list[Path] = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if Path(parent) / d not in odd]
        found.extend(Path(parent) / n for n in names if Path(parent) / n not in odd)
    return sorted(found)


def _add_single(root: Path, path: Path, files: list, problems: list) -> None:
    stem = path.stem
    if stem in SINGLE_KINDS:
        files.append(SourceFile(path, _rel(root, path), stem, stem))
        return
    hint = did_you_mean(stem, SINGLE_KINDS) or did_you_mean(stem, CONTENT_FOLDERS)
    problems.append(
        error(
            _rel(root, path),
            1,
            1,
            "E112",
            f"content/ holds only {', '.join(f'{k}.yml' for k in SINGLE_KINDS)} and the kind folders; "
            f"'{path.name}' is not read{hint}",
        )
    )


def _scan_content_folder(root: Path, folder: Path, files: list, problems: list, odd: set[Path]) -> None:
    if folder.name in CONTENT_FOLDERS:
        _scan_kind_folder(root, folder, folder.name, files, problems, odd)
        return
    stray = [p for p in _regular_files(folder, odd) if _is_yaml(p)]
    if not stray:
        return  # a folder of pictures or attachments is fine
    if folder.name == PLAYBOOKS:
        message = "playbooks live in the folder playbooks/ at the project root, not in content/"
    else:
        hint = did_you_mean(folder.name, CONTENT_FOLDERS)
        message = f"unknown folder '{folder.name}' in content/{hint}; its {len(stray)} YAML file(s) are not read"
    problems.append(error(_rel(root, stray[0]), 1, 1, "E112", message))


def _scan_kind_folder(root: Path, folder: Path, kind: str, files: list, problems: list, odd: set[Path]) -> None:
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return  # reported by _odd_entries
    for entry in entries:
        if entry in odd:
            continue
        if entry.is_dir():
            if kind != ATTACHMENT_KIND:
                for nested in [p for p in _regular_files(entry, odd) if _is_yaml(p)]:
                    problems.append(
                        error(
                            _rel(root, nested),
                            1,
                            1,
                            "E112",
                            f"files in sub-folders of {_rel(root, folder)}/ are not read; move it up into {_rel(root, folder)}/",
                        )
                    )
            continue
        if not _is_yaml(entry):
            continue  # attachments and notes may sit beside the entity files
        stem = entry.stem
        if not _ID_RE.fullmatch(stem):
            problems.append(
                error(
                    _rel(root, entry),
                    1,
                    1,
                    "E110",
                    f"file name '{entry.name}' is not a valid id: rename it using lower-case letters, digits and hyphens",
                )
            )
            continue
        files.append(SourceFile(entry, _rel(root, entry), kind, stem))


def _duplicate_ids(files: list[SourceFile]) -> list[Diagnostic]:
    seen: dict[tuple[str, str], SourceFile] = {}
    problems = []
    for f in files:
        first = seen.setdefault((f.kind, f.id), f)
        if first is not f:
            what = f"the {f.kind}" if f.kind in SINGLE_KINDS else f"{SINGULAR.get(f.kind, f.kind)} '{f.id}'"
            problems.append(
                error(
                    f.rel,
                    1,
                    1,
                    "E111",
                    f"{first.rel} already defines {what}; keep one of the two files",
                )
            )
    return problems

"""Find the content files of a playbook project and say which kind and id each one holds."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, error
from generator.model.fields import ID_PATTERN
from generator.model.registry import FOLDER_KINDS, SINGLE_KINDS, SINGULAR, SUFFIXES
from generator.suggest import did_you_mean

YAML_SUFFIXES = (".yml", ".yaml")
CONTENT = "content"
PLAYBOOKS = "playbooks"
PAGES = "pages"
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


@dataclass
class Layout:
    """What a scan of the project's folders found."""

    files: list[SourceFile]  # the content files, each of a kind with an id
    problems: list[Diagnostic]  # problems in the layout itself
    loose: list[str]  # other files (posix, relative to the root): fine if attached or shown, else W303


def discover(root: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Every content file of the project, sorted by path, with problems in the layout itself."""
    layout = scan(root)
    return layout.files, layout.problems


def scan(root: Path) -> Layout:
    """Every file under content/ and playbooks/ is read as content, reported here as not read
    (E112: it looks like content), left for the rules to check as an attachment or picture
    (`loose`), or editor and system noise that is skipped quietly (`is_noise`)."""
    layout = Layout([], [], [])
    content = root / CONTENT
    playbooks = root / PLAYBOOKS
    odd = _odd_entries(root, content, layout.problems) | _odd_entries(root, playbooks, layout.problems)
    if content.is_dir() and content not in odd:
        for entry in sorted(content.iterdir()):
            if entry in odd or is_noise(entry.name):
                continue
            if entry.is_dir():
                _scan_content_folder(root, entry, layout, odd)
            elif _is_yaml(entry):
                _add_single(root, entry, layout)
            else:
                _stray(root, entry, layout)
    if playbooks.is_dir() and playbooks not in odd:
        _scan_kind_folder(root, playbooks, PLAYBOOKS, layout, odd)
    layout.problems.extend(_duplicate_ids(layout.files))
    return layout


# Files editors and operating systems leave behind: never content, never worth a message. A
# README explains a folder to the people who edit it (GitHub shows it under the file list).
_NOISE_NAMES = {"thumbs.db", "desktop.ini", "ehthumbs.db", "readme.md", "readme.txt", "readme"}


def is_noise(name: str) -> bool:
    """Hidden files and folders (.DS_Store, .gitkeep, vim's .x.yml.swp), backups ending in '~',
    Windows' Thumbs.db and desktop.ini, and a folder's README."""
    return name.startswith(".") or name.endswith("~") or name.lower() in _NOISE_NAMES


def _regular_files(folder: Path, odd: set[Path]) -> list[Path]:
    """Regular files at any depth under `folder`, without following links or entering noise."""
    found: list[Path] = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if Path(parent) / d not in odd and not is_noise(d)]
        found.extend(Path(parent) / n for n in names if Path(parent) / n not in odd and not is_noise(n))
    return sorted(found)


_WRONG_SUFFIX = re.compile(r"^(?P<base>.+\.ya?ml)\.[^.]+$", re.IGNORECASE)
MARKDOWN_SUFFIXES = (".md", ".markdown")


def _not_read(path: Path) -> str | None:
    """Why a file that looks like content is not read, or None when it does not look like content."""
    wrong = _WRONG_SUFFIX.match(path.name)
    if wrong:
        return (
            f"'{path.name}' is not read: only files ending in .yml or .yaml are; rename it to "
            f"'{wrong.group('base')}', or delete it if it is an old copy"
        )
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return (
            f"'{path.name}' is not read: Markdown pages go in {CONTENT}/{PAGES}/<id>.md, starting with front "
            "matter (a line '---', 'title: ...', a line '---'); move it there, or delete it"
        )
    return None


def _stray(root: Path, path: Path, layout: Layout) -> None:
    """A file that is not content: E112 when it looks like content, else for the rules to judge."""
    why = _not_read(path)
    if why is None:
        layout.loose.append(_rel(root, path))
    else:
        layout.problems.append(error(_rel(root, path), 1, 1, "E112", why))


def _add_single(root: Path, path: Path, layout: Layout) -> None:
    stem = path.stem
    if stem in SINGLE_KINDS:
        layout.files.append(SourceFile(path, _rel(root, path), stem, stem))
        return
    hint = did_you_mean(stem, SINGLE_KINDS) or did_you_mean(stem, CONTENT_FOLDERS)
    layout.problems.append(
        error(
            _rel(root, path),
            1,
            1,
            "E112",
            f"content/ holds only {', '.join(f'{k}.yml' for k in SINGLE_KINDS)} and the kind folders; "
            f"'{path.name}' is not read{hint}",
        )
    )


def _scan_content_folder(root: Path, folder: Path, layout: Layout, odd: set[Path]) -> None:
    if folder.name in CONTENT_FOLDERS:
        _scan_kind_folder(root, folder, folder.name, layout, odd)
        return
    found = _regular_files(folder, odd)
    stray = [p for p in found if _is_yaml(p)]
    for path in found:
        if not _is_yaml(path):
            _stray(root, path, layout)  # a folder of pictures is fine when they are used
    if not stray:
        return
    if folder.name == PLAYBOOKS:
        message = "playbooks live in the folder playbooks/ at the project root, not in content/"
    else:
        hint = did_you_mean(folder.name, CONTENT_FOLDERS)
        message = f"unknown folder '{folder.name}' in content/{hint}; its {len(stray)} YAML file(s) are not read"
    layout.problems.append(error(_rel(root, stray[0]), 1, 1, "E112", message))


def _holds(kind: str, path: Path) -> bool:
    """Whether `path` has the file format of `kind`'s files."""
    if SUFFIXES[kind] == ".md":
        return path.suffix.lower() == ".md"
    return _is_yaml(path)


def _scan_kind_folder(root: Path, folder: Path, kind: str, layout: Layout, odd: set[Path]) -> None:
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return  # reported by _odd_entries
    for entry in entries:
        if entry in odd or is_noise(entry.name):
            continue
        if entry.is_dir():
            if kind != ATTACHMENT_KIND:  # sub-folders of content/assets/ hold attachments, any file
                _scan_sub_folder(root, folder, entry, layout, odd)
            continue
        if not _holds(kind, entry):
            _stray_in(root, kind, entry, layout)
            continue
        stem = entry.stem
        if not _ID_RE.fullmatch(stem):
            layout.problems.append(
                error(
                    _rel(root, entry),
                    1,
                    1,
                    "E110",
                    f"file name '{entry.name}' is not a valid id: rename it using lower-case letters, digits and hyphens",
                )
            )
            continue
        layout.files.append(SourceFile(entry, _rel(root, entry), kind, stem))


def _stray_in(root: Path, kind: str, path: Path, layout: Layout) -> None:
    """A file beside a kind's files that is not of its format: a YAML file among pages is as lost
    as a page among YAML files."""
    if SUFFIXES[kind] == ".md" and _is_yaml(path):
        message = (
            f"'{path.name}' is not read: {_rel(root, path.parent)}/ holds Markdown pages (<id>.md with front matter)"
        )
        layout.problems.append(error(_rel(root, path), 1, 1, "E112", message))
    elif SUFFIXES[kind] == ".md" and path.suffix.lower() in MARKDOWN_SUFFIXES:
        message = f"'{path.name}' is not read: pages end in .md; rename it to '{path.stem}.md'"
        layout.problems.append(error(_rel(root, path), 1, 1, "E112", message))
    else:
        _stray(root, path, layout)


def _scan_sub_folder(root: Path, folder: Path, sub: Path, layout: Layout, odd: set[Path]) -> None:
    """Files in a sub-folder of a kind's folder are never read as content."""
    where = _rel(root, folder)
    for nested in _regular_files(sub, odd):
        if _holds(folder.name, nested):
            message = f"files in sub-folders of {where}/ are not read; move it up into {where}/"
            layout.problems.append(error(_rel(root, nested), 1, 1, "E112", message))
        else:
            _stray(root, nested, layout)  # a .md file among YAML files, a .yml.txt, a picture


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

"""What changed, from the project's git history: per content file, the commits that touched it.

Read with one `git log` in a subprocess (no new dependency). Every date comes from the
commits (or, without git, from the entities' `reviewed` dates), never from the clock, so two
builds of the same commit are byte-identical. When the project is not a git repository, git
is not installed or refuses the folder, `read_history` returns None and the pages fall back to
review dates.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog.discover import CONTENT, PLAYBOOKS
from generator.model.kinds import Common

RECORD = "\x1e"
UNIT = "\x1f"
GIT_TIMEOUT = 60


@dataclass(frozen=True)
class Change:
    """One commit that touched one file."""

    date: datetime.date
    author: str
    subject: str
    commit: str  # abbreviated hash
    file: str  # relative to the project root
    seq: int = 0  # position in the log: 0 is the newest commit


@dataclass
class History:
    """Changes per file (relative to the project root), newest first."""

    by_file: dict[str, list[Change]] = field(default_factory=dict)

    def of(self, rel: str | None) -> list[Change]:
        return self.by_file.get(rel, []) if rel else []

    def latest(self, rel: str | None) -> Change | None:
        changes = self.of(rel)
        return changes[0] if changes else None


def _git_command(root: Path, *args: str) -> tuple[list[str], dict] | None:
    """The command line and environment to run git on `root`, or None without git."""
    git = shutil.which("git")
    if git is None:
        return None
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}  # never another repository's
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    return [git, "-C", str(root), *args], env


def _git(root: Path, *args: str) -> str | None:
    command = _git_command(root, *args)
    if command is None:
        return None
    try:
        done = subprocess.run(command[0], capture_output=True, env=command[1], timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def read_history(root: Path, *, nested: bool = False) -> History | None:
    """The history of content/ and playbooks/ in the git repository of `root`, or None.

    Only a project that is the top folder of its repository is read, unless `nested`: a
    project inside another repository (a test fixture, an example in a tool's repository) would
    otherwise show that repository's commits, which change whenever the tool is worked on.
    A playbook kept in a sub-folder of a larger repository turns this on with the plugin
    setting `history: true`.
    """
    answer = (_git(root, "rev-parse", "--is-inside-work-tree", "--show-toplevel") or "").split("\n")
    if answer[0].strip() != "true" or len(answer) < 2:
        return None
    try:
        top_level = Path(answer[1].strip()).resolve() == root.resolve()
    except OSError:
        return None
    if not (top_level or nested):
        return None
    output = _git(
        root,
        "-c",
        "core.quotepath=off",
        "log",
        "--relative",
        "--no-merges",
        "--name-only",
        "--no-renames",
        f"--format={RECORD}%h{UNIT}%as{UNIT}%an{UNIT}%s",
        "--",
        CONTENT,
        PLAYBOOKS,
    )
    if output is None:
        return None
    return parse_log(output)


def parse_log(output: str) -> History:
    history = History()
    for seq, record in enumerate(output.split(RECORD)):
        if not record.strip():
            continue
        header, _, names = record.partition("\n")
        parts = header.split(UNIT)
        if len(parts) != 4:
            continue
        commit, day, author, subject = parts
        try:
            date = datetime.date.fromisoformat(day.strip())
        except ValueError:
            continue
        for name in names.splitlines():
            name = name.strip()
            if name:
                history.by_file.setdefault(name, []).append(
                    Change(date, author.strip(), subject.strip(), commit, name, seq)
                )
    return history


@dataclass(frozen=True)
class Entry:
    """One line of the "What changed" page: an entity and a change to it."""

    entity: Common  # the entity (from the edition's catalog)
    date: datetime.date
    author: str | None = None
    subject: str | None = None
    commit: str | None = None
    seq: int = 0


def recent_changes(entities: list[Common], history: History | None, limit: int = 100) -> list[Entry]:
    """The newest changes of `entities`, newest first: from git, or from `reviewed` without git."""
    entries: list[Entry] = []
    for entity in entities:
        if history is not None:
            entries += [Entry(entity, c.date, c.author, c.subject, c.commit, c.seq) for c in history.of(entity.rel)]
        elif entity.reviewed is not None:
            entries.append(Entry(entity, entity.reviewed))
    # Newest first: by date, then in the log's order, then by kind and id.
    entries.sort(key=lambda e: (-e.date.toordinal(), e.seq, e.entity.kind, e.entity.id))
    return entries[:limit]


def changed_on(entity, history: History | None) -> Entry | None:
    """The last change of one entity: its latest commit, or its `reviewed` date without git."""
    if history is not None:
        latest = history.latest(entity.rel)
        if latest is not None:
            return Entry(entity, latest.date, latest.author, latest.subject, latest.commit, latest.seq)
    if entity.reviewed is not None:
        return Entry(entity, entity.reviewed)
    return None

"""What changed for sellers: per entity, in words derived from the data ("new objection: …",
"proof added: …", "review date moved to …"), not from commit messages (those stay on the
maintainers' "What changed" page).

Each commit that touched an entity's file is compared with the file as it was before that
commit (both read with one `git cat-file --batch`). Only what the edition may show is ever
named: the words quote the entity's current, audience-filtered fields; a text that is no longer
there, an `internal:` block and references to other entities are never quoted (a removal is
counted, not quoted). Without git history, the `reviewed` dates stand in ("reviewed").
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass

import yaml

from generator.model.kinds import Common
from generator.site.history import History, _git_command

# List fields of plain text whose new items are news, with the word for one item.
TEXT_ITEMS = {
    "pains": "pain",
    "wins": "win",
    "goals": "goal",
    "discovery_questions": "discovery question",
    "triggers": "trigger",
    "landmines": "landmine",
    "why_we_win": "reason we win",
    "why_we_lose": "reason we lose",
    "strengths": "strength",
    "weaknesses": "weakness",
    "capabilities": "capability",
    "differentiators": "differentiator",
}
# Records in lists: (field, the key naming one record, the word for it).
RECORDS = {"objections": ("objection", "objection"), "proof_points": ("claim", "proof"), "plays": ("name", "play")}
REWRITTEN = {
    "statement": "statement",
    "messaging": "talk track",
    "summary": "summary",
    "description": "description",
    "body": "text",
}
NEVER_SHOWN = {"internal", "reviewed", "owner", "tags", "audience", "draft"}
WORDS_SHOWN = 4  # phrases per change; the rest is "and N more"
GIT_TIMEOUT = 60
MAX_BYTES = 1_000_000  # as the loader's E107 limit


@dataclass(frozen=True)
class News:
    entity: Common
    date: datetime.date
    words: tuple[str, ...]  # what changed, each a short phrase
    new: bool = False  # the entity itself is new


def seller_news(entities: list, history: History | None, root, limit: int) -> list[News]:
    """The newest changes of `entities` as news, newest first: derived from git, else `reviewed`."""
    if history is None:
        dated = sorted((e for e in entities if e.reviewed), key=lambda e: (e.reviewed, e.kind, e.id), reverse=True)
        return [News(e, e.reviewed, ("reviewed",)) for e in dated[:limit]]
    changes = sorted(
        ((c, e) for e in entities for c in history.of(e.rel)),
        key=lambda ce: (-ce[0].date.toordinal(), ce[0].seq, ce[1].kind, ce[1].id),
    )[: limit * 2]  # some changes touch only what sellers never see
    versions = _versions(root, [(c.commit, c.file) for c, _ in changes])
    news = []
    for change, entity in changes:
        after = versions.get((change.commit, change.file))
        before = versions.get((change.commit + "^", change.file))
        words = describe(before, after, entity)
        if words:
            news.append(News(entity, change.date, tuple(words), new=before is None))
    return news[:limit]


def describe(before: dict | None, after: dict | None, entity) -> list[str]:
    """Phrases saying what changed between two versions of an entity's file, quoting only the
    entity's current fields."""
    if after is None:
        return []
    if before is None:
        return ["new"]
    words: list[str] = []
    for field, word in TEXT_ITEMS.items():
        current = getattr(entity, field, None) or []
        old = _items(before.get(field))
        words += [f"new {word}: {text}" for text in current if text in _items(after.get(field)) and text not in old]
        if removed := len([t for t in old if t not in _items(after.get(field))]):
            words.append(f"{removed} {word}{'s' if removed > 1 else ''} removed")
    for field, (key, word) in RECORDS.items():
        words += _records(before.get(field), after.get(field), getattr(entity, field, None) or [], key, word)
    for field, word in REWRITTEN.items():
        if _differs(before, after, field) and getattr(entity, field, None):
            words.append(f"{word} rewritten")
    if _differs(before, after, "review_by") and getattr(entity, "review_by", None):
        words.append(f"review date moved to {entity.review_by.isoformat()}")
    if not words and any(_differs(before, after, k) for k in set(before) | set(after) if k not in NEVER_SHOWN):
        words.append("details updated")
    return words


def _records(before, after, current: list, key: str, word: str) -> list[str]:
    old = {r.get(key): r for r in before or [] if isinstance(r, dict)}
    new = {r.get(key): r for r in after or [] if isinstance(r, dict)}
    words = []
    for record in current:
        label = getattr(record, key, None)
        if label not in new:
            continue
        if label not in old:
            words.append(f"new {word}: {label}")
        elif word == "objection" and old[label].get("response") != new[label].get("response"):
            words.append(f"answer revised: {label}")
    if removed := len([k for k in old if k not in new]):
        words.append(f"{removed} {word}{'s' if removed > 1 else ''} removed")
    return words


def _items(value) -> list:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _differs(before: dict, after: dict, field: str) -> bool:
    return before.get(field) != after.get(field)


def _versions(root, specs: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """Each file as of each commit and of the commit's parent, parsed; missing ones left out."""
    wanted = [(commit, file) for commit, file in specs] + [(commit + "^", file) for commit, file in specs]
    command = _git_command(root, "cat-file", "--batch")
    if command is None or not wanted:
        return {}
    lines = "".join(f"{commit}:./{file}\n" for commit, file in wanted).encode()
    try:
        done = subprocess.run(command[0], input=lines, capture_output=True, env=command[1], timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return {}
    return _parse_batch(done.stdout, wanted)


def _parse_batch(output: bytes, wanted: list[tuple[str, str]]) -> dict:
    found, at = {}, 0
    for spec in wanted:
        end = output.find(b"\n", at)
        if end < 0:
            break
        header = output[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # "<spec> missing": the file did not exist then
        size = int(header[2])
        blob, at = output[at : at + size], at + size + 1
        data = _plain_yaml(blob)
        if isinstance(data, dict):
            found[spec] = data
    return found


def _plain_yaml(blob: bytes):
    """An old version of a file as data; None for anything the loader would refuse today (too
    large, aliases that could expand without bound, not YAML): old history is never trusted."""
    if len(blob) > MAX_BYTES:
        return None
    try:
        text = blob.decode("utf-8")
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.CSafeLoader)):
            return None
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None


def week_of(date: datetime.date) -> datetime.date:
    """The Monday of the date's week: news is grouped by week."""
    return date - datetime.timedelta(days=date.weekday())

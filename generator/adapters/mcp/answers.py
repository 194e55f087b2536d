"""What the assistant tools answer, from one snapshot of the edition. Words come from the
templates in site_templates/markdown/assistant/; this module only picks what goes in."""

from __future__ import annotations

import re

from generator.adapters.mcp.snapshot import Entry, Snapshot
from generator.catalog import relations as rel
from generator.suggest import did_you_mean

WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# Words that carry no meaning on their own in a question or an objection.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "too",
        "was",
        "we",
        "what",
        "when",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)
TITLE_WEIGHT, SNIPPET = 10, 240


class NotFound(Exception):
    """An id, segment or persona the edition does not have: the message says what it does have."""


def terms(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


def search(snapshot: Snapshot, query: str, limit: int = 10) -> list[dict]:
    """Pages ranked like the site's search: title matches first, then how often the words occur."""
    words = terms(query)
    scored = []
    for entry in snapshot.entries.values():
        if not entry.page.searchable or not words:
            continue
        score = _score(entry, words)
        if score:
            scored.append((-score, entry.id, entry))
    scored.sort(key=lambda item: item[:2])
    return [_result(entry, words) for _, _, entry in scored[:limit]]


def _score(entry: Entry, words: list[str]) -> float:
    title = entry.page.title.lower()
    found = [(TITLE_WEIGHT if w in title else 0) + min(entry.lowered.count(w), 5) for w in words]
    hits = sum(1 for f in found if f)
    return sum(found) * hits / len(words)  # pages holding every word come first


def _result(entry: Entry, words: list[str]) -> dict:
    return {
        "id": entry.id,
        "title": entry.page.title,
        "kind": entry.kind,
        "url": entry.url,
        "snippet": _snippet(entry, words),
    }


def _snippet(entry: Entry, words: list[str]) -> str:
    positions = [p for p in (entry.lowered.find(w) for w in words) if p >= 0]
    start = max(0, min(positions) - SNIPPET // 3) if positions else 0
    text = " ".join(entry.text[start : start + SNIPPET].split())
    return ("…" if start else "") + text + "…"


def find(snapshot: Snapshot, id: str) -> Entry:
    """A page by its id; page URLs and playbook:// resource URIs are understood too."""
    key = id.strip().removeprefix("playbook://").strip("/")
    for suffix in ("/index.html.md", "/index.html", ".html.md", ".html", "/index.md", ".md"):
        key = key.removesuffix(suffix)
    if key in snapshot.entries:
        return snapshot.entries[key]
    by_path = {e.page.path.removesuffix(".md").removesuffix("/index"): e for e in snapshot.entries.values()}
    if key in by_path:
        return by_path[key]
    raise NotFound(f"no page '{id}' in this edition{did_you_mean(key, snapshot.entries)}; search for it first")


def fetch(snapshot: Snapshot, id: str) -> str:
    entry = find(snapshot, id)
    return _render(snapshot, "fetch.md.j2", entry=entry)


def resolve_entity(snapshot: Snapshot, kind: str, text: str):
    """An entity of `kind` by id or by name, as a seller would type it."""
    wanted = text.strip().lower()
    entities = snapshot.catalog.all(kind)
    for entity in entities:
        if wanted in (entity.id, entity.name.lower()):
            return entity
    names = {e.id: e for e in entities}
    hint = did_you_mean(re.sub(r"\s+", "-", wanted), names)
    known = ", ".join(e.id for e in entities[:30])
    raise NotFound(f"no {rel.SINGULAR[kind]} '{text}' in this edition{hint}. Known: {known or 'none'}")


def seat(snapshot: Snapshot, segment: str, persona: str):
    s = resolve_entity(snapshot, "segments", segment)
    p = resolve_entity(snapshot, "personas", persona)
    seats = rel.seats(snapshot.catalog, s)
    for found in seats:
        if found.persona.id == p.id:
            return found
    members = ", ".join(f"{x.persona.id} ({x.persona.name})" for x in seats) or "nobody yet"
    raise NotFound(f"the {p.name} is not on the buying committee of {s.name}; it has: {members}")


def brief(snapshot: Snapshot, segment: str, persona: str) -> str:
    found = seat(snapshot, segment, persona)
    entry = snapshot.entries[f"briefs/{found.segment.id}/{found.persona.id}"]
    return _render(snapshot, "fetch.md.j2", entry=entry)


def objection(snapshot: Snapshot, text: str, limit: int = 3) -> str:
    """The recorded objections closest to `text`, with their approved answers and proof."""
    words = set(terms(text))
    scored = []
    for kind in ("personas", "competitors"):
        for entity in snapshot.catalog.all(kind):
            for item in entity.objections:
                said = set(terms(item.objection))
                overlap = len(words & said) + 0.5 * len(words & set(terms(item.response or "")))
                if overlap:
                    scored.append((-overlap / (len(said) ** 0.5 or 1), kind, entity.id, entity, item))
    scored.sort(key=lambda x: x[:3])
    matches = [(entity, item) for *_, entity, item in scored[:limit]]
    return _render(snapshot, "objections.md.j2", text=text, matches=matches)


def meeting_prompt(snapshot: Snapshot, segment: str, persona: str, stage: str = "") -> str:
    found = seat(snapshot, segment, persona)
    chosen = None
    if stage:
        stages = snapshot.catalog.stages
        chosen = stages.get(stage) or next((s for s in stages.values() if s.name.lower() == stage.lower()), None)
        if chosen is None:
            raise NotFound(f"no stage '{stage}' in this edition; known: {', '.join(stages) or 'none'}")
    entry = snapshot.entries[f"briefs/{found.segment.id}/{found.persona.id}"]
    return _render(snapshot, "meeting.md.j2", seat=found, stage=chosen, entry=entry)


def resources(snapshot: Snapshot) -> list[Entry]:
    """Every entity page, one resource each (playbook://personas/cfo)."""
    return [e for e in snapshot.entries.values() if e.page.context.get("entity") is not None]


def _render(snapshot: Snapshot, template: str, **context) -> str:
    env = snapshot.site.markdown_environment
    assert env is not None  # the snapshot is always prepared with twins
    catalog = snapshot.catalog

    def stage_assets(stage):
        return rel.stage_assets(catalog, stage)

    page = env.get_template(f"markdown/assistant/{template}")
    return (
        page.render(catalog=catalog, rel=rel, stage_assets=stage_assets, url_of=_url_of(snapshot), **context).strip()
        + "\n"
    )


def _url_of(snapshot: Snapshot):
    def url_of(kind: str, id: str) -> str:
        entry = snapshot.entries.get(f"{kind}/{id}")
        return entry.url if entry else ""

    return url_of

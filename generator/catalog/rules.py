"""Rules over the whole catalog: references, unique list ids, attachments, staleness, gaps."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.catalog.attachments import attachment_rules
from generator.catalog.catalog import Catalog, is_stale
from generator.catalog.company_rules import company_rules
from generator.catalog.dead_links import dead_link_diagnostics
from generator.catalog.discover import CONTENT
from generator.catalog.pictures import pictures
from generator.catalog.places import TextIndex
from generator.catalog.relationships import reports_to_cycles
from generator.catalog.strays import unused_files
from generator.diagnostics import Diagnostic, error, warning
from generator.load.document import SourceMap
from generator.model.kinds import Asset, Common, Company, Persona, Segment
from generator.model.links import LINK_WORDS, text_links
from generator.model.registry import LIST_KINDS, SINGULAR
from generator.suggest import did_you_mean

Sources = dict[tuple[str, str], SourceMap]


def catalog_rules(
    catalog: Catalog,
    sources: Sources,
    known_ids: dict[str, set[str]],
    today: datetime.date,
    loose: tuple[str, ...] | list[str] = (),
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in (
        _references,
        _text_link_targets,
        _pictures,
        _dead_links,
        _unique_list_ids,
        _attachments,
        _reporting_loops,
        _empty_assets,
        _orphan_assets,
        _uncovered_members,
    ):
        found.extend(rule(catalog, sources, known_ids))
    found.extend(attachment_rules(catalog, lambda kind, id, loc: _at(catalog, sources, kind, id, loc)))
    found.extend(
        company_rules(catalog.single_of(Company), lambda loc: _at(catalog, sources, "company", "company", loc))
    )
    found.extend(_stale(catalog, sources, today))
    if _all_valid(catalog, known_ids):  # an invalid asset's attachment is not known to be used
        found.extend(unused_files(catalog, loose))
    return found


def _at(
    catalog: Catalog, sources: Sources, kind: str, id: str, loc: tuple, *, key: bool = False
) -> tuple[str, int, int]:
    """(file, line, column) of `loc` inside the file of (kind, id)."""
    model = catalog.get(kind, id)
    where = sources[(kind, id)].key(loc) if key else sources[(kind, id)].value(loc)
    return model.rel, where.line, where.column


def reference_targets(catalog: Catalog, known_ids: dict[str, set[str]], kind: str) -> set[str] | None:
    """Ids a reference of `kind` may name; None when unknowable (its file failed to validate)."""
    if kind in LIST_KINDS:
        single, _ = LIST_KINDS[kind]
        if single in known_ids and catalog.singles.get(single) is None:
            return None
        return set(catalog.stages if kind == "stages" else catalog.roles)
    return known_ids.get(kind, set())


def _references(catalog: Catalog, sources: Sources, known_ids) -> Iterator[Diagnostic]:
    targets = {kind: reference_targets(catalog, known_ids, kind) for kind in SINGULAR}
    for link in catalog.links:
        allowed = targets[link.target_kind]
        if allowed is None or link.target_id in allowed:
            continue
        field = next(p for p in reversed(link.loc) if isinstance(p, str))
        hint = did_you_mean(link.target_id, sorted(allowed))
        if not allowed and link.target_kind in LIST_KINDS:
            single, _ = LIST_KINDS[link.target_kind]
            hint = f" (content/{single}.yml defines none)"
        yield error(
            *_at(catalog, sources, link.source_kind, link.source_id, link.loc),
            "E204",
            f"unknown {SINGULAR[link.target_kind]} '{link.target_id}' in {field}{hint}",
        )


def _text_link_targets(catalog: Catalog, sources: Sources, known_ids) -> Iterator[Diagnostic]:
    """E204 for `[text](persona:cfoo)` in a Markdown field, at the link itself."""
    targets: dict[str, set[str] | None] = {}
    locate = _text_locator(catalog, sources)
    for model in catalog.everything():
        for loc, match in text_links(model):
            kind = LINK_WORDS[match.group(1)]
            if kind not in targets:
                targets[kind] = reference_targets(catalog, known_ids, kind)
            allowed = targets[kind]
            if allowed is None or match.group(2) in allowed:
                continue
            hint = did_you_mean(match.group(2), sorted(allowed))
            yield error(
                *locate(model, loc, f"{match.group(1)}:{match.group(2)}"),
                "E204",
                f"unknown {SINGULAR[kind]} '{match.group(2)}' in the link [{_short(match)}]({match.group(1)}:"
                f"{match.group(2)}){hint}",
            )


def _pictures(catalog: Catalog, sources: Sources, known_ids) -> Iterator[Diagnostic]:
    """A picture that cannot be published (E208, E212, E214) or is not on this site (W304), at the picture."""
    locate = _text_locator(catalog, sources)
    for found in pictures(catalog):
        verdict = found.verdict
        if verdict.code is None:
            continue
        # Written differently in the file (escapes in a quoted string)? Then find its target.
        where = locate(found.model, found.loc, found.match.group(0), found.match.group(1))
        report = error if verdict.code.startswith("E") else warning
        yield report(*where, verdict.code, verdict.message)


def _dead_links(catalog: Catalog, sources: Sources, known_ids) -> Iterator[Diagnostic]:
    yield from dead_link_diagnostics(catalog, _text_locator(catalog, sources))


def _text_locator(catalog: Catalog, sources: Sources) -> Callable[..., tuple[str, int, int]]:
    """locate(model, loc, *needles) -> (file, line, column) of the first needle found inside the
    field at `loc` in the model's file; the field's own place when none is found."""
    finders: dict[str, TextIndex] = {}

    def locate(model, loc: tuple, *needles: str) -> tuple[str, int, int]:
        finder = finders.get(model.rel) or finders.setdefault(model.rel, TextIndex(catalog.root / model.rel))
        where = sources[(model.kind, model.id)].value(loc)
        start = finder.offset(where)
        for needle in needles:
            offset = finder.find(needle, start, loc)
            if offset is not None:
                return (model.rel, *finder.position(offset))
        return model.rel, where.line, where.column

    return locate


def _short(match) -> str:
    """The link's text as written before `](`, for the message (cut when long)."""
    start = match.string.rfind("[", 0, match.start())
    text = match.string[start + 1 : match.start()] if start >= 0 else ""
    return text if len(text) <= 40 else text[:39] + "…"


def _unique_list_ids(catalog: Catalog, sources: Sources, known_ids) -> Iterator[Diagnostic]:
    lists = [
        ("process", "stages", "stage"),
        ("team", "roles", "team role"),
        ("leads", "definitions", "lead definition"),
        ("leads", "nurture", "nurture track"),
    ]
    for single, field, item_name in lists:
        model = catalog.singles.get(single)
        if model is None:
            continue
        first: dict[str, int] = {}
        for i, item in enumerate(getattr(model, field)):
            if item.id in first:
                line = sources[(single, single)].value((field, first[item.id], "id")).line
                yield error(
                    *_at(catalog, sources, single, single, (field, i, "id")),
                    "E206",
                    f"{item_name} id '{item.id}' is used twice in {field} (first at line {line}); ids must be unique",
                )
            first.setdefault(item.id, i)


def _attachments(catalog: Catalog, sources: Sources, known_ids) -> Iterator[Diagnostic]:
    content = (catalog.root / CONTENT).resolve()
    files: list[tuple[Common, str, str | None]] = [(asset, "file", asset.file) for asset in catalog.of(Asset)]
    if catalog.company is not None:
        files.append((catalog.company, "logo", catalog.company.logo))  # relative to content/, beside company.yml
        files.append((catalog.company, "favicon", catalog.company.favicon))
    for entity, field, name in files:
        if name is None:
            continue
        problem = _attachment_problem(catalog.root, content, entity.rel, name)
        if problem:
            yield error(*_at(catalog, sources, entity.kind, entity.id, (field,)), "E208", problem)


def _empty_assets(catalog: Catalog, sources: Sources, known_ids) -> Iterator[Diagnostic]:
    """W320: an asset with no url, no file and no body would be published with nothing to open."""
    for asset in catalog.of(Asset):
        if asset.url or asset.file or (asset.body and asset.body.strip()):
            continue
        yield warning(
            *_at(catalog, sources, "assets", asset.id, ("name",)),
            "W320",
            f"asset '{asset.id}' has nothing to open: add url (a link), file (an attachment beside this file) "
            "or body (the text itself)",
        )


def _attachment_problem(root: Path, content: Path, rel: str, name: str) -> str | None:
    shown = name if len(name) <= 80 else name[:77] + "..."
    outside = f"file '{shown}' is outside content/; attachments must sit inside content/"
    if Path(name).is_absolute():
        return outside
    try:
        resolved = ((root / rel).parent / name).resolve()
        if not resolved.is_relative_to(content):
            return outside
        if not resolved.is_file():
            return f"file '{shown}' does not exist next to {rel}; add it or fix the path"
        resolved.open("rb").close()  # unreadable (permissions) fails here, not as a crash in the build
    except RuntimeError:  # Python 3.11 reports a loop of symbolic links this way
        return f"file '{shown}' cannot be used as an attachment: it is a loop of symbolic links"
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return f"file '{shown}' cannot be used as an attachment: {reason}"
    return None


def _reporting_loops(catalog: Catalog, sources: Sources, known_ids) -> Iterator[Diagnostic]:
    """One error per loop of reporting lines, at the `reports_to` of the loop's first persona by
    id: an org chart needs someone at the top, and the map cannot draw a loop."""
    for loop in reports_to_cycles(catalog.of(Persona)):
        where = _at(catalog, sources, "personas", loop[0], ("reports_to",))
        if len(loop) == 1:
            message = f"persona '{loop[0]}' reports to itself; set reports_to to their manager or remove it"
        else:
            chain = " -> ".join(loop + [loop[0]])
            message = f"reports_to lines form a loop: {chain}; one of them must report to someone outside the loop, or to nobody"
        yield error(*where, "E220", message)


def _stale(catalog: Catalog, sources: Sources, today: datetime.date) -> Iterator[Diagnostic]:
    for model in catalog.everything():
        if model.review_by is not None and is_stale(model, today):
            yield warning(
                *_at(catalog, sources, model.kind, model.id, ("review_by",)),
                "W300",
                f"stale since {model.review_by.isoformat()}: review '{model.name}' and move review_by forward",
            )


def _all_valid(catalog: Catalog, known_ids: dict[str, set[str]]) -> bool:
    """True when every file that was read also validated: only then are coverage gaps knowable
    (an invalid file's references are unknown, so a gap could be a cascade of its error)."""
    return all(catalog.get(kind, id) is not None for kind, ids in known_ids.items() for id in ids)


def _orphan_assets(catalog: Catalog, sources: Sources, known_ids) -> Iterator[Diagnostic]:
    if not _all_valid(catalog, known_ids):
        return
    for asset in catalog.of(Asset):
        if asset.segments or asset.personas or asset.stages or catalog.incoming("assets", asset.id):
            continue
        yield warning(
            *_at(catalog, sources, "assets", asset.id, ("name",)),
            "W301",
            f"asset '{asset.id}' is not referenced anywhere and names no segment, persona or stage: sellers will not find it",
        )


def _uncovered_members(catalog: Catalog, sources: Sources, known_ids) -> Iterator[Diagnostic]:
    if not _all_valid(catalog, known_ids):
        return
    for segment in catalog.of(Segment):
        for index, member in enumerate(segment.buying_committee):
            if member.persona not in known_ids.get("personas", ()):
                continue  # an unknown persona is already an error (E204)
            if catalog.value_propositions_for(segment.id, member.persona):
                continue
            yield warning(
                *_at(catalog, sources, "segments", segment.id, ("buying_committee", index, "persona")),
                "W302",
                f"no value proposition covers persona '{member.persona}' in segment '{segment.id}'",
            )

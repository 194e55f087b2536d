"""`playbook check`: load, validate and resolve the whole project, collecting every problem."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from generator.catalog.catalog import Catalog, build_catalog
from generator.catalog.discover import SourceFile, scan
from generator.catalog.rules import catalog_rules
from generator.diagnostics import Diagnostic, finalize
from generator.load.document import SourceMap, load_document
from generator.load.frontmatter import load_page
from generator.model.kinds import Common
from generator.model.registry import ALL_KINDS, SUFFIXES
from generator.model.validate import validate_document

# How each file format is read: YAML, or Markdown with YAML front matter.
_READERS = {".yml": load_document, ".md": load_page}


@dataclass
class CheckResult:
    catalog: Catalog
    diagnostics: list[Diagnostic]
    sources: dict[tuple[str, str], SourceMap]
    known_ids: dict[str, set[str]]


def epoch_date() -> datetime.date | None:
    """The date in SOURCE_DATE_EPOCH, the reproducible-builds convention, if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return None


def today() -> datetime.date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the calendar in UTC: staleness is
    about real time, and two machines in different time zones must build the same site."""
    return epoch_date() or datetime.datetime.now(datetime.UTC).date()


def _load_one(source: SourceFile) -> tuple[Common | None, SourceMap | None, list[Diagnostic]]:
    document, problems = _READERS[SUFFIXES[source.kind]](source.path, source.rel)
    if document is None:
        return None, None, problems
    model, invalid = validate_document(ALL_KINDS[source.kind], document.data, source.rel, document.source)
    # A value the loader already reported (a '!!python' tag, an impossible date kept as text) is
    # not reported a second time, as a wrong type, at the same place.
    reported = {(d.line, d.column) for d in problems}
    invalid = [d for d in invalid if (d.line, d.column) not in reported]
    if model is not None:
        model._id = source.id
        model._rel = source.rel
    return model, document.source, problems + invalid


def _load_cached(source: SourceFile, cache: dict) -> tuple[Common | None, SourceMap | None, list[Diagnostic]]:
    """`_load_one`, reused while the file is unchanged (`playbook serve` checks after every edit)."""
    stat = source.path.stat()
    signature = (stat.st_mtime_ns, stat.st_size)
    hit = cache.get(source)  # path, rel, kind and id: everything _load_one reads besides the file
    if hit is None or hit[0] != signature:
        hit = cache[source] = (signature, _load_one(source))
    return hit[1]


def check_project(
    root: Path, *, on: datetime.date | None = None, strict: bool = False, cache: dict | None = None
) -> CheckResult:
    """Load, validate and resolve every file. `cache` (any dict, kept by the caller between
    checks) skips loading and validating files that have not changed since the last check."""
    root = root.resolve()
    layout = scan(root)
    files, diagnostics = layout.files, layout.problems
    models: list[Common] = []
    sources: dict[tuple[str, str], SourceMap] = {}
    known_ids: dict[str, set[str]] = {}
    for source in files:
        key = (source.kind, source.id)
        if source.id in known_ids.get(source.kind, ()):
            continue  # a duplicate id, already reported by discover()
        known_ids.setdefault(source.kind, set()).add(source.id)
        model, source_map, problems = _load_one(source) if cache is None else _load_cached(source, cache)
        diagnostics.extend(problems)
        if source_map is not None:
            sources[key] = source_map
        if model is not None:
            models.append(model)
    if cache is not None:
        for gone in cache.keys() - set(files):  # deleted or renamed while serving
            del cache[gone]
    catalog = build_catalog(root, models)
    diagnostics.extend(catalog_rules(catalog, sources, known_ids, on or today(), layout.loose))
    return CheckResult(catalog, finalize(diagnostics, strict=strict), sources, known_ids)

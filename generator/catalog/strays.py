"""W303: a file under content/ or playbooks/ that is neither content nor used.

discover() reads every content file and reports those that look like content but are not read
(E112). What is left (a PDF, a picture, a spreadsheet) is fine when something publishes it: an
asset attaches it (`file:`), company.yml names it as logo or favicon, or a Markdown field shows it
as a picture that the site can publish (generator/catalog/pictures.py decides which). Anything
else, a file a Markdown link merely names included, would sit in the repository believed
published, and is reported.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.catalog.discover import CONTENT
from generator.catalog.pictures import IMAGE_SUFFIXES, used_pictures
from generator.diagnostics import Diagnostic, warning
from generator.model.kinds import Asset


def unused_files(catalog: Catalog, loose: Iterable[str]) -> Iterator[Diagnostic]:
    loose = list(loose)
    if not loose:
        return  # most projects: no need to read every Markdown field for file names
    used = _attached(catalog)
    content = (catalog.root / CONTENT).resolve()
    used |= {content / picture for picture in used_pictures(catalog)}
    for rel in loose:
        path = (catalog.root / rel).resolve()
        if path in used:
            continue
        top = rel.split("/", 1)[0]
        picture = top == CONTENT and path.suffix.lower() in IMAGE_SUFFIXES
        show = ", show it as a picture from a Markdown field (![...](path))" if picture else ""
        yield warning(
            rel,
            1,
            1,
            "W303",
            f"'{posixpath.basename(rel)}' is not content and nothing uses it, so it is never published: attach it "
            f"from an asset (file: ...){show}, or move it out of {top}/",
        )


def _attached(catalog: Catalog) -> set[Path]:
    """Files an asset attaches, and the company's logo and favicon."""
    found: set[Path | None] = set()
    for asset in catalog.of(Asset):
        if asset.file:
            found.add(_resolve(catalog.root / asset.rel, asset.file))
    company = catalog.company
    if company is not None:
        for name in (company.logo, company.favicon):
            if name:
                found.add(_resolve(catalog.root / CONTENT / "company.yml", name))
    return {path for path in found if path is not None}


def _resolve(beside: Path, name: str) -> Path | None:
    try:
        return (beside.parent / name).resolve()
    except (OSError, RuntimeError, ValueError):
        return None  # reported as E208

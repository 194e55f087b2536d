"""What an asset may attach: a file that is neither content nor active, and not shared with an
asset of another audience (E212, E213). Existence and place are checked in rules.py (E208)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.catalog.discover import ATTACHMENT_KIND, CONTENT, YAML_SUFFIXES
from generator.diagnostics import Diagnostic, error
from generator.model.fields import AUDIENCES
from generator.model.kinds import Asset

# Opened from the site's own origin, these run script with the site's rights; publish them as
# PDF, PNG or inside a zip instead. (Browsers treat .xml with a stylesheet, and .svg, as documents.)
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".js", ".mjs")
WIDTH = {audience: i for i, audience in enumerate(AUDIENCES)}  # how many people an audience reaches
# Where a field is: (kind, id, key path) -> (file, line, column).
At = Callable[[str, str, tuple], tuple[str, int, int]]


def attachment_rules(catalog: Catalog, at: At) -> Iterator[Diagnostic]:
    """`at(kind, id, loc)` gives (file, line, column) of a field."""
    users: dict[Path, list[Asset]] = defaultdict(list)
    for asset in catalog.of(Asset):
        if not asset.file:
            continue
        path = _resolved_in(catalog.root, asset)
        if path is None:
            continue
        suffix = path.suffix.lower()
        if _is_content(catalog.root, path):
            yield error(*at("assets", asset.id, ("file",)), "E212", _content_file(asset.file))
        elif suffix in ACTIVE_SUFFIXES:
            yield error(*at("assets", asset.id, ("file",)), "E212", _active_file(asset.file, suffix))
        users[path].append(asset)
    for sharing in users.values():
        yield from _shared(sharing, at)


def _resolved_in(root: Path, asset) -> Path | None:
    try:
        path = ((root / asset.rel).parent / asset.file).resolve()
        return path if path.is_file() else None
    except (OSError, RuntimeError, ValueError):
        return None  # reported as E208


def _is_content(root: Path, path: Path) -> bool:
    """A YAML file the loader reads as an entity: anywhere under content/ but in an attachment
    folder (a sub-folder of content/assets/)."""
    try:
        parts = path.relative_to((root / CONTENT).resolve()).parts
    except ValueError:
        return False  # outside content/: E208
    return path.suffix.lower() in YAML_SUFFIXES and not (parts[0] == ATTACHMENT_KIND and len(parts) > 2)


def _shared(assets: list[Asset], at: At) -> Iterator[Diagnostic]:
    narrowest = min(assets, key=lambda a: WIDTH.get(a.audience, 0))
    for asset in assets:
        if WIDTH.get(asset.audience, 0) > WIDTH.get(narrowest.audience, 0):
            yield error(
                *at("assets", asset.id, ("file",)),
                "E213",
                f"file '{asset.file}' is also attached to {narrowest.audience} asset '{narrowest.id}'; "
                f"the {asset.audience} edition would publish it: give each asset its own file, or the same audience",
            )


def _content_file(name: str) -> str:
    return f"file '{name}' is a content file, not an attachment: playbook YAML is never published"


def _active_file(name: str, suffix: str) -> str:
    return (
        f"file '{name}' is {suffix[1:].upper()}, which can run script when opened from the site: "
        "attach it as PDF or PNG, or pack it in a zip"
    )

"""Pictures shown from Markdown: `![the line](img/line.png)`.

A picture's path is read relative to the file whose Markdown shows it, as an editor's Markdown
preview reads it (and as an asset's `file:` is read), and must stay inside content/. One
function, `judge`, decides for every picture whether it can be published; `check` reports the
ones it refuses (at the picture's line and column), W303 counts the others as used, and each
edition of the site publishes the ones its own texts show (`publish_pictures`). Nothing else
decides what a picture is, so what check accepts, what W303 calls used and what the site
publishes cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import cast
from urllib.parse import quote, unquote

from generator.catalog.attachments import ACTIVE_SUFFIXES
from generator.catalog.catalog import Catalog, build_catalog
from generator.catalog.discover import CONTENT, YAML_SUFFIXES
from generator.model.kinds import Common
from generator.model.links import PICTURE, map_markdown, picture_target, text_pictures

# Image formats a browser shows and never runs script in (SVG can: it is refused, like E212).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
# In an edition's texts a publishable picture's target becomes this, followed by its path under
# content/ (percent-encoded); each page then writes its own relative URL (generator/site/pictures.py).
PLACEHOLDER = "#playbook-picture/"
_REMOTE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    path: str | None = None  # the picture's file, under content/ (posix), when there is one
    code: str | None = None  # why it cannot be published (None: it can), and what to do
    message: str = ""

    @property
    def published(self) -> bool:
        return self.path is not None and self.code is None


def judge(root: Path, rel: str, target: str) -> Verdict:
    """Whether the picture `target`, shown from the file `rel`, can be published, and why not."""
    shown = target if len(target) <= 80 else target[:77] + "..."
    if _REMOTE.match(target):
        return Verdict(
            code="W304",
            message=f"picture '{shown}' is not on this site, and the site loads nothing from elsewhere, so only "
            "its description shows: save the picture beside this file and give its path, e.g. ![...](img/name.png)",
        )
    name = unquote(target.split("#", 1)[0].split("?", 1)[0])
    content = (root / CONTENT).resolve()
    outside = f"picture '{shown}' is outside content/; pictures must sit inside content/, e.g. beside this file"
    if not name or PurePosixPath(name).is_absolute() or Path(name).is_absolute():
        return Verdict(code="E208", message=outside)
    try:
        path = ((root / rel).parent / name).resolve()
        if not path.is_relative_to(content):
            return Verdict(code="E208", message=outside)
        if not path.is_file():
            return Verdict(
                code="E208", message=f"picture '{shown}' does not exist next to {rel}; add it or fix the path"
            )
        path.open("rb").close()  # unreadable (permissions) fails here, not as a crash in the build
    except (OSError, RuntimeError, ValueError):  # a loop of symbolic links, a name too long, a NUL byte
        return Verdict(code="E208", message=f"picture '{shown}' cannot be read; give the path of a picture file")
    suffix, inside = path.suffix.lower(), path.relative_to(content).as_posix()
    if suffix in YAML_SUFFIXES or suffix == ".md":
        return Verdict(
            inside, "E212", message=f"picture '{shown}' is a content file, not a picture: show a PNG or JPEG"
        )
    if suffix in ACTIVE_SUFFIXES:
        return Verdict(
            inside,
            "E212",
            f"picture '{shown}' is {suffix[1:].upper()}, which can run script when opened from the site: "
            "save it as PNG (or JPEG, GIF, WebP, AVIF) and show that",
        )
    if suffix not in IMAGE_SUFFIXES:
        return Verdict(
            inside,
            "E214",
            f"picture '{shown}' is not a PNG, JPEG, GIF, WebP or AVIF image: save it as one of those, "
            "or link a document as an asset's file instead",
        )
    return Verdict(inside)


@dataclass(frozen=True)
class Found:
    model: Common
    loc: tuple  # the Markdown field
    match: re.Match  # the picture inside the field's text
    verdict: Verdict


def pictures(catalog: Catalog) -> Iterator[Found]:
    """Every picture every Markdown field of the catalog shows, judged."""
    for model in catalog.everything():
        for loc, _text, match in text_pictures(model):
            yield Found(model, loc, match, judge(catalog.root, model.rel, picture_target(match)))


def used_pictures(catalog: Catalog) -> set[str]:
    """Paths under content/ of the pictures some edition may publish, and of those refused (an
    SVG, a PDF): their own error says what to do, so W303 does not repeat it."""
    return {found.verdict.path for found in pictures(catalog) if found.verdict.path}


def publish_pictures(catalog: Catalog) -> tuple[Catalog, set[str]]:
    """An edition's catalog with each publishable picture's target replaced by the placeholder
    for its published path, and those paths under content/. Only what the edition's catalog
    shows is published: hidden entities and `internal` blocks are already gone from it."""
    published: set[str] = set()
    models: list[Common] = []
    for model in catalog.everything():
        placed = cast(
            Common, map_markdown(model, lambda text, rel=model.rel: _placed(catalog.root, rel, text, published))
        )
        if placed is not model:
            placed._id, placed._rel = model.id, model.rel
        models.append(placed)
    if not published:
        return catalog, published
    return build_catalog(catalog.root, models, narrowed=catalog.narrowed), published


def _placed(root: Path, rel: str, text: str, published: set[str]) -> str:
    if "![" not in text:
        return text

    def place(match: re.Match) -> str:
        verdict = judge(root, rel, picture_target(match))
        if verdict.path is None or not verdict.published:
            return match.group(0)  # from elsewhere: the sanitiser keeps only its description
        published.add(verdict.path)
        start, end = match.span(1)  # the target, in place of which the placeholder goes
        return text[match.start() : start] + PLACEHOLDER + quote(verdict.path) + text[end : match.end()]

    return PICTURE.sub(place, text)

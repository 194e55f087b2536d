"""Links between pages written in Markdown fields: `[text](persona:cfo)`, `[text](stage:qualify#exit)`.

FORMAT.md ("Additions after version 1") names the words; each maps to the kind it refers to.
The checker reports a link whose target does not exist (E204 at the link itself), the site
turns every link into a relative URL on each page where the text appears, and rename rewrites
the ids inside them.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from generator.model.fields import MarkdownText
from generator.model.introspect import holds_models

# The word written in a link -> the kind of its target.
LINK_WORDS = {
    "segment": "segments",
    "persona": "personas",
    "value-proposition": "value-propositions",
    "product": "products",
    "asset": "assets",
    "competitor": "competitors",
    "insight": "insights",
    "playbook": "playbooks",
    "stage": "stages",
    "role": "roles",
    "page": "pages",
}
WORD_OF = {kind: word for word, kind in LINK_WORDS.items()}
_WORDS = "|".join(sorted(map(re.escape, LINK_WORDS), key=len, reverse=True))
# `](word:id)` or `](word:id#anchor)`, the target optionally in <...>: groups word, id, anchor.
LINK = re.compile(rf"\]\(\s*<?({_WORDS}):([^()\s#<>]*)(#[^()\s<>]*)?>?\s*\)")


def markdown_fields(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(loc, text) for every non-empty Markdown field of `model`, nested models included."""
    for name, key, markdown in _text_plan(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if isinstance(value, str):
            if value and markdown:
                yield loc + (key,), value
        elif isinstance(value, BaseModel):
            yield from markdown_fields(value, loc + (key,))
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for index, item in enumerate(value):
                yield from markdown_fields(item, loc + (key, index))


@cache
def _is_markdown(model: type[BaseModel], name: str) -> bool:
    info = model.model_fields[name]
    return any(isinstance(m, MarkdownText) for m in info.metadata) or _marked(info.annotation)


def _marked(annotation) -> bool:
    """MarkdownText anywhere in the annotation: on the type itself or inside `Markdown | None`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        return any(isinstance(m, MarkdownText) for m in metadata) or _marked(base)
    if origin in (typing.Union, types.UnionType):
        return any(_marked(arg) for arg in typing.get_args(annotation))
    return False


def text_links(model: BaseModel) -> Iterator[tuple[tuple, re.Match]]:
    """(loc of the field, the link's match in the field's text) for every link in `model`."""
    for loc, text in markdown_fields(model):
        if "](" in text:
            for match in LINK.finditer(text):
                yield loc, match


# A picture: `![alt](target)`, `![alt](<target>)` or `![alt](target "title")`; group 1 is the
# target as written. The one definition of which pictures a text shows: check, W303 and the
# site's publishing all read pictures through this pattern (generator/catalog/pictures.py).
PICTURE = re.compile(r"!\[[^\[\]]*\]\(\s*(<[^<>\n]*>|[^()\s<>]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")


# Any other inline link: `[text](target)` not preceded by `!`; group 1 is the target as written.
ANY_LINK = re.compile(r"(?<!!)\[[^\[\]]*\]\(\s*(<[^<>\n]*>|[^()\s<>]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")


def text_any_links(model: BaseModel) -> Iterator[tuple[tuple, re.Match]]:
    """(loc of the field, the link's match) for every inline link in `model`'s Markdown."""
    for loc, text in markdown_fields(model):
        if "](" in text:
            for match in ANY_LINK.finditer(text):
                yield loc, match


def picture_target(match: re.Match) -> str:
    """The target of a PICTURE or ANY_LINK match, without its angle brackets."""
    target = match.group(1)
    return target[1:-1].strip() if target.startswith("<") else target


def text_pictures(model: BaseModel) -> Iterator[tuple[tuple, str, re.Match]]:
    """(loc of the field, its text, the picture's match) for every picture in `model`'s Markdown."""
    for loc, text in markdown_fields(model):
        if "![" in text:
            for match in PICTURE.finditer(text):
                yield loc, text, match


def map_markdown(model: BaseModel, change) -> BaseModel:
    """`model` with `change(text)` applied to each of its Markdown fields, nested models included;
    the same object when nothing changed."""
    update: dict = {}
    for name, _key, markdown in _text_plan(type(model)):
        value = getattr(model, name)
        if markdown:
            if isinstance(value, str) and value and (new := change(value)) != value:
                update[name] = new
        elif isinstance(value, BaseModel):
            if (nested := map_markdown(value, change)) is not value:
                update[name] = nested
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            items = [map_markdown(item, change) for item in value]
            if any(new is not old for new, old in zip(items, value, strict=True)):
                update[name] = items
    return model.model_copy(update=update) if update else model


@cache
def _text_plan(model: type[BaseModel]) -> tuple[tuple[str, str, bool], ...]:
    """(attribute, key as written, is Markdown) for the fields of `model` that are Markdown or
    may hold models: check and every edition walk every entity, and most fields (names, ids,
    lists of ids) can be skipped."""
    return tuple(
        (name, info.alias or name, _is_markdown(model, name))
        for name, info in model.model_fields.items()
        if _is_markdown(model, name) or holds_models(info.annotation)
    )

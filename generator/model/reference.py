"""The field reference, read from the models: every kind, every field, its type, allowed values
and description. The site's "How to edit this playbook" page, `playbook new` and the tests
that demand a description on every field all walk the models through this module, so a new
field is documented the moment it is added.
"""

from __future__ import annotations

import builtins
import datetime
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from generator.model.fields import ID_PATTERN, MarkdownText, Ref
from generator.model.kinds import Common
from generator.model.registry import ALL_KINDS, KIND, LOCATIONS, SINGULAR

# The heading of each kind on the field reference and in its JSON Schema's title.
TITLES = {kind: KIND[kind].singular.capitalize() for kind in ALL_KINDS}


@dataclass(frozen=True)
class FieldDoc:
    """One field of one kind (nested fields carry their parent's path: `fit.capability_fit`)."""

    path: str  # e.g. "buying_committee[].persona"
    key: str  # the key written in YAML
    depth: int  # 0 for top-level fields
    type: str  # for people: "list of persona ids", "whole number", "Markdown"
    required: bool
    default: Any  # None when there is none worth showing
    allowed: tuple[str, ...]  # the fixed choices, if any
    limits: str  # "1 to 5", "pattern ^[A-Z]{3}$", ""
    description: str
    markdown: bool = False
    ref: str | None = None  # the kind whose ids the field holds
    model: builtins.type[BaseModel] | None = None  # the nested model (mapping or list of mappings)
    many: bool = False  # a list
    base: str = ""  # the core type: text, markdown, id, ref, url, date, int, float, bool, mapping, choice

    @property
    def default_text(self) -> str:
        """The default as written in YAML ('' when there is none worth showing)."""
        if self.default is None or self.default == "":
            return ""
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        return str(self.default)


@dataclass(frozen=True)
class KindDoc:
    kind: str
    title: str
    location: str
    description: str
    fields: tuple[FieldDoc, ...] = field(default_factory=tuple)  # this kind's own fields, nested ones included


@dataclass
class _Type:
    text: str = "text"
    base: str = "text"
    allowed: tuple = ()
    limits: list = field(default_factory=list)
    ref: str | None = None
    markdown: bool = False
    model: type[BaseModel] | None = None
    many: bool = False


def _limits(meta: list) -> list[str]:
    found = []
    lower = next((getattr(m, "ge", None) for m in meta if getattr(m, "ge", None) is not None), None)
    upper = next((getattr(m, "le", None) for m in meta if getattr(m, "le", None) is not None), None)
    if lower is not None and upper is not None:
        found.append(f"{lower:g} to {upper:g}")
    elif lower is not None:
        found.append(f"at least {lower:g}")
    elif upper is not None:
        found.append(f"at most {upper:g}")
    for m in meta:
        pattern = getattr(m, "pattern", None)
        if pattern and pattern != ID_PATTERN:
            found.append(f"pattern {pattern}")
    return found


def _flatten_meta(meta) -> list:
    """Metadata items, with those inside nested FieldInfo objects (Annotated[str, Field(...)])."""
    flat = []
    for m in meta:
        flat.append(m)
        if isinstance(m, FieldInfo):
            flat.extend(m.metadata)
    return flat


def analyse(annotation: Any, metadata: typing.Iterable = ()) -> _Type:
    """What a field holds, in words, from its annotation and metadata."""
    meta = _flatten_meta(metadata)
    while typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        annotation, meta = args[0], meta + _flatten_meta(args[1:])
    origin = typing.get_origin(annotation)
    ref = next((m.kind for m in meta if isinstance(m, Ref)), None)
    if origin in (typing.Union, types.UnionType):
        parts = [analyse(a, meta) for a in typing.get_args(annotation) if a is not type(None)]
        if len(parts) == 1:
            return parts[0]
        texts = []
        for p in parts:
            if p.text not in texts:
                texts.append(p.text)
        first = parts[0]
        return _Type(
            " or ".join(texts),
            first.base,
            first.allowed,
            first.limits,
            first.ref,
            first.markdown,
            next((p.model for p in parts if p.model), None),
            any(p.many for p in parts),
        )
    if origin is list:
        inner = analyse(typing.get_args(annotation)[0])
        if ref:
            return _Type(f"list of {SINGULAR[ref]} ids", "ref", ref=ref, many=True)
        noun = {"mapping": "mappings", "text": "text", "Markdown": "Markdown"}.get(inner.text, inner.text)
        return _Type(
            f"list of {noun}",
            inner.base,
            inner.allowed,
            inner.limits,
            inner.ref,
            inner.markdown,
            inner.model,
            many=True,
        )
    if origin is typing.Literal:
        return _Type("one of the allowed values", "choice", allowed=tuple(str(a) for a in typing.get_args(annotation)))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _Type("mapping", "mapping", model=annotation)
    limits = _limits(meta)
    schema = next((m.json_schema for m in meta if isinstance(m, WithJsonSchema) and m.json_schema), {}) or {}
    if ref:
        return _Type(f"{SINGULAR[ref]} id", "ref", ref=ref)
    if annotation is bool:
        return _Type("true or false", "bool")
    if annotation is int:
        return _Type("whole number", "int", limits=limits)
    if annotation is float:
        return _Type("number", "float", limits=limits)
    if annotation is datetime.date:
        return _Type("date (YYYY-MM-DD)", "date")
    if any(isinstance(m, MarkdownText) for m in meta):
        return _Type("Markdown", "markdown", markdown=True)
    if schema.get("format") == "uri":
        return _Type("URL (http, https or mailto)", "url")
    if schema.get("pattern") == ID_PATTERN:
        return _Type("id (lower-case letters, digits and hyphens)", "id")
    return _Type("text", "text", limits=limits)


def _default(info: FieldInfo) -> Any:
    if info.is_required() or info.default_factory is not None:
        return None
    return info.default


def fields_of(model: type[BaseModel], prefix: str = "", depth: int = 0) -> Iterator[FieldDoc]:
    """Every field of `model`, depth first, nested models' fields right after their parent."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        kind = analyse(info.annotation, info.metadata)
        path = f"{prefix}{key}"
        yield FieldDoc(
            path=path,
            key=key,
            depth=depth,
            type=kind.text,
            required=info.is_required(),
            default=_default(info),
            allowed=kind.allowed,
            limits=", ".join(kind.limits),
            description=info.description or "",
            markdown=kind.markdown,
            ref=kind.ref,
            model=kind.model,
            many=kind.many,
            base=kind.base,
        )
        if kind.model is not None:
            yield from fields_of(kind.model, f"{path}[]." if kind.many else f"{path}.", depth + 1)


def _inherited(model: type[Common], name: str) -> bool:
    """True when `model` takes field `name` unchanged from Common."""
    own, common = model.model_fields.get(name), Common.model_fields.get(name)
    return (
        own is not None
        and common is not None
        and own.description == common.description
        and own.is_required() == common.is_required()
    )


def common_fields() -> tuple[FieldDoc, ...]:
    """The fields every entity may carry."""
    return tuple(fields_of(Common))


def kind_doc(kind: str) -> KindDoc:
    model = ALL_KINDS[kind]
    top = {info.alias or n for n, info in model.model_fields.items() if not _inherited(model, n)}
    own = tuple(f for f in fields_of(model) if f.path.split(".")[0].split("[")[0] in top)
    return KindDoc(kind, TITLES[kind], LOCATIONS[kind], _doc(model), own)


def _doc(model: type[BaseModel]) -> str:
    text = (model.__dict__.get("__doc__") or "").strip()
    # "content/segments/<id>.yml: one market segment." -> "One market segment."
    if ": " in text:
        text = text.split(": ", 1)[1]
    return text[:1].upper() + text[1:]


def kinds() -> list[KindDoc]:
    """Every kind, single-file kinds first, in the order of the format."""
    return [kind_doc(kind) for kind in ALL_KINDS]


def all_models() -> list[type[BaseModel]]:
    """Every model class reachable from the kinds (the kinds themselves and everything nested)."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for f in fields_of(model):
            if f.model is not None:
                visit(f.model)

    for model in ALL_KINDS.values():
        visit(model)
    return seen


def undocumented() -> list[str]:
    """`Model.field` for every field without a description (must stay empty)."""
    return [
        f"{m.__name__}.{info.alias or n}"
        for m in all_models()
        for n, info in m.model_fields.items()
        if not (info.description or "").strip()
    ]

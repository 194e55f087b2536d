"""Walk the models: field names, the model at a path, and every reference (an id of another kind).

The models mark reference fields with `Ref(kind)`; nothing else lists them, so a new
reference field is resolved, reverse-indexed and documented without further code.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from generator.model.fields import Ref


def unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional, leaving the core type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else args[0]
        else:
            return annotation


def field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def model_at(model: type[BaseModel] | None, loc: tuple) -> type[BaseModel] | None:
    """The model class describing the mapping at `loc`, or None when it is not a model."""
    current: Any = model
    for part in loc:
        current = unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is list:
                current = typing.get_args(current)[0]
                continue
            return None
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        fields = {info.alias or name: info for name, info in current.model_fields.items()}
        if part not in fields:
            return None
        current = fields[part].annotation
    current = unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def ref_kind(info) -> str | None:
    """The kind a field refers to, wherever Ref sits: on the field or inside `X | None`."""
    for meta in info.metadata:
        if isinstance(meta, Ref):
            return meta.kind
    return _ref_in(info.annotation)


def _ref_in(annotation: Any) -> str | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        found = next((m.kind for m in metadata if isinstance(m, Ref)), None)
        return found or _ref_in(base)
    if origin in (typing.Union, types.UnionType):
        return next((k for k in map(_ref_in, typing.get_args(annotation)) if k), None)
    return None


@cache
def plan(model: type[BaseModel]) -> tuple[tuple[str, str, str | None, bool], ...]:
    """(attribute, key in YAML, ref kind or None, holds nested models) for the fields worth walking."""
    plan = []
    for name, info in model.model_fields.items():
        kind = ref_kind(info)
        nested = holds_models(info.annotation)
        if kind or nested:
            plan.append((name, info.alias or name, kind, nested))
    return tuple(plan)


def holds_models(annotation) -> bool:
    """Whether a field of this annotation holds a model or a list of models (None allowed)."""
    core = unwrap(annotation)
    if typing.get_origin(core) is list:
        core = unwrap(typing.get_args(core)[0])
    return isinstance(core, type) and issubclass(core, BaseModel)


def iter_refs(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """Yield (loc, target kind, id) for every reference in `model`."""
    for attr, key, kind, nested in plan(type(model)):
        value = getattr(model, attr)
        if value is None:
            continue
        if kind:
            if isinstance(value, list):
                for i, item in enumerate(value):
                    yield loc + (key, i), kind, item
            else:
                yield loc + (key,), kind, value
        elif nested:
            if isinstance(value, list):
                for i, item in enumerate(value):
                    yield from iter_refs(item, loc + (key, i))
            else:
                yield from iter_refs(value, loc + (key,))

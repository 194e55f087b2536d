"""Which fields of which entities a page reads, for `playbook serve` (see Catalog.recording).

A page that only shows a persona's name need not be rendered again when the persona's pains
change. While a recording is open, every entity notes each of its own fields read, as
(kind, id, field); anything else read from it that could reveal every field (its __dict__,
model_dump, equality, a method) notes the whole entity, (kind, id).

The hook is installed on the entity class only while a recording is open: a Python-level
__getattribute__ costs a function call per attribute read, which `playbook build` does not pay.
"""

from __future__ import annotations

from generator.model.kinds import Common

# Read millions of times while rendering, and saying nothing about the entity's content.
_HARMLESS = frozenset(
    {
        "id",
        "rel",
        "kind",
        "__class__",
        "__pydantic_private__",
        "__pydantic_fields__",
        "__pydantic_extra__",
        "__html__",  # markupsafe asks whether a value is markup; entities are not
        "model_fields",
        "__class_vars__",
        "__private_attributes__",
        "__pydantic_complete__",
    }
)

_target: list[set] = []  # the open recorders of the catalog recording now
_outer: list[list[set]] = []  # catalogs whose recording this one interrupted (a memo of another catalog)


def _recording_getattribute(self, name: str, _get=object.__getattribute__):
    # Called for every attribute read of every entity while a page renders: kept to a few lookups.
    if name == "id":  # the property would read __pydantic_private__ through here a second time
        return _get(self, "__pydantic_private__")["_id"]
    if name in _HARMLESS:
        return _get(self, name)
    kind, fields = _SHAPES.get(type(self)) or _shape(type(self))
    _target[-1].add(
        (kind, _get(self, "__pydantic_private__")["_id"], name)
        if name in fields
        else (kind, _get(self, "__pydantic_private__")["_id"])
    )
    return _get(self, name)


# Each entity model's kind and field names: class attribute lookups on pydantic models are slow.
_SHAPES: dict[type, tuple[str, frozenset[str]]] = {}


def _shape(model) -> tuple[str, frozenset[str]]:
    shape = _SHAPES[model] = (model.kind, frozenset(model.__pydantic_fields__))
    return shape


def start(recorders: list[set]) -> None:
    """Record field reads into recorders[-1] (the list is the catalog's own stack) until stop()."""
    global _target
    if _target:
        _outer.append(_target)
    else:
        Common.__getattribute__ = _recording_getattribute  # type: ignore[method-assign]
    _target = recorders


def stop() -> None:
    """Back to the catalog recording before start(), or no recording (and no hook) at all."""
    global _target
    _target = _outer.pop() if _outer else []
    if not _target:
        del Common.__getattribute__

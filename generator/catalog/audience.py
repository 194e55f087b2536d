"""Filter a catalog for one edition of the site: internal, partner or public.

Everything downstream (pages, search, attachments, exports) sees only the filtered catalog,
so an excluded entity cannot leak through any of them. References from an included entity
to an excluded one are removed rather than left dangling.
"""

from __future__ import annotations

from typing import Any, cast

from pydantic import BaseModel

from generator.catalog.catalog import ALL_MEANING_FIELDS, Catalog, build_catalog
from generator.model.fields import AUDIENCES
from generator.model.introspect import plan
from generator.model.kinds import Common
from generator.model.registry import LIST_KINDS

# Which entity audiences each edition may show.
# An edition shows what is meant for it and for every wider audience (AUDIENCES is widest-reach last).
VISIBLE = {audience: set(AUDIENCES[i:]) for i, audience in enumerate(AUDIENCES)}


def visible(model, audience: str, drafts: bool) -> bool:
    return model.audience in VISIBLE[audience] and (drafts or not model.draft)


def for_audience(catalog: Catalog, audience: str = "internal", *, drafts: bool = False) -> Catalog:
    """A new catalog holding only what `audience` may see (drafts only when asked for)."""
    if audience not in VISIBLE:
        raise ValueError(f"unknown audience {audience!r}")
    kept_singles = [m for m in catalog.singles.values() if visible(m, audience, drafts)]
    kept = [m for kind in catalog.entities.values() for m in kind.values() if visible(m, audience, drafts)]
    allowed: dict[str, set[str]] = {kind: set() for kind in list(catalog.entities) + list(LIST_KINDS)}
    for model in kept:
        allowed[model.kind].add(model.id)
    singles = {m.kind for m in kept_singles}
    allowed["stages"] = set(catalog.stages) if "process" in singles else set()
    allowed["roles"] = set(catalog.roles) if "team" in singles else set()
    strip_internal = audience != "internal"
    pruned = [_prune_entity(m, allowed, strip_internal) for m in kept_singles + kept]
    # In some lists an empty list means "all": one emptied here named only hidden entities and
    # must not turn into a promise to everyone.
    narrowed = {
        (old.kind, old.id, field)
        for old, new in zip(kept_singles + kept, pruned, strict=False)
        for field in ALL_MEANING_FIELDS
        if getattr(old, field, None) and not getattr(new, field)
    }
    return build_catalog(catalog.root, pruned, narrowed=narrowed | catalog.narrowed)


def _prune_entity(model: Common, allowed: dict[str, set[str]], strip_internal: bool) -> Common:
    copy = cast(Common, _prune(model, allowed))
    if strip_internal and copy.internal is not None:
        copy = copy.model_copy(update={"internal": None})
    copy._id, copy._rel = model.id, model.rel
    return copy


def _prune(model: BaseModel, allowed: dict[str, set[str]]) -> BaseModel:
    """Drop references to ids outside `allowed`; drop list items whose required reference is gone."""
    update: dict[str, Any] = {}
    for attr, _key, kind, _nested in plan(type(model)):
        value = getattr(model, attr)
        if value is None:
            continue
        if kind:
            if isinstance(value, list):
                kept = [v for v in value if v in allowed[kind]]
                if len(kept) != len(value):
                    update[attr] = kept
            elif value not in allowed[kind]:
                update[attr] = None
        elif isinstance(value, list):
            items = [_prune(item, allowed) for item in value]
            items = [item for item in items if _still_whole(item)]
            update[attr] = items
        else:
            update[attr] = _prune(value, allowed)
    return model.model_copy(update=update) if update else model


def _still_whole(item: BaseModel) -> bool:
    """An item whose required single reference was removed (a committee member whose persona
    is hidden, a play at a hidden stage) no longer means anything and is dropped."""
    for attr, _key, kind, _nested in plan(type(item)):
        if kind and getattr(item, attr) is None and type(item).model_fields[attr].is_required():
            return False
    return True

"""The ids a project's reference fields may name, with what the editor shows beside each.

`playbook schema --project` lists them in the JSON Schemas so that the editor completes
`persona: cf` to `cfo` and underlines a misspelt id. They are exactly the ids `playbook check`
accepts (`reference_targets`), so a project check accepts is never marked wrong in the editor.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.catalog.check import CheckResult
from generator.catalog.rules import reference_targets
from generator.model.registry import LOCATIONS, SINGULAR


@dataclass(frozen=True)
class Choice:
    id: str
    description: str  # "cfo — Chief Financial Officer", shown with the id in the completion list


def _description(result: CheckResult, kind: str, id: str) -> str:
    """The id and the name of what it names; the file when it is not valid yet (no name to show)."""
    entity = result.catalog.get(kind, id)
    name = getattr(entity, "name", None) if entity is not None else None
    if name:
        return f"{id} — {name}"
    where = LOCATIONS.get(kind, "").replace("<id>", id)
    return f"{id} — {SINGULAR[kind]} in {where}" if where else id


def reference_choices(result: CheckResult) -> dict[str, list[Choice]]:
    """Reference kind -> the ids it may name, sorted. A kind is left out when the ids cannot be
    known (process.yml or team.yml does not validate) or there are none, so that its fields stay
    plain text rather than refusing every value."""
    choices = {}
    for kind in SINGULAR:  # every kind a reference can name
        ids = reference_targets(result.catalog, result.known_ids, kind)
        if ids:
            choices[kind] = [Choice(id, _description(result, kind, id)) for id in sorted(ids)]
    return choices

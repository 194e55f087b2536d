"""Turn a loaded document into a model instance, or into located, plain-language diagnostics.

pydantic reports errors as `loc` tuples; the loader's source map turns them into
file:line:column. Unknown fields point at the key, missing fields at the parent mapping,
everything else at the value.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostic, error
from generator.load.dialect import BOOL, FLOAT, INT, plain_tag
from generator.model.introspect import field_names, model_at
from generator.suggest import did_you_mean

M = TypeVar("M", bound=BaseModel)

_SIMPLE_TYPES = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
}
_RANGE_TYPES = {
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "greater_than": "must be more than {gt}",
    "less_than": "must be less than {lt}",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "has the wrong form",
}
_CUSTOM_CODES = {
    "playbook_id": "E205",
    "playbook_url": "E207",
    "playbook_date": "E202",
    "playbook_url_and_file": "E210",
    "playbook_markdown": "E211",
}


def describe_value(value: Any) -> str:
    """How a YAML value looks to the person who wrote it."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (YAML reads yes/no/on/off as true or false; quote it to keep the text)"
    if isinstance(value, int):
        return f"the whole number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def validate_document(model: type[M], data: dict, rel: str, source) -> tuple[M | None, list[Diagnostic]]:
    """Validate `data` against `model`; on failure, one diagnostic per located problem."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, _diagnostics(model, data, rel, source, exc.errors(include_url=False))


def _diagnostics(model, data, rel, source, errors) -> list[Diagnostic]:
    grouped: dict[tuple, list[dict]] = {}
    for err in errors:
        loc = _real_loc(data, tuple(err["loc"]), err["type"])
        grouped.setdefault((loc, err["type"] == "missing"), []).append(err)
    result = []
    for (loc, _missing), errs in grouped.items():
        if len(errs) > 1 and all(e["type"] in _SIMPLE_TYPES or e["type"] == "literal_error" for e in errs):
            result.append(_union_type_error(rel, source, loc, errs, data))
        else:
            result.extend(_one(model, rel, source, loc, err, data) for err in errs)
    return result


def _real_loc(data: Any, loc: tuple, kind: str) -> tuple:
    """The part of `loc` that exists in the document: union branches add names that are not keys."""
    node, real = data, []
    for i, part in enumerate(loc):
        if (
            isinstance(node, dict)
            and isinstance(part, str)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            node = node[part]  # type: ignore[index]  # the test above matched part to node's type
        elif kind in ("missing", "extra_forbidden") and i == len(loc) - 1 and isinstance(node, dict):
            pass
        else:
            break
        real.append(part)
    return tuple(real)


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        data = data[part]
    return data


def _field_name(loc: tuple) -> str:
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else "the file"


def _one(model, rel, source, loc, err, data) -> Diagnostic:
    kind, ctx = err["type"], err.get("ctx") or {}
    field = _field_name(loc)
    if kind == "extra_forbidden":
        where = source.key(loc)
        allowed = sorted(field_names(model_at(model, loc[:-1])))
        hint = did_you_mean(loc[-1], allowed) or f" (fields allowed here: {', '.join(allowed)})"
        return error(rel, where.line, where.column, "E200", f"unknown field '{loc[-1]}'{hint}")
    if kind == "missing":
        where = source.value(loc[:-1])
        return error(
            rel, where.line, where.column, "E201", f"missing required field '{loc[-1]}': add it to this mapping"
        )
    value = _value_at(data, loc)
    where = source.value(loc)
    if kind in ("literal_error", "enum"):
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        hint = did_you_mean(str(value), choices)
        return error(
            rel,
            where.line,
            where.column,
            "E203",
            f"unknown {field} {_shown(value)}{hint}; choose one of: {', '.join(choices)}",
        )
    if kind in _SIMPLE_TYPES:
        return error(
            rel,
            where.line,
            where.column,
            "E202",
            f"'{field}' must be {_SIMPLE_TYPES[kind]}, not {describe_value(value)}{_quote_hint(kind, value)}",
        )
    if kind in _CUSTOM_CODES:
        if kind == "playbook_url_and_file":  # a rule over the whole mapping: point at `file`, name no field
            where = source.key(loc + ("file",))
            return error(rel, where.line, where.column, _CUSTOM_CODES[kind], err["msg"])
        return error(rel, where.line, where.column, _CUSTOM_CODES[kind], f"'{field}': {err['msg']}")
    if kind in _RANGE_TYPES:
        return error(
            rel,
            where.line,
            where.column,
            "E209",
            f"'{field}' {_RANGE_TYPES[kind].format(**ctx)}: {describe_value(value)}",
        )
    return error(rel, where.line, where.column, "E209", f"'{field}': {err['msg']}")


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else describe_value(value)


# The tags a value written without quotes would need to have to pass as each type.
_PLAIN_TAGS = {"int_type": (INT,), "float_type": (INT, FLOAT), "bool_type": (BOOL,)}


def _quote_hint(kind: str, value: Any) -> str:
    if isinstance(value, str) and kind in _PLAIN_TAGS:
        if plain_tag(value) in _PLAIN_TAGS[kind]:
            return "; remove the quotes"  # only quotes can have made this text
        if kind == "bool_type":
            return "; write true or false"
        if kind == "int_type":
            return "; write a whole number: digits only, no thousands separators or units"
        return "; write a plain number: digits with an optional decimal point, no thousands separators or units"
    if kind == "string_type" and isinstance(value, (int, float, bool, datetime.date)):
        return "; put it in quotes to keep it as text"
    if kind == "list_type" and isinstance(value, str):
        if "\n" in value or len(value) > 60:
            return "; write it as a list, one item per line starting with '- '"
        return f"; write it as a list: [{value}]"
    return ""


def _union_type_error(rel, source, loc, errs, data) -> Diagnostic:
    value = _value_at(data, loc)
    expected = sorted({_SIMPLE_TYPES.get(e["type"], "one of the listed values") for e in errs})
    where = source.value(loc)
    return error(
        rel,
        where.line,
        where.column,
        "E202",
        f"'{_field_name(loc)}' must be {' or '.join(expected)}, not {describe_value(value)}",
    )

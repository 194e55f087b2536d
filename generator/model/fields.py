"""Reusable field types for the models: ids, references, dates, URLs, Markdown.

Each type carries its own validation and JSON Schema, so the models, the exported schemas
and the field reference cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_ID_RE = re.compile(ID_PATTERN)
URL_SCHEMES = ("http", "https", "mailto")


class Strict(BaseModel):
    """Base of every model: strict types (so the JSON Schema and validation agree) and no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=False)


@dataclass(frozen=True)
class Ref:
    """Marks a field whose text values are ids of another kind (resolved by the catalog)."""

    kind: str


@dataclass(frozen=True)
class MarkdownText:
    """Marks a field rendered as Markdown; every other text field is shown exactly as written."""


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise PydanticCustomError(
            "playbook_id",
            "'{value}' is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit",
            {"value": value},
        )
    return value


def _to_date(value: object) -> object:
    # YAML gives a date for 2026-01-31 but a str when quoted; editors checking the JSON Schema
    # see a string either way, so both must pass.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "playbook_date", "'{value}' is not a date: write it as YYYY-MM-DD", {"value": value}
            ) from None
    return value


def _check_url(value: str) -> str:
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in URL_SCHEMES:
        raise PydanticCustomError(
            "playbook_url",
            "'{value}' is not an http, https or mailto URL",
            {"value": value},
        )
    if scheme in ("http", "https") and not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise PydanticCustomError(
            "playbook_url", "'{value}' is not a complete URL: write it as https://host/path", {"value": value}
        )
    return value


Id = Annotated[str, AfterValidator(_check_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
Date = Annotated[date, BeforeValidator(_to_date), WithJsonSchema({"type": "string", "format": "date"})]
Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": r"^(https?://|mailto:)"}),
]
Markdown = Annotated[str, MarkdownText(), WithJsonSchema({"type": "string", "contentMediaType": "text/markdown"})]
Text = Annotated[str, Field(min_length=1)]
TextList = list[Text]


def refs(kind: str):
    """A list of ids of `kind` (an empty list is allowed)."""
    return Annotated[list[str], Ref(kind)]


def ref(kind: str):
    """A single id of `kind`."""
    return Annotated[str, Ref(kind)]


SegmentRefs = refs("segments")
PersonaRefs = refs("personas")
ValuePropositionRefs = refs("value-propositions")
ProductRefs = refs("products")
AssetRefs = refs("assets")
CompetitorRefs = refs("competitors")
StageRefs = refs("stages")
RoleRefs = refs("roles")
PersonaRef = ref("personas")
StageRef = ref("stages")
RoleRef = ref("roles")

Audience = Literal["internal", "partner", "public"]
BuyingRole = Literal[
    "economic_buyer", "evaluating_buyer", "user_buyer", "champion", "influencer", "blocker", "gatekeeper"
]
Influence = Literal["high", "medium", "low"]
Score = Annotated[int, Field(ge=1, le=5)]


def describe(text: str, **kwargs):
    """Field(...) with a description; every field in the models must have one."""
    return Field(description=text, **kwargs)


def list_field(text: str):
    return Field(default_factory=list, description=text)

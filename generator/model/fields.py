"""Reusable field types for the models: ids, references, dates, URLs, Markdown.

Each type carries its own validation and JSON Schema, so the models, the exported schemas
and the field reference cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_ID_RE = re.compile(ID_PATTERN)
URL_SCHEMES = ("http", "https", "mailto")


class Strict(BaseModel):
    """Base of every model: strict types (so the JSON Schema and validation agree) and no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=False)


# The JSON Schema keyword that marks a reference field with the kind it names, so that
# `playbook schema --project` can list the project's ids there (generator/authoring/schema.py
# replaces it; the plain schemas leave it out).
REFERS_TO = "x-playbook-refers-to"


@dataclass(frozen=True)
class Ref:
    """Marks a field whose text values are ids of another kind (resolved by the catalog)."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        schema = handler(core_schema)
        schema[REFERS_TO] = self.kind
        return schema


@dataclass(frozen=True)
class MarkdownText:
    """Marks a field rendered as Markdown; every other text field is shown exactly as written."""


# Python-Markdown's inline parsing takes time that grows with the square of the number of
# markup characters (4,000 '[' took 14 s here, 24,000 '*a*' 16 s; 100 KB of '[' would take
# hours): one pasted field could hang every build. Within these limits a field renders in
# well under a second.
MAX_MARKDOWN_CHARS = 50_000
MAX_MARKDOWN_MARKUP = 3_000
MARKUP_CHARACTERS = "[]()*_`\\<>&!"
# Each '[' makes the parser scan the rest of its paragraph for the matching ']' and '(...)'.
MAX_BRACKET_SCAN = 300_000


def _bracket_scan(value: str) -> int:
    """How many characters the link parser may scan: each '[' times its paragraph's length."""
    return sum(p.count("[") * len(p) for p in re.split(r"\n\s*\n", value))


def markdown_too_complex(value: str) -> str | None:
    """Why a Markdown text cannot be rendered in bounded time, or None."""
    if len(value) > MAX_MARKDOWN_CHARS:
        return f"is {len(value):,} characters long; Markdown fields hold at most {MAX_MARKDOWN_CHARS:,}"
    markup = sum(value.count(c) for c in MARKUP_CHARACTERS) + value.count("  \n")
    if markup > MAX_MARKDOWN_MARKUP:
        return (
            f"holds {markup:,} Markdown markup characters ({MARKUP_CHARACTERS} and line breaks); "
            f"at most {MAX_MARKDOWN_MARKUP:,} fit in one Markdown field"
        )
    if _bracket_scan(value) > MAX_BRACKET_SCAN:
        return "holds too many '[' in too long a paragraph; split the paragraph with blank lines or use fewer links"
    return None


def _check_markdown(value: str) -> str:
    problem = markdown_too_complex(value)
    if problem is not None:
        raise PydanticCustomError(
            "playbook_markdown", "this text {problem}: split it or move it into an attachment", {"problem": problem}
        )
    return value


def _check_id(value: str) -> str:
    if not _ID_RE.fullmatch(value):
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
Markdown = Annotated[
    str,
    MarkdownText(),
    AfterValidator(_check_markdown),
    WithJsonSchema({"type": "string", "contentMediaType": "text/markdown"}),
]
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
# The editions from the narrowest reach to the widest: the one place that lists them.
AUDIENCES: tuple[str, ...] = get_args(Audience)
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

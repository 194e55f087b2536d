"""`playbook init` (a new starter project) and `playbook new` (one new entity file).

The starter project ships in generator/starter/: one short, valid example of every kind, the
site settings, CI for GitHub and GitLab, pre-commit, the field-insight issue form and a
README for marketing. What depends on the models (the JSON Schemas and the editor settings
that map them to the folders) is generated at `init` time, never copied, so it cannot drift.

`playbook new` writes the required fields with values and every optional field as a comment,
all read from the models through generator.reference.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import yaml

from generator.authoring.package import default_generator_spec
from generator.authoring.schema import SCHEMA_DIR, vscode_schemas, write_project_schemas
from generator.catalog.check import check_project
from generator.catalog.discover import YAML_SUFFIXES
from generator.model.fields import ID_PATTERN
from generator.model.reference import FieldDoc, fields_of
from generator.model.registry import FOLDER_KINDS, LOCATIONS, SINGLE_KINDS, SINGULAR, SUFFIXES

STARTER = Path(__file__).resolve().parents[1] / "starter"  # generator/starter
_ID_RE = re.compile(ID_PATTERN)
COMMENT_COLUMN = 34


class ScaffoldError(Exception):
    """The request cannot be carried out; the message says why and what to do instead."""


class UsageProblem(ScaffoldError):
    """The command was given something malformed (an unknown kind, an invalid id)."""


# --- init --------------------------------------------------------------------------------------


def checked_spec(spec: str | None) -> str:
    """The install spec `init --generator` was given (a requirement, a git URL or a path), refused
    when it would not survive being written as one line of requirements.txt."""
    if spec is None:
        return default_generator_spec()
    spec = spec.strip()
    if not spec or any(ch in spec for ch in "\n\r\0") or spec.startswith(("-", "#")):
        raise UsageProblem(
            "--generator needs what pip installs, on one line: for example "
            "'customer-value-playbook==1.2.0', 'git+https://git.example.com/tools/playbook@v1.2.0' "
            "or a path to a wheel"
        )
    return spec


def init_project(dest: Path, generator_spec: str | None = None) -> list[Path]:
    """Create a starter project in `dest`, which must be missing or empty. Returns the files written.

    `generator_spec` is what the project's CI and pre-commit install (default: this version)."""
    spec = checked_spec(generator_spec)
    if dest.exists() and not dest.is_dir():
        raise ScaffoldError(f"{dest} exists and is not a folder; choose a new folder name")
    if dest.is_dir() and any(dest.iterdir()):
        raise ScaffoldError(
            f"{dest} is not empty; `playbook init` only writes into a new or empty folder, so that it "
            "never overwrites your files. Choose another folder."
        )
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(STARTER.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        target = dest / source.relative_to(STARTER)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    written += write_project_schemas(check_project(dest), dest / SCHEMA_DIR)  # the starter's own ids
    written.append(_write(dest / ".vscode" / "settings.json", json.dumps(_vscode_settings(), indent=2) + "\n"))
    written.append(_write(dest / "requirements.txt", _requirements(spec)))
    written.append(_write(dest / ".pre-commit-config.yaml", _pre_commit_config(spec)))
    return sorted(written)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _vscode_settings() -> dict:
    """VS Code settings: each JSON Schema mapped to its folder (completion, hover help, inline errors)."""
    return {
        "yaml.schemas": vscode_schemas(SCHEMA_DIR),
        # The reading `playbook check` uses (generator/load/dialect.py): `no` is text, not false.
        "yaml.yamlVersion": "1.2",
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "[yaml]": {
            "editor.tabSize": 2,
            "editor.insertSpaces": True,
            "editor.quickSuggestions": {"other": True, "comments": False, "strings": True},
        },
    }


def _requirements(spec: str) -> str:
    return (
        "# What CI (and you, locally) install to check and build the playbook: pip install -r requirements.txt\n"
        "# The generator is pinned to the version that created this project. To upgrade, change the\n"
        "# version here and in .pre-commit-config.yaml, then run `playbook schema --project`.\n"
        f"{spec}\n"
    )


def _pre_commit_config(spec: str) -> str:
    """pre-commit builds the hook its own environment with this generator (language: python), so a
    commit from an editor's Source Control panel works without an activated virtual environment."""
    return (
        "# Checks the playbook before every commit: `pip install pre-commit && pre-commit install`.\n"
        "# pre-commit installs the generator below into an environment of its own; keep its version\n"
        "# the same as in requirements.txt.\n"
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: playbook-check\n"
        "        name: playbook check\n"
        "        entry: playbook check\n"
        "        language: python\n"
        "        additional_dependencies:\n"
        f"          - {json.dumps(spec)}\n"
        "        pass_filenames: false\n"
        "        files: ^(content|playbooks)/|^mkdocs\\.ya?ml$\n"
        "      # Keeps the ids the editor completes (schemas/) in step with content/: when it rewrites a\n"
        "      # schema, the commit stops; `git add schemas` and commit again.\n"
        "      - id: playbook-schema\n"
        "        name: playbook schema --project\n"
        "        entry: playbook schema --project\n"
        "        language: python\n"
        "        additional_dependencies:\n"
        f"          - {json.dumps(spec)}\n"
        "        pass_filenames: false\n"
        "        files: ^(content|playbooks)/\n"
    )


# --- new ---------------------------------------------------------------------------------------


def resolve_kind(text: str) -> str:
    """A folder kind from what a person types: persona, personas, value_proposition, ..."""
    word = text.strip().lower().replace("_", "-").replace(" ", "-")
    for kind in FOLDER_KINDS:
        if word in (kind, kind.rstrip("s"), SINGULAR[kind].replace(" ", "-")):
            return kind
    if word in SINGLE_KINDS:
        raise UsageProblem(
            f"{word} is a single file, content/{word}.yml, not a kind you add one by one: edit that file "
            "(`playbook init` creates it)"
        )
    choices = ", ".join(SINGULAR[k].replace(" ", "-") for k in FOLDER_KINDS)
    raise UsageProblem(f"unknown kind '{text}': use one of {choices}")


def entity_file(root: Path, kind: str, id: str) -> Path:
    return root / LOCATIONS[kind].replace("<id>", id)


def suggest_id(text: str) -> str:
    """A valid id close to `text`: 'Plant_Manager' -> 'plant-manager'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-id"


def default_name(id: str) -> str:
    """'key-account-manager' -> 'Key account manager'."""
    words = id.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def new_entity(
    root: Path, kind_text: str, id: str, name: str | None = None, today: datetime.date | None = None
) -> Path:
    """Write a new, valid entity file and return its path."""
    kind = resolve_kind(kind_text)
    if not _ID_RE.fullmatch(id):
        raise UsageProblem(
            f"'{id}' is not a valid id: use lower-case letters, digits and hyphens, starting with a letter "
            f"or digit (for example {suggest_id(id)})"
            if id
            else "the id is empty"
        )
    path = entity_file(root, kind, id)
    suffixes = YAML_SUFFIXES if SUFFIXES[kind] == ".yml" else (SUFFIXES[kind],)
    existing = [path.with_suffix(s) for s in suffixes if path.with_suffix(s).exists()]
    if existing:
        raise ScaffoldError(
            f"{existing[0].relative_to(root).as_posix()} already exists; choose another id or edit that file"
        )
    if name is not None and not name.strip():
        raise UsageProblem("--name is empty; leave it out to derive the name from the id")
    text = entity_text(kind, id, name or default_name(id), today or datetime.date.today())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite a file that appeared meanwhile
        handle.write(text)
    return path


def entity_text(kind: str, id: str, name: str, today: datetime.date) -> str:
    """The YAML of a new entity: required fields with values, every optional field commented out."""
    location = LOCATIONS[kind].replace("<id>", id)
    lines = [
        f"# {location}: one {SINGULAR[kind]}.",
        "# The fields without '#' are required. Every other field is listed as a comment: to use one,",
        "# delete the '# ' in front of it (and in front of the lines indented under it) and fill it in.",
        '# The site\'s page "How to edit this playbook" explains every field; `playbook check` checks them.',
        "",
    ]
    optional: list[str] = []
    page = SUFFIXES[kind] == ".md"
    for doc in _ordered([f for f in fields_of(FOLDER_KINDS[kind]) if f.depth == 0]):
        if page and doc.key in PAGE_TEXT:
            continue
        if doc.required:
            value = name if doc.key in ("name", "title") else _required_value(doc, today)
            lines.append(_line(0, doc.key, _scalar(value), ""))
        else:
            optional.extend(_field_lines(doc, 0, today))
    lines.append("")
    lines.extend("# " + line for line in optional)
    if page:  # the fields are the front matter; the text follows it
        lines = ["---", *lines[:4], PAGE_HINT, *lines[4:], "---", PAGE_STARTER]
    return "\n".join(lines) + "\n"


# A page's text is written below its front matter, never as a field of it.
PAGE_TEXT = ("body", "description")
PAGE_STARTER = "Write the page here, in Markdown."
PAGE_HINT = (
    "# The page's text goes below the closing '---', in Markdown: **bold**, lists, tables, and links\n"
    "# to other pages such as [the CFO](persona:cfo) or [onboarding](page:onboarding-a-new-seller)."
)


# Fields every entity carries that are about keeping it, not about its content: listed last.
HOUSEKEEPING = ("audience", "reviewed", "review_by", "draft", "internal")


def _ordered(docs: list[FieldDoc]) -> list[FieldDoc]:
    """The kind's content fields first, the housekeeping fields last (otherwise in model order)."""
    return [d for d in docs if d.key not in HOUSEKEEPING] + [d for d in docs if d.key in HOUSEKEEPING]


def _required_value(doc: FieldDoc, today: datetime.date):
    if doc.base == "date":
        return today
    if doc.allowed:
        return doc.allowed[0]
    return f"TODO: {doc.description}"


def _example(doc: FieldDoc, today: datetime.date):
    """A value that passes validation once uncommented (or that the check explains)."""
    if doc.many:
        return []
    if doc.default is not None:
        return doc.default
    if doc.allowed:
        return doc.allowed[0]
    if doc.key == "review_by":
        return today + datetime.timedelta(days=182)  # a review date half a year ahead
    return {
        "date": today,
        "url": "https://www.example.com",
        "bool": False,
        "int": _lowest(doc),
        "float": _lowest(doc),
    }.get(doc.base)


def _lowest(doc: FieldDoc):
    """0 when the field allows it, else its lower limit (a priority starts at 1)."""
    match = re.match(r"(?:at least )?(-?\d+)", doc.limits)
    return int(match.group(1)) if match and int(match.group(1)) > 0 else 0


def _scalar(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    return text[: -len("...")].strip() if text.endswith("...") else text


def _comment(doc: FieldDoc) -> str:
    parts = []
    if doc.required:
        parts.append("required.")
    parts.append(doc.description)
    if doc.allowed:
        parts.append("One of: " + ", ".join(doc.allowed) + ".")
    return " ".join(parts)


def _line(indent: int, key: str, value: str, comment: str, dash: bool = False) -> str:
    head = " " * indent + ("- " if dash else "") + f"{key}:" + (f" {value}" if value else "")
    if not comment:
        return head
    return head.ljust(COMMENT_COLUMN) + " # " + comment


def _field_lines(doc: FieldDoc, indent: int, today: datetime.date, dash: bool = False) -> list[str]:
    """The YAML lines of one field (and of the fields nested under it)."""
    if doc.model is None:
        return [_line(indent, doc.key, _scalar(_example(doc, today)), _comment(doc), dash)]
    lines = [_line(indent, doc.key, "", _comment(doc), dash)]
    children = [f for f in fields_of(doc.model) if f.depth == 0]
    child_indent = indent + (2 if dash else 0) + 2
    for i, child in enumerate(children):
        if doc.many:
            # One example item: the first field carries the list dash.
            first = i == 0
            lines.extend(_field_lines(child, child_indent + (0 if first else 2), today, dash=first))
        else:
            lines.extend(_field_lines(child, child_indent, today))
    return lines

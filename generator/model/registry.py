"""The kind registry: every kind of content declared once, and every table of kinds derived here.

A kind is where marketing writes it (a single file, a folder of files, or a list inside a single
file), the model that validates it, how a message names one of it, and where and with which
template the site shows one. Section titles and other words sellers read are presentation:
they live in site_templates/labels.yml, keyed by the kind's name.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.kinds import (
    Asset,
    Common,
    Company,
    Competitor,
    Insight,
    Leads,
    Page,
    Persona,
    Playbook,
    Process,
    Product,
    Segment,
    Team,
    ValueProposition,
)


@dataclass(frozen=True)
class Kind:
    name: str  # the key everywhere: folder or file stem, export key, reference target
    singular: str  # how a message names one: "unknown value proposition 'x'"
    location: str  # where marketing writes it, as the field reference shows it
    model: type[Common] | None = None  # None for list kinds, validated as part of their file
    site_folder: str | None = None  # the site folder of its pages (None: no page of its own)
    template: str | None = None  # the page template of one entity
    list_in: tuple[str, str] | None = None  # list kinds: (single kind, field) that holds them
    suffix: str = ".yml"  # the file format: ".yml" (YAML) or ".md" (Markdown with YAML front matter)

    @property
    def single(self) -> bool:
        return self.model is not None and "<id>" not in self.location

    @property
    def folder(self) -> bool:
        return self.model is not None and "<id>" in self.location


def _folder(
    name: str,
    singular: str,
    model: type[Common],
    site_folder: str = "",
    *,
    under: str = "content/",
    suffix: str = ".yml",
) -> Kind:
    """A kind with a folder of files, one page per entity, shown by <singular>.html.j2."""
    page = f"{singular.replace(' ', '-')}.html.j2"
    location = f"{under}{name}/<id>{suffix}"
    return Kind(name, singular, location, model, site_folder or name, page, suffix=suffix)


KINDS: tuple[Kind, ...] = (
    Kind("company", "company", "content/company.yml", Company),
    Kind("process", "sales process", "content/process.yml", Process),
    Kind("leads", "leads", "content/leads.yml", Leads),
    Kind("team", "team", "content/team.yml", Team),
    _folder("segments", "segment", Segment),
    _folder("personas", "persona", Persona),
    _folder("value-propositions", "value proposition", ValueProposition),
    _folder("products", "product", Product),
    # The asset library is not called "assets" in the site because the theme owns that folder.
    _folder("assets", "asset", Asset, "library"),
    _folder("competitors", "competitor", Competitor),
    _folder("insights", "insight", Insight),
    _folder("playbooks", "playbook", Playbook, under=""),
    # Free-form pages: Markdown, its fields in the front matter between two `---` lines.
    _folder("pages", "page", Page, suffix=".md"),
    Kind("stages", "process stage", "content/process.yml", list_in=("process", "stages")),
    Kind("roles", "team role", "content/team.yml", list_in=("team", "roles")),
)
KIND = {kind.name: kind for kind in KINDS}

# The tables the rest of the generator reads, all derived from KINDS.
SINGLE_KINDS: dict[str, type[Common]] = {k.name: k.model for k in KINDS if k.single and k.model}
FOLDER_KINDS: dict[str, type[Common]] = {k.name: k.model for k in KINDS if k.folder and k.model}
ALL_KINDS: dict[str, type[Common]] = {**SINGLE_KINDS, **FOLDER_KINDS}
LIST_KINDS: dict[str, tuple[str, str]] = {k.name: k.list_in for k in KINDS if k.list_in}
# Kinds an id may refer to (folder kinds and list kinds), by how messages name one.
SINGULAR: dict[str, str] = {k.name: k.singular for k in KINDS if not k.single}
LOCATIONS: dict[str, str] = {k.name: k.location for k in KINDS if k.model}
SITE_FOLDERS: dict[str, str] = {k.name: k.site_folder for k in KINDS if k.site_folder}
ENTITY_TEMPLATES: dict[str, str] = {k.name: k.template for k in KINDS if k.template}
# The file format of each kind written in files: ".yml" or ".md".
SUFFIXES: dict[str, str] = {k.name: k.suffix for k in KINDS if k.model}
# Kinds written as YAML files, which JSON Schemas and the editor's YAML support check.
YAML_KINDS: dict[str, type[Common]] = {k: m for k, m in ALL_KINDS.items() if SUFFIXES[k] == ".yml"}

"""The MkDocs configuration of a playbook site: the built-in default for projects without a
mkdocs.yml, and a temporary configuration that applies command-line options on top of a
project's own one. No MkDocs import here: the values are plain data.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.load.document import load_document

MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": True}}]
VALIDATION = {
    "nav": {"omitted_files": "info", "not_found": "warn"},
    "links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn", "absolute_links": "info"},
}
THEME = {
    "name": "material",
    "font": False,  # Material would load Google Fonts; the site must work with no network
    "features": ["search.highlight", "search.suggest", "navigation.top", "content.tooltips"],
    # Light and dark, following the device; the header's toggle switches between them.
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "indigo",
            "accent": "indigo",
            "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "indigo",
            "accent": "indigo",
            "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"},
        },
    ],
}


def site_name(root: Path) -> str:
    """The company name from content/company.yml, read leniently (the check reports problems)."""
    company = root / "content" / "company.yml"
    if company.is_file():
        document, _ = load_document(company, "content/company.yml")
        name = document.data.get("name") if document else None
        if isinstance(name, str) and name.strip():
            return f"{name.strip()} playbook"
    return "Playbook"


def default_config(root: Path, docs_dir: Path) -> dict:
    """What `playbook build` uses when the project has no mkdocs.yml."""
    return {
        "site_name": site_name(root),
        "docs_dir": str(docs_dir),
        "theme": THEME,
        "plugins": ["search", {"playbook": {"project_dir": str(root)}}],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "validation": VALIDATION,
    }


def write_config(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


class _Lenient(yaml.SafeLoader):
    """MkDocs' YAML uses custom tags (!ENV, !relative): read them as nothing rather than fail."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(mkdocs_yml: Path) -> dict:
    """A project's mkdocs.yml as plain data, read without MkDocs; {} when missing or unreadable."""
    try:
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Lenient)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def configured_docs_dir(mkdocs_yml: Path) -> str:
    """The docs_dir a project's mkdocs.yml names (MkDocs' default: docs)."""
    value = read_mkdocs_yml(mkdocs_yml).get("docs_dir")
    return value if isinstance(value, str) and value else "docs"


def configured_audience(root: Path) -> str:
    """The edition the project's mkdocs.yml asks of the playbook plugin (default: internal).

    Commands use it when --audience is not given, so a partner site configured in mkdocs.yml
    is never published as the internal edition by a bare `playbook build`.
    """
    plugins = read_mkdocs_yml(root / "mkdocs.yml").get("plugins") or []
    for entry in plugins if isinstance(plugins, list) else [plugins]:
        if isinstance(entry, dict) and isinstance(entry.get("playbook"), dict):
            value = entry["playbook"].get("audience")
            if value in ("internal", "partner", "public"):
                return value
    return "internal"

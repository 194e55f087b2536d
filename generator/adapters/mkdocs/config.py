"""The built-in MkDocs configuration for projects without a mkdocs.yml. No MkDocs import here:
the values are plain data (settings.py loads configurations with MkDocs itself).
"""

from __future__ import annotations

from pathlib import Path

import yaml

MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": True}}]
VALIDATION = {
    "nav": {"omitted_files": "info", "not_found": "warn"},
    "links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn", "absolute_links": "info"},
}
THEME = {
    "name": "material",
    "font": False,  # Material would load Google Fonts; the site must work with no network
    # Not content.tooltips: Material builds those tooltips by parsing each title as HTML, so a
    # name written like markup would become markup (the CSP blocks its script, not the markup).
    "features": ["search.highlight", "search.suggest", "navigation.top"],
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


def default_config(root: Path, docs_dir: Path) -> dict:
    """What `playbook build` uses when the project has no mkdocs.yml. The site name is left to the
    plugin, which takes it from the company as the edition shows it (company.yml is internal by
    default, so a partner or public site must not print its name unless it says so)."""
    return {
        "site_name": "Playbook",
        "docs_dir": str(docs_dir),
        "theme": THEME,
        "plugins": ["search", {"playbook": {"project_dir": str(root), "name_from_company": True}}],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "validation": VALIDATION,
    }


def write_config(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path

"""Theme environments that cost less per build.

MkDocs makes a new Jinja environment for the theme on every build, and Material's search plugin
makes three more to translate its labels. Two things were paid again in each: compiling the
theme's templates, and listing the theme's folders for static files to copy, which walks the
14,500 files of Material's icons only to filter every one of them out (0.07 s of the example's
0.8 s build). Here every theme environment takes the process's compiled templates
(generator/site/compiled.py), and a theme folder inside an installed package is listed once per
process, without its hidden files: installed files do not change under a running build, and
MkDocs never copies hidden ones. The project's own folders (custom_dir, site_templates/overrides)
are listed each time, so `playbook serve` sees a new override at once.
"""

from __future__ import annotations

import functools
import sysconfig
from pathlib import Path

import jinja2

from generator.site.compiled import COMPILED

# Where installed packages live (a virtual environment's site-packages).
INSTALLED = tuple(dict.fromkeys(Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")))


def installed(folder: str) -> bool:
    path = Path(folder).resolve()
    return any(path.is_relative_to(root) for root in INSTALLED)


def _listing(folder: str) -> tuple[str, ...]:
    """The files of a theme folder but hidden ones (MkDocs never copies those: Material's icons)."""
    names = jinja2.FileSystemLoader(folder).list_templates()
    return tuple(name for name in names if not any(part.startswith(".") for part in name.split("/")))


_installed_listing = functools.cache(_listing)


class ThemeLoader(jinja2.FileSystemLoader):
    """MkDocs' FileSystemLoader over the theme's folders, listing installed ones once. Only the
    listing differs: loading a template by name, hidden or not, is Jinja's own."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            found.update(_installed_listing(folder) if installed(folder) else _listing(folder))
        return sorted(found)


def quicken(theme) -> None:
    """Make every environment `theme` (MkDocs' Theme) creates from now on use the above."""
    make = theme.get_env
    if getattr(make, "quickened", False):
        return

    def get_env() -> jinja2.Environment:
        env = make()
        env.loader = ThemeLoader(env.loader.searchpath)
        env.bytecode_cache = COMPILED
        return env

    get_env.quickened = True  # type: ignore[attr-defined]
    theme.get_env = get_env

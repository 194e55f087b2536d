"""A project may override any template in its own site_templates/. A mistake there is the
project's, not a bug of the generator: say where it is, as for any other file of the project."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from generator.diagnostics import Diagnostic, error

OWN_TEMPLATES = "site_templates"


def template_problem(exc: BaseException, root: Path) -> Diagnostic | None:
    """E230 at the line of the project's own template that failed; None when no template of the
    project took part (then it is the generator's bug, and stays an internal error)."""
    place = _place(exc, (root / OWN_TEMPLATES).resolve())
    if place is None:
        return None
    path, line = place
    if isinstance(exc, jinja2.TemplateSyntaxError):
        what = f"template syntax error: {(exc.message or '').rstrip('.')}"
    else:
        what = f"the template failed while rendering ({type(exc).__name__}: {exc})"
    rel = path.relative_to(root.resolve()).as_posix()
    return error(rel, line or 1, 1, "E230", f"{what}; fix it, or delete the file to use the bundled template")


def _place(exc: BaseException, own: Path) -> tuple[Path, int | None] | None:
    """The project's template file and line: a syntax error names them; for a failure while
    rendering, the innermost traceback frame running one of its templates (Jinja maps those
    frames to the template's lines)."""
    places: list[tuple[str, int | None]]
    if isinstance(exc, jinja2.TemplateSyntaxError):
        places = [(exc.filename, exc.lineno)] if exc.filename else []
    else:
        places = [(f.filename, f.lineno) for f in traceback.extract_tb(exc.__traceback__)]
    for name, line in reversed(places):
        path = Path(name).resolve()
        if path.is_relative_to(own):
            return path, line
    return None

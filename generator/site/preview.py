"""What `playbook serve` shows in the browser besides the site: its preview script, and the
playbook's errors while a save has broken it. None of it is ever part of a built site: the
server answers these from here (adapters/mkdocs/preview.py), nothing is written to the site."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.site.render import BUNDLED_TEMPLATES, make_environment

ASSETS = {"preview.js": "application/javascript", "preview.css": "text/css"}


class Preview:
    """The templates of the preview, from the project's site_templates/ first."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = make_environment(root)

    def errors(self, diagnostics: list[Diagnostic], message: str | None, *, has_site: bool) -> str:
        """The overlay listing every diagnostic (or the engine's message when there are none)."""
        template = self.env.get_template("serve/errors.html.j2")
        return template.render(diagnostics=diagnostics, message=message, has_site=has_site)

    def script(self, folder: str, epoch: int, request: int) -> str:
        return self.env.get_template("serve/script.html.j2").render(folder=folder, epoch=epoch, request=request)

    def waiting(self, folder: str, epoch: int, request: int) -> str:
        return self.env.get_template("serve/waiting.html.j2").render(folder=folder, epoch=epoch, request=request)

    def asset(self, name: str) -> Path | None:
        """preview.js or preview.css, the project's own copy first; None for anything else."""
        if name not in ASSETS:
            return None
        own = self.root / "site_templates" / "assets" / name
        return own if own.is_file() else BUNDLED_TEMPLATES / "assets" / name

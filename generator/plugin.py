"""The MkDocs adapter: the only module that imports mkdocs.

It checks the project, filters it for the audience, plans the pages, renders them with the
templates and hands them to MkDocs in memory. Nothing generated is written into the project.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from markupsafe import escape

from .diagnostics import has_errors, report_text
from .progress import Progress
from .site import Options, SiteBuild, prepare_site

log = logging.getLogger("mkdocs.plugins.playbook")
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc", "admonition")
OFFLINE_PLUGINS = ("offline", "material/offline")  # Material's offline plugin, as MkDocs may name it


class PublishedFile(File):
    """A file published byte for byte, whatever its name: an attachment called notes.md is
    not a page to render but a file a seller downloads."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


class PlaybookConfig(Config):
    audience = opt.Choice(("internal", "partner", "public"), default="internal")
    drafts = opt.Type(bool, default=False)
    strict = opt.Type(bool, default=False)
    project_dir = opt.Optional(opt.Type(str))
    insight_form_url = opt.Optional(opt.Type(str))
    offline = opt.Type(bool, default=False)
    history = opt.Optional(opt.Type(bool))  # git history for "What changed": unset = when the project is a repository


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.preloaded = None  # a CheckResult handed over by `playbook build`, to skip a second check
        self.site: SiteBuild | None = None
        self.progress: Progress | None = None

    def _overrides(self) -> None:
        """`playbook serve` passes its options through the environment (MkDocs reloads the config)."""
        if os.environ.get("PLAYBOOK_AUDIENCE") in ("internal", "partner", "public"):
            self.config["audience"] = os.environ["PLAYBOOK_AUDIENCE"]
        if "PLAYBOOK_DRAFTS" in os.environ:
            self.config["drafts"] = bool(os.environ["PLAYBOOK_DRAFTS"])
        if os.environ.get("PLAYBOOK_PROJECT_DIR"):
            self.config["project_dir"] = os.environ["PLAYBOOK_PROJECT_DIR"]

    def project_root(self, config) -> Path:
        if self.config.project_dir:
            return Path(self.config.project_dir).resolve()
        return Path(config.config_file_path).resolve().parent

    def on_config(self, config):
        self._overrides()
        root = self.project_root(config)
        result = self.preloaded
        self.preloaded = None  # `serve` rebuilds must see edits
        announced = result is not None  # `playbook build` has already printed the diagnostics
        offline = self.config.offline or any(name in config.plugins for name in OFFLINE_PLUGINS)
        if offline:
            config.use_directory_urls = False  # what the offline plugin sets too; the page plan must know it now
        options = Options(
            audience=self.config.audience, drafts=self.config.drafts, strict=self.config.strict,
            repo_url=config.repo_url, edit_uri=config.edit_uri, insight_form_url=self.config.insight_form_url,
            directory_urls=config.use_directory_urls, offline=offline, history=self.config.history,
        )
        self.site = prepare_site(root, options, result)
        if has_errors(self.site.diagnostics):
            raise PluginError("the playbook has errors:\n" + report_text(self.site.diagnostics))
        if not announced:
            # info, not warning: a stale entity must not fail `mkdocs build --strict`, which is about links
            for d in self.site.diagnostics:
                log.info(str(d))
        self._apply(config)
        return config

    def _apply(self, config) -> None:
        """Sections only in the navigation; our stylesheets, scripts and theme overrides."""
        config.nav = [{title: path} for title, path in self.site.nav]
        for path in self.site.stylesheets:
            if path not in config.extra_css:
                config.extra_css.append(path)
        for path in self.site.scripts:
            if path not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(path)
        for folder in reversed(self.site.overrides):
            if str(folder) not in config.theme.dirs:
                config.theme.dirs.insert(0, str(folder))
        config.extra["playbook"] = {"audience": self.config.audience}
        features = config.theme.get("features") or []
        if self.site.edit_base and "content.action.edit" not in features:
            config.theme["features"] = [*features, "content.action.edit"]  # Material hides edit links without it
        for extension in REQUIRED_EXTENSIONS:  # the templates' Markdown needs them, whatever mkdocs.yml says
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if self.site.polyfills:
            # Our bundled copy replaces the CDN copy the offline plugin would otherwise add.
            others = [s for s in config.extra.get("polyfills", []) if "iframe-worker" not in str(s)]
            config.extra["polyfills"] = list(self.site.polyfills) + others

    def on_files(self, files: Files, /, *, config) -> Files:
        docs_dir = str(Path(config.docs_dir).resolve())
        kept = [f for f in files if not f.abs_src_path or not str(Path(f.abs_src_path).resolve()).startswith(docs_dir)]
        generated = [File.generated(config, path, content=text) for path, text in self.site.markdown.items()]
        static = [PublishedFile.generated(config, path, abs_src_path=str(src)) for path, src in self.site.files.items()]
        return Files(kept + generated + static)

    def on_page_markdown(self, markdown, /, *, page, config, files):
        planned = self.site.pages.get(page.file.src_uri)
        if planned is not None:
            # The theme writes title and description into <title>, <meta> and the header without
            # escaping them, so a name like "<script>…" must arrive as text.
            page.meta.setdefault("title", str(escape(planned.title)))
            if planned.description:
                page.meta.setdefault("description", str(escape(planned.description)))
            if planned.updated is not None:
                page.update_date = planned.updated.isoformat()  # the sitemap's lastmod
        return markdown

    def on_page_content(self, html, /, *, page, config, files):
        if self.progress is None:
            self.progress = Progress(len(self.site.markdown), "converting pages")
        self.progress.step()
        return html

    def on_post_page(self, output, /, *, page, config):
        if self.progress is not None and self.progress.label != "writing pages":
            self.progress.finish()
            self.progress = Progress(len(self.site.markdown), "writing pages")
        if self.progress is not None:
            self.progress.step()
        return output

    def on_post_build(self, *, config):
        if self.progress is not None:
            self.progress.finish()
            self.progress = None

    def on_build_error(self, *, error):
        self.on_post_build(config=None)

    def on_page_context(self, context, /, *, page, config, nav):
        planned = self.site.pages.get(page.file.src_uri)
        page.edit_url = self.site.edit_url(planned.source) if planned else None
        return context

    def on_serve(self, server, /, *, config, builder):
        root = self.project_root(config)
        for folder in ("content", "playbooks", "site_templates"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server


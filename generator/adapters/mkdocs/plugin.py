"""The MkDocs adapter: the only module that imports mkdocs.

It checks the project, filters it for the audience, plans the pages, renders them with the
templates and hands them to MkDocs in memory. Nothing generated is written into the project.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.adapters.mkdocs.progress import Progress
from generator.catalog.check import check_project
from generator.diagnostics import has_errors, report_text
from generator.site.edition import Options, SiteBuild, prepare_site
from generator.site.pages import page_url

log = logging.getLogger("mkdocs.plugins.playbook")
OFFLINE_PLUGINS = ("offline", "material/offline")  # Material's offline plugin, as MkDocs may name it


class PublishedFile(File):
    """A file published byte for byte, whatever its name: an attachment called notes.md is
    not a page to render but a file a seller downloads."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


class PageFile(File):
    """A generated page. While serving, MkDocs writes it again only when its HTML changed."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class RenderedPage(Page):
    """A page our templates have already written as HTML: MkDocs takes its content and table
    of contents as they are, with no Markdown pass (that pass was half of the build at scale)."""

    def __init__(self, file: File, config, planned, html: str, toc: list[dict]) -> None:
        super().__init__(None, file, config)  # sets file.page, so the navigation uses this page
        self.planned, self._html, self._toc = planned, html, toc

    def read_source(self, config) -> None:
        self.markdown = ""  # there is none: plugins that rewrite Markdown have nothing to do here
        # The theme writes title and description into <title>, <meta> and the header without
        # escaping them, so a name like "<script>…" must arrive as text.
        self.meta = {"title": str(escape(self.planned.title))}
        if self.planned.description:
            self.meta["description"] = str(escape(self.planned.description))
        if not self.planned.searchable:
            self.meta["search"] = {"exclude": True}  # Material's search plugin skips the page
        if self.planned.updated is not None:
            self.update_date = self.planned.updated.isoformat()  # the sitemap's lastmod

    def render(self, config, files) -> None:
        self.content = self._html
        self.toc = get_toc(self._toc)
        self.present_anchor_ids = _ids(self._toc)
        self.links_to_anchors = {}


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept between serve rebuilds; keyed by source checksum, so an
    edited override is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _collect_later() -> None:
    """Collect cyclic garbage just after a rebuild has been served, not during the next one."""
    timer = threading.Timer(0.5, gc.collect)
    timer.daemon = True
    timer.start()


def _ids(tokens: list[dict]) -> set[str]:
    return {t["id"] for t in tokens} | {i for t in tokens for i in _ids(t["children"])}


# What Material sets when mkdocs.yml names nothing (company.yml's logo and favicon replace them).
THEME_DEFAULTS = {"favicon": "assets/images/favicon.png"}


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
        self.on_startup(command="build", dirty=False)

    def on_startup(self, *, command, dirty) -> None:
        """Having this method makes MkDocs keep the plugin between the rebuilds of `serve`, and
        with it what the last build rendered: an edit then renders only the pages it changed."""
        self.serving = command == "serve"
        self.load_cache: dict = {}  # check_project's files, kept while unchanged
        self.published: SiteBuild | None = None  # the last build that reached the site folder
        self.search_entries: dict[str, list] | None = None  # page URL -> its search index entries
        self.written: dict[str, str] = {}  # page path -> its output file, to remove deleted pages
        self.destinations: dict[str, str] = {}
        self.to_write = 0
        self.theme_bytecode = _MemoryBytecodeCache()
        if self.serving:
            # The cyclic garbage collector paused a large playbook's rebuild for half a second
            # after each edit; while serving it runs between rebuilds instead (_collect_later).
            gc.disable()

    def on_shutdown(self) -> None:
        gc.enable()

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
            audience=self.config.audience,
            drafts=self.config.drafts,
            strict=self.config.strict,
            repo_url=config.repo_url,
            edit_uri=config.edit_uri,
            insight_form_url=self.config.insight_form_url,
            directory_urls=config.use_directory_urls,
            offline=offline,
            history=self.config.history,
        )
        if self.serving and result is None:
            result = check_project(root, strict=options.strict, cache=self.load_cache)
        self.site = prepare_site(root, options, result, previous=self.published, track=self.serving)
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
        brand = self.site.brand
        config.extra["playbook"] = {"audience": self.config.audience, "date": self.site.date, "brand": brand}
        for key in ("logo", "favicon"):  # company.yml's, unless mkdocs.yml names its own
            if key in brand and config.theme.get(key) in (None, "", THEME_DEFAULTS.get(key)):
                config.theme[key] = brand[key]
        # Sellers' editions look like the company's own tool: no "Made with Material" credit
        # unless mkdocs.yml asks for it (extra: generator: true).
        if "generator" not in config.extra:
            config.extra["generator"] = False
        features = config.theme.get("features") or []
        if self.site.edit_base and "content.action.edit" not in features:
            config.theme["features"] = [*features, "content.action.edit"]  # Material hides edit links without it
        if self.site.polyfills:
            # Our bundled copy replaces the CDN copy the offline plugin would otherwise add.
            others = [s for s in config.extra.get("polyfills", []) if "iframe-worker" not in str(s)]
            config.extra["polyfills"] = list(self.site.polyfills) + others

    def on_files(self, files: Files, /, *, config) -> Files:
        docs_dir = str(Path(config.docs_dir).resolve())
        kept = [f for f in files if not f.abs_src_path or not str(Path(f.abs_src_path).resolve()).startswith(docs_dir)]
        generated = []
        for path, html in self.site.html.items():
            file = PageFile.generated(config, path, content=html)
            file.modified = self.site.modified is None or path in self.site.modified
            RenderedPage(file, config, self.site.pages[path], html, self.site.toc[path])
            generated.append(file)
        self.destinations = {f.src_uri: f.abs_dest_path for f in generated}
        self.to_write = sum(f.modified for f in generated)
        static = [PublishedFile.generated(config, path, abs_src_path=str(src)) for path, src in self.site.files.items()]
        return Files(kept + generated + static)

    def on_page_content(self, html, /, *, page, config, files):
        if self.progress is None:
            self.progress = Progress(self.to_write, "reading pages")
        self.progress.step()
        return html

    def on_post_page(self, output, /, *, page, config):
        if self.progress is not None and self.progress.label != "writing pages":
            self.progress.finish()
            self.progress = Progress(self.to_write, "writing pages")
        if self.progress is not None:
            self.progress.step()
        return output

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config):
        if self.progress is not None:
            self.progress.finish()
            self.progress = None
        if self.serving:
            self._keep_search_index(config)
            self._remove_deleted_pages(config)
            self.published = self.site
            _collect_later()

    def on_build_error(self, *, error):
        if self.progress is not None:
            self.progress.finish()
            self.progress = None
        self.published, self.search_entries = None, None  # what reached the folder is unknown: start afresh
        if self.serving:
            _collect_later()

    def _keep_search_index(self, config) -> None:
        """A serve rebuild indexes only the pages it wrote; the others keep their entries."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is None or not hasattr(index, "entries"):
            return
        fresh: dict[str, list] = {}
        for entry in index.entries:
            fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        if self.site.modified is not None and self.search_entries is not None:
            urls = [page_url(path, config.use_directory_urls) for path in self.site.html]
            fresh = {url: fresh.get(url, self.search_entries.get(url, [])) for url in urls}
        self.search_entries = fresh
        index.entries = [entry for entries in fresh.values() for entry in entries]
        search.search_index_prev = None  # its own merge assumes one page per rebuild

    def _remove_deleted_pages(self, config) -> None:
        for path in self.written.keys() - self.destinations.keys():
            Path(self.written[path]).unlink(missing_ok=True)
        self.written = self.destinations

    def on_env(self, env, /, *, config, files):
        if self.serving:  # MkDocs makes a new theme environment per rebuild; compile its templates once
            env.bytecode_cache = self.theme_bytecode
        return env

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

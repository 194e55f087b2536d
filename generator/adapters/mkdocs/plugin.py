"""The MkDocs adapter: the only module that imports mkdocs.

It checks the project, filters it for the audience, plans the pages, renders them with the
templates and hands them to MkDocs in memory. Nothing generated is written into the project.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import threading
from pathlib import Path
from typing import cast

from markupsafe import escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.adapters.mkdocs.progress import Progress
from generator.adapters.mkdocs.theme import quicken
from generator.adapters.mkdocs.watching import watch_project
from generator.catalog.check import check_project
from generator.diagnostics import Diagnostic, has_errors, report_text
from generator.model.fields import AUDIENCES
from generator.site.csp import apply_policy
from generator.site.edition import Options, SiteBuild, prepare_site
from generator.site.pages import page_url
from generator.site.twins import twin_path

log = logging.getLogger("mkdocs.plugins.playbook")
OFFLINE_PLUGINS = ("offline", "material/offline")  # Material's offline plugin, as MkDocs may name it


class PublishedFile(File):
    """A file published byte for byte, whatever its name: an attachment called notes.md is
    not a page to render but a file a seller downloads."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


class TextFile(PublishedFile):
    """A generated text (a Markdown twin, llms.txt). While serving, MkDocs writes it again only
    when it changed: a File with content counts as modified on every build, and writing every
    twin again took about a second per edit at scale 1."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class PageFile(File):
    """A generated page. While serving, MkDocs writes it again only when its HTML changed."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class RenderedPage(Page):
    """A page our templates have already written as HTML: MkDocs takes its content and table
    of contents as they are, with no Markdown pass (that pass was half of the build at scale)."""

    def __init__(
        self, file: File, config, planned, html: str, toc: list[dict], indexed: bool = True, twin: str | None = None
    ) -> None:
        super().__init__(None, file, config)  # sets file.page, so the navigation uses this page
        self.planned, self._html, self._toc = planned, html, toc
        self.indexed = indexed and planned.searchable  # False: seller search has its own records
        self.twin = twin  # the site path of its Markdown twin, linked from <head> (overrides/main.html)

    def read_source(self, config) -> None:
        self.markdown = ""  # there is none: plugins that rewrite Markdown have nothing to do here
        # The theme writes title and description into <title>, <meta> and the header without
        # escaping them, so a name like "<script>…" must arrive as text.
        # Markup: `| e` in the theme leaves it as it is, so it is escaped exactly once everywhere.
        self.meta = {"title": escape(self.planned.title)}
        if self.planned.description:
            self.meta["description"] = escape(self.planned.description)
        if not self.indexed:
            self.meta["search"] = {"exclude": True}  # Material's search plugin skips the page
        if self.planned.updated is not None:
            self.update_date = self.planned.updated.isoformat()  # the sitemap's lastmod

    def render(self, config, files) -> None:
        self.content = self._html
        self.toc = get_toc(self._toc)  # type: ignore[arg-type]  # the same dicts Python-Markdown makes
        self.present_anchor_ids = _ids(self._toc)
        self.links_to_anchors = {}


def _collect_later() -> None:
    """Collect cyclic garbage just after a rebuild has been served, not during the next one."""
    timer = threading.Timer(0.5, gc.collect)
    timer.daemon = True
    timer.start()


def _theme_file(file: File, docs_dir: str) -> bool:
    """Every page is generated, so of what MkDocs found only the theme's own files are kept:
    nothing from docs_dir (judged by the path as written, so a symlink in it that points
    elsewhere is dropped too) and nothing but regular files."""
    if not file.abs_src_path:
        return True
    path = os.path.abspath(file.abs_src_path)
    inside = os.path.commonpath([path, os.path.abspath(docs_dir)]) == os.path.abspath(docs_dir)
    return not inside and not os.path.islink(path) and os.path.isfile(path)


def _ids(tokens: list[dict]) -> set[str]:
    return {t["id"] for t in tokens} | {i for t in tokens for i in _ids(t["children"])}


# What Material sets when mkdocs.yml names nothing (company.yml's logo and favicon replace them).
THEME_DEFAULTS = {"favicon": "assets/images/favicon.png"}


class PlaybookConfig(Config):
    audience = opt.Choice(AUDIENCES, default="internal")
    drafts = opt.Type(bool, default=False)
    strict = opt.Type(bool, default=False)
    project_dir = opt.Optional(opt.Type(str))
    insight_form_url = opt.Optional(opt.Type(str))
    offline = opt.Type(bool, default=False)
    # The site name from the company as the edition shows it (the built-in configuration sets it).
    name_from_company = opt.Type(bool, default=False)
    # Edit links, the repository link and the insight form: by default only in the internal edition.
    repository_links = opt.Optional(opt.Type(bool))
    markdown_twins = opt.Type(bool, default=True)  # Markdown twins, llms.txt and llms-full.txt
    history = opt.Optional(opt.Type(bool))  # git history for "What changed": unset = when the project is a repository
    seller_search = opt.Type(bool, default=True)  # False: Material's own search over whole pages


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.preloaded = None  # a CheckResult handed over by `playbook build`, to skip a second check
        self.errors: list[Diagnostic] = []  # every diagnostic of the last check, when it found errors
        self.offline = False  # the edition opened from disk: its search shim needs inline scripts
        self.site: SiteBuild  # set by on_config, before any event that reads it
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
        if self.serving:
            # The cyclic garbage collector paused a large playbook's rebuild for half a second
            # after each edit; while serving it runs between rebuilds instead (_collect_later).
            gc.disable()

    def on_shutdown(self) -> None:
        gc.enable()

    def _overrides(self) -> None:
        """`playbook serve` passes its options through the environment (MkDocs reloads the config)."""
        if os.environ.get("PLAYBOOK_AUDIENCE") in AUDIENCES:
            self.config["audience"] = os.environ["PLAYBOOK_AUDIENCE"]
        if "PLAYBOOK_DRAFTS" in os.environ:
            self.config["drafts"] = bool(os.environ["PLAYBOOK_DRAFTS"])
        if os.environ.get("PLAYBOOK_PROJECT_DIR"):
            self.config["project_dir"] = os.environ["PLAYBOOK_PROJECT_DIR"]

    def project_root(self, config) -> Path:
        if self.config.project_dir:
            return Path(self.config.project_dir).resolve()
        return Path(config.config_file_path).resolve().parent

    @event_priority(100)  # before Material's search plugin makes its theme environments
    def _quicken_theme(self, config):
        quicken(config.theme)
        return config

    def _prepare(self, config):
        if self.serving:  # only `playbook serve` passes options this way; a stray variable must not pick the edition
            self._overrides()
        if not self._repository_links():
            # The repository, each page's YAML source and the insight form are internal by default.
            config.repo_url = config.repo_name = config.edit_uri = config.edit_uri_template = None
        root = self.project_root(config)
        result = self.preloaded
        self.preloaded = None  # `serve` rebuilds must see edits
        announced = result is not None  # `playbook build` has already printed the diagnostics
        offline = self.config.offline or any(name in config.plugins for name in OFFLINE_PLUGINS)
        self.offline = offline
        if offline:
            config.use_directory_urls = False  # what the offline plugin sets too; the page plan must know it now
        options = Options(
            audience=self.config.audience,
            drafts=self.config.drafts,
            strict=self.config.strict,
            repo_url=config.repo_url,
            edit_uri=config.edit_uri,
            insight_form_url=self.config.insight_form_url if self._repository_links() else None,
            directory_urls=config.use_directory_urls,
            offline=offline,
            history=self.config.history,
            seller_search=self.config.seller_search,
            twins=self.config.markdown_twins,
        )
        if self.serving and result is None:
            result = check_project(root, strict=options.strict, cache=self.load_cache)
        self.site = prepare_site(root, options, result, previous=self.published, track=self.serving)
        self.errors = self.site.diagnostics if has_errors(self.site.diagnostics) else []
        if self.errors:
            raise PluginError("the playbook has errors:\n" + report_text(self.site.diagnostics))
        if not announced:
            # info, not warning: a stale entity must not fail `mkdocs build --strict`, which is about links
            for d in self.site.diagnostics:
                log.info(str(d))
        self._apply(config)
        return config

    on_config = CombinedEvent(_quicken_theme, _prepare)

    def _repository_links(self) -> bool:
        if self.config.repository_links is not None:
            return self.config.repository_links
        return self.config.audience == "internal"

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
        config.extra["playbook"] = {
            "audience": self.config.audience,
            "search_worker": self.site.search_worker,
            "date": self.site.date,
            "brand": brand,
        }
        if self.config.name_from_company and self.site.company_name:
            config.site_name = f"{self.site.company_name} playbook"
        # The theme prints these raw: as Markup they are escaped exactly once, printed raw or with `| e`.
        for key in ("site_name", "site_description", "site_author"):
            if config[key] is not None:
                config[key] = escape(config[key])
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
        kept = [f for f in files if _theme_file(f, config.docs_dir)]
        generated = []
        for path, html in self.site.html.items():
            file = cast(PageFile, PageFile.generated(config, path, content=html))
            file.modified = self.site.modified is None or path in self.site.modified
            twin = twin_path(path, config.use_directory_urls) if path in self.site.twins else None
            RenderedPage(
                file,
                config,
                self.site.pages[path],
                html,
                self.site.toc[path],
                indexed=self.site.search_index is None,
                twin=twin,
            )
            generated.append(file)
        self.to_write = sum(f.modified for f in generated)
        static = [PublishedFile.generated(config, path, abs_src_path=str(src)) for path, src in self.site.files.items()]
        # Twins and llms.txt are files to publish as they are, never pages (their names end in .md).
        texts: list[File] = [self._text_file(config, path, text) for path, text in self.site.texts.items()]
        self.destinations = {f.src_uri: f.abs_dest_path for f in generated + texts}
        return Files(kept + generated + static + texts)

    def _text_file(self, config, path: str, text: str) -> TextFile:
        file = cast(TextFile, TextFile.generated(config, path, content=text))
        before = self.published.texts.get(path) if self.published is not None else None
        file.modified = before != text  # the same object when the twin was reused: no comparison
        return file

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
        return apply_policy(output, offline=self.offline)

    def on_post_template(self, output_content, /, *, template_name, config):
        return apply_policy(output_content, offline=self.offline)  # 404.html carries the policy too

    @event_priority(50)  # before the search plugin writes its index
    def _finish_build(self, *, config):
        if self.progress is not None:
            self.progress.finish()
            self.progress = None
        if self.serving:
            self._keep_search_index(config)
            self._remove_deleted_pages(config)
            self.published = self.site
            _collect_later()

    @event_priority(-50)  # after the search plugin has written its index, before the offline plugin inlines it
    def _write_seller_search(self, *, config):
        """Our records in place of Material's page index, keeping the search plugin's `config`
        (language and separator), which the theme's highlighter reads."""
        if self.site is None or self.site.search_index is None:
            return
        path = Path(config.site_dir) / "search" / "search_index.json"
        document = dict(self.site.search_index)
        if path.is_file():
            document["config"] = json.loads(path.read_text(encoding="utf-8")).get("config", document["config"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    on_post_build = CombinedEvent(_finish_build, _write_seller_search)

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

    def on_page_context(self, context, /, *, page, config, nav):
        planned = self.site.pages.get(page.file.src_uri)
        page.edit_url = self.site.edit_url(planned.source) if planned else None
        return context

    def on_serve(self, server, /, *, config, builder):
        watch_project(server, self.project_root(config))
        return server

"""Everything one edition of the site consists of, independent of the engine that builds it:
the Markdown of every page, the files to publish beside them, the navigation and the styling.

An engine adapter (plugin.py for MkDocs) only hands these over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .audience import for_audience
from .check import CheckResult, check_project, epoch_date, today
from .diagnostics import Diagnostic, has_errors
from .history import read_history
from .pages import Page, Settings, attachment_path, content_date, page_context, plan_site
from .render import BUNDLED_TEMPLATES, make_environment

STATIC_FOLDER = "_playbook"
STYLESHEETS = ("playbook.css", "print.css", "a11y.css")
SCRIPTS = ("library.js",)
# The offline edition: Material's search runs in a web worker, which browsers refuse to start
# from file://; this shim (iframe-worker, MIT) runs it in an iframe instead. Bundled, so the
# offline plugin does not load it from a CDN.
OFFLINE_SHIM = "iframe-worker.js"
INSIGHT_FORM = ".github/ISSUE_TEMPLATE/field-insight.yml"


@dataclass(frozen=True)
class Options:
    audience: str = "internal"
    drafts: bool = False
    strict: bool = False
    repo_url: str | None = None
    edit_uri: str | None = None
    insight_form_url: str | None = None
    directory_urls: bool = True
    offline: bool = False  # a site that works opened from disk (file://), search included
    history: bool | None = None  # "What changed" from git: None when the project is its repository's top folder


@dataclass
class SiteBuild:
    diagnostics: list[Diagnostic]
    pages: dict[str, Page] = field(default_factory=dict)
    markdown: dict[str, str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)  # site path -> file to publish
    nav: list[tuple[str, str]] = field(default_factory=list)  # (title, Markdown path)
    overrides: list[Path] = field(default_factory=list)  # theme override folders, first wins
    stylesheets: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()
    edit_base: str | None = None
    polyfills: tuple[str, ...] = ()  # scripts loaded before the theme's own

    def edit_url(self, source: str | None) -> str | None:
        """Where to edit the YAML behind a page; `edit_uri` is read relative to the project root."""
        if not (self.edit_base and source):
            return None
        return self.edit_base + source


def _edit_base(options: Options) -> str | None:
    if not options.repo_url or options.edit_uri is None:
        return None
    if options.edit_uri.startswith(("http://", "https://")):
        return options.edit_uri.rstrip("/") + "/"
    return options.repo_url.rstrip("/") + "/" + options.edit_uri.strip("/") + "/"


def prepare_site(root: Path, options: Options, result: CheckResult | None = None) -> SiteBuild:
    """Check (unless already checked), filter for the audience, plan and render every page."""
    result = result or check_project(root, strict=options.strict)
    site = SiteBuild(diagnostics=result.diagnostics)
    if has_errors(result.diagnostics):
        return site
    catalog = for_audience(result.catalog, options.audience, drafts=options.drafts)
    settings = Settings(today=today(), audience=options.audience, repo_url=options.repo_url,
                        insight_form_url=options.insight_form_url or insight_form_url(root, options.repo_url),
                        directory_urls=options.directory_urls,
                        content_date=content_date(catalog, epoch_date()))
    env = make_environment(root)
    history = None if options.history is False else read_history(root, nested=bool(options.history))
    for page in plan_site(catalog, settings, history):
        site.pages[page.path] = page
        context = page_context(catalog, settings, page)
        site.markdown[page.path] = env.get_template(f"pages/{page.template}").render(context)
        if page.changed is not None:
            site.markdown[page.path] += env.get_template("partials/changed.md.j2").render(context)
        if page.nav:
            site.nav.append((page.title if page.path != "index.md" else "Home", page.path))
    for asset in catalog.all("assets"):
        if asset.file:
            site.files[attachment_path(asset)] = (root / asset.rel).parent / asset.file
    static = _template_dir(root, "assets")
    for name in STYLESHEETS + SCRIPTS:
        site.files[f"{STATIC_FOLDER}/{name}"] = static / name if (static / name).is_file() else BUNDLED_TEMPLATES / "assets" / name
    site.overrides = [p for p in (root / "site_templates" / "overrides", BUNDLED_TEMPLATES / "overrides") if p.is_dir()]
    site.stylesheets = tuple(f"{STATIC_FOLDER}/{n}" for n in STYLESHEETS)
    site.scripts = tuple(f"{STATIC_FOLDER}/{n}" for n in SCRIPTS)
    site.edit_base = _edit_base(options)
    if options.offline:
        site.files[f"{STATIC_FOLDER}/{OFFLINE_SHIM}"] = BUNDLED_TEMPLATES / "offline" / OFFLINE_SHIM
        site.polyfills = (f"{STATIC_FOLDER}/{OFFLINE_SHIM}",)
    return site


def insight_form_url(root: Path, repo_url: str | None) -> str | None:
    """The field-insight issue form of a GitHub repository, when the project has one (`playbook init` adds it)."""
    if not repo_url or "github" not in repo_url.lower() or not (root / INSIGHT_FORM).is_file():
        return None
    return repo_url.rstrip("/") + "/issues/new?template=field-insight.yml"


def _template_dir(root: Path, name: str) -> Path:
    own = root / "site_templates" / name
    return own if own.is_dir() else BUNDLED_TEMPLATES / name

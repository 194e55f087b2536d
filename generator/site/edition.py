"""Everything one edition of the site consists of, independent of the engine that builds it:
the HTML and table of contents of every page, the files to publish beside them, the navigation and the styling.

An engine adapter (plugin.py for MkDocs) only hands these over.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.catalog.audience import for_audience
from generator.catalog.catalog import Catalog
from generator.catalog.check import CheckResult, check_project, epoch_date, today
from generator.catalog.discover import CONTENT
from generator.catalog.pictures import publish_pictures
from generator.diagnostics import Diagnostic, has_errors
from generator.model.kinds import Asset
from generator.site.history import read_history
from generator.site.incremental import changed_keys, indexed_fields, subject_keys, template_signature
from generator.site.pages import (
    NEWS_PAGE,
    UPKEEP,
    Page,
    Settings,
    attachment_path,
    content_date,
    page_context,
    plan_site,
)
from generator.site.pictures import picture_path
from generator.site.render import BUNDLED_TEMPLATES, make_environment
from generator.site.search import index_document
from generator.site.template_errors import template_problem
from generator.site.twins import Twin, llms_files, make_markdown_environment, render_twin, twin_path

STATIC_FOLDER = "_playbook"
STYLESHEETS = ("playbook.css", "print.css", "a11y.css")
SCRIPTS = ("library.js", "a11y.js", "news.js")
# The offline edition: Material's search runs in a web worker, which browsers refuse to start
# from file://; this shim (iframe-worker, MIT) runs it in an iframe instead. Bundled, so the
# offline plugin does not load it from a CDN.
OFFLINE_SHIM = "iframe-worker.js"
# Seller search: Material's search box and result list, our worker over our records (search.py).
SEARCH_WORKER = "search-worker.js"
INSIGHT_FORM = ".github/ISSUE_TEMPLATE/field-insight.yml"
# Pages whose facts are gathered before rendering (unrecorded): rendered again on every edit.
UPKEEP_PATHS = {path for path, *_ in UPKEEP} | {NEWS_PAGE, "index.md"}


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
    seller_search: bool = True  # our search records and worker; False: Material's own page search
    twins: bool = True  # a Markdown twin beside every page, llms.txt and llms-full.txt (generator/site/twins.py)


@dataclass
class SiteBuild:
    diagnostics: list[Diagnostic]
    pages: dict[str, Page] = field(default_factory=dict)
    html: dict[str, str] = field(default_factory=dict)  # page path -> the page's content, as HTML
    toc: dict[str, list[dict]] = field(default_factory=dict)  # page path -> its headings, nested (see render.Headings)
    files: dict[str, Path] = field(default_factory=dict)  # site path -> file to publish
    twins: dict[str, str] = field(default_factory=dict)  # page path -> its Markdown twin
    texts: dict[str, str] = field(default_factory=dict)  # site path -> generated text: twins, llms.txt, llms-full.txt
    nav: list[tuple[str, str]] = field(default_factory=list)  # (title, page path)
    overrides: list[Path] = field(default_factory=list)  # theme override folders, first wins
    stylesheets: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()
    edit_base: str | None = None
    company_name: str | None = None  # the company's name, when this edition may show the company
    polyfills: tuple[str, ...] = ()  # scripts loaded before the theme's own
    search_index: dict | None = None  # the seller search index (search.py); None: Material's own
    search_worker: str | None = None  # its worker script, a site path
    date: str = ""  # the date the build stands for (content_date), printed on every paper page
    brand: dict = field(default_factory=dict)  # company.yml's look: logo, favicon (site paths), colours
    # Kept for the next build while serving (generator/site/incremental.py):
    catalog: Catalog | None = None
    reads: dict[str, frozenset] = field(default_factory=dict)  # page path -> what rendering it read
    signature: tuple = ()  # what every page depends on: options, settings, templates
    modified: set[str] | None = None  # pages whose HTML differs from the previous build; None: all
    environment: jinja2.Environment | None = None  # the Jinja environment (it reloads edited templates by itself)
    markdown_environment: jinja2.Environment | None = None  # the same for the Markdown twins

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


def prepare_site(
    root: Path,
    options: Options,
    result: CheckResult | None = None,
    previous: SiteBuild | None = None,
    track: bool = False,
) -> SiteBuild:
    """Check (unless already checked), filter for the audience, plan and render every page.

    `track` records what each page reads, so that the next build can be given this one as
    `previous` and render again only the pages an edit changed (`playbook serve`)."""
    result = result or check_project(root, strict=options.strict)
    site = SiteBuild(diagnostics=result.diagnostics)
    if has_errors(result.diagnostics):
        return site
    catalog = for_audience(result.catalog, options.audience, drafts=options.drafts)
    # Only pictures this edition's texts show are published; its texts now name them by placeholder.
    catalog, pictures = publish_pictures(catalog)
    company = catalog.singles.get("company")
    site.company_name = company.name.strip() if company is not None and company.name else None
    settings = Settings(
        today=today(),
        audience=options.audience,
        repo_url=options.repo_url,
        insight_form_url=options.insight_form_url or insight_form_url(root, options.repo_url),
        directory_urls=options.directory_urls,
        content_date=content_date(catalog, epoch_date()),
        glossary=glossary(catalog),
    )
    history = None if options.history is False else read_history(root, nested=bool(options.history))
    pages = plan_site(catalog, settings, history)
    site.date = settings.content_date.isoformat() if settings.content_date else ""
    site.nav = [(page.title if page.path != "index.md" else "Home", page.path) for page in pages if page.nav]
    if track:  # what every page depends on; only a build that may be followed by another needs it
        site.signature = (options, settings, site.nav, template_signature(_template_folders(root)))
    changed = _changes(previous, site, catalog) if track else None
    # Same signature (changed is not None): the compiled templates of the last build still hold.
    reuse = changed is not None and previous is not None and previous.environment is not None
    site.environment = previous.environment if reuse and previous else make_environment(root)
    if options.twins:
        site.markdown_environment = (
            previous.markdown_environment if reuse and previous else make_markdown_environment(root)
        )
    try:
        _render(site, pages, site.environment, catalog, settings, previous, changed, track)
        if options.twins:
            _add_texts(site, pages, catalog, settings)
    except Exception as exc:  # re-raised below unless one of the project's own templates failed
        problem = template_problem(exc, root)
        if problem is None:
            raise
        return SiteBuild(diagnostics=[*result.diagnostics, problem])
    _add_files(site, root, catalog, options)
    for path in pictures:
        site.files[picture_path(path)] = root / CONTENT / path
    if options.seller_search:
        site.search_index = index_document(
            catalog, options.audience, options.directory_urls, {path: page.title for path, page in site.pages.items()}
        )
        site.search_worker = f"{STATIC_FOLDER}/{SEARCH_WORKER}"
    return site


def _changes(previous: SiteBuild | None, site: SiteBuild, catalog: Catalog) -> set | None:
    """What differs from the previous build, as read keys; None when every page must be rendered."""
    if previous is None or previous.catalog is None or previous.signature != site.signature:
        return None
    return changed_keys(previous.catalog, catalog, indexed_fields(previous.reads))


def _still_valid(previous: SiteBuild, page: Page, changed: set) -> bool:
    before = previous.pages.get(page.path)
    # Upkeep pages (what changed, health, reference), the news and home get their facts before
    # rendering, unrecorded.
    return (
        before is not None
        and page.path not in UPKEEP_PATHS
        and (before.title, before.description, before.updated, before.changed)
        == (page.title, page.description, page.updated, page.changed)
        and not (previous.reads[page.path] & changed)
    )


def _render(
    site: SiteBuild,
    pages: list[Page],
    env,
    catalog: Catalog,
    settings: Settings,
    previous: SiteBuild | None,
    changed: set | None,
    track: bool,
) -> None:
    site.catalog = catalog if track else None
    site.modified = None if changed is None else set()
    for page in pages:
        site.pages[page.path] = page
        if changed is not None and previous is not None and _still_valid(previous, page, changed):
            site.html[page.path], site.toc[page.path] = previous.html[page.path], previous.toc[page.path]
            site.reads[page.path] = previous.reads[page.path]
            if page.path in previous.twins:
                site.twins[page.path] = previous.twins[page.path]
            continue
        context = page_context(catalog, settings, page)
        scope: AbstractContextManager[set] = catalog.recording() if track else nullcontext(set())
        with scope as reads:
            html = env.get_template(f"pages/{page.template}").render(context)
            if page.changed is not None:
                html += env.get_template("partials/changed.html.j2").render(context)
            if site.markdown_environment is not None:
                site.twins[page.path] = render_twin(site.markdown_environment, context, page, settings.directory_urls)
        site.html[page.path], site.toc[page.path] = html, context["headings"].tokens()
        if track:
            site.reads[page.path] = frozenset(reads | subject_keys(page.context))
        if site.modified is not None and previous is not None and html != previous.html.get(page.path):
            site.modified.add(page.path)


def _add_texts(site: SiteBuild, pages: list[Page], catalog: Catalog, settings: Settings) -> None:
    """Each twin at its site path, then llms.txt and llms-full.txt over all of them."""
    twins = []
    for page in pages:
        if page.path in site.twins:
            twins.append(Twin(page, twin_path(page.path, settings.directory_urls), site.twins[page.path]))
    site.texts = {twin.path: twin.text for twin in twins}
    assert site.markdown_environment is not None  # twins were rendered with it
    context = page_context(catalog, settings, pages[0]) | {"pages": pages}
    site.texts.update(llms_files(site.markdown_environment, context, twins))


def _add_files(site: SiteBuild, root: Path, catalog: Catalog, options: Options) -> None:
    """Attachments, our stylesheets and scripts, theme overrides and the offline shim."""
    for asset in catalog.of(Asset):
        if asset.file:
            site.files[attachment_path(asset)] = (root / asset.rel).parent / asset.file
    static = _template_dir(root, "assets")
    for name in STYLESHEETS + SCRIPTS + (SEARCH_WORKER,):
        site.files[f"{STATIC_FOLDER}/{name}"] = (
            static / name if (static / name).is_file() else BUNDLED_TEMPLATES / "assets" / name
        )
    site.overrides = [p for p in (root / "site_templates" / "overrides", BUNDLED_TEMPLATES / "overrides") if p.is_dir()]
    site.stylesheets = tuple(f"{STATIC_FOLDER}/{n}" for n in STYLESHEETS)
    site.scripts = tuple(f"{STATIC_FOLDER}/{n}" for n in SCRIPTS)
    site.edit_base = _edit_base(options)
    site.brand = _brand(site, root, catalog)
    if options.offline:
        site.files[f"{STATIC_FOLDER}/{OFFLINE_SHIM}"] = BUNDLED_TEMPLATES / "offline" / OFFLINE_SHIM
        site.polyfills = (f"{STATIC_FOLDER}/{OFFLINE_SHIM}",)


def glossary(catalog: Catalog) -> tuple[tuple[str, str], ...]:
    """The glossary's acronyms with their expansions, for hover definitions."""
    company = catalog.company
    return tuple((e.term, e.expansion) for e in (company.glossary if company else ()) if e.expansion)


BRAND_FOLDER = f"{STATIC_FOLDER}/brand"


def _brand(site: SiteBuild, root: Path, catalog: Catalog) -> dict:
    """The company's own look from company.yml: its logo and favicon are published under
    _playbook/brand/ (the check has made sure both sit inside content/), colours passed on."""
    company = catalog.company
    if company is None:
        return {}
    brand = {"primary": company.brand_color, "accent": company.accent_color or company.brand_color}
    for key in ("logo", "favicon"):
        name = getattr(company, key)
        if name:
            published = f"{BRAND_FOLDER}/{key}{Path(name).suffix.lower()}"
            site.files[published] = (root / company.rel).parent / name
            brand[key] = published
    return {k: v for k, v in brand.items() if v}


def _template_folders(root: Path) -> list[Path]:
    return [root / "site_templates", BUNDLED_TEMPLATES]


def insight_form_url(root: Path, repo_url: str | None) -> str | None:
    """The field-insight issue form of a GitHub repository, when the project has one (`playbook init` adds it)."""
    if not repo_url or "github" not in repo_url.lower() or not (root / INSIGHT_FORM).is_file():
        return None
    return repo_url.rstrip("/") + "/issues/new?template=field-insight.yml"


def _template_dir(root: Path, name: str) -> Path:
    own = root / "site_templates" / name
    return own if own.is_dir() else BUNDLED_TEMPLATES / name

"""The site plan: which pages exist, where, with what title and which facts.

Python decides what is on a page (the context); the template named by each page decides
how it looks. Only section pages go into the navigation (DESIGN.md: the navigation is
rendered into every page, so it must not grow with the playbook).
"""

from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup

from generator.catalog import meeting
from generator.catalog import relations as rel
from generator.catalog import relationships as rel_map
from generator.catalog.catalog import Catalog
from generator.model.fields import AUDIENCES
from generator.model.kinds import Segment
from generator.model.registry import ENTITY_TEMPLATES, SITE_FOLDERS
from generator.site.feedback import report_url
from generator.site.guides import sections as guide_sections
from generator.site.history import Entry, History, changed_on, recent_changes
from generator.site.map_layout import layout as draw_map
from generator.site.pictures import picture_path
from generator.site.render import Headings, labels
from generator.site.whatsnew import News, seller_news, week_of

ATTACHMENTS = "attachments"


@dataclass
class Page:
    path: str  # the page's source path inside the site, e.g. "personas/cfo.md" (MkDocs names pages by it)
    template: str
    title: str
    description: str = ""
    context: dict = field(default_factory=dict)
    nav: bool = False  # a section page shown in the navigation
    searchable: bool = True  # in the search index
    source: str | None = None  # the YAML file behind it, relative to the project root
    updated: datetime.date | None = None  # for the sitemap: taken from the content, never the clock
    changed: Entry | None = None  # the last change of the entity behind it: git, else `reviewed`


@dataclass(frozen=True)
class Settings:
    today: datetime.date
    audience: str = "internal"
    repo_url: str | None = None
    insight_form_url: str | None = None
    directory_urls: bool = True  # MkDocs' use_directory_urls: how a page's URL is formed
    content_date: datetime.date | None = None  # newest review date, or SOURCE_DATE_EPOCH
    glossary: tuple[tuple[str, str], ...] = ()  # (term, expansion): explained where marketing's Markdown uses it


def entity_path(kind: str, id: str) -> str:
    return f"{SITE_FOLDERS[kind]}/{id}.md"


def brief_path(segment_id: str, persona_id: str) -> str:
    return f"briefs/{segment_id}/{persona_id}.md"


def attachment_path(asset) -> str:
    return f"{ATTACHMENTS}/{asset.id}/{posixpath.basename(asset.file)}"


def page_url(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives the page at Markdown `path`, relative to the site root."""
    if not path.endswith(".md"):
        return path
    if not directory_urls:
        return path[:-3] + ".html"
    if path == "index.md" or path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[:-3] + "/"


def _target(kind: str, id: str) -> tuple[str, str]:
    if kind == "stages":
        return "process.md", f"#{id}"
    if kind == "roles":
        return "team.md", f"#{id}"
    return entity_path(kind, id), ""


class Links:
    """Relative URLs from one page to the others, as MkDocs will publish them.

    `link(kind, id)` for an entity (stages and roles are anchors on their section pages),
    `link.to(path)` for a page by its path, `link.brief(...)` and `link.attachment(...)`.
    """

    def __init__(self, here: str, directory_urls: bool = True):
        self.directory_urls = directory_urls
        url = page_url(here, directory_urls)
        self._base = (url if url.endswith("/") or not url else posixpath.dirname(url) + "/").rstrip("/") or "."

    def to(self, path: str) -> Markup:
        """The URL of the page at `path` (e.g. "tags.md"), relative to this page's URL."""
        return _relative_url(page_url(path, self.directory_urls), self._base)

    def __call__(self, kind: str, id: str) -> Markup:
        return _entity_url(kind, id, self._base, self.directory_urls)

    def brief(self, segment_id: str, persona_id: str) -> Markup:
        return self.to(brief_path(segment_id, persona_id))

    def attachment(self, asset) -> Markup:
        """A published file (never a page, even when it is called notes.md)."""
        return _relative_url(attachment_path(asset), self._base)

    def picture(self, quoted: str) -> Markup:
        """A published picture, by its percent-encoded path under content/."""
        return _relative_url(picture_path(quoted), self._base)


@lru_cache(maxsize=1 << 18)
def _entity_url(kind: str, id: str, base: str, directory_urls: bool) -> Markup:
    # The most frequent call in templates: tens of links per page, thousands of pages.
    path, anchor = _target(kind, id)
    return Markup(_relative_url(page_url(path, directory_urls), base) + anchor)


@lru_cache(maxsize=65536)
def _relative_url(target: str, base: str) -> Markup:
    # Thousands of pages link to the same few hundred targets from the same few folders.
    relative = posixpath.relpath(target or ".", base)
    if target.endswith("/") or not target:
        relative = relative.rstrip("/") + "/"
    return Markup(relative)


# Section pages in navigation order: (path, the kind they need or None). A section's template
# is named after its path (segments/index.md -> segments.html.j2); its title and description
# are in site_templates/labels.yml under the same name.
SECTIONS = (
    ("segments/index.md", "segments"),
    ("personas/index.md", "personas"),
    ("briefs/index.md", "segments"),
    ("matrix.md", "segments"),
    ("value-propositions/index.md", "value-propositions"),
    ("library/index.md", "assets"),
    ("competitors/index.md", "competitors"),
    ("products/index.md", "products"),
    ("playbooks/index.md", "playbooks"),
    ("pages/index.md", "pages"),  # sellers look for "how we price" beside the plays
    ("process.md", "process"),
    ("leads.md", "leads"),
    ("team.md", "team"),
    ("insights/index.md", "insights"),
    ("tags.md", None),
)


def section_name(path: str) -> str:
    """The name a section page goes by in labels.yml and templates: segments/index.md -> segments."""
    return path.removesuffix(".md").removesuffix("/index")


def section_page(path: str, **fields) -> Page:
    name = section_name(path)
    label = labels()["sections"][name]
    return Page(path, f"{name}.html.j2", label["title"], label["description"], nav=True, **fields)


# Section pages that only repeat, entity by entity, what the entities' own pages say. Search
# finds those pages instead; parsing these for the index was over half of the search plugin's
# work on a large playbook, and it came back with every edit while serving (BENCHMARKS.md).
UNINDEXED = {"library/index.md", "tags.md", "matrix.md", "insights/index.md"}

# Pages for the people who keep the playbook: (path, template, title, description, editions).
# Pages for the people who keep the playbook: (path, the editions that have them).
UPKEEP = (
    ("changes.md", AUDIENCES),
    ("health.md", ("internal",)),
    ("reference.md", ("internal",)),
)
NEWS_SHOWN = 60  # the "What's new" page lists this many changes, so its size stays constant
NEWS_ON_HOME = 6
NEWS_PAGE = "news.md"
CHANGES_SHOWN = 100  # the "What changed" page lists this many changes, so its size stays constant


def upkeep_context(catalog: Catalog, settings: Settings, path: str, history: History | None) -> dict:
    """The facts of one upkeep page."""
    from generator.catalog import coverage
    from generator.model import reference  # only the pages that need them

    if path == "changes.md":
        return {
            "changes": recent_changes(catalog.everything(), history, CHANGES_SHOWN),
            "from_git": history is not None,
        }
    if path == "health.md":
        return {"health": coverage.analyse(catalog, settings.today)}
    from generator.diagnostics import CODES

    return {"kinds": reference.kinds(), "common_fields": reference.common_fields(), "codes": sorted(CODES.items())}


def plan_site(catalog: Catalog, settings: Settings, history: History | None = None) -> list[Page]:
    """Every page of the site, in a stable order. `history` is the project's git history, if any."""
    company = catalog.company
    title = company.name if company else labels()["home"]["title"]
    pages = [
        Page(
            "index.md",
            "home.html.j2",
            title,
            (company.summary or "") if company else "",
            nav=True,
            source=company.rel if company else None,
        )
    ]
    for path, needs in SECTIONS:
        if needs is None or _has(catalog, needs):
            source = catalog.singles[needs].rel if needs in catalog.singles else None
            pages.append(section_page(path, searchable=path not in UNINDEXED, source=source))
    news = seller_news([e for kind in SITE_FOLDERS for e in catalog.all(kind)], history, catalog.root, NEWS_SHOWN)
    if news:
        pages.insert(1, section_page(NEWS_PAGE, context={"news": news, "weeks": _by_week(news)}, searchable=False))
    latest = {}
    for item in reversed(news):  # newest last, so it wins
        latest[(item.entity.kind, item.entity.id)] = item
    for path, editions in UPKEEP:
        if settings.audience in editions:
            pages.append(section_page(path, context=upkeep_context(catalog, settings, path, history)))
    for kind in SITE_FOLDERS:
        for entity in catalog.all(kind):
            pages.append(
                Page(
                    entity_path(kind, entity.id),
                    ENTITY_TEMPLATES[kind],
                    entity.name,
                    entity.summary or "",
                    {"entity": entity},
                    source=entity.rel,
                    updated=entity.reviewed,
                    changed=changed_on(entity, history),
                )
            )
    brief_label = labels()["brief"]
    for segment in catalog.of(Segment):
        for seat in rel.seats(catalog, segment):
            pages.append(
                Page(
                    brief_path(segment.id, seat.persona.id),
                    "brief.html.j2",
                    brief_label["title"].format(persona=seat.persona.name, segment=segment.name),
                    brief_label["description"].format(persona=seat.persona.name, segment=segment.name),
                    {"seat": seat, "latest": latest},
                    source=segment.rel,
                )
            )
    pages[0].context["sections"] = [p for p in pages[1:] if p.nav]
    pages[0].context["news"] = news[:NEWS_ON_HOME]
    for page in pages:
        if page.updated is None:
            page.updated = settings.content_date
    return pages


UPDATES_DAYS = 30  # a brief says "updated" when something it relies on changed in this many days


def brief_updates(settings: Settings, card: meeting.Card, latest: dict) -> list[News]:
    """News from the last UPDATES_DAYS about what a brief's meeting card relies on, newest first.
    Asked by the template while rendering, so the card is worked out once and its reads recorded."""
    since = (settings.content_date or settings.today) - datetime.timedelta(days=UPDATES_DAYS)
    found = [latest[key] for e in card.relies_on() if (key := (e.kind, e.id)) in latest and latest[key].date >= since]
    return sorted(found, key=lambda n: -n.date.toordinal())


def _by_week(news: list[News]) -> list[tuple[datetime.date, list[News]]]:
    weeks: dict[datetime.date, list[News]] = {}
    for item in news:
        weeks.setdefault(week_of(item.date), []).append(item)
    return list(weeks.items())


def content_date(catalog: Catalog, epoch_date: datetime.date | None) -> datetime.date:
    """The date a build stands for: SOURCE_DATE_EPOCH when set, else the newest review date
    (the epoch when nothing is dated), so that two builds of the same files are identical."""
    if epoch_date is not None:
        return epoch_date
    dates = [e.reviewed for e in catalog.everything() if e.reviewed]
    return max(dates) if dates else datetime.date(1970, 1, 1)


def _has(catalog: Catalog, kind: str) -> bool:
    if kind in catalog.entities:
        return bool(catalog.entities[kind])
    return kind in catalog.singles


def page_context(catalog: Catalog, settings: Settings, page: Page) -> dict:
    """Everything a template may use: the catalog, the relation questions and link helpers."""
    return {
        "catalog": catalog,
        "company": catalog.company,
        "settings": settings,
        "today": settings.today,
        "page": page,
        "link": Links(page.path, settings.directory_urls),
        "headings": Headings(),
        "rel": rel,
        "rel_map": rel_map,  # the relationship map's facts; draw_map lays one out for its SVG
        "draw_map": draw_map,
        "guide_sections": guide_sections,  # a free-form page's text, section by section
        "meeting": meeting,
        "brief_updates": lambda card, latest: brief_updates(settings, card, latest),
        "report_url": lambda entity=None: report_url(settings, page, entity),
        "resolve": lambda kind, ids: [e for e in (catalog.get(kind, i) for i in ids) if e is not None],
        **page.context,
    }

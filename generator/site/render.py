"""The Jinja environment over site_templates/ that turns page plans into HTML.

Pages are written as HTML, not Markdown: MkDocs would otherwise parse every page's Markdown
and raw HTML again, and at scale that parse was half of the build (BENCHMARKS.md). Only what
marketing writes as Markdown (descriptions, talk tracks) goes through Markdown, once per text.

Escaping is the default: every `{{ value }}` is written as literal text unless it is Markup,
which only the `markdown` and `url` filters and the link helpers produce. Content is only ever
passed to templates as data; it is never compiled as a template itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
import markdown as markdown_lib
import nh3
import yaml
from markdown.extensions.toc import nest_toc_tokens, unique
from markdown.extensions.toc import slugify as toc_slugify
from markupsafe import Markup, escape

from generator.catalog.relations import slugify
from generator.model.fields import MAX_MARKDOWN_CHARS, markdown_too_complex
from generator.model.links import LINK, LINK_WORDS
from generator.site.compiled import COMPILED
from generator.site.pictures import PLACEHOLDER as PICTURE_PLACEHOLDER
from generator.site.pictures import html_sources

# In a checkout (and an editable install) the templates sit beside the package; a wheel
# carries them inside it (see pyproject.toml).
_PACKAGE = Path(__file__).resolve().parents[1]  # generator/
_CHECKOUT_TEMPLATES = _PACKAGE.parent / "site_templates"  # a source checkout keeps them at the top level
BUNDLED_TEMPLATES = _CHECKOUT_TEMPLATES if _CHECKOUT_TEMPLATES.is_dir() else _PACKAGE / "site_templates"

_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ALLOWED_ATTRIBUTES = {
    "abbr": {"title"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=4)
def _converter(breaks: bool = False, glossary: tuple = ()) -> markdown_lib.Markdown:
    extensions = ["tables", "sane_lists", "fenced_code"] + (["nl2br"] if breaks else [])
    # The glossary's acronyms become <abbr title="expansion">: the theme shows it on hover.
    configs = {"abbr": {"glossary": dict(glossary)}} if glossary else {}
    return markdown_lib.Markdown(
        extensions=extensions + (["abbr"] if glossary else []), extension_configs=configs, output_format="html"
    )


def markdown(value, breaks: bool = False, glossary: tuple = (), context=None) -> Markup:
    """Markdown to sanitised HTML: formatting yes; scripts, handlers, frames, forms, unsafe links no.

    `breaks` keeps every line break, as an e-mail template or call script is written;
    `glossary` is ((term, expansion), ...) to explain where the terms appear. Links to other
    pages (`[text](persona:cfo)`) become URLs relative to the page `context` renders, or their
    bare text without a page (or when the edition does not show the target)."""
    if not value:
        return Markup("")
    html = _markdown(str(value), breaks, glossary)
    if _PLACEHOLDER in html:
        html = Markup(_PLACED.sub(lambda m: _page_link(context, m), html))
    if PICTURE_PLACEHOLDER in html:
        html = html_sources(html, context.get("link") if context is not None else None)
    return html


@jinja2.pass_context
def markdown_filter(context, value, breaks: bool = False) -> Markup:
    """The `markdown` filter of the templates: the page's glossary and links."""
    settings = context.get("settings")
    return markdown(value, breaks, getattr(settings, "glossary", ()), context)


def _too_complex_as_text(value: str) -> Markup | None:
    """Check refuses a Markdown field that is too long or too bracket-heavy to render in bounded
    time (E211); should one arrive anyway, it is shown as plain text, cut at the limit, without
    going through Markdown at all."""
    if markdown_too_complex(value) is None:
        return None
    return escape(value[:MAX_MARKDOWN_CHARS])


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    """Only pictures the site publishes are shown: one from elsewhere (the site loads nothing from
    other hosts), or any the edition did not place (raw HTML, a reference-style picture), keeps
    only its alt text rather than showing as a broken image."""
    if tag == "img" and attribute == "src" and not value.startswith(PICTURE_PLACEHOLDER):
        return None
    return value


# A link to a page is converted once per text, with its target kept in a placeholder href that
# the sanitiser lets through (a fragment); each page then fills in its own relative URL.
_PLACEHOLDER = "#playbook-link/"
_PLACED = re.compile(r'<a href="#playbook-link/([a-z-]+)/([^/"]*)/([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)


def _placeholder(match: re.Match) -> str:
    return f"]({_PLACEHOLDER}{match.group(1)}/{match.group(2)}/{(match.group(3) or '#')[1:]})"


def _page_link(context, match: re.Match) -> str:
    """The link on this page, or only its text when the edition does not show the target."""
    word, id, anchor, attributes, text = match.groups()
    kind = LINK_WORDS.get(word)
    catalog = context.get("catalog") if context is not None else None
    link = context.get("link") if context is not None else None
    if kind is None or catalog is None or link is None or not shown(catalog, kind, id):
        return text
    url = link(kind, id)
    if anchor and kind not in ("stages", "roles"):
        url = Markup(f"{url}#{escape(anchor)}")
    return f'<a href="{url}"{attributes}>{text}</a>'


def shown(catalog, kind: str, id: str) -> bool:
    """Whether the edition's catalog has (kind, id): a link to anything else is only its text."""
    if kind == "stages":
        return id in catalog.stages
    if kind == "roles":
        return id in catalog.roles
    return catalog.get(kind, id) is not None


@lru_cache(maxsize=4096)
def _markdown(value: str, breaks: bool, glossary: tuple = ()) -> Markup:
    # A persona's talk track appears on its page and in every brief: convert it once.
    plain = _too_complex_as_text(value)
    if plain is not None:
        return plain
    converter = _converter(breaks, glossary)
    if "](" in value:
        value = LINK.sub(_placeholder, value)
    html = converter.reset().convert(value)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_local_images_only,
    )
    return Markup(clean)


class Headings:
    """The headings of one page as it renders: a unique id for each, and the table of contents
    the theme shows beside the page. Ids come from Python-Markdown's toc extension itself, so
    links written for the Markdown pages keep working."""

    def __init__(self) -> None:
        self._flat: list[dict] = []
        self._ids: set[str] = set()

    def add(self, level: int, title, id: str | None = None) -> str:
        text = title.striptags() if isinstance(title, Markup) else str(title)
        unique_id = unique(str(id) if id else (toc_slugify(text, "-") or "section"), self._ids)
        self._flat.append(
            {
                "level": int(level),
                "id": unique_id,
                "name": str(escape(text)),
                "html": str(escape(text)),
                "data-toc-label": "",
            }
        )
        return unique_id

    def tokens(self) -> list[dict]:
        """Nested like Python-Markdown's `toc_tokens`, which MkDocs turns into `page.toc`."""
        return nest_toc_tokens([dict(t) for t in self._flat])  # type: ignore[misc,return-value]  # plain dicts, as MkDocs takes them


def safe_url(value) -> Markup:
    """An external URL fit for an href: http, https or mailto only, else an empty string."""
    if not value:
        return Markup("")
    text = str(value).strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme not in URL_SCHEMES:
        return Markup("")
    return escape(quote(text, safe=":/?#[]@!$&'*+,;=%~-._"))  # escaped: an "&copy=" must not become ©


def money(value, currency=None) -> str:
    """A readable amount: 1.25 bn, 45 m, 250,000 (currency code first when known)."""
    amount = float(value)
    if abs(amount) >= 1e9:
        text = f"{amount / 1e9:.3g} bn"
    elif abs(amount) >= 1e6:
        text = f"{amount / 1e6:.3g} m"
    else:
        text = f"{amount:,.0f}"
    return f"{currency} {text}" if currency else text


def _finalize(value):
    return "" if value is None else value


def join_text(values, separator: str = ", ") -> Markup:
    """Join content values as literal text."""
    return escape(separator).join(escape(v) for v in values)


def make_environment(project_root: Path | None = None) -> jinja2.Environment:
    """Templates in the project's own site_templates/ override the bundled ones, file by file."""
    search = []
    if project_root is not None and (project_root / "site_templates").is_dir():
        search.append(project_root / "site_templates")
    if BUNDLED_TEMPLATES not in search:
        search.append(BUNDLED_TEMPLATES)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        # Every value is written as text; only Markup (the `markdown` filter, links) is written as HTML.
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED,
    )
    env.filters.update(
        markdown=markdown_filter,
        url=safe_url,
        text=escape,
        join_text=join_text,
        money=money,
        slugify=lambda v: Markup(slugify(v)),
    )
    return env


@lru_cache(maxsize=1)
def labels() -> dict:
    """site_templates/labels.yml: the titles and descriptions Python needs before rendering."""
    return yaml.safe_load((BUNDLED_TEMPLATES / "labels.yml").read_text(encoding="utf-8"))

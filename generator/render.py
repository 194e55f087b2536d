"""The Jinja environment over site_templates/ that turns page plans into Markdown.

Escaping is the default: every `{{ value }}` is written as literal text (Markdown and HTML
syntax in it shown exactly as written) unless it is Markup, which only the `markdown` and
`url` filters and the link helpers produce. Content is only ever passed to templates as
data; it is never compiled as a template itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
import markdown as markdown_lib
import nh3
from markupsafe import Markup

# In a checkout (and an editable install) the templates sit beside the package; a wheel
# carries them inside it (see pyproject.toml).
_CHECKOUT_TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"
BUNDLED_TEMPLATES = _CHECKOUT_TEMPLATES if _CHECKOUT_TEMPLATES.is_dir() else Path(__file__).resolve().parent / "site_templates"

# Characters that Markdown (with the extensions a playbook site uses) or HTML read as syntax
# anywhere in running text: emphasis, code, links and images (all need `[`), attribute lists,
# raw HTML, entities, table cells, heading hashes, and the strike/mark/insert syntaxes of
# common pymdown extensions. Hyphens, colons, brackets and quotes are left alone mid-text:
# every reference costs Markdown an inline-pattern match, and at scale that is most of its work.
_SYNTAX = re.compile(r"[\\`*_{}\[\]<>&#|~=^$]")
# At the start of a value, list, quote and heading markers would begin a block.
_LEADING = re.compile(r"^(\s*)([-+:!>.]|\d+(?=[.)]))")
_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def plain(value) -> str:
    """Literal text: every syntax character becomes a numeric character reference."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\n", " ")
    text = _SYNTAX.sub(_reference, text)
    return _LEADING.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text, count=1)


def _reference(match: re.Match) -> str:
    return f"&#{ord(match.group())};"


@lru_cache(maxsize=2)
def _converter(breaks: bool = False) -> markdown_lib.Markdown:
    extensions = ["tables", "sane_lists", "fenced_code"] + (["nl2br"] if breaks else [])
    return markdown_lib.Markdown(extensions=extensions, output_format="html")


def markdown(value, breaks: bool = False) -> Markup:
    """Markdown to sanitised HTML: formatting yes; scripts, handlers, frames, forms, unsafe links no.

    `breaks` keeps every line break, as an e-mail template or call script is written."""
    if not value:
        return Markup("")
    return _markdown(str(value), breaks)


@lru_cache(maxsize=4096)
def _markdown(value: str, breaks: bool) -> Markup:
    # A persona's talk track appears on its page and in every brief: convert it once.
    converter = _converter(breaks)
    html = converter.reset().convert(str(value))
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # Blank lines around keep MkDocs' Markdown from reading into the HTML block.
    return Markup(f"\n\n{clean}\n\n")


def safe_url(value) -> Markup:
    """An external URL fit for an href: http, https or mailto only, else an empty string."""
    if not value:
        return Markup("")
    text = str(value).strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme not in URL_SCHEMES:
        return Markup("")
    return Markup(quote(text, safe=":/?#[]@!$&'*+,;=%~-._"))


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


def slugify(value) -> str:
    """An anchor id for a free text such as a tag."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    return slug or "tag"


def _finalize(value):
    return value if isinstance(value, Markup) else Markup(plain(value))


def join_text(values, separator: str = ", ") -> Markup:
    """Join content values as literal text (Jinja's own join only escapes HTML, not Markdown)."""
    return Markup(plain(separator).join(plain(v) for v in values))


def make_environment(project_root: Path | None = None) -> jinja2.Environment:
    """Templates in the project's own site_templates/ override the bundled ones, file by file."""
    search = []
    if project_root is not None and (project_root / "site_templates").is_dir():
        search.append(project_root / "site_templates")
    if BUNDLED_TEMPLATES not in search:
        search.append(BUNDLED_TEMPLATES)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        # Autoescape makes macros return Markup; _finalize then escapes Markdown syntax too.
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(markdown=markdown, url=safe_url, text=lambda v: Markup(plain(v)), join_text=join_text, money=money,
                       slugify=lambda v: Markup(slugify(v)))
    return env

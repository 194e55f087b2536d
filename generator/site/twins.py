"""Markdown twins: every page of the site once more as plain Markdown, for AI assistants.

A twin is rendered from the same page plan and the same filtered catalog as its HTML page, by
a template of its own under site_templates/markdown/ (`persona.html.j2` has `persona.md.j2`).
It sits beside the page with `.md` appended to the page's file name, as the llms.txt proposal
lays out (`personas/cfo/index.html.md`); its links point at other twins. `llms.txt` lists the
twins at the site root and `llms-full.txt` holds the whole edition in one file.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.model.links import LINK, LINK_WORDS
from generator.site.compiled import COMPILED
from generator.site.pages import Links, Page, _target, page_url
from generator.site.pictures import PLACEHOLDER as PICTURE_PLACEHOLDER
from generator.site.pictures import markdown_targets
from generator.site.render import BUNDLED_TEMPLATES, money, shown

LLMS_TXT = "llms.txt"
LLMS_FULL = "llms-full.txt"
# Above this many characters llms-full.txt only says so: about 250,000 tokens, more than an
# assistant's context holds; such a playbook is read page by page through llms.txt.
LLMS_FULL_LIMIT = 1_000_000
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<])")


def twin_path(path: str, directory_urls: bool = True) -> str:
    """The site path of the twin of the page at source path `path` ("personas/cfo.md")."""
    url = page_url(path, directory_urls)
    return url + "index.html.md" if url == "" or url.endswith("/") else url + ".md"


def twin_template(page: Page) -> str:
    return "markdown/" + page.template.removesuffix(".html.j2") + ".md.j2"


class TwinLinks(Links):
    """Relative links from one twin to the others, with the same helpers as `Links`."""

    def __init__(self, here: str, directory_urls: bool = True):
        self.directory_urls = directory_urls
        self._base = posixpath.dirname(twin_path(here, directory_urls)) or "."

    def to(self, path: str) -> Markup:
        return Markup(_relative(twin_path(path, self.directory_urls), self._base))

    def __call__(self, kind: str, id: str) -> Markup:
        path, anchor = _target(kind, id)
        return self.to(path) + anchor


@lru_cache(maxsize=65536)
def _relative(target: str, base: str) -> str:
    # Thousands of twins link to the same few hundred targets from the same few folders.
    return posixpath.relpath(target, base)


def inline(value) -> str:
    """Content text as one line of literal Markdown: markup characters are escaped."""
    if value is None:
        return ""
    return _INLINE_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


# A whole link to another page in marketing's Markdown: [text](persona:cfo#anchor).
_PAGE_LINK = re.compile(r"\[([^\[\]]*)" + LINK.pattern)


@jinja2.pass_context
def block(context, value) -> str:
    """Marketing's Markdown as it was written, with raw HTML turned into visible text and links
    to other pages pointing at their twins (or only their text where the edition hides them)."""
    if not value:
        return ""
    text = str(value).strip().replace("<", "&lt;")
    if "](" in text:
        text = _PAGE_LINK.sub(lambda match: _twin_link(context, match), text)
    if PICTURE_PLACEHOLDER in text:  # a published picture, relative to this twin
        text = markdown_targets(text, context.get("link"))
    return text


def _twin_link(context, match: re.Match) -> str:
    label, word, id, anchor = match.groups()
    kind = LINK_WORDS.get(word)
    catalog, link = context.get("catalog"), context.get("link")
    if kind is None or catalog is None or link is None or not shown(catalog, kind, id):
        return label
    return f"[{label}]({link(kind, id)}{anchor if anchor and kind not in ('stages', 'roles') else ''})"


def make_markdown_environment(project_root: Path | None = None) -> jinja2.Environment:
    """Like the HTML environment (project templates override bundled ones), but for plain text."""
    search = [
        p for p in ((project_root / "site_templates") if project_root else None, BUNDLED_TEMPLATES) if p and p.is_dir()
    ]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        autoescape=False,  # Markdown, not HTML: content is escaped by the `text` filter instead
        finalize=lambda v: "" if v is None else v,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Not checked on every page: an edited template changes the build's signature, and
        # a changed signature gets a new environment (generator/site/edition.py).
        auto_reload=False,
        bytecode_cache=COMPILED,
    )
    env.filters.update(text=inline, md=block, money=money, join_text=lambda v, sep=", ": sep.join(inline(x) for x in v))
    return env


def render_twin(env: jinja2.Environment, context: dict, page: Page, directory_urls: bool) -> str:
    """The twin of one page; `context` is the page's template context (pages.page_context)."""
    context = {**context, "link": TwinLinks(page.path, directory_urls)}
    # An entity kind without a twin template of its own gets the generic one: adding a kind
    # needs only its page template (CONTRIBUTING.md).
    fallback = ["markdown/entity.md.j2"] if "entity" in page.context else []
    return _tidy(env.select_template([twin_template(page), *fallback]).render(context))


def _tidy(text: str) -> str:
    # Templates leave blank lines where optional sections are skipped: keep at most one.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


@dataclass
class Twin:
    page: Page
    path: str  # its site path
    text: str


def llms_files(env: jinja2.Environment, context: dict, twins: list[Twin]) -> dict[str, str]:
    """llms.txt and llms-full.txt of one edition. `context` holds the catalog and settings."""
    context = {**context, "link": TwinLinks("index.md", context["settings"].directory_urls)}
    index = env.get_template("markdown/llms.txt.j2").render(context)
    size = sum(len(t.text) for t in twins)
    full = env.get_template("markdown/llms-full.txt.j2").render(
        {**context, "twins": twins if size <= LLMS_FULL_LIMIT else [], "size": size, "limit": LLMS_FULL_LIMIT}
    )
    return {LLMS_TXT: _tidy(index), LLMS_FULL: full.strip() + "\n"}

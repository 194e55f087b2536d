"""Hostile content renders inert: no script, handler, frame, form or unsafe link reaches a page,
plain text is shown as written, and content is never evaluated as a template."""

from __future__ import annotations

import html
import itertools
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .sitebuild import LAYOUT_PARAMS, article, build_edition, copy_example, rewrite_yaml, use_layout

HOSTILE = [
    '<script>alert("pwned")</script>',
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(2)">link</a>',
    "<svg onload=alert(3)><circle r=5 /></svg>",
    '<iframe src="https://evil.example/"></iframe>',
    '<form action="https://evil.example/"><input name=q></form>',
    "![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '"><script>alert(4)</script>',
    "<style>body { display: none }</style>",
    "{{ 7*7 }} {% if true %}TEMPLATE-RAN{% endif %} ${7*7}",
]
SKIP_KEYS = {
    "id",
    "type",
    "role",
    "influence",
    "audience",
    "deal_type",
    "motion",
    "buyer_stage",
    "default_role",
    "function",
    "currency",
    "url",
    "website",
    "file",
    "language",
    "date",
    "reviewed",
    "review_by",
    "owner",
    "persona",
    "stage",
    "reports_to",
    "segments",
    "personas",
    "value_propositions",
    "products",
    "assets",
    "competitors",
    "stages",
    "team",
    "engaged_by",
    "engages",
    "with",
    "logo",
    "favicon",
    "brand_color",  # validated as #rrggbb: a hostile colour is an error, tested in test_site_config
    "accent_color",
}
FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "form",
    "input",
    "style",
    "object",
    "embed",
    "frame",
    "base",
    "meta",
    "link",
    "svg",
}


_NEXT_HOSTILE = itertools.count(1)  # one sequence over all files, so every string shows up


def _poison(data):
    """Append one hostile string to every free-text value (not ids, enums, dates or URLs)."""
    if isinstance(data, dict):
        return {k: (data[k] if k in SKIP_KEYS else _poison(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [_poison(v) for v in data]
    if isinstance(data, str):
        return f"{data} {HOSTILE[next(_NEXT_HOSTILE) % len(HOSTILE)]}"
    return data


# Each way of choosing the edition (sitebuild.LAYOUTS), with the edition it chooses here: the
# partner and public editions chosen by the configuration itself, not by --audience.
EDITION_OF_LAYOUT = {"option": "internal", "inherit": "partner", "env": "public", "no-mkdocs-yml": "partner"}


@pytest.fixture(scope="module", params=LAYOUT_PARAMS)
def layout(request) -> str:
    return request.param


def _site(project: Path, layout: str, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp(f"{project.name}-site")
    audience = EDITION_OF_LAYOUT[layout]
    result = build_edition(use_layout(project, layout), site, audience, layout)
    assert result.exit_code == 0, result.output
    assert f"built the {audience} edition" in result.output
    return site


@pytest.fixture(scope="module")
def clean_site(layout, tmp_path_factory) -> Path:
    return _site(copy_example(tmp_path_factory.mktemp(f"clean-{layout}")), layout, tmp_path_factory)


@pytest.fixture(scope="module")
def hostile_site(layout, tmp_path_factory) -> Path:
    project = copy_example(tmp_path_factory.mktemp(f"hostile-{layout}"))
    for path in sorted((project / "content").rglob("*.yml")) + sorted((project / "playbooks").glob("*.yml")):
        rewrite_yaml(path, _poison)
    return _site(project, layout, tmp_path_factory)


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if (
                name in ("href", "src", "action", "xlink:href")
                and value
                and value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
            ):
                self.problems.append(f"{tag} {name}={value[:30]}")


def _pages(site: Path):
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def _audit(page: Path) -> list[str]:
    """Risky markup in the whole page, theme chrome included: titles reach <title> and the header."""
    audit = _Audit()
    audit.feed(page.read_text(encoding="utf-8") if page.is_file() else "")
    return audit.problems


def test_every_page_is_inert(hostile_site, clean_site, layout):
    pages = _pages(hostile_site)
    assert len(pages) > (80 if EDITION_OF_LAYOUT[layout] == "internal" else 10)
    for page in pages:
        # The templates' own controls (the library's filter form) are fine; content must add nothing.
        clean = clean_site / page.relative_to(hostile_site)
        assert sorted(_audit(page)) == sorted(_audit(clean)), page


def test_hostile_text_is_visible_as_written_in_plain_fields(hostile_site):
    # A plain-text field shows the angle brackets as text, escaped for HTML.
    product = (hostile_site / "products/flexline/index.html").read_text(encoding="utf-8")  # in every edition
    assert "&#60;script&#62;" in product or "&lt;script&gt;" in product


def test_templates_in_content_are_never_evaluated(hostile_site):
    text = html.unescape("".join(article(p.read_text(encoding="utf-8")) for p in _pages(hostile_site)))
    # Evaluated, the template would leave "TEMPLATE-RAN" without its tags, and 49 for 7*7.
    assert text.count("TEMPLATE-RAN") == text.count("{% if true %}TEMPLATE-RAN{% endif %}") > 0
    assert "{{ 7*7 }}" in text

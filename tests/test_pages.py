"""Free-form pages (content/pages/<id>.md) and the files under content/ that are not content.

The exact reports of broken projects are in tests/invalid/ (e100-page-front-matter,
e200-page-front-matter-field, e201-page-without-title, e204-page-links, w300-stale-page,
e112-content-not-read, w303-unused-file); these tests pin the pieces: where the loader puts
things, how a page renders, links to pages, search, and which stray files stay quiet.
"""

from __future__ import annotations

import datetime

import pytest

from generator.catalog.check import check_project
from generator.catalog.discover import is_noise, scan
from generator.load.frontmatter import load_page_text
from generator.site.edition import Options, prepare_site
from generator.site.search import records

TODAY = datetime.date(2026, 7, 1)
PAGE = """\
---
title: How we price
summary: Price per pack first.
owner: Sales operations
---
We quote the **price per pack** first.

Ask the [buyer](persona:buyer) for today's baseline.
"""


def check(root):
    return [str(d) for d in check_project(root, on=TODAY).diagnostics]


# --- the loader ------------------------------------------------------------------------------


def test_front_matter_positions_are_the_lines_of_the_md_file():
    document, problems = load_page_text(PAGE, "content/pages/p.md")
    assert problems == [] and document is not None
    assert document.data["title"] == "How we price"
    assert document.source.value(("owner",)).line == 4
    assert document.source.key(("owner",)).column == 1
    body = document.source.value(("body",))
    assert (body.line, body.column) == (6, 1)
    assert document.data["body"].startswith("We quote")


def test_windows_line_breaks_and_a_byte_order_mark_are_read_like_any_file():
    raw = b"\xef\xbb\xbf" + PAGE.replace("\n", "\r\n").encode()
    document, problems = load_page_text(raw, "content/pages/p.md")
    assert problems == [] and document is not None
    assert document.data["title"] == "How we price"
    assert document.source.value(("body",)).line == 6


def test_a_fence_with_trailing_spaces_still_closes_the_front_matter():
    document, problems = load_page_text("---\ntitle: T\n---  \nText.\n", "p.md")
    assert problems == [] and document is not None and document.data["body"] == "Text.\n"


def test_a_body_with_a_thematic_break_keeps_it():
    document, _ = load_page_text("---\ntitle: T\n---\nOne.\n\n---\n\nTwo.\n", "p.md")
    assert document is not None and document.data["body"] == "One.\n\n---\n\nTwo.\n"


def test_a_front_matter_syntax_error_is_at_its_line_in_the_md_file():
    document, problems = load_page_text("---\ntitle: T\nsummary: a: b\n---\nText.\n", "p.md")
    assert document is None
    assert [(d.code, d.line) for d in problems] == [("E100", 3)]


# --- check -----------------------------------------------------------------------------------


def test_a_valid_page_is_checked_clean_and_its_link_resolved(make_project):
    root = make_project({"content/pages/pricing.md": PAGE, "content/personas/buyer.yml": "name: Buyer\n"})
    assert check(root) == []
    page = check_project(root).catalog.get("pages", "pricing")
    assert page.name == "How we price" and page.rel == "content/pages/pricing.md"


def test_a_link_to_a_page_from_a_yaml_field_is_checked(make_project):
    root = make_project(
        {
            "content/pages/pricing.md": PAGE.replace("(persona:buyer)", "(page:pricing)"),
            "content/personas/buyer.yml": "name: Buyer\nmessaging: See [pricing](page:pricing) and [x](page:pricng).\n",
        }
    )
    assert check(root) == [
        "content/personas/buyer.yml:2:48: error[E204]: unknown page 'pricng' in the link [x](page:pricng) "
        "(did you mean 'pricing'?)"
    ]


def test_an_uppercase_extension_of_a_page_is_not_read_silently(make_project):
    root = make_project({"content/pages/pricing.MD": PAGE, "content/personas/buyer.yml": "name: Buyer\n"})
    assert [d.code for d in check_project(root).diagnostics] == []  # .MD is a page, as .YML is YAML
    assert check_project(root).catalog.get("pages", "pricing") is not None


# --- the site --------------------------------------------------------------------------------


def test_a_page_renders_its_text_and_others_link_to_it(make_project):
    root = make_project(
        {
            "content/pages/pricing.md": PAGE + "\n<script>alert(1)</script>\n",
            "content/personas/buyer.yml": "name: Buyer\nmessaging: Read [how we price](page:pricing#discounts).\n",
        }
    )
    site = prepare_site(root, Options())
    html = site.html["pages/pricing.md"]
    assert "<strong>price per pack</strong>" in html
    assert '<a href="../../personas/buyer/"' in html
    assert "<script" not in html
    assert '<a href="../../pages/pricing/#discounts"' in site.html["personas/buyer.md"]
    assert ("Guides", "pages/index.md") in site.nav
    assert "[how we price](../../pages/pricing/index.html.md#discounts)" in site.twins["personas/buyer.md"]


def test_search_has_a_record_for_each_page(make_project):
    root = make_project({"content/pages/pricing.md": PAGE, "content/personas/buyer.yml": "name: Buyer\n"})
    found = [r for r in records(check_project(root).catalog, "internal") if r.page == "pages/pricing.md"]
    assert [(r.kind, r.title, r.snippet) for r in found] == [("guide", "How we price", "Price per pack first.")]
    assert "baseline" in found[0].body


# --- files that are not content --------------------------------------------------------------


def test_editor_and_system_noise_is_quiet():
    for name in (".DS_Store", ".cfo.yml.swp", "cfo.yml~", "Thumbs.db", "desktop.ini", ".gitkeep", "README.md"):
        assert is_noise(name), name
    for name in ("cfo.yml", "notes.md", "deck.pdf", "cfo.yml.txt"):
        assert not is_noise(name), name


def test_every_file_is_loaded_reported_or_left_for_the_rules(make_project):
    root = make_project(
        {
            "content/personas/cfo.yml": "name: CFO\n",
            "content/personas/CEO.YML": "name: CEO\n",  # not a valid id: E110, never silent
            "content/personas/cfo.yml.txt": "name: CFO\n",
            "content/personas/cfo.pdf": b"%PDF",
            "content/personas/.DS_Store": b"\0",
            "content/assets/files/anything.yml": "not: an asset\n",
            "content/brand/logo.png": b"PNG",
            "playbooks/notes.md": "# notes\n",
        }
    )
    layout = scan(root)
    assert [f.rel for f in layout.files] == ["content/personas/cfo.yml"]
    assert sorted((d.file, d.code) for d in layout.problems) == [
        ("content/personas/CEO.YML", "E110"),
        ("content/personas/cfo.yml.txt", "E112"),
        ("playbooks/notes.md", "E112"),
    ]
    assert sorted(layout.loose) == ["content/brand/logo.png", "content/personas/cfo.pdf"]


def test_files_that_are_used_are_not_reported(make_project):
    root = make_project(
        {
            "content/company.yml": "name: Co\nlogo: brand/logo.png\n",
            "content/brand/logo.png": b"PNG",
            "content/assets/deck.yml": "name: Deck\nfile: deck.pdf\nsegments: [dairy]\n",
            "content/assets/deck.pdf": b"%PDF",
            "content/segments/dairy.yml": "name: Dairy\ndescription: '![the line](line.jpg)'\n",
            "content/segments/line.jpg": b"JPG",
            "content/segments/plan.xlsx": b"PK",
        }
    )
    assert [(d.file, d.code) for d in check_project(root, on=TODAY).diagnostics] == [
        ("content/segments/plan.xlsx", "W303")
    ]


def test_no_unused_file_warning_while_an_asset_is_invalid(make_project):
    # The invalid asset may be the one that attaches the file: a W303 would be a cascade.
    root = make_project(
        {
            "content/assets/deck.yml": "name: Deck\nfile: deck.pdf\nsegmnts: [dairy]\n",
            "content/assets/deck.pdf": b"%PDF",
        }
    )
    assert [d.code for d in check_project(root, on=TODAY).diagnostics] == ["E200"]


def test_each_section_of_a_page_is_in_its_contents_and_found_by_search(make_project):
    body = (
        "Opening words.\n\n## Discounts and *who* approves them\n\nThe sales director approves more than 12 %.\n\n"
        "```\n## not a heading: code\n```\n\n## How we price\n\nSame words as the title.\n"
    )
    root = make_project({"content/pages/pricing.md": f"---\ntitle: How we price\n---\n{body}"})
    site = prepare_site(root, Options())
    html = site.html["pages/pricing.md"]
    (top,) = site.toc["pages/pricing.md"]
    assert [t["name"] for t in top["children"]] == ["Discounts and who approves them", "How we price"]
    found = [r for r in records(check_project(root).catalog, "internal") if r.page == "pages/pricing.md"]
    assert [(r.anchor, r.title) for r in found] == [
        ("", "How we price"),
        ("discounts-and-who-approves-them", "Discounts and who approves them"),
        ("how-we-price_1", "How we price"),  # the page's own heading has the plain id
    ]
    assert found[0].body == "Opening words." and "sales director" in found[1].body
    for record in found[1:]:
        assert f'id="{record.anchor}"' in html
    assert "## not a heading: code" in html


def test_a_page_too_long_to_render_is_refused_at_its_text(make_project):
    root = make_project({"content/pages/long.md": "---\ntitle: Long\n---\n" + "word " * 12_000})
    assert [(d.code, d.line, d.column) for d in check_project(root).diagnostics] == [("E211", 4, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---",
        "---\n",
        "---\n---",
        "---\r---\rText",
        "---\n- a list\n---\n",
        "---\n[a, b\n---\n",
        "\0---\n",
        "---\n...\n",
    ],
)
def test_the_page_loader_answers_every_input_without_raising(text):
    document, problems = load_page_text(text, "p.md")
    assert document is not None or problems
    for problem in problems:
        assert problem.code.startswith("E") and problem.line >= 1 and problem.column >= 1

"""The escaping rules of the renderer, one by one."""

import html

from markupsafe import Markup

from generator.site.render import Headings, make_environment, markdown, safe_url


def test_values_are_written_as_text():
    env = make_environment()
    out = env.from_string("<p>{{ value }}</p>").render(value="**bold** <b>x</b> [a](b) & {{ x }}")
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out
    assert html.unescape(out) == "<p>**bold** <b>x</b> [a](b) & {{ x }}</p>"


def test_markdown_formats_but_strips_dangerous_markup():
    out = markdown(
        "**bold** <script>alert(1)</script> <img src=x onerror=alert(1)> "
        "[a](javascript:alert(1)) [b](https://ok.example/) <iframe src=x></iframe>"
    )
    assert "<strong>bold</strong>" in out
    assert "script" not in out and "onerror" not in out and "javascript" not in out and "iframe" not in out
    assert 'href="https://ok.example/"' in out
    assert isinstance(out, Markup)


def test_markdown_keeps_relative_links_and_mailto_but_not_data_images():
    out = markdown("[r](../x/) [m](mailto:a@b.example) ![i](data:image/png;base64,AAAA)")
    assert 'href="../x/"' in out and 'href="mailto:a@b.example"' in out
    assert "data:" not in out


def test_safe_url_refuses_other_schemes():
    assert safe_url("https://a.example/x?y=1") == "https://a.example/x?y=1"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url("data:text/html,hi") == ""


def test_every_expression_is_escaped_by_default():
    env = make_environment()
    template = env.from_string("{{ value }} {{ md | markdown }}")
    out = template.render(value="<i>x</i> {{ y }}", md="*x*")
    assert "<em>x</em>" in out
    assert out.startswith("&lt;i&gt;x&lt;/i&gt; {{ y }}")


def test_safe_url_escapes_ampersands_for_html():
    assert safe_url("https://a.example/?a=1&copy=2") == "https://a.example/?a=1&amp;copy=2"


def test_heading_ids_are_unique_and_follow_python_markdown():
    import markdown as md

    headings = Headings()
    ids = [headings.add(2, t) for t in ("Their wins", "Their wins", "Café & co.", "!!!")]
    converter = md.Markdown(extensions=["toc"])
    converter.convert("## Their wins\n\n## Their wins\n\n## Café & co.\n")
    assert ids[:3] == [t["id"] for t in converter.toc_tokens]
    assert ids[3] == "section"
    assert headings.add(3, "Anything", id="play-1") == "play-1"
    assert [t["level"] for t in headings.tokens()] == [2, 2, 2, 2]
    assert headings.tokens()[-1]["children"][0]["id"] == "play-1"


def test_content_is_data_not_a_template():
    env = make_environment()
    out = env.from_string("{{ value }}").render(value="{{ 7*7 }}")
    assert "49" not in out


def test_pathological_markdown_renders_in_bounded_time():
    """Issue 12: 16,000 '[' took 23 s and 100 KB ran past 300 s (quadratic parsing)."""
    import time

    from generator.site import render

    for text in ("[" * 100_000, "[a](" * 25_000, "*a*" * 16_000):
        render._markdown.cache_clear()
        started = time.perf_counter()
        html = render.markdown(text)
        assert time.perf_counter() - started < 2, text[:8]
        assert html.startswith(text[:4].replace("<", "&lt;")) or "[" in html


def test_a_field_too_complex_to_render_is_a_located_error(tmp_path):
    from generator.catalog.check import check_project

    (tmp_path / "content/personas").mkdir(parents=True)
    (tmp_path / "content/personas/cfo.yml").write_text("name: CFO\nmessaging: |\n  " + "[" * 1000 + "\n")
    [problem] = check_project(tmp_path).diagnostics
    assert (problem.file, problem.line, problem.column, problem.code) == ("content/personas/cfo.yml", 2, 12, "E211")


def test_ids_never_end_in_a_newline():
    """`re.match` with `$` accepted 'cfo\\n' (issue 12)."""
    import re

    from generator.model.fields import ID_PATTERN, _check_id

    assert re.compile(ID_PATTERN).fullmatch("cfo\n") is None
    import pytest
    from pydantic_core import PydanticCustomError

    with pytest.raises(PydanticCustomError):
        _check_id("cfo\n")


def test_a_file_name_ending_in_a_newline_is_not_a_valid_id(tmp_path):
    from generator.catalog.check import check_project

    (tmp_path / "content/personas").mkdir(parents=True)
    (tmp_path / "content/personas/cfo\n.yml").write_text("name: CFO\n")
    assert [d.code for d in check_project(tmp_path).diagnostics] == ["E110"]


def test_glossary_terms_are_explained_in_marketing_markdown():
    glossary = (("OEE", "overall equipment effectiveness"), ("RTO", 'recovery "time" <objective>'))
    html = markdown("We guarantee 85 % OEE and an RTO of minutes; OEEs stay plain.", False, glossary)
    assert '<abbr title="overall equipment effectiveness">OEE</abbr>' in html
    assert "<objective>" not in html and "&lt;objective&gt;" in html  # the expansion is text, never markup
    assert "OEEs" in html and ">OEEs<" not in html
    assert "<abbr" not in markdown("We guarantee 85 % OEE.")  # no glossary, no definitions

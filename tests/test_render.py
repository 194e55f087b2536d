"""The escaping rules of the renderer, one by one."""

import html

from markupsafe import Markup

from generator.render import make_environment, markdown, plain, safe_url


def test_plain_text_shows_markdown_and_html_syntax_literally():
    out = plain("**bold** <b>x</b> [a](b) {{ x }} # h | t")
    assert "*" not in out and "<" not in out and "[" not in out and "{" not in out and "|" not in out
    assert html.unescape(out) == "**bold** <b>x</b> [a](b) {{ x }} # h | t"


def test_markdown_formats_but_strips_dangerous_markup():
    out = markdown('**bold** <script>alert(1)</script> <img src=x onerror=alert(1)> '
                   '[a](javascript:alert(1)) [b](https://ok.example/) <iframe src=x></iframe>')
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
    out = template.render(value="*x* {{ y }}", md="*x*")
    assert "<em>x</em>" in out
    assert out.startswith("&#42;x&#42; &#123;&#123; y &#125;&#125;")


def test_content_is_data_not_a_template():
    env = make_environment()
    out = env.from_string("{{ value }}").render(value="{{ 7*7 }}")
    assert "49" not in out


def test_block_markers_at_the_start_of_a_value_stay_literal():
    import markdown as md

    for value in ("- not a list", "1. not numbered", "# not a heading", "> not a quote", "  + spaced"):
        html_out = md.markdown(f"- {plain(value)}")
        assert html_out.count("<li>") == 1 and "<h1>" not in html_out and "<blockquote>" not in html_out, value
        assert html.unescape(html_out).replace("<ul>\n<li>", "").replace("</li>\n</ul>", "").strip() == value.strip()


def test_ordinary_punctuation_is_left_readable():
    # Every reference is work for Markdown; text full of hyphens and colons should need none.
    assert plain("price-per-pack: 2 (cents), 'quoted' \"text\"!") == "price-per-pack: 2 (cents), 'quoted' \"text\"!"

"""Templates are compiled once per process and kept on disk for the next, and never shared where
the compiled code differs."""

from __future__ import annotations

import os
import tempfile

import jinja2
import pytest
from jinja2.ext import Extension
from markupsafe import Markup

from generator.site.compiled import CompiledTemplates, user_cache


class Shouting(Extension):
    """Rewrites a template before it is compiled."""

    def preprocess(self, source, name, filename=None):
        return source.replace("{{ name }}", "{{ name | upper }}")


def _environment(folder, cache, **settings) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache, **settings)


def _refuse_to_compile(*args, **kwargs):
    raise AssertionError("compiled again although the cache holds it")


def test_a_second_environment_uses_the_compiled_template(tmp_path):
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    cache = CompiledTemplates()
    assert _environment(tmp_path, cache).get_template("page.html").render(name="Ana") == "Hello Ana"
    again = _environment(tmp_path, cache)
    again.compile = _refuse_to_compile
    assert again.get_template("page.html").render(name="Bo") == "Hello Bo"
    assert len(cache.compiled) == 1


def test_an_edited_template_is_compiled_again(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("Old {{ name }}", encoding="utf-8")
    cache = CompiledTemplates()
    _environment(tmp_path, cache).get_template("page.html")
    page.write_text("New {{ name }}", encoding="utf-8")
    assert _environment(tmp_path, cache).get_template("page.html").render(name="Ana") == "New Ana"


@pytest.mark.parametrize(
    "settings",
    [
        {"autoescape": False},
        {"trim_blocks": True},
        {"variable_start_string": "[[", "variable_end_string": "]]"},
        {"extensions": ["tests.test_compiled.Shouting"]},
    ],
    ids=["escaping", "whitespace", "delimiters", "extensions"],
)
def test_environments_configured_differently_do_not_share_code(tmp_path, settings):
    (tmp_path / "page.html").write_text("{% if 1 %}\n{{ name }}[[ name ]]{% endif %}", encoding="utf-8")
    cache = CompiledTemplates()
    plain = {"autoescape": True}
    first = _environment(tmp_path, cache, **plain).get_template("page.html").render(name="<b>")
    other = _environment(tmp_path, cache, **{**plain, **settings})
    expected = _environment(tmp_path, None, **{**plain, **settings}).get_template("page.html").render(name="<b>")
    assert other.get_template("page.html").render(name="<b>") == expected != first
    assert len(cache.compiled) == 2


def test_a_filter_that_takes_the_context_is_not_called_like_a_plain_one(tmp_path):
    """Whether a filter gets the context is decided when compiling."""
    (tmp_path / "page.html").write_text("{{ name | shout }}", encoding="utf-8")
    cache = CompiledTemplates()
    plain = _environment(tmp_path, cache)
    plain.filters["shout"] = lambda value: value.upper()
    assert plain.get_template("page.html").render(name="ana") == "ANA"
    contextual = _environment(tmp_path, cache)
    contextual.filters["shout"] = jinja2.pass_context(lambda context, value: Markup(f"{value}!{context['name']}"))
    assert contextual.get_template("page.html").render(name="ana") == "ana!ana"


def _on_disk(folder) -> CompiledTemplates:
    """A new process's cache (an empty memory) over the disk cache in `folder`."""
    folder.mkdir(exist_ok=True)
    return CompiledTemplates(lambda: jinja2.FileSystemBytecodeCache(str(folder)))


def test_the_next_process_loads_the_compiled_template_from_disk(tmp_path):
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    _environment(tmp_path, _on_disk(tmp_path / "cache")).get_template("page.html")
    assert len(os.listdir(tmp_path / "cache")) == 1
    later = _environment(tmp_path, _on_disk(tmp_path / "cache"))
    later.compile = _refuse_to_compile
    assert later.get_template("page.html").render(name="Bo") == "Hello Bo"


def test_a_template_edited_since_it_was_stored_is_compiled_again(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("Old {{ name }}", encoding="utf-8")
    _environment(tmp_path, _on_disk(tmp_path / "cache")).get_template("page.html")
    page.write_text("New {{ name }}", encoding="utf-8")
    assert (
        _environment(tmp_path, _on_disk(tmp_path / "cache")).get_template("page.html").render(name="Ana") == "New Ana"
    )


def test_another_jinja_release_does_not_read_the_stored_code(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    _environment(tmp_path, _on_disk(tmp_path / "cache")).get_template("page.html")
    monkeypatch.setattr(jinja2, "__version__", "99.0.0")
    _environment(tmp_path, _on_disk(tmp_path / "cache")).get_template("page.html")
    assert len(os.listdir(tmp_path / "cache")) == 2


def test_a_disk_that_refuses_writes_costs_only_the_cache(tmp_path):
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    gone = CompiledTemplates(lambda: jinja2.FileSystemBytecodeCache(str(tmp_path / "missing")))
    assert _environment(tmp_path, gone).get_template("page.html").render(name="Ana") == "Hello Ana"
    assert not (tmp_path / "missing").exists()


def test_a_cache_folder_that_is_not_a_private_folder_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    (tmp_path / f"_jinja2-cache-{os.getuid()}").write_text("not a folder", encoding="utf-8")
    assert user_cache() is None
    (tmp_path / f"_jinja2-cache-{os.getuid()}").unlink()
    cache = user_cache()
    assert cache is not None and cache.directory == str(tmp_path / f"_jinja2-cache-{os.getuid()}")

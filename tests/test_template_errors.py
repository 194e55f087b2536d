"""A project's own templates (site_templates/) are its files: a mistake in one is reported at
its line like any content mistake (E230), never as a bug of the generator."""

from __future__ import annotations

import jinja2
import pytest

from generator.site.template_errors import template_problem

from .sitebuild import build

TINY = {"content/company.yml": "name: Tiny\n"}


@pytest.mark.parametrize(
    ("template", "line", "what"),
    [
        ("{% if page %}\nunclosed\n", 2, "template syntax error: Unexpected end of template"),
        ("<p>fine</p>\n{{ page.nothing.deeper }}\n", 2, "the template failed while rendering (UndefinedError"),
    ],
)
def test_a_broken_project_template_is_located_not_a_bug(make_project, tmp_path, caplog, template, line, what):
    project = make_project({**TINY, "site_templates/pages/home.html.j2": template})
    result = build(project, tmp_path / "site")
    assert result.exit_code == 1, result.output
    said = result.output + caplog.text  # the report goes out through MkDocs' log, on stderr
    assert f"site_templates/pages/home.html.j2:{line}:1: error[E230]: {what}" in said
    assert "internal error" not in said and "Traceback" not in said
    assert not (tmp_path / "site").exists()  # nothing half-written


def test_the_same_template_fixed_builds(make_project, tmp_path):
    project = make_project({**TINY, "site_templates/pages/home.html.j2": "{% if page %}\n"})
    assert build(project, tmp_path / "site").exit_code == 1
    (project / "site_templates/pages/home.html.j2").unlink()  # back to the bundled template
    assert build(project, tmp_path / "site").exit_code == 0


def test_a_failure_in_a_bundled_template_stays_the_generators_bug(tmp_path):
    bundled = jinja2.Environment(loader=jinja2.DictLoader({"x.html.j2": "{{ 1 / 0 }}"}))
    try:
        bundled.get_template("x.html.j2").render()
    except ZeroDivisionError as exc:
        assert template_problem(exc, tmp_path) is None
    else:
        pytest.fail("the template should have failed")

"""Site configuration: the built-in default for projects without mkdocs.yml, and edit links."""

import shutil
from pathlib import Path

from .sitebuild import build

FIXTURE = Path(__file__).parent / "fixtures" / "golden-project"


def test_project_without_mkdocs_yml_builds_with_the_company_name(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(FIXTURE, project)
    assert not (project / "mkdocs.yml").exists()
    result = build(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Tinbox Ltd - Tinbox Ltd playbook</title>" in home  # page title - site name
    assert not list(project.glob("*.yml"))  # nothing written into the project


def test_edit_link_points_at_the_yaml_source(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(FIXTURE, project)
    (project / "mkdocs.yml").write_text(
        "site_name: Tinbox\nrepo_url: https://git.example/tinbox/playbook\nedit_uri: edit/main/\n"
        "docs_dir: content\ntheme:\n  name: material\n  font: false\nplugins:\n  - playbook\n",
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    persona = (tmp_path / "site" / "personas" / "buyer" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://git.example/tinbox/playbook/edit/main/content/personas/buyer.yml"' in persona
    playbook = (tmp_path / "site" / "playbooks" / "win-jam" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://git.example/tinbox/playbook/edit/main/playbooks/win-jam.yml"' in playbook


def test_company_brand_gives_the_site_its_logo_favicon_and_colours(tmp_path):
    from .sitebuild import build, copy_example

    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.exit_code == 0, result.output
    home = (site / "index.html").read_text("utf-8")
    assert (site / "_playbook/brand/logo.svg").is_file() and (site / "_playbook/brand/favicon.svg").is_file()
    assert 'rel="icon" href="_playbook/brand/favicon.svg"' in home
    assert '<img src="_playbook/brand/logo.svg"' in home
    assert "--md-primary-fg-color: #0b5d4b" in home
    assert "Made with" not in home  # the generator credit is off unless mkdocs.yml asks for it
    assert 'data-md-color-scheme="slate"' in home or "prefers-color-scheme: dark" in home  # dark mode offered


def test_malformed_brand_colour_is_a_located_error(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    from .sitebuild import copy_example

    project = copy_example(tmp_path / "project")
    company = project / "content/company.yml"
    company.write_text(company.read_text("utf-8").replace('brand_color: "#0b5d4b"', "brand_color: green"), "utf-8")
    result = CliRunner().invoke(main, ["check", str(project)])
    assert result.exit_code == 1
    line = next(
        n for n, text in enumerate(company.read_text("utf-8").splitlines(), 1) if text.startswith("brand_color")
    )
    assert f"content/company.yml:{line}:14: error[E209]" in result.output

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

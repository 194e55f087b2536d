"""Every kind is declared once, in generator/model/registry.py, and every table of kinds follows.

The last test is CONTRIBUTING.md's checklist carried out: in a copy of the generator it adds a
kind by writing only a model, a registry entry and a page template, then checks and builds a
project that uses it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.authoring.export import export
from generator.authoring.scaffold import resolve_kind
from generator.authoring.schema import schemas
from generator.catalog.catalog import build_catalog
from generator.catalog.discover import discover
from generator.model import registry
from generator.model.reference import kind_doc
from generator.site.pages import SECTIONS, section_name
from generator.site.render import BUNDLED_TEMPLATES, labels

REPO = Path(__file__).resolve().parents[1]
MODEL_KINDS = [k for k in registry.KINDS if k.model]


@pytest.mark.parametrize("kind", MODEL_KINDS, ids=lambda k: k.name)
def test_the_model_knows_its_registry_name(kind):
    assert kind.model is not None and kind.model.kind == kind.name


@pytest.mark.parametrize("kind", MODEL_KINDS, ids=lambda k: k.name)
def test_every_kind_has_a_schema_a_reference_entry_and_a_location(kind):
    # Editors apply JSON Schemas to YAML files; a Markdown page's front matter is checked by check alone.
    assert (kind.name in schemas()) == (kind.suffix == ".yml")
    doc = kind_doc(kind.name)
    assert doc.location == kind.location and doc.title
    assert kind.name in registry.ALL_KINDS


@pytest.mark.parametrize("kind", [k for k in registry.KINDS if k.folder], ids=lambda k: k.name)
def test_every_folder_kind_is_found_has_a_page_template_and_an_export_key(kind, tmp_path):
    path = tmp_path / kind.location.replace("<id>", "some-id")
    path.parent.mkdir(parents=True)
    path.write_text("name: Some\n", encoding="utf-8")
    files, problems = discover(tmp_path)
    assert problems == [] and [(f.kind, f.id) for f in files] == [(kind.name, "some-id")]
    assert kind.template and (BUNDLED_TEMPLATES / "pages" / kind.template).is_file()
    assert resolve_kind(kind.singular.replace(" ", "-")) == kind.name
    document = export(build_catalog(tmp_path, []), audience="internal")
    assert kind.name in document["entities"]


def test_every_section_page_has_its_words_and_template():
    for path, needs in SECTIONS:
        name = section_name(path)
        assert set(labels()["sections"][name]) == {"title", "description"}, name
        assert (BUNDLED_TEMPLATES / "pages" / f"{name}.html.j2").is_file(), name
        assert needs is None or needs in registry.ALL_KINDS


def test_list_kinds_name_a_list_field_of_a_single_kind():
    for name, (single, field) in registry.LIST_KINDS.items():
        assert field in registry.SINGLE_KINDS[single].model_fields, name


THROWAWAY_MODEL = '''

class Partner(Common):
    """content/partners/<id>.yml: a reseller we sell with."""

    kind: ClassVar[str] = "partners"
    region: str | None = describe("Where the partner sells.", default=None)
'''
THROWAWAY_TEMPLATE = """{% import "partials/macros.html.j2" as m with context %}
{% set p = entity %}
{{ m.header(p) }}
<p class="pb-partner-region">Sells in {{ p.region }}</p>
"""


@pytest.mark.slow
def test_a_new_kind_needs_only_a_model_a_registry_entry_and_a_template(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "generator", copy / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "site_templates", copy / "site_templates")
    kinds = copy / "generator" / "model" / "kinds.py"
    kinds.write_text(kinds.read_text(encoding="utf-8") + THROWAWAY_MODEL, encoding="utf-8")
    reg = copy / "generator" / "model" / "registry.py"
    text = reg.read_text(encoding="utf-8").replace("    Playbook,\n", "    Partner,\n    Playbook,\n", 1)
    entry = '    _folder("partners", "partner", Partner),\n    _folder("playbooks",'
    reg.write_text(text.replace('    _folder("playbooks",', entry, 1), encoding="utf-8")
    (copy / "site_templates" / "pages" / "partner.html.j2").write_text(THROWAWAY_TEMPLATE, encoding="utf-8")

    project = tmp_path / "project"
    (project / "content" / "partners").mkdir(parents=True)
    (project / "content" / "partners" / "nordic-lines.yml").write_text("name: Nordic Lines\nregion: Scandinavia\n")
    (project / "content" / "partners" / "bad.yml").write_text("name: Bad\nregoin: typo\n")
    env = {**os.environ, "PYTHONPATH": str(copy), "NO_MKDOCS_2_WARNING": "1"}
    run = [sys.executable, "-m", "generator"]
    checked = subprocess.run(
        [*run, "check", str(project)], capture_output=True, text=True, env=env, cwd=copy, timeout=120
    )
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "content/partners/bad.yml:2:1: error[E200]" in checked.stdout  # validated by the new model
    (project / "content" / "partners" / "bad.yml").unlink()
    site = tmp_path / "site"
    built = subprocess.run(
        [*run, "build", str(project), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=copy,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    page = (site / "partners" / "nordic-lines" / "index.html").read_text(encoding="utf-8")
    assert "Sells in Scandinavia" in page

"""`playbook init` and `playbook new`: a starter that checks clean and builds, and new entity
files that are valid with every optional field shown as a comment."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import typing

import pytest
import yaml
from click.testing import CliRunner

from generator.authoring.package import default_generator_spec
from generator.authoring.scaffold import PAGE_TEXT, entity_text, new_entity, resolve_kind
from generator.authoring.schema import vscode_schemas
from generator.catalog.check import check_project
from generator.cli import main
from generator.model import reference
from generator.model.kinds import Insight
from generator.model.registry import ALL_KINDS, FOLDER_KINDS, SUFFIXES, YAML_KINDS

from .sitebuild import build, site_files

KIND_WORDS = {
    "segments": "segment",
    "personas": "persona",
    "value-propositions": "value-proposition",
    "products": "product",
    "assets": "asset",
    "competitors": "competitor",
    "insights": "insight",
    "playbooks": "playbook",
    "pages": "page",
}


@pytest.fixture(scope="module")
def starter(tmp_path_factory):
    root = tmp_path_factory.mktemp("init") / "our-playbook"
    result = CliRunner().invoke(main, ["init", str(root)])
    assert result.exit_code == 0, result.output
    return root


def test_init_writes_one_example_of_every_kind(starter):
    result = check_project(starter)
    assert result.diagnostics == []  # no error and no warning
    catalog = result.catalog
    assert sorted(catalog.singles) == ["company", "leads", "process", "team"]
    for kind in FOLDER_KINDS:
        assert len(catalog.all(kind)) >= 1, kind


def test_init_ships_site_ci_editor_and_readme(starter):
    for rel in (
        "mkdocs.yml",
        "README.md",
        "requirements.txt",
        ".gitignore",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
        ".github/workflows/playbook.yml",
        ".github/ISSUE_TEMPLATE/field-insight.yml",
        ".vscode/settings.json",
        ".vscode/extensions.json",
    ):
        assert (starter / rel).is_file(), rel
    assert sorted(p.name for p in (starter / "schemas").iterdir()) == sorted(f"{k}.schema.json" for k in YAML_KINDS)


def test_github_workflow_annotates_pull_requests_and_publishes_main(starter):
    workflow = yaml.safe_load((starter / ".github/workflows/playbook.yml").read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    check_steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["check"]["steps"])
    assert "playbook check --format github" in check_steps
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "check" and "refs/heads/main" in publish["if"]
    uses = [s.get("uses", "") for s in publish["steps"]]
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert publish["permissions"]["pages"] == "write"
    checkout = next(s for s in publish["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the "What changed" page needs the history


def test_github_actions_are_on_their_current_majors(starter):
    """The Node 20 majors were removed from GitHub's runners: every action names a Node 24 major."""
    workflow = yaml.safe_load((starter / ".github/workflows/playbook.yml").read_text())
    uses = {s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s}
    assert uses == {
        "actions/checkout@v7",
        "actions/setup-python@v7",
        "actions/upload-artifact@v7",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
    }


def test_gitlab_ci_checks_merge_requests_and_publishes_pages(starter):
    ci = yaml.safe_load((starter / ".gitlab-ci.yml").read_text())
    assert "playbook check" in ci["check"]["script"]
    assert any("--format gitlab > gl-code-quality-report.json" in line for line in ci["check"]["script"])
    assert ci["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("merge_request_event" in r["if"] for r in ci["check"]["rules"])
    assert ci["pages"]["artifacts"]["paths"][0] == "public"
    assert any("--site-dir public" in line for line in ci["pages"]["script"])


def test_pre_commit_runs_the_check_in_its_own_environment(starter):
    config = yaml.safe_load((starter / ".pre-commit-config.yaml").read_text())
    hook = config["repos"][0]["hooks"][0]
    assert hook["id"] == "playbook-check" and hook["entry"] == "playbook check"
    assert hook["language"] == "python"  # pre-commit installs the generator: no venv on PATH needed
    assert hook["additional_dependencies"] == [default_generator_spec()]


def test_pre_commit_refreshes_the_project_schemas_in_its_own_environment(starter):
    hooks = yaml.safe_load((starter / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    schema = next(h for h in hooks if h["id"] == "playbook-schema")
    assert schema["entry"] == "playbook schema --project" and schema["language"] == "python"
    assert schema["additional_dependencies"] == [default_generator_spec()]
    assert schema["pass_filenames"] is False and re.search(schema["files"], "content/personas/cfo.yml")


def test_ci_and_pre_commit_install_exactly_this_generator(starter):
    spec = default_generator_spec()
    assert re.fullmatch(r"customer-value-playbook==\d+\.\d+\.\d+\S*", spec)
    lines = [line for line in (starter / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert lines == [spec]


@pytest.mark.parametrize(
    "spec",
    [
        "git+https://git.example.com/tools/playbook.git@v0.1.0",
        "customer-value-playbook==0.1.0",
        "./vendor/customer_value_playbook-0.1.0-py3-none-any.whl",
        'customer-value-playbook[extra] @ https://files.example.com/a "b".whl',
    ],
)
def test_init_generator_overrides_what_ci_and_pre_commit_install(tmp_path, spec):
    root = tmp_path / "p"
    result = CliRunner().invoke(main, ["init", str(root), "--generator", spec])
    assert result.exit_code == 0, result.output
    assert (root / "requirements.txt").read_text().splitlines()[-1] == spec
    hook = yaml.safe_load((root / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["additional_dependencies"] == [spec]


@pytest.mark.parametrize("spec", ["", "  ", "a\nb", "-r other.txt", "# nothing"])
def test_init_refuses_a_generator_spec_pip_cannot_read(tmp_path, spec):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "p"), "--generator", spec])
    assert result.exit_code == 2
    assert "--generator needs what pip installs" in result.output
    assert not (tmp_path / "p").exists()


def test_starter_writes_lists_one_item_per_line(starter):
    """Flow lists split at every comma ([On-time, in-full] is two items): the starter never shows them."""
    for path in [*(starter / "content").rglob("*.yml"), *(starter / "playbooks").rglob("*.yml")]:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            assert not re.search(r":\s*\[.+\]", line), f"{path.relative_to(starter)}:{number}: {line}"


def test_vscode_maps_every_schema_to_its_folder(starter):
    settings = json.loads((starter / ".vscode/settings.json").read_text())
    assert settings["yaml.schemas"] == vscode_schemas("schemas")
    for schema_file in settings["yaml.schemas"]:
        assert (starter / schema_file).is_file()
    assert "redhat.vscode-yaml" in json.loads((starter / ".vscode/extensions.json").read_text())["recommendations"]


def test_issue_form_offers_exactly_the_insight_types(starter):
    form = yaml.safe_load((starter / ".github/ISSUE_TEMPLATE/field-insight.yml").read_text())
    fields = {item.get("id"): item for item in form["body"]}
    insight_types = typing.get_args(typing.get_args(Insight.model_fields["type"].annotation)[0])
    assert fields["type"]["attributes"]["options"] == list(insight_types)
    assert fields["observation"]["validations"]["required"] is True
    assert set(fields) >= {"observation", "type", "date", "segments", "personas", "competitors", "author"}


def test_init_starter_builds(starter, tmp_path):
    result = build(starter, tmp_path / "site")
    assert result.exit_code == 0, result.output
    files = site_files(tmp_path / "site")
    assert "personas/maintenance-manager/index.html" in files
    assert "reference/index.html" in files and "health/index.html" in files


def test_init_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "not empty" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_accepts_an_empty_existing_folder(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "content/company.yml").is_file()


# --- new ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(FOLDER_KINDS))
def test_new_writes_a_valid_file_for_every_kind(starter, tmp_path, kind):
    project = shutil.copytree(starter, tmp_path / "p")  # a fresh starter: `new` writes into it
    result = CliRunner().invoke(
        main, ["new", KIND_WORDS[kind], f"brand-new-{kind}", str(project), "--name", "Brand: new"]
    )
    assert result.exit_code == 0, result.output
    rel = result.output.strip()
    checked = check_project(project)
    errors = [d for d in checked.diagnostics if d.severity == "error"]
    assert errors == []
    entity = checked.catalog.get(kind, f"brand-new-{kind}")
    assert entity is not None and entity.name == "Brand: new" and entity.rel == rel


@pytest.mark.parametrize("kind", sorted(FOLDER_KINDS))
def test_new_shows_every_optional_field_as_a_comment(kind):
    text = entity_text(kind, "x", "X", datetime.date(2026, 1, 31))
    comments = "\n".join(line for line in text.splitlines() if line.startswith("# "))
    data_lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for doc in reference.fields_of(ALL_KINDS[kind]):
        if SUFFIXES[kind] == ".md" and doc.key in PAGE_TEXT:
            continue  # a page's text is written below its front matter
        if doc.depth == 0 and doc.required:
            assert any(line.startswith(f"{doc.key}:") for line in data_lines), doc.path
        else:
            indent = "  " * doc.depth
            assert re.search(rf"^# {indent}(  |- )*{re.escape(doc.key)}:", comments, re.MULTILINE), doc.path
            assert doc.description.split(".")[0] in comments, doc.path


@pytest.mark.parametrize("kind", sorted(FOLDER_KINDS))
def test_uncommenting_every_field_gives_only_fill_me_in_errors(tmp_path, kind):
    """Every commented field has the right name, place and type: uncommented, the file has no
    unknown field and no wrong type, only required nested values left for the author to fill in."""
    text = entity_text(kind, "x", "X", datetime.date.today())  # review_by then lies ahead: not stale
    header, _, body = text.partition("\n\n")
    uncommented = (
        header + "\n\n" + "\n".join(line[2:] if line.startswith("# ") else line for line in body.splitlines()) + "\n"
    )
    folder = tmp_path / ("playbooks" if kind == "playbooks" else f"content/{kind}")
    folder.mkdir(parents=True)
    (folder / f"x{SUFFIXES[kind]}").write_text(uncommented, encoding="utf-8")
    problems = check_project(tmp_path).diagnostics
    unexpected = [
        d
        for d in problems
        if d.code not in ("E202", "E204", "W301") or (d.code == "E202" and "nothing" not in d.message)
    ]
    assert unexpected == []


def test_new_insight_gets_a_date_and_an_observation(tmp_path):
    path = new_entity(tmp_path, "insight", "seen-at-a-fair", today=datetime.date(2026, 3, 4))
    data = yaml.safe_load(path.read_text())
    assert data["date"] == datetime.date(2026, 3, 4)
    assert data["name"] == "Seen at a fair" and data["observation"].startswith("TODO")


def test_new_refuses_an_existing_id(starter):
    for spelling in ("persona", "personas"):
        result = CliRunner().invoke(main, ["new", spelling, "maintenance-manager", str(starter)])
        assert result.exit_code == 1
        assert "already exists" in result.output


def test_new_refuses_an_existing_yaml_suffix(tmp_path):
    (tmp_path / "content/personas").mkdir(parents=True)
    (tmp_path / "content/personas/cfo.yaml").write_text("name: CFO\n")
    result = CliRunner().invoke(main, ["new", "persona", "cfo", str(tmp_path)])
    assert result.exit_code == 1 and "cfo.yaml already exists" in result.output


@pytest.mark.parametrize(
    "bad_id, hint", [("Plant_Manager", "plant-manager"), ("-x", "x"), ("a b", "a-b"), ("über", "ber")]
)
def test_new_refuses_a_malformed_id(tmp_path, bad_id, hint):
    result = CliRunner().invoke(main, ["new", "persona", "--", bad_id, str(tmp_path)])
    assert result.exit_code == 2
    assert "not a valid id" in result.output and hint in result.output
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("word", ["company", "process", "leads", "team", "widget"])
def test_new_refuses_single_files_and_unknown_kinds(tmp_path, word):
    result = CliRunner().invoke(main, ["new", word, "x", str(tmp_path)])
    assert result.exit_code == 2
    assert not (tmp_path / "content").exists()


def test_kind_spellings():
    assert resolve_kind("value_proposition") == resolve_kind("Value-Propositions") == "value-propositions"
    assert resolve_kind("playbook") == "playbooks" and resolve_kind("insights") == "insights"


def test_new_playbook_lands_in_playbooks(tmp_path):
    path = new_entity(tmp_path, "playbook", "expand-dairy")
    assert path == tmp_path / "playbooks" / "expand-dairy.yml"

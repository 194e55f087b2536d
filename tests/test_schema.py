"""`playbook schema`: one JSON Schema (draft 2020-12) per kind, checked by an independent validator."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from check_jsonschema import main as check_jsonschema_command
from click.testing import CliRunner

from generator.authoring.schema import DIALECT, file_patterns, schemas, vscode_schemas
from generator.catalog.check import check_project
from generator.catalog.discover import discover
from generator.cli import main
from generator.model.registry import ALL_KINDS, YAML_KINDS

from .sitebuild import REPO

KINDS = [
    "company",
    "process",
    "leads",
    "team",
    "segments",
    "personas",
    "value-propositions",
    "products",
    "assets",
    "competitors",
    "insights",
    "playbooks",
]


@dataclass
class Validated:
    returncode: int
    stdout: str


def check_jsonschema(schema: Path | str, *instances: Path | str) -> Validated:
    """check-jsonschema, the validator editors and CI use, run in-process: the same command as
    on the command line without starting Python for every file (test_the_command_runs checks
    the installed command itself)."""
    result = CliRunner().invoke(check_jsonschema_command, ["--schemafile", str(schema), *map(str, instances)])
    return Validated(result.exit_code, result.output)


def test_the_command_runs(schema_dir, tmp_path):
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    bad = tmp_path / "cfo.yml"
    bad.write_text("summary: no name\n", encoding="utf-8")
    done = subprocess.run(
        [exe, "--schemafile", str(schema_dir / "personas.schema.json"), str(bad)], capture_output=True, text=True
    )
    assert done.returncode == 1 and "'name' is a required property" in done.stdout, done.stdout + done.stderr


@pytest.fixture(scope="module")
def schema_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("schemas")
    result = CliRunner().invoke(main, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_one_schema_per_kind_with_the_documented_names(schema_dir):
    assert sorted(p.name for p in schema_dir.iterdir()) == sorted(f"{k}.schema.json" for k in KINDS)
    assert sorted(YAML_KINDS) == sorted(KINDS)  # pages are Markdown: check alone reads their front matter


def test_schemas_declare_draft_2020_12_and_forbid_unknown_fields(schema_dir):
    for kind in KINDS:
        schema = json.loads((schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False
        assert "name" in schema["properties"]


def _properties(schema: dict):
    """Every (where, property schema) in a schema and its $defs."""
    for name, prop in schema.get("properties", {}).items():
        yield name, prop
    for model, sub in schema.get("$defs", {}).items():
        for name, prop in sub.get("properties", {}).items():
            yield f"{model}.{name}", prop


def test_every_property_carries_a_description():
    missing = [
        f"{kind}: {where}"
        for kind, schema in schemas().items()
        for where, prop in _properties(schema)
        if not prop.get("description")
    ]
    assert missing == []


def test_dates_are_strings_with_a_date_format():
    # An editor sees 2026-01-31 as a string; the schema must accept it as one.
    reviewed = schemas()["personas"]["properties"]["reviewed"]
    assert {"type": "string", "format": "date"} in reviewed["anyOf"]


def test_the_schema_validator_accepts_the_whole_bundled_example(schema_dir):
    assert sorted(_validate_example(schema_dir)) == sorted(KINDS)


def _validate_example(schema_dir: Path) -> set[str]:
    """Validate every YAML file of the bundled example against its kind's schema in `schema_dir`
    (a page's front matter has no schema); the kinds it validated."""
    files, problems = discover(REPO)
    assert problems == []
    by_kind: dict[str, list[str]] = {}
    for f in files:
        if f.kind in YAML_KINDS:
            by_kind.setdefault(f.kind, []).append(str(f.path))
    for kind, paths in sorted(by_kind.items()):
        done = check_jsonschema(str(schema_dir / f"{kind}.schema.json"), *paths)
        assert done.returncode == 0, f"{kind}: {done.stdout}"
    return set(by_kind)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("name: CFO\nsumary: Approves the investment.\n", "'sumary' was unexpected"),
        ("name: CFO\ndefault_role: economic-buyer\n", "economic-buyer"),
        ("name: CFO\nreviewed: 2026-13-45\n", "reviewed"),
        ("summary: no name\n", "'name' is a required property"),
    ],
)
def test_the_schema_validator_rejects_mistakes(schema_dir, tmp_path, text, expected):
    bad = tmp_path / "cfo.yml"
    bad.write_text(text, encoding="utf-8")
    done = check_jsonschema(str(schema_dir / "personas.schema.json"), str(bad))
    assert done.returncode == 1
    assert expected in done.stdout


def test_nested_misspelling_is_rejected_too(schema_dir, tmp_path):
    bad = tmp_path / "dairy.yml"
    bad.write_text("name: Dairy\nbuying_committee:\n  - persona: cfo\n    role: economic_buyer\n    influance: high\n")
    done = check_jsonschema(str(schema_dir / "segments.schema.json"), str(bad))
    assert done.returncode == 1 and "'influance' was unexpected" in done.stdout


def test_vscode_mapping_covers_every_kind_and_both_suffixes():
    mapping = vscode_schemas("schemas")
    assert sorted(mapping) == sorted(f"./schemas/{k}.schema.json" for k in KINDS)
    assert mapping["./schemas/segments.schema.json"] == ["content/segments/*.yml", "content/segments/*.yaml"]
    assert mapping["./schemas/playbooks.schema.json"] == ["playbooks/*.yml", "playbooks/*.yaml"]
    assert file_patterns("company") == ["content/company.yml", "content/company.yaml"]


def test_schema_output_is_stable(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert CliRunner().invoke(main, ["schema", "--out", str(out)]).exit_code == 0
    assert {p.name: p.read_bytes() for p in first.iterdir()} == {p.name: p.read_bytes() for p in second.iterdir()}


# One YAML reading for editor and checker: YAML 1.2 core booleans and numbers (what VS Code's
# YAML extension and check-jsonschema read). Each file is accepted by both or refused by both.
AGREEMENT = [
    ("assets", "name: Deck\ntype: deck\nurl: https://example.com\nlanguage: no\n", True),  # Norwegian, not false
    ("personas", "name: CFO\ndraft: yes\n", False),  # `yes` is text, not true
    ("personas", "name: CFO\ndraft: true\n", True),
    ("personas", "name: CFO\ndraft: off\n", False),
    ("personas", "name: CFO\ndepartment: on\n", True),  # text
    ("personas", "name: CFO\ndepartment: 42\n", False),  # a number where text belongs
    ("segments", "name: Dairy\npriority: 2\naverage_deal: 1e3\n", True),
    ("segments", "name: Dairy\npriority: 02\n", True),
    ("segments", "name: Dairy\npriority: '2'\n", False),
    ("segments", "name: Dairy\nsales_cycle_days: 90\nreviewed: 2026-01-31\n", True),
]


@pytest.mark.parametrize("kind, text, valid", AGREEMENT, ids=[t.splitlines()[-1] for _, t, _ in AGREEMENT])
def test_schema_and_check_read_the_same_file_the_same_way(schema_dir, tmp_path, kind, text, valid):
    from generator.authoring.scaffold import entity_file
    from generator.catalog.check import check_project

    path = entity_file(tmp_path, kind, "x")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    errors = [d for d in check_project(tmp_path).diagnostics if d.severity == "error" and d.code != "E204"]
    done = check_jsonschema(str(schema_dir / f"{kind}.schema.json"), str(path))
    assert (errors == []) is valid, [str(d) for d in errors]
    assert (done.returncode == 0) is valid, done.stdout


def test_the_editor_is_told_yaml_1_2(tmp_path):
    assert CliRunner().invoke(main, ["init", str(tmp_path / "p")]).exit_code == 0
    settings = json.loads((tmp_path / "p/.vscode/settings.json").read_text())
    assert settings["yaml.yamlVersion"] == "1.2"


# --- project schemas: reference fields list the project's ids (`playbook schema --project`) -------


@pytest.fixture(scope="module")
def project_schema_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("project-schemas")
    result = CliRunner().invoke(main, ["schema", "--project", str(REPO), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _ref_fields(model, where: str = ""):
    """(schema location, field key, kind) of every reference field of a model and its nested models,
    read from the models themselves (not from the schema under test)."""
    from generator.model.introspect import model_at, plan

    for _attr, key, kind, nested in plan(model):
        if kind:
            yield where, key, kind
        elif nested:
            sub = model_at(model, (key,)) or model_at(model, (key, 0))
            yield from _ref_fields(sub, sub.__name__)


def _enum_of(prop: dict) -> dict | None:
    """The part of a property schema that carries the enum: itself, its items, or an anyOf branch."""
    for part in [prop, prop.get("items", {}), *prop.get("anyOf", [])]:
        if "enum" in part:
            return part
    return None


def test_project_schemas_list_the_ids_in_every_reference_field(project_schema_dir):
    result = check_project(REPO)
    ids = {**result.known_ids, "stages": set(result.catalog.stages), "roles": set(result.catalog.roles)}
    seen = set()
    for kind in KINDS:
        schema = json.loads((project_schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))
        for where, key, target in _ref_fields(ALL_KINDS[kind]):
            prop = (schema["$defs"][where] if where else schema)["properties"][key]
            listed = _enum_of(prop)
            assert listed is not None, f"{kind}: {where}.{key} lists no ids"
            expected = sorted(ids[target])
            assert listed["enum"] == expected, f"{kind}: {where}.{key}"
            assert len(listed["enumDescriptions"]) == len(expected)
            seen.add(target)
    assert seen == {
        "segments",
        "personas",
        "value-propositions",
        "products",
        "assets",
        "competitors",
        "stages",
        "roles",
    }
    member = json.loads((project_schema_dir / "segments.schema.json").read_text())["$defs"]["CommitteeMember"]
    persona = member["properties"]["persona"]
    assert persona["enumDescriptions"][persona["enum"].index("cfo")] == "cfo — Chief financial officer"


def test_the_plain_schemas_carry_no_ids_and_no_marks(schema_dir):
    for path in schema_dir.iterdir():
        text = path.read_text(encoding="utf-8")
        assert '"enumDescriptions"' not in text and "x-playbook" not in text, path.name


def test_the_bundled_example_validates_against_its_project_schemas(project_schema_dir):
    assert _validate_example(project_schema_dir)


@pytest.mark.parametrize(
    "kind, text, typo",
    [
        ("segments", "name: Dairy\nbuying_committee:\n  - persona: cfoo\n    role: economic_buyer\n", "cfoo"),
        ("value-propositions", "name: Payback\nsegments:\n  - dairyy\n", "dairyy"),
        ("personas", "name: Plant manager\nreports_to: operations-directr\n", "operations-directr"),
        ("playbooks", "name: Win\nplays:\n  - stage: qualifyy\n    name: Call\n", "qualifyy"),
    ],
)
def test_a_misspelt_id_fails_the_project_schema_but_not_the_plain_one(
    schema_dir, project_schema_dir, tmp_path, kind, text, typo
):
    bad = tmp_path / "x.yml"
    bad.write_text(text, encoding="utf-8")

    def validate(folder: Path) -> Validated:
        return check_jsonschema(folder / f"{kind}.schema.json", bad)

    assert validate(schema_dir).returncode == 0  # the plain schema cannot know the ids
    done = validate(project_schema_dir)
    assert done.returncode == 1 and typo in done.stdout, done.stdout


def test_schema_project_writes_into_the_project_and_only_what_changed(make_project):
    root = make_project(
        {
            "content/personas/cfo.yml": "name: CFO\n",
            "content/segments/dairy.yml": "name: Dairy\nbuying_committee:\n  - persona: cfo\n    role: economic_buyer\n",
        }
    )
    first = CliRunner().invoke(main, ["schema", "--project", str(root)])
    assert first.exit_code == 0, first.output
    assert len(first.stdout.splitlines()) == len(KINDS)
    personas = root / "schemas/segments.schema.json"
    assert '"cfo — CFO"' in personas.read_text(encoding="utf-8")
    again = CliRunner().invoke(main, ["schema", "--project", str(root)])
    assert again.exit_code == 0 and again.stdout == ""  # nothing changed, nothing written
    (root / "content/personas/coo.yml").write_text("name: COO\n", encoding="utf-8")
    third = CliRunner().invoke(main, ["schema", "--project", str(root)])
    changed = sorted(Path(p).name for p in third.stdout.split())
    assert "segments.schema.json" in changed and "company.schema.json" not in changed
    assert '"coo — COO"' in personas.read_text(encoding="utf-8")


def test_ids_that_cannot_be_known_leave_the_field_plain(make_project):
    """No process.yml (no stages) or a process.yml that does not validate: stage fields stay text,
    rather than refusing every value; a persona whose file has errors is still a known id."""
    from generator.authoring.project_ids import reference_choices

    root = make_project({"content/personas/cfo.yml": "name: [broken]\n", "content/process.yml": "stages: 3\n"})
    choices = reference_choices(check_project(root))
    assert "stages" not in choices and "roles" not in choices
    assert [(c.id, c.description) for c in choices["personas"]] == [
        ("cfo", "cfo — persona in content/personas/cfo.yml")
    ]


def test_schema_without_project_takes_no_folder(tmp_path):
    result = CliRunner().invoke(main, ["schema", str(tmp_path)])
    assert result.exit_code == 2 and "only read with --project" in result.output


def test_the_starter_ships_project_schemas_its_files_pass(tmp_path):
    root = tmp_path / "p"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    segments = json.loads((root / "schemas/segments.schema.json").read_text(encoding="utf-8"))
    assert segments["$defs"]["CommitteeMember"]["properties"]["persona"]["enum"] == ["maintenance-manager"]
    files, _ = discover(root)
    for f in (f for f in files if f.kind in YAML_KINDS):  # a page's front matter has no schema
        done = check_jsonschema(str(root / f"schemas/{f.kind}.schema.json"), str(f.path))
        assert done.returncode == 0, f"{f.rel}: {done.stdout}"

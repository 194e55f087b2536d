"""`playbook schema`: one JSON Schema (draft 2020-12) per kind, checked by an independent validator."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.authoring.schema import DIALECT, file_patterns, schemas, vscode_schemas
from generator.catalog.discover import discover
from generator.cli import main
from generator.model.registry import ALL_KINDS

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


def _check_jsonschema() -> list[str]:
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    if not Path(exe).exists():
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    return [exe]


@pytest.fixture(scope="module")
def schema_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("schemas")
    result = CliRunner().invoke(main, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_one_schema_per_kind_with_the_documented_names(schema_dir):
    assert sorted(p.name for p in schema_dir.iterdir()) == sorted(f"{k}.schema.json" for k in KINDS)
    assert sorted(ALL_KINDS) == sorted(KINDS)


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
    files, problems = discover(REPO)
    assert problems == []
    by_kind: dict[str, list[str]] = {}
    for f in files:
        by_kind.setdefault(f.kind, []).append(str(f.path))
    assert sorted(by_kind) == sorted(KINDS)
    for kind, paths in sorted(by_kind.items()):
        done = subprocess.run(
            _check_jsonschema() + ["--schemafile", str(schema_dir / f"{kind}.schema.json"), *paths],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, f"{kind}: {done.stdout}{done.stderr}"


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
    done = subprocess.run(
        _check_jsonschema() + ["--schemafile", str(schema_dir / "personas.schema.json"), str(bad)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert expected in done.stdout


def test_nested_misspelling_is_rejected_too(schema_dir, tmp_path):
    bad = tmp_path / "dairy.yml"
    bad.write_text("name: Dairy\nbuying_committee:\n  - persona: cfo\n    role: economic_buyer\n    influance: high\n")
    done = subprocess.run(
        _check_jsonschema() + ["--schemafile", str(schema_dir / "segments.schema.json"), str(bad)],
        capture_output=True,
        text=True,
    )
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
    done = subprocess.run(
        _check_jsonschema() + ["--schemafile", str(schema_dir / f"{kind}.schema.json"), str(path)],
        capture_output=True,
        text=True,
    )
    assert (errors == []) is valid, [str(d) for d in errors]
    assert (done.returncode == 0) is valid, done.stdout


def test_the_editor_is_told_yaml_1_2(tmp_path):
    assert CliRunner().invoke(main, ["init", str(tmp_path / "p")]).exit_code == 0
    settings = json.loads((tmp_path / "p/.vscode/settings.json").read_text())
    assert settings["yaml.yamlVersion"] == "1.2"

"""The wheel carries everything `playbook` needs outside a checkout, and building it is quiet."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [built] = out.glob("*.whl")
    return built, done.stdout + done.stderr


def test_building_the_wheel_prints_no_warning(wheel):
    _, output = wheel
    lines = [line for line in output.splitlines() if "warning" in line.lower() and "Location" not in line]
    assert lines == []


def test_the_wheel_carries_every_module_template_and_starter_file(wheel):
    built, _ = wheel
    names = set(zipfile.ZipFile(built).namelist())
    modules = {p.relative_to(REPO).as_posix() for p in (REPO / "generator").rglob("*.py") if "starter" not in p.parts}
    templates = {
        "generator/site_templates/" + p.relative_to(REPO / "site_templates").as_posix()
        for p in (REPO / "site_templates").rglob("*")
        if p.is_file()
    }
    starter = {p.relative_to(REPO).as_posix() for p in (REPO / "generator" / "starter").rglob("*") if p.is_file()}
    assert any(name.startswith("generator/starter/.github/") for name in starter)  # dotfolders too
    assert modules - names == set()
    assert templates - names == set()
    assert starter - names == set()

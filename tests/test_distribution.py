"""The README's walkthrough on a fresh machine, offline: build the generator's wheel, create a
project with `playbook init`, and run the starter's own CI steps (install, check, coverage,
build) verbatim in a new virtual environment that can reach nothing but a local wheelhouse."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.authoring.package import DISTRIBUTION, installed_version
from generator.cli import main

from .wheelhouse import make_wheelhouse

# Builds a wheelhouse and installs it into fresh environments: over a minute on two cores.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """(wheelhouse, wheel, environment variables that make pip use only the wheelhouse)."""
    scratch = tmp_path_factory.mktemp("dist")
    wheel = make_wheelhouse(scratch / "wheelhouse", scratch)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHON"))}
    env.update(
        PIP_CONFIG_FILE=os.devnull,  # no machine-wide index or find-links
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(scratch / "wheelhouse"),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        NO_MKDOCS_2_WARNING="1",
    )
    yield scratch / "wheelhouse", wheel, env
    shutil.rmtree(scratch, ignore_errors=True)  # 100 MB of wheels: gone now, not at the end of the run


def test_the_wheel_carries_the_templates_the_starter_and_the_command(offline):
    _, wheel, _ = offline
    assert wheel.name == f"{DISTRIBUTION.replace('-', '_')}-{installed_version()}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/site_templates/pages/brief.html.j2" in names
    assert "generator/starter/.github/workflows/playbook.yml" in names
    assert "generator/starter/.gitlab-ci.yml" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "playbook = generator.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def run_steps(commands: list[str], cwd: Path, env: dict, done: set[str]) -> None:
    """Run each command as CI would, but not one already run in this environment: the jobs repeat
    `pip install -r requirements.txt` and `playbook check`, which here would only say it again."""
    for command in commands:
        if command in done:
            continue
        result = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        done.add(command)


def test_a_new_project_installs_and_checks_offline_with_its_own_ci_steps(offline, tmp_path):
    """One fresh environment, as on a CI runner: the starter's GitHub steps install the generator
    from requirements.txt and check, summarise and build; the GitLab steps and the pre-commit
    hook's install then run in the same environment (pip finds the hook's pin already satisfied),
    each command once."""
    _, _, env = offline
    project = tmp_path / "project"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=True)  # pip from the interpreter's own bundle: no download
    summary = tmp_path / "summary.md"
    env = dict(env, PATH=f"{fresh / 'bin'}{os.pathsep}{env.get('PATH', '')}", GITHUB_STEP_SUMMARY=str(summary))

    workflow = yaml.safe_load((project / ".github/workflows/playbook.yml").read_text())
    github_check = [step["run"] for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    github_publish = [step["run"] for step in workflow["jobs"]["publish"]["steps"] if "run" in step]
    assert github_check[0] == "pip install -r requirements.txt"
    done: set[str] = set()
    run_steps(github_check + github_publish, project, env, done)
    assert (fresh / "bin" / "playbook").is_file()  # installed from the wheel, not borrowed from the test run
    assert "Content health" in summary.read_text()
    assert (project / "site/index.html").is_file() and (project / "playbook-offline.zip").is_file()

    gitlab = yaml.safe_load((project / ".gitlab-ci.yml").read_text())
    run_steps(gitlab["before_script"] + gitlab["check"]["script"], project, env, done)
    assert json.loads((project / "gl-code-quality-report.json").read_text()) == []

    check, schema = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    run_steps([f"pip install -q {' '.join(check['additional_dependencies'])}", check["entry"]], project, env, done)
    before = {p.name: p.read_bytes() for p in (project / "schemas").iterdir()}
    run_steps([schema["entry"]], project, env, done)  # the starter's schemas already list its ids: nothing to rewrite
    assert {p.name: p.read_bytes() for p in (project / "schemas").iterdir()} == before


def test_the_release_workflow_builds_and_publishes_with_trusted_publishing():
    workflow = yaml.safe_load((Path(__file__).resolve().parents[1] / ".github/workflows/release.yml").read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]
    assert triggers["push"]["tags"] == ["v*"]
    build_runs = " ".join(s.get("run", "") for s in workflow["jobs"]["build"]["steps"])
    assert "python -m build" in build_runs
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    assert publish["steps"][-1]["uses"] == "pypa/gh-action-pypi-publish@release/v1"
    assert "with" not in publish["steps"][-1]  # no token: PyPI trusts the workflow's identity


def test_the_distribution_name_is_the_one_the_starter_installs():
    assert sys.modules["generator.authoring.package"].DISTRIBUTION == "customer-value-playbook"

"""The edition comes from the configuration MkDocs itself loads (INHERIT, !ENV), or the build stops.

Red-team finding (issue 12): a partner edition configured through INHERIT or !ENV was built,
served and exported as the internal edition.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .sitebuild import build, copy_example

BANNER = b"Internal: do not share"


def _inherit_layout(project: Path, audience_line: str) -> None:
    """mkdocs.yml holds only INHERIT; the settings (and the edition) live in base.yml."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "base.yml").write_text(text.replace("audience: internal", audience_line), encoding="utf-8")
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")


def _export(project: Path, env: dict | None = None):
    return CliRunner().invoke(main, ["export", str(project)], env=env)


@pytest.fixture()
def project(tmp_path) -> Path:
    return copy_example(tmp_path / "p")


def test_inherited_partner_setting_builds_and_exports_the_partner_edition(project, tmp_path):
    _inherit_layout(project, "audience: partner")
    result = build(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "built the partner edition" in result.output
    assert BANNER not in (tmp_path / "site" / "index.html").read_bytes()
    assert not (tmp_path / "site" / "personas" / "cfo").exists()
    assert json.loads(_export(project).stdout)["audience"] == "partner"


@pytest.mark.parametrize("variable, expected", [(None, "public"), ("partner", "partner")])
def test_env_tag_picks_the_edition_as_mkdocs_does(project, tmp_path, variable, expected):
    _inherit_layout(project, "audience: !ENV [PLAYBOOK_TEST_EDITION, public]")
    env = {"PLAYBOOK_TEST_EDITION": variable}
    result = CliRunner().invoke(main, ["build", str(project), "--site-dir", str(tmp_path / "s")], env=env)
    assert result.exit_code == 0, result.output
    assert f"built the {expected} edition" in result.output
    assert json.loads(_export(project, env).stdout)["audience"] == expected


@pytest.mark.parametrize(
    "config",
    [
        "INHERIT: missing.yml\n",  # the inherited file is gone
        "INHERIT: base.yml\n",  # the edition is not one of the three
    ],
)
def test_an_edition_that_cannot_be_determined_stops_every_command(project, tmp_path, config):
    _inherit_layout(project, "audience: !ENV [PLAYBOOK_TEST_EDITION, everyone]")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.exit_code == 1
    assert "build failed:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "site").exists()
    exported = _export(project)
    assert exported.exit_code == 1 and exported.stdout == ""
    assert "export failed:" in exported.stderr


def test_the_plugin_setting_is_not_overwritten_by_a_stray_environment_variable(project, tmp_path):
    """PLAYBOOK_AUDIENCE is how `playbook serve` talks to its own plugin; a build ignores it."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("audience: internal", "audience: public"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        main, ["build", str(project), "--site-dir", str(tmp_path / "s")], env={"PLAYBOOK_AUDIENCE": "internal"}
    )
    assert result.exit_code == 0, result.output
    assert "built the public edition" in result.output
    assert BANNER not in (tmp_path / "s" / "index.html").read_bytes()


def test_an_explicit_option_still_wins(project, tmp_path):
    _inherit_layout(project, "audience: partner")
    assert "built the internal edition" in build(project, tmp_path / "s", "--audience", "internal").output


def test_serve_follows_inherit_to_the_partner_edition(project, tmp_path):
    """`playbook serve` loads the configuration again on every rebuild: it too must take the edition
    from the inherited file, never fall back to internal."""
    from .serving import get, output, serving, wait_for

    _inherit_layout(project, "audience: partner")
    with serving(project, tmp_path, env={"PLAYBOOK_AUDIENCE": ""}) as (url, proc, log):
        wait_for(url, "</html>", proc, timeout=90)
        home = get(url) or output(log)
        assert "Partner edition" in home and BANNER.decode() not in home
        assert get(url + "personas/cfo/") is None  # an internal persona's page is not served

"""`playbook serve` as a marketer uses it: save, see the page change; save a mistake, read the
diagnostics (no traceback) while the last good site stays up; fix it, see the page again."""

from __future__ import annotations

import shutil
import socket
import time

import pytest

from .serving import get as _get
from .serving import output as _output
from .serving import serving as _serving
from .serving import wait_for as _wait_for
from .sitebuild import REPO, copy_example


@pytest.fixture()
def served(tmp_path):
    project = copy_example(tmp_path / "p")
    with _serving(project, tmp_path) as (base, proc, log):
        yield project, base, proc, log


@pytest.mark.slow  # a real server, rebuilding after each edit
def test_an_edit_a_mistake_and_its_fix(served):
    project, base, proc, log = served
    page = base + "personas/cfo/"
    persona = project / "content" / "personas" / "cfo.yml"
    original = persona.read_text(encoding="utf-8")
    _wait_for(page, "Chief financial officer", proc)

    persona.write_text(original.replace("name: Chief financial officer", "name: Chief money officer"), encoding="utf-8")
    _wait_for(page, "Chief money officer", proc)

    persona.write_text(original + "persona: [cfo]\n", encoding="utf-8")
    deadline = time.monotonic() + 30
    while "unknown field 'persona'" not in _output(log) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # long enough for a rebuild loop to show itself
    output = _output(log)
    assert output.count("unknown field 'persona'") == 1, output  # reported once: reading files is no edit
    assert "cfo.yml:" in output and "Traceback" not in output
    served_page = _get(page) or ""
    assert "Chief money officer" in served_page  # the last good site is still served
    assert '<script src="/_playbook-serve/preview.js"' in served_page  # which lays the errors over it
    overlay = _get(base + "_playbook-serve/errors.html") or ""
    assert "content/personas/cfo.yml:" in overlay and "error[E200]" in overlay and "unknown field" in overlay

    persona.write_text(original.replace("name: Chief financial officer", "name: Finance chief"), encoding="utf-8")
    _wait_for(page, "Finance chief", proc)
    assert _get(base + "_playbook-serve/errors.html") == ""
    output = _output(log)
    assert "The errors are fixed" in output and "Traceback" not in output


@pytest.mark.slow  # a real server, rebuilding after each edit
def test_a_playbook_with_errors_is_served_with_them_shown(tmp_path):
    """serve starts anyway: every page waits with the errors laid over it, until a save fixes them."""
    project = copy_example(tmp_path / "p")
    persona = project / "content" / "personas" / "cfo.yml"
    original = persona.read_text(encoding="utf-8")
    persona.write_text(original + "persona: [cfo]\n", encoding="utf-8")
    with _serving(project, tmp_path) as (base, proc, log):
        errors = base + "_playbook-serve/errors.html"
        _wait_for(errors, "unknown field", proc)
        lines = (_get(errors) or "").count("<li ")
        assert lines == _output(log).count(": error[") + _output(log).count(": warning[")  # every diagnostic
        waiting = _get(base + "personas/cfo/") or ""
        assert "No version of the site has been built yet" in waiting and "/_playbook-serve/preview.js" in waiting
        output = _output(log)
        assert "Serving the playbook at " + base in output and "Aborted" not in output and "Traceback" not in output

        persona.write_text(original, encoding="utf-8")
        _wait_for(base + "personas/cfo/", "Chief financial officer", proc)
        assert _get(errors) == ""
        assert "The errors are fixed" in _output(log)


def test_a_port_in_use_is_a_usage_error_naming_the_port(tmp_path, monkeypatch):

    # serve hands its options to the plugin in the environment: keep them out of later tests.
    for name in ("PLAYBOOK_AUDIENCE", "PLAYBOOK_DRAFTS", "PLAYBOOK_PROJECT_DIR"):
        monkeypatch.setenv(name, "")  # records the value to restore (or its absence) at teardown
        monkeypatch.delenv(name)

    from click.testing import CliRunner

    from generator.cli import main

    project = tmp_path / "p"
    (project / "content").mkdir(parents=True)
    (project / "content/company.yml").write_text("name: X\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(project), "--dev-addr", f"127.0.0.1:{port}"])
    assert result.exit_code == 2
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr
    assert f"--dev-addr 127.0.0.1:{port + 1}" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow  # a real server, rebuilding after each edit
def test_folders_that_come_and_go_stay_watched(tmp_path):
    """content/ deleted and made again, playbooks/ and site_templates/ created after serve started:
    each is noticed, and edits inside them afterwards too."""
    project = copy_example(tmp_path / "p")
    aside = tmp_path / "playbooks-aside"
    (project / "playbooks").rename(aside)
    with _serving(project, tmp_path) as (base, proc, log):
        page = base + "personas/cfo/"
        _wait_for(page, "Chief financial officer", proc)

        content = tmp_path / "content-copy"
        shutil.copytree(project / "content", content)
        shutil.rmtree(project / "content")
        time.sleep(1)  # the deletion is seen (and reported) before the folder comes back
        persona = content / "personas" / "cfo.yml"
        persona.write_text(persona.read_text(encoding="utf-8").replace("Chief financial", "Chief money"), "utf-8")
        shutil.copytree(content, project / "content")
        _wait_for(page, "Chief money officer", proc)
        _rename(project / "content" / "personas" / "cfo.yml", "Chief money", "Chief cash")
        _wait_for(page, "Chief cash officer", proc)

        aside.rename(project / "playbooks")
        playbook = base + "playbooks/displace-competitor/"
        _wait_for(playbook, "Displace an incumbent competitor", proc)
        _rename(project / "playbooks" / "displace-competitor.yml", "Displace an incumbent", "Unseat the incumbent")
        _wait_for(playbook, "Unseat the incumbent competitor", proc)

        own = project / "site_templates" / "pages"
        own.mkdir(parents=True)
        template = (REPO / "site_templates" / "pages" / "persona.html.j2").read_text(encoding="utf-8")
        (own / "persona.html.j2").write_text(template + "<p>Own template, first</p>\n", encoding="utf-8")
        _wait_for(page, "Own template, first", proc)
        (own / "persona.html.j2").write_text(template + "<p>Own template, second</p>\n", encoding="utf-8")
        _wait_for(page, "Own template, second", proc)
        assert "Traceback" not in _output(log)


def _rename(path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

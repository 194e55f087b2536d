"""`playbook serve` as a marketer uses it: save, see the page change; save a mistake, read the
diagnostics (no traceback) while the last good site stays up; fix it, see the page again."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from .sitebuild import REPO, copy_example


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, text: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "playbook serve exited"
        body = _get(url)
        if body is not None and text in body:
            return
        time.sleep(0.1)
    pytest.fail(f"{text!r} did not appear at {url} within {timeout:.0f} s")


@pytest.fixture()
def served(tmp_path):
    project = copy_example(tmp_path / "p")
    with _serving(project, tmp_path) as (base, proc, log):
        yield project, base, proc, log


@contextlib.contextmanager
def _serving(project, tmp_path):
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(project), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}/", proc, log
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def _output(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()


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
    assert "Chief money officer" in (_get(page) or "")  # the last good site is still served

    persona.write_text(original.replace("name: Chief financial officer", "name: Finance chief"), encoding="utf-8")
    _wait_for(page, "Finance chief", proc)
    assert "Traceback" not in _output(log)


def test_a_port_in_use_is_a_usage_error_naming_the_port(tmp_path, monkeypatch):
    import socket

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

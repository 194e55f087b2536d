"""Helpers for tests that run `playbook serve` in a subprocess and read what it serves."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .sitebuild import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "playbook serve exited"
        body = get(url)
        if body is not None and text in body:
            return
        time.sleep(0.1)
    pytest.fail(f"{text!r} did not appear at {url} within {timeout:.0f} s")


@contextlib.contextmanager
def serving(
    project: Path, tmp_path: Path, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen, object]]:
    """`playbook serve PROJECT` on a free port, with `env` added to the environment:
    (base URL, process, its output file); stopped after."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
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


def output(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()

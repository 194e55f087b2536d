"""A command piped into a reader that stops early (`playbook where persona cfo | head -1`) ends
quietly with the status a shell gives any tool stopped by a closed pipe: 141, no "internal error"."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.cli_base import READER_GONE

from .sitebuild import REPO


@pytest.fixture
def closed_pipe():
    """The write end of a pipe whose reader is already gone: every write to it fails (EPIPE), as
    it does once `head -1` has read its line and exited."""
    read, write = os.pipe()
    os.close(read)
    yield write
    os.close(write)


@pytest.mark.parametrize(
    "args",
    [["where", "persona", "cfo"], ["export"], ["coverage", "--format", "json"]],
    ids=["where", "export", "coverage"],
)
def test_a_closed_stdout_ends_the_command_quietly(closed_pipe, args):
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args, str(REPO)],
        stdout=closed_pipe,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    assert done.returncode == READER_GONE == 141, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr and "BrokenPipeError" not in done.stderr

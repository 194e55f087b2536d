"""The benchmark cannot rot: a tiny run of bench/run.py reports every figure (not how fast)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import floor  # noqa: E402
import run  # noqa: E402

pytestmark = pytest.mark.slow


def run_bench(out: Path, *options: str) -> tuple[str, str, dict]:
    """bench/run.py at scale 0.02, once, with `options`: (its output, the report, the JSON)."""
    report, data = out / "BENCHMARKS.md", out / "results.json"
    report.write_text(
        "# Benchmarks\n\nHand-written findings stay.\n\n"
        f"{run.BEGIN}\nold table\n{run.END}\n\n## Findings\n\nKept too.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--scales", "0.02", "--quick", *options]
        + ["--out", str(report), "--json", str(data)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout, report.read_text(encoding="utf-8"), json.loads(data.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    """Everything but serve, which serve_alone measures: a real server run takes seconds of waiting."""
    return run_bench(tmp_path_factory.mktemp("bench"), "--no-serve")


@pytest.fixture(scope="module")
def serve_alone(tmp_path_factory):
    return run_bench(tmp_path_factory.mktemp("bench-serve"), "--only", "serve")


def test_every_figure_is_measured(bench):
    _, _, data = bench
    (row,) = data["rows"]
    assert row["scale"] == 0.02 and row["pages"] > 10 and row["yaml_files"] > 10
    for step in ("check", "parse", "build", "engine"):
        assert row[step]["s"] > 0 and row[step]["peak_mb"] > 0
        assert isinstance(row[step]["load"], float)
    for key in (
        "check_ratio",
        "build_ratio",
        "peak_mb",
        "html_kb_per_page",
        "largest_kb",
        "search_mb",
        "search_gzip_mb",
        "floor_html_kb_per_page",
        "floor_search_gzip_mb",
        "build_ms_per_page",
        "engine_ms_per_page",
        "check_ms_per_file",
        "parse_ms_per_file",
    ):
        assert row[key] > 0, key
    assert row["search_gzip_mb"] < row["search_mb"]
    assert row["largest_page"].endswith(".html")
    assert row["nav_entries"] < 30  # only the section pages
    machine = data["machine"]
    assert machine["nproc"] >= 1 and machine["versions"]["mkdocs-material"] != "missing"


def test_the_report_holds_the_table_and_keeps_the_rest(bench):
    stdout, report, _ = bench
    assert "### Targets" in stdout and "### Growth" in stdout
    assert "old table" not in report
    assert "Hand-written findings stay." in report and "## Findings\n\nKept too." in report
    for words in (
        "engine floor",
        "parse floor",
        "HTML per page",
        "peak memory",
        "serve edit-to-update",
        "search index",
        "MB gzip",
        "ms/page",
        "Load average",
        "Material",
    ):
        assert words in report, words


def test_the_engine_floor_keeps_visible_text_only():
    html = (
        '<h1 id="x">Title<a class="headerlink" href="#x">¶</a></h1><p class="pb-meta">Owner: <b>A</b> &amp; B</p>'
        "<table><tr><th>Seg</th><td><a href='../x/'>Dairy *plants*</a></td></tr></table>"
        "<script>var hidden = 1;</script>"
    )
    blocks = floor.visible_blocks(html)
    assert blocks == [(1, "Title"), (0, "Owner: A & B"), (0, "Seg"), (0, "Dairy *plants*")]
    text = floor.plain_markdown(blocks, "Title")
    assert text.startswith("# Title\n") and "Dairy \\*plants\\*" in text and "&amp;" in text
    assert "<" not in text and "hidden" not in text


def test_parse_floor_reads_every_yaml_file(tmp_path):
    (tmp_path / "content" / "personas").mkdir(parents=True)
    (tmp_path / "content" / "company.yml").write_text("name: X\n", encoding="utf-8")
    (tmp_path / "content" / "personas" / "cfo.yml").write_text("name: CFO\n", encoding="utf-8")
    (tmp_path / "playbooks").mkdir()
    (tmp_path / "playbooks" / "p.yml").write_text("name: P\n", encoding="utf-8")
    assert floor.parse_floor(tmp_path) == 3


def test_serve_alone_is_measured_and_leaves_the_report_alone(serve_alone):
    stdout, report, data = serve_alone
    (row,) = data["rows"]
    assert row["serve_s"] > 0 and row["serve_start_s"] > 0 and "build" not in row and "check" not in row
    assert "serve edit-to-update" in stdout
    assert "old table" in report


def test_the_full_report_says_what_serve_measured(bench, serve_alone):
    """The full run here skips serve (--no-serve): its report says so. With serve's figures, the
    same table carries them: the two runs' rows, put together, rendered as one run would be."""
    _, report, data = bench
    assert "| serve edit-to-update | not measured |" in report
    (row,) = data["rows"]
    (served,) = serve_alone[2]["rows"]
    both = {**row, **{key: value for key, value in served.items() if key.startswith("serve_")}}
    table = run.render([both], data["machine"], argparse.Namespace(scales="0.02", quick=True, serve=True))
    line = next(line for line in table.splitlines() if line.startswith("| serve edit-to-update |"))
    assert f"{run._f(served['serve_s'])} s (load" in line
    assert line.endswith(f"| {run.verdict(served['serve_s'], 3.0, None)} |")

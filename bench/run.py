#!/usr/bin/env python3
"""Benchmark `playbook check`, `build` and `serve` on synthetic projects, each beside its floor.

    python bench/run.py [--scales 0.25,0.5,1,2] [--quick] [--no-serve] [--only serve]
                        [--out BENCHMARKS.md] [--json results.json] [--keep DIR]

For every scale, bench/make_project.py writes a synthetic project into a temporary folder
(without a mkdocs.yml, so `playbook` uses its built-in configuration: Material, font: false,
search on). Then, each in a fresh process and timed as wall clock:

  check        `playbook check DIR`
  parse floor  a bare interpreter reading and parsing every YAML file with yaml.CSafeLoader
               (bench/floor.py parse)
  build        `playbook build DIR --site-dir X`
  engine floor `mkdocs build` of plain Markdown pages at the same paths carrying the same
               visible text, with only the section pages in the navigation, the same theme
               settings and Markdown extensions, search on (bench/floor.py engine)
  serve        `playbook serve DIR --dev-addr 127.0.0.1:PORT`: seconds from saving a persona
               file with a new name to the persona page served with that name

and from the build: peak memory (ru_maxrss of the build process, from wait4), HTML bytes per
page, the largest page, the search index raw and gzipped. Ours and the floors run interleaved
(floor, ours, floor, ours ...) and the best of the repeats counts; the 1-minute load average is
recorded before every measurement, since other work on the machine slows everything.

`--only serve` measures serve alone (no check, build or floors): quicker while working on serve.
Its result is printed (and written with --json) but never into --out, whose table needs every figure.

The table is printed and written into --out between the markers
<!-- bench:begin --> and <!-- bench:end -->; text outside the markers (findings, profiles) is kept.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from floor import yaml_files  # noqa: E402
from make_project import make_project  # noqa: E402

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}


# ---------------------------------------------------------------------------------------------
# Measuring one process


def load1() -> float:
    return round(os.getloadavg()[0], 2)


def playbook_cmd() -> list[str]:
    script = Path(sys.executable).with_name("playbook")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "generator"]


def timed(cmd: list[str], *, timeout: float = 3600) -> dict:
    """Run cmd in a fresh process; wall seconds, exit code, peak RSS (MB) and the load before/after."""
    before = load1()
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=ENV, cwd=REPO, start_new_session=True)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{output[-3000:]}")
    return {"s": wall, "peak_mb": usage.ru_maxrss / 1024, "load": before, "load_after": load1()}


def best(runs: list[dict]) -> dict:
    fastest = min(runs, key=lambda r: r["s"])
    return {**fastest, "runs": [round(r["s"], 3) for r in runs], "peak_mb": max(r["peak_mb"] for r in runs)}


# ---------------------------------------------------------------------------------------------
# Site figures


def html_figures(site: Path) -> dict:
    pages = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    total = sum(size for size, _ in pages)
    largest_size, largest = max(pages, key=lambda t: t[0])
    return {
        "html_pages": len(pages),
        "html_bytes": total,
        "html_kb_per_page": total / len(pages) / 1024,
        "largest_kb": largest_size / 1024,
        "largest_page": largest.relative_to(site).as_posix(),
    }


def search_figures(site: Path) -> dict:
    index = site / "search" / "search_index.json"
    raw = index.read_bytes()
    docs = json.loads(raw).get("docs", [])
    entries = len(docs["records"]) if isinstance(docs, dict) else len(docs)  # seller search, or Material's
    return {"search_mb": len(raw) / 1e6, "search_gzip_mb": len(gzip.compress(raw, 6)) / 1e6, "search_entries": entries}


# ---------------------------------------------------------------------------------------------
# Serve: edit one persona, wait for the page to show it


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - loopback only
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, OSError, ValueError):
        return 0, ""


def rename_persona(path: Path, name: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(r"(?m)^name:.*$", f"name: {name}", text, count=1)
    if not n:
        raise RuntimeError(f"{path} has no top-level name: line")
    path.write_text(new, encoding="utf-8")


def serve_figures(project: Path, *, start_timeout: float, update_timeout: float, edits: int) -> dict:
    """Seconds from saving a persona file to its page being served with the new name."""
    personas = sorted((project / "content" / "personas").glob("*.yml"))
    persona = personas[0]
    port = free_port()
    url_base = f"http://127.0.0.1:{port}"
    page = f"{url_base}/personas/{persona.stem}/"
    log = tempfile.TemporaryFile()  # noqa: SIM115 (the server writes to it until the finally below closes it)
    started = time.perf_counter()
    proc = subprocess.Popen(
        playbook_cmd() + ["serve", str(project), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=ENV,
        cwd=REPO,
        start_new_session=True,
    )
    result: dict = {"serve_port": port}
    try:
        _await_page(
            proc,
            log,
            page,
            lambda status, _: status == 200,
            started + start_timeout,
            0.1,
            f"playbook serve did not serve {page} within {start_timeout:.0f} s",
        )
        result["serve_start_s"] = time.perf_counter() - started
        time.sleep(1.5)  # the file watcher polls every 0.5 s; let it take its first snapshot
        times, loads = [], []
        for n in range(edits):
            token = f"Benchtoken{os.getpid()}x{n}x{int(time.time() * 1000) % 100000}"
            loads.append(load1())
            t0 = time.perf_counter()
            rename_persona(persona, token)
            _await_page(
                proc,
                log,
                page,
                lambda status, body, token=token: status == 200 and token in body,
                t0 + update_timeout,
                0.05,
                f"the edit did not reach {page} within {update_timeout:.0f} s",
            )
            times.append(time.perf_counter() - t0)
            if n + 1 < edits:
                time.sleep(1.0)  # let the watcher settle before the next edit
        result.update({"serve_s": max(times), "serve_runs": [round(t, 3) for t in times], "serve_load": loads[0]})
        return result
    finally:
        _stop(proc)
        log.close()


def _await_page(proc: subprocess.Popen, log, page: str, ready, deadline: float, pause: float, late: str) -> None:
    """Poll page every `pause` seconds until ready(status, body); fail if serve exits or the deadline passes."""
    while True:
        status, body = fetch(page)
        if ready(status, body):
            return
        if proc.poll() is not None:
            raise RuntimeError(f"playbook serve exited {proc.returncode}:\n{_tail(log)}")
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{late}:\n{_tail(log)}")
        time.sleep(pause)


def _tail(log) -> str:
    log.seek(0)
    return log.read().decode("utf-8", "replace")[-3000:]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


# ---------------------------------------------------------------------------------------------
# One scale


def run_scale(scale: float, work: Path, *, quick: bool, serve: bool | str, repeat: int | None, log=print) -> dict:
    project = work / "project"
    counts = make_project(project, scale=scale)
    (project / "mkdocs.yml").unlink(missing_ok=True)  # the built-in configuration: search on, font false
    row: dict = {"scale": scale, "yaml_files": len(yaml_files(project)), "entities": counts}
    if serve == "only":
        return run_serve_only(row, project, quick=quick, log=log)
    floor_dir = work / "floor"
    made = subprocess.run(
        [sys.executable, str(BENCH / "floor.py"), "engine", str(project), str(floor_dir)],
        env=ENV,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        raise RuntimeError(f"engine floor: {made.stdout}{made.stderr}")
    floor = json.loads(made.stdout.strip().splitlines()[-1])
    row.update(
        {
            "pages": floor["pages"],
            "nav_entries": floor["nav"],
            "text_chars": floor["text_chars"],
            "html_chars": floor["html_chars"],
        }
    )
    log(f"scale {scale}: {row['yaml_files']} YAML files, {row['pages']} pages")

    quick_reps = 1 if quick else None
    check_reps = quick_reps or repeat or 3
    build_reps = quick_reps or repeat or 2
    parse, check = [], []
    for _ in range(check_reps):
        parse.append(timed([sys.executable, str(BENCH / "floor.py"), "parse", str(project)]))
        check.append(timed(playbook_cmd() + ["check", str(project)]))
    row["parse"], row["check"] = best(parse), best(check)
    log(f"  check {row['check']['s']:.2f} s, parse floor {row['parse']['s']:.2f} s")

    ours_site, floor_site = work / "site", work / "floor-site"
    engine, build = [], []
    for _ in range(build_reps):
        shutil.rmtree(floor_site, ignore_errors=True)
        engine.append(
            timed(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "-q",
                    "-f",
                    str(floor_dir / "mkdocs.yml"),
                    "-d",
                    str(floor_site),
                ]
            )
        )
        shutil.rmtree(ours_site, ignore_errors=True)
        build.append(timed(playbook_cmd() + ["build", str(project), "--site-dir", str(ours_site)]))
    row["engine"], row["build"] = best(engine), best(build)
    log(
        f"  build {row['build']['s']:.2f} s, engine floor {row['engine']['s']:.2f} s, "
        f"peak {row['build']['peak_mb']:.0f} MB"
    )

    row.update(html_figures(ours_site))
    row.update(search_figures(ours_site))
    floor_html, floor_search = html_figures(floor_site), search_figures(floor_site)
    row["floor_html_kb_per_page"] = floor_html["html_kb_per_page"]
    row["floor_search_gzip_mb"] = floor_search["search_gzip_mb"]

    row["check_ratio"] = row["check"]["s"] / row["parse"]["s"]
    row["build_ratio"] = row["build"]["s"] / row["engine"]["s"]
    row["peak_mb"] = row["build"]["peak_mb"]
    row["build_ms_per_page"] = 1000 * row["build"]["s"] / row["pages"]
    row["engine_ms_per_page"] = 1000 * row["engine"]["s"] / row["pages"]
    row["check_ms_per_file"] = 1000 * row["check"]["s"] / row["yaml_files"]
    row["parse_ms_per_file"] = 1000 * row["parse"]["s"] / row["yaml_files"]

    if serve:
        build_s = row["build"]["s"]
        try:
            row.update(
                serve_figures(
                    project,
                    start_timeout=max(60.0, 6 * build_s),
                    update_timeout=(20.0 if quick else max(30.0, 6 * build_s)),
                    edits=1 if quick else 2,
                )
            )
            log(f"  serve edit-to-update {row['serve_s']:.2f} s")
        except (TimeoutError, RuntimeError) as exc:  # the other figures still count; the report says why
            row["serve_error"] = str(exc).splitlines()[0]
            log(f"  serve failed: {exc}")
    return row


def run_serve_only(row: dict, project: Path, *, quick: bool, log=print) -> dict:
    """Serve alone: the first build is not timed against anything, so it gets a generous limit."""
    row.update(serve_figures(project, start_timeout=900.0, update_timeout=60.0, edits=1 if quick else 2))
    log(
        f"scale {row['scale']:g}: serve edit-to-update {row['serve_s']:.2f} s (runs {row['serve_runs']}, load {row['serve_load']})"
    )
    return row


def render_serve_only(rows: list[dict], info: dict) -> str:
    lines = [f"Measured {info['date']}, serve only; load average at start {info['load_start'][0]:.2f}.\n"]
    lines += [
        "| scale | YAML files | serve edit-to-update s | runs | load | first build served after s |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['scale']:g} | {r['yaml_files']:,} | {_f(r['serve_s'])} | {r['serve_runs']} | {r['serve_load']:.1f} "
            f"| {_f(r['serve_start_s'], 1)} |"
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Report


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for dist in ("mkdocs", "mkdocs-material", "PyYAML", "Jinja2", "Markdown", "pydantic"):
        try:
            from importlib.metadata import version

            versions[dist] = version(dist)
        except Exception:  # noqa: BLE001 - a missing package is reported as such
            versions[dist] = "missing"
    try:
        import yaml

        libyaml = bool(yaml.__with_libyaml__)
    except ImportError:
        libyaml = False
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "libyaml": libyaml,
        "load_start": os.getloadavg(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _f(value, digits=2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def headline(rows: list[dict]) -> dict:
    """The row the targets are judged on: scale 1 when measured, else the largest scale."""
    for row in rows:
        if row["scale"] == 1:
            return row
    return max(rows, key=lambda r: r["scale"])


def verdict(value, limit, aim) -> str:
    if value is None:
        return "not measured"
    if value > limit:
        return "**missed**"
    if aim is not None and value > aim:
        return "met (aim not reached)"
    return "met"


def render(rows: list[dict], info: dict, args) -> str:
    m = info
    out = []
    head = headline(rows)
    out.append(
        f"Measured {m['date']} with `python bench/run.py --scales {args.scales}"
        f"{' --quick' if args.quick else ''}{' --no-serve' if not args.serve else ''}`.\n"
    )
    out.append(
        f"**Machine:** {m['nproc']} cores, {m['cpu']}; {m['platform']}; Python {m['python']}; "
        f"MkDocs {m['versions']['mkdocs']}, Material {m['versions']['mkdocs-material']}, "
        f"PyYAML {m['versions']['PyYAML']} (libyaml {'yes' if m['libyaml'] else 'no'}), "
        f"Jinja2 {m['versions']['Jinja2']}, Markdown {m['versions']['Markdown']}, "
        f"pydantic {m['versions']['pydantic']}. Load average at start "
        f"{m['load_start'][0]:.2f} / {m['load_start'][1]:.2f} / {m['load_start'][2]:.2f} "
        f"(1/5/15 min); each figure below carries the 1-minute load when it was taken.\n"
    )

    out.append(
        f"### Targets (scale {head['scale']:g}: {head['pages']:,} pages from {head['yaml_files']:,} YAML files)\n"
    )
    out.append("| figure | measured | floor | target | aim | verdict |")
    out.append("|---|---|---|---|---|---|")
    out.append(
        f"| build | {_f(head['build']['s'])} s (load {head['build']['load']:.1f}) | engine floor "
        f"{_f(head['engine']['s'])} s (load {head['engine']['load']:.1f}) | ≤ 1.5× floor | 1.0× | "
        f"{_f(head['build_ratio'])}×: {verdict(head['build_ratio'], 1.5, 1.0)} |"
    )
    out.append(
        f"| check | {_f(head['check']['s'])} s (load {head['check']['load']:.1f}) | parse floor "
        f"{_f(head['parse']['s'])} s (load {head['parse']['load']:.1f}) | ≤ 4× floor | 2× | "
        f"{_f(head['check_ratio'])}×: {verdict(head['check_ratio'], 4.0, 2.0)} |"
    )
    out.append(
        f"| HTML per page | {_f(head['html_kb_per_page'], 1)} KB (largest {_f(head['largest_kb'], 0)} KB: "
        f"`{head['largest_page']}`) | floor {_f(head['floor_html_kb_per_page'], 1)} KB | ≤ 60 KB | 30 KB | "
        f"{verdict(head['html_kb_per_page'], 60, 30)} |"
    )
    out.append(
        f"| peak memory (build) | {_f(head['peak_mb'], 0)} MB | floor {_f(head['engine']['peak_mb'], 0)} MB | "
        f"< 1 GB | – | {verdict(head['peak_mb'], 1024, None)} |"
    )
    serve_s = head.get("serve_s")
    serve_note = (
        f"{_f(serve_s)} s (load {head['serve_load']:.1f}; runs {head['serve_runs']}; "
        f"first build served after {_f(head['serve_start_s'], 1)} s)"
        if serve_s is not None
        else f"failed: {head['serve_error']}"
        if head.get("serve_error")
        else "not measured"
    )
    out.append(
        f"| serve edit-to-update | {serve_note} | – | < 3 s | – | {'**missed** (no update)' if head.get('serve_error') else verdict(serve_s, 3.0, None)} |"
    )
    out.append(
        f"| search index | {_f(head['search_mb'])} MB raw, **{_f(head['search_gzip_mb'])} MB gzip** "
        f"({head['search_entries']:,} entries) | floor {_f(head['floor_search_gzip_mb'])} MB gzip | "
        f"state it | – | stated |"
    )
    out.append("")

    out.append("### Every scale\n")
    out.append(
        "| scale | YAML files | pages | check s | parse floor s | check ratio | build s | engine floor s "
        "| build ratio | peak MB | HTML KB/page | largest KB | search MB raw / gzip | serve s | load |"
    )
    out.append("|" + "---|" * 15)
    for r in rows:
        loads = [r["check"]["load"], r["build"]["load"], r["engine"]["load"]] + (
            [r["serve_load"]] if r.get("serve_load") is not None else []
        )
        out.append(
            f"| {r['scale']:g} | {r['yaml_files']:,} | {r['pages']:,} | {_f(r['check']['s'])} | {_f(r['parse']['s'])} "
            f"| {_f(r['check_ratio'])} | {_f(r['build']['s'])} | {_f(r['engine']['s'])} | {_f(r['build_ratio'])} "
            f"| {_f(r['peak_mb'], 0)} | {_f(r['html_kb_per_page'], 1)} | {_f(r['largest_kb'], 0)} "
            f"| {_f(r['search_mb'])} / {_f(r['search_gzip_mb'])} | {_f(r.get('serve_s'))} "
            f"| {min(loads):.1f}–{max(loads):.1f} |"
        )
    out.append("")

    out.append("### Growth: time per page\n")
    out.append(
        "| scale | pages | build ms/page | engine floor ms/page | check ms/file | parse floor ms/file | peak MB/1000 pages |"
    )
    out.append("|---|---|---|---|---|---|---|")
    for r in rows:
        out.append(
            f"| {r['scale']:g} | {r['pages']:,} | {_f(r['build_ms_per_page'], 1)} | {_f(r['engine_ms_per_page'], 1)} "
            f"| {_f(r['check_ms_per_file'], 2)} | {_f(r['parse_ms_per_file'], 2)} "
            f"| {_f(1000 * r['peak_mb'] / r['pages'], 0)} |"
        )
    fit_b, fit_e = linear_fit(rows, "build"), linear_fit(rows, "engine")
    if fit_b and fit_e:
        out.append("")
        out.append(
            f"Least-squares fit of wall time against pages: build = {fit_b[0]:.2f} s + {1000 * fit_b[1]:.2f} ms × pages "
            f"(R² {fit_b[2]:.3f}); engine floor = {fit_e[0]:.2f} s + {1000 * fit_e[1]:.2f} ms × pages "
            f"(R² {fit_e[2]:.3f}). Linear growth means R² near 1 and a flat ms/page column "
            f"(the fixed start-up cost makes small scales look dearer per page)."
        )
    out.append("")
    out.append(
        "Raw runs (seconds, best counts): "
        + "; ".join(
            f"scale {r['scale']:g}: check {r['check']['runs']}, parse {r['parse']['runs']}, "
            f"build {r['build']['runs']}, floor {r['engine']['runs']}"
            for r in rows
        )
        + "."
    )
    return "\n".join(out) + "\n"


def linear_fit(rows: list[dict], key: str):
    if len(rows) < 2:
        return None
    xs = [r["pages"] for r in rows]
    ys = [r[key]["s"] for r in rows]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if not sxx:
        return None
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False)) / sxx
    intercept = my - slope * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=False))
    r2 = 1 - ss_res / ss_tot if ss_tot else 1.0
    return intercept, slope, r2


PREAMBLE = """# Benchmarks

How fast, how big and how linear `playbook` is on synthetic enterprise playbooks
(`bench/make_project.py`), each figure beside its floor measured in the same run
(`make bench`, or `python bench/run.py --help`). The section between the markers is written by
`bench/run.py`; everything else is kept when it runs again.

"""


def write_report(path: Path, table: str) -> None:
    block = f"{BEGIN}\n{table}{END}\n"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            tail = rest.split(END, 1)[1].lstrip("\n")
            path.write_text(head + block + ("\n" + tail if tail else ""), encoding="utf-8")
            return
        path.write_text(text.rstrip("\n") + "\n\n" + block, encoding="utf-8")
        return
    path.write_text(PREAMBLE + block, encoding="utf-8")


def parse_scales(text: str) -> list[float]:
    try:
        scales = [float(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}") from None
    if not scales or any(not 0 < s <= 100 for s in scales):
        raise argparse.ArgumentTypeError("scales must lie above 0 and at most 100")
    return scales


@contextlib.contextmanager
def scale_folder(keep: Path | None, scale: float):
    """One scale's working folder: emptied and kept under --keep, else temporary."""
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
            yield Path(tmp)
        return
    work = keep / f"scale-{scale:g}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    yield work


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="0.25,0.5,1,2", help="comma-separated scales (default 0.25,0.5,1,2)")
    parser.add_argument("--quick", action="store_true", help="one run of each measurement, one serve edit")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measurement (default: check 3, build 2)")
    parser.add_argument("--no-serve", dest="serve", action="store_false", help="skip the serve measurement")
    parser.add_argument(
        "--only", choices=("serve",), default=None, help="measure only this (serve: no check, build or floors)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "BENCHMARKS.md",
        help="Markdown report to update (default BENCHMARKS.md); '-' to write none",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write every figure as JSON here")
    parser.add_argument("--keep", type=Path, default=None, help="keep the projects and sites in this folder")
    args = parser.parse_args(argv)
    scales = parse_scales(args.scales)

    info = machine()
    rows = []
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    log(f"{info['nproc']} cores, {info['cpu']}, load {info['load_start'][0]:.2f}")
    for scale in scales:
        with scale_folder(args.keep, scale) as work:
            serve = "only" if args.only == "serve" else args.serve
            rows.append(run_scale(scale, work, quick=args.quick, serve=serve, repeat=args.repeat, log=log))
    info["load_end"] = os.getloadavg()
    table = render_serve_only(rows, info) if args.only else render(rows, info, args)
    print(table)
    if str(args.out) != "-" and not args.only:
        write_report(args.out, table)
        log(f"wrote {args.out}")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "rows": rows}, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

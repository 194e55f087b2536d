#!/usr/bin/env python3
"""Seller search against Material's built-in search, as a seller's phone meets them.

    python bench/search_latency.py [--scale 1] [--runs 3] [--query WORD] [--work DIR]

Writes the synthetic playbook (bench/make_project.py), builds it twice, with our seller search
and with Material's own search (`seller_search: false`), serves each from loopback and, in a
fresh headless Chromium per run with the CPU throttled 4x (DevTools
Emulation.setCPUThrottlingRate), opens the home page, types the query as soon as the page has
loaded and measures:

- latency: from the last keystroke to the first result on screen;
- search bytes: what the first search fetched (every request whose URL names search: the
  index and the worker), as gzip -6 of the served files, since a web server compresses them.

Chromium comes from the system (PLAYBOOK_CHROMIUM or `chromium` on the PATH). Prints a
Markdown table and, with --json, the raw runs.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from make_project import make_project  # noqa: E402

from generator.adapters.mkdocs.config import default_config  # noqa: E402

THROTTLE = 4
TARGET_S, TARGET_KB = 0.5, 500
# Installed before any page script: when the last key went down and when results appeared.
PROBE = """
window.__lastKey = 0; window.__results = [];
document.addEventListener('keydown', () => { window.__lastKey = performance.now(); }, true);
new MutationObserver(() => {
  if (document.querySelector('.md-search-result__item')) window.__results.push(performance.now());
}).observe(document, {childList: true, subtree: true});
"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature http.server uses
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build(project: Path, site: Path, seller_search: bool) -> None:
    """Build with the built-in configuration, our search switched on or off."""
    config = default_config(project, project / "docs")
    config["plugins"] = ["search", {"playbook": {"project_dir": str(project), "seller_search": seller_search}}]
    (project / "docs").mkdir(exist_ok=True)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    cmd = [sys.executable, "-m", "generator", "build", str(project), "--site-dir", str(site)]
    subprocess.run(cmd, cwd=REPO, check=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True)


def gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), 6)) / 1000


def measure(browser, site: Path, url: str, query: str) -> dict:
    context = browser.new_context()
    fetched: list[str] = []
    try:
        page = context.new_page()
        page.add_init_script(PROBE)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        page.on("requestfinished", lambda r: fetched.append(r.url))
        page.goto(url, wait_until="load")
        page.keyboard.press("/")
        page.locator(".md-search__input").press_sequentially(query, delay=60)
        page.wait_for_function("() => window.__results.some(t => t >= window.__lastKey)", timeout=60_000, polling=50)
        last, shown = page.evaluate("() => [window.__lastKey, window.__results.find(t => t >= window.__lastKey)]")
    finally:
        context.close()
    searched = sorted({urlsplit(u).path for u in fetched if "search" in urlsplit(u).path})
    kb = sum(gzip_kb(site / p.lstrip("/")) for p in searched)
    return {"latency_s": (shown - last) / 1000, "search_kb_gzip": kb, "files": searched}


def chromium() -> str:
    found = os.environ.get("PLAYBOOK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("no Chromium: install it (Debian: apt-get install chromium) or set PLAYBOOK_CHROMIUM")
    return found


def run(work: Path, scale: float, runs: int, query: str | None) -> dict:
    project = work / "project"
    if not (project / "content").is_dir():
        make_project(project, scale=scale)
    sites = {"seller search": (work / "ours", True), "Material search (baseline)": (work / "material", False)}
    for site, seller in sites.values():
        if not (site / "index.html").is_file():
            build(project, site, seller)
    query = query or first_persona(project)
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
        try:
            for name, (site, _seller) in sites.items():
                server, url = serve(site)
                try:
                    results[name] = [measure(browser, site, url, query) for _ in range(runs)]
                finally:
                    server.shutdown()
                    server.server_close()
        finally:
            browser.close()
    pages = sum(1 for _ in (work / "ours").rglob("index.html"))
    return {"query": query, "scale": scale, "pages": pages, "load": os.getloadavg()[0], "runs": results}


def first_persona(project: Path) -> str:
    path = sorted((project / "content/personas").glob("*.yml"))[0]
    return str(yaml.safe_load(path.read_text(encoding="utf-8"))["name"]).split()[0].lower()


def table(report: dict) -> str:
    lines = [
        f"Query `{report['query']}`, scale {report['scale']} ({report['pages']:,} pages), CPU throttled {THROTTLE}x, "
        f"median of {len(next(iter(report['runs'].values())))} runs, each in a fresh browser context; "
        f"1-minute load {report['load']:.1f} at the end.",
        "",
        "| search | first result after the last keystroke | first search transfers (gzip) | verdict |",
        "|---|---|---|---|",
    ]
    for name, runs in report["runs"].items():
        latency = statistics.median(r["latency_s"] for r in runs)
        kb = statistics.median(r["search_kb_gzip"] for r in runs)
        met = latency <= TARGET_S and kb <= TARGET_KB
        spread = ", ".join(f"{r['latency_s']:.2f}" for r in runs)
        verdict = "met" if met else "not met"
        lines.append(f"| {name} | {latency:.2f} s (runs {spread}) | {kb:,.0f} KB | {verdict} |")
    lines.append("")
    lines.append(f"Targets: ≤ {TARGET_S} s and ≤ {TARGET_KB} KB.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", help="what to type (default: the first word of the first persona's name)")
    parser.add_argument("--work", type=Path, help="keep the project and sites here (reused when present)")
    parser.add_argument("--json", action="store_true", help="print the raw runs as JSON too")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        report = run(args.work or Path(tmp), args.scale, args.runs, args.query)
    print(table(report))
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

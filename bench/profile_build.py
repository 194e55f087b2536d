#!/usr/bin/env python3
"""Profile `playbook build`, `check` or one `serve` rebuild on a synthetic project, to find where a
missed target goes.

    python bench/profile_build.py [--scale 1] [--command build|check|serve] [--top 30] [--keep DIR]

Writes the project with bench/make_project.py, runs
`python -m cProfile -o PROFILE -m generator COMMAND PROJECT ...` in a fresh process and prints
the top functions by cumulative and by own (total) time, each with its share of the wall time.
`serve` profiles what the benchmark times: after a first serve build (not profiled), the first
persona gets a new name and the rebuild MkDocs' server would run is profiled, in this process.
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from make_project import make_project  # noqa: E402


def top(profile: Path, sort: str, count: int, wall: float) -> str:
    stream = io.StringIO()
    stats = pstats.Stats(str(profile), stream=stream)
    stats.sort_stats(sort)
    lines = [f"{'cum s':>8} {'own s':>8} {'share':>6} {'calls':>10}  function"]
    for func in stats.fcn_list[:count]:
        cc, nc, tt, ct, _ = stats.stats[func]
        filename, line, name = func
        where = filename.replace(str(Path(sys.prefix)), "<venv>").replace(str(BENCH.parent), ".")
        value = ct if sort == "cumulative" else tt
        lines.append(f"{ct:8.2f} {tt:8.2f} {100 * value / wall:5.1f}% {nc:>10}  {name} ({where}:{line})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--command", choices=("build", "check", "serve"), default="build")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--keep", type=Path, default=None, help="write the project and profile here")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="playbook-profile-"))
    project = work / "project"
    if not project.is_dir():
        make_project(project, scale=args.scale)
        (project / "mkdocs.yml").unlink(missing_ok=True)
    profile = work / f"{args.command}.prof"
    if args.command == "serve":
        return profile_serve(project, work / "serve-site", profile, args.top)
    cmd = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "generator", args.command, str(project)]
    if args.command == "build":
        cmd += ["--site-dir", str(work / "site")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    load = os.getloadavg()[0]
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout + done.stderr, file=sys.stderr)
        return 1
    print(
        f"{args.command} at scale {args.scale:g}: {wall:.1f} s under the profiler (load {load:.2f}); profile in {profile}\n"
    )
    print("By cumulative time:\n" + top(profile, "cumulative", args.top, wall) + "\n")
    print("By own time:\n" + top(profile, "tottime", args.top, wall))
    return 0


def profile_serve(project: Path, site_dir: Path, profile: Path, count: int) -> int:
    """One serve rebuild after a persona rename, profiled in this process."""
    import cProfile

    from mkdocs.commands.build import build as mkdocs_build
    from run import rename_persona

    from generator.adapters.mkdocs.settings import config_file, load

    os.environ["PLAYBOOK_PROJECT_DIR"] = str(project)
    with config_file(project) as (path, overrides):

        def reload():
            config = load(path, site_dir=str(site_dir), **overrides)  # MkDocs keeps the plugin instance
            config.site_url = "http://127.0.0.1:8000/"
            return config

        config = reload()
        config.plugins.on_startup(command="serve", dirty=True)
        mkdocs_build(config, dirty=True)  # the first build, as serve makes it
        persona = sorted((project / "content" / "personas").glob("*.yml"))[0]
        rename_persona(persona, f"Profiled persona {int(time.time())}")
        time.sleep(1)  # serve collects the first build's garbage just after it (_collect_later): not ours
        load_before = os.getloadavg()[0]
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.runcall(lambda: mkdocs_build(reload(), dirty=True))
        wall = time.perf_counter() - start
        profiler.dump_stats(str(profile))
    print(f"one serve rebuild: {wall:.2f} s under the profiler (load {load_before:.2f}); profile in {profile}\n")
    print("By cumulative time:\n" + top(profile, "cumulative", count, wall) + "\n")
    print("By own time:\n" + top(profile, "tottime", count, wall))
    return 0


if __name__ == "__main__":
    sys.exit(main())

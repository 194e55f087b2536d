#!/usr/bin/env python3
"""What drawing the relationship maps costs on a synthetic project, beside rendering every page.

    python bench/map_cost.py [--scale 1] [--repeat 5]

Writes the project with bench/make_project.py, checks it once, then times, best of --repeat:
  facts    the map, stage-by-stage view and brief lines' facts for every segment and seat
           (generator/catalog/relationships.py, on a fresh catalog so nothing is memoised)
  layout   laying out every segment's map (generator/site/map_layout.py)
  svg      rendering every map's SVG partial with the site's Jinja environment
  pages    prepare_site: rendering every page of the site (maps included), without MkDocs
and prints the maps' share of the page rendering.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from make_project import make_project  # noqa: E402

from generator.catalog import relationships as rm  # noqa: E402
from generator.catalog.audience import for_audience  # noqa: E402
from generator.catalog.check import check_project  # noqa: E402
from generator.site.edition import Options, prepare_site  # noqa: E402
from generator.site.map_layout import layout  # noqa: E402
from generator.site.pages import Page, Settings, page_context  # noqa: E402
from generator.site.render import make_environment  # noqa: E402


def best(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def facts(result) -> None:
    catalog = for_audience(result.catalog)  # fresh: no memo
    for segment in catalog.all("segments"):
        rm.segment_stages(catalog, segment)
        for seat in rm.rel.seats(catalog, segment):
            rm.place(catalog, seat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        counts = make_project(project, args.scale)
        result = check_project(project)
        catalog = for_audience(result.catalog)
        segments = catalog.all("segments")
        found = [rm.relationship_map(catalog, s) for s in segments]
        env = make_environment(project)
        template = env.get_template("partials/relationship-map.svg.j2")
        settings = Settings(today=result.catalog and __import__("datetime").date(2026, 1, 1))

        def svg():
            for f in found:
                context = page_context(catalog, settings, Page(f"segments/{f.segment.id}.md", "segment.html.j2", ""))
                template.render({**context, "found": f, "drawn": layout(f)})

        t_facts = best(args.repeat, lambda: facts(result))
        t_layout = best(args.repeat, lambda: [layout(f) for f in found])
        t_svg = best(args.repeat, svg)
        t_pages = best(max(1, args.repeat // 2), lambda: prepare_site(project, Options(), result=result))
        people = sum(len(f.people) for f in found)
        print(f"scale {args.scale}: {counts.get('segments', len(segments))} segments, {people} committee seats")
        print(f"  facts   {t_facts * 1000:8.1f} ms")
        print(f"  layout  {t_layout * 1000:8.1f} ms  ({t_layout / len(found) * 1e6:.0f} us a map)")
        print(f"  svg     {t_svg * 1000:8.1f} ms  (layout included)")
        print(f"  pages   {t_pages * 1000:8.1f} ms  (every page rendered, maps included)")
        print(f"  maps' share of page rendering: {(t_facts + t_svg) / t_pages:.1%}")


if __name__ == "__main__":
    main()

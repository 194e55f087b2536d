"""The second fixture project (Vaultline, tests/fixtures/second-project): it checks clean but
for its one deliberate warning, builds in every edition, and keeps the oddities other tests
rely on (see its README.md)."""

from __future__ import annotations

import datetime
import gzip
import shutil
from pathlib import Path

import pytest

from generator.catalog.check import check_project

from .linkcheck import broken_links
from .sitebuild import build, site_files

PROJECT = Path(__file__).parent / "fixtures" / "second-project"
# A fixed day, so the test does not start failing when the 2027 review dates pass.
ON = datetime.date(2026, 11, 27)
# Words that occur only in internal blocks or internal entities of the fixture.
CANARIES = (
    "Marrowfield",
    "Larkspur",
    "Halvorsen",
    "Quillmere",
    "Ledgerlight",
    "Foxglove",
    "Brackenholt",
    "Thornbury",
    "Kestrup",
)


@pytest.fixture(scope="module")
def result():
    return check_project(PROJECT, on=ON)


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, Path]:
    project = tmp_path_factory.mktemp("vaultline") / "p"
    shutil.copytree(PROJECT, project)  # a copy, so nothing a build writes can land in the repository
    sites = {}
    for audience in ("internal", "partner", "public"):
        site = tmp_path_factory.mktemp(f"vaultline-{audience}")
        built = build(project, site, "--audience", audience)
        assert built.exit_code == 0, built.output
        sites[audience] = site
    return sites


def test_checks_with_only_the_deliberate_stale_warning(result):
    assert [str(d) for d in result.diagnostics] == [
        "content/assets/battlecard-snapgrid.yml:9:12: warning[W300]: stale since 2026-06-30: "
        "review 'Battlecard: Snapgrid Storage' and move review_by forward"
    ]


@pytest.mark.parametrize("audience", ["internal", "partner", "public"])
def test_builds_every_edition_with_working_links(editions, audience):
    site = editions[audience]
    assert (site / "index.html").is_file()
    assert broken_links(site) == []


def test_every_segment_and_persona_has_a_page_in_the_internal_edition(result, editions):
    for kind in ("segments", "personas"):
        for entity in result.catalog.entities[kind].values():
            assert (editions["internal"] / kind / entity.id / "index.html").is_file(), entity.id


@pytest.mark.parametrize("audience", ["partner", "public"])
def test_internal_canaries_stay_in_the_internal_edition(editions, audience):
    def text(site: Path) -> bytes:
        files = site_files(site)
        return b"".join(gzip.decompress(data) if name.endswith(".gz") else data for name, data in files.items())

    inside, outside = text(editions["internal"]), text(editions[audience])
    for word in CANARIES:
        assert word.encode() in inside, word  # the canary is real: the internal edition shows it
        assert word.encode() not in outside, word


def test_committees_span_two_to_twelve_seats(result):
    sizes = {s.id: len(s.buying_committee) for s in result.catalog.entities["segments"].values()}
    assert sizes == {"regional-banks": 12, "hospitals": 7, "public-sector": 4, "manufacturers": 2}
    assert {s.deal_type for s in result.catalog.entities["segments"].values()} == {"o2o"}


def test_deliberate_gaps_are_in_place(result):
    catalog = result.catalog
    personas = catalog.entities["personas"]
    assert [p for p in personas if not personas[p].objections] == ["network-engineer"]

    engaged = {pid for role in catalog.singles["team"].roles for pid in role.engages}
    seated = [m for s in catalog.entities["segments"].values() for m in s.buying_committee]
    unengaged = {m.persona for m in seated if not m.engaged_by and m.persona not in engaged}
    assert unengaged == {"data-protection-officer"}

    in_committees = {m.persona for m in seated}
    assert "chief-executive" not in in_committees
    assert personas["cfo"].reports_to == "chief-executive"

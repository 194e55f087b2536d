"""Audience editions: nothing internal reaches the partner or public edition, in any byte."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from generator.catalog.check import check_project
from generator.site.pages import attachment_path, entity_path

from .sitebuild import build, copy_example, site_files

CANARY = "CANARYQX"
TEXT_KEYS = {
    "name",
    "summary",
    "description",
    "messaging",
    "statement",
    "observation",
    "objection",
    "response",
    "claim",
    "body",
    "tagline",
}


def _plant(data, tag: str):
    """Append a numbered canary to every free-text field of an entity, recursively."""
    if isinstance(data, dict):
        return {
            k: (f"{v} {CANARY}{tag}" if k in TEXT_KEYS and isinstance(v, str) else _plant(v, tag))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_plant(v, tag) for v in data]
    return data


def _rewrite(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(data), sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def canary_project(tmp_path_factory) -> Path:
    """The example with canaries in every internal block and in every internal entity."""
    project = copy_example(tmp_path_factory.mktemp("canary"))
    for path in sorted((project / "content").rglob("*.yml")) + sorted((project / "playbooks").glob("*.yml")):

        def change(data, stem=path.stem):
            if data.get("audience", "internal") == "internal" or data.get("draft"):
                data = _plant(data, f"-entity-{stem}")
            if isinstance(data.get("internal"), dict):
                data["internal"] = {
                    k: (f"{CANARY}-block-{stem}" if isinstance(v, str) else [f"{CANARY}-block-{stem}"])
                    for k, v in data["internal"].items()
                }
            return data

        _rewrite(path, change)
    # An internal asset with an attachment: the file itself must not be published outside.
    (project / "content/assets/files/secret-pricing.csv").write_text(f"list price,{CANARY}-attachment\n")
    (project / "content/assets/secret-price-list.yml").write_text(
        "name: Secret price list\ntype: other\nfile: files/secret-pricing.csv\nsegments: [dairy]\n"
    )
    return project


def _bytes_of(site: Path) -> dict[str, bytes]:
    files = site_files(site)
    for name, data in list(files.items()):
        if name.endswith(".gz"):
            files[name] = gzip.decompress(data)
    return files


@pytest.fixture(scope="module")
def editions(canary_project, tmp_path_factory) -> dict[str, Path]:
    out = {}
    for audience in ("internal", "partner", "public"):
        site = tmp_path_factory.mktemp(f"site-{audience}")
        result = build(canary_project, site, "--audience", audience)
        assert result.exit_code == 0, result.output
        out[audience] = site
    return out


def test_internal_edition_carries_the_canaries(editions):
    # Without this, the absence test below could pass on a site that shows nothing at all.
    blob = b"".join(_bytes_of(editions["internal"]).values())
    assert f"{CANARY}-block-".encode() in blob
    assert f"{CANARY}-entity-".encode() in blob
    assert f"{CANARY}-attachment".encode() in blob


@pytest.mark.parametrize("audience", ["partner", "public"])
def test_no_internal_byte_in_outside_editions(editions, audience):
    leaks = [name for name, data in _bytes_of(editions[audience]).items() if CANARY.encode() in data]
    assert leaks == []


@pytest.mark.parametrize("audience", ["partner", "public"])
def test_excluded_entities_have_no_pages_or_attachments(canary_project, editions, audience):
    from generator.catalog.audience import for_audience

    result = check_project(canary_project)
    shown = for_audience(result.catalog, audience)
    allowed = {"partner": {"partner", "public"}, "public": {"public"}}[audience]
    site = editions[audience]
    checked = 0
    for kind, entities in result.catalog.entities.items():
        for entity in entities.values():
            page = site / entity_path(kind, entity.id).removesuffix(".md") / "index.html"
            visible = entity.audience in allowed and not entity.draft
            assert page.exists() == visible, page
            if entity.audience not in allowed:
                assert shown.get(kind, entity.id) is None
            checked += 1
            if kind == "assets" and entity.file:
                assert (site / attachment_path(entity)).exists() == visible
    assert checked > 60


def test_partner_edition_keeps_partner_content(editions):
    site = editions["partner"]
    assert (site / "segments/pet-food/index.html").exists()
    assert (site / "value-propositions/fast-format-changeover/index.html").exists()
    assert not (site / "personas/cfo/index.html").exists()


def test_banner_only_in_the_internal_edition(editions):
    assert b"Internal: do not share" in (editions["internal"] / "index.html").read_bytes()
    for audience in ("partner", "public"):
        assert b"Internal: do not share" not in b"".join(_bytes_of(editions[audience]).values())


def test_no_yaml_source_is_published(editions):
    for site in editions.values():
        assert not [n for n in site_files(site) if n.endswith((".yml", ".yaml"))]


def test_value_proposition_scoped_to_hidden_segments_does_not_become_universal(tmp_path):
    """An empty list means 'all': pruning must not widen a value proposition's promise."""
    from generator.catalog.audience import for_audience

    project = tmp_path / "p"
    (project / "content/segments").mkdir(parents=True)
    (project / "content/value-propositions").mkdir(parents=True)
    (project / "content/segments/secret.yml").write_text("name: Secret segment\n")
    (project / "content/segments/open.yml").write_text("name: Open segment\naudience: partner\n")
    (project / "content/value-propositions/narrow.yml").write_text(
        "name: Narrow\naudience: partner\nsegments: [secret]\n"
    )
    (project / "content/value-propositions/wide.yml").write_text(
        "name: Wide\naudience: partner\nsegments: [secret, open]\n"
    )
    catalog = for_audience(check_project(project).catalog, "partner")
    narrow = catalog.get("value-propositions", "narrow")
    assert narrow is not None and narrow.segments == []
    assert not catalog.means_all(narrow, "segments")
    assert [vp.id for vp in catalog.value_propositions_for("open")] == ["wide"]
    assert catalog.get("value-propositions", "wide").segments == ["open"]


def test_audience_set_in_mkdocs_yml_is_the_default_of_every_command(tmp_path):
    """A partner site configured in mkdocs.yml must not come out internal from a bare build."""
    import json

    from click.testing import CliRunner

    from generator.cli import main

    project = copy_example(tmp_path / "p")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("audience: internal", "audience: partner"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "built the partner edition" in result.output
    assert not (tmp_path / "site" / "personas" / "cfo").exists()
    assert b"Internal: do not share" not in (tmp_path / "site" / "index.html").read_bytes()
    exported = CliRunner().invoke(main, ["export", str(project)])
    assert json.loads(exported.stdout)["audience"] == "partner"
    # An explicit option still wins.
    assert "built the internal edition" in build(project, tmp_path / "site", "--audience", "internal").output


def test_a_link_to_a_page_the_edition_hides_is_only_its_text(tmp_path):
    """`[text](persona:secret)` on a partner page: the words stay, the hidden page's URL and id do not."""
    project = tmp_path / "p"
    (project / "content/personas").mkdir(parents=True)
    (project / "content/personas/open.yml").write_text(
        "name: Open\naudience: partner\nmessaging: Ask [the insider](persona:secret-buyer) and [me](persona:open).\n"
    )
    (project / "content/personas/secret-buyer.yml").write_text("name: Secret\n")
    pages = {}
    for audience in ("internal", "partner"):
        site = tmp_path / f"site-{audience}"
        assert build(project, site, "--audience", audience).exit_code == 0
        pages[audience] = (site / "personas/open/index.html").read_text()
    assert '<a href="../secret-buyer/" rel="noopener noreferrer">the insider</a>' in pages["internal"]
    assert "Ask the insider and" in pages["partner"]
    assert '<a href="./" rel="noopener noreferrer">me</a>' in pages["partner"]
    assert not (tmp_path / "site-partner/personas/secret-buyer").exists()
    everything = b"".join(site_files(tmp_path / "site-partner").values())
    assert b"secret-buyer" not in everything

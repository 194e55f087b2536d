"""The field reference is read from the models: every field has a description, and the site's
"How to edit this playbook" page lists every kind and field with its type and allowed values."""

from __future__ import annotations

import html
import re
import typing

import pytest

from generator.model import reference
from generator.model.kinds import Common
from generator.model.registry import ALL_KINDS
from generator.site.edition import Options, prepare_site

from .sitebuild import copy_example


def test_every_field_of_every_model_has_a_description():
    # Fails as soon as someone adds a field without `describe(...)`: the reference, the JSON
    # Schemas and `playbook new` would otherwise show a field nobody explained.
    assert reference.undocumented() == []


def test_the_walk_reaches_every_nested_model():
    names = {m.__name__ for m in reference.all_models()}
    assert {
        "CommitteeMember",
        "Objection",
        "ProofPoint",
        "Stage",
        "Play",
        "Scoring",
        "ScoringSignal",
        "NurtureTrack",
        "Internal",
        "Fit",
        "Market",
        "Firmographics",
        "SupportFunction",
    } <= names


def test_a_missing_description_is_caught(monkeypatch):
    from pydantic import Field

    from generator.model.fields import Strict

    class Undocumented(Strict):
        fine: str = Field(description="Has one.")
        bare: str = "x"

    monkeypatch.setattr(reference, "all_models", lambda: [Undocumented])
    assert reference.undocumented() == ["Undocumented.bare"]


def _all_paths() -> set[tuple[str, str]]:
    """(kind, field path) for every field the reference must show, derived from the models."""
    own = set()
    for kind in ALL_KINDS:
        for doc in reference.kind_doc(kind).fields:
            own.add((kind, doc.path))
    return own


def test_kind_docs_hold_every_field_not_inherited_unchanged():
    for kind, model in ALL_KINDS.items():
        top = {f.path for f in reference.kind_doc(kind).fields if f.depth == 0}
        expected = {
            info.alias or name
            for name, info in model.model_fields.items()
            if name not in Common.model_fields or not reference._inherited(model, name)
        }
        assert top == expected, kind


def test_types_and_allowed_values_in_words():
    segment = {f.path: f for f in reference.kind_doc("segments").fields}
    assert segment["priority"].type == "whole number" and segment["priority"].limits == "1 to 5"
    assert segment["competitors"].type == "list of competitor ids"
    assert (
        segment["buying_committee[].role"].allowed[0] == "economic_buyer"
        and segment["buying_committee[].role"].required
    )
    assert segment["market.currency"].limits == "pattern ^[A-Z]{3}$"
    persona = {f.path: f for f in reference.kind_doc("personas").fields}
    assert persona["messaging"].type == "Markdown" and persona["reports_to"].type == "persona id"
    insight = {f.path: f for f in reference.kind_doc("insights").fields}
    assert insight["date"].type == "date (YYYY-MM-DD)" and insight["date"].required
    asset = {f.path: f for f in reference.kind_doc("assets").fields}
    assert asset["url"].type.startswith("URL") and asset["type"].default_text == "other"
    common = {f.path: f for f in reference.common_fields()}
    assert common["draft"].default_text == "false" and common["audience"].allowed == ("internal", "partner", "public")
    assert common["internal.pricing"].type == "text or list of text"


@pytest.fixture(scope="module")
def reference_page(tmp_path_factory) -> str:
    project = copy_example(tmp_path_factory.mktemp("reference"))
    site = prepare_site(project, Options())
    return html.unescape(site.html["reference.md"])


def test_the_page_lists_every_kind_and_field(reference_page):
    for _kind, doc in ((k, reference.kind_doc(k)) for k in ALL_KINDS):
        assert re.search(f'<h2 id="[^"]+">{re.escape(doc.title)}<', reference_page), doc.title
        assert doc.location in reference_page
    missing = [f"{kind}: {path}" for kind, path in sorted(_all_paths()) if f"<code>{path}</code>" not in reference_page]
    assert missing == []
    for f in reference.common_fields():
        assert f"<code>{f.path}</code>" in reference_page


def test_the_page_shows_allowed_values_and_descriptions(reference_page):
    asset_types = typing.get_args(ALL_KINDS["assets"].model_fields["type"].annotation)
    assert len(asset_types) == 13
    for value in asset_types:
        assert f"<code>{value}</code>" in reference_page
    for value in ("case_study", "economic_buyer", "competitive_displacement", "decision_role", "o2o"):
        assert f"<code>{value}</code>" in reference_page
    assert "Questions that uncover need and fit." in reference_page
    assert "E204" in reference_page  # what the check's codes mean


@pytest.mark.parametrize("audience, shown", [("internal", True), ("partner", False), ("public", False)])
def test_upkeep_pages_by_edition(tmp_path, audience, shown):
    project = copy_example(tmp_path / "p")
    site = prepare_site(project, Options(audience=audience))
    assert ("reference.md" in site.html) is shown
    assert ("health.md" in site.html) is shown
    assert "changes.md" in site.html
    titles = [title for title, _ in site.nav]
    assert ("How to edit this playbook" in titles) is shown and "What changed" in titles

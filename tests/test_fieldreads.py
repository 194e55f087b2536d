"""What a page reads of an entity, field by field (generator/catalog/fieldreads.py), and that the
recording hook is there exactly while a recording is open."""

from __future__ import annotations

from generator.catalog.audience import for_audience
from generator.catalog.check import check_project
from generator.model.kinds import Common

from .sitebuild import REPO


def _hooked() -> bool:
    return "__getattribute__" in Common.__dict__


def test_fields_are_recorded_by_name_and_anything_else_as_the_whole_entity():
    catalog = check_project(REPO).catalog
    cfo = catalog.get("personas", "cfo")
    with catalog.recording() as reads:
        assert catalog.get("personas", "cfo") is cfo
        cfo.name, cfo.id, cfo.rel  # noqa: B018 - reading is the point
        cfo.model_dump()
    assert reads == {("get", "personas", "cfo"), ("personas", "cfo", "name"), ("personas", "cfo")}
    assert not _hooked()
    cfo.pains  # noqa: B018 - outside a recording nothing is noted, and nothing fails


def test_a_recording_of_another_catalog_inside_one_keeps_each_apart():
    outer = check_project(REPO).catalog
    inner = for_audience(outer, "partner")
    cfo = outer.get("personas", "cfo")
    with outer.recording() as outer_reads:
        cfo.name  # noqa: B018
        with inner.recording() as inner_reads:
            cfo.pains  # noqa: B018
        assert _hooked()
        cfo.goals  # noqa: B018
    assert not _hooked()
    assert {k for k in outer_reads if len(k) == 3} == {("personas", "cfo", "name"), ("personas", "cfo", "goals")}
    assert inner_reads == {("personas", "cfo", "pains")}

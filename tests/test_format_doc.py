"""docs/format.md, the format contract in the repository, documents exactly the models' fields."""

from __future__ import annotations

import re

from generator.authoring.format_doc import BEGIN, DOC, END, field_tables, with_tables
from generator.model import reference
from generator.model.registry import ALL_KINDS

TEXT = DOC.read_text(encoding="utf-8")


def test_the_field_tables_are_those_the_models_give_now():
    # Fails after a field is added, renamed or redescribed until the doc is regenerated:
    # python -m generator.authoring.format_doc
    assert with_tables(TEXT) == TEXT


def test_every_field_of_every_kind_is_documented_and_nothing_else():
    tables = TEXT.split(BEGIN)[1].split(END)[0]
    documented = set(re.findall(r"^\| `([^`]+)` \|", tables, re.M))
    fields = {f.path for kind in reference.kinds() for f in kind.fields} | {f.path for f in reference.common_fields()}
    assert documented == fields
    for kind in ALL_KINDS:
        assert f"`{reference.kind_doc(kind).location}`" in tables


def test_the_prose_names_every_markdown_field_and_every_location():
    prose = TEXT.split(BEGIN)[0]
    markdown = {f.key for kind in reference.kinds() for f in kind.fields if f.markdown}
    markdown |= {f.key for f in reference.common_fields() if f.markdown}
    assert {m for m in markdown if f"`{m}`" not in prose} == set()
    for kind in reference.kinds():
        assert kind.location.replace("content/", "") in prose or kind.location in prose, kind.location


def test_a_stale_table_is_noticed():
    stale = TEXT.replace(field_tables(), field_tables().replace("| `tagline` |", "| `slogan` |"))
    assert stale != with_tables(stale)

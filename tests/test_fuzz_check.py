"""Fuzzing the whole check: whatever a file holds, `check_project` answers with located
diagnostics and never raises.

(a) valid entities of every kind, mutated the way people break YAML in a pull request (a field
    dropped or misspelt, a value of the wrong type, an id that does not exist, a key written
    twice, a file cut short), dropped into a valid project;
(b) random text and bytes as a persona file that other files refer to.

Each diagnostic must name a file of the project, with line and column >= 1 inside that file
(at most one line past its end, at most one column past the end of its line).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.catalog.check import check_project
from generator.diagnostics import CODES, ERROR, WARNING, has_errors
from generator.model.registry import SINGLE_KINDS

from .sitebuild import dump_yaml

BASE = Path(__file__).resolve().parent / "valid" / "small-complete"
# PLAYBOOK_FUZZ_EXAMPLES=5000 runs a longer hunt; the default, 2.5 times the Hypothesis profile's
# count (250; make test-fast's "quick" profile: 62), keeps the whole module near 5 s.
FUZZ = settings(
    max_examples=int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", str(settings.default.max_examples * 5 // 2))),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# One valid entity of every kind, using the ids of tests/valid/small-complete.
ENTITIES: dict[str, tuple[str, dict]] = {
    "company": (
        "content/company.yml",
        {
            "name": "Packwell",
            "tagline": "Lines that pay for themselves",
            "website": "https://packwell.example",
            "support_model": [
                {"function": "service", "supports": "Plant maintenance", "description": "24/7 *hotline*"}
            ],
        },
    ),
    "process": (
        "content/process.yml",
        {
            "name": "Sales process",
            "stages": [
                {
                    "id": "discover",
                    "name": "Discover",
                    "buyer_stage": "interest",
                    "team": ["account-executive"],
                    "assets": ["first-meeting-deck"],
                    "exit_criteria": ["Pain confirmed"],
                },
                {"id": "prove", "name": "Prove", "buyer_stage": "evaluation", "assets": ["flexline-datasheet"]},
            ],
        },
    ),
    "leads": (
        "content/leads.yml",
        {
            "definitions": [{"id": "mql", "name": "MQL", "criteria": ["Fits the segment"], "sla_hours": 48}],
            "scoring": {"fit": [{"signal": "Food producer", "points": 20}], "engagement": [], "threshold": 50},
            "nurture": [
                {
                    "id": "t",
                    "name": "Track",
                    "segments": ["dairy"],
                    "personas": ["cfo"],
                    "assets": ["first-meeting-deck"],
                }
            ],
        },
    ),
    "team": (
        "content/team.yml",
        {
            "roles": [
                {
                    "id": "account-executive",
                    "name": "Account executive",
                    "responsibilities": ["Owns the deal"],
                    "engages": ["cfo"],
                }
            ],
        },
    ),
    "segments": (
        "content/segments/fuzz.yml",
        {
            "name": "Fuzz segment",
            "summary": "A segment",
            "priority": 2,
            "tags": ["a", "b"],
            "review_by": "2999-01-01",
            "fit": {"market_attractiveness": 3, "competitive_position": 4, "capability_fit": 5},
            "market": {"accounts": 10, "size": 1000.5, "currency": "EUR", "growth": 0.1},
            "firmographics": {"industries": ["Dairy"], "employees": "200+", "regions": ["DACH"]},
            "pains": ["Downtime"],
            "deal_type": "o2o",
            "sales_cycle_days": 90,
            "average_deal": 250000,
            "buying_committee": [
                {
                    "persona": "cfo",
                    "role": "economic_buyer",
                    "influence": "high",
                    "wins": ["Payback"],
                    "engaged_by": ["account-executive"],
                }
            ],
            "competitors": ["velmora"],
            "products": ["flexline"],
        },
    ),
    "personas": (
        "content/personas/fuzz.yml",
        {
            "name": "Fuzz persona",
            "titles": ["Head of fuzz"],
            "department": "Finance",
            "default_role": "champion",
            "reports_to": "cfo",
            "goals": ["Growth"],
            "objections": [{"objection": "Too dear", "response": "**No**", "assets": ["flexline-datasheet"]}],
            "messaging": "Talk *value*.",
            "internal": {"notes": "secret", "pricing": ["List 10"]},
        },
    ),
    "value-propositions": (
        "content/value-propositions/fuzz.yml",
        {
            "name": "Fuzz value",
            "statement": "Better",
            "segments": ["dairy"],
            "personas": ["cfo"],
            "products": ["flexline"],
            "proof_points": [{"claim": "12 % less film", "assets": ["flexline-datasheet"]}],
            "before_scenarios": ["Manual"],
        },
    ),
    "products": (
        "content/products/fuzz.yml",
        {"name": "Fuzz product", "capabilities": ["Wraps"], "url": "https://x.example/p"},
    ),
    "assets": (
        "content/assets/fuzz.yml",
        {
            "name": "Fuzz asset",
            "type": "one_pager",
            "url": "https://x.example/a",
            "segments": ["dairy"],
            "personas": ["cfo"],
            "value_propositions": ["lower-cost"],
            "competitors": ["velmora"],
            "products": ["flexline"],
            "stages": ["prove"],
            "language": "de-CH",
        },
    ),
    "assets (file)": (
        "content/assets/fuzz-file.yml",
        {
            "name": "Fuzz attachment",
            "type": "datasheet",
            "file": "files/flexline-datasheet.pdf",
            "personas": ["cfo"],
            "body": "Dear {first_name}, *see* the datasheet.",
        },
    ),
    "competitors": (
        "content/competitors/fuzz.yml",
        {
            "name": "Fuzz competitor",
            "website": "https://rival.example",
            "strengths": ["Cheap"],
            "landmines": ["Ask about service"],
            "objections": [{"objection": "They are cheaper", "assets": ["first-meeting-deck"]}],
            "segments": ["dairy"],
        },
    ),
    "insights": (
        "content/insights/fuzz.yml",
        {
            "name": "Fuzz insight",
            "date": "2026-03-12",
            "author": "J. Doe",
            "type": "loss",
            "observation": "Lost on *price*.",
            "segments": ["dairy"],
            "personas": ["cfo"],
            "competitors": ["velmora"],
        },
    ),
    "playbooks": (
        "playbooks/fuzz.yml",
        {
            "name": "Fuzz playbook",
            "motion": "expansion",
            "segments": ["dairy"],
            "personas": ["cfo"],
            "plays": [
                {
                    "stage": "discover",
                    "name": "Meet",
                    "owner": "account-executive",
                    "with": ["cfo"],
                    "actions": ["Call"],
                    "talk_track": "Say *hi*",
                    "assets": ["first-meeting-deck"],
                }
            ],
        },
    ),
}


def dump(data) -> str:
    return dump_yaml(data, default_flow_style=False, width=1000)


def run_project(files: dict[str, str | bytes]) -> tuple[Path, list]:
    """Copy the valid base project into a fresh temporary folder, add `files`, and check it."""
    tmp = tempfile.TemporaryDirectory()
    try:
        root = Path(tmp.name) / "project"
        shutil.copytree(BASE, root)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        diagnostics = check_project(root).diagnostics
        assert_located(root, diagnostics)
        return root, diagnostics
    finally:
        tmp.cleanup()


_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")


def assert_located(root: Path, diagnostics: list) -> None:
    for d in diagnostics:
        assert d.severity in (ERROR, WARNING), d
        assert d.code in CODES, d
        assert d.message and "\n" not in d.message, d
        assert not Path(d.file).is_absolute() and ".." not in Path(d.file).parts, d
        path = root / d.file
        assert path.is_file(), d
        text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
        assert d.line >= 1 and d.column >= 1, d
        # Lines as an editor shows them. Two loader bugs once located problems in libyaml's lines
        # instead (a lone CR; U+0085/U+2028/U+2029 at the end of a file); both are fixed and
        # pinned by the tests below. The two fallbacks stay until a long fuzz run shows they
        # are never taken, so that this randomised test cannot fail CI on an old, known shape.
        assert _inside(d, _EDITOR_BREAK.split(text)) or _inside(d, text.split("\n")) or _inside(d, text.splitlines()), (
            d,
            text[:200],
        )


def _inside(d, lines: list[str]) -> bool:
    if lines and lines[-1] == "":
        lines.pop()
    if d.line > len(lines) + 1:
        return False
    return d.line == len(lines) + 1 or d.column <= len(lines[d.line - 1]) + 1


def test_positions_after_a_lone_carriage_return():
    _, diagnostics = run_project({"content/personas/fuzz.yml": "name: CFO\rsummary: a\x08b\r"})
    [d] = [d for d in diagnostics if d.file == "content/personas/fuzz.yml"]
    assert (d.code, d.line, d.column) == ("E102", 2, 11)


def test_position_at_the_end_of_a_file_with_a_unicode_line_separator():
    _, diagnostics = run_project({"content/personas/fuzz.yml": "name: a\u2028b: ["})
    [d] = [d for d in diagnostics if d.file == "content/personas/fuzz.yml"]
    assert d.code == "E100" and d.line <= 2


# ---------------------------------------------------------------------------------------------
# The starting point is valid


@pytest.mark.parametrize("kind", sorted(ENTITIES))
def test_each_unmutated_entity_checks_without_errors(kind):
    rel, data = ENTITIES[kind]
    _, diagnostics = run_project({rel: dump(data)})
    assert not has_errors(diagnostics), [str(d) for d in diagnostics]


# ---------------------------------------------------------------------------------------------
# Strategies


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        ["yes", "no", "on", "off", "~", "null", "0x1F", "1_000", "1e3", "2026-02-30", "12:30", "<<", "=", ""]
    ),
    st.sampled_from(
        ["../../../etc/passwd", "/etc/passwd", "files", ".", "a" * 300, "x/" * 2000, "a\0b", "ftp://x", "javascript:x"]
    ),
    st.dates(),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)
ids = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,15}\Z") | st.text(max_size=12)


def _slots(data, path=()):
    """(container, key or index, path) for every value in the nested data."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield data, key, path + (key,)
            yield from _slots(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield data, index, path + (index,)
            yield from _slots(value, path + (index,))


def _typo(draw, word: str) -> str:
    if not word:
        return draw(st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=8))
    i = draw(st.integers(0, len(word) - 1))
    how = draw(st.sampled_from(["drop", "double", "swap", "replace", "case", "random"]))
    if how == "drop":
        return word[:i] + word[i + 1 :]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    if how == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if how == "case":
        return word.upper()
    if how == "random":
        return draw(st.text(max_size=10))
    return word[:i] + draw(st.sampled_from(string.ascii_lowercase + "-_ ")) + word[i + 1 :]


def _other_type(value, candidate) -> bool:
    return type(value) is not type(candidate)


def drop_field(draw, data):
    entries = [(c, k) for c, k, _ in _slots(data) if isinstance(c, dict)]
    if entries:
        container, key = draw(st.sampled_from(entries))
        del container[key]
    return data


def rename_key(draw, data):
    entries = [(c, k) for c, k, _ in _slots(data) if isinstance(c, dict)]
    if entries:
        container, key = draw(st.sampled_from(entries))
        new = _typo(draw, key)
        if new not in container:
            container[new] = container.pop(key)
    return data


def replace_value(draw, data):
    entries = [(c, k) for c, k, _ in _slots(data)]
    if entries:
        container, key = draw(st.sampled_from(entries))
        old = container[key]
        container[key] = draw(yaml_values.filter(lambda v: _other_type(old, v)))
    return data


def unknown_id(draw, data):
    lists = [(c, k) for c, k, _ in _slots(data) if isinstance(c[k], list) and all(isinstance(x, str) for x in c[k])]
    scalar_refs = [(c, k) for c, k, _ in _slots(data) if k in ("persona", "stage", "owner", "reports_to")]
    choice = draw(st.sampled_from(lists + scalar_refs)) if lists or scalar_refs else None
    if choice is not None:
        container, key = choice
        new = draw(st.one_of(ids, st.sampled_from(["cf0", "dairy-", "prove ", "Account-Executive"])))
        if isinstance(container[key], list):
            container[key].insert(draw(st.integers(0, len(container[key]))), new)
        else:
            container[key] = new
    return data


DATA_MUTATIONS = [drop_field, rename_key, replace_value, unknown_id]
REFERENCE_LISTS = {
    "segments",
    "personas",
    "value_propositions",
    "products",
    "assets",
    "competitors",
    "stages",
    "team",
    "engaged_by",
    "engages",
    "with",
}
_KEY_LINE = re.compile(r"^( *)(- )?([^\s:#'\"][^:\n]*):( |$)", re.MULTILINE)


def duplicate_key(draw, text: str) -> str:
    found = list(_KEY_LINE.finditer(text))
    if not found:
        return text
    m = draw(st.sampled_from(found))
    indent = " " * (len(m.group(1)) + (2 if m.group(2) else 0))
    value = draw(st.sampled_from(["again", "1", "[a, b]", "", "{x: 1}"]))
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end == -1 else line_end + 1
    return text[:line_end] + f"{indent}{m.group(3)}: {value}\n" + text[line_end:]


def truncate(draw, text: str) -> str:
    return text[: draw(st.integers(0, len(text)))]


@st.composite
def mutated_entities(draw):
    kind = draw(st.sampled_from(sorted(ENTITIES)))
    rel, valid = ENTITIES[kind]
    data = copy.deepcopy(valid)
    for mutation in draw(st.lists(st.sampled_from(DATA_MUTATIONS), max_size=3)):
        data = mutation(draw, data)
    text = dump(data)
    if draw(st.booleans()):
        text = duplicate_key(draw, text)
    if draw(st.integers(0, 4)) == 0:
        text = truncate(draw, text)
    return kind, rel, text


# ---------------------------------------------------------------------------------------------
# (a) mutated valid entities


@FUZZ
@given(mutated_entities())
def test_check_answers_every_mutated_entity(case):
    kind, rel, text = case
    run_project({rel: text})


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(ENTITIES)), st.data())
def test_a_dropped_required_field_is_always_reported(kind, data):
    rel, valid = ENTITIES[kind]
    assume(kind not in SINGLE_KINDS or kind == "company")  # process, leads and team need no name
    entity = copy.deepcopy(valid)
    required = ["name"] + (["date", "observation"] if kind == "insights" else [])
    missing = data.draw(st.sampled_from(required))
    del entity[missing]
    _, diagnostics = run_project({rel: dump(entity)})
    assert [d.code for d in diagnostics if d.file == rel] == ["E201"]
    assert f"missing required field '{missing}'" in [d for d in diagnostics if d.file == rel][0].message


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(k for k in ENTITIES if k not in SINGLE_KINDS)), st.data())
def test_an_unknown_id_in_a_reference_list_is_reported_where_it_is(kind, data):
    rel, valid = ENTITIES[kind]
    entity = copy.deepcopy(valid)
    lists = [(c, k, p) for c, k, p in _slots(entity) if p[-1] in REFERENCE_LISTS]
    assume(lists)
    container, key, _ = data.draw(st.sampled_from(lists))
    container[key].append("zz-no-such-id")
    text = dump(entity)
    _, diagnostics = run_project({rel: text})
    found = [d for d in diagnostics if d.code == "E204"]
    assert len(found) == 1, [str(d) for d in diagnostics]
    d = found[0]
    assert d.file == rel and "'zz-no-such-id'" in d.message
    assert text.splitlines()[d.line - 1][d.column - 1 :].startswith("zz-no-such-id")


# ---------------------------------------------------------------------------------------------
# (b) random YAML text as a persona file


_FRAGMENTS = [
    "name: ",
    "summary: ",
    "titles:",
    "goals: ",
    "objections:",
    "- ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    ":",
    "? ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "!!python/object:os.system ",
    "!!binary ",
    "!local ",
    "|",
    ">-",
    "'",
    '"',
    "# note",
    "---",
    "...",
    "%YAML 1.1",
    "\\",
    "CFO",
    "cfo",
    "2026-02-30",
    "0x1F",
    "1e3",
    "yes",
    "~",
    "é",
    "\u2028",
    "\x85",
    "\ufeff",
    "\x00",
    "\x07",
    "😀",
]
yamlish = st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=5), max_size=40).map("".join)
persona_files = st.one_of(yamlish, st.text(max_size=200), st.binary(max_size=200), yaml_values.map(dump))


@FUZZ
@given(persona_files)
def test_check_answers_any_persona_file(content):
    _, diagnostics = run_project(
        {
            "content/personas/fuzz.yml": content,
            "content/segments/fuzz-seg.yml": "name: S\nbuying_committee:\n  - {persona: fuzz, role: champion}\n",
        }
    )
    # The persona's own problems never cascade: the id exists, whatever its file holds.
    assert not [d for d in diagnostics if d.code == "E204"], [str(d) for d in diagnostics]

"""The seller search index: one record per thing a seller looks for, not one per page.

An objection (its answer as the snippet), a discovery question, a value proposition, a proof
point, a play and an asset each get their own record pointing at the right anchor, so a query
phrased the way a buyer talks lands on the answer. Section, list and maintainer pages are left
out; the maintainer pages of the internal edition come back only when a query names them
(the client script decides that from the record's kind).

The records are built from the audience-filtered catalog, like every page of the edition, so a
partner or public index cannot hold what its pages may not show. The client script
(site_templates/assets/search-worker.js) tokenises, ranks and shows them; the words it shows
for each kind live there too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from generator.catalog import relations as rel
from generator.catalog.catalog import Catalog
from generator.model.kinds import Segment
from generator.site.guides import sections as guide_sections
from generator.site.pages import UPKEEP, brief_path, entity_path, page_url, section_name
from generator.site.render import labels

FORMAT = 1
BODY_CHARS = 400  # searchable text kept per record: enough for the words that matter, not whole pages
SNIPPET_CHARS = 220  # what a result shows under its title

# Material's search configuration: its highlighter reads it on the page a result opens.
MATERIAL_CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]}


@dataclass
class Record:
    kind: str  # objection, question, persona, ... (the client turns it into a badge)
    page: str  # the page's path in the site, e.g. "personas/cfo.md"
    anchor: str  # "" for the page itself
    title: str
    snippet: str = ""
    aliases: list[str] = field(default_factory=list)  # boosted: persona titles, industries, ...
    context: str = ""  # heading-level words: the persona an objection belongs to, a play's stage
    body: str = ""
    facets: list[str] = field(default_factory=list)  # shown as tags beside the badge


def plain(text: str | None) -> str:
    """Marketing's Markdown as one line of plain text, for snippets and matching."""
    if not text:
        return ""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(text))  # links keep their words
    text = re.sub(r"[*_`#>|]+", "", text)
    return " ".join(text.split())


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _join(*parts) -> str:
    words: list[str] = []
    for part in parts:
        if isinstance(part, (list, tuple)):
            words.extend(str(p) for p in part if p)
        elif part:
            words.append(str(part))
    return " ".join(words)


# --- records per kind ---------------------------------------------------------------------------


def _objections(kind_path: str, owner, facets: list[str]) -> list[Record]:
    return [
        Record(
            "objection",
            kind_path,
            f"objection-{n}",
            o.objection,
            _cut(plain(o.response), SNIPPET_CHARS),
            context=owner.name,
            body=plain(o.response),
            facets=facets,
        )
        for n, o in enumerate(owner.objections, 1)
    ]


def _persona(catalog: Catalog, p) -> list[Record]:
    path = entity_path("personas", p.id)
    records = [
        Record(
            "persona",
            path,
            "",
            p.name,
            p.summary or "",
            aliases=list(p.titles),
            context=p.department or "",
            body=_join(p.goals, p.pains, p.wins),
        )
    ]
    records += _objections(path, p, [p.name])
    records += [
        Record(
            "question",
            path,
            f"question-{n}",
            q,
            f"Discovery question for the {p.name}",
            context=p.name,
            facets=[p.name],
        )
        for n, q in enumerate(p.discovery_questions, 1)
    ]
    return records


def _competitor(catalog: Catalog, c) -> list[Record]:
    path = entity_path("competitors", c.id)
    records = [
        Record(
            "battlecard",
            path,
            "",
            c.name,
            c.summary or "",
            body=_join(c.strengths, c.weaknesses, c.why_we_win, c.landmines),
        )
    ]
    return records + _objections(path, c, [c.name])


def _value_proposition(catalog: Catalog, vp) -> list[Record]:
    path = entity_path("value-propositions", vp.id)
    records = [
        Record(
            "value-proposition",
            path,
            "",
            vp.name,
            vp.statement or vp.summary or "",
            body=_join(vp.summary, vp.pains_relieved, vp.gains_created, vp.differentiators, vp.metrics),
        )
    ]
    records += [
        Record("proof", path, f"proof-{n}", pp.claim, f"Proof for {vp.name}", context=vp.name, facets=[vp.name])
        for n, pp in enumerate(vp.proof_points, 1)
    ]
    return records


def _segment(catalog: Catalog, s) -> list[Record]:
    industries = list(s.firmographics.industries) if s.firmographics else []
    return [
        Record(
            "segment",
            entity_path("segments", s.id),
            "",
            s.name,
            s.summary or "",
            aliases=industries,
            body=_join(s.pains, s.triggers),
        )
    ]


def _asset(catalog: Catalog, a) -> list[Record]:
    return [
        Record(
            "asset",
            entity_path("assets", a.id),
            "",
            a.name,
            a.summary or _cut(plain(a.body), SNIPPET_CHARS),
            context=a.type.replace("_", " "),
            body=_join(plain(a.description), plain(a.body)),
            facets=[a.type],
        )
    ]


def _playbook(catalog: Catalog, pb) -> list[Record]:
    path = entity_path("playbooks", pb.id)
    records = [Record("playbook", path, "", pb.name, pb.summary or "", body=plain(pb.description))]
    for n, play in enumerate(pb.plays, 1):
        stage = catalog.get("stages", play.stage)
        records.append(
            Record(
                "play",
                path,
                f"play-{n}",
                play.name,
                play.objective or "",
                context=_join(pb.name, stage.name if stage else ""),
                body=_join(play.actions, play.questions, plain(play.talk_track)),
                facets=[pb.name],
            )
        )
    return records


def _simple(kind: str, label: str):
    def records(catalog: Catalog, e) -> list[Record]:
        text = e.summary or _cut(plain(getattr(e, "observation", None) or e.description), SNIPPET_CHARS)
        body = _join(plain(e.description), plain(getattr(e, "observation", None)), getattr(e, "capabilities", []))
        return [Record(label, entity_path(kind, e.id), "", e.name, text, body=body)]

    return records


def _page(catalog: Catalog, p) -> list[Record]:
    """A guide by its title, summary and opening text, and each of its `## ` sections on its own."""
    path = entity_path("pages", p.id)
    parts = guide_sections(p.name, p.body)
    opening = plain(parts[0].text) if parts and not parts[0].title else ""
    records = [
        Record("guide", path, "", p.name, p.summary or _cut(opening, SNIPPET_CHARS), aliases=list(p.tags), body=opening)
    ]
    for section in (s for s in parts if s.title):
        text = plain(section.text)
        records.append(
            Record(
                "guide",
                path,
                section.anchor,
                section.title,
                _cut(text, SNIPPET_CHARS),
                context=p.name,
                body=text,
                facets=[p.name],
            )
        )
    return records


ENTITY_RECORDS = {
    "segments": _segment,
    "personas": _persona,
    "value-propositions": _value_proposition,
    "products": _simple("products", "product"),
    "assets": _asset,
    "competitors": _competitor,
    "insights": _simple("insights", "insight"),
    "playbooks": _playbook,
    "pages": _page,
}


def _briefs(catalog: Catalog) -> list[Record]:
    records = []
    for segment in catalog.of(Segment):
        for seat in rel.seats(catalog, segment):
            p = seat.persona
            records.append(
                Record(
                    "brief",
                    brief_path(segment.id, p.id),
                    "",
                    f"Brief: {p.name} in {segment.name}",
                    f"Call preparation for meeting the {p.name} in {segment.name}.",
                    context=_join(p.name, segment.name),
                    body=_join(p.titles),
                    facets=[segment.name],
                )
            )
    return records


def _process_and_team(catalog: Catalog) -> list[Record]:
    records = []
    process, team = catalog.process, catalog.team
    for stage in process.stages if process else []:
        records.append(
            Record(
                "stage",
                "process.md",
                stage.id,
                stage.name,
                _join(stage.exit_criteria[:1]),
                body=_join(stage.buyer_activities, stage.seller_activities, stage.exit_criteria),
            )
        )
    for role in team.roles if team else []:
        records.append(
            Record(
                "role",
                "team.md",
                role.id,
                role.name,
                _join(role.responsibilities[:1]),
                body=_join(role.responsibilities),
            )
        )
    return records


def _upkeep(audience: str) -> list[Record]:
    """Maintainer pages, for the internal edition only; the client shows them only when named."""
    if audience != "internal":
        return []
    sections = labels()["sections"]
    return [
        Record("upkeep", path, "", sections[section_name(path)]["title"], sections[section_name(path)]["description"])
        for path, _editions in UPKEEP
    ]


def records(catalog: Catalog, audience: str) -> list[Record]:
    """Every seller-search record of one edition, in a stable order."""
    found = []
    for kind, make in ENTITY_RECORDS.items():
        for entity in catalog.all(kind):
            found.extend(make(catalog, entity))
    return found + _briefs(catalog) + _process_and_team(catalog) + _upkeep(audience)


# --- the glossary -----------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, accents off, words separated by one space (the client does the same)."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def glossary_groups(catalog: Catalog) -> list[list[str]]:
    """Each glossary entry as the normalised forms search treats as one: term, expansion, synonyms."""
    company = catalog.company
    groups = []
    for entry in company.glossary if company else []:
        forms = [normalise(f) for f in (entry.term, entry.expansion, *entry.synonyms) if f]
        forms = list(dict.fromkeys(f for f in forms if f))
        if len(forms) > 1:
            groups.append(forms)
    return groups


def _expand(text: str, groups: list[list[str]]) -> str:
    """The text plus, for each glossary form it contains, the other forms of the same entry."""
    if not text or not groups:
        return text
    padded = f" {normalise(text)} "
    extra = [
        other
        for forms in groups
        if any(f" {f} " in padded for f in forms)
        for other in forms
        if f" {other} " not in padded
    ]
    return text + (" " + " ".join(extra) if extra else "")


# --- the document the client loads ----------------------------------------------------------------------


def index_document(catalog: Catalog, audience: str, directory_urls: bool, titles: dict[str, str]) -> dict:
    """The search index: Material's `config`, and our records as `docs` (only our worker reads them).

    `docs` is compact: `pages` lists [url, title] once; each record is
    [kind, page number, anchor, title, snippet, aliases, context, body, facets]."""
    groups = glossary_groups(catalog)
    pages: dict[str, int] = {}
    rows = []
    for r in records(catalog, audience):
        if r.page not in titles:
            continue  # a page the edition does not build
        number = pages.setdefault(r.page, len(pages))
        # A glossary form in the title makes the other forms aliases: "RTO" finds "Recovery time objective".
        title_forms = _expand(r.title, groups)[len(r.title) :].strip()
        aliases = _expand(" · ".join([*r.aliases, title_forms] if title_forms else r.aliases), groups)
        rows.append(
            [
                r.kind,
                number,
                r.anchor,
                r.title,
                r.snippet,
                aliases,
                _expand(r.context, groups),
                _expand(_cut(r.body, BODY_CHARS), groups),
                r.facets,
            ]
        )
    return {
        "config": MATERIAL_CONFIG,
        "docs": {
            "format": FORMAT,
            "pages": [[page_url(path, directory_urls), titles[path]] for path in pages],
            "records": rows,
        },
    }

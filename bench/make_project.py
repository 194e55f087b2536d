#!/usr/bin/env python3
"""Write a deterministic synthetic playbook project of any size, for benchmarks and tests.

    python bench/make_project.py OUT_DIR [--scale 1.0] [--seed 7] [--force]

or, from Python::

    from make_project import make_project
    counts = make_project(Path("/tmp/pb"), scale=0.02, seed=7)

At scale 1 the project holds about 40 segments (buying committees of 8), 30 personas,
150 value propositions, 10 products, 2,500 assets, 30 competitors, 800 insights and
12 playbooks of 25 plays, plus company.yml, process.yml (8 stages), leads.yml and team.yml
(8 roles). Counts scale linearly (at least one of each kind); committee size, plays per
playbook, stages and roles stay fixed.

The content is valid under shared/FORMAT.md: every reference points to an existing id, every
enum value is allowed, every buying-committee member is covered by a value proposition, and
every review_by date lies in 2028 or later, so `playbook check --strict` should report nothing.

Same arguments give byte-identical output: one random.Random(seed), fixed iteration order,
no clock, no hashing of strings. Standard library only; the YAML text is written directly
(plain scalars where that is provably safe, JSON-quoted strings otherwise, literal blocks for
Markdown).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Sizes

BASE_COUNTS: dict[str, int] = {
    "segments": 40,
    "personas": 30,
    "value_propositions": 150,
    "products": 10,
    "assets": 2500,
    "competitors": 30,
    "insights": 800,
    "playbooks": 12,
}
COMMITTEE_SIZE = 8
PLAYS_PER_PLAYBOOK = 25

# (kind, folder, id prefix, minimum digits)
KINDS: list[tuple[str, str, str, int]] = [
    ("segments", "content/segments", "segment", 3),
    ("personas", "content/personas", "persona", 3),
    ("value_propositions", "content/value-propositions", "vp", 4),
    ("products", "content/products", "product", 3),
    ("assets", "content/assets", "asset", 4),
    ("competitors", "content/competitors", "competitor", 3),
    ("insights", "content/insights", "insight", 4),
    ("playbooks", "playbooks", "playbook", 3),
]

MKDOCS_YML = """site_name: Synthetic playbook
theme:
  name: material
  font: false
plugins:
  - playbook
"""

# --------------------------------------------------------------------------------------------
# Enums from FORMAT.md

BUYING_ROLES = ["economic_buyer", "evaluating_buyer", "user_buyer", "champion", "influencer", "blocker", "gatekeeper"]
INFLUENCE = ["high", "medium", "low"]
ASSET_TYPES = [
    "case_study",
    "one_pager",
    "deck",
    "battlecard",
    "email_template",
    "call_script",
    "demo",
    "roi_calculator",
    "whitepaper",
    "proposal_template",
    "video",
    "datasheet",
    "other",
]
ASSET_TYPE_WEIGHTS = [14, 12, 10, 6, 12, 8, 5, 4, 7, 4, 7, 9, 2]
ASSET_TYPE_LABELS = {
    "case_study": "Case study",
    "one_pager": "One-pager",
    "deck": "Deck",
    "battlecard": "Battlecard",
    "email_template": "E-mail template",
    "call_script": "Call script",
    "demo": "Demo",
    "roi_calculator": "ROI calculator",
    "whitepaper": "Whitepaper",
    "proposal_template": "Proposal template",
    "video": "Video",
    "datasheet": "Datasheet",
    "other": "Field note",
}
ASSET_EXTENSIONS = {
    "case_study": "pdf",
    "one_pager": "pdf",
    "deck": "pptx",
    "battlecard": "pdf",
    "demo": "html",
    "roi_calculator": "xlsx",
    "whitepaper": "pdf",
    "proposal_template": "docx",
    "video": "mp4",
    "datasheet": "pdf",
    "other": "pdf",
    "email_template": "html",
    "call_script": "pdf",
}
INSIGHT_TYPES = ["pain", "trend", "objection", "competitor", "win", "loss", "decision_role"]
MOTIONS = ["new_logo", "expansion", "renewal", "competitive_displacement", "partner_led"]
SUPPORT_FUNCTIONS = ["lead_generation", "sales", "service", "corporate", "marketing", "product"]

# --------------------------------------------------------------------------------------------
# Fixed structure: sales process stages and team roles

STAGES = [  # (id, name, buyer_stage, lead role)
    ("target", "Target", "awareness", "marketing-manager"),
    ("engage", "Engage", "interest", "sales-development-rep"),
    ("discover", "Discover", "interest", "account-executive"),
    ("demonstrate", "Demonstrate", "evaluation", "solutions-engineer"),
    ("propose", "Propose", "decision", "account-executive"),
    ("close", "Close", "purchase", "sales-manager"),
    ("onboard", "Onboard", "adoption", "customer-success-manager"),
    ("expand", "Expand", "advocacy", "customer-success-manager"),
]
STAGE_IDS = [s[0] for s in STAGES]

ROLES = [  # (id, name)
    ("sales-development-rep", "Sales development representative"),
    ("account-executive", "Account executive"),
    ("solutions-engineer", "Solutions engineer"),
    ("sales-manager", "Regional sales manager"),
    ("customer-success-manager", "Customer success manager"),
    ("marketing-manager", "Field marketing manager"),
    ("product-specialist", "Product specialist"),
    ("service-engineer", "Service engineer"),
]
ROLE_IDS = [r[0] for r in ROLES]

# --------------------------------------------------------------------------------------------
# Vocabulary: B2B packaging machinery

TAGS = [
    "food-and-beverage",
    "pharma",
    "personal-care",
    "retrofit",
    "sustainability",
    "automation",
    "service",
    "end-of-line",
    "primary-packaging",
    "secondary-packaging",
    "oee",
    "changeover",
    "compliance",
    "digital",
    "spare-parts",
    "financing",
    "emea",
    "americas",
    "apac",
    "competitive",
]

MACHINES = [
    "case packer",
    "tray former",
    "stretch hooder",
    "palletiser",
    "flow wrapper",
    "cartoner",
    "labeller",
    "checkweigher",
    "shrink tunnel",
    "pick-and-place cell",
    "thermoformer",
    "tray sealer",
    "bottle filler",
    "capper",
    "depalletiser",
    "shrink sleever",
    "wrap-around case packer",
    "bag-in-box filler",
    "stretch wrapper",
    "vertical form-fill-seal machine",
    "blister line",
    "multipacker",
]
ASSETS_NOUNS = [
    "format parts",
    "servo drives",
    "the HMI",
    "the line controller",
    "vision inspection",
    "the film splicer",
    "spare parts",
    "the remote service box",
    "the OPC UA interface",
    "hygienic guarding",
    "quick-release tooling",
    "the recipe manager",
    "the reject station",
    "the glue system",
]
METRICS = [
    "line OEE",
    "changeover time",
    "film consumption",
    "energy per pack",
    "unplanned downtime",
    "scrap rate",
    "packs per minute",
    "operator hours per shift",
    "mean time to repair",
    "first-pass yield",
    "corrugate usage",
    "audit findings",
    "time to first good pack",
    "spare-parts lead time",
    "total cost of ownership",
]
ADJECTIVES = [
    "unplanned",
    "manual",
    "recurring",
    "hidden",
    "costly",
    "slow",
    "inconsistent",
    "fragmented",
    "rising",
    "avoidable",
    "late",
    "undocumented",
]
PROBLEMS = [
    "downtime",
    "changeovers",
    "micro-stops",
    "rework",
    "film waste",
    "label errors",
    "line jams",
    "quality escapes",
    "overtime",
    "supplier delays",
    "audit findings",
    "spare-parts shortages",
    "operator turnover",
    "energy costs",
    "SKU proliferation",
]
ACTORS = [
    "Plant managers",
    "Line engineers",
    "Procurement teams",
    "Co-packers",
    "Brand owners",
    "Maintenance leads",
    "Our service engineers",
    "Operators",
    "Quality managers",
    "Finance controllers",
    "Sustainability leads",
    "Production planners",
    "Our account teams",
    "Retail customers",
]
VERBS = [
    "reduce",
    "cut",
    "stabilise",
    "shorten",
    "track",
    "standardise",
    "predict",
    "eliminate",
    "document",
    "benchmark",
    "automate",
    "justify",
    "halve",
    "monitor",
]
VERBS_3RD = [
    "reduces",
    "cuts",
    "stabilises",
    "shortens",
    "tracks",
    "standardises",
    "predicts",
    "removes",
    "documents",
    "benchmarks",
    "automates",
    "justifies",
    "halves",
    "monitors",
]
GERUNDS = [
    "Reducing",
    "Cutting",
    "Stabilising",
    "Shortening",
    "Tracking",
    "Standardising",
    "Predicting",
    "Eliminating",
    "Documenting",
    "Benchmarking",
    "Automating",
    "Halving",
    "Monitoring",
]
QUALIFIERS = [
    "across three shifts",
    "without adding headcount",
    "within the first 90 days",
    "before the next retailer audit",
    "at every SKU change",
    "on brownfield lines",
    "during peak season",
    "across all plants in the region",
    "with the existing crew",
    "while keeping the footprint",
    "under a fixed capex budget",
    "from the first production week",
    "for every format on the line",
    "with recyclable mono-material film",
    "in washdown areas",
]
CONNECTORS = ["while", "because", "so that", "even when", "and as a result", "whereas", "which means"]
EVENTS = [
    "a new retailer listing arrives",
    "the line changes format",
    "a key operator leaves",
    "energy prices rise again",
    "the auditor asks for traceability data",
    "a competitor undercuts on price",
    "the plant adds a third shift",
    "a recyclability target is announced",
    "the old machine fails its safety check",
    "the capex window opens in Q3",
    "a new SKU family launches",
]
INDUSTRIES = [
    "Dairy",
    "Bakery",
    "Confectionery",
    "Beverages",
    "Frozen food",
    "Meat and poultry",
    "Pet food",
    "Pharmaceuticals",
    "Nutraceuticals",
    "Cosmetics",
    "Home care",
    "Fresh produce",
    "Brewing",
    "Coffee and tea",
    "Ready meals",
    "Medical devices",
    "Snacks",
    "Contract packaging",
    "Spirits",
    "Tobacco-free nicotine",
]
SEGMENT_QUALIFIERS = [
    "mid-size",
    "enterprise",
    "family-owned",
    "private-label",
    "multi-site",
    "fast-growing",
    "export-driven",
    "premium",
]
REGIONS = [
    "DACH",
    "Nordics",
    "Benelux",
    "France",
    "Iberia",
    "Italy",
    "UK and Ireland",
    "Poland and Baltics",
    "North America",
    "Mexico",
    "Brazil",
    "Southeast Asia",
    "Australia and New Zealand",
    "Middle East",
    "Türkiye",
]
SENIORITY = ["Head of", "Director of", "VP of", "Manager,", "Lead,", "Chief"]
FUNCTIONS = [
    "Packaging Engineering",
    "Operations",
    "Procurement",
    "Quality Assurance",
    "Maintenance",
    "Supply Chain",
    "Finance",
    "Sustainability",
    "Production",
    "Automation and OT",
    "Health and Safety",
    "Brand Marketing",
    "Plant Management",
    "Continuous Improvement",
]
CHIEF_TITLES = [
    "Chief Operating Officer",
    "Chief Financial Officer",
    "Chief Procurement Officer",
    "Chief Technology Officer",
    "Chief Sustainability Officer",
    "Chief Supply Chain Officer",
]
CHANNELS = [
    "Trade fairs such as interpack and Pack Expo",
    "Peer visits to reference plants",
    "LinkedIn groups on packaging automation",
    "Packaging trade magazines",
    "Supplier webinars on OEE and changeover",
    "Industry association working groups",
    "Recommendations from system integrators",
    "Technical whitepapers and datasheets",
    "Retailer sustainability briefings",
    "Internal engineering stand-ups",
]
PRODUCT_STEMS = [
    "FlexWrap",
    "CasePro",
    "PalletMaster",
    "TrayForm",
    "LabelLine",
    "HoodStar",
    "CartonX",
    "SealTec",
    "VisionCheck",
    "LineLink",
    "PickFlow",
    "ServiceNow+",
    "EcoFilm",
    "ShrinkSmart",
]
COMPETITOR_STEMS = [
    "Vantex",
    "Norder",
    "Calbrio",
    "Steinfeld",
    "Ortega",
    "Maravel",
    "Kestrel",
    "Haldane",
    "Brightpack",
    "Lumora",
    "Quayside",
    "Tervo",
    "Westmark",
    "Ardent",
    "Solveig",
    "Pellucid",
]
COMPETITOR_SUFFIXES = [
    "Packaging",
    "Systems",
    "Automation",
    "Machinery",
    "Pack Solutions",
    "Industrietechnik",
    "Robotics",
]
FIRST_NAMES = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Elif",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Katarzyna",
    "Luca",
    "Maja",
    "Noah",
    "Olga",
    "Pedro",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomás",
    "Ulla",
    "Vikram",
    "Wen",
    "Zoë",
]
LAST_NAMES = [
    "Keller",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Novak",
    "García",
    "Schmidt",
    "Brennan",
    "Rossi",
    "Yilmaz",
    "Tanaka",
    "van Dijk",
    "Kowalski",
    "Haddad",
    "Fischer",
    "Costa",
    "Nilsen",
    "Dubois",
]
TEAMS = [
    "product-marketing@nordhaven.example",
    "sales-enablement@nordhaven.example",
    "Product marketing",
    "Sales enablement",
    "Competitive intelligence",
    "Field marketing DACH",
    "Solutions engineering",
]
CURRENCIES = ["EUR", "EUR", "EUR", "USD", "GBP", "CHF", "SEK"]
LANGUAGES = ["en"] * 14 + ["de", "fr", "es", "it", "nl", "pl", "pt-BR", "en-US"]

# --------------------------------------------------------------------------------------------
# Text


_DANGLING = {
    "a",
    "the",
    "on",
    "with",
    "and",
    "of",
    "to",
    "in",
    "for",
    "around",
    "by",
    "while",
    "because",
    "so",
    "that",
    "even",
    "when",
    "as",
    "which",
    "means",
    "whereas",
    "every",
    "time",
    "at",
    "from",
    "under",
    "during",
    "before",
    "within",
    "without",
    "across",
    "all",
    "need",
    "drops",
    "new",
    "result",
    "our",
    "percent",
}


class Text:
    """Deterministic pseudo-prose from the vocabulary above."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def c(self, seq):
        return seq[self.r.randrange(len(seq))]

    def machine(self) -> str:
        return self.c(MACHINES)

    def obj(self) -> str:
        form = self.r.randrange(5)
        if form == 0:
            return f"{self.c(METRICS)} on the {self.machine()}"
        if form == 1:
            return f"{self.c(ADJECTIVES)} {self.c(PROBLEMS)} around {self.c(ASSETS_NOUNS)}"
        if form == 2:
            return f"{self.c(PROBLEMS)} on {self.machine()} lines"
        if form == 3:
            return f"{self.c(METRICS)} and {self.c(METRICS)}"
        return f"{self.c(ADJECTIVES)} {self.c(PROBLEMS)}"

    def clause(self) -> str:
        form = self.r.randrange(6)
        if form == 0:
            return f"{self.c(ACTORS)} {self.c(VERBS)} {self.obj()} {self.c(QUALIFIERS)}"
        if form == 1:
            return f"the new {self.machine()} {self.c(VERBS_3RD)} {self.obj()}"
        if form == 2:
            return f"{self.c(ACTORS).lower()} need to {self.c(VERBS)} {self.obj()}"
        if form == 3:
            metric, drop = self.c(METRICS), self.r.randint(5, 45)
            return f"{metric} drops by {drop} percent {self.c(QUALIFIERS)}"
        if form == 4:
            return f"every time {self.c(EVENTS)}, {self.c(ADJECTIVES)} {self.c(PROBLEMS)} follow"
        return f"{self.c(ACTORS).lower()} {self.c(VERBS)} {self.obj()}"

    def sentence(self, lo: int = 60, hi: int = 160, end: str = ".") -> str:
        s = self.clause()
        while len(s) < lo:
            more = self.clause()
            s += f" {self.c(CONNECTORS)} {more[0].lower()}{more[1:]}"
        if len(s) > hi - 1:
            s = s[: hi - 1]
            cut = s.rfind(" ")
            if cut > lo * 0.6:
                s = s[:cut]
            words = s.rstrip(" ,").split(" ")
            while len(words) > 4 and words[-1].lower() in _DANGLING:
                words.pop()
            s = " ".join(words).rstrip(" ,")
        return s[0].upper() + s[1:] + end

    def summary(self) -> str:
        return self.sentence(80, 140)

    def item(self) -> str:
        return self.sentence(40, 120)

    def items(self, lo: int = 3, hi: int = 6) -> list[str]:
        return [self.item() for _ in range(self.r.randint(lo, hi))]

    def question(self) -> str:
        form = self.r.randrange(5)
        if form == 0:
            q = f"How do you {self.c(VERBS)} {self.obj()} today"
        elif form == 1:
            q = f"What happens on the line when {self.c(EVENTS)}"
        elif form == 2:
            q = f"Who signs off when {self.obj()} exceed the budget"
        elif form == 3:
            q = f"How much does {self.c(METRICS)} cost you per shift {self.c(QUALIFIERS)}"
        else:
            q = f"Which {self.c(PROBLEMS)} would you remove first if {self.c(EVENTS)}"
        return q[0].upper() + q[1:] + "?"

    def questions(self, lo: int = 3, hi: int = 5) -> list[str]:
        return [self.question() for _ in range(self.r.randint(lo, hi))]

    def emphasise(self, s: str) -> str:
        words = s.split(" ")
        if len(words) > 6 and self.r.random() < 0.5:
            i = self.r.randrange(1, len(words) - 3)
            words[i] = f"**{words[i]}"
            words[i + 1] = f"{words[i + 1]}**"
        return " ".join(words)

    def paragraph(self, lo: int = 200, hi: int = 400) -> str:
        out: list[str] = []
        size = 0
        target = self.r.randint(lo, hi)
        while size < target:
            s = self.emphasise(self.sentence(60, 170))
            if out and size + len(s) > target + 40:
                break
            out.append(s)
            size += len(s) + 1
        return " ".join(out)

    def markdown(self, lo: int = 600, hi: int = 1200, paragraphs: tuple[int, int] = (2, 4)) -> str:
        n = self.r.randint(*paragraphs)
        total = self.r.randint(lo, hi)
        each = max(120, total // n)
        parts = [self.paragraph(int(each * 0.8), each) for _ in range(n)]
        if n >= 3 and self.r.random() < 0.4:
            bullets = "\n".join(f"- {self.item()}" for _ in range(self.r.randint(2, 4)))
            parts.insert(self.r.randrange(1, n), bullets)
        return "\n\n".join(parts) + "\n"

    def short_markdown(self) -> str:
        return self.markdown(250, 600, (1, 2))

    def person(self) -> str:
        return f"{self.c(FIRST_NAMES)} {self.c(LAST_NAMES)}"

    def owner(self) -> str:
        return self.person() if self.r.random() < 0.4 else self.c(TEAMS)

    def topic(self) -> str:
        return f"{self.c(GERUNDS)} {self.obj()}"


# --------------------------------------------------------------------------------------------
# YAML text


class Ids(list):
    """A list of ids, written in flow style: `segments: [segment-001, segment-002]`."""


_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PLAIN_RE = re.compile(r"[A-Za-zÀ-ɏ][A-Za-z0-9À-ɏ _.,;'()%/&+?!€–-]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def _scalar(v) -> str:
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, str):
        if _PLAIN_RE.fullmatch(v) and not v.endswith(" ") and "  " not in v and v.lower() not in _RESERVED:
            return v
        return json.dumps(v, ensure_ascii=False)
    raise TypeError(f"cannot write {type(v).__name__} as YAML")


def _id(v: str) -> str:
    if _ID_RE.match(v) and not v[0].isdigit() and v not in _RESERVED:
        return v
    return json.dumps(v)


def _block_ok(text: str) -> bool:
    lines = text.rstrip("\n").split("\n")
    return (
        text.endswith("\n")
        and not text.endswith("\n\n")
        and bool(lines[0])
        and all(not ln.startswith((" ", "\t")) and not ln.endswith((" ", "\t")) and "\r" not in ln for ln in lines)
    )


def _block(head: str, text: str, indent: int, out: list[str]) -> None:
    if not _block_ok(text):
        out.append(f"{head} {json.dumps(text, ensure_ascii=False)}")
        return
    out.append(f"{head} |")
    pad = " " * indent
    out.extend(f"{pad}{ln}" if ln else "" for ln in text[:-1].split("\n"))


def _emit_map(d: dict, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for k, v in d.items():
        if isinstance(v, dict):
            if v:
                out.append(f"{pad}{k}:")
                _emit_map(v, indent + 2, out)
            else:
                out.append(f"{pad}{k}: {{}}")
        elif isinstance(v, Ids) or (isinstance(v, list) and not v):
            out.append(f"{pad}{k}: [{', '.join(_id(x) for x in v)}]")
        elif isinstance(v, list):
            out.append(f"{pad}{k}:")
            _emit_seq(v, indent + 2, out)
        elif isinstance(v, str) and "\n" in v:
            _block(f"{pad}{k}:", v, indent + 2, out)
        else:
            out.append(f"{pad}{k}: {_scalar(v)}")


def _emit_seq(items: list, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            sub: list[str] = []
            _emit_map(item, indent + 2, sub)
            sub[0] = f"{pad}- {sub[0][indent + 2 :]}"
            out.extend(sub)
        elif isinstance(item, str) and "\n" in item:
            _block(f"{pad}-", item, indent + 2, out)
        elif isinstance(item, (list, Ids)):
            out.append(f"{pad}- [{', '.join(_id(x) for x in item)}]")
        else:
            out.append(f"{pad}- {_scalar(item)}")


def to_yaml(data: dict, header: str = "") -> str:
    out: list[str] = [f"# {header}"] if header else []
    _emit_map(data, 0, out)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# The project


def scaled_counts(scale: float) -> dict[str, int]:
    if not 0 < scale <= 1000:
        raise ValueError("scale must be a number above 0 and at most 1000")
    return {k: max(1, round(n * scale)) for k, n in BASE_COUNTS.items()}


def _ids(prefix: str, width: int, n: int) -> list[str]:
    width = max(width, len(str(n)))
    return [f"{prefix}-{i:0{width}d}" for i in range(1, n + 1)]


def _unique_names(rng: random.Random, pool: list[str], n: int) -> list[str]:
    pool = list(pool)
    rng.shuffle(pool)
    return [pool[i % len(pool)] + ("" if i < len(pool) else f" {i // len(pool) + 1}") for i in range(n)]


class _Builder:
    def __init__(self, scale: float, seed: int) -> None:
        self.r = random.Random(seed)
        self.t = Text(self.r)
        self.counts = scaled_counts(scale)
        self.ids = {kind: _ids(prefix, width, self.counts[kind]) for kind, _folder, prefix, width in KINDS}
        self.files: dict[str, dict] = {}

    # helpers ----------------------------------------------------------------------------

    def sample(self, seq: list, lo: int, hi: int) -> list:
        k = min(len(seq), self.r.randint(lo, hi))
        return self.r.sample(seq, k)

    def ids_of(self, seq) -> Ids:
        return Ids(sorted(set(seq)))

    def dates(self) -> tuple[date, date]:
        reviewed = date(2025, 1, 2) + timedelta(days=self.r.randrange(300))
        review_by = date(2028, 1, 1) + timedelta(days=self.r.randrange(720))
        return reviewed, review_by

    def common(
        self, name: str, *, internal: tuple[str, ...] = ("notes",), internal_share: float = 0.3
    ) -> tuple[dict, dict]:
        """Common fields, split so that `internal` can be added at the end of the file."""
        reviewed, review_by = self.dates()
        head: dict = {"name": name, "summary": self.t.summary(), "owner": self.t.owner()}
        roll = self.r.random()
        if roll < 0.12:
            head["audience"] = "public"
        elif roll < 0.27:
            head["audience"] = "partner"
        elif roll < 0.65:
            head["audience"] = "internal"
        # otherwise left out: the default is internal
        head["tags"] = sorted(self.sample(TAGS, 1, 4))
        head["reviewed"] = reviewed
        head["review_by"] = review_by
        head["description"] = self.t.markdown()
        tail: dict = {}
        if self.r.random() < internal_share:
            block: dict = {}
            if "notes" in internal:
                block["notes"] = self.t.short_markdown()
            if "pricing" in internal:
                block["pricing"] = (
                    f"List price {self.r.randint(80, 900) * 1000:,} "
                    f"{self.t.c(CURRENCIES)}; discounts above "
                    f"{self.r.choice([8, 10, 12, 15])} percent need the sales "
                    "manager's approval."
                )
            if "intelligence" in internal:
                block["intelligence"] = [self.t.item() for _ in range(self.r.randint(2, 4))]
            tail["internal"] = block
        return head, tail

    def objections(self, asset_pool: list[str], lo: int = 2, hi: int = 4) -> list[dict]:
        return [
            {
                "objection": self.t.sentence(40, 110, end=""),
                "response": self.t.short_markdown(),
                "assets": self.ids_of(self.sample(asset_pool, 0, 2)),
            }
            for _ in range(self.r.randint(lo, hi))
        ]

    # build ------------------------------------------------------------------------------

    def build(self) -> dict[str, dict]:
        self.skeleton()
        self.build_assets()
        self.build_segments()
        self.build_personas()
        self.build_value_propositions()
        self.build_products()
        self.build_competitors()
        self.build_insights()
        self.build_playbooks()
        self.build_process()
        self.build_leads()
        self.build_team()
        self.build_company()
        return self.files

    def skeleton(self) -> None:
        """Decide names and relations that other kinds refer to before writing any entity."""
        r = self.r
        persona_ids = self.ids["personas"]
        segment_ids = self.ids["segments"]
        titles = [f"{s} {f}" if s != "Chief" else "" for s in SENIORITY for f in FUNCTIONS]
        titles = [t for t in titles if t] + CHIEF_TITLES
        self.persona_names = _unique_names(r, titles, len(persona_ids))
        self.persona_role = {p: self.t.c(BUYING_ROLES) for p in persona_ids}
        seg_pool = [
            f"{q.capitalize()} {i.lower()} producers in {g}"
            for i in INDUSTRIES
            for q in SEGMENT_QUALIFIERS[:3]
            for g in REGIONS[:4]
        ]
        self.segment_names = _unique_names(r, seg_pool, len(segment_ids))
        size = min(COMMITTEE_SIZE, len(persona_ids))
        self.committees: dict[str, list[str]] = {s: r.sample(persona_ids, size) for s in segment_ids}
        self.segment_competitors = {s: self.ids_of(self.sample(self.ids["competitors"], 1, 4)) for s in segment_ids}
        self.segment_products = {s: self.ids_of(self.sample(self.ids["products"], 1, 3)) for s in segment_ids}
        self.vp_targets = self.plan_value_propositions()

    def plan_value_propositions(self) -> dict[str, tuple[list[str] | None, list[str] | None]]:
        """Segments and personas of each value proposition (None = field left out, [] = all);
        then patch so that every (segment, persona) committee pair is covered."""
        r = self.r
        segs = self.ids["segments"]
        targets: dict[str, list] = {}
        for i, vp in enumerate(self.ids["value_propositions"]):
            mode = i % 10
            if mode == 0:  # all segments, some personas
                s: list[str] | None = []
                p: list[str] | None = self.sample(self.ids["personas"], 1, 3)
            elif mode == 5:  # some segments, every persona (field left out)
                s = self.sample(segs, 1, 2)
                p = None
            else:
                s = self.sample(segs, 1, 3)
                members = sorted({m for seg in s for m in self.committees[seg]})
                p = self.sample(members, 1, 4)
            targets[vp] = [s, p]

        def seg_ok(t, seg):
            return not t[0] or seg in t[0]

        def per_ok(t, per):
            return not t[1] or per in t[1]

        vps = self.ids["value_propositions"]
        for seg in segs:
            for per in sorted(self.committees[seg]):
                if any(seg_ok(t, seg) and per_ok(t, per) for t in targets.values()):
                    continue
                fitting = [v for v in vps if seg_ok(targets[v], seg)]
                if fitting:
                    v = fitting[r.randrange(len(fitting))]
                else:
                    v = vps[r.randrange(len(vps))]
                    targets[v][0].append(seg)
                if targets[v][1]:
                    targets[v][1].append(per)
        return {
            v: (None if t[0] is None else self.ids_of(t[0]), None if t[1] is None else self.ids_of(t[1]))
            for v, t in targets.items()
        }

    def build_assets(self) -> None:
        r, t = self.r, self.t
        self.assets_by_persona: dict[str, list[str]] = {p: [] for p in self.ids["personas"]}
        self.assets_by_stage: dict[str, list[str]] = {s: [] for s in STAGE_IDS}
        self.assets_by_type: dict[str, list[str]] = {a: [] for a in ASSET_TYPES}
        self.assets_by_competitor: dict[str, list[str]] = {c: [] for c in self.ids["competitors"]}
        for aid in self.ids["assets"]:
            kind = r.choices(ASSET_TYPES, ASSET_TYPE_WEIGHTS)[0]
            name = f"{ASSET_TYPE_LABELS[kind]}: {t.topic()}"
            head, tail = self.common(name[:120], internal_share=0.08)
            segments = self.sample(self.ids["segments"], 1, 3)
            committee = self.committees[segments[0]]
            personas = self.sample(committee, 1, 3)
            stages = sorted(self.sample(STAGE_IDS, 1, 2), key=STAGE_IDS.index)
            data = dict(head)
            data["type"] = kind
            has_body = kind in ("email_template", "call_script") or (kind == "other" and r.random() < 0.3)
            if has_body:
                data["body"] = self.asset_body(kind)
            else:
                ext = ASSET_EXTENSIONS[kind]
                if kind == "video":
                    data["url"] = f"https://video.nordhaven.example/watch/{aid}"
                else:
                    folder = kind.replace("_", "-")
                    data["url"] = f"https://assets.nordhaven.example/{folder}/{aid}.{ext}"
            data["segments"] = self.ids_of(segments)
            data["personas"] = self.ids_of(personas)
            data["value_propositions"] = self.ids_of(self.sample(self.ids["value_propositions"], 0, 2))
            data["stages"] = Ids(stages)
            if kind == "battlecard" or r.random() < 0.05:
                comps = self.sample(self.segment_competitors[segments[0]], 1, 1)
                data["competitors"] = self.ids_of(comps)
                for c in comps:
                    self.assets_by_competitor[c].append(aid)
            if r.random() < 0.4:
                data["products"] = self.ids_of(self.sample(self.segment_products[segments[0]], 1, 1))
            lang = t.c(LANGUAGES)
            if lang != "en" or r.random() < 0.2:
                data["language"] = lang
            data.update(tail)
            self.files[f"content/assets/{aid}.yml"] = data
            for p in personas:
                self.assets_by_persona[p].append(aid)
            for s in stages:
                self.assets_by_stage[s].append(aid)
            self.assets_by_type[kind].append(aid)

    def asset_body(self, kind: str) -> str:
        t = self.t
        if kind == "email_template":
            greeting = "Hi {{ contact.firstname }}," if self.r.random() < 0.5 else "Dear [first name],"
            return (
                f"**Subject:** {t.topic()}\n\n{greeting}\n\n{t.paragraph(200, 380)}\n\n"
                f"{t.paragraph(120, 260)}\n\nBest regards,\n\n[sender name]\n"
            )
        if kind == "call_script":
            steps = "\n".join(f"{i}. {t.item()}" for i in range(1, self.r.randint(4, 6)))
            qs = "\n".join(f"- {q}" for q in t.questions(3, 4))
            return (
                f"**Opening:** {t.sentence(80, 160)}\n\n{steps}\n\n**Discovery questions**\n\n"
                f"{qs}\n\n**Close:** {t.sentence(60, 140)}\n"
            )
        return t.short_markdown()

    def build_segments(self) -> None:
        r, t = self.r, self.t
        for sid, name in zip(self.ids["segments"], self.segment_names, strict=False):
            head, tail = self.common(name, internal=("notes", "pricing", "intelligence"))
            data = dict(head)
            data["priority"] = r.randint(1, 5)
            data["fit"] = {
                "market_attractiveness": r.randint(1, 5),
                "competitive_position": r.randint(1, 5),
                "capability_fit": r.randint(1, 5),
            }
            currency = t.c(CURRENCIES)
            data["market"] = {
                "accounts": r.randint(40, 4000),
                "size": r.randint(20, 4000) * 1_000_000,
                "currency": currency,
                "growth": round(r.uniform(-0.02, 0.09), 3),
            }
            industry = name.split(" producers")[0].split(" ", 1)[1].capitalize()
            lo = t.c([50, 100, 250, 500, 1000])
            data["firmographics"] = {
                "industries": sorted({industry, t.c(INDUSTRIES)}),
                "employees": f"{lo:,}–{lo * 4:,}",
                "revenue": f"{currency} {lo // 5}–{lo}m",
                "regions": sorted(self.sample(REGIONS, 1, 3)),
            }
            data["pains"] = t.items()
            data["triggers"] = [f"{e[0].upper()}{e[1:]}" for e in self.sample(EVENTS, 3, 5)]
            deal_type = "i2i" if r.random() < 0.25 else "o2o"
            data["deal_type"] = deal_type
            data["sales_cycle_days"] = r.randint(30, 90) if deal_type == "i2i" else r.randint(120, 360)
            data["average_deal"] = r.randint(20, 2400) * 1000
            committee = []
            for j, pid in enumerate(self.committees[sid]):
                role = (
                    "economic_buyer" if j == 0 else (self.persona_role[pid] if r.random() < 0.6 else t.c(BUYING_ROLES))
                )
                committee.append(
                    {
                        "persona": pid,
                        "role": role,
                        "influence": "high" if j == 0 else t.c(INFLUENCE),
                        "wins": t.items(1, 3),
                        "engaged_by": Ids(sorted(self.sample(ROLE_IDS, 1, 2), key=ROLE_IDS.index)),
                    }
                )
            data["buying_committee"] = committee
            data["competitors"] = self.segment_competitors[sid]
            data["products"] = self.segment_products[sid]
            data.update(tail)
            self.files[f"content/segments/{sid}.yml"] = data

    def build_personas(self) -> None:
        r, t = self.r, self.t
        pids = self.ids["personas"]
        for i, (pid, name) in enumerate(zip(pids, self.persona_names, strict=False)):
            head, tail = self.common(name, internal=("notes", "intelligence"))
            data = dict(head)
            function = name.split(" of ")[-1].split(", ")[-1]
            data["titles"] = [name] + [
                f"{s} {function}"
                for s in self.sample(["Senior Manager,", "Global Head of", "Plant", "Regional Director of"], 1, 2)
            ]
            data["department"] = function
            data["default_role"] = self.persona_role[pid]
            if i > 0:
                data["reports_to"] = pids[r.randrange(i)]
            data["goals"] = t.items()
            data["wins"] = t.items()
            data["pains"] = t.items()
            data["discovery_questions"] = t.questions(3, 6)
            data["channels"] = self.sample(CHANNELS, 3, 5)
            pool = self.assets_by_persona[pid] or self.ids["assets"]
            data["objections"] = self.objections(pool)
            data["messaging"] = t.markdown(300, 900, (1, 2))
            data.update(tail)
            self.files[f"content/personas/{pid}.yml"] = data

    def build_value_propositions(self) -> None:
        r, t = self.r, self.t
        for vid in self.ids["value_propositions"]:
            name = t.topic()[:90]
            head, tail = self.common(name, internal_share=0.15)
            data = dict(head)
            data["statement"] = (
                f"For {t.c(ACTORS).lower()} who struggle with {t.obj()}, "
                f"our {t.machine()} {t.c(VERBS_3RD)} {t.obj()} "
                f"{t.c(QUALIFIERS)}."
            )
            segments, personas = self.vp_targets[vid]
            if segments is not None:
                data["segments"] = segments
            if personas is not None:
                data["personas"] = personas
            if r.random() < 0.7:
                data["products"] = self.ids_of(self.sample(self.ids["products"], 1, 2))
            data["pains_relieved"] = t.items()
            data["gains_created"] = t.items()
            data["differentiators"] = t.items(2, 4)
            data["metrics"] = [
                f"{t.c(METRICS).capitalize()} improves by {r.randint(5, 60)} percent {t.c(QUALIFIERS)}"
                for _ in range(r.randint(2, 4))
            ]
            data["proof_points"] = [
                {
                    "claim": t.item(),
                    "assets": self.ids_of(self.sample(self.assets_by_type["case_study"] or self.ids["assets"], 1, 2)),
                }
                for _ in range(r.randint(1, 3))
            ]
            data["before_scenarios"] = t.items(2, 4)
            data["negative_consequences"] = t.items(2, 4)
            data["after_scenarios"] = t.items(2, 4)
            data["positive_outcomes"] = t.items(2, 4)
            data["required_capabilities"] = t.items(2, 4)
            data.update(tail)
            self.files[f"content/value-propositions/{vid}.yml"] = data

    def build_products(self) -> None:
        r, t = self.r, self.t
        stems = _unique_names(r, PRODUCT_STEMS, len(self.ids["products"]))
        for pid, stem in zip(self.ids["products"], stems, strict=False):
            name = f"{stem} {r.choice([200, 300, 400, 600, 800, 1200])}"
            head, tail = self.common(name, internal=("notes", "pricing"), internal_share=0.5)
            data = dict(head)
            data["capabilities"] = t.items(4, 6)
            data["url"] = f"https://www.nordhaven.example/products/{pid}"
            data.update(tail)
            self.files[f"content/products/{pid}.yml"] = data

    def build_competitors(self) -> None:
        r, t = self.r, self.t
        pool = [f"{a} {b}" for a in COMPETITOR_STEMS for b in COMPETITOR_SUFFIXES]
        names = _unique_names(r, pool, len(self.ids["competitors"]))
        for cid, name in zip(self.ids["competitors"], names, strict=False):
            head, tail = self.common(name, internal=("notes", "pricing", "intelligence"), internal_share=0.6)
            data = dict(head)
            slug = name.split(" ")[0].lower()
            data["website"] = f"https://www.{slug}-{cid}.example"
            data["strengths"] = t.items()
            data["weaknesses"] = t.items()
            data["why_we_win"] = t.items()
            data["why_we_lose"] = t.items(2, 4)
            data["landmines"] = t.questions(3, 5)
            data["objections"] = self.objections(
                self.assets_by_competitor[cid] or self.assets_by_type["battlecard"] or self.ids["assets"], 1, 3
            )
            data["segments"] = self.ids_of(s for s, comps in self.segment_competitors.items() if cid in comps)
            data.update(tail)
            self.files[f"content/competitors/{cid}.yml"] = data

    def build_insights(self) -> None:
        r, t = self.r, self.t
        for iid in self.ids["insights"]:
            kind = t.c(INSIGHT_TYPES)
            name = f"{kind.replace('_', ' ').capitalize()}: {t.topic().lower()}"[:100]
            head, tail = self.common(name, internal_share=0.1)
            head.pop("description")
            data = dict(head)
            data["date"] = date(2024, 1, 1) + timedelta(days=r.randrange(640))
            data["author"] = t.person()
            data["type"] = kind
            data["observation"] = t.markdown(300, 800, (1, 3))
            segments = self.sample(self.ids["segments"], 0, 2)
            if segments:
                data["segments"] = self.ids_of(segments)
                data["personas"] = self.ids_of(self.sample(self.committees[segments[0]], 0, 2))
            if kind in ("competitor", "loss") or r.random() < 0.1:
                data["competitors"] = self.ids_of(self.sample(self.ids["competitors"], 1, 2))
            data.update(tail)
            self.files[f"content/insights/{iid}.yml"] = data

    def build_playbooks(self) -> None:
        r, t = self.r, self.t
        for n, bid in enumerate(self.ids["playbooks"]):
            motion = MOTIONS[n % len(MOTIONS)]
            segments = self.sample(self.ids["segments"], 1, 4)
            members = sorted({p for s in segments for p in self.committees[s]})
            personas = self.sample(members, 3, 6)
            lead_segment = self.segment_names[self.ids["segments"].index(segments[0])]
            name = f"{motion.replace('_', ' ').capitalize()}: {lead_segment}"
            head, tail = self.common(name, internal_share=0.25)
            data = dict(head)
            data["motion"] = motion
            data["segments"] = self.ids_of(segments)
            data["personas"] = self.ids_of(personas)
            comps = sorted({c for s in segments for c in self.segment_competitors[s]})
            lo = 1 if motion == "competitive_displacement" else 0
            data["competitors"] = self.ids_of(self.sample(comps, lo, 3))
            plays = []
            for j in range(PLAYS_PER_PLAYBOOK):
                stage_index = j * len(STAGES) // PLAYS_PER_PLAYBOOK
                stage, _sname, _bstage, lead = STAGES[stage_index]
                owner = lead if r.random() < 0.6 else t.c(ROLE_IDS)
                pool = self.assets_by_stage[stage] or self.ids["assets"]
                plays.append(
                    {
                        "stage": stage,
                        "name": f"{t.c(GERUNDS)} {t.c(PROBLEMS)} with the {t.machine()} team",
                        "objective": t.sentence(60, 140),
                        "owner": owner,
                        "with": self.ids_of(self.sample(personas, 1, 3)),
                        "actions": t.items(3, 5),
                        "talk_track": t.markdown(250, 700, (1, 2)),
                        "questions": t.questions(2, 4),
                        "assets": self.ids_of(self.sample(pool, 1, 3)),
                        "exit_criteria": t.items(1, 3),
                    }
                )
            data["plays"] = plays
            data.update(tail)
            self.files[f"playbooks/{bid}.yml"] = data

    def build_process(self) -> None:
        t = self.t
        reviewed, review_by = self.dates()
        stages = []
        for sid, name, buyer_stage, lead in STAGES:
            team = [lead] + [x for x in self.sample(ROLE_IDS, 1, 2) if x != lead]
            stages.append(
                {
                    "id": sid,
                    "name": name,
                    "buyer_stage": buyer_stage,
                    "buyer_activities": t.items(2, 4),
                    "seller_activities": t.items(3, 5),
                    "marketing_activities": t.items(2, 4),
                    "exit_criteria": t.items(2, 3),
                    "team": Ids(sorted(team, key=ROLE_IDS.index)),
                    "assets": self.ids_of(self.sample(self.assets_by_stage[sid], 2, 6)),
                }
            )
        self.files["content/process.yml"] = {
            "name": "Nordhaven sales process",
            "summary": t.summary(),
            "owner": "Sales operations",
            "reviewed": reviewed,
            "review_by": review_by,
            "description": t.markdown(),
            "stages": stages,
        }

    def build_leads(self) -> None:
        r, t = self.r, self.t
        reviewed, review_by = self.dates()
        definitions = [
            {
                "id": "mql",
                "name": "Marketing qualified lead",
                "criteria": t.items(2, 4),
                "owner": "marketing-manager",
                "sla_hours": 48,
            },
            {
                "id": "sal",
                "name": "Sales accepted lead",
                "criteria": t.items(2, 4),
                "owner": "sales-development-rep",
                "sla_hours": 24,
            },
            {
                "id": "sql",
                "name": "Sales qualified lead",
                "criteria": t.items(2, 4),
                "owner": "account-executive",
                "sla_hours": 72,
            },
        ]
        scoring = {
            "fit": [{"signal": t.item(), "points": r.choice([5, 10, 15, 20, 25])} for _ in range(r.randint(4, 6))],
            "engagement": [{"signal": t.item(), "points": r.choice([2, 5, 10, 15])} for _ in range(r.randint(4, 6))],
            "threshold": 60,
        }
        emails = self.assets_by_type["email_template"] or self.ids["assets"]
        nurture = []
        for nid, name, cadence in [
            ("welcome", "Welcome track", "Every 5 days, 4 e-mails"),
            ("retrofit", "Retrofit and upgrade track", "Every 14 days"),
            ("reactivation", "Closed-lost reactivation", "Monthly"),
        ]:
            segments = self.sample(self.ids["segments"], 1, 4)
            nurture.append(
                {
                    "id": nid,
                    "name": name,
                    "segments": self.ids_of(segments),
                    "personas": self.ids_of(self.sample(self.committees[segments[0]], 1, 3)),
                    "cadence": cadence,
                    "assets": self.ids_of(self.sample(emails, 2, 5)),
                    "exit": t.sentence(40, 110),
                }
            )
        self.files["content/leads.yml"] = {
            "name": "Lead management",
            "summary": t.summary(),
            "owner": "Marketing operations",
            "reviewed": reviewed,
            "review_by": review_by,
            "definitions": definitions,
            "scoring": scoring,
            "nurture": nurture,
        }

    def build_team(self) -> None:
        t = self.t
        reviewed, review_by = self.dates()
        pids = self.ids["personas"]
        roles = []
        for k, (rid, name) in enumerate(ROLES):
            # every persona is engaged by at least one role
            own = pids[k :: len(ROLES)]
            roles.append(
                {
                    "id": rid,
                    "name": name,
                    "responsibilities": t.items(3, 5),
                    "engages": self.ids_of(own + self.sample(pids, 0, 3)),
                }
            )
        self.files["content/team.yml"] = {
            "name": "Selling team",
            "summary": t.summary(),
            "owner": "Sales enablement",
            "reviewed": reviewed,
            "review_by": review_by,
            "roles": roles,
        }

    def build_company(self) -> None:
        t = self.t
        head, tail = self.common("Nordhaven Packaging Systems", internal_share=1.0)
        head["audience"] = "public"
        data = {
            "name": head.pop("name"),
            "tagline": "End-of-line packaging that runs every shift, every format.",
            **head,
            "website": "https://www.nordhaven.example",
            "support_model": [
                {
                    "function": f,
                    "supports": t.c(
                        [
                            "Sales",
                            "Customers",
                            "Partners and distributors",
                            "Account teams",
                            "Marketing and sales",
                            "Everyone",
                        ]
                    ),
                    "description": t.paragraph(120, 260),
                }
                for f in SUPPORT_FUNCTIONS
            ],
            **tail,
        }
        self.files["content/company.yml"] = data


def build_project(scale: float = 1.0, seed: int = 7) -> dict[str, dict]:
    """Every file of the project as data, keyed by its path relative to the project root."""
    return _Builder(scale, seed).build()


def _counts(scale: float) -> dict[str, int]:
    counts = dict(scaled_counts(scale))
    counts.update(
        {
            "plays": counts["playbooks"] * PLAYS_PER_PLAYBOOK,
            "stages": len(STAGES),
            "roles": len(ROLES),
            "company": 1,
            "process": 1,
            "leads": 1,
            "team": 1,
        }
    )
    return counts


def make_project(out_dir: Path, scale: float = 1.0, seed: int = 7, *, force: bool = False) -> dict[str, int]:
    """Write the synthetic project into out_dir and return the number of entities per kind.

    out_dir must be missing or empty unless force is true; force deletes only
    out_dir/content and out_dir/playbooks (and overwrites mkdocs.yml).
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(f"{out_dir} is not a directory")
    if out_dir.exists() and any(out_dir.iterdir()):
        if not force:
            raise FileExistsError(f"{out_dir} is not empty (use --force to replace its content/ and playbooks/)")
        for sub in ("content", "playbooks"):
            target = out_dir / sub
            if target.is_symlink() or target.is_file():
                target.unlink()
            elif target.is_dir():
                shutil.rmtree(target)
    files = build_project(scale, seed)
    header = f"synthetic playbook content: bench/make_project.py --scale {scale} --seed {seed}"
    out_dir.mkdir(parents=True, exist_ok=True)
    made: set[Path] = set()
    for rel in sorted(files):
        path = out_dir / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(to_yaml(files[rel], header))
    with open(out_dir / "mkdocs.yml", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(MKDOCS_YML)
    return _counts(scale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic playbook project.")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--scale", type=float, default=1.0, help="size relative to the reference project (default 1.0)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument(
        "--force", action="store_true", help="write into a non-empty OUT_DIR, deleting its content/ and playbooks/"
    )
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 1000:
        parser.error("--scale must be a number above 0 and at most 1000")
    start = time.perf_counter()
    try:
        counts = make_project(args.out_dir, args.scale, args.seed, force=args.force)
    except (FileExistsError, NotADirectoryError) as exc:
        print(f"make_project: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - start
    files = [p for p in args.out_dir.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    print(f"wrote {len(files)} files, {size:,} bytes to {args.out_dir} in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One pydantic model per kind of content: the single source of validation, JSON Schema and
the field reference. docs/format.md (version 1) is the contract these models implement.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from generator.model.fields import (
    AssetRefs,
    Audience,
    BuyingRole,
    CompetitorRefs,
    Date,
    Id,
    Influence,
    Markdown,
    PersonaRef,
    PersonaRefs,
    ProductRefs,
    RoleRef,
    RoleRefs,
    Score,
    SegmentRefs,
    StageRef,
    StageRefs,
    Strict,
    Text,
    TextList,
    Url,
    ValuePropositionRefs,
    describe,
    list_field,
)


class Internal(Strict):
    """Confidential notes, rendered only in the internal edition of the site."""

    notes: Markdown | None = describe("Internal notes (Markdown).", default=None)
    pricing: Text | list[Text] | None = describe(
        "Pricing guidance: list prices, discount floors, commercial terms.", default=None
    )
    intelligence: Text | list[Text] | None = describe(
        "Competitive or account intelligence that must not leave the company.", default=None
    )


class Common(Strict):
    """Fields every entity may carry."""

    kind: ClassVar[str] = ""
    _id: str = PrivateAttr(default="")
    _rel: str = PrivateAttr(default="")

    name: Text = describe("Display name.")
    summary: Text | None = describe("One line, shown on cards, tables and search results.", default=None)
    description: Markdown | None = describe("Longer explanation (Markdown).", default=None)
    owner: Text | None = describe("Who keeps this entity true: a person, an e-mail address or a team.", default=None)
    tags: list[Text] = list_field("Free tags; they feed the site's tag index.")
    audience: Audience = describe(
        "Who may see the entity: internal (default), partner (partners and internal) or public (everyone).",
        default="internal",
    )
    reviewed: Date | None = describe("When the entity was last checked (YYYY-MM-DD).", default=None)
    review_by: Date | None = describe(
        "After this date the entity is stale: a warning, an error under --strict (YYYY-MM-DD).", default=None
    )
    draft: bool = describe("Drafts are validated but left out of the site unless drafts are asked for.", default=False)
    internal: Internal | None = describe(
        "Notes, pricing and intelligence rendered only in the internal edition, never elsewhere.", default=None
    )

    # Read straight from pydantic's private dict: pages ask for ids millions of times, and the
    # generic private-attribute lookup is ten times slower.
    @property
    def id(self) -> str:
        return self.__pydantic_private__["_id"]  # type: ignore[index]  # set after validation

    @property
    def rel(self) -> str:
        """The source file, relative to the project root."""
        return self.__pydantic_private__["_rel"]  # type: ignore[index]


class SingleFile(Common):
    """The single-file kinds (process, leads, team): `name` is optional there."""

    name: Text | None = describe("Display name of this document.", default=None)  # type: ignore[assignment]


# --- company ---------------------------------------------------------------------------------


class SupportFunction(Strict):
    function: Literal["lead_generation", "sales", "service", "corporate", "marketing", "product"] = describe(
        "The function of the company."
    )
    supports: Text = describe("Whom that function serves.")
    description: Markdown | None = describe("How the function supports them (Markdown).", default=None)


class GlossaryEntry(Strict):
    term: Text = describe("The word or acronym as sellers and buyers write it, e.g. RTO.")
    expansion: Text | None = describe(
        "What it stands for, e.g. recovery time objective; shown as the term's definition.", default=None
    )
    synonyms: TextList = list_field("Other ways to say the same thing (e-mail for email); search treats them alike.")


class Company(Common):
    """content/company.yml: the selling company."""

    kind: ClassVar[str] = "company"
    tagline: Text | None = describe("The company's tagline.", default=None)
    website: Url | None = describe("The company's website (http or https).", default=None)
    logo: Text | None = describe("A logo file, relative to content/.", default=None)
    favicon: Text | None = describe(
        "The browser-tab icon of the site (PNG, SVG or ICO), relative to content/.", default=None
    )
    brand_color: str | None = describe(
        "The site's main colour as #rrggbb: header and links. Dark enough for white text on it.",
        default=None,
        pattern=r"^#[0-9a-fA-F]{6}$",
    )
    accent_color: str | None = describe(
        "The colour of hovered links and buttons as #rrggbb (default: the brand colour).",
        default=None,
        pattern=r"^#[0-9a-fA-F]{6}$",
    )
    support_model: list[SupportFunction] = list_field("Which function supports whom.")
    glossary: list[GlossaryEntry] = list_field(
        "Acronyms and synonyms: search finds a page by any of them, pages explain the acronym on hover."
    )


# --- segments --------------------------------------------------------------------------------


class Fit(Strict):
    market_attractiveness: Score = describe("How attractive the market is, 1 (low) to 5 (high).")
    competitive_position: Score = describe("How strong our position against competitors is, 1 to 5.")
    capability_fit: Score = describe("How well our capabilities fit the segment's needs, 1 to 5.")


class Market(Strict):
    accounts: int | None = describe("Number of target accounts.", default=None, ge=0)
    size: float | None = describe("Market size in `currency`.", default=None, ge=0)
    currency: str | None = describe("ISO 4217 currency code, e.g. EUR.", default=None, pattern=r"^[A-Z]{3}$")
    growth: float | None = describe("Yearly growth as a fraction: 0.04 means 4 %.", default=None, ge=-1, le=10)


class Firmographics(Strict):
    industries: TextList = list_field("Industries in the segment.")
    employees: Text | None = describe("Typical company size in employees, e.g. 200-2,000.", default=None)
    revenue: Text | None = describe("Typical revenue band.", default=None)
    regions: TextList = list_field("Regions where the segment is addressed.")


class CommitteeMember(Strict):
    persona: PersonaRef = describe("The persona id.")
    role: BuyingRole = describe("The buying role this persona plays in this segment.")
    influence: Influence | None = describe("How much weight this person carries: high, medium or low.", default=None)
    wins: TextList = list_field("What this person gains personally in this segment (adds to the persona's own wins).")
    engaged_by: RoleRefs = list_field("Team role ids on our side that engage this person.")


class Segment(Common):
    """content/segments/<id>.yml: one market segment."""

    kind: ClassVar[str] = "segments"
    priority: int | None = describe("Priority from 1 (highest) to 5.", default=None, ge=1, le=5)
    fit: Fit | None = describe("Fit scores, each 1 to 5.", default=None)
    market: Market | None = describe("Market data.", default=None)
    firmographics: Firmographics | None = describe("Who the accounts are.", default=None)
    pains: TextList = list_field("Pains common in the segment.")
    triggers: TextList = list_field("Events that start a purchase.")
    deal_type: Literal["i2i", "o2o"] | None = describe(
        "i2i: one buyer, one seller; o2o: a buying committee meets a selling team.", default=None
    )
    sales_cycle_days: int | None = describe("Typical sales cycle in days.", default=None, ge=0)
    average_deal: float | None = describe("Average deal size, in the market's currency.", default=None, ge=0)
    buying_committee: list[CommitteeMember] = list_field("Who buys, with their role, influence and wins here.")
    competitors: CompetitorRefs = list_field("Competitor ids active in the segment.")
    products: ProductRefs = list_field("Product ids offered to the segment.")


# --- personas and competitors ------------------------------------------------------------------


class Objection(Strict):
    objection: Text = describe("What the buyer says.")
    response: Markdown | None = describe("How to answer (Markdown).", default=None)
    assets: AssetRefs = list_field("Asset ids that prove the answer.")


class Persona(Common):
    """content/personas/<id>.yml: one buyer persona."""

    kind: ClassVar[str] = "personas"
    titles: TextList = list_field("Job titles this persona goes by.")
    department: Text | None = describe("Department.", default=None)
    default_role: BuyingRole | None = describe("The buying role this persona usually plays.", default=None)
    reports_to: PersonaRef | None = describe("Persona id of the formal reporting line.", default=None)
    goals: TextList = list_field("Goals.")
    wins: TextList = list_field("What this person gains personally from a purchase.")
    pains: TextList = list_field("Pains.")
    discovery_questions: TextList = list_field("Questions that uncover need and fit.")
    channels: TextList = list_field("Where they learn: events, publications, communities.")
    objections: list[Objection] = list_field("Objections with responses and proof.")
    messaging: Markdown | None = describe("Talk track for this persona (Markdown).", default=None)


class Competitor(Common):
    """content/competitors/<id>.yml: one competitor battlecard."""

    kind: ClassVar[str] = "competitors"
    website: Url | None = describe("The competitor's website.", default=None)
    strengths: TextList = list_field("Where they are strong.")
    weaknesses: TextList = list_field("Where they are weak.")
    why_we_win: TextList = list_field("Why we win against them.")
    why_we_lose: TextList = list_field("Why we lose against them.")
    landmines: TextList = list_field("Questions that expose their weakness.")
    objections: list[Objection] = list_field("Objections they provoke, with responses and proof.")
    segments: SegmentRefs = list_field("Segment ids where they compete.")


# --- value propositions and products -------------------------------------------------------------


class ProofPoint(Strict):
    claim: Text = describe("The claim.")
    assets: AssetRefs = list_field("Asset ids that prove it.")


class ValueProposition(Common):
    """content/value-propositions/<id>.yml: one value proposition."""

    kind: ClassVar[str] = "value-propositions"
    statement: Text | None = describe("The positioning statement.", default=None)
    segments: SegmentRefs = list_field("Segment ids; empty or missing means all segments.")
    personas: PersonaRefs = list_field("Persona ids; empty or missing means all personas.")
    products: ProductRefs = list_field("Product ids; empty or missing means all products.")
    pains_relieved: TextList = list_field("Pains it relieves.")
    gains_created: TextList = list_field("Gains it creates.")
    differentiators: TextList = list_field("What sets us apart.")
    metrics: TextList = list_field("How the value is measured.")
    proof_points: list[ProofPoint] = list_field("Claims with the assets that prove them.")
    before_scenarios: TextList = list_field("How the buyer works today.")
    negative_consequences: TextList = list_field("What that costs them.")
    after_scenarios: TextList = list_field("How they work with us.")
    positive_outcomes: TextList = list_field("What that gains them.")
    required_capabilities: TextList = list_field("What any solution must do.")


class Product(Common):
    """content/products/<id>.yml: one product or offering."""

    kind: ClassVar[str] = "products"
    capabilities: TextList = list_field("What the product does.")
    url: Url | None = describe("The product's page.", default=None)


# --- assets ----------------------------------------------------------------------------------

AssetType = Literal[
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


class Asset(Common):
    """content/assets/<id>.yml: one sales asset."""

    kind: ClassVar[str] = "assets"
    type: AssetType = describe("The kind of asset.", default="other")
    url: Url | None = describe("Where the asset lives (http, https or mailto). Not together with `file`.", default=None)
    file: Text | None = describe(
        "An attachment, relative to the asset's folder; it must stay inside content/. Not together with `url`.",
        default=None,
    )
    body: Markdown | None = describe(
        "The asset itself, inline: an e-mail template or call script (Markdown).", default=None
    )
    segments: SegmentRefs = list_field("Segment ids the asset serves.")
    personas: PersonaRefs = list_field("Persona ids the asset serves.")
    value_propositions: ValuePropositionRefs = list_field("Value proposition ids the asset supports.")
    competitors: CompetitorRefs = list_field("Competitor ids the asset addresses.")
    products: ProductRefs = list_field("Product ids the asset covers.")
    stages: StageRefs = list_field("Process stage ids where the asset is used.")
    language: Text = describe(
        "BCP 47 language tag of the asset, e.g. en or de-CH.",
        default="en",
        pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    )

    @model_validator(mode="after")
    def _one_location(self) -> Asset:
        if self.url is not None and self.file is not None:
            raise PydanticCustomError("playbook_url_and_file", "give either url or file, not both")
        return self


# --- insights --------------------------------------------------------------------------------


class Insight(Common):
    """content/insights/<id>.yml: one field insight from a seller."""

    kind: ClassVar[str] = "insights"
    date: Date = describe("When it was observed (YYYY-MM-DD).")
    author: Text | None = describe("Who observed it.", default=None)
    type: Literal["pain", "trend", "objection", "competitor", "win", "loss", "decision_role"] | None = describe(
        "What kind of insight it is.", default=None
    )
    observation: Markdown = describe("What was observed (Markdown).")
    segments: SegmentRefs = list_field("Segment ids it concerns.")
    personas: PersonaRefs = list_field("Persona ids it concerns.")
    competitors: CompetitorRefs = list_field("Competitor ids it concerns.")


# --- process, leads, team --------------------------------------------------------------------


class Stage(Strict):
    id: Id = describe("Stage id, unique in the process.")
    name: Text = describe("Stage name.")
    buyer_stage: Literal["awareness", "interest", "evaluation", "decision", "purchase", "adoption", "advocacy"] = (
        describe("The step of the buyer's journey this stage serves.")
    )
    buyer_activities: TextList = list_field("What the buyer does in this stage.")
    seller_activities: TextList = list_field("What sales does.")
    marketing_activities: TextList = list_field("What marketing does.")
    exit_criteria: TextList = list_field("What must be true to move on.")
    team: RoleRefs = list_field("Team role ids active in this stage.")
    assets: AssetRefs = list_field("Asset ids used in this stage.")


class Process(SingleFile):
    """content/process.yml: the sales process coupled to the buyer's journey."""

    kind: ClassVar[str] = "process"
    stages: list[Stage] = list_field("Ordered stages.")


class LeadDefinition(Strict):
    id: Id = describe("Definition id, e.g. mql.")
    name: Text = describe("Name, e.g. Marketing qualified lead.")
    criteria: TextList = list_field("What a lead must meet.")
    owner: Text | None = describe("Who owns leads in this state.", default=None)
    sla_hours: int | None = describe("Hours within which the owner must act.", default=None, ge=0)


class ScoringSignal(Strict):
    signal: Text = describe("What is observed.")
    points: int = describe("Points it adds (negative to subtract).")


class Scoring(Strict):
    fit: list[ScoringSignal] = list_field("Fit signals.")
    engagement: list[ScoringSignal] = list_field("Engagement signals.")
    threshold: int | None = describe("Score from which a lead qualifies.", default=None)


class NurtureTrack(Strict):
    id: Id = describe("Track id.")
    name: Text = describe("Track name.")
    segments: SegmentRefs = list_field("Segment ids it addresses.")
    personas: PersonaRefs = list_field("Persona ids it addresses.")
    cadence: Text | None = describe("How often contacts hear from us.", default=None)
    assets: AssetRefs = list_field("Asset ids sent along the track.")
    exit: Text | None = describe("When a contact leaves the track.", default=None)


class Leads(SingleFile):
    """content/leads.yml: lead definitions, scoring and nurture tracks."""

    kind: ClassVar[str] = "leads"
    definitions: list[LeadDefinition] = list_field("Ordered lead definitions agreed by marketing and sales.")
    scoring: Scoring | None = describe("Lead scoring.", default=None)
    nurture: list[NurtureTrack] = list_field("Nurture tracks.")


class Role(Strict):
    id: Id = describe("Role id.")
    name: Text = describe("Role name.")
    responsibilities: TextList = list_field("What the role does.")
    engages: PersonaRefs = list_field("Persona ids this role talks to.")


class Team(SingleFile):
    """content/team.yml: roles on our side of the deal."""

    kind: ClassVar[str] = "team"
    roles: list[Role] = list_field("Roles.")


# --- playbooks -------------------------------------------------------------------------------


class Play(Strict):
    stage: StageRef = describe("Process stage id.")
    name: Text = describe("Play name.")
    objective: Text | None = describe("What the play achieves.", default=None)
    owner: RoleRef | None = describe("Team role id that runs the play.", default=None)
    with_: PersonaRefs = Field(default_factory=list, alias="with", description="Persona ids the play is run with.")
    actions: TextList = list_field("Steps.")
    talk_track: Markdown | None = describe("What to say (Markdown).", default=None)
    questions: TextList = list_field("Questions to ask.")
    assets: AssetRefs = list_field("Asset ids to use.")
    exit_criteria: TextList = list_field("What must be true when the play is done.")


class Playbook(Common):
    """playbooks/<id>.yml: one sales motion, a playbook of plays."""

    kind: ClassVar[str] = "playbooks"
    motion: Literal["new_logo", "expansion", "renewal", "competitive_displacement", "partner_led"] | None = describe(
        "The sales motion.", default=None
    )
    segments: SegmentRefs = list_field("Segment ids.")
    personas: PersonaRefs = list_field("Persona ids.")
    competitors: CompetitorRefs = list_field("Competitor ids.")
    plays: list[Play] = list_field("Ordered plays.")


# --- free-form pages -------------------------------------------------------------------------


class Page(Common):
    """content/pages/<id>.md: a free-form page in Markdown, its fields in front matter between two --- lines."""

    # Material that is not an entity ("How we price", "Onboarding a new seller"); the text below
    # the front matter is `body` (generator/load/frontmatter.py).

    kind: ClassVar[str] = "pages"
    # Written `title` in the front matter, as Markdown pages usually are; `name` like every entity
    # everywhere else, so lists, search and messages need nothing of their own.
    name: Text = Field(alias="title", description="The page's title.")
    body: Markdown | None = describe("The page's text: the Markdown below the front matter.", default=None)

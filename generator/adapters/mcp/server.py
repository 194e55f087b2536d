"""`playbook mcp`: the edition served to AI assistants over stdio with the official MCP SDK.

Tools: search, fetch, brief, objection. Resources: one per entity (playbook://personas/cfo).
Prompt: prepare-my-meeting. Every answer comes from one Snapshot of the chosen edition, read
again when a file changes; content errors and unknown ids come back as tool errors.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError, ToolError
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, Resource
from pydantic import BaseModel

from generator.adapters.mcp import answers
from generator.adapters.mcp.snapshot import ContentErrors, Playbook, Settings

INSTRUCTIONS = (
    "The company's sales playbook ({audience} edition): segments, buyer personas, call-prep briefs for "
    "every person on a buying committee, value propositions with proof, objections with approved answers, "
    "competitor battlecards, assets, the sales process and plays. To prepare a meeting call `brief` with "
    "the segment and persona; use `search` then `fetch` for anything else and `objection` for what a "
    "buyer said. Quote approved answers and proof; never invent them. Each answer carries the page URL."
)


class SearchHit(BaseModel):
    id: str
    title: str
    kind: str
    url: str
    snippet: str


class SearchResults(BaseModel):
    results: list[SearchHit]  # the shape ChatGPT's connectors expect of `search`


class PromptRefused(MCPError):
    """A prompt's arguments the edition cannot answer: sent to the client as invalid params."""

    def __init__(self, message: str):
        super().__init__(INVALID_PARAMS, message)


def _answer(playbook: Playbook, error: type[Exception], work: Callable):
    """Run one answer on the current edition; content errors and unknown names become `error`."""
    try:
        return work(playbook.current())
    except (ContentErrors, answers.NotFound) as exc:
        raise error(str(exc)) from None


class PlaybookServer(MCPServer):
    """Lists one resource per entity of the current edition (the SDK lists only fixed ones)."""

    def __init__(self, playbook: Playbook, **kwargs):
        super().__init__(**kwargs)
        self.playbook = playbook

    async def list_resources(self) -> list[Resource]:
        try:
            entries = answers.resources(self.playbook.current())
        except ContentErrors:
            return []
        return [
            Resource(
                uri=f"playbook://{e.id}",
                name=e.id,
                title=e.page.title,
                description=e.page.description or None,
                mime_type="text/markdown",
            )
            for e in entries
        ]


def make_server(root: Path, settings: Settings) -> PlaybookServer:
    playbook = Playbook(root, settings)
    server = PlaybookServer(playbook, name="playbook", instructions=INSTRUCTIONS.format(audience=settings.audience))

    def tool_answer(work):
        return _answer(playbook, ToolError, work)

    @server.tool(title="Search the playbook", structured_output=True)
    def search(query: str, limit: int = 10) -> SearchResults:
        """Pages of the playbook that match `query`, best first: id, title, kind, url and a snippet."""
        hits = tool_answer(lambda s: answers.search(s, query, max(1, min(limit, 50))))
        return SearchResults(results=[SearchHit(**hit) for hit in hits])

    @server.tool(title="Fetch a page")
    def fetch(id: str) -> str:
        """The page or entity with this id (from search, e.g. personas/cfo or briefs/dairy/cfo) as Markdown, with its URL."""
        return tool_answer(lambda s: answers.fetch(s, id))

    @server.tool(title="Call-prep brief")
    def brief(segment: str, persona: str) -> str:
        """The meeting card and call-prep brief for one persona in one segment (ids or names) as Markdown."""
        return tool_answer(lambda s: answers.brief(s, segment, persona))

    @server.tool(title="Answer an objection")
    def objection(text: str, limit: int = 3) -> str:
        """The recorded objections closest to what the buyer said, with approved answers and proof."""
        return tool_answer(lambda s: answers.objection(s, text, max(1, min(limit, 10))))

    @server.resource("playbook://{kind}/{id}", mime_type="text/markdown", title="Playbook entity")
    def entity(kind: str, id: str) -> str:
        """One entity of the playbook as Markdown (playbook://personas/cfo)."""
        return _answer(playbook, ResourceNotFoundError, lambda s: answers.fetch(s, f"{kind}/{id}"))

    @server.prompt(name="prepare-my-meeting", title="Prepare my meeting")
    def prepare_my_meeting(segment: str, persona: str, stage: str = "") -> str:
        """A meeting preparation for a persona in a segment, optionally at a stage of the sales process."""
        return _answer(playbook, PromptRefused, lambda s: answers.meeting_prompt(s, segment, persona, stage))

    return server


def run(root: Path, settings: Settings) -> None:
    """Serve over stdio until the client closes the connection."""
    playbook_server = make_server(root, settings)
    # Read the project before the first question; content errors are reported by every call.
    with suppress(ContentErrors):
        playbook_server.playbook.current()
    playbook_server.run("stdio")

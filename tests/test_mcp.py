"""`playbook mcp`, driven as an assistant drives it: the SDK's own client, over stdio to the real
command, or connected in this process to the server that command runs (the edition leak tests:
the answers are the server's, without starting Python for each test)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from generator.adapters.mcp.server import make_server
from generator.catalog.check import check_project
from generator.cli import mcp_settings

from .sitebuild import REPO, copy_example
from .test_editions import CANARY, plant_canaries

ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}


@asynccontextmanager
async def connect(project: Path, *args: str):
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "generator", "mcp", str(project), *args], env=ENV, cwd=str(REPO)
    )
    async with Client(params, cache=None, read_timeout_seconds=120) as client:
        yield client


@asynccontextmanager
async def in_process(project: Path, audience: str):
    """The server `playbook mcp PROJECT --audience AUDIENCE` runs, with the same settings."""
    async with Client(make_server(project, mcp_settings(project, audience))) as client:
        yield client


def text(result) -> str:
    return "\n".join(getattr(c, "text", "") for c in result.content)


def run(scenario):
    """Run the client in a thread of its own: a browser test earlier in the same worker may have
    left Playwright's event loop running in this one, where asyncio.run() refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, scenario()).result()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_example(tmp_path_factory.mktemp("mcp"))


@pytest.fixture(scope="module")
def canary_project(tmp_path_factory) -> Path:
    """The example with canaries in everything internal (as test_editions plants them)."""
    return plant_canaries(copy_example(tmp_path_factory.mktemp("mcp-canary")))


@pytest.mark.slow  # a real server over stdio (the leak tests below stay in make test-fast)
def test_tools_answer_over_stdio(project):
    async def scenario():
        async with connect(project, "--audience", "internal") as client:
            tools = {t.name for t in (await client.list_tools()).tools}
            assert tools == {"search", "fetch", "brief", "objection"}

            found = await client.call_tool("search", {"query": "payback capital budget", "limit": 5})
            assert not found.is_error
            hits = found.structured_content["results"]
            assert hits and set(hits[0]) == {"id", "title", "kind", "url", "snippet"}
            assert "personas/cfo" in [h["id"] for h in hits]

            page = await client.call_tool("fetch", {"id": "personas/cfo"})
            assert (
                not page.is_error and "URL: personas/cfo/" in text(page) and "# Chief financial officer" in text(page)
            )

            by_ids = await client.call_tool("brief", {"segment": "dairy", "persona": "cfo"})
            by_names = await client.call_tool("brief", {"segment": "Dairy", "persona": "Chief financial officer"})
            assert text(by_ids) == text(by_names)
            assert "# Chief financial officer in Dairy" in text(by_ids) and "## Objections and responses" in text(
                by_ids
            )

            answer = await client.call_tool("objection", {"text": "We have no capital budget left this year"})
            assert "Pay-per-pack turns the line into an operating expense" in text(answer)
            assert "Proof:" in text(answer)

            resources = {str(r.uri) for r in (await client.list_resources()).resources}
            assert {"playbook://personas/cfo", "playbook://competitors/velmora"} <= resources
            read = await client.read_resource("playbook://personas/cfo")
            assert "# Chief financial officer" in read.contents[0].text

            prompt = await client.get_prompt(
                "prepare-my-meeting", {"segment": "dairy", "persona": "cfo", "stage": "qualify"}
            )
            assert 'at the "Qualify" stage' in prompt.messages[0].content.text

            unknown = await client.call_tool("brief", {"segment": "dary", "persona": "cfo"})
            assert unknown.is_error and "did you mean 'dairy'" in text(unknown)

    run(scenario)


@pytest.mark.slow  # a real server over stdio (the leak tests below stay in make test-fast)
def test_reloads_on_edit_and_reports_content_errors_with_their_place(project, tmp_path):
    own = copy_example(tmp_path / "p")
    cfo = own / "content/personas/cfo.yml"

    async def scenario():
        async with connect(own, "--audience", "internal") as client:
            before = await client.call_tool("search", {"query": "zebracorn"})
            assert before.structured_content["results"] == []
            cfo.write_text(
                cfo.read_text(encoding="utf-8").replace(
                    "name: Chief financial officer", "name: Zebracorn finance chief"
                )
            )
            after = await client.call_tool("search", {"query": "zebracorn"})
            assert "personas/cfo" in [hit["id"] for hit in after.structured_content["results"]]

            cfo.write_text("name: [unclosed\n", encoding="utf-8")
            broken = await client.call_tool("fetch", {"id": "personas/cfo"})
            assert broken.is_error
            assert "content/personas/cfo.yml:" in text(broken) and "error[E100]" in text(broken)
            assert "Traceback" not in text(broken)

    run(scenario)


def test_the_default_edition_is_the_one_mkdocs_yml_configures(tmp_path):
    own = copy_example(tmp_path / "p")
    config = own / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("audience: internal", "audience: partner"))

    async def scenario():
        async with connect(own) as client:
            hidden = await client.call_tool("fetch", {"id": "personas/cfo"})
            assert hidden.is_error
            shown = await client.call_tool("fetch", {"id": "segments/pet-food"})
            assert not shown.is_error

    run(scenario)


async def _every_answer(client, ids: list[str], seats: list[tuple[str, str]]) -> list[str]:
    """Every tool, resource and prompt asked about every id of the internal edition."""
    out = []
    for query in [CANARY, CANARY.lower(), "internal pricing intelligence"] + ids:
        out.append(json.dumps((await client.call_tool("search", {"query": query, "limit": 50})).structured_content))
    for id in ids:
        out.append(text(await client.call_tool("fetch", {"id": id})))
        out.append(text(await client.call_tool("objection", {"text": id.split("/")[1].replace("-", " "), "limit": 10})))
        try:
            out.append((await client.read_resource(f"playbook://{id}")).contents[0].text)
        except Exception as exc:  # noqa: BLE001 - a hidden entity is refused; the refusal is checked too
            out.append(str(exc))
    for segment, persona in seats:
        out.append(text(await client.call_tool("brief", {"segment": segment, "persona": persona})))
        try:
            prompt = await client.get_prompt("prepare-my-meeting", {"segment": segment, "persona": persona})
            out.append(prompt.messages[0].content.text)
        except Exception as exc:  # noqa: BLE001
            out.append(str(exc))
    out.append(json.dumps([r.model_dump(mode="json") for r in (await client.list_resources()).resources]))
    return out


@pytest.mark.parametrize("audience", ["partner", "public"])
def test_no_tool_answer_carries_internal_content(canary_project, audience):
    catalog = check_project(canary_project).catalog
    ids = [f"{kind}/{e.id}" for kind, entities in catalog.entities.items() for e in entities.values()]
    seats = [(s, p) for s in catalog.entities["segments"] for p in catalog.entities["personas"]]

    async def scenario():
        async with in_process(canary_project, audience) as client:
            return await _every_answer(client, ids, seats)

    answers = run(scenario)
    assert len(ids) > 60 and len(answers) > 4 * len(ids)
    assert [a for a in answers if CANARY in a] == []
    assert sum(a.startswith("URL: ") for a in answers) >= 5  # it did answer: the edition's own pages


def test_the_internal_edition_does_answer_with_internal_content(canary_project):
    # Without this the leak test above could pass against a server that answers nothing.
    async def scenario():
        async with in_process(canary_project, "internal") as client:
            found = await client.call_tool("search", {"query": CANARY})
            page = await client.call_tool("fetch", {"id": "personas/cfo"})
            guide = await client.call_tool("fetch", {"id": "pages/how-we-price"})
            return found.structured_content["results"], text(page), text(guide)

    hits, page, guide = run(scenario)
    assert hits and f"{CANARY}-entity-cfo" in page
    assert f"{CANARY}-entity-how-we-price" in guide  # a page's text, which the outside editions never get

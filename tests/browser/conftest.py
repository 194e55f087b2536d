"""Real-browser acceptance tests: the built example, served from loopback, driven in Chromium.

What every test here gets for free:

- the example is built once per session (internal and partner editions, plus a variant with
  a value-matrix gap, built only when a test asks for it) with `playbook build` in
  subprocesses that run side by side;
- each edition is served by a quiet loopback HTTP server on a free port;
- Chromium comes from the system (Debian's `chromium` package), never from a download;
- every request to a host other than 127.0.0.1 / localhost cannot resolve and is recorded, and console
  errors and uncaught page errors are collected: any of them fails the test that caused it.

Without Playwright or Chromium the tests skip and say why; with PLAYBOOK_REQUIRE_BROWSER=1
(set by .ci/run) they fail instead.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import pytest

from ..sitebuild import copy_example, edit_yaml
from .browsing import (
    ESSENTIALS,
    GAP_PERSONA,
    GAP_PERSONA_NAME,
    GAP_SEGMENT,
    MEASURE,
    PHONE,
    REPO,
    SECOND_PROJECT,
    open_page,
    plan_urls,
    printed_problems,
    sample,
)

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-error"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--metrics-recording-only",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    # No host but this machine resolves: a request to another host fails at once, and
    # record_outside_requests (below) names it. Cheaper than routing every request through
    # the test process, which cost a third of each page load.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    # JavaScript runs in V8's first two tiers only. A test page lives a second, too short for the
    # optimising compilers to pay back their work on other threads: measured here, a page load
    # took 0.29 s of Chromium's CPU instead of 0.33, and an axe run 0.83 instead of 0.94.
    "--js-flags=--max-opt=1",
]


# --- the missing-browser policy ---------------------------------------------------------------------


def _unavailable(reason: str):
    """Skip with a clear reason, or fail when the browser is required (CI)."""
    if os.environ.get("PLAYBOOK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"PLAYBOOK_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (set PLAYBOOK_REQUIRE_BROWSER=1 to make this a failure)")


# Chromium's headless shell first (Debian: apt-get install chromium-headless-shell): the same Blink
# without the desktop browser around it, and what Playwright itself runs headless tests in.
# Measured here (Chromium 156): a page load took 0.16 s of CPU instead of 0.22 in the full browser.
CHROMIUM_NAMES = ("chromium-headless-shell", "chromium", "chromium-browser")


def chromium_path() -> str | None:
    """$PLAYBOOK_CHROMIUM, else the first of CHROMIUM_NAMES on the PATH."""
    wanted = os.environ.get("PLAYBOOK_CHROMIUM")
    if wanted:
        return wanted if os.access(wanted, os.X_OK) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


# --- building and serving the site ----------------------------------------------------------------


@dataclass
class Site:
    name: str
    root: Path  # the built site
    project: Path  # the project it was built from
    url: str  # http://127.0.0.1:PORT/

    def page(self, path: str = "") -> str:
        return self.url + path.lstrip("/")


def make_gap_project(dest: Path) -> Path:
    """A copy of the example where one buying-committee member has no value proposition."""
    copy_example(dest)
    (dest / "content/personas" / f"{GAP_PERSONA}.yml").write_text(
        f"name: {GAP_PERSONA_NAME}\n"
        "summary: Tracks plant costs; sits on the committee but no value proposition covers them yet.\n"
        "titles: [Plant Controller]\n"
        "department: Finance\n",
        encoding="utf-8",
    )
    committee_member = {"persona": GAP_PERSONA, "role": "influencer", "influence": "low"}
    edit_yaml(
        dest / "content/segments" / f"{GAP_SEGMENT}.yml", lambda d: d["buying_committee"].append(committee_member)
    )
    return dest


class Builds:
    """Starts every build at once (two cores: they overlap well) and waits for each on demand."""

    EDITIONS = {
        "internal": ("example", ["--audience", "internal"]),
        "partner": ("example", ["--audience", "partner"]),
        "gap": ("gap", ["--audience", "internal"]),
        "second": ("second", ["--audience", "internal"]),  # tests/fixtures/second-project
    }

    def __init__(self, base: Path):
        self.base = base
        self.procs: dict[str, tuple[subprocess.Popen, IO[bytes], Path, Path]] = {}  # process, its output, project, site
        self.sites: dict[str, Site] = {}
        self.servers = contextlib.ExitStack()

    def start(self, name: str) -> None:
        if name in self.procs:
            return
        project_kind, args = self.EDITIONS[name]
        if project_kind == "example":
            project = REPO
        elif project_kind == "second":
            project = SECOND_PROJECT
        else:
            project = make_gap_project(self.base / f"{name}-project")
        target = self.base / f"{name}-site"
        log = open(self.base / f"{name}.log", "w+b")  # noqa: SIM115 - read back in get()
        proc = subprocess.Popen(  # `-m` from cwd=REPO: the checkout's generator
            [sys.executable, "-m", "generator", "build", str(project), "--site-dir", str(target), *args],
            cwd=REPO,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.procs[name] = (proc, log, project, target)

    def get(self, name: str) -> Site:
        if name in self.sites:
            return self.sites[name]
        self.start(name)
        proc, log, project, target = self.procs[name]
        code = proc.wait(timeout=300)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
        log.close()
        if code != 0:
            pytest.fail(f"`playbook build` of the {name} edition failed (exit {code}):\n{output}", pytrace=False)
        self.sites[name] = Site(name, target, project, self._serve(target))
        return self.sites[name]

    def _serve(self, root: Path) -> str:
        return self.servers.enter_context(served(root))

    def close(self) -> None:
        self.servers.close()
        for proc, _log, _project, _target in self.procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature http.server uses
        pass


@contextlib.contextmanager
def served(root: Path) -> Iterator[str]:
    """`root` served from loopback on a free port while the block runs; its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=f"http-{root.name}", daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def builds(browser, tmp_path_factory):
    """The built sites; asks for the browser first so that nothing is built when it is missing."""
    b = Builds(tmp_path_factory.mktemp("browser-sites"))
    b.start("internal")
    b.start("partner")
    yield b
    b.close()


@pytest.fixture(scope="session")
def internal_site(builds) -> Site:
    return builds.get("internal")


@pytest.fixture(scope="session")
def partner_site(builds) -> Site:
    return builds.get("partner")


@pytest.fixture(scope="session")
def gap_site(builds) -> Site:
    return builds.get("gap")


@pytest.fixture(scope="session")
def second_site(builds) -> Site:
    return builds.get("second")


@pytest.fixture(scope="session")
def internal_pages() -> dict[str, tuple[str, ...]]:
    return plan_urls("internal")


@pytest.fixture(scope="session")
def partner_pages() -> dict[str, tuple[str, ...]]:
    return plan_urls("partner")


@pytest.fixture(scope="session")
def catalog():
    """The catalog the internal edition is built from (drafts left out, as `playbook build` does)."""
    from generator.catalog.audience import for_audience
    from generator.catalog.check import check_project

    return for_audience(check_project(REPO).catalog, "internal")


# --- the browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        where = os.environ.get("PLAYBOOK_CHROMIUM")
        _unavailable(
            f"PLAYBOOK_CHROMIUM={where} is not an executable"
            if where
            else "Chromium is not installed (apt-get install -y chromium-headless-shell)"
        )
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
    except Exception as exc:  # noqa: BLE001 - any launch failure means: no usable browser
        pw.stop()
        _unavailable(f"Chromium at {executable} did not start: {exc}")
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture(scope="session")
def axe(browser):
    """axe-core, injected into pages by axe-playwright-python (bundled: no network)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _unavailable("the axe-playwright-python package is not installed (pip install -e '.[test]')")
    return Axe()


@dataclass
class Watch:
    """What went wrong in the browser during one test."""

    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        out = [f"request to another host (blocked): {u}" for u in self.external]
        out += [f"HTTP error: {m}" for m in self.bad_responses]
        out += [f"console error: {m}" for m in self.console_errors]
        out += [f"uncaught script error: {m}" for m in self.page_errors]
        return out


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.hostname in LOOPBACK_HOSTS


def watch_page(page, current: Callable[[], Watch]) -> None:
    """Report what goes wrong in `page` to the Watch of the test running now."""

    def on_console(msg):
        if msg.type == "error":
            where = msg.location.get("url", "") if msg.location else ""
            current().console_errors.append(f"{msg.text} ({where or page.url})")

    def on_response(response):
        if response.status >= 400:
            current().bad_responses.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: current().page_errors.append(f"{exc} ({page.url})"))
    page.on("response", on_response)


@pytest.fixture
def browser_watch() -> Watch:
    return Watch()


# How Playwright names a request the page's policy refused (it never left the browser).
BLOCKED_BY_POLICY = {"csp", "net::ERR_BLOCKED_BY_CSP"}


def record_outside_requests(context, record: Callable[[str], object]) -> None:
    """`record` every request `context` sends to another host (none can reach one:
    CHROMIUM_ARGS); a request the Content-Security-Policy refused was never sent."""

    def ended(request) -> None:
        if not is_local(request.url) and request.failure not in BLOCKED_BY_POLICY:
            record(request.url)

    context.on("requestfailed", ended)
    context.on("requestfinished", ended)


DESKTOP = {"width": 1280, "height": 900}


@dataclass
class Tab:
    """The page every test of a worker uses, the Watch of the test using it now, and a blank
    page of this machine where it rests between tests (not about:blank, which Playwright 1.45's
    own script trips over with an uncaught error)."""

    page: object
    watch: Watch
    rest: str

    def rest_between_tests(self) -> None:
        self.watch = Watch()  # what leaving the page causes belongs to no test
        self.page.goto(self.rest)


@pytest.fixture(scope="session")
def tab(browser, tmp_path_factory):
    """One page per worker, handed from test to test: opening a page starts a renderer process
    (0.7 s and 1.3 s of CPU measured on two cores), navigating an open one takes 0.25 s."""
    folder = tmp_path_factory.mktemp("between-tests")
    # An icon of its own: else Chromium asks the server for /favicon.ico, and logs the 404 as an error.
    rest = '<!doctype html><title>Between tests</title><link rel="icon" href="data:,">'
    (folder / "index.html").write_text(rest, encoding="utf-8")
    with served(folder) as rest_url:
        context = browser.new_context(viewport=DESKTOP, service_workers="block")
        context.set_default_timeout(10_000)
        shared = Tab(context.new_page(), Watch(), rest_url)
        record_outside_requests(context, lambda url: shared.watch.external.append(url))
        watch_page(shared.page, lambda: shared.watch)
        yield shared
        context.close()


@pytest.fixture
def page(tab, browser_watch):
    """The worker's page, as a new one would be: desktop size, no media emulation, no routes; after
    the test it forgets the storage of the site it was on and rests on a blank page (Tab), so that
    nothing it still does (a live-reload poll) is blamed on the next test."""
    from playwright.sync_api import Error as PlaywrightError

    tab.watch = browser_watch
    tab.page.set_viewport_size(DESKTOP)
    tab.page.emulate_media(media="null")  # no emulation: the screen, and print when printing
    yield tab.page
    tab.page.unroute_all()
    if tab.page.url.startswith("http"):
        # A page caught navigating (a live reload) has no storage to clear yet.
        with contextlib.suppress(PlaywrightError):
            tab.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    tab.rest_between_tests()


@dataclass
class Survey:
    """Pages of one site opened on a phone, what each measured (browsing.MEASURE), what printing
    some of its briefs gave (browsing.printed_problems: sheets, and what they lack), and what went
    wrong in the browser meanwhile."""

    pages: dict[str, dict] = field(default_factory=dict)
    briefs: tuple[str, ...] = ()
    printed: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    watch: Watch = field(default_factory=Watch)

    def print_problems(self) -> list[str]:
        """Each printed brief not on one or two A4 sheets, and each sheet that lacks a mark."""
        long = [f"{url}: {sheets} sheets" for url, (sheets, _) in self.printed.items() if not 1 <= sheets <= 2]
        return long + [problem for _, unmarked in self.printed.values() for problem in unmarked]


@dataclass(frozen=True)
class Surveyed:
    """What the survey opens of one site: its site plan, whether a sample of every page kind,
    whether every brief, and how many of those briefs it prints (None: all)."""

    plan: Callable[[], dict[str, tuple[str, ...]]]
    sampled: bool
    with_briefs: bool
    printed: int | None = 0


SURVEYED = {
    "internal": Surveyed(lambda: plan_urls("internal"), sampled=True, with_briefs=True, printed=None),
    "partner": Surveyed(lambda: plan_urls("partner"), sampled=True, with_briefs=False),
    # Another company's content: six printed briefs, as a check that the example's are not special.
    "second": Surveyed(lambda: plan_urls("internal", SECOND_PROJECT), sampled=False, with_briefs=True, printed=6),
}


@pytest.fixture(scope="session")
def phone_survey(tab, builds) -> Callable[[str], Survey]:
    """survey(site): every page of SURVEYED[site] opened once on a phone-sized screen, for the
    tests that check each page loads cleanly, fits the width and shows a brief's essentials, and
    that printed briefs fit two A4 sheets (one pass instead of one per test: a page load is most
    of what each of them costs). Printing does not depend on the screen: the PDFs of every
    example brief were checked to be the same text on the same sheets from a desktop-sized one."""
    done: dict[str, Survey] = {}

    def survey(name: str) -> Survey:
        if name not in done:
            wanted = SURVEYED[name]
            pages = wanted.plan()
            briefs = pages["brief"] if wanted.with_briefs else ()
            opened = sample(pages) if wanted.sampled else []
            done[name] = _survey(tab, builds.get(name), opened, briefs, briefs[: wanted.printed])
        return done[name]

    return survey


def _survey(tab: Tab, site: Site, pages: list[str], briefs: tuple[str, ...], printed: tuple[str, ...]) -> Survey:
    result, page, before = Survey(briefs=briefs), tab.page, tab.watch
    tab.watch = result.watch
    try:
        page.set_viewport_size(PHONE)
        for url in dict.fromkeys([*pages, *briefs]):
            open_page(page, site, url)
            result.pages[url] = page.evaluate(MEASURE, ESSENTIALS)
            if url in printed:
                result.printed[url] = printed_problems(page, url)
    finally:
        tab.rest_between_tests()
        tab.watch = before
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test itself (not its teardown) when the browser saw a problem."""
    result = yield
    watch = item.funcargs.get("browser_watch") if hasattr(item, "funcargs") else None
    if watch is not None and watch.problems():
        pytest.fail("the browser reported problems:\n  " + "\n  ".join(watch.problems()), pytrace=False)
    return result


# --- screenshots ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def screenshots_dir(tmp_path_factory) -> Path:
    """Where the suite writes its screenshots: $PLAYBOOK_SCREENSHOTS_DIR, else a temporary folder."""
    wanted = os.environ.get("PLAYBOOK_SCREENSHOTS_DIR")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pytest_itemcollected(item):
    """Everything under tests/browser/ is a real-browser test: `make test-fast` leaves them out."""
    if Path(__file__).parent in Path(item.fspath).parents:
        item.add_marker(pytest.mark.browser)

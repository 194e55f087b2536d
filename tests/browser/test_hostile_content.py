"""Hostile content in a real browser (issue 12): no page of a poisoned playbook runs script, and
the Content-Security-Policy blocks what a future theme bug might let through.

`make test-min` runs this file on the lowest Material release pyproject.toml allows (9.6.7):
releases before it turned escaped names back into markup in their page script (tooltips).
"""

from __future__ import annotations

import pytest

from ..sitebuild import build, copy_example, rewrite_yaml
from ..test_hostile import HOSTILE, _poison
from .browsing import HAS_CONTENT
from .conftest import record_outside_requests, served

pytestmark = pytest.mark.browser

PROBE = "window.__playbook_pwned"
# Every string sets the probe instead of alerting, so that a test can ask whether any of them ran.
ATTACKS = [
    "<img src=x onerror=\"window.__playbook_pwned='img'\">",
    "</title><script>window.__playbook_pwned='title'</script>",
    '"><svg onload="window.__playbook_pwned=\'svg\'">',
    "&lt;img src=x onerror=window.__playbook_pwned='entity'&gt;",
]


def _attack(data: dict, path) -> dict:
    """A poisoned file's name carries an attack too; company.yml's carries them all."""
    data["name"] = f"{data.get('name', 'x')} {ATTACKS[len(path.stem) % len(ATTACKS)]}"
    if path.name == "company.yml":
        data["audience"] = "public"
        # The site name is on every page, in titles too: carry every attack there, whatever
        # order the tests ran in (_poison's choice of string depends on what it poisoned before).
        data["name"] = " ".join(["Packwell Systems", *HOSTILE, *ATTACKS])
    return data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The example with an attack appended to every free-text field, names included; partner edition,
    built from a project without mkdocs.yml (the default site name comes from company.yml)."""
    project = copy_example(tmp_path_factory.mktemp("hostile-browser"))
    (project / "mkdocs.yml").unlink()
    for path in sorted((project / "content").rglob("*.yml")) + sorted((project / "playbooks").glob("*.yml")):
        rewrite_yaml(path, lambda data, path=path: _attack(_poison(data), path))
    site = tmp_path_factory.mktemp("hostile-browser-site")
    result = build(project, site, "--audience", "partner")
    assert result.exit_code == 0, result.output
    with served(site) as url:
        yield site, url


@pytest.fixture
def guarded(browser):
    """A page that records requests to other hosts (and blocks them) and CSP violations."""
    context = browser.new_context(service_workers="block")
    context.set_default_timeout(30_000)  # the suite shares two cores with builds
    external: list[str] = []
    record_outside_requests(context, external.append)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page, external, violations, dialogs
    context.close()


# Material builds a tooltip from an element's title when the pointer enters it or it takes the
# focus: do that to every element with a title, in one round trip per page.
ENTER_EVERY_TITLED = """() => {
    for (const element of document.querySelectorAll('[title]')) {
        for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter'])
            element.dispatchEvent(new MouseEvent(type, {bubbles: type.endsWith('over')}));
        element.dispatchEvent(new FocusEvent('focus'));
    }
    return document.querySelectorAll('[title]').length;
}"""


def test_no_page_of_a_poisoned_playbook_runs_script(hostile_site, guarded):
    site, url = hostile_site
    page, external, _violations, dialogs = guarded
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) > 20
    titled = 0
    for path in pages:
        page.goto(url + path, wait_until="load")
        assert page.evaluate(HAS_CONTENT), path
        titled += page.evaluate(ENTER_EVERY_TITLED)
        page.wait_for_timeout(20)  # let whatever the events start run
        assert page.evaluate(f"typeof {PROBE}") == "undefined", path
    assert dialogs == [] and external == [] and titled > len(pages)
    home = page.goto(url, wait_until="load")
    assert home is not None and "Packwell Systems" in page.title()


def test_the_policy_blocks_an_injected_image_and_inline_handler(hostile_site, guarded, tmp_path):
    """As if a theme bug had let markup through: the policy, not the sanitizer, must stop it."""
    site, url = hostile_site
    page, external, violations, _dialogs = guarded
    target = site / "index.html"
    html = target.read_text(encoding="utf-8")
    injected = (
        '<img id="pixel" src="https://tracker.example/pixel.png" alt="">'
        f'<img id="handler" src="missing.png" onerror="{PROBE}=\'handler\'" alt="">'
        f"<script>{PROBE}='inline'</script>"
    )
    target.write_text(html.replace("</article>", injected + "</article>", 1), encoding="utf-8")
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)  # let the image error fire, had it been allowed
        assert page.evaluate(f"typeof {PROBE}") == "undefined"
        assert external == []  # the policy stopped it before any request was made
        assert any("tracker.example" in v for v in violations), violations
        assert any("inline" in v.lower() or "script" in v.lower() for v in violations), violations
    finally:
        target.write_text(html, encoding="utf-8")


def test_the_site_itself_breaks_no_rule_of_its_policy(hostile_site, guarded):
    site, url = hostile_site
    page, _external, violations, _dialogs = guarded
    for path in ("", "segments/", "library/", "404.html"):
        page.goto(url + path, wait_until="load")
        page.wait_for_timeout(200)
    assert violations == []

""" "Report a problem" links: from a page of the internal edition to the field-insight form,
pre-filled with the page and the entity, or, without a form, an e-mail to the entity's owner.

Partner and public readers have no way into the team's issue tracker or inboxes, so every
other edition gets no link at all (tests/test_editions.py checks that none leaks).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def report_url(settings, page, entity=None) -> str | None:
    """Where a seller reports a problem with `page` (about `entity`, when it has one). Only
    paths and ids go into the link: they identify the page and are safe in any URL."""
    if settings.audience != "internal":
        return None
    name = page.path.removesuffix(".md").removesuffix("/index")
    where = f"Page: {name}"
    if entity is not None:
        where += f"\nEntity: {entity.kind}/{entity.id} ({entity.rel})"
    title = f"Problem on {name}"
    if settings.insight_form_url:
        separator = "&" if "?" in settings.insight_form_url else "?"
        fields = {"title": title, "observation": f"What is wrong or missing:\n\n{where}"}
        return settings.insight_form_url + separator + urlencode(fields, quote_via=quote)
    owner = _owner_email(entity, page)
    if owner is None:
        return None
    return f"mailto:{owner}?" + urlencode({"subject": title, "body": where}, quote_via=quote)


def _owner_email(entity, page) -> str | None:
    """The owner's e-mail address: the entity's, else (for a brief) the persona's or segment's."""
    candidates = [entity] if entity is not None else []
    seat = page.context.get("seat")
    if seat is not None:
        candidates += [seat.persona, seat.segment]
    for candidate in candidates:
        found = EMAIL.search(getattr(candidate, "owner", None) or "")
        if found:
            return found.group(0)
    return None

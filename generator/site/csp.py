"""The Content-Security-Policy of a rendered page: the theme's own inline scripts are allowed by
their SHA-256 hashes, computed from the page as written (they differ per page, since they hold
the page's path to the site root), in place of the placeholder the theme override writes."""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "'nonce-PLAYBOOK-INLINE-SCRIPTS'"
# The templates' own <style> elements (the company's colours, the print header and footer with
# the page's address) are allowed the same way; Markdown from content never carries a <style>
# (the sanitizer drops it), and style attributes stay forbidden.
STYLE_PLACEHOLDER = "'nonce-PLAYBOOK-INLINE-STYLES'"
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_INLINE_STYLE = re.compile(r"<style(?P<attrs>[^>]*)>(?P<body>.*?)</style>", re.DOTALL | re.IGNORECASE)
_DATA_TYPES = re.compile(r"""\btype\s*=\s*["']?application/(ld\+)?json""", re.IGNORECASE)


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources for every inline script that a browser would run, in page order."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE) or _DATA_TYPES.search(attrs):
            continue
        hashes.append(_source(match["body"]))
    return list(dict.fromkeys(hashes))


def inline_style_hashes(html: str) -> list[str]:
    """'sha256-…' sources for every <style> element of the page, in page order."""
    return list(dict.fromkeys(_source(match["body"]) for match in _INLINE_STYLE.finditer(html)))


def _source(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def apply_policy(html: str, *, offline: bool = False) -> str:
    """The page with its policy naming exactly the inline scripts it holds (none: nothing).

    The offline edition runs search through an iframe shim that writes its own inline scripts
    into a blank frame, which inherits the policy and whose scripts cannot be hashed at build
    time: there, inline scripts are allowed ('unsafe-inline', which browsers ignore as soon as a
    hash is listed, so no hash is listed). Images, styles, fonts and connections stay local."""
    if PLACEHOLDER not in html:
        return html
    allowed = "'unsafe-inline'" if offline else " ".join(inline_script_hashes(html))
    styles = " ".join(inline_style_hashes(html))
    return html.replace(PLACEHOLDER, allowed, 1).replace(" " + STYLE_PLACEHOLDER, " " + styles if styles else "", 1)

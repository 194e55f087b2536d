"""The Diagnostic type, the catalogue of codes, and the text / json / github / gitlab reporters.

Every stage of the pipeline returns diagnostics instead of raising, so that a check
reports every problem in the project at once.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

ERROR = "error"
WARNING = "warning"

# Stable, documented codes. A code never changes meaning once released; add new ones.
CODES: dict[str, str] = {
    "E100": "YAML syntax error",
    "E101": "duplicate key in a mapping",
    "E102": "file is not UTF-8 text",
    "E103": "tab character used for indentation",
    "E104": "file is empty, holds more than one document, or its top level is not a mapping",
    "E105": "YAML tag that is not plain data (for example a Python tag)",
    "E106": "alias expansion too large (for example a billion-laughs file)",
    "E107": "file too large",
    "E108": "nesting too deep",
    "E109": "mapping key that is not plain text",
    "E110": "file name is not a valid id",
    "E111": "two files give the same id",
    "E112": "file or folder the playbook does not know",
    "E113": "symbolic link or special file (never followed, read or published)",
    "E200": "unknown field",
    "E201": "missing required field",
    "E202": "wrong type",
    "E203": "unknown value for a field with fixed choices",
    "E204": "reference to an id that does not exist",
    "E205": "invalid id",
    "E206": "duplicate id inside a list",
    "E207": "URL with a scheme other than http, https or mailto",
    "E208": "file missing or outside content/",
    "E209": "value out of range or malformed",
    "E210": "asset gives both url and file",
    "E211": "Markdown field too long or with too much markup to render in bounded time",
    "E212": "attachment or picture that is a content file or can run script (HTML, SVG)",
    "E213": "attachment shared with an asset of another audience",
    "E214": "picture in Markdown that is not a PNG, JPEG, GIF, WebP or AVIF image",
    "E215": "Markdown link the site cannot follow: a path, or neither a playbook page nor an http, https or mailto address",
    "E220": "personas whose reports_to lines form a loop",
    "E230": "error in one of the project's own templates (site_templates/), reported by build and serve",
    "W300": "stale entity: its review_by date has passed",
    "W301": "asset that nothing references and that names no segment, persona or stage",
    "W302": "buying-committee member with no value proposition covering them",
    "W303": "file under content/ or playbooks/ that is not content and that nothing attaches or shows",
    "W304": "picture in Markdown from another site or a data: URL: only its description is shown",
    "W310": "text cut short by ' #', which starts a comment",
    "W311": "number that looks written with a thousands separator (38.000 is read as 38)",
    "W312": "list in [ ] split at a comma that looks part of an item",
    "W320": "asset with nothing to open: no url, file or body",
    "W330": "glossary word given twice, as a term or a synonym",
    "W331": "brand or accent colour too light for readable text (contrast below 4.5:1 with white)",
    "E900": "internal error in the generator",
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a file of the project (path relative to the project root)."""

    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str

    def __post_init__(self) -> None:
        # Messages quote content (keys, ids, values, file names): keep every diagnostic on one line,
        # so that no content can break or forge a line of the text report.
        if _CONTROL.search(self.message):
            object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        return f"{one_line(self.file)}:{self.line}:{self.column}: {self.severity}[{self.code}]: {self.message}"


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """`text` with line breaks and other control characters written as escapes (\\n, \\u0007)."""
    return _CONTROL.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def error(file: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(file, line, column, ERROR, code, message)


def warning(file: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(file, line, column, WARNING, code, message)


def finalize(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> list[Diagnostic]:
    """Sort by file and position, drop exact repeats, and promote warnings under --strict."""
    unique = set(diagnostics)
    if strict:
        unique = {replace(d, severity=ERROR) for d in unique}
    return sorted(unique)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)


def report_text(diagnostics: list[Diagnostic]) -> str:
    return "".join(f"{d}\n" for d in diagnostics)


def report_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


def _escape_github(value: str, *, property_value: bool = False) -> str:
    # GitHub workflow commands use %-escapes for these characters.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def report_github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        file = _escape_github(d.file, property_value=True)
        title = _escape_github(f"{d.code}", property_value=True)
        message = _escape_github(d.message)
        lines.append(f"::{d.severity} file={file},line={d.line},col={d.column},title={title}::{message}\n")
    return "".join(lines)


# GitLab's Code Quality scale is info, minor, major, critical, blocker: an error blocks the merge
# request in practice, so it ranks "major"; a warning is "minor".
_GITLAB_SEVERITY = {ERROR: "major", WARNING: "minor"}


def report_gitlab(diagnostics: list[Diagnostic]) -> str:
    """A GitLab Code Quality report (JSON), shown inline on the merge request's changed lines.

    The fingerprint identifies a problem across pipelines, so it leaves out the line (an edit
    above it must not make it "new"); a counter keeps repeats of one message in a file apart.
    """
    seen: dict[tuple, int] = {}
    issues = []
    for d in diagnostics:
        key = (d.file, d.code, d.message)
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha256("\0".join([*key, str(seen[key])]).encode("utf-8")).hexdigest()[:32]
        issues.append(
            {
                "description": f"{d.code}: {d.message}",
                "check_name": d.code,
                "fingerprint": digest,
                "severity": _GITLAB_SEVERITY.get(d.severity, "info"),
                "location": {"path": d.file, "lines": {"begin": d.line}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


REPORTERS = {"text": report_text, "json": report_json, "github": report_github, "gitlab": report_gitlab}

"""docs/format.md, the content format in the repository: hand-written rules around field tables
rendered from the models, so the tables can never disagree with what `check` accepts.

`python -m generator.authoring.format_doc` rewrites the tables in place; tests/test_format_doc.py
fails while they are out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2

from generator.model import reference
from generator.site.render import BUNDLED_TEMPLATES

BEGIN = "<!-- fields: generated from the models by `python -m generator.authoring.format_doc`; do not edit -->"
END = "<!-- end of fields -->"
DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"


def field_tables() -> str:
    env = jinja2.Environment(  # Markdown out, so nothing is HTML-escaped
        loader=jinja2.FileSystemLoader(str(BUNDLED_TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    template = env.get_template("docs/fields.md.j2")
    return template.render(kinds=reference.kinds(), common_fields=reference.common_fields()).strip() + "\n"


def with_tables(text: str) -> str:
    """`text` with the part between the markers replaced by the current field tables."""
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{field_tables()}{END}{tail}"


def main() -> int:
    DOC.write_text(with_tables(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"rewrote the field tables of {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The two floors our timings are compared with (bench/run.py runs both in fresh processes).

    python bench/floor.py parse PROJECT_DIR
        The parse floor: a bare interpreter that reads every YAML file of the project and parses
        it with libyaml (yaml.CSafeLoader), nothing else. Prints the number of files.

    python bench/floor.py engine PROJECT_DIR OUT_DIR
        Writes the engine-floor project into OUT_DIR (docs/ and mkdocs.yml): one plain Markdown
        page for every page of our site, at the same path, carrying the same visible text as
        headings and paragraphs (no tables, links, HTML or classes), with the same navigation
        (only the section pages), the same theme settings (font: false) and Markdown extensions,
        and the search plugin. Building it with `mkdocs build` is what MkDocs Material costs for
        that many pages of that much text: the floor for `playbook build`. Prints a JSON summary.

The parse floor imports nothing but yaml, so it runs in any interpreter with PyYAML; the engine
floor imports the generator, to render our pages.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

YAML_FOLDERS = ("content", "playbooks")


def yaml_files(root: Path) -> list[Path]:
    """Every YAML file `playbook check` reads: everything under content/ and playbooks/."""
    files: list[Path] = []
    for folder in YAML_FOLDERS:
        base = root / folder
        if base.is_dir():
            files.extend(p for p in base.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
    return sorted(files)


def parse_floor(root: Path) -> int:
    import yaml

    loader = yaml.CSafeLoader
    count = 0
    for path in yaml_files(root):
        with open(path, "rb") as fh:
            yaml.load(fh.read().decode("utf-8"), Loader=loader)
        count += 1
    return count


# ---------------------------------------------------------------------------------------------
# Engine floor

BLOCKS = {
    "p",
    "li",
    "td",
    "th",
    "dt",
    "dd",
    "div",
    "tr",
    "table",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "details",
    "summary",
    "section",
    "br",
    "hr",
    "text",
    "svg",
    "g",
    "title",
    "caption",
    "header",
    "footer",
    "nav",
    "article",
    "aside",
}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
INVISIBLE = {"script", "style", "template"}
SEPARATED = {"span", "a", "button", "label", "img", "abbr"}  # inline boxes shown apart from their neighbours
# Characters that would make plain text Markdown syntax again.
_ESCAPES = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|!~"} | {"&": "&amp;"})


def visible_blocks(html_text: str) -> list[tuple[int, str]]:
    """(heading level or 0 for a paragraph, text) for every block of visible text in html_text."""
    from html.parser import HTMLParser

    class Blocks(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.out: list[tuple[int, str]] = []
            self.buf: list[str] = []
            self.level = 0
            self.hidden = 0

        def flush(self) -> None:
            text = " ".join("".join(self.buf).split())
            if text:
                self.out.append((self.level, text))
            self.buf = []

        def handle_starttag(self, tag, attrs):
            if tag in INVISIBLE:
                self.hidden += 1
            elif tag in HEADINGS:
                self.flush()
                self.level = HEADINGS[tag]
            elif tag in BLOCKS:
                self.flush()
            elif tag in SEPARATED:
                self.buf.append(" ")

        def handle_endtag(self, tag):
            if tag in INVISIBLE:
                self.hidden = max(0, self.hidden - 1)
            elif tag in HEADINGS:
                self.flush()
                self.level = 0
            elif tag in BLOCKS:
                self.flush()
            elif tag in SEPARATED:
                self.buf.append(" ")

        def handle_data(self, data):
            if not self.hidden and data != "¶":  # a heading's permanent link, not text
                self.buf.append(data)

    parser = Blocks()
    parser.feed(html_text)
    parser.close()
    parser.flush()
    return parser.out


def plain_markdown(blocks: list[tuple[int, str]], title: str) -> str:
    """Headings and paragraphs only; the page starts with its title as h1, as ours do."""
    lines: list[str] = []
    if not blocks or blocks[0][0] != 1:
        lines.append(f"# {title.translate(_ESCAPES)}\n")
    for level, text in blocks:
        text = text.translate(_ESCAPES)
        lines.append(f"{'#' * level} {text}\n" if level else f"{text}\n")
    return "\n".join(lines)


def floor_config(docs_dir: Path, nav: list[tuple[str, str]]) -> dict:
    """The engine floor's mkdocs.yml: our theme settings and Markdown extensions, search, no plugin of ours."""
    from generator.adapters.mkdocs.config import MARKDOWN_EXTENSIONS, THEME

    return {
        "site_name": "Engine floor",
        "docs_dir": str(docs_dir),
        "theme": {**THEME, "font": False},
        "plugins": ["search"],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "nav": [{title: path} for title, path in nav],
    }


def write_engine_floor(project: Path, out_dir: Path) -> dict:
    """Render our pages, strip them to their visible text and write the floor project."""
    import yaml

    from generator.site.edition import Options, prepare_site

    site = prepare_site(project.resolve(), Options())
    if not site.html:
        problems = "\n".join(str(d) for d in site.diagnostics[:20])
        raise SystemExit(f"floor: the project has errors, no pages rendered:\n{problems}")
    docs = out_dir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    text_chars = 0
    for path, source in site.html.items():
        blocks = visible_blocks(source)
        text_chars += sum(len(t) for _, t in blocks)
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_markdown(blocks, site.pages[path].title), encoding="utf-8")
    config = floor_config(docs.resolve(), site.nav)
    (out_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return {
        "pages": len(site.html),
        "nav": len(site.nav),
        "text_chars": text_chars,
        "html_chars": sum(len(s) for s in site.html.values()),
    }


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "parse":
        print(parse_floor(Path(argv[1])))
        return 0
    if len(argv) == 3 and argv[0] == "engine":
        print(json.dumps(write_engine_floor(Path(argv[1]), Path(argv[2]))))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

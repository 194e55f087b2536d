"""The pipeline's shape, as the folders of generator/ show it: imports run one way only.

load -> model -> catalog -> site -> adapters -> authoring -> cli; diagnostics.py and suggest.py
sit below them all. Only the MkDocs adapter imports an engine, and nothing below site/ imports
the rendering libraries.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

LAYERS = ["diagnostics", "suggest", "load", "model", "catalog", "site", "adapters", "authoring", "cli", "__main__"]
RANK = {name: rank for rank, name in enumerate(LAYERS)}
RANK["suggest"] = RANK["diagnostics"]  # two leaves of the same level
RANK["cli_base"] = RANK["cli"]  # what the commands share
ENGINES = {"mkdocs", "material"}
RENDERING = {"jinja2", "markdown", "nh3", "markupsafe", "pymdownx"}
# Third-party packages each stage may import, beyond the standard library.
ALLOWED_THIRD_PARTY = {
    "diagnostics": set(),
    "suggest": set(),
    "load": {"yaml"},
    "model": {"pydantic", "pydantic_core", "yaml"},
    "catalog": {"pydantic"},
}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "starter" not in p.parts)


def stage_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, as absolute dotted names."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: use absolute imports (generator.<stage>.<module>)"
            found.add(node.module or "")
            if node.module == "generator":
                found.update(f"generator.{alias.name}" for alias in node.names)
    return found


def own_stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "generator" and len(parts) > 1 else None


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_never_run_back_up_the_pipeline(path):
    here = stage_of(path)
    upward = [m for m in imports_of(path) if own_stage(m) and RANK[own_stage(m)] > RANK[here]]
    assert upward == [], f"{here} must not import a later stage: {upward}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_the_mkdocs_adapter_imports_an_engine(path):
    engines = {m for m in imports_of(path) if m.split(".")[0] in ENGINES}
    in_adapter = path.relative_to(PACKAGE).parts[:2] == ("adapters", "mkdocs")
    assert in_adapter or not engines, f"{path.name} imports {engines}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_stages_below_site_import_only_their_own_libraries(path):
    here = stage_of(path)
    if here not in ALLOWED_THIRD_PARTY:
        return
    import sys

    outside = {
        m.split(".")[0]
        for m in imports_of(path)
        if m.split(".")[0] not in sys.stdlib_module_names and m.split(".")[0] not in ("generator", "__future__")
    }
    assert outside <= ALLOWED_THIRD_PARTY[here], f"{here} imports {outside - ALLOWED_THIRD_PARTY[here]}"
    assert not outside & RENDERING


def test_the_layer_test_can_fail(tmp_path):
    # A load module that imports the catalog is exactly what the test above must catch.
    bad = tmp_path / "bad.py"
    bad.write_text("from generator.catalog.catalog import Catalog\n", encoding="utf-8")
    upward = [m for m in imports_of(bad) if own_stage(m) and RANK[own_stage(m)] > RANK["load"]]
    assert upward == ["generator.catalog.catalog"]

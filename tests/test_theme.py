"""Theme environments (generator/adapters/mkdocs/theme.py): the same theme files as MkDocs' own,
with installed folders listed once per process and every template compiled once."""

from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

from generator.adapters.mkdocs import theme as theme_module
from generator.adapters.mkdocs.theme import ThemeLoader, quicken
from generator.site.compiled import COMPILED

from .sitebuild import REPO


def _folder(root, files: dict[str, str]):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_listing_is_jinjas_without_hidden_files(tmp_path):
    own = _folder(tmp_path / "own", {"main.html": "", "assets/a.css": "", ".hidden/x.svg": "", "b/.secret": ""})
    theme = _folder(tmp_path / "theme", {"main.html": "", "assets/b.js": ""})
    assert ThemeLoader([str(own), str(theme)]).list_templates() == ["assets/a.css", "assets/b.js", "main.html"]


def test_an_installed_folder_is_listed_once_and_a_project_folder_every_time(tmp_path, monkeypatch):
    installed = _folder(tmp_path / "site-packages/theme", {"main.html": ""})
    project = _folder(tmp_path / "project/overrides", {"home.html": ""})
    monkeypatch.setattr(theme_module, "INSTALLED", ((tmp_path / "site-packages").resolve(),))
    loader = ThemeLoader([str(project), str(installed)])
    assert loader.list_templates() == ["home.html", "main.html"]
    _folder(installed, {"new.html": ""})
    _folder(project, {"partials/new.html": ""})
    assert loader.list_templates() == ["home.html", "main.html", "partials/new.html"]


def test_every_environment_of_a_quickened_theme_lists_and_compiles_through_ours():
    theme = Theme(name="mkdocs")
    quicken(theme)
    quicken(theme)  # a second call (every serve rebuild loads the configuration again) wraps nothing
    env = theme.get_env()
    assert isinstance(env.loader, ThemeLoader) and env.bytecode_cache is COMPILED
    assert env.get_template("main.html").name == "main.html"


def test_a_build_copies_the_same_theme_files_as_mkdocs_would(tmp_path):
    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    theirs = Files([])
    theirs.add_files_from_theme(config.theme.get_env(), config)
    quicken(config.theme)
    ours = Files([])
    ours.add_files_from_theme(config.theme.get_env(), config)
    assert sorted(f.src_uri for f in ours) == sorted(f.src_uri for f in theirs)
    assert len(theirs) > 20  # Material's stylesheets, scripts and search


def test_a_hidden_file_left_out_of_the_listing_still_loads():
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    quicken(config.theme)
    env = config.theme.get_env()
    icon = ".icons/material/account.svg"  # Material's icons sit in a hidden folder
    assert icon not in env.list_templates()
    assert env.loader is not None and "<svg" in env.loader.get_source(env, icon)[0]

"""Running MkDocs for `playbook build` and `playbook serve` (the MkDocs adapter, with plugin.py)."""

from __future__ import annotations

import logging
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .check import CheckResult
from .config import configured_docs_dir, default_config, write_config
from .site import Options

ENGINE_ERRORS = (Abort, ConfigurationError, PluginError)


class EngineError(Exception):
    """MkDocs refused the configuration or failed the build; the message says why."""


@contextmanager
def config_file(root: Path) -> Iterator[tuple[Path, dict]]:
    """The project's mkdocs.yml (or a built-in default written to a temporary folder), and the
    overrides it needs: every page is generated, so a missing docs_dir gets an empty stand-in."""
    own = root / "mkdocs.yml"
    with tempfile.TemporaryDirectory(prefix="playbook-config-") as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        if not own.is_file():
            yield write_config(Path(tmp) / "mkdocs.yml", default_config(root, docs)), {}
            return
        declared = configured_docs_dir(own)
        yield own, ({} if (root / declared).is_dir() else {"docs_dir": str(docs)})


def _plugin(config):
    plugin = config.plugins.get("playbook")
    if plugin is None:
        raise EngineError("mkdocs.yml does not enable the playbook plugin: add '- playbook' under plugins:")
    return plugin


def _add_offline_plugin(config) -> None:
    """Material's offline plugin, as if `- offline` were listed in mkdocs.yml: no directory URLs
    and the search index inlined as a script, so the site works opened from disk (file://)."""
    from material.plugins.offline.plugin import OfflinePlugin

    from .plugin import OFFLINE_PLUGINS

    if any(name in config.plugins for name in OFFLINE_PLUGINS):
        return
    offline = OfflinePlugin()
    errors, _warnings = offline.load_config({}, config.config_file_path)
    if errors:
        raise EngineError(f"the offline plugin refused its configuration: {errors}")
    config.plugins["material/offline"] = offline


def build(root: Path, site_dir: Path, options: Options, result: CheckResult, *, strict_links: bool = False) -> None:
    """Build the site for `options.audience` into `site_dir` (a fresh folder)."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with config_file(root) as (path, overrides):
        try:
            config = load_config(config_file=str(path), site_dir=str(site_dir), strict=strict_links, **overrides)
            plugin = _plugin(config)
            plugin.config["audience"] = options.audience
            plugin.config["drafts"] = options.drafts
            plugin.config["strict"] = options.strict
            plugin.config["project_dir"] = str(root)
            if options.offline:
                plugin.config["offline"] = True
                _add_offline_plugin(config)
            plugin.preloaded = result
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except ENGINE_ERRORS as exc:
            raise EngineError(str(exc)) from None


class _QuietDirty(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def serve(root: Path, options: Options, dev_addr: str | None) -> None:
    """Serve the site with live reload; the plugin watches content/, playbooks/ and site_templates/.

    MkDocs reloads its configuration on every rebuild, so the options travel as environment
    variables that the plugin reads (PLAYBOOK_AUDIENCE, PLAYBOOK_DRAFTS, PLAYBOOK_PROJECT_DIR).
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    os.environ["PLAYBOOK_AUDIENCE"] = options.audience
    os.environ["PLAYBOOK_DRAFTS"] = "1" if options.drafts else ""
    os.environ["PLAYBOOK_PROJECT_DIR"] = str(root)
    # A "dirty" build writes only the pages whose HTML changed; the plugin knows which, and keeps
    # the search index whole, so MkDocs' warning about dirty builds does not apply.
    logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirty())
    with config_file(root) as (path, overrides):
        if dev_addr:
            overrides["dev_addr"] = dev_addr
        try:
            mkdocs_serve(config_file=str(path), livereload=True, build_type="dirty", **overrides)
        except ENGINE_ERRORS as exc:
            raise EngineError(str(exc)) from None

"""Running MkDocs for `playbook build` and `playbook serve` (the MkDocs adapter, with plugin.py)."""

from __future__ import annotations

import logging
import os
import socket
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from watchdog import events
from watchdog.observers import Observer

from generator.adapters.mkdocs.preview import PreviewServer
from generator.adapters.mkdocs.settings import (
    ENGINE_ERRORS,
    EngineError,
    config_file,
    configured_edition,
    load,
    playbook_plugin,
)
from generator.catalog.check import CheckResult
from generator.site.edition import Options

__all__ = ["EngineError", "PortInUse", "build", "serve"]


class PortInUse(EngineError):
    """The address to serve on is taken (another `playbook serve`, or any other server)."""


def _refuse_a_taken_port(host: str, port: int) -> None:
    """Fail before building when the port is taken: the server would only find out after the
    whole first build, as a traceback."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise PortInUse(
            f"cannot serve on {host}:{port}: {exc.strerror or exc}; stop the other server or choose another "
            f"port, for example --dev-addr {host}:{port + 1}"
        ) from None


def _add_offline_plugin(config) -> None:
    """Material's offline plugin, as if `- offline` were listed in mkdocs.yml: no directory URLs
    and the search index inlined as a script, so the site works opened from disk (file://)."""
    from material.plugins.offline.plugin import OfflinePlugin

    from generator.adapters.mkdocs.plugin import OFFLINE_PLUGINS

    if any(name in config.plugins for name in OFFLINE_PLUGINS):
        return
    offline = OfflinePlugin()
    errors, _warnings = offline.load_config({}, config.config_file_path)
    if errors:
        raise EngineError(f"the offline plugin refused its configuration: {errors}")
    config.plugins["material/offline"] = offline


def build(
    root: Path,
    site_dir: Path,
    options: Options,
    result: CheckResult,
    *,
    audience: str | None = None,
    strict_links: bool = False,
) -> str:
    """Build one edition into `site_dir` (a fresh folder) and say which: `audience` when given,
    else the one the playbook plugin is configured with (never a guess)."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with config_file(root) as (path, overrides):
        config = load(path, site_dir=str(site_dir), strict=strict_links, **overrides)
        plugin = playbook_plugin(config)
        if audience is not None:
            plugin.config["audience"] = audience
        built = configured_edition(config)
        try:
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
    return built


class _QuietDirty(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def serve(root: Path, options: Options, dev_addr: str | None, *, audience: str | None = None) -> None:
    """Serve the site with live reload; the plugin watches content/, playbooks/ and site_templates/.

    This is MkDocs' own development server (LiveReloadServer) with three differences: changes are
    noticed by the operating system (inotify on Linux) instead of polling every file twice a
    second, which delayed every rebuild and competed with it for the interpreter on a large
    playbook; a save that breaks the playbook is reported as diagnostics, in the terminal and
    over the page in the browser, not as a traceback, while the last good site stays served
    (a playbook with errors from the start is served with them shown); and live reload runs
    from a script the pages' Content-Security-Policy allows (preview.py).
    MkDocs reloads its configuration on every rebuild, so the options travel as environment
    variables that the plugin reads while serving (PLAYBOOK_AUDIENCE, PLAYBOOK_DRAFTS,
    PLAYBOOK_PROJECT_DIR); without `audience` the plugin keeps the edition it is configured with.
    """
    if audience is None:
        os.environ.pop("PLAYBOOK_AUDIENCE", None)
    else:
        os.environ["PLAYBOOK_AUDIENCE"] = audience
    os.environ["PLAYBOOK_DRAFTS"] = "1" if options.drafts else ""
    os.environ["PLAYBOOK_PROJECT_DIR"] = str(root)
    # A "dirty" build writes only the pages whose HTML changed; the plugin knows which, and keeps
    # the search index whole, so MkDocs' warning about dirty builds does not apply.
    logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirty())
    with config_file(root) as (path, overrides), tempfile.TemporaryDirectory(prefix="playbook-serve-") as site_dir:
        if dev_addr:
            overrides["dev_addr"] = dev_addr
        try:
            _serve(lambda: load(path, site_dir=site_dir, **overrides), site_dir, root)
        except ENGINE_ERRORS as exc:
            raise EngineError(str(exc)) from None


class _EditsObserver(Observer):  # type: ignore[misc,valid-type]  # watchdog picks the platform's class at run time
    """The platform's file watcher (inotify on Linux), told only of edits: every rebuild opens
    files under the watched folders, and those reads must not start another rebuild."""

    EDITS = [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.FileClosedEvent,
        events.DirCreatedEvent,
        events.DirDeletedEvent,
        events.DirMovedEvent,
    ]

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **options):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=self.EDITS, **options)


def _serve(reload, site_dir: str, root: Path) -> None:
    config = reload()
    plugin = playbook_plugin(config)
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path.strip("/")
    url = f"http://{host}:{port}/" + (f"{mount_path}/" if mount_path else "")
    _refuse_a_taken_port(host, port)
    log = logging.getLogger("mkdocs")

    def build_for_serve(current) -> None:
        current.site_url = url
        mkdocs_build(current, serve_url=url, dirty=True)

    def attempt(load_config) -> None:
        """Build; on errors keep the last good site served and show the errors over it."""
        plugin.errors = []
        try:
            build_for_serve(load_config())
        except (EngineError, *ENGINE_ERRORS) as exc:
            # The plugin has logged the diagnostics. Raising would make MkDocs print a traceback.
            server.show_errors(plugin.errors, None if plugin.errors else str(exc))
            log.error("The site was not rebuilt: fix the errors above and save again (the browser shows them too).")
            return
        if server.clear_errors():
            print("The errors are fixed: the site is rebuilt.", file=sys.stderr, flush=True)

    server = PreviewServer(
        builder=lambda: attempt(reload), host=host, port=port, root=site_dir, mount_path=mount_path, project_root=root
    )
    server.observer = _EditsObserver()  # the platform's change notification, not MkDocs' polling
    server.error_handler = lambda code: _error_page(site_dir, code)
    try:
        attempt(lambda: config)  # a playbook with errors from the start is served with them shown
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=server.builder)
        for item in config.watch:
            server.watch(item)
        print(f"Serving the playbook at {url}  (Ctrl+C to stop)", file=sys.stderr, flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()


def _error_page(site_dir: str, code: int) -> bytes | None:
    page = Path(site_dir) / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None

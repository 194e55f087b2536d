"""A project's MkDocs configuration as MkDocs itself loads it, and the edition it asks for.

The edition is a security boundary, so it is decided once, here, from the configuration MkDocs
builds from (INHERIT, !ENV and !relative included), never from a second reading of mkdocs.yml.
When that configuration cannot be loaded, commands stop with the reason instead of guessing.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from generator.adapters.mkdocs.config import default_config, write_config
from generator.model.fields import AUDIENCES

ENGINE_ERRORS = (Abort, ConfigurationError, PluginError)


class EngineError(Exception):
    """MkDocs refused the configuration or failed the build; the message says why."""


@dataclass(frozen=True)
class SiteSettings:
    audience: str  # the edition the playbook plugin is configured for
    site_url: str
    directory_urls: bool


class _Collect(logging.Handler):
    """MkDocs logs what is wrong with a configuration and then raises a bare 'Aborted'."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _declared_docs_dir(path: Path) -> Path:
    """docs_dir as MkDocs reads the file (after INHERIT and !ENV), before it validates it."""
    raw = MkDocsConfig(config_file_path=str(path))
    with open(path, "rb") as handle:
        raw.load_file(handle)
    value = raw.get("docs_dir")
    return path.parent / (value if isinstance(value, str) and value else "docs")


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
        try:
            declared = _declared_docs_dir(own)
        except (OSError, *ENGINE_ERRORS) as exc:
            raise EngineError(f"cannot read {own.name}: {exc}") from None
        yield own, ({} if declared.is_dir() else {"docs_dir": str(docs)})


def load(path: Path, **overrides) -> MkDocsConfig:
    """MkDocs' own load_config; its complaints become one EngineError that names them."""
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        return load_config(config_file=str(path), **overrides)
    except (OSError, *ENGINE_ERRORS) as exc:
        reasons = "; ".join(collect.messages) or str(exc) or exc.__class__.__name__
        raise EngineError(f"{path.name} cannot be loaded: {reasons}") from None
    finally:
        logger.removeHandler(collect)


def playbook_plugin(config: MkDocsConfig):
    plugin = config.plugins.get("playbook")
    if plugin is None:
        raise EngineError("mkdocs.yml does not enable the playbook plugin: add '- playbook' under plugins:")
    return plugin


def configured_edition(config: MkDocsConfig) -> str:
    """The audience the playbook plugin was configured with; refuses anything unexpected."""
    audience = playbook_plugin(config).config.get("audience")
    if audience not in AUDIENCES:
        raise EngineError(f"cannot tell which edition to build: the playbook plugin's audience is {audience!r}")
    return audience


def site_settings(root: Path) -> SiteSettings:
    """What `playbook export` needs from the configuration MkDocs would build with."""
    with config_file(root) as (path, overrides):
        config = load(path, **overrides)
        return SiteSettings(configured_edition(config), config.site_url or "", bool(config.use_directory_urls))

"""The generator as a published package: its name on the index and the install spec of this version."""

from __future__ import annotations

from importlib import metadata

# The name the generator is published under (`pip install customer-value-playbook`); the command
# stays `playbook` and the import package `generator`. Checked unclaimed on PyPI on 2026-11-27.
DISTRIBUTION = "customer-value-playbook"


def installed_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0.1.0"


def default_generator_spec() -> str:
    """This very version of the generator, pinned: a project's CI then checks with the rules its
    content was written against, and a generator upgrade is a deliberate one-line change."""
    return f"{DISTRIBUTION}=={installed_version()}"

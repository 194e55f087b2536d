"""All-or-nothing publishing: build into a temporary folder beside the target, swap it in only
on success, and never delete a folder the generator did not create.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

MARKER = ".playbook-site"
T = TypeVar("T")


class SiteDirRefused(Exception):
    """The target exists and is not a site this generator made."""


def check_target(site_dir: Path) -> None:
    """Refuse to replace anything but an empty folder or a site we built (it carries MARKER)."""
    if not site_dir.exists() and not site_dir.is_symlink():
        return
    if site_dir.is_symlink() or not site_dir.is_dir():
        raise SiteDirRefused(f"{site_dir} exists and is not a folder; choose another --site-dir")
    if (site_dir / MARKER).is_file():
        return
    if any(site_dir.iterdir()):
        raise SiteDirRefused(
            f"{site_dir} is not empty and was not built by playbook (it has no {MARKER} file); "
            "refusing to replace it. Choose an empty or new --site-dir, or delete the folder yourself."
        )


@contextlib.contextmanager
def staging(site_dir: Path) -> Iterator[Path]:
    """A fresh folder beside `site_dir`, removed again unless `publish` moved it into place."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; a published site is read by web servers
    try:
        yield tmp
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def publish(staged: Path, site_dir: Path) -> None:
    """Swap the staged site into place: rename old away, rename new in, then delete the old."""
    (staged / MARKER).write_text("Built by playbook. This whole folder is replaced on every build.\n", encoding="utf-8")
    check_target(site_dir)  # again, in case the folder changed while we built
    old = None
    if site_dir.exists():
        old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
        os.replace(site_dir, old)
    try:
        os.replace(staged, site_dir)
    except OSError:
        if old is not None:
            os.replace(old, site_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_atomically(site_dir: Path, build: Callable[[Path], T]) -> T:
    """Run `build(folder)` into a staging folder and publish it only if it returns normally;
    returns what `build` returned."""
    site_dir = site_dir.absolute()
    check_target(site_dir)
    with staging(site_dir) as tmp:
        built = build(tmp)
        publish(tmp, site_dir)
    return built

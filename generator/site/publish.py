"""All-or-nothing publishing: build into a temporary folder beside the target, swap it in only
on success, and never delete a folder the generator did not create.

The swap is one atomic exchange of the two folders where the system has one (exchange.py), so
the target always holds a whole site, old or new. Elsewhere it is two renames; a build killed
between them leaves the old site under its `.old-` name, and the next build puts it back before
anything else. Staging folders a killed build leaves behind are removed by the next build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from generator.site.exchange import exchange

MARKER = ".playbook-site"
MARKER_TEXT = "Built by playbook. This whole folder is replaced on every build.\n"
SOURCE_FOLDERS = ("content", "playbooks", "site_templates")
BUILDING, OLD = "building", "old"  # the two kinds of folder a build keeps beside the target
STALE_AFTER = 24 * 3600  # where a process cannot be asked whether it still runs (Windows)
T = TypeVar("T")


class SiteDirRefused(Exception):
    """The target exists and is not a site this generator made, or lies inside the project's sources."""


class CannotWrite(Exception):
    """The site cannot be written where asked: no permission, a file in the path, a read-only disk."""


def check_location(site_dir: Path, root: Path) -> None:
    """Refuse a site folder inside the project's sources (the next check would read the site as
    content) or one that would hold the project itself."""
    path, root = site_dir.resolve(), root.resolve()
    for folder in SOURCE_FOLDERS:
        if path.is_relative_to(root / folder):
            raise SiteDirRefused(
                f"{site_dir} is inside the project's {folder}/ folder, which holds what the site is built from; "
                "choose a --site-dir outside it (the default is site/ in the project)"
            )
    if root.is_relative_to(path):
        raise SiteDirRefused(f"{site_dir} holds the project itself; choose a --site-dir such as {root / 'site'}")


def unwritable(folder: Path) -> str | None:
    """Why files cannot be created in `folder` (made with its parents if missing), or None."""
    existing = next(p for p in (folder, *folder.parents) if p.exists() or p.is_symlink())
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"no permission to write in {existing}"
    return None


def check_target(site_dir: Path) -> None:
    """Refuse to replace anything but an empty folder or a site we built (it carries MARKER)."""
    if not site_dir.exists() and not site_dir.is_symlink():
        return
    if site_dir.is_symlink() or not site_dir.is_dir():
        raise SiteDirRefused(f"{site_dir} exists and is not a folder; choose another --site-dir")
    if (site_dir / MARKER).is_file():
        return
    try:
        empty = not any(site_dir.iterdir())
    except OSError as exc:
        raise SiteDirRefused(f"cannot read {site_dir}: {exc.strerror or exc}; choose another --site-dir") from None
    if not empty:
        raise SiteDirRefused(
            f"{site_dir} is not empty and was not built by playbook (it has no {MARKER} file); "
            "refusing to replace it. Choose an empty or new --site-dir, or delete the folder yourself."
        )


def _beside(site_dir: Path, kind: str) -> Path:
    """A new name beside the target for a staging (BUILDING) or swapped-out (OLD) folder; the
    process id in it tells a later build whether its owner still runs."""
    return site_dir.parent / f".{site_dir.name}.{kind}-{os.getpid()}-{time.time_ns()}"


@contextlib.contextmanager
def staging(site_dir: Path) -> Iterator[Path]:
    """A fresh folder beside `site_dir`, removed again unless `publish` moved it into place."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=_beside(site_dir, BUILDING).name + "-", dir=site_dir.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; a published site is read by web servers
        (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # ours, should a kill leave it behind
        yield tmp
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def publish(staged: Path, site_dir: Path) -> None:
    """Put the staged site in place of `site_dir` (its old content ends up in `staged`)."""
    (staged / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    check_target(site_dir)  # again, in case the folder changed while we built
    if not site_dir.exists():
        os.replace(staged, site_dir)  # one rename: atomic
    elif not exchange(staged, site_dir):
        _two_renames(staged, site_dir)


def _two_renames(staged: Path, site_dir: Path) -> None:
    """Where no exchange exists: the old site steps aside under a name `recover` knows."""
    old = _beside(site_dir, OLD)
    os.replace(site_dir, old)
    try:
        os.replace(staged, site_dir)
    except BaseException:
        os.replace(old, site_dir)
        raise
    os.replace(old, staged)  # the staging context removes it


def build_atomically(site_dir: Path, build: Callable[[Path], T]) -> T:
    """Run `build(folder)` into a staging folder and publish it only if it returns normally;
    returns what `build` returned. OSErrors about the target become CannotWrite."""
    site_dir = site_dir.absolute()
    try:
        recover(site_dir)
        check_target(site_dir)
        with staging(site_dir) as tmp:
            built = build(tmp)
            publish(tmp, site_dir)
    except OSError as exc:
        if not _about(exc, site_dir):
            raise
        raise CannotWrite(f"cannot write the site to {site_dir}: {_reason(exc)}") from None
    return built


def _about(exc: OSError, site_dir: Path) -> bool:
    """Whether the failure concerns the target, a folder above it, or our folders beside it."""
    for name in (exc.filename, exc.filename2):
        if name is None:
            continue
        path = Path(os.fsdecode(name)).absolute()
        if site_dir.is_relative_to(path) or path.is_relative_to(site_dir):
            return True
        if path.is_relative_to(site_dir.parent) and _kind(
            site_dir.parent / path.relative_to(site_dir.parent).parts[0], site_dir
        ):
            return True
    return False


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return f"{exc.filename} is a file, not a folder"
    return f"{exc.strerror or exc} ({exc.filename})" if exc.filename else str(exc.strerror or exc)


# --- what killed builds leave behind ----------------------------------------------------------


def recover(site_dir: Path) -> None:
    """Put back a site a killed build had moved aside, then remove the staging and swapped-out
    folders of builds that no longer run. Only folders with our name and MARKER are touched."""
    if not site_dir.parent.is_dir():
        return
    leftovers = sorted(_leftovers(site_dir), key=lambda p: p.stat().st_mtime, reverse=True)
    if not site_dir.exists() and not site_dir.is_symlink():
        olds = [p for p in leftovers if _kind(p, site_dir) == OLD]
        if olds:
            os.replace(olds[0], site_dir)
            leftovers.remove(olds[0])
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)


def _leftovers(site_dir: Path) -> Iterator[Path]:
    for path in site_dir.parent.iterdir():
        if _kind(path, site_dir) and path.is_dir() and not path.is_symlink() and _abandoned(path, site_dir):
            yield path


def _named(path: Path, site_dir: Path) -> tuple[str, int] | None:
    """(BUILDING or OLD, process id) for a folder named as `_beside` names them for this target."""
    for kind in (BUILDING, OLD):
        prefix = f".{site_dir.name}.{kind}-"
        pid = path.name.removeprefix(prefix).split("-")[0]
        if path.name.startswith(prefix) and pid.isdigit():
            return kind, int(pid)
    return None


def _kind(path: Path, site_dir: Path) -> str | None:
    named = _named(path, site_dir)
    return named[0] if named else None


def _abandoned(path: Path, site_dir: Path) -> bool:
    """Ours (MARKER, or empty: killed before writing it) and its process no longer runs."""
    try:
        ours = (path / MARKER).is_file() or not any(path.iterdir())
    except OSError:
        return False
    named = _named(path, site_dir)
    return ours and named is not None and not _running(named[1], path)


def _running(pid: int, path: Path) -> bool:
    """Whether the build that made `path` may still run. This process has made nothing yet when
    it looks (build_atomically recovers first), so its own id, reused by a container, is stale."""
    if pid == os.getpid():
        return False
    if os.name == "nt":  # os.kill would end the process there: judge by age instead
        return time.time() - path.stat().st_mtime < STALE_AFTER
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it runs, as another user
    return True

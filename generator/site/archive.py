"""Pack a built site into one zip file for sellers and partners without connectivity.

The archive is reproducible: entries in sorted order, a fixed timestamp and fixed
permissions, so the same site always gives the same bytes. Everything sits in one top
folder, so unpacking never scatters files; sellers open `<folder>/index.html`.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from generator.site.publish import MARKER, unwritable

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold
# Written into every archive this generator makes: only such a file is ever replaced.
COMMENT = b"playbook offline site"
SOURCE_FOLDERS = ("content", "playbooks", "site_templates")


class ZipRefused(Exception):
    """The zip path names something the generator must not overwrite."""


def check_zip_target(zip_path: Path, site_dir: Path, root: Path) -> None:
    """Refuse a path inside the site or the project's sources, a folder, and an existing file
    that is not a zip this generator wrote (mkdocs.yml, a content file, someone's archive)."""
    path = zip_path.resolve()
    if path.is_relative_to(site_dir.resolve()):
        raise ZipRefused("the zip file must not be inside the site folder")
    if path == (root / "mkdocs.yml").resolve() or any(path.is_relative_to(root / f) for f in SOURCE_FOLDERS):
        raise ZipRefused(f"{zip_path} is inside the project's sources; write the zip elsewhere")
    if path.is_dir() or not path.name or path.name in (".", ".."):
        raise ZipRefused(f"{zip_path} is a folder; name a file such as playbook-offline.zip")
    if path.exists() and not _ours(path):
        raise ZipRefused(f"{zip_path} exists and was not written by playbook; refusing to overwrite it")
    problem = unwritable(path.parent)
    if problem:
        raise ZipRefused(f"cannot write {zip_path}: {problem}")


def _ours(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == COMMENT
    except (OSError, zipfile.BadZipFile):
        return False


def zip_site(site_dir: Path, zip_path: Path, folder: str | None = None) -> Path:
    """Write `site_dir` into `zip_path` (replaced only once complete) under the top folder `folder`."""
    zip_path = zip_path.resolve()  # no '..' can reach the entries' names
    folder = folder or zip_path.stem
    if zip_path.is_relative_to(site_dir.absolute()):
        raise ValueError(f"{zip_path} is inside the site folder {site_dir}; write the zip elsewhere")
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p.name != MARKER)
    try:
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        _write(files, site_dir, zip_path, folder)
    except OSError as exc:  # a folder it may not write in, a full disk
        raise ZipRefused(f"cannot write {zip_path}: {exc.strerror or exc} ({exc.filename})") from None
    return zip_path


def _write(files: list[Path], site_dir: Path, zip_path: Path, folder: str) -> None:
    """The archive, written beside `zip_path` and renamed onto it only once complete."""
    handle, tmp = tempfile.mkstemp(prefix=f".{zip_path.name}.", dir=zip_path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.comment = COMMENT
            for path in files:
                info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", date_time=FIXED_TIME)
                info.create_system = 3  # unix, whatever machine builds it
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes(), compresslevel=9)
        os.chmod(tmp, 0o644)
        os.replace(tmp, zip_path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

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

from generator.site.publish import MARKER

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


def zip_site(site_dir: Path, zip_path: Path, folder: str | None = None) -> Path:
    """Write `site_dir` into `zip_path` (replaced only once complete) under the top folder `folder`."""
    folder = folder or zip_path.stem
    zip_path = zip_path.absolute()
    if zip_path.is_relative_to(site_dir.absolute()):
        raise ValueError(f"{zip_path} is inside the site folder {site_dir}; write the zip elsewhere")
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p.name != MARKER)
    handle, tmp = tempfile.mkstemp(prefix=f".{zip_path.name}.", dir=zip_path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
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
    return zip_path

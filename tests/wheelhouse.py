"""A local wheelhouse for installing the generator with no network: our own wheel, built from
this source tree, and every runtime dependency repacked from the distributions installed in the
running (test) environment, so that `pip install --no-index --find-links` works on a fresh
machine that has only run `make test`.

Repacking copies the files an installed distribution's RECORD lists inside site-packages (its
code and its .dist-info) into a wheel named with the tag from its own WHEEL file; the console
scripts are left out because pip writes them again from entry_points.txt.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from generator.authoring.package import DISTRIBUTION

ROOT = Path(__file__).resolve().parents[1]
# What the sdist/wheel is built from: the package, its templates and the project metadata.
SOURCES = ("pyproject.toml", "README.md", "generator", "site_templates")
# Installer bookkeeping in a .dist-info that does not belong in a wheel.
_INSTALLER_FILES = {"INSTALLER", "REQUESTED", "direct_url.json", "RECORD"}


def build_own_wheel(dest: Path, scratch: Path) -> Path:
    """Build the generator's wheel from a copy of the source tree (the checkout stays clean)."""
    source = scratch / "source"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dest), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dest.glob(f"{DISTRIBUTION.replace('-', '_')}-*.whl")
    return wheel


def runtime_closure(name: str) -> list[metadata.Distribution]:
    """The installed distributions `name` needs at run time, `name` excluded: each requirement
    whose marker holds here, with the extras it asks of its dependency (mcp needs
    `pyjwt[crypto]`, so pyjwt's `crypto` requirements too).

    A requirement whose marker does not apply here is simply not installed, and so not followed."""
    seen: dict[str, metadata.Distribution] = {}
    todo: list[tuple[str, frozenset[str]]] = [(name, frozenset())]
    done: set[tuple[str, frozenset[str]]] = set()
    while todo:
        current, extras = todo.pop()
        if (current, extras) in done:
            continue
        done.add((current, extras))
        for line in metadata.requires(current) or []:
            requirement = Requirement(line)
            environments = [{"extra": e} for e in extras] or [{"extra": ""}]
            if requirement.marker and not any(requirement.marker.evaluate(env) for env in environments):
                continue
            key = canonicalize_name(requirement.name)
            try:
                seen.setdefault(key, metadata.distribution(requirement.name))
            except metadata.PackageNotFoundError:
                continue
            todo.append((requirement.name, frozenset(requirement.extras)))
    return list(seen.values())


def repack(dist: metadata.Distribution, dest: Path) -> Path:
    """One installed distribution as a wheel in `dest`."""
    info = Path(dist._path)  # the .dist-info folder  # noqa: SLF001 - importlib exposes no public path
    tag = _compressed_tag(info / "WHEEL")
    stem = re.sub(r"[-_.]+", "_", dist.metadata["Name"]).lower()
    wheel = dest / f"{stem}-{dist.version}-{tag}.whl"
    site = info.parent
    record = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_STORED) as archive:
        for file in dist.files or []:
            rel = file.as_posix()
            if (
                rel.startswith("..")
                or "__pycache__" in rel
                or (rel.startswith(info.name + "/") and file.name in _INSTALLER_FILES)
            ):
                continue
            data = (site / rel).read_bytes()
            archive.writestr(rel, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{rel},sha256={digest},{len(data)}")
        record.append(f"{info.name}/RECORD,,")
        archive.writestr(f"{info.name}/RECORD", "\n".join(record) + "\n")
    return wheel


def _compressed_tag(wheel_file: Path) -> str:
    """The file-name tag of a WHEEL file's Tag lines: py2-none-any + py3-none-any -> py2.py3-none-any."""
    tags = [line.split(":", 1)[1].strip() for line in wheel_file.read_text().splitlines() if line.startswith("Tag:")]
    parts = zip(*(tag.split("-") for tag in tags), strict=True)
    return "-".join(".".join(sorted(set(part))) for part in parts)


def make_wheelhouse(dest: Path, scratch: Path) -> Path:
    """Our wheel plus every runtime dependency, ready for `pip install --no-index --find-links dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    wheel = build_own_wheel(dest, scratch)
    for dist in runtime_closure(DISTRIBUTION):
        repack(dist, dest)
    return wheel

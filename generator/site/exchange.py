"""Swapping two folders in one step, where the operating system offers it.

Python has no call for this: Linux has renameat2(RENAME_EXCHANGE) (glibc 2.28+) and macOS
renamex_np(RENAME_SWAP), both reached through ctypes. Where neither works (another system, or
a file system that refuses the flag) `exchange` says so and the caller falls back.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path

AT_FDCWD = -100  # <fcntl.h>: paths relative to the current folder
RENAME_EXCHANGE = 2  # <linux/fs.h>
RENAME_SWAP = 2  # <stdio.h> on macOS
# What the call answers when the system or the file system cannot exchange: fall back.
UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}

Swap = Callable[[bytes, bytes], int]


@functools.cache
def _system_swap() -> Swap | None:
    """The C function that exchanges two paths, or None where there is none."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        if sys.platform.startswith("linux"):
            renameat2 = libc.renameat2
            return lambda a, b: renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)
        if sys.platform == "darwin":
            renamex_np = libc.renamex_np
            return lambda a, b: renamex_np(a, b, RENAME_SWAP)
    except (AttributeError, OSError):
        return None  # an older C library: no such function
    return None


def exchange(first: Path, second: Path) -> bool:
    """Atomically give `first` the name `second` and `second` the name `first` (both exist).
    False when this system cannot; any other failure is raised as the OSError it is."""
    swap = _system_swap()
    if swap is None:
        return False
    if swap(os.fsencode(first), os.fsencode(second)) == 0:
        return True
    code = ctypes.get_errno()
    if code in UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))

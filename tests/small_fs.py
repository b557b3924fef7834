"""Real read-only and full file systems for the failure tests: a small tmpfs mounted for one test.

CI runs as root, where a chmod'ed folder stays writable, so these use `mount` (root only). A machine where
mounting fails makes the test fail with the reason (never skip): the read-only and full-disk rules stay tested.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from pathlib import Path


def _run(*cmd: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        raise AssertionError(
            f"cannot set up a real small file system: {' '.join(cmd)} -> {done.stderr.strip()} "
            "(these tests need root and tmpfs; they do not fall back to a chmod'ed folder)"
        )


@contextlib.contextmanager
def small_fs(where: Path, size: str = "1m"):
    """Mount a tmpfs of `size` at `where` (created), yield it, unmount afterwards."""
    where.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where))
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount(where: Path, read_only: bool) -> None:
    _run("mount", "-o", f"remount,{'ro' if read_only else 'rw'}", str(where))


def fill(where: Path) -> Path:
    """Write a filler file until the file system is full; returns it (delete it to free the space)."""
    filler = where / "filler.bin"
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError as e:
            assert e.errno == errno.ENOSPC, e
    with contextlib.suppress(OSError):
        os.sync()
    return filler

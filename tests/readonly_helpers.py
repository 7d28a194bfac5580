"""Making a file or folder really read-only in a test, also as root (CI runs as root, and
permission bits do not stop root): ``chattr +i`` there, ``chmod`` otherwise."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """``path`` cannot be written (nor, for a folder, have files created in it) inside."""
    if os.name == "nt":
        pytest.skip("read-only folders are not enforced by file modes on Windows")
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(stat.S_IMODE(mode) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        try:
            yield path
        finally:
            path.chmod(stat.S_IMODE(mode))
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root without chattr: no way to make a path read-only for root")
    done = subprocess.run([chattr, "+i", str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"running as root and chattr +i is refused here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


# -- a drive of our own: full, or mounted read-only ---------------------------------------------------
@contextmanager
def small_drive(folder: Path, size_kb: int = 2048) -> Iterator[Path]:
    """A ``size_kb`` tmpfs mounted at ``folder`` (root with mount rights only, else skip):
    a real drive that can be filled up or switched to read-only like a locked USB stick."""
    mount = shutil.which("mount")
    if os.name == "nt" or os.geteuid() != 0 or mount is None:
        pytest.skip("mounting a small drive needs root and mount(8)")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([mount, "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0777", "tmpfs",
                           str(folder)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is refused here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def fill_up(folder: Path) -> Path:
    """Take every free byte of the drive holding ``folder``."""
    filler = folder / "filler.bin"
    block = b"\0" * 4096
    with filler.open("wb", buffering=0) as out:
        try:
            while out.write(block):
                pass
        except OSError:
            pass
    return filler


def remount_read_only(folder: Path) -> None:
    """What a write-locked USB stick or a CD is: the whole drive refuses writes."""
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)

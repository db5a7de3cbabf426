"""Where a pack goes: checked before any work, created with its parents, moved into place whole.

A previous pack at the destination (it has our pack.json) is replaced; any other non-empty folder is refused.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from domain.errors import DomainError

GENERATOR = "scr-monitor annual-report pack"


def check_destination(out: Path, *, probe: bool = True) -> None:
    """Fail early, in one line, when `out` cannot receive a pack (before any browser starts)."""
    out = Path(out).absolute()
    if out.exists() and not out.is_dir():
        raise DomainError("out", f"{out} exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not _is_pack(out):
        raise DomainError("out", f"{out} is not empty and holds no earlier pack; choose a new or empty directory")
    if not probe:
        return
    nearest = next(folder for folder in (out.parent, *out.parent.parents) if folder.exists())
    if not nearest.is_dir():
        raise DomainError("out", f"cannot create {out}: {nearest} is not a directory")
    try:
        Path(tempfile.mkdtemp(prefix=".scr-monitor-probe-", dir=nearest)).rmdir()
    except OSError as error:
        raise DomainError("out", f"cannot write to {nearest}: {error.strerror or error}") from None


def _is_pack(directory: Path) -> bool:
    try:
        return json.loads((directory / "pack.json").read_text(encoding="utf-8")).get("generator") == GENERATOR
    except (OSError, ValueError, AttributeError):
        return False


def make_parents(parent: Path) -> list[Path]:
    """Create missing parent directories; returns those created (removed again if the export fails)."""
    missing = []
    for folder in (parent, *parent.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except OSError as error:
            remove(missing)
            raise DomainError("out", f"cannot create {folder}: {error.strerror or error}") from None
    return missing


def remove(folders: list[Path]) -> None:
    for folder in folders:  # deepest first
        try:
            folder.rmdir()
        except OSError:
            pass


def move_into_place(staging: Path, out: Path) -> None:
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a pack is meant to be shared
    if not out.exists():
        staging.rename(out)
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
    previous.rmdir()
    out.rename(previous)
    staging.rename(out)
    shutil.rmtree(previous, ignore_errors=True)

"""How big a tracker file may be: checked before it is read, so no file (a zip bomb, a million blank rows) can take
the machine's memory. The largest real trackers seen hold a few thousand rows in a few megabytes."""
from __future__ import annotations

import zipfile
from pathlib import Path

from monitoring.trackers.importing.problems import FileUnreadable, Problem

MAX_FILE_BYTES = 50 * 1024 * 1024           # the file as it is on disk
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024  # an .xlsx/.xlsm/.ods archive's parts, all unpacked
MAX_ROWS = 50_000                           # rows read from the sheet (the header and title rows included)
MAX_COLUMNS = 500                           # cells in one row (a tracker has 10 to 40)


def refuse(path: Path, reason: str) -> FileUnreadable:
    return FileUnreadable(Problem(0, "file", f"{path.name} {reason}"))


def check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise refuse(path, f"is {_mb(size)}; the limit is {_mb(MAX_FILE_BYTES)} (split the tracker, or save it without images)")


def check_archive(path: Path) -> None:
    """An archive's unpacked size, as its directory declares it, before any part is unpacked (zip bombs refused)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # not a zip at all: the reader says what it is
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise refuse(path, f"unpacks to {_mb(unpacked)}; the limit is {_mb(MAX_UNCOMPRESSED_BYTES)} (it may be damaged or built to exhaust memory)")


def check_rows(path: Path, count: int) -> None:
    if count > MAX_ROWS:
        raise refuse(path, f"has more than {MAX_ROWS:,} rows; the limit is {MAX_ROWS:,} (split the tracker by board or review)")


def check_columns(path: Path, count: int) -> None:
    if count > MAX_COLUMNS:
        raise refuse(path, f"has a row of more than {MAX_COLUMNS:,} cells; the limit is {MAX_COLUMNS:,} (is it a tracker?)")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"

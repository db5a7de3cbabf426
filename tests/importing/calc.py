"""Fixtures saved by a real spreadsheet program: LibreOffice Calc, driven through python3-uno by calc_worker.py.

`make test` installs libreoffice-calc-nogui and python3-uno. Conversions are cached for the test session (keyed by
the source's bytes and the job), and a batch runs in one LibreOffice, so the suite pays for a few starts, not one
per test.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

WORKER = Path(__file__).with_name("calc_worker.py")
SYSTEM_PYTHON = "/usr/bin/python3"
SUFFIX = {"xlsx": ".xlsx", "xlsm": ".xlsm", "ods": ".ods", "xls": ".xls", "csv-1252": ".csv", "csv-utf8": ".csv",
          "unicode-text": ".txt", "pdf": ".pdf"}
TIMEOUT = 300  # one LibreOffice start and a batch of small files; generous for a busy two-core machine


def calc_available() -> bool:
    if not shutil.which("soffice") or not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


needs_calc = pytest.mark.skipif(not calc_available(), reason="needs LibreOffice Calc and python3-uno (make test installs them)")


class Calc:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, source: Path, fmt: str, **edits) -> Path:
        return self.save_many([(source, fmt, edits)])[0]

    def save_many(self, items) -> list[Path]:
        """[(source, format, edits)] -> the saved files; edits: merge=["A2:A4"], hide_columns=[2], set=[["N5", "x"]], password="..."."""
        jobs, outs = [], []
        for source, fmt, edits in items:
            key = hashlib.sha256(Path(source).read_bytes() + json.dumps([fmt, edits], sort_keys=True).encode()).hexdigest()[:20]
            out = self.folder / f"{key}{SUFFIX[fmt]}"
            if not out.exists():
                jobs.append({"source": str(source), "format": fmt, "out": str(out), **edits})
            outs.append(out)
        if jobs:
            batch = self.folder / f"jobs-{len(list(self.folder.glob('jobs-*')))}.json"
            batch.write_text(json.dumps(jobs))
            subprocess.run([SYSTEM_PYTHON, str(WORKER), str(batch)], check=True, timeout=TIMEOUT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        missing = [str(o) for o in outs if not o.exists()]
        assert not missing, f"LibreOffice did not write {missing}"
        return outs


def copy_as(path: Path, target: Path) -> Path:
    """A cached conversion under the name a test wants to see in messages."""
    shutil.copyfile(path, target)
    return target

"""A backup holds every record of reviews about children: it is readable by its owner only, whatever the umask
(found trying `scr-monitor backup` as an operator: the file came out -rw-r--r--, readable by every local user)."""
from __future__ import annotations

import os
import stat

import pytest

from monitoring.cli.main import main
from tests.backups.test_backup_restore import two_stores  # noqa: F401 - the fixture (SQLite and PostgreSQL)

pytestmark = pytest.mark.timeout(300)


def test_a_backup_file_is_readable_by_its_owner_only(two_stores, capsys):  # noqa: F811
    live, _, tmp_path = two_stores
    out_file = tmp_path / "backup.bin"
    old = os.umask(0o022)
    try:
        assert main(["--db", live.url, "backup", "--out", str(out_file)]) == 0
    finally:
        os.umask(old)
    capsys.readouterr()

    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600

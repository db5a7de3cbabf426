"""`scr-monitor backup` and `restore` (monitoring.backups) carry the evidence files: the bytes live in the store."""
from __future__ import annotations

from datetime import date

import pytest

from monitoring.application.evidence import Upload
from monitoring.bootstrap import bootstrap
from monitoring.cli.main import main
from monitoring.config import Settings
from monitoring.evidence.verification import check_files
from tests import pg
from tests.builders import board_with_action
from tests.conftest import TODAY
from tests.evidence import files

pytestmark = pytest.mark.timeout(300)
A1 = "child-c-2014/R1/A1"


@pytest.fixture(params=["sqlite", "postgres"])
def live_and_empty(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'live.sqlite'}", f"sqlite:///{tmp_path / 'restored.sqlite'}"
        return
    (live, drop_live), (empty, drop_empty) = pg.fresh_database(), pg.fresh_database()
    yield live, empty
    drop_live()
    drop_empty()


def test_a_backup_restored_into_an_empty_store_holds_every_file_intact(live_and_empty, tmp_path, capsys):
    live_url, empty_url = live_and_empty
    register, minutes = files.xlsx(), files.odt()
    live = bootstrap(Settings(db_url=live_url), clock=lambda: TODAY)
    board_with_action(live.app)
    live.app.attach_documents(A1, [Upload("register.xlsx", register), Upload("minutes.odt", minutes)], actor="manager",
                              on=date(2024, 2, 1))
    live.close()

    backup = tmp_path / "store.backup"
    assert main(["--db", live_url, "backup", "--out", str(backup)]) == 0
    assert main(["--db", empty_url, "restore", str(backup)]) == 0, capsys.readouterr().err

    restored = bootstrap(Settings(db_url=empty_url), clock=lambda: TODAY)
    try:
        assert restored.app.open_document(A1, 1, actor="manager").content == register
        assert restored.app.open_document(A1, 2, actor="manager").content == minutes
        report = check_files(restored.app)
        assert report.checked == 2 and report.intact
    finally:
        restored.close()

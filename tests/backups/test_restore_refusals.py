"""A restore that cannot be done says why in one line and writes nothing (found trying `restore` as an operator:
a cut-short SQLite backup ended in a traceback, and a database not yet created was called 'stopped answering')."""
from __future__ import annotations

import uuid

import pytest

from monitoring.cli.main import main
from tests import pg
from tests.backups.test_backup_restore import two_stores  # noqa: F401 - the fixture (SQLite and PostgreSQL)

pytestmark = pytest.mark.timeout(300)


def backed_up(live, tmp_path, capsys):
    out_file = tmp_path / "backup.bin"
    assert main(["--db", live.url, "backup", "--out", str(out_file)]) == 0
    capsys.readouterr()
    return out_file


def test_a_damaged_sqlite_backup_is_one_line_and_nothing_is_restored(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    assert main(["--db", url, "board", "add", "North Shire Safeguarding Children Partnership", "--agency", "Police"]) == 0
    whole = backed_up(type("Live", (), {"url": url}), tmp_path, capsys)
    cut = tmp_path / "cut.bin"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    target = tmp_path / "restored.sqlite"

    code = main(["--db", f"sqlite:///{target}", "restore", str(cut)])

    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and f"FILE: {cut} is damaged (" in err and "nothing was restored" in err
    assert not list(tmp_path.glob("restored.sqlite*"))


@pytest.mark.parametrize("two_stores", ["postgres"], indirect=True)
def test_a_postgres_database_that_does_not_exist_is_named_with_the_command_that_creates_it(two_stores, capsys):  # noqa: F811
    live, _, tmp_path = two_stores
    out_file = backed_up(live, tmp_path, capsys)
    name = f"scr_test_absent_{uuid.uuid4().hex[:8]}"
    absent = pg.server_url().rsplit("/", 1)[0] + "/" + name

    code = main(["--db", absent, "restore", str(out_file)])

    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert f'the database "{name}" does not exist' in err and "create it with: createdb " in err

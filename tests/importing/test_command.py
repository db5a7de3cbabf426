"""`scr-monitor import` as a person uses it: a dry run, the import, a re-import, a progress bar on big files."""
from __future__ import annotations

import io

from monitoring.cli.main import main
from monitoring.cli import tracker_import as command
from monitoring.trackers.importing import import_tracker
from tests.benchmarks.import_10k import tracker_rows, write_xlsx as write_big_xlsx
from tests.importing.trackers import BOARD, CHILD_C, write_xlsx


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_then_import_then_reimport(tmp_path, capsys):
    path = str(write_xlsx(tmp_path / "tracker.xlsx", CHILD_C))
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"

    code, out, _ = run(capsys, "import", path, "--dry-run", "--db", db)
    assert code == 0
    assert out.splitlines()[0] == "tracker.xlsx sheet 'Action plan': 6 rows; dry run, nothing written"
    assert "would create 1 review, 3 recommendations, 6 actions" in out

    code, out, _ = run(capsys, "import", path, "--db", db, "--as", "business.manager")
    assert code == 0
    assert f"registered board {BOARD!r} with agencies: Police, Acute Trust, Education, Children's Social Care" in out
    assert "created 1 review, 3 recommendations, 6 actions" in out

    code, out, _ = run(capsys, "import", path, "--db", db)
    assert code == 0 and "nothing to change: the store already matches the file" in out.splitlines()

    code, out, _ = run(capsys, "history", "child-c-2014/R1/A1", "--db", db, "--format", "csv")
    assert "business.manager" in out and "2024-05-20" in out


def test_a_dry_run_of_a_big_file_leaves_the_store_empty(tmp_path, capsys):
    path = tmp_path / "big.xlsx"
    write_big_xlsx(path, tracker_rows(400))
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"

    code, out, _ = run(capsys, "import", str(path), "--dry-run", "--db", db)
    code_again, out_again, _ = run(capsys, "import", str(path), "--dry-run", "--db", db)

    assert code == code_again == 0
    assert "would create 2 reviews, 20 recommendations, 400 actions" in out
    assert out_again == out  # nothing was written the first time


def test_an_on_date_in_the_future_is_refused(tmp_path, capsys):
    path = str(write_xlsx(tmp_path / "tracker.xlsx", CHILD_C))

    code, _, err = run(capsys, "import", path, "--on", "2999-01-01", "--db", f"sqlite:///{tmp_path / 's.sqlite'}")

    assert code == 2 and err.startswith("scr-monitor: on: 2999-01-01 is in the future")


class Bar:
    def __init__(self, total, description):
        self.total, self.descriptions, self.count, self.closed = total, [description], 0, False

    def update(self, n):
        self.count += n

    def set_description(self, text):
        self.descriptions.append(text)

    def close(self):
        self.closed = True


def test_the_progress_bars_count_every_row_checked_and_applied_then_show_saving(app, tmp_path):
    bars = []
    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="m",
                   progress_bar=lambda total, description: bars.append(Bar(total, description)) or bars[-1])

    assert [(b.descriptions, b.total, b.count, b.closed) for b in bars] == [
        (["checking"], 6, 6, True), (["applying", "saving"], 6, 6, True)]


def test_the_bar_is_shown_on_a_terminal_from_a_few_hundred_rows(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(command.sys, "stderr", Terminal())
    assert command._progress_bar(100, "checking").disable is True
    big = command._progress_bar(400, "checking")
    assert big.disable is False
    big.close()

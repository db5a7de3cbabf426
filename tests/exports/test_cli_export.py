"""`scr-monitor export`: the pack on disk from a real store, its numbers equal `status --as-at`, bad input is one line."""
from __future__ import annotations

import json

import openpyxl
import pytest

from monitoring.cli.main import main
from tests.dashboard import data
from tests.exports.conftest import files_under, pdf_pages, png_size, svg_root

YEAR_END = "2025-03-31"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A SQLite store with the dashboard tests' board (plans that stand differently on 31 March 2025 and today)."""
    from monitoring.bootstrap import bootstrap
    from monitoring.config import Settings

    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'store.sqlite'}"
    services = bootstrap(Settings(db_url=url, local_user="tester"))
    data.seed(services.app)
    services.catch_up()
    services.close()
    return url


@pytest.fixture(scope="module")
def pack(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-pack") / "annual-report"
    assert main(["export", "--db", store, "--year", "2024", "--out", str(out), "--board", data.BOARD]) == 0
    return out


def _status(store, capsys, by: str) -> dict:
    capsys.readouterr()
    assert main(["status", "--db", store, "--by", by, "--board", data.BOARD, "--as-at", YEAR_END, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_export_writes_every_figure_in_three_formats_and_the_data(pack):
    files = files_under(pack)
    for name in ("index.html", "pack.json", "annual-report-2024-25.xlsx", "annual-report-2024-25.zip",
                 "data/recommendations-and-impact.csv", "data/little-or-no-progress.csv"):
        assert name in files
    assert png_size((pack / "figures" / "completion-by-agency.png").read_bytes())[0] == 2400
    svg_root((pack / "figures" / "time-to-complete.svg").read_bytes())
    assert pdf_pages((pack / "figures" / "overdue-at-year-end.pdf").read_bytes()) == 1


@pytest.mark.parametrize("by, sheet, key_column", [("agency", "Completion by agency", 0), ("review", "Completion by review", 0)])
def test_workbook_numbers_equal_status_as_at_the_years_end(pack, store, capsys, by, sheet, key_column):
    status = _status(store, capsys, by)
    book = openpyxl.load_workbook(pack / "annual-report-2024-25.xlsx")
    rows = list(book[sheet].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    start = 2 if by == "review" else 1  # the review sheet has the review's title beside its code
    fields = ["total", "not_started", "in_progress", "completed", "signed_off", "withdrawn", "overdue",
              "percent_complete", "percent_signed_off"]
    assert len(header) == start + len(fields)
    sheet_rows = {r[key_column]: dict(zip(fields, r[start:])) for r in body}
    expected = {r["key"]: {f: r[f] for f in fields} for r in status["rows"]}
    totals = sheet_rows.pop("All agencies" if by == "agency" else "All reviews")
    assert sheet_rows == expected
    assert totals == {f: status["totals"][f] for f in fields}


def test_the_command_says_what_it_wrote(store, tmp_path, capsys):
    out = tmp_path / "data-only"
    assert main(["export", "--db", store, "--year", "2024", "--out", str(out), "--formats", "csv,xlsx"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("wrote ") and "as at 2025-03-31" in said and "annual-report-2024-25.zip" in said


def test_a_year_with_no_data_still_gives_a_pack_that_says_so(store, tmp_path, capsys):
    out = tmp_path / "empty-year"
    assert main(["export", "--db", store, "--year", "2015", "--out", str(out), "--formats", "svg,csv"]) == 0
    assert "empty-state figures" in capsys.readouterr().out
    assert "No actions recorded" in (out / "figures" / "completion-by-agency.svg").read_text("utf-8")


def test_no_chromium_is_one_line_exit_2_and_nothing_written(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    out = tmp_path / "pack"
    assert main(["export", "--db", store, "--year", "2024", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == "scr-monitor: export: no Chromium installed; apt-get install chromium\n"
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_an_unwritable_output_directory_is_one_line_exit_2(store, tmp_path, capsys):
    assert main(["export", "--db", store, "--year", "2024", "--out", "/proc/annual-report", "--formats", "csv"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scr-monitor: out: cannot write to /proc") and err.count("\n") == 1


@pytest.mark.parametrize("argv, message", [
    (["--year", "24"], "'24' is not a year"),
    (["--year", "2030"], "year: the reporting year 2030-31 begins on 1 April 2030"),
    (["--year", "2024", "--formats", "gif"], "formats: unknown format gif"),
    (["--year", "2024", "--board", "Nowhere Partnership"], "board: unknown board 'Nowhere Partnership'"),
])
def test_bad_input_is_one_line_naming_the_field(store, tmp_path, capsys, argv, message):
    assert main(["export", "--db", store, "--out", str(tmp_path / "pack"), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "pack").exists()

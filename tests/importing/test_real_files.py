"""Trackers as LibreOffice Calc saves them (.xlsx, .xlsm, .ods, .xls, Windows-1252 CSV, UTF-16 "Unicode text"),
merged and hidden cells, password-protected files, and the exported tracker opened, edited and printed by Calc."""
from __future__ import annotations

import csv
import io
import subprocess
from datetime import date

import pytest

from monitoring.cli.main import main
from monitoring.trackers.export import tracker_rows, write_tracker
from monitoring.trackers.importing import import_tracker
from monitoring.trackers.importing.reading import read_tracker
from tests.conftest import events_in
from tests.importing.calc import copy_as, needs_calc
from tests.importing.trackers import BOARD, CHILD_C, write_csv

pytestmark = [needs_calc, pytest.mark.timeout(600)]  # LibreOffice starts slowly on a busy machine; never hangs CI
CALC_FORMATS = ("xlsx", "xlsm", "ods", "xls", "csv-1252", "unicode-text")
CURLY = [dict(r, agency="Children\u2019s Social Care") if r["agency"] == "Children's Social Care" else r for r in CHILD_C]


@pytest.fixture(scope="module")
def child_c_source(tmp_path_factory):
    """The Child C tracker as a UTF-8 CSV with UK dates and a curly apostrophe, for Calc to open as a UK user would."""
    return write_csv(tmp_path_factory.mktemp("source") / "child-c.csv", CURLY)


@pytest.fixture(scope="module")
def saved(calc, child_c_source):
    return dict(zip(CALC_FORMATS, calc.save_many([(child_c_source, fmt, {}) for fmt in CALC_FORMATS])))


def figures(services, as_at=date(2025, 3, 31)):
    services.catch_up()
    return {by: services.queries.status(by=by, as_at=as_at) for by in ("agency", "review", "recommendation")}


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """The figures the plan gives when imported from the tests' own CSV (straight apostrophes)."""
    from monitoring.bootstrap import bootstrap
    from monitoring.config import Settings
    from tests.conftest import TODAY

    services = bootstrap(Settings(db_url="memory:", local_user="manager"), clock=lambda: TODAY)
    import_tracker(services.app, write_csv(tmp_path_factory.mktemp("plain") / "t.csv", CHILD_C), actor="manager")
    try:
        return figures(services)
    finally:
        services.close()


@pytest.mark.parametrize("fmt", CALC_FORMATS)
def test_a_tracker_saved_by_calc_in_each_format_imports_with_the_same_figures(fmt, saved, expected, make_services):
    services = make_services("memory:")

    outcome = import_tracker(services.app, saved[fmt], actor="manager")

    assert outcome.boards_registered == {BOARD: ["Police", "Acute Trust", "Education", "Children's Social Care"]}
    assert figures(services) == expected


@pytest.mark.parametrize("fmt", ("xlsx", "ods", "xls"))
def test_calc_date_cells_arrive_as_dates(fmt, saved):
    sheet = read_tracker(saved[fmt])

    targets = [values[sheet.columns["target_date"]] for _, values in sheet.rows]
    assert all(isinstance(t, date) for t in targets) and targets[0] == date(2024, 6, 30)


def test_unicode_text_is_utf16_with_tabs_and_windows_1252_is_not_utf8(saved):
    assert saved["unicode-text"].read_bytes()[:2] == b"\xff\xfe" and b"\t\x00" in saved["unicode-text"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        saved["csv-1252"].read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", ("xlsx", "ods"))
def test_merged_review_and_recommendation_cells_and_a_hidden_column_read_as_a_person_sees_them(fmt, calc, tmp_path, expected, make_services):
    rows = [dict(r, review=r["review"] if i == 0 else "") for i, r in enumerate(CHILD_C)]
    source = write_csv(tmp_path / "merged.csv", rows)
    # Columns: A board, B review, C rec no, D recommendation, ..., H lead. Review merged over every row, R1's text over its two.
    path = calc.save(source, fmt, merge=["B2:B7", "D2:D3"], hide_columns=[7])
    services = make_services("memory:")

    outcome = import_tracker(services.app, path, actor="manager")

    assert len(outcome.actions_created) == 6 and outcome.reviews_created == ["child-c-2014"]
    assert figures(services) == expected
    assert services.app.action("child-c-2014/R1/A1").lead == "DI, Public Protection"  # read from the hidden column


@pytest.mark.parametrize("fmt", ("ods", "xls"))
def test_a_password_protected_file_is_refused_in_one_line_and_nothing_is_written(fmt, calc, child_c_source, tmp_path, capsys):
    path = copy_as(calc.save(child_c_source, fmt, password="secret"), tmp_path / f"locked.{fmt}")
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert main(["import", str(copy_as(calc.save(child_c_source, "xlsx"), tmp_path / "ok.xlsx")), "--db", db]) == 0
    before = events_in(db)
    capsys.readouterr()

    code = main(["import", str(path), "--db", db])

    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and err[-1] == f"  file: locked.{fmt} is password-protected; remove the password (File > Properties, or Save As without one) and import it again"
    assert len(err) == 2 and events_in(db) == before


# --- the exported tracker, opened again by Calc ---------------------------------------------------------------------

@pytest.fixture
def store(make_services, tmp_path):
    """The Child C plan, moved on by the commands (a reschedule, a refusal, a reopening), in a SQLite store."""
    services = make_services(f"sqlite:///{tmp_path / 'store.sqlite'}")
    app = services.app
    import_tracker(app, write_csv(tmp_path / "t.csv", CHILD_C), actor="manager")
    app.reschedule_action("child-c-2014/R2/A3", date(2025, 6, 30), "Schools list late", actor="chair", on=date(2025, 1, 10))
    app.refuse_sign_off("child-c-2014/R2/A1", "Evidence covers one school only", actor="chair", on=date(2025, 2, 1))
    app.reopen_action("child-c-2014/R1/A1", "Audit found gaps", actor="chair", on=date(2025, 4, 2))
    services.catch_up()
    return services


def export(services, path, as_at=date(2026, 11, 22)):
    return write_tracker(tracker_rows(services.queries, as_at=as_at, today=services.clock()), path, as_at=as_at)


@pytest.mark.parametrize("suffix", (".xlsx", ".ods"))
def test_calc_opens_the_exported_tracker_with_the_references_dates_and_rag_words(suffix, store, calc, tmp_path):
    path = export(store, tmp_path / f"tracker{suffix}")

    text = calc.save(path, "csv-utf8").read_text(encoding="utf-8")

    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 6 and rows[0]["Reference"] == "child-c-2014/R1/A1"
    withdrawn = next(r for r in rows if r["Reference"] == "child-c-2014/R2/A2")
    assert (withdrawn["Status"], withdrawn["Status date"], withdrawn["RAG"]) == ("Withdrawn", "01/03/2024", "Grey: Withdrawn")


@pytest.mark.parametrize("suffix", (".xlsx", ".ods"))
def test_one_status_cell_edited_in_calc_imports_as_exactly_that_change(suffix, store, calc, tmp_path):
    path = export(store, tmp_path / f"tracker{suffix}")
    # Row 3 is child-c-2014/R1/A2 (in progress); column N is Status.
    assert read_tracker(path).rows[1][1][0] == "child-c-2014/R1/A2"
    edited = calc.save(path, suffix.lstrip("."), set=[["N3", "Completed"]])
    before = events_in(store.settings.db_url)

    outcome = import_tracker(store.app, edited, actor="manager", on=date(2026, 11, 20))

    assert outcome.actions_changed == ["child-c-2014/R1/A2"] and dict(outcome.events) == {"Completed": 1}
    assert events_in(store.settings.db_url) == before + 1
    completed = store.app.events_of("child-c-2014/R1/A2")[-1]
    assert type(completed).__name__ == "Completed" and completed.on == date(2026, 11, 20)


def test_an_export_resaved_by_calc_imports_into_an_empty_store_with_the_same_figures(store, calc, tmp_path, make_services):
    as_at = date(2025, 3, 31)
    path = calc.save(export(store, tmp_path / "tracker.xlsx", as_at), "ods")
    fresh = make_services("memory:")

    import_tracker(fresh.app, path, actor="manager")

    assert figures(fresh, as_at) == figures(store, as_at)


@pytest.mark.parametrize("suffix", (".xlsx", ".ods"))
def test_the_exported_tracker_prints_landscape_a4_fitted_to_the_width(suffix, store, calc, tmp_path):
    pdf = calc.save(export(store, tmp_path / f"tracker{suffix}"), "pdf")

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split(" x "))
    assert abs(width - 841.9) < 1 and abs(height - 595.3) < 1  # A4, landscape (points)
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages")).split()[-1])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    first = text.split("\f")[0]
    assert pages <= 2 and "Reference" in first and "RAG" in first  # every column on the one page width
    assert "Grey:" in text and "Withdrawn" in text

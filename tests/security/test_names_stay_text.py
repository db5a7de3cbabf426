"""Names stay text: an agency named with markup is shown as typed and is never a live link, in every figure
(the overview's and the annual report's, as chart JSON), the SVG and PDF exports, and the e-mails.

On the old code plotly drew `<a href=...>` in a label as a link: live in the SVG export and on the page,
and the overview's chart data carried the raw markup.
"""
from __future__ import annotations

import json
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from dashboard.figures import completion_by_agency, progress_by_review
from dashboard.themes_view import heatmap
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from monitoring.reports.annual_report import gather
from monitoring.reports.figures.plot_text import plot_text
from monitoring.reports.figures.registry import FIGURES
from monitoring.reports.pack import build_pack
from monitoring.scheduler.delivery import message_for
from monitoring.scheduler.messages import board_link, reminder
from tests.builders import BOARD
from tests.conftest import TODAY
from tests.exports.conftest import renderer, svg_root, svg_text  # noqa: F401 - renderer: one Chromium for the module

EVIL = '<a href="https://evil.example/login">Police</a>'
ESCAPED = "&lt;a href=\"https://evil.example/login\"&gt;Police&lt;/a&gt;"
BAND = "<b>Late</b>"


def chart(figure_json: str) -> str:
    """Chart JSON as plain JSON text (plotly writes < and / as \\u003c and \\u002f)."""
    return json.dumps(json.loads(figure_json), ensure_ascii=False)


def live_markup(text: str) -> bool:
    """True when the chart holds the name's or the band word's markup unescaped."""
    return "<a " in text or "<b>Late" in text


def status_row(key: str) -> dict:
    return {"key": key, "total": 3, "not_started": 1, "in_progress": 1, "completed": 1, "signed_off": 0, "withdrawn": 0,
            "overdue": 1, "percent_complete": 33.3, "percent_signed_off": 0.0}


def test_plot_text_escapes_markup_and_leaves_plain_names_alone():
    assert plot_text(EVIL) == ESCAPED
    assert plot_text("Children's Social Care") == "Children's Social Care"
    assert plot_text(["Drugs & alcohol", 3, None]) == ["Drugs &amp; alcohol", 3, None]


def test_the_overview_figures_carry_the_name_escaped_in_their_chart_json():
    for figure in (completion_by_agency([status_row(EVIL)], date(2025, 3, 31), board=EVIL, rag_words={"Red": BAND}),
                   progress_by_review([status_row(EVIL)], date(2025, 3, 31), board=EVIL)):
        text = chart(figure.to_json())
        assert not live_markup(text)
        assert json.dumps(ESCAPED)[1:-1] in text


def test_the_themes_heatmap_carries_the_name_escaped():
    answer = {"rows": [{"name": EVIL, "theme": "t1", "years": {2024: {"recommendations": 2}}}], "years": [2024],
              "as_at": "2025-03-31"}
    text = json.dumps(heatmap(answer, "recommendations"))
    assert not live_markup(text) and json.dumps(ESCAPED)[1:-1] in text


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A board whose agency is markup, with actions in the states the figures show."""
    services = bootstrap(Settings(db_url=f"sqlite:///{tmp_path_factory.mktemp('names') / 's.sqlite'}", local_user="t"),
                         clock=lambda: TODAY)
    app = services.app
    app.register_board(BOARD, [EVIL, "Education"], actor="manager", on=date(2024, 1, 1))
    app.commission_review(BOARD, "child-c-2014", "Child C (2014)", "scr", actor="manager", on=date(2024, 1, 2))
    app.make_recommendation("child-c-2014", 1, "Share information.", actor="manager", on=date(2024, 1, 3))
    for target in (date(2024, 6, 30), date(2024, 9, 30), date(2025, 1, 31)):
        app.add_action("child-c-2014/R1", EVIL, "Train officers.", target, actor="manager", on=date(2024, 4, 10))
    app.complete_action("child-c-2014/R1/A1", "Audit", actor="manager", on=date(2024, 5, 1))
    app.sign_off_action("child-c-2014/R1/A1", "Fewer late referrals.", actor="manager", on=date(2024, 6, 1))
    app.reschedule_action("child-c-2014/R1/A2", date(2024, 12, 31), "Staff shortage", actor="manager", on=date(2024, 9, 1))
    services.catch_up()
    yield gather(services.queries, 2024, today=TODAY, board=BOARD)
    services.close()


def test_every_annual_figure_carries_the_name_escaped_in_its_chart_json(report):
    for spec in FIGURES:
        assert not live_markup(chart(spec.figure(report).to_json())), spec.id
    assert json.dumps(ESCAPED)[1:-1] in chart(FIGURES[0].figure(report).to_json())


@pytest.mark.timeout(300)
def test_the_svg_and_pdf_exports_show_the_name_as_text_and_hold_no_link(report, renderer, tmp_path):  # noqa: F811
    build_pack(report, tmp_path, ("svg", "pdf"), renderer=renderer)
    for path in tmp_path.rglob("*.svg"):
        elements = list(svg_root(path.read_bytes()).iter())
        assert not [e for e in elements if e.tag.rsplit("}", 1)[-1] == "a"], path.name  # no link element
        assert not [v for e in elements for v in e.attrib.values() if "evil.example" in v], path.name
    assert EVIL in svg_text(next(tmp_path.rglob("*completion-by-agency*.svg")).read_bytes())  # the characters typed
    pdf = next(tmp_path.rglob("*completion-by-agency*.pdf"))
    links = [a for page in PdfReader(pdf).pages for a in (page.get("/Annots") or [])]
    assert links == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    assert "Police</a>" in text and "evil.example" in text  # printed as text


def test_an_email_about_the_agency_is_plain_text_with_the_name_as_typed():
    action = {"reference": "child-c-2014/R1/A1", "target_date": date(2026, 11, 29), "review_title": "Child C (2014)",
              "review_code": "child-c-2014", "agency": EVIL, "lead": "", "text": "Train officers.", "status": "in_progress"}
    subject, body = reminder(action, TODAY, "https://monitor.example")
    message = message_for({"subject": subject, "body": body, "recipient": "lead@police.example", "key": "k1"},
                          "monitor@board.example")
    assert message.get_content_type() == "text/plain" and not message.is_multipart()
    assert f"Agency: {EVIL}" in message.get_content()
    link = board_link("https://monitor.example", EVIL)
    assert not any(c in link for c in '<>" ')

"""Action lists as dash-ag-grid tables: sortable, filterable, each reference a link to its page."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import dash_ag_grid as dag

from dashboard.figures import band_words
from monitoring.application.page_addresses import action_url, review_url

COLUMNS = [
    {"field": "action", "headerName": "Action", "cellRenderer": "markdown", "minWidth": 170, "pinned": "left"},
    {"field": "rag", "headerName": "RAG", "minWidth": 200, "wrapText": True, "autoHeight": True},
    {"field": "agency", "headerName": "Agency", "minWidth": 170},
    {"field": "text", "headerName": "What is to be done", "minWidth": 320, "flex": 2, "wrapText": True, "autoHeight": True},
    {"field": "target_date", "headerName": "Target date", "minWidth": 130, "cellDataType": "text"},
    {"field": "days_overdue", "headerName": "Days overdue", "filter": "agNumberColumnFilter", "type": "numericColumn", "minWidth": 130},
    {"field": "reschedules", "headerName": "Target moved", "filter": "agNumberColumnFilter", "type": "numericColumn", "minWidth": 130},
    {"field": "lead", "headerName": "Lead", "minWidth": 200, "wrapText": True, "autoHeight": True},
    {"field": "review", "headerName": "Review", "cellRenderer": "markdown", "minWidth": 150},
    {"field": "status", "headerName": "Status", "minWidth": 140},
]

def grid_rows(actions: Iterable[Mapping], rag_words_by_board: Mapping[str, Mapping[str, str]] | None = None) -> list[dict]:
    """Query rows as the grid shows them: links as markdown, RAG with its word, dates in ISO (they sort)."""
    rows = []
    for a in actions:
        words = band_words((rag_words_by_board or {}).get(a.get("board"), {}))
        rows.append(
            {
                "id": a["reference"],
                "action": f"[{a['reference']}]({action_url(a['reference'])})",
                "rag": f"{a['rag']}: {words.get(a['rag'], a['rag'])}",
                "days_overdue": a.get("days_overdue") or 0,
                "target_date": _iso(a.get("target_date")),
                "agency": a.get("agency"),
                "lead": a.get("lead") or "",
                "review": f"[{a['review_code']}]({review_url(a['review_code'])})",
                "text": a.get("text"),
                "reschedules": a.get("reschedules") or 0,
                "status": (a.get("status") or "").replace("_", " "),
            }
        )
    return rows


def action_grid(id: str, rows: list[dict] | None = None, *, page_size: int = 15) -> dag.AgGrid:
    """Pages of `page_size` rows, the grid as tall as its page (no empty scroll box, no 10,000-row DOM)."""
    return dag.AgGrid(
        id=id,
        rowData=rows or [],
        columnDefs=COLUMNS,
        defaultColDef={"sortable": True, "filter": True, "floatingFilter": True, "resizable": True, "minWidth": 110},
        getRowId="params.data.id",
        dashGridOptions={"domLayout": "autoHeight", "pagination": True, "paginationPageSize": page_size,
                         "paginationPageSizeSelector": [15, 50, 100], "localeText": {"noRowsToShow": "No actions."}, "enableCellTextSelection": True,
                         "ensureDomOrder": True, "suppressMenuHide": True},
        style={"width": "100%"},
        className="ag-theme-quartz",
    )


def _iso(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else (value or "")

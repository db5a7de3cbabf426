"""index.html of the annual-report pack: every figure with its caption and text alternative, and the tables.

Self-contained (styles inline, images beside it), readable offline and by screen readers.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from monitoring.reports.annual_report import AnnualReport
from monitoring.reports.cells import cell
from monitoring.reports.figures import FIGURES, TABLES, long_date

STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
figure{margin:2rem 0;border-top:1px solid #ccc;padding-top:1rem}
img{max-width:100%;height:auto;border:1px solid #ddd}
figcaption{margin-top:.5rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#1d4f91;color:#fff}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
a{color:#1d4f91}
.rag-Red{background:#b21f1f;color:#fff}.rag-Amber{background:#f0b323;color:#1a1a1a}
.rag-Green{background:#2e7d32;color:#fff}.rag-Blue{background:#1d4f91;color:#fff}.rag-Grey{background:#6e6e6e;color:#fff}
.note{background:#fff4ce;border-left:4px solid #f0b323;padding:.5rem 1rem}
"""


def write_index(report: AnnualReport, directory: Path, manifest: dict) -> None:
    (directory / "index.html").write_text(render(report, manifest), encoding="utf-8")


def render(report: AnnualReport, manifest: dict) -> str:
    place = escape(report.board or "All boards")
    title = f"Annual report {report.label}: action plans from case reviews"
    parts = [
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} - {place}</title>", f"<style>{STYLE}</style>", "</head>", "<body>", "<main>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{place}. Position at {long_date(report.as_at)}"
        + (" (year to date)" if report.context.in_progress else "") + f"; produced {long_date(report.generated_on)}.</p>",
    ]
    if report.is_empty:
        parts.append(f'<p class="note">No actions or recommendations were recorded for {place} in {report.label}; '
                     "the figures below say so.</p>")
    if manifest.get("workbook"):
        parts.append(f'<p>All the data in one workbook: <a href="{manifest["workbook"]}">{manifest["workbook"]}</a>.</p>')
    if manifest.get("chapters"):
        links = ", ".join(f'<a href="{escape(name)}">{escape(name)}</a>' for name in manifest["chapters"])
        parts.append(f"<p>The chapter on case reviews for each board's yearly report (Word and OpenDocument): {links}.</p>")
    parts.append("<h2>Figures</h2>")
    for spec, entry in zip(FIGURES, manifest["figures"]):
        parts.append(_figure(spec, entry, report))
    for spec, entry in zip(TABLES, manifest["tables"]):
        parts.append(f'<h2 id="{spec.id}">{escape(spec.title)}</h2><p>{escape(spec.caption)}</p>')
        parts.append(_links(entry["files"]))
        parts.append(_table(spec, report, escape(spec.title)))
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts)


def _figure(spec, entry: dict, report: AnnualReport) -> str:
    image = next((f for ext in ("svg", "png") for f in entry["files"] if f.endswith(f".{ext}")), None)
    alt = escape(entry["alt"], quote=True)
    picture = f'<img src="{image}" alt="{alt}" width="800">' if image else f"<p>{escape(entry['alt'])}</p>"
    details = f"<details><summary>The numbers behind this figure</summary>{_table(spec, report, escape(spec.title))}</details>"
    return (f'<figure id="{spec.id}" aria-labelledby="{spec.id}-title">{picture}<figcaption>'
            f'<strong id="{spec.id}-title">{escape(spec.title)}.</strong> {escape(spec.caption)}'
            f"<br>Text alternative: {escape(entry['alt'])}{_links(entry['files'])}</figcaption>{details}</figure>")


def _links(files: list[str]) -> str:
    if not files:
        return ""
    links = ", ".join(f'<a href="{f}">{Path(f).suffix.lstrip(".").upper()}</a>' for f in files)
    return f"<p>Download: {links}</p>"


def _table(spec, report: AnnualReport, caption: str) -> str:
    head = "".join(f'<th scope="col">{escape(c.header)}</th>' for c in spec.columns)
    body = []
    for row in spec.table(report):
        cells = []
        for c in spec.columns:
            raw = row.get(c.key)
            text = escape(str(cell(c, raw, report)))
            if c.kind == "list":
                text = "<br>".join(escape(str(v)) for v in raw or [])
            cls = f' class="rag-{raw}"' if c.kind == "rag" and raw else ""
            cells.append(f"<td{cls}>{text}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(spec.columns)}">None.</td></tr>')
    return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

"""The annual-report pack: every figure as PNG, SVG and PDF, the data as CSV and XLSX, index.html, one zip.

The pack is built in a temporary directory beside the destination and moved into place only when complete,
so a failure leaves nothing half-written. Layout of a pack for `--year 2024`:

    index.html                         the figures with captions and text alternatives, and the tables
    pack.json                          what is in the pack (year, board, as-at date, files)
    figures/<figure>.png|svg|pdf       one per figure and format
    data/<figure or table>.csv         one per figure and table
    chapter-<board>.docx|odt           the yearly report's chapter on case reviews, one per board in the pack
    annual-report-2024-25.xlsx         a sheet per table
    annual-report-2024-25.zip          everything above, in a folder annual-report-2024-25/
"""
from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from domain.errors import DomainError
from monitoring.reports.annual_report import AnnualReport
from monitoring.reports.chapter import CHAPTER_FORMATS, chapter_files
from monitoring.reports.cells import cell
from monitoring.reports.destination import GENERATOR, check_destination, make_parents, move_into_place, remove
from monitoring.reports.figures import FIGURES, TABLES, AnnualFigure, AnnualTable
from monitoring.reports.pack_html import write_index
from monitoring.reports.pack_xlsx import workbook_bytes
from monitoring.reports.print_files import finish
from monitoring.reports.safe_csv import SafeWriter

FORMATS = ("png", "svg", "pdf", "csv", "xlsx", *CHAPTER_FORMATS)
IMAGE_FORMATS = ("png", "svg", "pdf")
SCALES = {"png": 3, "svg": 1, "pdf": 1}  # PNG at 3x: 2,400 px wide, print resolution at A4 width

Tick = Callable[[str], object]


def parse_formats(text: str | None) -> tuple[str, ...]:
    """`png,svg,pdf,csv,xlsx,docx,odt` (any subset, any order) -> the formats in the pack's order."""
    if not text:
        return FORMATS
    asked = {part.strip().lower().lstrip(".") for part in text.split(",") if part.strip()}
    unknown = sorted(asked - set(FORMATS))
    if unknown or not asked:
        raise DomainError("formats", f"unknown format {', '.join(unknown) or '(none)'}; expected any of {','.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in asked)


def figure_title(spec: AnnualFigure, report: AnnualReport) -> str:
    """A figure file's own title (PDF properties, SVG <title>): what, whose, which year."""
    return f"{spec.title}: {report.context.place}, {report.label}"


def pack_name(report: AnnualReport) -> str:
    return f"annual-report-{report.label}"


def steps(formats: Iterable[str], boards: int = 1) -> int:
    """How many ticks build_pack makes (with `boards` chapters in each chapter format): for a progress bar."""
    formats = tuple(formats)
    images = sum(1 for f in formats if f in IMAGE_FORMATS) * len(FIGURES)
    chapters = sum(1 for f in formats if f in CHAPTER_FORMATS) * boards
    return images + (len(FIGURES) + len(TABLES) if "csv" in formats else 0) + ("xlsx" in formats) + chapters + 2


def needs_renderer(formats: Iterable[str]) -> bool:
    """Images, and the chapters' embedded figures, are drawn by Chromium."""
    return any(f in IMAGE_FORMATS or f in CHAPTER_FORMATS for f in formats)


def build_pack(report: AnnualReport, directory: Path, formats: Iterable[str], renderer=None, tick: Tick | None = None,
               queries=None) -> list[Path]:
    """Write the whole pack into `directory` (existing and empty); returns the files, zip last.

    With `queries` (the reader's read API), the chapters are written too, one per board in the pack."""

    formats, tick = tuple(formats), tick or (lambda _step: None)
    figures = [(spec, spec.figure(report).to_dict()) for spec in FIGURES]
    images: dict[str, list[str]] = {spec.id: [] for spec in FIGURES}
    data: dict[str, list[str]] = {}
    # Data first: Python's work, done while a browser opened in the background is still starting.
    if "csv" in formats:
        (directory / "data").mkdir()
        for spec in (*FIGURES, *TABLES):
            (directory / "data" / f"{spec.id}.csv").write_bytes(to_csv(spec, report))
            data[spec.id] = [f"data/{spec.id}.csv"]
            tick(f"{spec.id}.csv")
    if "xlsx" in formats:

        (directory / f"{pack_name(report)}.xlsx").write_bytes(workbook_bytes(report))
        tick("xlsx")
    jobs = [(spec, fig, fmt) for fmt in IMAGE_FORMATS if fmt in formats for spec, fig in figures]
    if jobs:
        (directory / "figures").mkdir()
        rendered = renderer.render_many([(fig, fmt, SCALES[fmt]) for _, fig, fmt in jobs],
                                        on_done=lambda i: tick(f"{jobs[i][0].id}.{jobs[i][2]}"))
        rendered = [finish(content, fmt, title=figure_title(spec, report), alt=spec.alt_text(report),
                           author=report.context.place) for (spec, _, fmt), content in zip(jobs, rendered)]
        for (spec, _, fmt), content in zip(jobs, rendered):
            (directory / "figures" / f"{spec.id}.{fmt}").write_bytes(content)
            images[spec.id].append(f"figures/{spec.id}.{fmt}")
    pngs = {spec.id: content for (spec, _, fmt), content in zip(jobs, rendered) if fmt == "png"} if jobs else {}
    chapters = chapter_files(queries, report, formats, renderer, pngs, tick) if queries is not None else {}
    for name, content in chapters.items():
        (directory / name).write_bytes(content)
    files = {spec_id: images.get(spec_id, []) + data.get(spec_id, []) for spec_id in (*images, *data)}
    manifest = {**_manifest(report, formats, files), "chapters": sorted(chapters)}
    (directory / "pack.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    write_index(report, directory, manifest)
    tick("index.html")
    archive = directory / f"{pack_name(report)}.zip"
    _zip(directory, archive, pack_name(report))
    tick("zip")
    return sorted(p for p in directory.rglob("*") if p.is_file() and p != archive) + [archive]


def _manifest(report: AnnualReport, formats: tuple[str, ...], files: dict[str, list[str]]) -> dict:
    xlsx = f"{pack_name(report)}.xlsx" if "xlsx" in formats else None
    return {
        "generator": GENERATOR, "year": report.year, "reporting_year": report.label, "board": report.board,
        "as_at": report.as_at.isoformat(), "produced": report.generated_on.isoformat(), "formats": list(formats),
        "empty": report.is_empty, "workbook": xlsx,
        "figures": [{"id": s.id, "title": s.title, "caption": s.caption, "alt": s.alt_text(report), "files": files[s.id]}
                    for s in FIGURES],
        "tables": [{"id": t.id, "title": t.title, "caption": t.caption, "rows": len(t.table(report)),
                    "files": files.get(t.id, [])} for t in TABLES],
    }


def _zip(directory: Path, archive: Path, folder: str) -> None:
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path != archive:
                # PNG, PDF, XLSX, DOCX and ODT are compressed already: stored as they are, quicker and no bigger.
                compression = zipfile.ZIP_STORED if path.suffix in (".png", ".pdf", ".xlsx", ".docx", ".odt") else zipfile.ZIP_DEFLATED
                zf.write(path, f"{folder}/{path.relative_to(directory).as_posix()}", compress_type=compression)


def to_csv(spec: AnnualFigure | AnnualTable, report: AnnualReport) -> bytes:
    """CSV as Excel opens it: UTF-8 with a byte-order mark, CRLF, a header row of people's words."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer)  # no cell runs as a formula when the file is opened
    writer.writerow([c.header for c in spec.columns])
    for row in spec.table(report):
        writer.writerow([cell(c, row.get(c.key), report) for c in spec.columns])
    return buffer.getvalue().encode("utf-8-sig")


def export_pack(report: AnnualReport, out: Path, formats: Iterable[str], renderer=None, tick: Tick | None = None,
                queries=None) -> list[Path]:
    """Build the pack beside `out` and move it into place; a previous pack at `out` is replaced."""

    out = Path(out).absolute()
    check_destination(out, probe=False)
    created = make_parents(out.parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as error:
        remove(created)
        raise DomainError("out", f"cannot write to {out.parent}: {error.strerror or error}") from None
    try:
        files = build_pack(report, staging, formats, renderer, tick, queries)
        move_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        remove(created)
        raise
    return [out / f.relative_to(staging) for f in files]


def pack_zip(report: AnnualReport, formats: Iterable[str] = FORMATS, renderer=None, queries=None) -> tuple[str, bytes]:
    """The whole pack as (file name, zip bytes): for the dashboard's download button."""
    with tempfile.TemporaryDirectory(prefix="annual-report-") as folder:
        files = build_pack(report, Path(folder), formats, renderer, queries=queries)
        return files[-1].name, files[-1].read_bytes()

"""The yearly report's chapter on case reviews: content built once from the read API, written as .docx and .odt.

year_data (what is read) -> timeliness, implementation, progress, care_act, figures_section (what is said)
-> content.build_chapter (the blocks in order) -> docx_writer, odt_writer (how each format lays them out).
"""
from __future__ import annotations

from monitoring.reports.chapter.blocks import Chapter, printable
from monitoring.reports.chapter.content import build_chapter, chapter_title
from monitoring.reports.chapter.docx_writer import docx_bytes
from monitoring.reports.chapter.odt_writer import odt_bytes
from monitoring.reports.chapter.pack_files import CHAPTER_FORMATS, chapter_files, chapter_name


__all__ = ["CHAPTER_FORMATS", "Chapter", "chapter_files", "build_chapter", "chapter_name", "chapter_title", "docx_bytes", "odt_bytes", "printable"]

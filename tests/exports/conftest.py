"""One Chromium (kaleido) per test module, and file checks every pack test shares."""
from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from monitoring.reports.images import ImageRenderer


@pytest.fixture(scope="module")
def renderer():
    with ImageRenderer() as shared:
        yield shared


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def svg_root(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    return root


def svg_text(data: bytes) -> str:
    return " ".join(t for t in svg_root(data).itertext() if t.strip())


def pdf_pages(data: bytes) -> int:
    assert data.startswith(b"%PDF"), "not a PDF"
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", data))


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}

"""The size of a PNG, read from its header: the writers place each figure at its own aspect ratio."""
from __future__ import annotations

import struct

TEXT_WIDTH_MM = 170.0  # A4 (210 mm) less 20 mm margins each side


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from the IHDR chunk; (4, 3) for bytes that are not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return 4, 3
    return struct.unpack(">II", data[16:24])


def placed_height_mm(data: bytes, width_mm: float = TEXT_WIDTH_MM) -> float:
    width, height = png_size(data)
    return width_mm * height / width

"""Evidence documents: which files an action may carry, decided from their content, never their name.

Why from content: a name is whatever the sender typed. An HTML page named `audit.pdf` would run
script in a browser that trusted the name; a macro-enabled workbook renamed `.xlsx` would carry
its macros to every reader. So the bytes decide the kind, and anything that is not plainly one of
the kinds boards exchange (PDF, Word, Excel, OpenDocument, CSV, plain text, PNG, JPEG) is refused.
Pure rules: bytes in, a kind or a DomainError out; no I/O.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from domain.errors import DomainError
from domain.text import NAME, without_controls

MB = 1024 * 1024
DEFAULT_LIMIT_BYTES = 20 * MB
# Unpacked office files: a real 20 MB workbook unpacks to a few hundred MB at most; a zip bomb to gigabytes.
MAX_UNPACKED_BYTES = 500 * MB
MAX_RATIO = 200
MAX_ENTRIES = 20_000
ALLOWED = "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods), CSV, plain text, PNG or JPEG"
LEGACY = "a legacy binary Office file (.doc or .xls); save it as .docx, .xlsx or PDF and attach that"


@dataclass(frozen=True)
class Kind:
    """A kind of document: its short name, its MIME type, and the extension a download gets."""

    name: str
    mime: str
    extension: str
    label: str


KINDS = {
    k.name: k
    for k in (
        Kind("pdf", "application/pdf", ".pdf", "PDF"),
        Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word"),
        Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel"),
        Kind("odt", "application/vnd.oasis.opendocument.text", ".odt", "OpenDocument text"),
        Kind("ods", "application/vnd.oasis.opendocument.spreadsheet", ".ods", "OpenDocument spreadsheet"),
        Kind("csv", "text/csv", ".csv", "CSV"),
        Kind("txt", "text/plain", ".txt", "plain text"),
        Kind("png", "image/png", ".png", "PNG image"),
        Kind("jpeg", "image/jpeg", ".jpg", "JPEG image"),
    )
}
_EXTENSIONS = {".jpeg": "jpeg", ".jpg": "jpeg", ".text": "txt"}

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")  # an encrypted .docx/.xlsx is an OLE2 box with this stream
_MARKUP = re.compile(rb"^\s*<", re.ASCII)
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # control characters text files do not hold (tab, LF, FF, CR do)


def classify(name: str, data: bytes, limit: int = DEFAULT_LIMIT_BYTES) -> Kind:
    """The kind of this file, or a DomainError naming the file and the reason it is refused."""
    if not data:
        raise DomainError(name, "is empty")
    if len(data) > limit:
        said, most = size_text(len(data)), size_text(limit)
        if said == most:  # "is 20 MB; the limit is 20 MB" reads as allowed: say it more exactly
            said = f"{len(data) / MB:.2f} MB" if len(data) >= MB else f"{len(data):,} bytes"
        raise DomainError(name, f"is {said}, over the limit of {most}")
    if data.startswith(b"%PDF-"):
        return _pdf(name, data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if data.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if data.startswith(OLE2):
        if _OLE_ENCRYPTED in data:
            raise DomainError(name, "is password-protected (encrypted); save a copy without the password and attach that")
        raise DomainError(name, f"is {LEGACY}")
    if data.startswith(b"PK\x03\x04"):
        return _office(name, data)
    return _text(name, data)


def _pdf(name: str, data: bytes) -> Kind:
    # The trailer names an /Encrypt dictionary when the PDF needs a password (or restricts its readers).
    if b"/Encrypt" in data[-65536:] or b"/Encrypt " in data or b"/Encrypt\n" in data:
        raise DomainError(name, "is an encrypted PDF; save a copy without the password and attach that")
    return KINDS["pdf"]


def _office(name: str, data: bytes) -> Kind:
    try:
        return _inspect_archive(name, zipfile.ZipFile(io.BytesIO(data)), len(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, OSError, RuntimeError, NotImplementedError, EOFError):
        # A part whose bytes do not match its header (CRC), an unknown compression, a truncated file: not a document.
        raise DomainError(name, f"is a damaged ZIP or office file; it must be a {ALLOWED} file") from None


def _inspect_archive(name: str, archive: zipfile.ZipFile, size: int) -> Kind:
    entries = archive.infolist()
    unpacked = sum(e.file_size for e in entries)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(size, 1):
        raise DomainError(
            name, f"unpacks to {size_text(unpacked)} from {size_text(size)}: out of all proportion (a zip bomb?); refused"
        )
    names = {e.filename for e in entries}
    if any(e.flag_bits & 0x1 for e in entries):
        raise DomainError(name, "is password-protected (encrypted); save a copy without the password and attach that")
    if "mimetype" in names:
        return _opendocument(name, archive, names)
    if "[Content_Types].xml" in names:
        return _office_open_xml(name, archive, names)
    raise DomainError(name, f"is a ZIP archive, not a document; attach each file as a {ALLOWED} file")


def _office_open_xml(name: str, archive: zipfile.ZipFile, names: set[str]) -> Kind:
    types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
    if "macroenabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise DomainError(name, "contains macros (a macro-enabled file); save it without macros (.docx or .xlsx) and attach that")
    if "word/document.xml" in names:
        return KINDS["docx"]
    if "xl/workbook.xml" in names:
        return KINDS["xlsx"]
    raise DomainError(name, f"is an Office file of a kind not accepted here; attach a {ALLOWED} file")


def _opendocument(name: str, archive: zipfile.ZipFile, names: set[str]) -> Kind:
    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    if any(n.startswith(("Basic/", "Scripts/")) for n in names):
        raise DomainError(name, "contains macros; save it without macros and attach that")
    if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read("META-INF/manifest.xml"):
        raise DomainError(name, "is password-protected (encrypted); save a copy without the password and attach that")
    for kind in ("odt", "ods"):
        if mimetype == KINDS[kind].mime:
            return KINDS[kind]
    raise DomainError(name, f"is an OpenDocument file of a kind not accepted here ({mimetype}); attach a {ALLOWED} file")


def _text(name: str, data: bytes) -> Kind:
    if b"\x00" in data:
        raise DomainError(name, f"is not a {ALLOWED} file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise DomainError(name, f"is not a {ALLOWED} file") from None
    if len(_BINARY.findall(text[:65536])) > len(text[:65536]) / 100:
        raise DomainError(name, f"is not a {ALLOWED} file (it holds binary data, not text)")
    if _MARKUP.match(text.encode("utf-8", "replace")) or "<script" in text[:4096].lower():
        raise DomainError(name, "is HTML or other markup (it could run script in a browser); save it as PDF and attach that")
    return KINDS["csv"] if _looks_like_csv(text) else KINDS["txt"]


def _looks_like_csv(text: str) -> bool:
    """At least two rows with the same number (more than one) of comma-separated fields."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if len(lines) < 2:
        return False
    try:
        widths = {len(row) for row in csv.reader(io.StringIO("\n".join(lines)))}
    except csv.Error:
        return False
    return len(widths) == 1 and widths.pop() > 1


def clean_name(raw: str | None) -> str:
    """A file name safe to store and send back: no folders, no control characters, not hidden, not empty."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name, _ = without_controls(name, NAME)
    name = re.sub(r"\s+", " ", name).strip().lstrip(".").strip()
    if len(name) > NAME.max_length:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: NAME.max_length - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[: NAME.max_length]
    return name or "document"


def download_name(name: str, kind: Kind) -> str:
    """The name a download gets: the cleaned name, with the kind's extension when the name lacks it."""
    lower = name.lower()
    ext = "." + lower.rsplit(".", 1)[-1] if "." in lower else ""
    if ext == kind.extension or _EXTENSIONS.get(ext) == kind.name:
        return name
    return name + kind.extension


def default_title(name: str) -> str:
    """A title from a file name: its stem, as a person would say it."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem.strip() or name


def size_text(size: int) -> str:
    """1.2 MB, 340 KB, 12 bytes: sizes as people read them."""
    if size >= MB:
        return f"{size / MB:.1f} MB".replace(".0 MB", " MB")
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes" if size != 1 else "1 byte"


@dataclass(frozen=True)
class Attachment:
    """One document on an action, as its events record it (numbered 1, 2, ... on the action)."""

    number: int
    sha256: str
    size: int
    kind: str
    title: str
    filename: str
    actor: str
    on: object
    withdrawn_reason: str | None = None
    purged_reason: str | None = None

    @property
    def live(self) -> bool:
        return self.withdrawn_reason is None and self.purged_reason is None

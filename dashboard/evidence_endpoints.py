"""Upload and download of evidence documents: plain Flask routes beside the Dash app.

Why not dcc.Upload: it reads the whole file into the browser and reports no progress; a 20 MB audit
report needs a progress bar (assets/evidence-upload.js posts here with XMLHttpRequest). The CSRF check
and sign-in are the app's own (dashboard/auth.py runs before every request); permissions are the
application's (monitoring/application/evidence.py), so a hand-made request meets the same refusals.
Downloads are always attachments with the stored kind and `nosniff`: a document is never rendered
inline, so nothing in it can run as part of this site.
"""
from __future__ import annotations

import io
import re
from urllib.parse import quote

from flask import jsonify, request, send_file

from dashboard import context
from dashboard.identity import current_user
from domain.errors import DomainError, NotFound, PermissionDenied
from domain.evidence import KINDS, download_name, size_text
from monitoring.application.evidence import Upload

UPLOAD_PATH = "/evidence/upload"
FORM_OVERHEAD = 1024 * 1024  # multipart boundaries and the titles, beyond the files themselves
MAX_FILES = 10  # at once: the bodies are read into memory (10 x 20 MB at most)


def install(server) -> None:
    server.add_url_rule(f"{UPLOAD_PATH}/<path:ref>", "evidence_upload", upload, methods=["POST"])
    server.add_url_rule("/evidence/<sha>", "evidence_download", download, methods=["GET"])


def upload(ref: str):
    """Attach the posted files (`file`, repeatable; `title`, one per file) to the action `ref`."""
    app = context.services().app
    # This endpoint alone takes large bodies: up to the evidence limit per file (Flask 3.1: per request).
    request.max_content_length = app.evidence_limit * MAX_FILES + FORM_OVERHEAD
    try:
        files = request.files.getlist("file")
        if len(files) > MAX_FILES:
            raise DomainError("file", f"{len(files)} files at once; attach at most {MAX_FILES} at a time")
        titles = request.form.getlist("title")
        uploads = [Upload(f.filename or "", f.read(), titles[i] if i < len(titles) else "") for i, f in enumerate(files) if f.filename]
        if not uploads:
            raise DomainError("file", "choose at least one file to attach")
        action, numbers = app.attach_documents(ref, uploads, actor=current_user(), on=context.today())
    except PermissionDenied as error:
        return jsonify(ok=False, error=str(error)), 403
    except NotFound as error:
        return jsonify(ok=False, error=str(error)), 404
    except DomainError as error:
        return jsonify(ok=False, error=str(error)), 400
    attached = [action.document(n) for n in numbers]
    return jsonify(
        ok=True,
        message=f"{len(attached)} document{'s' if len(attached) != 1 else ''} attached to {action.reference}: "
        + "; ".join(f"{d.number}. {d.title} ({KINDS[d.kind].label}, {size_text(d.size)})" for d in attached),
        documents=[{"number": d.number, "title": d.title, "sha256": d.sha256} for d in attached],
    )


def download(sha: str):
    """The file, for a user who may read an action it is attached to; as an attachment, never inline."""
    try:
        opened = context.services().app.open_file(sha, actor=current_user())
    except PermissionDenied as error:
        return str(error), 403, {"Content-Type": "text/plain; charset=utf-8"}
    except DomainError as error:
        return str(error), 404, {"Content-Type": "text/plain; charset=utf-8"}
    response = send_file(
        io.BytesIO(opened.content), mimetype=opened.kind.mime, as_attachment=True,
        download_name=download_name(opened.attachment.filename, opened.kind), max_age=0,
    )
    response.headers["Content-Disposition"] = content_disposition(download_name(opened.attachment.filename, opened.kind))
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "no-store"
    return response


def content_disposition(name: str) -> str:
    """RFC 6266: an ASCII fallback for old clients, and the exact name as UTF-8 (RFC 8187) for the rest."""
    fallback = re.sub(r'[^\x20-\x7e]|["\\]', "_", name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"

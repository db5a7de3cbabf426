"""Hand-made HTTP requests to the upload and download endpoints meet the same rules as the page."""
from __future__ import annotations

import hashlib
import io
import re

import pytest

from dashboard.app import create_app
from tests.evidence import files
from tests.security.conftest import PASSWORD, store  # noqa: F401 - store: the fixture, by name
from tests.security.test_hand_made_requests import signed_in

A1, A2 = "child-c-2014/R1/A1", "child-c-2014/R1/A2"  # Police, Acute Trust


def upload(client, ref: str, *named: tuple[str, bytes], title: str = "", csrf: bool = True):
    data = {"file": [(io.BytesIO(content), name) for name, content in named], "title": [title] * len(named)}
    headers = {"X-CSRFToken": client.get_cookie("_csrf_token").value} if csrf else {}
    return client.post(f"/evidence/upload/{ref}", data=data, headers=headers, content_type="multipart/form-data")


def test_an_agency_lead_uploads_to_their_action_and_a_reader_downloads_it_as_an_attachment(store):
    lead = signed_in(store, "health.lead")
    response = upload(lead, A2, ("discharge audit.csv", files.CSV), title="Discharge audit")
    assert response.status_code == 200 and response.get_json()["ok"]
    assert "1 document attached to child-c-2014/R1/A2: 1. Discharge audit (CSV" in response.get_json()["message"]
    sha = hashlib.sha256(files.CSV).hexdigest()
    download = signed_in(store, "viewer").get(f"/evidence/{sha}")
    assert download.status_code == 200 and download.data == files.CSV
    assert download.headers["Content-Type"].startswith("text/csv")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''discharge%20audit.csv" in download.headers["Content-Disposition"]  # RFC 6266 / 5987
    assert "sandbox" in download.headers["Content-Security-Policy"]


def test_another_agencys_lead_can_neither_upload_nor_download(store):
    signed_in(store, "health.lead")
    assert upload(signed_in(store, "health.lead"), A2, ("a.csv", files.CSV)).status_code == 200
    police = signed_in(store, "police.lead")
    refused = upload(police, A2, ("forged.csv", files.TEXT))
    assert refused.status_code == 403 and "police.lead" in refused.get_json()["error"]
    download = police.get(f"/evidence/{hashlib.sha256(files.CSV).hexdigest()}")
    assert download.status_code == 403 and files.CSV not in download.data
    assert signed_in(store, "south.admin").get(f"/evidence/{hashlib.sha256(files.CSV).hexdigest()}").status_code == 403
    assert len(store.app.action(A2).documents) == 1


def test_an_upload_without_the_csrf_token_is_refused_and_nothing_is_stored(store):
    response = upload(signed_in(store, "police.lead"), A1, ("a.csv", files.CSV), csrf=False)
    assert response.status_code == 403 and store.app.action(A1).documents == {}


def test_a_signed_out_request_is_refused(store):
    client = create_app(store).server.test_client()
    assert client.get(f"/evidence/{hashlib.sha256(files.CSV).hexdigest()}").status_code in (302, 401)


def test_html_named_pdf_is_refused_with_one_line_and_never_served(store):
    response = upload(signed_in(store, "police.lead"), A1, ("audit.pdf", files.HTML_AS_PDF))
    assert response.status_code == 400 and response.get_json()["error"].startswith("audit.pdf: is HTML")
    assert signed_in(store, "bm").get(f"/evidence/{hashlib.sha256(files.HTML_AS_PDF).hexdigest()}").status_code == 404


def test_the_upload_endpoint_takes_files_larger_than_ordinary_requests(store):
    app = create_app(store)
    app.server.config["MAX_CONTENT_LENGTH"] = 64 * 1024  # an ordinary request's limit (issue 13) does not bind here
    client = app.server.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True))[1]
    client.post("/login", data={"username": "police.lead", "password": PASSWORD, "csrf_token": token})
    big = b"ref,note\n" + b"1,case file checked and recorded\n" * 20_000  # about 660 KB
    assert upload(client, A1, ("register.csv", big)).status_code == 200


def test_a_name_beyond_ascii_is_sent_back_exactly_with_an_ascii_fallback(store):
    lead = signed_in(store, "police.lead")
    assert upload(lead, A1, ("Pólicy – “revised”.txt", files.TEXT)).status_code == 200
    header = lead.get(f"/evidence/{hashlib.sha256(files.TEXT).hexdigest()}").headers["Content-Disposition"]
    assert header == "attachment; filename=\"P_licy _ _revised_.txt\"; filename*=UTF-8''P%C3%B3licy%20%E2%80%93%20%E2%80%9Crevised%E2%80%9D.txt"

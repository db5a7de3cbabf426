"""The yearly report's chapter through a hand-made request to the annual-report page's download callback:
a user of one board gets only their own board's chapter, whatever board the request names."""
from __future__ import annotations

import base64
import io
import json

import pytest
from docx import Document

from tests.builders import BOARD
from tests.security.conftest import OTHER_BOARD
from tests.security.test_hand_made_requests import signed_in

DOWNLOAD = "annual-download"


def ask_for_chapter(client, board: str, fmt: str = "docx") -> dict:
    """POST the download callback as the page would after a click on "Download the chapter"."""
    button = {"type": DOWNLOAD, "item": "chapter", "format": fmt}
    key = json.dumps(button, sort_keys=True, separators=(",", ":"))
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if "annual-download-file.data" in d["output"])
    body = {
        "output": dep["output"],
        "outputs": [{"id": "annual-download-file", "property": "data"}, {"id": "annual-download-message", "property": "children"}],
        "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
        "state": [{"id": "annual-query", "property": "data", "value": {"year": 2024, "board": board}}],
        "changedPropIds": [f"{key}.n_clicks"],
    }
    response = client.post("/_dash-update-component", json=body, headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    assert response.status_code in (200, 204)
    return response.get_json() or {}


@pytest.mark.browser  # the chapter's figures are drawn by Chromium
def test_a_board_user_downloads_their_boards_chapter_and_not_another_boards(store):
    client = signed_in(store, "south.admin")
    refused = json.dumps(ask_for_chapter(client, BOARD))
    assert "Download failed" in refused and "south.admin" in refused and '"filename"' not in refused

    answer = ask_for_chapter(client, OTHER_BOARD)["response"]
    sent = answer["annual-download-file"]["data"]
    assert sent["filename"] == "chapter-south-vale-safeguarding-adults-board.docx"
    document = Document(io.BytesIO(base64.b64decode(sent["content"])))
    assert document.core_properties.author == OTHER_BOARD
    text = "\n".join(p.text for p in document.paragraphs)
    assert "(d) Findings of the safeguarding adults reviews concluded in the year" in text  # a SAR board
    assert BOARD not in text

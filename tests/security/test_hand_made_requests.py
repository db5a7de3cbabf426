"""Hand-made HTTP requests to the dashboard's callbacks meet the same rules as the pages and the shell."""
from __future__ import annotations

import json
import re

import pytest

from dashboard.app import create_app
from tests.builders import BOARD
from tests.security.conftest import OTHER_BOARD, PASSWORD

HEALTH_ACTION = "child-c-2014/R1/A2"


def signed_in(store, username: str):
    client = create_app(store).server.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True))[1]
    assert client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token}).status_code == 302
    return client


def call(client, where: str, values: dict) -> tuple[int, str]:
    """POST the callback whose output or input mentions `where`, as the renderer would, with these values."""
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if where in d["output"] or any(where in i["id"] for i in d["inputs"]))
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        ident, prop = part.rsplit(".", 1)
        outputs.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})

    def filled(items):
        return [{"id": json.loads(i["id"]) if i["id"].startswith("{") else i["id"], "property": i["property"],
                 "value": values.get(f'{i["id"]}.{i["property"]}')} for i in items]

    body = {"output": dep["output"], "outputs": outputs, "inputs": filled(dep["inputs"]), "state": filled(dep["state"]),
            "changedPropIds": [f'{dep["inputs"][0]["id"]}.{dep["inputs"][0]["property"]}']}
    response = client.post("/_dash-update-component", json=body, headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    text = response.get_data(as_text=True)
    return response.status_code, json.dumps(json.loads(text)) if response.is_json else text  # Dash writes / as \\u002f


def test_a_police_lead_cannot_change_a_health_action_by_a_hand_made_request(store):
    client = signed_in(store, "police.lead")
    form = '{"form":"progress","type":"action-form"}'
    field = '{"form":"progress","name":"%s","type":"action-field"}'
    code, body = call(client, form, {
        f"{form}.n_submit": 1, "action-ref.data": HEALTH_ACTION, "action-version.data": 1,
        f"{field % 'note'}.value": "Forged progress", f"{field % 'on'}.value": "2024-02-01",
    })
    assert code == 200 and "police.lead" in body and "may not update actions of" in body
    assert store.app.action(HEALTH_ACTION).version == 1
    assert "Forged progress" not in json.dumps(store.queries.history(HEALTH_ACTION), default=str)


def test_a_user_of_one_board_gets_no_data_of_another_from_a_hand_made_request(store):
    client = signed_in(store, "south.admin")
    code, body = call(client, "_pages_content", {"_pages_location.pathname": "/action/child-c-2014--R1--A1",
                                                  "_pages_location.search": ""})
    assert code == 200 and "south.admin may not read child-c-2014/R1/A1" in body
    assert "Train all officers" not in body and BOARD not in body


def test_a_read_of_another_board_through_the_server_is_forbidden(store):
    """Whatever route reaches the read API for a board the user may not read gets 403, not a page of data."""
    app = create_app(store)

    @app.server.route("/probe")
    def probe():
        from dashboard import context

        return json.dumps(context.queries().actions(board=OTHER_BOARD), default=str)

    client = app.server.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True))[1]
    client.post("/login", data={"username": "viewer", "password": PASSWORD, "csrf_token": token})
    response = client.get("/probe")
    assert response.status_code == 403 and "viewer may not read" in response.get_data(as_text=True)

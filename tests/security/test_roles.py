"""Roles per board, checked in the application layer: the same rule for the command line, the dashboard and HTTP."""
from __future__ import annotations

from datetime import date

import pytest

from domain.errors import DomainError, PermissionDenied
from tests.builders import BOARD
from tests.security.conftest import OTHER_BOARD, PASSWORD, build_two_boards

POLICE_ACTION, HEALTH_ACTION, SOUTH_ACTION = "child-c-2014/R1/A1", "child-c-2014/R1/A2", "adult-d-2020/R1/A1"
ON = date(2024, 2, 1)


def test_a_store_with_no_users_runs_open_for_anyone(make_services):
    services = make_services("memory:")
    build_two_boards(services)

    action = services.app.report_progress(HEALTH_ACTION, "Audit started", actor="whoever", on=ON)

    assert action.status == "in_progress"
    assert services.users.any_users() is False


def test_the_first_user_must_be_an_admin(make_services):
    services = make_services("memory:")
    build_two_boards(services)

    with pytest.raises(DomainError, match="role: the first user must be an admin"):
        services.users.add("viewer", PASSWORD, role="viewer", board=BOARD, actor="operator")
    assert services.users.any_users() is False


def test_once_a_user_exists_an_unknown_name_cannot_write(with_people):
    app = with_people.app
    with pytest.raises(PermissionDenied, match="as: unknown user 'root'"):
        app.report_progress(POLICE_ACTION, "Half trained", actor="root", on=ON)
    assert app.action(POLICE_ACTION).version == 1


def test_an_agency_lead_updates_its_own_agency_actions(with_people):
    action = with_people.app.report_progress(POLICE_ACTION, "Half trained", actor="police.lead", on=ON)
    assert action.status == "in_progress"


@pytest.mark.parametrize("use_case, args", [
    ("report_progress", ("Audit half done",)),
    ("complete_action", ("Audit report",)),
    ("reschedule_action", (date(2024, 9, 30), "Auditor off sick")),
])
def test_a_police_lead_cannot_change_a_health_action(with_people, use_case, args):
    with pytest.raises(PermissionDenied, match=r"police\.lead .*may not update actions of North Shire .*for Acute Trust"):
        getattr(with_people.app, use_case)(HEALTH_ACTION, *args, actor="police.lead", on=ON)
    assert with_people.app.action(HEALTH_ACTION).version == 1


def test_an_agency_lead_cannot_sign_off_even_its_own_action(with_people):
    app = with_people.app
    app.complete_action(POLICE_ACTION, "Training register", actor="police.lead", on=ON)
    with pytest.raises(PermissionDenied, match="may not sign off"):
        app.sign_off_action(POLICE_ACTION, "Referrals improved", actor="police.lead", on=ON)
    assert app.action(POLICE_ACTION).status == "completed"


def test_a_chair_signs_off_but_does_not_report_progress_or_plan(with_people):
    app = with_people.app
    app.complete_action(POLICE_ACTION, "Training register", actor="police.lead", on=ON)
    assert app.sign_off_action(POLICE_ACTION, "Referrals improved", actor="chair", on=ON).status == "signed_off"
    with pytest.raises(PermissionDenied):
        app.report_progress(HEALTH_ACTION, "Audit started", actor="chair", on=ON)
    with pytest.raises(PermissionDenied):
        app.add_action("child-c-2014/R1", "Education", "Brief schools.", date(2024, 6, 30), actor="chair", on=ON)


@pytest.mark.parametrize("write", [
    lambda app: app.report_progress(POLICE_ACTION, "Half trained", actor="viewer", on=ON),
    lambda app: app.withdraw_action(POLICE_ACTION, "Superseded", actor="viewer", on=ON),
    lambda app: app.make_recommendation("child-c-2014", 2, "Escalate", actor="viewer", on=ON),
    lambda app: app.commission_review(BOARD, "baby-m-2023", "Baby M (2023)", "lcspr", actor="viewer", on=ON),
    lambda app: app.add_agency(BOARD, "Probation", actor="viewer", on=ON),
    lambda app: app.register_board("East Shire", ["Police"], actor="viewer", on=ON),
], ids=["progress", "withdraw", "recommendation", "review", "agency", "board"])
def test_a_viewer_cannot_write(with_people, write):
    before = with_people.app.recorder.max_notification_id()
    with pytest.raises(PermissionDenied, match="as: viewer"):
        write(with_people.app)
    assert with_people.app.recorder.max_notification_id() == before


def test_an_admin_of_one_board_cannot_change_another_board(with_people):
    app = with_people.app
    with pytest.raises(PermissionDenied, match=f"may not manage .* of {OTHER_BOARD}"):
        app.make_recommendation("adult-d-2020", 2, "Escalate", actor="bm", on=ON)
    with pytest.raises(PermissionDenied):
        app.report_progress(SOUTH_ACTION, "Done half", actor="bm", on=ON)
    assert app.report_progress(SOUTH_ACTION, "Done half", actor="south.admin", on=ON).status == "in_progress"


def test_an_admin_may_register_a_new_board_but_not_take_over_a_managed_one(with_people):
    users = with_people.users
    with_people.app.register_board("East Shire", ["Police"], actor="bm", on=ON)
    users.grant("bm", role="admin", board="east shire", actor="bm")  # nobody manages it yet
    assert [g.board for g in users.get("bm").grants] == [BOARD, "East Shire"]
    with pytest.raises(PermissionDenied):
        users.grant("bm", role="admin", board=OTHER_BOARD, actor="bm")


def test_a_disabled_user_can_no_longer_write(with_people):
    with_people.users.disable("police.lead", actor="bm")
    with pytest.raises(PermissionDenied, match="as: user 'police.lead' is disabled"):
        with_people.app.report_progress(POLICE_ACTION, "Half trained", actor="police.lead", on=ON)


def test_only_an_admin_of_the_users_board_may_grant_or_disable(with_people):
    users = with_people.users
    with pytest.raises(PermissionDenied):
        users.grant("viewer", role="chair", board=BOARD, actor="chair")
    with pytest.raises(PermissionDenied, match="south.admin is not an admin of any board of viewer"):
        users.disable("viewer", actor="south.admin")
    assert users.grant("viewer", role="chair", board=BOARD, actor="bm").grants[-1].role == "chair"


def test_the_last_enabled_admin_cannot_be_disabled_or_lose_the_role(with_people):
    users = with_people.users
    users.disable("south.admin", actor="south.admin")
    with pytest.raises(DomainError, match="bm is the last enabled admin"):
        users.disable("bm", actor="bm")
    with pytest.raises(DomainError, match="last enabled admin"):
        users.revoke("bm", role="admin", board=BOARD, actor="bm")


def test_an_agency_lead_is_bound_to_an_agency_the_board_has(with_people):
    users = with_people.users
    with pytest.raises(DomainError, match="agency: an agency lead must be bound to one agency"):
        users.add("edu.lead", PASSWORD, role="agency_lead", board=BOARD, actor="bm")
    with pytest.raises(DomainError, match="'Probation' is not an agency of North Shire"):
        users.add("probation.lead", PASSWORD, role="agency_lead", board=BOARD, agency="Probation", actor="bm")
    user = users.add("Edu.Lead", PASSWORD, role="agency-lead", board="north shire safeguarding children partnership", agency="education", actor="bm")
    assert (user.username, user.grants[0].board, user.grants[0].agency) == ("edu.lead", BOARD, "Education")


def test_who_granted_what_is_in_the_record(with_people):
    events = list(with_people.app.repository.event_store.get(with_people.users.get("police.lead").id))
    assert [type(e).__name__ for e in events] == ["Added", "RoleGranted", "PasswordSet"]
    assert {e.actor for e in events} == {"bm"}
    assert (events[1].role, events[1].board, events[1].agency) == ("agency_lead", BOARD, "Police")

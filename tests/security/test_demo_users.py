"""The demo accounts `make run` prints: one per role, and every printed password signs in."""
from __future__ import annotations

import pytest

from domain.errors import DomainError
from monitoring.demo.data_set import load_demo
from monitoring.demo.accounts import create_demo_users


def test_demo_accounts_cover_every_role_and_their_passwords_work(make_services):
    services = make_services("memory:")
    load_demo(services)

    rows = create_demo_users(services)

    assert {role for _, _, role, _, _ in rows} == {"admin", "chair", "agency_lead", "viewer"}
    for username, password, *_ in rows:
        assert services.users.authenticate(username, password) is not None


def test_running_the_demo_again_changes_nothing_and_prints_the_same_working_passwords(make_services):
    services = make_services("memory:")
    load_demo(services)
    first = dict((u, p) for u, p, *_ in create_demo_users(services))
    events = services.app.recorder.max_notification_id()
    second = dict((u, p) for u, p, *_ in create_demo_users(services))

    assert first == second
    assert services.app.recorder.max_notification_id() == events
    assert services.users.authenticate("police.lead", second["police.lead"]) is not None


def test_a_demo_password_changed_by_hand_is_put_back_so_the_printed_list_works(make_services):
    services = make_services("memory:")
    load_demo(services)
    create_demo_users(services)
    services.users.set_password("police.lead", "something else entirely", actor="business.manager")

    rows = dict((u, p) for u, p, *_ in create_demo_users(services))

    assert services.users.authenticate("police.lead", rows["police.lead"]) is not None


def test_demo_accounts_are_not_made_in_a_store_with_real_users(make_services):
    services = make_services("memory:")
    load_demo(services)
    services.users.add("jo.bloggs", "a long enough passphrase", role="admin", board="Eastmoor Safeguarding Partnership", actor="op")
    with pytest.raises(DomainError, match="not a demo store"):
        create_demo_users(services)


def test_the_printed_list_has_one_line_per_account_with_its_password_and_roles():
    from monitoring.demo.accounts import format_accounts

    text = format_accounts([("chair", "pw1", "chair", "North", None), ("chair", "pw1", "chair", "East", None),
                            ("lead", "pw2", "agency_lead", "North", "Police")])
    assert text.splitlines()[1:3] == [
        "  chair              pw1                chair (North); chair (East)",
        "  lead               pw2                agency_lead (North, Police)",
    ]
    assert "--as" in text.splitlines()[-1]  # and how to act as one of them on the command line

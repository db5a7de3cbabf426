"""Passwords: only an argon2 hash is recorded; sign-in checks it; a user may rotate their own."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from domain.errors import DomainError, PermissionDenied
from monitoring.security.users import HASHING, Users
from tests.security.conftest import PASSWORD


def test_the_record_holds_an_argon2_hash_and_never_the_password(with_people):
    user = with_people.users.get("chair")
    events = list(with_people.app.repository.event_store.get(user.id))
    stored = repr([vars(e) for e in events])
    assert PASSWORD not in stored
    assert user.password_hash.startswith("$argon2id$")


def test_production_hashing_uses_owasps_argon2id_settings(with_people):
    users = Users(with_people.app, hasher=PasswordHasher(**HASHING))
    users.set_password("viewer", "a new long passphrase", actor="viewer")
    assert users.get("viewer").password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_hash_made_with_other_settings_still_signs_in_and_is_replaced_by_one_made_with_todays(with_people):
    before = Users(with_people.app, hasher=PasswordHasher())  # argon2-cffi's default: 64 MiB, 3 passes, 4 lanes
    before.set_password("viewer", "a new long passphrase", actor="viewer")
    assert before.get("viewer").password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    now = Users(with_people.app, hasher=PasswordHasher(**HASHING))
    assert now.authenticate("viewer", "a wrong long passphrase") is None
    assert now.get("viewer").password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")  # a wrong one changes nothing
    assert now.authenticate("viewer", "a new long passphrase").username == "viewer"
    assert now.get("viewer").password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert now.authenticate("viewer", "a new long passphrase").username == "viewer"


def test_sign_in_accepts_the_right_password_only(with_people):
    users = with_people.users
    assert users.authenticate("chair", PASSWORD).username == "chair"
    assert users.authenticate("CHAIR", PASSWORD).username == "chair"
    assert users.authenticate("chair", PASSWORD + "x") is None
    assert users.authenticate("nobody", PASSWORD) is None


def test_a_disabled_user_cannot_sign_in(with_people):
    with_people.users.disable("chair", actor="bm")
    assert with_people.users.authenticate("chair", PASSWORD) is None


def test_a_user_rotates_their_own_password_and_the_old_one_stops_working(with_people):
    users = with_people.users
    users.set_password("police.lead", "a brand new passphrase", actor="police.lead")
    assert users.authenticate("police.lead", PASSWORD) is None
    assert users.authenticate("police.lead", "a brand new passphrase") is not None


def test_nobody_but_an_admin_sets_someone_elses_password(with_people):
    with pytest.raises(PermissionDenied):
        with_people.users.set_password("chair", "a hijacked passphrase", actor="police.lead")
    assert with_people.users.authenticate("chair", PASSWORD) is not None


def test_a_short_password_is_refused(with_people):
    with pytest.raises(DomainError, match="password: must be at least 12 characters"):
        with_people.users.set_password("chair", "short", actor="chair")

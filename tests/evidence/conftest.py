"""People on two boards (tests/security/conftest.py), reused for evidence: who may attach, open, withdraw, purge."""
from __future__ import annotations

from tests.security.conftest import fast_password_hashing, with_people  # noqa: F401 - fixtures


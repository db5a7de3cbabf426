"""Encryption at rest: check SCR_MONITOR_KEY up front, and refuse a store that the key cannot read."""
from __future__ import annotations

import binascii
import json
from base64 import b64decode, b64encode
from os import urandom

from eventsourcing.cryptography import AESCipher
from eventsourcing.utils import Environment

from domain.errors import DomainError
from monitoring.security.signing import encryption_of, signing_key_of
from projections.event_signature import sign
from projections.stored_events import rewrite_every_event

FIELD = "SCR_MONITOR_KEY"
KEY_BYTES = 32


def new_key() -> str:
    """A fresh AES-256 key, base64 encoded, as SCR_MONITOR_KEY expects."""
    return b64encode(urandom(KEY_BYTES)).decode("ascii")


def check_key(key: str | None) -> None:
    """A key must be the base64 encoding of exactly 32 random bytes (AES-256)."""
    if key is None:
        return
    try:
        raw = b64decode(key.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise DomainError(FIELD, "is not base64; make a key with `scr-monitor key new`") from None
    if len(raw) != KEY_BYTES:
        raise DomainError(FIELD, f"decodes to {len(raw)} bytes, not {KEY_BYTES}; make a key with `scr-monitor key new`")


def probe(app, key_set: bool) -> None:
    """Decode the first stored event, so a wrong or missing key stops us before anything is written."""
    first = app.recorder.select_notifications(start=None, limit=1)
    if not first:
        return
    try:
        app.mapper.to_domain_event(first[0])
    except Exception:
        if not key_set:
            raise DomainError(FIELD, "this store's events are encrypted; set SCR_MONITOR_KEY to the key they were written with") from None
        if _is_plain_json(first[0].state):
            raise DomainError(FIELD, "is set, but this store's events are not encrypted; unset it, or start a new store") from None
        raise DomainError(FIELD, "cannot decrypt this store's events: wrong key") from None


def _is_plain_json(state: bytes) -> bool:
    try:
        json.loads(bytes(state).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return True


def rotate(services, new_key: str) -> tuple[int, str, str]:
    """Re-encrypt every stored event with `new_key` in one locked transaction, then re-chain them.

    Refuses unless the store reads with the current key and the hash chain is intact. Returns
    (events re-encrypted, head hash before, head hash after): note both where the old one was noted.
    """
    check_key(new_key)
    app = services.app  # the probe has read an event with the current key
    old, signing_key = encryption_of(app.mapper), signing_key_of(app.mapper)
    if old is None:
        raise DomainError(FIELD, "is not set: this store is not encrypted, so there is no key to rotate")
    report = services.hash_chain.verify(anchor=None)
    if not report.intact:
        raise DomainError("verify", f"{report.problem}; not rotating a store that fails verification")
    new = AESCipher(Environment(env={"CIPHER_KEY": new_key}))
    services.app.files.ensure_table()  # before the transaction: on SQLite another connection cannot create it during one

    def new_state(aggregate_id, version, topic, body):
        state = new.encrypt(old.decrypt(body))
        if signing_key is not None:  # signed (again): the signature covers the new ciphertext
            state = sign(signing_key, aggregate_id, version, topic, state)
        return state

    count = rewrite_every_event(
        services.engine, app.recorder.events_table_name, postgres=services.settings.is_postgres, new_state=new_state,
        also=lambda connection: services.app.files.reencrypt(connection, old, new),  # evidence files, same transaction
    )
    services.hash_chain.catch_up()
    position, after = services.hash_chain.head()
    services.hash_chain.anchors.record(position, after, f"key rotate: every event re-encrypted, chain re-made; head was sha256 {report.head_hash}",
                                       rechained=True)
    return count, report.head_hash, after

"""Signing every event the application writes (SCR_MONITOR_ANCHOR_KEY), through eventsourcing's own settings.

config.eventsourcing_env names these classes (MAPPER_TOPIC, CIPHER_TOPIC) only when the anchor key is set.
The cipher carries the key (eventsourcing gives a cipher the environment; a mapper gets only its parts) and
encrypts with AES when SCR_MONITOR_KEY is set too; the mapper signs what the cipher produced, binding it to
the aggregate id, version and topic (projections.event_signature), and strips the signature before decoding.
"""
from __future__ import annotations

from eventsourcing.cryptography import AESCipher
from eventsourcing.persistence import Cipher, Mapper, StoredEvent

from domain.errors import DomainError
from projections.event_signature import checks, decode_key, is_signed, sign, split

FIELD = "SCR_MONITOR_ANCHOR_KEY"
KEY_SETTING = "EVENT_SIGNING_KEY"  # the name in the eventsourcing environment


def anchor_key(text: str | None) -> bytes | None:
    """The key's bytes, or a one-line error naming the setting."""
    if not text:
        return None
    try:
        return decode_key(text)
    except ValueError as error:
        raise DomainError(FIELD, str(error)) from None


class SigningCipher(Cipher):
    """AES when a CIPHER_KEY is set, else the bytes unchanged; holds the signing key for the mapper."""

    def __init__(self, environment) -> None:
        self.key = anchor_key(environment.get(KEY_SETTING))
        self.aes = AESCipher(environment) if environment.get("CIPHER_KEY") else None

    def encrypt(self, plaintext: bytes) -> bytes:
        return self.aes.encrypt(plaintext) if self.aes else plaintext

    def decrypt(self, ciphertext: bytes) -> bytes:
        return self.aes.decrypt(ciphertext) if self.aes else ciphertext


class SigningMapper(Mapper):
    """Stored state = MARK + HMAC(id, version, topic, state) + state; an unsigned (older) event still decodes."""

    def to_stored_event(self, domain_event) -> StoredEvent:
        stored = super().to_stored_event(domain_event)
        key = signing_key_of(self)
        if key is None:
            return stored
        return StoredEvent(stored.originator_id, stored.originator_version, stored.topic,
                           sign(key, stored.originator_id, stored.originator_version, stored.topic, stored.state))

    def to_domain_event(self, stored_event: StoredEvent):
        found, body = split(stored_event.state)
        if found is not None:
            stored_event = StoredEvent(stored_event.originator_id, stored_event.originator_version, stored_event.topic, body)
        return super().to_domain_event(stored_event)


def encryption_of(mapper):
    """The AES cipher the store's events are encrypted with, or None."""
    cipher = mapper.cipher
    return cipher.aes if isinstance(cipher, SigningCipher) else cipher


def signing_key_of(mapper) -> bytes | None:
    cipher = mapper.cipher
    return cipher.key if isinstance(cipher, SigningCipher) else None


def check_signing(app, key: bytes | None) -> None:
    """A signed store needs its key (without it, new events would go unsigned and be reported as forged),
    and the first signed event must check with it (else the key is wrong). Reads stored bytes only."""
    recorder = app.recorder
    first = recorder.select_notifications(start=None, limit=1)
    if not first:
        return
    last_id = recorder.max_notification_id()
    last = recorder.select_notifications(start=last_id, limit=1) if last_id != first[0].id else first
    if key is None and any(is_signed(n) for n in (*first, *last)):
        raise DomainError(FIELD, "this store's events are signed; set SCR_MONITOR_ANCHOR_KEY to the key they were signed with")
    if key is not None and is_signed(first[0]) and not checks(key, first[0]):
        raise DomainError(FIELD, "does not match the key this store's events were signed with: wrong key")

"""Each event's signature: an HMAC-SHA256, with the operator's anchor key, over exactly what is stored.

The application prefixes every event it writes with `MARK + tag` (monitoring.security.signing), the tag
covering the aggregate id, version, topic and the stored state (ciphertext when encrypted), so an event
copied onto another aggregate or version, or changed, or written by SQL without the key, does not check.
Whoever holds the key can sign; the database alone cannot.
"""
from __future__ import annotations

import binascii
import hashlib
import hmac
from base64 import b64decode

MARK = b"scr-sig1"
TAG_BYTES = 32
KEY_BYTES = 32


def decode_key(text: str) -> bytes:
    """The anchor key as `scr-monitor key new` prints it: base64 of 32 random bytes. ValueError otherwise."""
    try:
        raw = b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("is not base64; make a key with `scr-monitor key new`") from None
    if len(raw) != KEY_BYTES:
        raise ValueError(f"decodes to {len(raw)} bytes, not {KEY_BYTES}; make a key with `scr-monitor key new`")
    return raw


def tag(key: bytes, originator_id, originator_version: int, topic: str, body: bytes) -> bytes:
    """HMAC-SHA256 over every field, each length-prefixed (one C call: verify runs it for every event)."""
    parts = (str(originator_id).encode(), str(originator_version).encode(), topic.encode(), bytes(body))
    message = b"scr-monitor event v1" + b"".join(len(part).to_bytes(8, "big") + part for part in parts)
    return hmac.digest(key, message, hashlib.sha256)


def sign(key: bytes, originator_id, originator_version: int, topic: str, body: bytes) -> bytes:
    return MARK + tag(key, originator_id, originator_version, topic, body) + bytes(body)


def split(state: bytes) -> tuple[bytes | None, bytes]:
    """(tag, body) of a signed state; (None, state) of an unsigned one."""
    state = bytes(state)
    if state.startswith(MARK) and len(state) >= len(MARK) + TAG_BYTES:
        return state[len(MARK):len(MARK) + TAG_BYTES], state[len(MARK) + TAG_BYTES:]
    return None, state


def is_signed(notification) -> bool:
    return bytes(notification.state[:len(MARK)]) == MARK


def checks(key: bytes, notification) -> bool:
    """True when the stored event carries this key's signature over what is stored now."""
    found, body = split(notification.state)
    if found is None:
        return False
    expected = tag(key, notification.originator_id, notification.originator_version, notification.topic, body)
    return hmac.compare_digest(found, expected)

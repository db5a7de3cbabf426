"""`scr-monitor key rotate-anchor`: sign every event and the head again with a new SCR_MONITOR_ANCHOR_KEY
(when someone who held the old one leaves). Refused unless the store verifies with the current key."""
from __future__ import annotations

from domain.errors import DomainError
from monitoring.security.signing import FIELD, anchor_key
from projections.event_signature import sign
from projections.stored_events import rewrite_every_event


def rotate_anchor_key(services, new_text: str) -> tuple[int, str, str]:
    """Re-sign every stored event in one locked transaction, re-make the chain, record a re-chaining anchor
    signed with the new key. Returns (events re-signed, head before, head after)."""
    new = anchor_key(new_text)
    if services.hash_chain.key is None:
        raise DomainError(FIELD, "is not set: nothing is signed yet; set it to the new key to start signing")
    if new == services.hash_chain.key:
        raise DomainError(FIELD, "the new key is the key in use; make another with `scr-monitor key new`")
    report = services.hash_chain.verify(anchor=None)
    if not report.intact:
        raise DomainError("verify", f"{report.problem}; not re-signing a store that fails verification")
    count = rewrite_every_event(
        services.engine, services.app.recorder.events_table_name, postgres=services.settings.is_postgres,
        new_state=lambda aggregate_id, version, topic, body: sign(new, aggregate_id, version, topic, body),
    )
    services.hash_chain.key = new  # this process signs the anchor with the new key from here on
    services.hash_chain.catch_up()
    position, after = services.hash_chain.head()
    services.hash_chain.anchors.record(
        position, after, f"anchor key rotated: every event signed again, chain re-made; head was sha256 {report.head_hash}",
        rechained=True)
    return count, report.head_hash, after

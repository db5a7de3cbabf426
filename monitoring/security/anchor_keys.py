"""`scr-monitor key rotate-anchor`: sign every event and the head again with a new SCR_MONITOR_ANCHOR_KEY
(when someone who held the old one leaves). Refused unless the store verifies with the current key."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import text

from domain.errors import DomainError
from monitoring.security.signing import FIELD, anchor_key
from projections.event_signature import sign, split


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
    table = services.app.recorder.events_table_name
    with services.engine.begin() as connection:
        if services.settings.is_postgres:
            connection.execute(text(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE'))
        connection.execute(text("DELETE FROM event_hash_chain"))  # first, so SQLite takes its write lock now
        rows = connection.execute(text(f"SELECT originator_id, originator_version, topic, state FROM {table}")).all()
        for originator_id, version, topic, state in rows:
            _, body = split(state)
            connection.execute(
                text(f"UPDATE {table} SET state = :state WHERE originator_id = :id AND originator_version = :version"),
                {"state": sign(new, UUID(str(originator_id)), version, topic, body), "id": originator_id, "version": version},
            )
    services.hash_chain.key = new  # this process signs the anchor with the new key from here on
    services.hash_chain.catch_up()
    position, after = services.hash_chain.head()
    services.hash_chain.anchors.record(
        position, after, f"anchor key rotated: every event signed again, chain re-made; head was sha256 {report.head_hash}",
        rechained=True)
    return len(rows), report.head_hash, after

"""Backups and restores of a whole store: events, users, the outbox, evidence files, sign-in sessions, the
hash chain and its anchors, and the read models (every table in the database, so a table added later is
carried too). SQLite by its online backup API (never a file copy: that can miss the WAL); PostgreSQL by
pg_dump's custom format in one snapshot. Each is verified (hash chain, signatures, status) before done."""

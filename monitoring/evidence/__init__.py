"""Evidence documents' bytes: stored once each, by SHA-256, in the same database as the events."""

"""Read models: SQL tables kept up to date from the event store, and the queries over them (queries.py)."""

"""Use cases: every change goes through here (get, change, save), then the read models catch up."""

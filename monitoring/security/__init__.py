"""Users, permissions, reads scoped to a user's boards, and encryption at rest."""

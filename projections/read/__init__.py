"""Internal query helpers behind projections.queries.Queries (the only public read API)."""

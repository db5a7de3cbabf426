"""The store itself: whether its database exists (named, with the command that creates it), and how big saves
reach PostgreSQL without the pipelined insert that hangs."""

"""The demo data set and its accounts, for `make run`."""

"""The spreadsheet trackers boards keep: import (all or nothing) and export, one format both ways."""

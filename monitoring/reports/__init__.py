"""The annual report: its data, the figures the dashboard shares, and the pack (PNG, SVG, PDF, CSV, XLSX, HTML)."""

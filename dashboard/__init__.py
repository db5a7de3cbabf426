"""The Dash dashboard: reads `projections.queries`, writes only through `monitoring.application.use_cases` use cases."""

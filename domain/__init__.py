"""The domain of case-review action plans: aggregates, events and pure rules. No I/O."""

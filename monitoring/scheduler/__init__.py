"""Reminders and escalations: jobs, notice rules, messages, the outbox and delivery by e-mail."""

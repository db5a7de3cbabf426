"""The application: use cases, configuration, the scheduler's jobs and the `scr-monitor` command line."""

"""When each job runs and how far ahead it looks: every setting in one place, each overridable from the environment.

Schedules are crontab lines (minute hour day-of-month month day-of-week) in the board's time zone, or six
fields with the seconds first (`*/10 * * * * *`: every ten seconds). Name
the days (`mon-fri`): APScheduler 3 counts numeric weekdays from Monday = 0, unlike cron. `off` disables a job.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from apscheduler.triggers.cron import CronTrigger

from domain.errors import DomainError
from monitoring.config import environment

JOB_NAMES = ("reminders", "overdue", "clocks", "digest", "snapshot", "send")

DEFAULT_CRONTABS = {
    "reminders": "0 7 * * mon-fri",  # weekday mornings, before the working day
    "overdue": "10 7 * * mon-fri",
    "clocks": "20 7 * * mon-fri",
    "digest": "0 8 * * mon",  # Monday morning, for the week ahead
    "snapshot": "0 6 1 * *",  # the 1st of each month: the figures as at the month's last day
    "send": "*/5 * * * *",  # the outbox, every five minutes (retries wait their back-off)
}

# Setting -> (environment variable, default). Days are calendar days unless named working days.
NUMBERS = {
    "reminder_days": ("SCR_MONITOR_REMINDER_DAYS", 14),  # remind the lead this many days before the target
    "escalate_after_days": ("SCR_MONITOR_ESCALATE_AFTER_DAYS", 30),  # tell the chair when overdue this long
    "clock_warning_working_days": ("SCR_MONITOR_CLOCK_WARNING_WORKING_DAYS", 5),
    "clock_lookback_days": ("SCR_MONITOR_CLOCK_LOOKBACK_DAYS", 90),  # older missed deadlines: no notice
    "digest_due_days": ("SCR_MONITOR_DIGEST_DUE_DAYS", 30),  # "due soon" in the weekly digest
    "misfire_grace_seconds": ("SCR_MONITOR_MISFIRE_GRACE_SECONDS", 6 * 3600),
}


@dataclass(frozen=True)
class Schedule:
    crontabs: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_CRONTABS))
    timezone: str = "Europe/London"
    reminder_days: int = 14
    escalate_after_days: int = 30
    clock_warning_working_days: int = 5
    clock_lookback_days: int = 90
    digest_due_days: int = 30
    misfire_grace_seconds: int = 6 * 3600

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Schedule":
        env = environment() if environ is None else environ
        crontabs = {job: env.get(f"SCR_MONITOR_SCHEDULE_{job.upper()}") or line for job, line in DEFAULT_CRONTABS.items()}
        numbers = {name: _whole_number(var, env.get(var), default) for name, (var, default) in NUMBERS.items()}
        schedule = cls(crontabs=crontabs, timezone=env.get("SCR_MONITOR_TIMEZONE") or "Europe/London", **numbers)
        for job in JOB_NAMES:
            schedule.trigger(job)  # a mistake in any line is reported now, not at 7 o'clock
        return schedule

    def trigger(self, job: str) -> CronTrigger | None:
        line = self.crontabs[job].strip()
        if line.lower() == "off":
            return None
        try:
            fields = line.split()
            if len(fields) == 6:  # seconds first, as in Quartz: `*/10 * * * * *` (tests and busy services)
                second, minute, hour, day, month, day_of_week = fields
                return CronTrigger(second=second, minute=minute, hour=hour, day=day, month=month,
                                   day_of_week=day_of_week, timezone=self.timezone)
            return CronTrigger.from_crontab(line, timezone=self.timezone)
        except Exception as error:
            raise DomainError(f"SCR_MONITOR_SCHEDULE_{job.upper()}", f"{line!r} is not a crontab line: {error}") from None


def _whole_number(variable: str, text: str | None, default: int) -> int:
    if text is None or not text.strip():
        return default
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise DomainError(variable, f"{text!r} is not a whole number of days (or seconds)")
    return value

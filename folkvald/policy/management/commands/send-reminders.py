"""`folkvald send-reminders`: e-mail groups' chairs and secretaries before a deliverable's deadline.

Run it daily (cron or a systemd timer). Each reminder is sent once: the sent ones are recorded.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from folkvald.policy.services import DEFAULT_REMINDER_DAYS, reminders_send


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today must be a date like 2024-09-01, not {value!r}") from error


class Command(BaseCommand):
    help = (
        "Send e-mail reminders to the chair and secretary of each working group whose open deliverable "
        "is due within N days (default 7). Each reminder is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=DEFAULT_REMINDER_DAYS,
            help=f"remind this many days before the deadline (default {DEFAULT_REMINDER_DAYS})",
        )
        parser.add_argument("--today", type=str, default=None, help="the day to count from, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        days = options["days"]
        if days < 0:
            raise CommandError("--days must be zero or more")
        today = _date(options["today"]) if options["today"] else None
        sent = reminders_send(today=today, days_before=days)
        for record in sent:
            self.stdout.write(f"{record.email}: {record.deliverable.title} ({record.deliverable.deadline:%Y-%m-%d})")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} påminnelser skickade."))

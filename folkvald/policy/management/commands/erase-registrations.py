"""`folkvald erase-registrations`: erase names and e-mail of event registrations once the event is past.

Run it daily beside `folkvald send-reminders`. The number registered stays; who they were does not.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from folkvald.policy.services import REGISTRATION_RETENTION_DAYS, registrations_erase_personal_data


class Command(BaseCommand):
    help = (
        "Erase the names and e-mail addresses of registrations for events that ended more than N days ago "
        f"(default {REGISTRATION_RETENTION_DAYS}); the counts stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=REGISTRATION_RETENTION_DAYS,
                            help=f"days after the event (default {REGISTRATION_RETENTION_DAYS})")

    def handle(self, *args, **options):
        if options["days"] < 0:
            raise CommandError("--days must be zero or more")
        erased = registrations_erase_personal_data(days=options["days"])
        self.stdout.write(self.style.SUCCESS(f"{erased} anmälningar avidentifierade."))

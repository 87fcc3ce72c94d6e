"""`folkvald demo`: a database with the seeds as demo data, and the sign-ins to try it."""

from __future__ import annotations

import importlib
import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from folkvald.organisations.demo import DEMO_PASSWORD, DemoContext
from folkvald.organisations.models import Organisation

#: Apps in the order their demo data builds on each other.
DEMO_APPS = ["organisations", "elections", "councils", "campaigns", "agenda", "policy"]


class Command(BaseCommand):
    help = "Migrate the database and load the demo data of the seeds (Lund, Malmö, Huddinge, Stockholm)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Empty the database first.")
        parser.add_argument("--quiet-users", action="store_true", help="Do not print the sign-ins.")

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("createcachetable", verbosity=0)
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        if Organisation.objects.filter(name="Socialdemokraterna", kind="party").exists():
            self.stdout.write("Demodata finns redan (kör med --reset för att läsa in dem på nytt).")
            context = None
        else:
            context = DemoContext()
            with transaction.atomic():
                for app in DEMO_APPS:
                    module = importlib.import_module(f"folkvald.{app}.demo")
                    module.load(context)
                    if verbosity > 1:
                        self.stdout.write(f"  {app}: klart")
            self.stdout.write(self.style.SUCCESS("Demodata inlästa."))
        if not options["quiet_users"]:
            self._print_users(context)

    def _print_users(self, context: DemoContext | None) -> None:
        from django.contrib.auth import get_user_model

        # The address `folkvald serve` will listen on (make demo serves right after this).
        address = f"http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
        self.stdout.write("")
        self.stdout.write(f"Logga in på {address}/konto/logga-in/ med lösenordet {DEMO_PASSWORD!r} och:")
        if context is not None:
            rows = [(user.username, user.description) for user in context.users]
        else:
            rows = [(u.username, "") for u in get_user_model().objects.order_by("username")]
        width = max((len(name) for name, _ in rows), default=10)
        for username, description in rows:
            self.stdout.write(f"  {username.ljust(width)}  {description}")

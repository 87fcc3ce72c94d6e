"""`folkvald serve`: the application server (gunicorn), never Django's development server."""

from __future__ import annotations

import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve folkvald with gunicorn (static files by WhiteNoise). Settings from the environment."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) * 2 + 1)))
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
        parser.add_argument("--migrate", action="store_true", help="Apply migrations before serving.")
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args, **options):
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)
        if not settings.DEBUG and not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"folkvald på http://{address}/ (gunicorn, {options['workers']} processer)")
        sys.stdout.flush()
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
        command = [gunicorn or "gunicorn"] if gunicorn else [sys.executable, "-m", "gunicorn"]
        arguments = [
            *command,
            "folkvald.wsgi:application",
            "--bind", address,
            "--workers", str(options["workers"]),
            "--worker-class", "gthread",
            "--threads", str(options["threads"]),
            "--access-logfile", os.environ.get("ACCESS_LOG", "-"),
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            "--graceful-timeout", "20",
        ]
        os.execv(arguments[0], arguments)  # noqa: S606 - replace this process with the server

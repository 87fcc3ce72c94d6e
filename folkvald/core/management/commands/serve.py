"""`folkvald serve`: the application server (Granian), never Django's development server.

Granian parses HTTP and handles connections in Rust and calls the WSGI application from a
pool of Python threads per worker process; under load it costs about a third less CPU per
request than gunicorn's threaded workers did (docs/decisions.md, docs/benchmarks.md).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

ACCESS_LOG_FORMAT = '%(addr)s - [%(time)s] "%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).1f ms'


def access_log_arguments(target: str) -> list[str]:
    """ACCESS_LOG: ``-`` standard output, ``off`` none, anything else a file appended to.

    Only the path is logged, never the query string: a query may carry a search for a name.
    """
    if target == "off":
        return ["--no-access-log"]
    arguments = ["--access-log", "--access-log-fmt", ACCESS_LOG_FORMAT]
    if target == "-":
        return arguments
    config = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"access": {"()": "logging.Formatter", "fmt": "%(message)s"}},
        "handlers": {"access": {"class": "logging.FileHandler", "filename": target, "formatter": "access"}},
        "loggers": {"granian.access": {"handlers": ["access"], "level": "INFO", "propagate": False}},
    }
    handle, path = tempfile.mkstemp(prefix="folkvald-serve-log-", suffix=".json")
    with os.fdopen(handle, "w") as file:
        json.dump(config, file)
    return [*arguments, "--log-config", path]


class Command(BaseCommand):
    help = "Serve folkvald with Granian (static files by WhiteNoise). Settings from the environment."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", str(os.cpu_count() or 1)))
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
        parser.add_argument("--migrate", action="store_true", help="Apply migrations before serving.")
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args, **options):
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("--workers och --threads måste vara minst 1.")
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)
        if not settings.DEBUG and not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(
            f"folkvald på http://{address}/ (Granian, {options['workers']} processer × {options['threads']} trådar)"
        )
        sys.stdout.flush()
        granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or shutil.which("granian")
        command = [granian] if granian else [sys.executable, "-m", "granian"]
        arguments = [
            *command,
            "--interface", "wsgi",
            "--host", options["host"],
            "--port", str(options["port"]),
            "--workers", str(options["workers"]),
            "--blocking-threads", str(options["threads"]),
            "--no-ws",
            "--respawn-failed-workers",
            "--workers-kill-timeout", "20",
            "--log-level", os.environ.get("LOG_LEVEL", "info").lower(),
            *access_log_arguments(os.environ.get("ACCESS_LOG", "-")),
            "folkvald.wsgi:application",
        ]
        os.execv(arguments[0], arguments)  # noqa: S606 - replace this process with the server

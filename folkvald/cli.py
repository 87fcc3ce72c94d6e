"""The `folkvald` command: the pure seat mathematics, and Django's commands for the app.

`folkvald seats ...` and `folkvald committee ...` run without Django (and so
without a database or settings); every other command is a Django management
command (`folkvald demo`, `folkvald serve`, `folkvald migrate`, ...).
"""

from __future__ import annotations

import importlib
import os
import sys

PURE_COMMANDS = {
    "seats": ("folkvald.seatmath.cli_seats", "mandatfördelning: allocate, explain, import-xml"),
    "committee": ("folkvald.seatmath.cli_committee", "nämndval och valteknisk samverkan: allocate, plan"),
}

#: Commands meant for a laptop, which default to DEBUG so they run without a SECRET_KEY.
LOCAL_COMMANDS = {"demo", "help", "--help", "-h", "--version"}
HELP_FLAGS = {"--help", "-h"}


def folkvald_commands() -> dict[str, str]:
    """The management commands of folkvald's own apps, with the first sentence of their help."""
    from django.core.management import get_commands, load_command_class

    commands: dict[str, str] = {}
    for name, app in sorted(get_commands().items()):
        if not app.startswith("folkvald.") or ("_" in name and name.replace("_", "-") in get_commands()):
            continue  # import_results is the same command as import-results
        summary = load_command_class(app, name).help.split(". ")[0].rstrip(".")
        commands[name] = summary
    return commands


def _help() -> int:
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folkvald.settings")
    import django
    from django.core.management import ManagementUtility

    django.setup()
    print("Usage: folkvald <command> [options]     folkvald <command> --help\n")
    print("Seat mathematics (no database needed):")
    for name, (_module, summary) in PURE_COMMANDS.items():
        print(f"  {name:<20} {summary}")
    print()
    print("folkvald's own commands:")
    for name, summary in folkvald_commands().items():
        print(f"  {name:<20} {summary}")
    print()
    print(ManagementUtility(["folkvald"]).main_help_text(commands_only=False).replace("manage.py", "folkvald"))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] in PURE_COMMANDS:
        module = importlib.import_module(PURE_COMMANDS[args[0]][0])
        return int(module.main(args[1:]))
    if not args or args[0] in {"help", "--help", "-h"} and len(args) == 1:
        return _help()
    if args[0] in LOCAL_COMMANDS or HELP_FLAGS & set(args):
        os.environ.setdefault("DEBUG", "true")  # reading a command's help needs no secret key
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folkvald.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["folkvald", *args])
    except ImproperlyConfigured as error:  # a missing or malformed setting: one line, not a traceback
        print(f"folkvald: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

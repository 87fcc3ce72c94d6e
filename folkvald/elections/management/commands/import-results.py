"""`folkvald import-results`: the same command as import_results, under the name the docs use."""

from folkvald.elections.management.commands.import_results import Command  # noqa: F401

"""Import all of one election's official files (290 municipalities) into a fresh SQLite database.

    .venv/bin/python benchmarks/bench_elections_import.py [../shared/data/valmyndigheten/kf-2018] [--no-explain]

Prints the wall time of the first import (everything created, seats stored with their
explanations, as `folkvald import-results` does by default) and of the same import again
(nothing changes). With --no-explain the first import skips the explanations, as
`folkvald import-results --no-explain` does. Goal: under a minute.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    arguments = [argument for argument in sys.argv[1:] if argument != "--no-explain"]
    explain = "--no-explain" not in sys.argv[1:]
    directory = Path(arguments[0] if arguments else "../shared/data/valmyndigheten/kf-2018")
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folkvald.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from folkvald.elections.importing import import_files
    from folkvald.elections.models import Election

    files = sorted(p for p in directory.iterdir() if p.name.startswith("slutresultat_"))
    started = time.perf_counter()
    report = import_files(files, explain=explain)
    first = time.perf_counter() - started
    elections = Election.objects.count()
    explained = Election.objects.exclude(explanation=None).count()
    print(f"{directory.name}: {len(files)} files, {elections} elections")
    print(f"  first import:  {first:6.1f} s  ({report.count('created')} created, {len(report.failed)} failed, "
          f"{len(report.differences)} differing from the official seats, {explained} stored with explanations)")
    started = time.perf_counter()
    again = import_files(files, explain=explain)
    print(f"  same again:    {time.perf_counter() - started:6.1f} s  ({again.count('unchanged')} unchanged)")
    for outcome in report.differences:
        print(f"  DIFFERENCE {outcome.election.municipality_id} {outcome.election.year}: {outcome.differences}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

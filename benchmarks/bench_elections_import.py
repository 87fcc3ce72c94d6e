"""Import all of one election's official files (290 municipalities) into a fresh SQLite database.

    .venv/bin/python benchmarks/bench_elections_import.py [../shared/data/valmyndigheten/kf-2018]

Prints the wall time of the first import (everything created), of the same import again
(nothing changes) and of computing every explanation afterwards. Goal: under a minute.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    directory = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/valmyndigheten/kf-2018")
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
    from folkvald.elections.services import election_explain

    files = sorted(p for p in directory.iterdir() if p.name.startswith("slutresultat_"))
    started = time.perf_counter()
    report = import_files(files)
    first = time.perf_counter() - started
    elections = Election.objects.count()
    print(f"{directory.name}: {len(files)} files, {elections} elections")
    print(f"  first import:  {first:6.1f} s  ({report.count('created')} created, {len(report.failed)} failed, "
          f"{len(report.differences)} differing from the official seats)")
    started = time.perf_counter()
    again = import_files(files)
    print(f"  same again:    {time.perf_counter() - started:6.1f} s  ({again.count('unchanged')} unchanged)")
    started = time.perf_counter()
    for election in Election.objects.all():
        election_explain(election=election)
    print(f"  explanations:  {time.perf_counter() - started:6.1f} s  (all {elections}, computed once and stored)")
    for outcome in report.differences:
        print(f"  DIFFERENCE {outcome.election.municipality_id} {outcome.election.year}: {outcome.differences}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

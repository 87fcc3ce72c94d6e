"""The public reform report, its JSON and feed, and the CSV import, on a large organisation.

    .venv/bin/python benchmarks/bench_agenda.py [--reforms 300] [--decisions 1000]

Builds a fresh SQLite database with one organisation holding the given number of reforms in
12 policy areas (each with one or two status changes) and decisions (two figures each, each
moving one reform). Then times, as the median of 5 runs:

- the report page (GET /reformer/<id>/<period>/: report_build and the template),
- the report as JSON (GET /api/v1/reports/<id>) and the Atom feed,
- the peer in the same run: the same report read the straightforward way, one query per reform
  for its decisions and one for its history, one per decision for its figures (what the page
  would cost without prefetching), without rendering;
- bullet-list parsing of the two seeds, and a CSV export and re-import of every reform and decision.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_ms(function, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reforms", type=int, default=300)
    parser.add_argument("--decisions", type=int, default=1000)
    args = parser.parse_args()

    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folkvald.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from folkvald.agenda.bullets import parse_bullets
    from folkvald.agenda.exchange import (
        decisions_export,
        decisions_import,
        reforms_export,
        reforms_import,
    )
    from folkvald.agenda.figures import ParsedFigure
    from folkvald.agenda.models import Decision, Reform
    from folkvald.agenda.services import (
        agreement_create,
        decision_create,
        reform_create,
        reform_status_change,
    )
    from folkvald.organisations.models import Organisation, Party
    from folkvald.organisations.services import parties_load, reference_data_load

    reference_data_load()
    parties_load()
    party = Party.objects.get(abbreviation="S")
    organisation = Organisation.objects.create(name="Bänk", kind="branch", party=party, municipality_id="0126")
    copy = Organisation.objects.create(name="Kopia", kind="branch", party=party, municipality_id="0180")
    started = time.perf_counter()
    with transaction.atomic():
        agreement = agreement_create(organisation=organisation, title="Avtalet", kind="coalition",
                                     parties=list(Party.objects.filter(abbreviation__in=["S", "V"])),
                                     period_start=2022, date=dt.date(2022, 10, 10), is_published=True)
        agreement_create(organisation=copy, title="Avtalet", kind="coalition",
                         parties=list(Party.objects.filter(abbreviation__in=["S", "V"])),
                         period_start=2022, date=dt.date(2022, 10, 10))
        reforms = [
            reform_create(organisation=organisation, title=f"Reform {number}", policy_area=f"Område {number % 12}",
                          source_kind="agreement", agreement=agreement, weight=1 + number % 3, is_published=True)
            for number in range(args.reforms)
        ]
        decisions = []
        for number in range(args.decisions):
            decisions.append(decision_create(
                organisation=organisation, date=dt.date(2023, 1, 1) + dt.timedelta(days=number % 900),
                body="council", paragraph=f"§ {number}", title=f"Beslut {number}",
                policy_area=f"Område {number % 12}", reforms=[reforms[number % len(reforms)]],
                figures=[ParsedFigure("increase", Decimal("5.7"), "%", "andel"),
                         ParsedFigure("", Decimal(5939 + number), "bostäder", "antal")],
                is_published=True))
        for number, reform in enumerate(reforms):
            reform_status_change(reform=reform, status="in_progress", reason="Pågår.", user=None)
            if number % 2:
                reform_status_change(reform=reform, status="done", reason="Klart.", user=None,
                                     decision=decisions[number % len(decisions)])
    print(f"{args.reforms} reforms, {args.decisions} decisions, {2 * args.decisions} figures "
          f"(built in {time.perf_counter() - started:.1f} s)")

    client = Client()
    report_url = f"/reformer/{organisation.pk}/2022-2026/"

    def page():
        response = client.get(report_url, secure=True)
        assert response.status_code == 200

    def api():
        assert client.get(f"/api/v1/reports/{organisation.pk}", secure=True).status_code == 200

    def feed():
        assert client.get(f"/reformer/{organisation.pk}/beslut.atom", secure=True).status_code == 200

    def straightforward():
        total = 0
        for reform in Reform.objects.filter(organisation=organisation, is_published=True):
            total += len(list(reform.decisions.filter(is_published=True)))
            total += len(list(reform.status_changes.select_related("decision")))
        for decision in Decision.objects.filter(organisation=organisation, is_published=True):
            total += len(list(decision.figures.all()))
            total += len(list(decision.reforms.all()))
        return total

    # Count the queries of whole requests: keep Django from emptying the log when a request starts.
    from django.core.signals import request_started
    from django.db import reset_queries

    request_started.disconnect(reset_queries)
    page()
    reset_queries()  # the log holds at most 9 000 queries; empty it so the counts below are right
    with CaptureQueriesContext(connection) as page_queries:
        page()
    reset_queries()
    with CaptureQueriesContext(connection) as peer_queries:
        straightforward()
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        cProfile.runctx("api()", globals(), locals(), "/tmp/bench_agenda.prof")
        pstats.Stats("/tmp/bench_agenda.prof").sort_stats("cumulative").print_stats(25)
        from collections import Counter

        with CaptureQueriesContext(connection) as api_queries:
            api()
        shapes = Counter(query["sql"][:150] for query in api_queries.captured_queries)
        for sql, count in shapes.most_common(8):
            print(count, sql)
        return 0
    rows = [
        ("report page (build + render)", median_ms(page), len(page_queries)),
        ("report JSON (API)", median_ms(api), None),
        ("Atom feed (50 newest)", median_ms(feed), None),
        ("peer: straightforward reads, no render", median_ms(straightforward), len(peer_queries)),
    ]
    seeds = [p.read_text("utf-8") for p in sorted((ROOT.parent / "shared" / "seeds").glob("00[23]_*.txt"))]
    rows.append(("parse both seeds' bullet lists ×100", median_ms(lambda: [parse_bullets(s) for s in seeds * 100]),
                 None))
    reforms_csv = reforms_export(organisation=organisation)
    decisions_csv = decisions_export(organisation=organisation)
    rows.append(("CSV export, reforms + decisions", median_ms(
        lambda: (reforms_export(organisation=organisation), decisions_export(organisation=organisation))), None))

    def import_once():
        with transaction.atomic():
            reforms_import(organisation=copy, text=reforms_csv)
            decisions_import(organisation=copy, text=decisions_csv)
            transaction.set_rollback(True)

    rows.append(("CSV import, reforms + decisions (rolled back)", median_ms(import_once, runs=3), None))
    print(f"{'case':48} {'median ms':>10} {'queries':>8}")
    for name, ms, queries in rows:
        print(f"{name:48} {ms:10.1f} {'' if queries is None else queries:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

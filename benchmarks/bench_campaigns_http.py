"""Reports over HTTP against the production setup: `folkvald serve` (gunicorn) on PostgreSQL, on loopback.

    .venv/bin/python benchmarks/bench_campaigns_http.py [--reports 20000] [--processes 2] [--threads 8]
        [--duplicates 0.05] [--cap 180] [--workers 5] [--server-threads 4]

Builds its own database (``folkvald_bench_http``; never the CI ``test`` database) with the
national tree (290 branches, 2,000 associations) and one campaign, signs in 64 volunteers
(sessions made directly, a CSRF cookie and header as a browser sends them), starts gunicorn,
and posts a fixed number of reports (each with a device-made id; a share of them sent a
second time, as a phone does when an answer is lost) from several client processes and
threads, bounded by a time cap. It prints the sustained reports per second (goal: 500) and,
in the same run, the best peer: the same clients on the cheapest API read (the server's
ceiling for a request on this machine). Then it checks that every report is accounted for
exactly once: one row per id answered 201, none for the repeats (200), and the tallies equal
the reports for the nation and for every branch.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import secrets
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_campaigns_progress import SERVER, build_tree, recreate_database, setup_django  # noqa: E402

BENCH_DB = "folkvald_bench_http"
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def worker(jobs: list[tuple[str, str, int, str]], threads: int, deadline: float, queue) -> None:
    """One client process: threads with keep-alive connections posting their share of the jobs."""
    results: list[tuple[str, int]] = []
    lock = threading.Lock()
    index = [0]

    def run() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        local: list[tuple[str, int]] = []
        while time.time() < deadline:
            with lock:
                if index[0] >= len(jobs):
                    break
                method, path, cookie_token, body = jobs[index[0]]
                index[0] += 1
            session, csrf = cookie_token.split("|")
            headers = {"Content-Type": "application/json"}
            if session:
                headers.update({"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf,
                                "Referer": f"http://127.0.0.1:{PORT}/"})
            for _attempt in range(3):
                try:
                    connection.request(method, path, body=body or None, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    local.append((body[:60] if body else "", response.status))
                    break
                except (ConnectionError, http.client.HTTPException, OSError):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        connection.close()
        with lock:
            results.extend(local)

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    queue.put(results)


def load(jobs, processes: int, threads: int, cap: float) -> tuple[float, list[tuple[str, int]]]:
    deadline = time.time() + cap
    queue: multiprocessing.Queue = multiprocessing.Queue()
    shares = [jobs[i::processes] for i in range(processes)]
    started = time.perf_counter()
    procs = [multiprocessing.Process(target=worker, args=(share, threads, deadline, queue)) for share in shares]
    for proc in procs:
        proc.start()
    results: list[tuple[str, int]] = []
    for _ in procs:
        results.extend(queue.get())
    for proc in procs:
        proc.join()
    return time.perf_counter() - started, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--duplicates", type=float, default=0.05)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--cap", type=float, default=180.0, help="seconds; the load stops there")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "5")))
    parser.add_argument("--server-threads", type=int, default=4)
    options = parser.parse_args()

    recreate_database(BENCH_DB)
    setup_django(BENCH_DB)
    import datetime as dt

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Sum
    from django.test import Client

    from folkvald.campaigns import services
    from folkvald.campaigns.models import Report, WeekTally

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    national, branches, associations, people = build_tree(volunteers=64)
    campaign = services.campaign_create(
        organisation=national, name="Samtalskampanjen", start=dt.date(2014, 1, 1), end=dt.date(2014, 9, 14),
        national_target=1_500_000, topics=["skola", "vård", "jobb", "klimat", "trygghet"], is_public=True,
    )
    services.targets_apportion(campaign=campaign)
    volunteers = []
    for person in people:
        client = Client()
        client.force_login(person.user)
        role = person.roles.get()
        volunteers.append((f"{client.cookies[settings.SESSION_COOKIE_NAME].value}|{secrets.token_hex(16)}",
                           role.organisation_id))
    connection.close()

    rng = random.Random(500)
    path = f"/api/v1/campaigns/{campaign.pk}/reports"
    originals = []
    for _ in range(options.reports):
        token, organisation_id = rng.choice(volunteers)
        payload = {"id": str(uuid.uuid4()), "organisation": organisation_id,
                   "date": (dt.date(2014, 1, 1) + dt.timedelta(days=rng.randint(0, 256))).isoformat(),
                   "place": rng.choice(["Stationen", "Centrum", "Torget", "Valdistrikt 12"]),
                   "activity": rng.choice(["door_knocking", "street_stall", "phone", "meeting"]),
                   "conversations": rng.randint(1, 40), "topics": rng.sample(["skola", "vård", "jobb"], k=1)}
        originals.append(("POST", path, token, json.dumps(payload)))
    repeats = set(rng.sample(range(len(originals)), int(len(originals) * options.duplicates)))
    # A repeat follows its original a little later (the phone that did not hear back sends again).
    jobs = []
    pending: list = []
    for index, job in enumerate(originals):
        jobs.append(job)
        if index in repeats:
            pending.append(job)
        if index % 50 == 49:
            jobs.extend(pending)
            pending = []
    jobs.extend(pending)

    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{BENCH_DB}", "ACCESS_LOG": "/dev/null",
           "WEB_CONCURRENCY": str(options.workers), "WEB_THREADS": str(options.server_threads)}
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "folkvald.cli", "serve", "--port", str(PORT), "--workers", str(options.workers),
         "--threads", str(options.server_threads)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
                probe.request("GET", "/api/v1/campaigns")
                if probe.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            print("the server did not start:", server.stderr.read().decode()[-2000:] if server.stderr else "")
            return 1
        print(f"gunicorn: {options.workers} workers x {options.server_threads} threads; clients: "
              f"{options.processes} processes x {options.threads} threads; PostgreSQL {BENCH_DB}")

        # The peer in the same run: the cheapest read through the same stack.
        reads = [("GET", "/api/v1/campaigns", "|", "") for i in range(5000)]
        elapsed, results = load(reads, options.processes, options.threads, options.cap)
        ok = sum(1 for _body, status in results if status == 200)
        print(f"peer  GET /api/v1/campaigns (anonymous): {ok:6d} in {elapsed:6.1f} s = {ok / elapsed:7.1f} requests/s")

        elapsed, results = load(jobs, options.processes, options.threads, options.cap)
        statuses: dict[int, int] = {}
        for _body, status in results:
            statuses[status] = statuses.get(status, 0) + 1
        sent = len(results)
        print(f"POST reports ({len(originals)} + {len(repeats)} repeats): {sent:6d} in {elapsed:6.1f} s = "
              f"{sent / elapsed:7.1f} reports/s  statuses {dict(sorted(statuses.items()))}"
              + ("  (time cap reached)" if sent < len(jobs) else ""))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    # Every report accounted for exactly once.
    created = statuses.get(201, 0)
    stored = Report.objects.filter(campaign=campaign).count()
    stored_conversations = Report.objects.filter(campaign=campaign).aggregate(total=Sum("conversations"))["total"] or 0
    national_tally = WeekTally.objects.filter(campaign=campaign, organisation=national).aggregate(
        total=Sum("conversations"), reports=Sum("reports"))
    sent_ids = {json.loads(body)["id"] for _m, _p, _t, body in jobs}
    stored_ids = {str(pk) for pk in Report.objects.filter(campaign=campaign).values_list("pk", flat=True)}
    print(f"check: {created} answered 201, {statuses.get(200, 0)} answered 200 (repeats), {stored} stored, "
          f"{len(stored_ids - sent_ids)} stored that were never sent")
    assert stored == created, "a report stored twice or lost"
    assert stored_ids <= sent_ids
    assert national_tally["total"] == stored_conversations and national_tally["reports"] == stored
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT b.id, COALESCE(t.total, 0), COALESCE(r.total, 0)
            FROM organisations_organisation b
            LEFT JOIN (SELECT organisation_id, sum(conversations) AS total FROM campaigns_weektally
                       WHERE campaign_id = %(c)s GROUP BY 1) t ON t.organisation_id = b.id
            LEFT JOIN (SELECT a.parent_id AS organisation_id, sum(conversations) AS total FROM campaigns_report x
                       JOIN organisations_organisation a ON a.id = x.organisation_id
                       WHERE x.campaign_id = %(c)s GROUP BY 1) r ON r.organisation_id = b.id
            WHERE b.kind = 'branch'
            """,
            {"c": campaign.pk},
        )
        rows = cursor.fetchall()
    wrong = [row for row in rows if row[1] != row[2]]
    assert not wrong, wrong[:5]
    print(f"check: national tally {national_tally['total']:,} conversations = the {stored:,} stored reports; "
          f"all {len(rows)} branch tallies equal their reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())

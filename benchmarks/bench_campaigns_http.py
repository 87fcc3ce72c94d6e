"""Reports over HTTP against the production setup: `folkvald serve` (Granian) on PostgreSQL, on loopback.

    .venv/bin/python benchmarks/bench_campaigns_http.py [--duration 60] [--connections 32]
        [--client wrk|python] [--workers N] [--server-threads N] [--repeat-every 20] [--days 257] [--keep]
        [--preload 2000000] [--database folkvald_bench_http]

Builds its own database (``folkvald_bench_http``, or ``--database``; never the CI ``test`` database) with the
national tree (290 branches, 2,000 associations) and one campaign, signs in 64 volunteers
(sessions made directly, a CSRF cookie and header as a browser sends them; in Redis when
REDIS_URL is set, as in production), starts `folkvald serve` with the settings of docs/deploy.md,
and posts reports for a fixed time (the bound), each with a device-made id; every 20th request
sends again a report sent a little earlier (the phone that did not hear back).

The load generator is ``wrk`` (C; Debian: ``apt-get install wrk``) with
``bench_campaigns_http.lua``, so the client takes little of the CPU the server needs; without
wrk (or with ``--client python``) it falls back to Python http.client threads, which take a
large share of the same cores and so measure less. The best peer in the same run: the same
client on the cheapest API read (``GET /api/v1/campaigns``, anonymous), the ceiling of this
server setup for one request on this machine.

Beside the rates it prints the server's CPU per request (Granian's processes and the PostgreSQL
backends of the bench database, from /proc, Linux only): on a machine shared with other work
the rates fall with the load, the CPU per request much less, and 2 cores divided by it is what
the server would do with the machine to itself.

Then every report is accounted for: what was still in flight when the load stopped is sent
again (as the phone would), and the check asserts that every id sent is stored exactly once,
that no id was answered 201 twice (a repeat is answered 200; only a report whose answer was
lost in flight has no 201), and that the tallies equal the reports for the nation and every
branch.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_campaigns_progress import (  # noqa: E402
    SERVER,
    build_tree,
    generate_reports,
    recreate_database,
    setup_django,
    tally_reports,
)

BENCH_DB = "folkvald_bench_http"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
LUA = Path(__file__).with_suffix(".lua")
VOLUNTEERS = 64


# --- The Python client (fallback) ------------------------------------------------------------


def _python_worker(jobs, threads: int, deadline: float, queue) -> None:
    """One client process: threads with keep-alive connections, each request answered before the next."""
    sent: list[int] = []
    answers: list[tuple[int, str]] = []
    lock = threading.Lock()
    index = [0]

    def run() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        local_sent, local_answers = [], []
        while time.time() < deadline:
            with lock:
                if index[0] >= len(jobs):
                    break
                number, method, path, headers, body = jobs[index[0]]
                index[0] += 1
            local_sent.append(number)
            try:
                connection.request(method, path, body=body.encode() or None, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                continue  # in flight: resent in the accounting phase
            local_answers.append((response.status, _answer_id(data)))
        connection.close()
        with lock:
            sent.extend(local_sent)
            answers.extend(local_answers)

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    queue.put((sent, answers))


def _answer_id(data: bytes) -> str:
    try:
        return str(json.loads(data).get("id", ""))
    except (ValueError, AttributeError):
        return ""


def python_load(jobs, processes: int, threads: int, duration: float):
    """(seconds, numbers of the jobs sent, answers as (status, id))."""
    deadline = time.time() + duration
    queue: multiprocessing.Queue = multiprocessing.Queue()
    shares = [jobs[i::processes] for i in range(processes)]
    started = time.perf_counter()
    procs = [multiprocessing.Process(target=_python_worker, args=(share, threads, deadline, queue))
             for share in shares]
    for proc in procs:
        proc.start()
    sent: list[int] = []
    answers: list[tuple[int, str]] = []
    for _ in procs:
        more_sent, more_answers = queue.get()
        sent.extend(more_sent)
        answers.extend(more_answers)
    for proc in procs:
        proc.join()
    return time.perf_counter() - started, sent, answers


# --- wrk ---------------------------------------------------------------------------------------


def _microseconds(text: str) -> int:
    """wrk's times: 950.00us, 12.5ms, 20.01s, 1.00m, 1.00h."""
    number = text.rstrip("usmh")
    units = {"us": 1, "ms": 1_000, "s": 1_000_000, "m": 60_000_000, "h": 3_600_000_000}
    return int(float(number) * units[text[len(number):]])


def wrk_run(arguments: list[str], duration: float, threads: int, connections: int) -> tuple[dict, str]:
    """Run wrk; its figures from the script's ``done`` line (a plain GET: the script in peer mode)."""
    env = os.environ
    if "-s" not in arguments:
        arguments = ["-s", str(LUA), *arguments]
        env = {**os.environ, "BENCH_PEER": "1"}
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{int(duration)}s", "--timeout", "30s", "--latency",
               *arguments]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)  # noqa: S603
    summary: dict[str, int] = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
    for line in done.stdout.splitlines():
        words = line.split()
        if line.startswith("WRK "):
            summary.update({key: int(value) for key, value in (part.split("=") for part in words[1:])})
        elif len(words) >= 4 and words[1] == "requests" and words[2] == "in":
            summary.setdefault("requests", int(words[0]))
            summary.setdefault("duration_us", _microseconds(words[3].rstrip(",")))
        elif len(words) == 2 and words[0] in {"50%", "95%", "99%"}:
            summary.setdefault(f"p{words[0][:-1]}_us", _microseconds(words[1]))
        elif line.startswith("Non-2xx or 3xx responses:"):
            summary["status"] = int(words[-1])
    return summary, done.stdout


def wrk_reports(log_dir: Path, sessions: Path, base: str, path: str, duration: float, options,
                sent_bodies: dict[str, tuple[int, str]], answers: list[tuple[int, str]]) -> dict:
    """Post reports with wrk for ``duration`` seconds; what was sent and answered goes into the two collections."""
    log_dir.mkdir()
    tag = random.SystemRandom().randrange(1 << 31)  # the ids of this run: unique
    summary, _out = wrk_run(
        ["-s", str(LUA), f"{base}{path}", "--", str(sessions), path, str(log_dir), str(tag),
         str(options.repeat_every), str(options.days)],
        duration, options.wrk_threads, options.connections,
    )
    errors = []
    answered = 0
    for log in sorted(log_dir.glob("wrk-*.log")):
        for line in log.read_text().splitlines():
            kind, _sp, rest = line.partition(" ")
            if kind == "S":
                volunteer, _sp, body = rest.partition(" ")
                sent_bodies[json.loads(body)["id"]] = (int(volunteer) - 1, body)
            elif kind == "R":
                status, _sp, report_id = rest.partition(" ")
                answers.append((int(status), report_id))
                answered += 1
            else:
                errors.append(line)
    assert not errors, errors[:5]
    assert answered == summary["requests"], (answered, summary)
    return summary


# --- CPU of the server side ------------------------------------------------------------------------


def _cpu_seconds(pid: int) -> tuple[int, float]:
    """(parent pid, user + system CPU seconds) of a process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ServerCpu:
    """CPU seconds of the app server's processes and of the PostgreSQL backends serving the bench database.

    Sampled twice a second in a thread, so that a backend which ends during a measurement (a
    connection older than DATABASE_CONN_MAX_AGE is closed after its request) keeps what it used.
    """

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.seen: dict[str, dict[int, float]] = {"app": {}, "postgres": {}}
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from django.db import connection

        while not self.stopped.is_set():
            self.sample()
            self.stopped.wait(0.5)
        connection.close()

    def sample(self) -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                           [BENCH_DB])
            backends = {row[0] for row in cursor.fetchall()}
        found: dict[str, dict[int, float]] = {"app": {}, "postgres": {}}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            try:
                parent, seconds = _cpu_seconds(pid)
            except (OSError, IndexError, ValueError):
                continue
            if parent == self.server_pid or pid == self.server_pid:
                found["app"][pid] = seconds
            elif pid in backends:
                found["postgres"][pid] = seconds
        with self.lock:
            for side, pids in found.items():
                self.seen[side].update(pids)

    def snapshot(self) -> dict[str, dict[int, float]]:
        self.sample()
        with self.lock:
            return {side: dict(pids) for side, pids in self.seen.items()}

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join()


def cpu_line(before: dict, after: dict, requests: int, client_seconds: float) -> str:
    """Server CPU per request: robust to other load on the machine, unlike requests per second."""
    parts = {}
    for side in ("app", "postgres"):
        parts[side] = sum(seconds - before[side].get(pid, 0.0) for pid, seconds in after[side].items())
    total = parts["app"] + parts["postgres"]
    cores = os.cpu_count() or 1
    per = 1000 * total / max(requests, 1)
    return (f"      server CPU per request {per:.2f} ms (app server {1000 * parts['app'] / max(requests, 1):.2f}, "
            f"PostgreSQL {1000 * parts['postgres'] / max(requests, 1):.2f}); client "
            f"{1000 * client_seconds / max(requests, 1):.2f} ms; {cores} cores / server CPU = "
            f"{1000 * cores / per if per else 0:.0f} requests/s if the server had the machine to itself")


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine_probe() -> float:
    """CPU seconds of a fixed piece of Python work (dicts, strings, JSON): this machine's speed right now.

    The virtual machine's speed moves by a third or more over minutes and hours; the same code
    gives different rates in different phases. Printed before and after the load, so that runs
    can be compared (lower is faster).
    """
    started = time.process_time()
    table = {str(i): [i, i * 2, {"a": i}] for i in range(200_000)}
    json.dumps(table)
    return time.process_time() - started


# --- The run -----------------------------------------------------------------------------------


def report_body(rng: random.Random, organisation_id: int) -> str:
    import datetime as dt

    return json.dumps({
        "id": str(uuid.uuid4()), "organisation": organisation_id,
        "date": (dt.date(2014, 1, 1) + dt.timedelta(days=rng.randint(0, 256))).isoformat(),
        "place": rng.choice(["Stationen", "Centrum", "Torget", "Valdistrikt 12"]),
        "activity": rng.choice(["door_knocking", "street_stall", "phone", "meeting"]),
        "conversations": rng.randint(1, 40), "topics": rng.sample(["skola", "vård", "jobb"], k=1),
    })


def headers_for(session: str, csrf: str) -> dict[str, str]:
    return {"Content-Type": "application/json", "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf, "Referer": f"http://127.0.0.1:{PORT}/"}


def prepare(keep: bool, preload: int = 0):
    """The database, the campaign and 64 signed-in volunteers: (campaign, national, [(session, csrf, org id)]).

    ``preload``: the campaign holds that many reports before the load (made in SQL with their
    tallies, as the progress benchmark makes them); a kept database that already holds them keeps
    them and loses only the reports of earlier loads.
    """
    import datetime as dt

    if not keep:
        recreate_database(BENCH_DB)
    setup_django(BENCH_DB)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from folkvald.campaigns import services
    from folkvald.campaigns.models import Campaign, Source
    from folkvald.organisations.models import Organisation, Person

    if keep:
        call_command("migrate", verbosity=0)  # an earlier run's database, brought up to this code
    if keep and Campaign.objects.exists():
        campaign = Campaign.objects.get()
        national = campaign.organisation
        preloaded = campaign.reports.filter(source=Source.DEMO).count()
        with connection.cursor() as cursor:
            if preload and preloaded == preload:
                cursor.execute("DELETE FROM campaigns_report WHERE campaign_id = %s AND source <> %s",
                               [campaign.pk, Source.DEMO])
                tally_reports(campaign)
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("TRUNCATE campaigns_report, campaigns_weektally, campaigns_topictally, "
                               "campaigns_persontally")
                if preload:
                    generate_reports(campaign, preload)
        people = list(Person.objects.filter(user__isnull=False).order_by("pk")[:VOLUNTEERS])
    else:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        national, _branches, _associations, people = build_tree(volunteers=VOLUNTEERS)
        campaign = services.campaign_create(
            organisation=national, name="Samtalskampanjen", start=dt.date(2014, 1, 1), end=dt.date(2014, 9, 14),
            national_target=1_500_000, topics=["skola", "vård", "jobb", "klimat", "trygghet"], is_public=True,
        )
        services.targets_apportion(campaign=campaign)
        if preload:
            generate_reports(campaign, preload)
    assert isinstance(national, Organisation)
    volunteers = []
    for person in people:
        client = Client()
        client.force_login(person.user)
        role = person.roles.get()
        volunteers.append((client.cookies[settings.SESSION_COOKIE_NAME].value, secrets.token_hex(16),
                           role.organisation_id))
    connection.close()
    return campaign, national, volunteers, settings.SESSION_ENGINE


def start_server(options) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{BENCH_DB}", "ACCESS_LOG": os.environ.get("ACCESS_LOG", "/dev/null")}
    command = [options.server_python or sys.executable, "-m", "folkvald.cli", "serve", "--port", str(PORT)]
    if options.workers:
        command += ["--workers", str(options.workers)]
    if options.server_threads:
        command += ["--threads", str(options.server_threads)]
    log = open(Path(tempfile.gettempdir()) / "bench_campaigns_http_server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, text=True,
    )
    for _ in range(240):
        try:
            probe = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            probe.request("GET", "/api/v1/campaigns")
            if probe.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit(f"the server did not start; see {log.name}")


def main() -> int:
    global BENCH_DB  # noqa: PLW0603 - one name for the whole run, read by prepare, the server and the CPU sampler
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load for each measurement")
    parser.add_argument("--connections", type=int, default=32, help="open connections (wrk)")
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--processes", type=int, default=2, help="client processes (python)")
    parser.add_argument("--threads", type=int, default=8, help="threads per client process (python)")
    parser.add_argument("--repeat-every", type=int, default=20, help="every n-th request repeats an earlier one")
    parser.add_argument("--days", type=int, default=257, choices=range(1, 258), metavar="1-257",
                        help="report dates over the campaign's last N days (7: all in the final week; wrk only)")
    parser.add_argument("--workers", type=int, help="app server processes (default: folkvald serve's)")
    parser.add_argument("--server-threads", type=int, help="threads per worker (default: folkvald serve's)")
    parser.add_argument("--server-python", metavar="PATH",
                        help="the Python whose folkvald serves (a production install, e.g. "
                             "/opt/folkvald/bin/python); default: this one")
    parser.add_argument("--keep", action="store_true", help="reuse the database of an earlier run")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--database", default=BENCH_DB,
                        help=f"the bench database (default {BENCH_DB}; dropped and made again without --keep)")
    parser.add_argument("--preload", type=int, default=0, metavar="N",
                        help="reports in the campaign before the load (2000000: the national scale)")
    options = parser.parse_args()
    if options.database in ("test", "postgres", "template0", "template1"):
        parser.error(f"--database {options.database}: not the CI's or the server's own database")
    BENCH_DB = options.database
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))  # stop the server on the way out
    if options.client == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk); or use --client python")
    if options.client == "python":
        print("note: Python client on the same cores as the server; it measures less than wrk would")

    campaign, national, volunteers, session_engine = prepare(options.keep, options.preload)
    path = f"/api/v1/campaigns/{campaign.pk}/reports"
    server = start_server(options)
    workers = options.workers or int(os.environ.get("WEB_CONCURRENCY", str(os.cpu_count() or 1)))
    threads = options.server_threads or int(os.environ.get("WEB_THREADS", "4"))
    print(f"server: folkvald serve (Granian, {workers} processes x {threads} threads); sessions {session_engine.rsplit('.', 1)[-1]}; PostgreSQL {BENCH_DB}; "
          f"client: {options.client}" + (f" ({options.wrk_threads} threads, {options.connections} connections)"
                                          if options.client == "wrk" else
                                          f" ({options.processes} processes x {options.threads} threads)"))
    print(f"load average before: {os.getloadavg()[0]:.1f}; machine probe {machine_probe():.2f} s (lower is faster)")
    sent_bodies: dict[str, tuple[int, str]] = {}  # id -> (volunteer, body)
    answers: list[tuple[int, str]] = []
    cpu = ServerCpu(server.pid)
    try:
        with tempfile.TemporaryDirectory(prefix="bench_http_") as work:
            if options.client == "wrk":
                base = f"http://127.0.0.1:{PORT}"
                sessions = Path(work) / "sessions.txt"
                sessions.write_text("".join(f"{s} {c} {o}\n" for s, c, o in volunteers))
                # Warm up every worker on both paths (not measured; its reports are accounted for too).
                wrk_run([f"{base}/api/v1/campaigns"], 3, options.wrk_threads, options.connections)
                wrk_reports(Path(work) / "warm", sessions, base, path, 3, options, sent_bodies, answers)
                answers_before = len(answers)
                if not options.skip_peer:
                    before, client = cpu.snapshot(), _children_cpu()
                    summary, _out = wrk_run([f"{base}/api/v1/campaigns"], options.duration, options.wrk_threads,
                                            options.connections)
                    print(f"peer  GET /api/v1/campaigns (anonymous): {summary_line(summary)}")
                    print(cpu_line(before, cpu.snapshot(), summary["requests"], _children_cpu() - client))
                before, client = cpu.snapshot(), _children_cpu()
                summary = wrk_reports(Path(work) / "load", sessions, base, path, options.duration, options,
                                      sent_bodies, answers)
                cpu_figures = cpu_line(before, cpu.snapshot(), summary["requests"], _children_cpu() - client)
                elapsed = summary["duration_us"] / 1e6
                statuses = Counter(status for status, _id in answers[answers_before:])
                print(f"POST  {path}: {summary_line(summary)}  statuses {dict(sorted(statuses.items()))}")
                print(cpu_figures)
            else:
                if not options.skip_peer:
                    reads = [(i, "GET", "/api/v1/campaigns", {}, "") for i in range(200_000)]
                    before, client = cpu.snapshot(), _children_cpu()
                    elapsed, _sent, results = python_load(reads, options.processes, options.threads,
                                                          options.duration)
                    ok = sum(1 for status, _id in results if status == 200)
                    print(f"peer  GET /api/v1/campaigns (anonymous): {ok / elapsed:7.1f} requests/s "
                          f"({ok} in {elapsed:.1f} s)")
                    print(cpu_line(before, cpu.snapshot(), len(results), _children_cpu() - client))
                rng = random.Random(500)
                jobs = []
                for number in range(200_000):
                    if number % options.repeat_every == options.repeat_every - 1 and number > 64:
                        jobs.append((number, *jobs[number - 32][1:]))  # a repeat, a little later
                        continue
                    volunteer = rng.randrange(len(volunteers))
                    session, csrf, organisation_id = volunteers[volunteer]
                    body = report_body(rng, organisation_id)
                    jobs.append((number, "POST", path, headers_for(session, csrf), body))
                    sent_bodies[json.loads(body)["id"]] = (volunteer, body)
                before, client = cpu.snapshot(), _children_cpu()
                elapsed, sent_numbers, answers = python_load(jobs, options.processes, options.threads,
                                                             options.duration)
                sent_ids = {json.loads(jobs[n][4])["id"] for n in sent_numbers}
                sent_bodies = {key: value for key, value in sent_bodies.items() if key in sent_ids}
                statuses = Counter(status for status, _id in answers)
                print(f"POST  {path}: {len(answers) / elapsed:7.1f} requests/s ({len(answers)} in {elapsed:.1f} s)"
                      f"  statuses {dict(sorted(statuses.items()))}")
                print(cpu_line(before, cpu.snapshot(), len(answers), _children_cpu() - client))
            print(f"load average after: {os.getloadavg()[0]:.1f}; machine probe {machine_probe():.2f} s")
            during_load = statuses

            # What was in flight when the load stopped: the phone sends it again until it hears back.
            answered = {report_id for _status, report_id in answers}
            unanswered = [key for key in sent_bodies if key not in answered]
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            for key in unanswered:
                volunteer, body = sent_bodies[key]
                session, csrf, _org = volunteers[volunteer]
                connection.request("POST", path, body=body.encode(), headers=headers_for(session, csrf))
                response = connection.getresponse()
                data = response.read()
                if response.status not in (200, 201):
                    print(f"resent {key}: {response.status} {data[:300]!r}")
                answers.append((response.status, _answer_id(data)))
            connection.close()
    finally:
        cpu.stop()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(f"resent {len(unanswered)} reports that were in flight when the load stopped")
    account(campaign, national, sent_bodies, answers, set(unanswered))
    print(f"result: {sum(during_load.values()) / elapsed:.1f} reports/s answered during the load "
          f"({during_load[201]:,} new, {during_load[200]:,} repeats, in {elapsed:.1f} s)")
    return 0


def summary_line(summary: dict) -> str:
    seconds = summary["duration_us"] / 1e6
    errors = {key: summary[key] for key in ("connect", "read", "write", "status", "timeout") if summary[key]}
    return (f"{summary['requests'] / seconds:7.1f} requests/s ({summary['requests']} in {seconds:.1f} s; "
            f"latency p50 {summary['p50_us'] / 1000:.1f} ms, p99 {summary['p99_us'] / 1000:.1f} ms)"
            + (f" errors {errors}" if errors else ""))


def account(campaign, national, sent_bodies: dict[str, tuple[int, str]], answers, in_flight: set[str]) -> None:
    """Every report sent is stored once and counted once in every tally above it; 201 at most once an id.

    A report whose answer was lost in flight when the load stopped may have been stored then:
    sent again, it is answered 200, and so it is the only kind of stored report without a 201.
    """
    from django.db import connection
    from django.db.models import Count, Sum

    from folkvald.campaigns.models import Report, Source, WeekTally

    statuses = Counter(status for status, _id in answers)
    assert set(statuses) <= {200, 201}, statuses
    created = Counter(report_id for status, report_id in answers if status == 201)
    twice = [key for key, count in created.items() if count > 1]
    preloaded = Report.objects.filter(campaign=campaign, source=Source.DEMO).aggregate(
        total=Sum("conversations"), reports=Count("pk"))
    reports = Report.objects.filter(campaign=campaign).exclude(source=Source.DEMO)
    stored_ids = {str(pk) for pk in reports.values_list("pk", flat=True)}
    sent_ids = set(sent_bodies)
    answered_200 = {report_id for status, report_id in answers if status == 200}
    print(f"check: {len(sent_ids)} distinct reports sent, {len(stored_ids)} stored, {len(created)} answered 201 "
          f"(none twice: {not twice}), {statuses[200]} answered 200 (repeats)")
    assert not twice, twice[:5]
    assert stored_ids == sent_ids, (len(stored_ids - sent_ids), len(sent_ids - stored_ids))
    assert set(created) <= stored_ids
    assert stored_ids - set(created) <= in_flight
    assert answered_200 <= stored_ids
    stored = len(stored_ids)
    conversations = sum(json.loads(body)["conversations"] for _v, body in sent_bodies.values())
    stored_conversations = reports.aggregate(total=Sum("conversations"))["total"] or 0
    national_tally = WeekTally.objects.filter(campaign=campaign, organisation=national).aggregate(
        total=Sum("conversations"), reports=Sum("reports"))
    assert stored_conversations == conversations
    assert national_tally["total"] == conversations + (preloaded["total"] or 0)
    assert national_tally["reports"] == stored + preloaded["reports"]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT b.id, COALESCE(t.total, 0), COALESCE(t.reports, 0), COALESCE(r.total, 0), COALESCE(r.reports, 0)
            FROM organisations_organisation b
            LEFT JOIN (SELECT organisation_id, sum(conversations) AS total, sum(reports) AS reports
                       FROM campaigns_weektally WHERE campaign_id = %(c)s GROUP BY 1) t ON t.organisation_id = b.id
            LEFT JOIN (SELECT a.parent_id AS organisation_id, sum(conversations) AS total, count(*) AS reports
                       FROM campaigns_report x JOIN organisations_organisation a ON a.id = x.organisation_id
                       WHERE x.campaign_id = %(c)s GROUP BY 1) r ON r.organisation_id = b.id
            WHERE b.kind = 'branch'
            """,
            {"c": campaign.pk},
        )
        rows = cursor.fetchall()
    wrong = [row for row in rows if row[1] != row[3] or row[2] != row[4]]
    assert not wrong, wrong[:5]
    print(f"check: national tally {national_tally['total']:,} conversations in {national_tally['reports']:,} reports "
          f"= the {stored:,} reports sent" + (f" and the {preloaded['reports']:,} preloaded" if preloaded["reports"]
                                              else "") + f"; all {len(rows)} branch tallies equal their reports")


if __name__ == "__main__":
    sys.exit(main())

"""Policy work at a large branch: the groups API, the iCal feed, the consultation summary and reminders.

    .venv/bin/python benchmarks/bench_policy.py [--groups 50] [--events 1000] [--answers 5000]

Builds a fresh SQLite database with one branch holding the given number of working groups (a chair,
three members and a secretary each, two deliverables each), public events (with registrations) and a
consultation of 10 questions answered by the given number of members. Then times, as the median of
5 runs:

- GET /api/v1/organisations/{id}/working-groups, and the peer in the same run: the same list read the
  straightforward way, one query per group for its members;
- GET /api/v1/organisations/{id}/events.ics (every event, written with icalendar);
- the consultation summary (counts aggregated in the database), and the peer: every answer loaded
  and counted in Python;
- `send-reminders` for a day when every group has a deadline (the first run sends, the rest find
  everything sent).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
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
    parser.add_argument("--groups", type=int, default=50)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=5000)
    args = parser.parse_args()

    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folkvald.settings")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from folkvald.organisations.models import Organisation, Party, Person
    from folkvald.organisations.services import parties_load, reference_data_load
    from folkvald.policy import selectors, services
    from folkvald.policy.models import (
        Answer,
        Event,
        EventKind,
        GroupMembership,
        MemberRole,
        Question,
        Registration,
        WorkingGroup,
    )

    reference_data_load()
    parties_load()
    party = Party.objects.get(abbreviation="S")
    branch = Organisation.objects.create(name="Bänk", kind="branch", party=party, municipality_id="1280")
    started = time.perf_counter()
    start = dt.date(2024, 1, 1)
    deadline = dt.date(2030, 3, 1)
    with transaction.atomic():
        people = Person.objects.bulk_create(
            [Person(first_name="Person", last_name=str(n), email=f"p{n}@example.org")
             for n in range(max(args.answers, args.groups * 5))]
        )
        for number in range(args.groups):
            group = services.group_create(organisation=branch, name=f"Grupp {number}", position=number)
            roles = [MemberRole.CHAIR, MemberRole.MEMBER, MemberRole.MEMBER, MemberRole.MEMBER, MemberRole.SECRETARY]
            GroupMembership.objects.bulk_create([
                GroupMembership(group=group, person=people[number * 5 + i], role=role, start=start)
                for i, role in enumerate(roles)
            ])
            services.deliverable_create(group=group, title="Första delen", deadline=deadline)
            services.deliverable_create(group=group, title="Analys", deadline=deadline + dt.timedelta(days=180))
        now = timezone.now()
        events = Event.objects.bulk_create([
            Event(organisation=branch, kind=EventKind.SEMINAR, title=f"Seminarium {n}", place="Folkets Hus",
                  organiser="Bänk", starts_at=now + dt.timedelta(days=n % 300, hours=n % 10))
            for n in range(args.events)
        ])
        Registration.objects.bulk_create([Registration(event=e, people=1 + n % 4) for n, e in enumerate(events)])
        consultation = services.consultation_create(organisation=branch, title="Rådslag", opens=start,
                                                    closes=dt.date(2030, 12, 31))
        questions = [
            services.question_add(consultation=consultation, text=f"Fråga {q}", choices=["A", "B", "C", "D"])
            for q in range(10)
        ]
        Answer.objects.bulk_create([
            Answer(question=question, person=people[n], choice="ABCD"[(n * (q + 1)) % 4])
            for q, question in enumerate(questions) for n in range(args.answers)
        ])
    print(f"{args.groups} groups ({args.groups * 5} seats), {args.events} events, "
          f"{args.answers * 10} answers (built in {time.perf_counter() - started:.1f} s)")

    client = Client()

    def groups_api():
        assert client.get(f"/api/v1/organisations/{branch.pk}/working-groups").status_code == 200

    def groups_straightforward():
        out = []
        for group in WorkingGroup.objects.filter(organisation=branch, is_published=True):
            members = GroupMembership.objects.active().filter(group=group).select_related("person")
            out.append((group.name, [(m.person.full_name, m.role) for m in members]))
        return out

    def feed():
        response = client.get(f"/api/v1/organisations/{branch.pk}/events.ics")
        assert response.status_code == 200

    def summary():
        return selectors.consultation_summary(consultation=consultation)

    def summary_straightforward():
        return {
            question.pk: Counter(answer.choice for answer in question.answers.all())
            for question in Question.objects.filter(consultation=consultation)
        }

    assert [dict(s.counts) for s in summary()] == [
        {c: summary_straightforward()[q.pk].get(c, 0) for c in "ABCD"} for q in questions
    ]

    rows = [
        ("working-groups API (HTTP, JSON)", median_ms(groups_api)),
        ("  peer: one query per group, no rendering", median_ms(groups_straightforward)),
        (f"events.ics, {args.events} events (HTTP)", median_ms(feed)),
        ("consultation summary (database counts)", median_ms(summary)),
        ("  peer: every answer counted in Python", median_ms(summary_straightforward)),
    ]
    today = deadline - dt.timedelta(days=7)
    started = time.perf_counter()
    sent = services.reminders_send(today=today)
    rows.append((f"send-reminders, first run ({len(sent)} e-mails)", (time.perf_counter() - started) * 1000))
    rows.append(("send-reminders, rerun (all already sent)", median_ms(lambda: services.reminders_send(today=today))))
    for label, ms in rows:
        print(f"{label:<48} {ms:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Progress pages of a national campaign at full size, in PostgreSQL: tallies against the naive way.

    .venv/bin/python benchmarks/bench_campaigns_progress.py [--reports 2000000] [--requests 200]

Builds its own database (``folkvald_bench`` on the PostgreSQL of BENCH_POSTGRES, default
postgres://postgres@127.0.0.1:5432; never the CI ``test`` database): the party, 21 districts,
290 branches (one per municipality), 2,000 associations, 6,000 volunteers and 2 million reports
(generated in SQL), and their tallies. Then it adds 2,000 reports through the real service
(``report_create``) and checks the tallies against the reports. It measures, with Django's
test client and DEBUG off, the p50/p95 of a branch's progress page and of the national
overview (goal: p95 under 100 ms), and in the same run the best peer: the same figures
aggregated straight from the reports table.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time

BENCH_DB = "folkvald_bench"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = f"{SERVER}/{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folkvald.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["SECURE_COOKIES"] = "false"
    os.environ["SECURE_HSTS_SECONDS"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.setdefault("STATIC_ROOT", "/tmp/folkvald_bench_static")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["LOGIN_RATE_LIMIT"] = "false"
    import django

    django.setup()


def recreate_database(database: str) -> None:
    base = SERVER.replace("postgres://", "").split("@")
    user = base[0] if len(base) > 1 else "postgres"
    host, _sep, port = base[-1].partition(":")
    args = ["-h", host, "-p", port or "5432", "-U", user]
    subprocess.run(["dropdb", *args, "--if-exists", database], check=True)  # noqa: S603, S607
    subprocess.run(["createdb", *args, database], check=True)  # noqa: S603, S607


def build_tree(*, associations: int = 2000, volunteers: int = 6000):
    """The party, a district per county, a branch per municipality, associations spread over the branches."""
    from django.contrib.auth import get_user_model

    from folkvald.organisations.models import (
        County,
        Municipality,
        Organisation,
        OrganisationKind,
        Party,
        Person,
        Role,
        RoleKind,
    )
    from folkvald.organisations.services import parties_load, reference_data_load

    reference_data_load()
    parties_load()
    party = Party.objects.get(abbreviation="S")
    national = Organisation.objects.create(name="Partiet", kind=OrganisationKind.PARTY, party=party)
    districts = {
        county.code: Organisation(name=f"Distrikt {county.name}", kind=OrganisationKind.DISTRICT, party=party,
                                  parent=national, county=county)
        for county in County.objects.all()
    }
    Organisation.objects.bulk_create(districts.values())
    branches = [
        Organisation(name=f"S i {m.name}", kind=OrganisationKind.BRANCH, party=party,
                     parent=districts[m.county_id], municipality=m)
        for m in Municipality.objects.order_by("code")
    ]
    Organisation.objects.bulk_create(branches)
    rng = random.Random(290)
    weights = [b.municipality.population for b in branches]
    chosen = rng.choices(branches, weights=weights, k=associations - len(branches)) + branches
    assoc = [
        Organisation(name=f"S-förening {i} ({b.municipality.name})", kind=OrganisationKind.ASSOCIATION,
                     party=party, parent=b)
        for i, b in enumerate(chosen, start=1)
    ]
    Organisation.objects.bulk_create(assoc)
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"valarbetare{i}", password="!") for i in range(volunteers)
    )
    people = Person.objects.bulk_create(
        Person(first_name=f"Valarbetare{i}", last_name="Bench", user=u) for i, u in enumerate(users)
    )
    Role.objects.bulk_create(
        Role(person=p, organisation=assoc[i % len(assoc)], kind=RoleKind.VOLUNTEER, start="2013-01-01")
        for i, p in enumerate(people)
    )
    return national, branches, assoc, people


def generate_reports(campaign, count: int) -> None:
    """Reports in SQL (fast), spread over the associations and the campaign's days, then their tallies."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE TEMP TABLE bench_volunteer AS
            SELECT row_number() OVER (ORDER BY r.id) - 1 AS n, r.person_id, r.organisation_id
            FROM organisations_role r WHERE r.kind = 'volunteer';
            """
        )
        cursor.execute("SELECT count(*) FROM bench_volunteer")
        volunteers = cursor.fetchone()[0]
        days = (campaign.end - campaign.start).days + 1
        cursor.execute(
            """
            INSERT INTO campaigns_report (id, campaign_id, organisation_id, team_id, reporter_id, date, week,
                place_kind, place, activity, conversations, topics, note, source, created)
            SELECT gen_random_uuid(), %(campaign)s, v.organisation_id, NULL, v.person_id, d.day,
                   date_trunc('week', d.day)::date, 'named', 'Plats ' || (g %% 40),
                   (ARRAY['door_knocking','street_stall','phone','meeting','event'])[1 + g %% 5],
                   1 + (g * 7919) %% 30,
                   (ARRAY['["skola"]','["vård","jobb"]','["jobb"]','["klimat","trygghet"]','[]'])[1 + g %% 5]::jsonb,
                   '', 'demo', now()
            FROM generate_series(0::bigint, %(count)s - 1) AS g
            JOIN bench_volunteer v ON v.n = (g * 2654435761) %% %(volunteers)s
            CROSS JOIN LATERAL (SELECT %(start)s::date + ((g * 40503) %% %(days)s)::int AS day) d
            """,
            {"campaign": campaign.pk, "count": count, "volunteers": volunteers, "start": campaign.start,
             "days": days},
        )
    tally_reports(campaign)


def tally_reports(campaign) -> None:
    """The campaign's tallies made again from its reports: each organisation and all above it, as report_create keeps them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM campaigns_weektally WHERE campaign_id = %(c)s; "
            "DELETE FROM campaigns_topictally WHERE campaign_id = %(c)s; "
            "DELETE FROM campaigns_persontally WHERE campaign_id = %(c)s; "
            "DROP TABLE IF EXISTS bench_chain, bench_org_week, bench_org_topic, bench_org_person",
            {"c": campaign.pk},
        )
        cursor.execute(
            """
            CREATE TEMP TABLE bench_chain AS
            WITH RECURSIVE chain(organisation_id, ancestor_id) AS (
                SELECT id, id FROM organisations_organisation
                UNION ALL
                SELECT c.organisation_id, o.parent_id FROM chain c
                JOIN organisations_organisation o ON o.id = c.ancestor_id WHERE o.parent_id IS NOT NULL
            ) SELECT * FROM chain;
            CREATE TEMP TABLE bench_org_week AS
                SELECT organisation_id, week, sum(conversations) AS conversations, count(*) AS reports
                FROM campaigns_report WHERE campaign_id = %(campaign)s GROUP BY 1, 2;
            INSERT INTO campaigns_weektally (campaign_id, organisation_id, week, conversations, reports)
                SELECT %(campaign)s, c.ancestor_id, w.week, sum(w.conversations), sum(w.reports)
                FROM bench_org_week w JOIN bench_chain c USING (organisation_id) GROUP BY 2, 3;
            CREATE TEMP TABLE bench_org_topic AS
                SELECT organisation_id, week, t.topic, count(*) AS reports, sum(conversations) AS conversations
                FROM campaigns_report, jsonb_array_elements_text(topics) AS t(topic)
                WHERE campaign_id = %(campaign)s GROUP BY 1, 2, 3;
            INSERT INTO campaigns_topictally (campaign_id, organisation_id, week, topic, reports, conversations)
                SELECT %(campaign)s, c.ancestor_id, w.week, w.topic, sum(w.reports), sum(w.conversations)
                FROM bench_org_topic w JOIN bench_chain c USING (organisation_id) GROUP BY 2, 3, 4;
            CREATE TEMP TABLE bench_org_person AS
                SELECT organisation_id, reporter_id, sum(conversations) AS conversations, count(*) AS reports
                FROM campaigns_report WHERE campaign_id = %(campaign)s GROUP BY 1, 2;
            INSERT INTO campaigns_persontally (campaign_id, organisation_id, person_id, conversations, reports)
                SELECT %(campaign)s, c.ancestor_id, w.reporter_id, sum(w.conversations), sum(w.reports)
                FROM bench_org_person w JOIN bench_chain c USING (organisation_id) GROUP BY 2, 3;
            """,
            {"campaign": campaign.pk},
        )
        cursor.execute("ANALYZE")


def naive_progress(campaign, organisation_id: int) -> dict:
    """The best peer: the same figures aggregated straight from the reports of the subtree.

    Done as well as it can be without tallies: the subtree's ids are worked out first (one
    cheap query) so PostgreSQL can use the (campaign, organisation, date) index; children
    totals are folded from one GROUP BY over the subtree.
    """
    from django.db import connection

    from folkvald.organisations.models import Organisation

    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Organisation.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    top_of: dict[int, int] = {organisation_id: organisation_id}
    stack = [(child, child) for child in children.get(organisation_id, [])]
    while stack:
        pk, top = stack.pop()
        top_of[pk] = top
        stack.extend((child, top) for child in children.get(pk, []))
    ids = list(top_of)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT week, sum(conversations), count(*) FROM campaigns_report "
            "WHERE campaign_id = %s AND organisation_id = ANY(%s) GROUP BY week ORDER BY week",
            [campaign.pk, ids],
        )
        weeks = cursor.fetchall()
        cursor.execute(
            "SELECT organisation_id, sum(conversations) FROM campaigns_report "
            "WHERE campaign_id = %s AND organisation_id = ANY(%s) GROUP BY organisation_id",
            [campaign.pk, ids],
        )
        totals: dict[int, int] = {}
        for pk, total in cursor.fetchall():
            totals[top_of[pk]] = totals.get(top_of[pk], 0) + total
        cursor.execute(
            "SELECT week, t.topic, count(*) FROM campaigns_report, jsonb_array_elements_text(topics) t(topic) "
            "WHERE campaign_id = %s AND organisation_id = ANY(%s) GROUP BY 1, 2",
            [campaign.pk, ids],
        )
        topics = cursor.fetchall()
    return {"weeks": weeks, "children": totals, "topics": topics}


def timed(function, runs: int) -> tuple[float, float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[max(0, int(round(0.95 * len(samples))) - 1)]
    return statistics.median(samples), p95, samples[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=2_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--naive-runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="reuse the database of an earlier run")
    options = parser.parse_args()
    if not options.keep:
        recreate_database(BENCH_DB)
    setup_django(BENCH_DB)
    import datetime as dt

    from django.core.management import call_command
    from django.db.models import Sum
    from django.test import Client

    from folkvald.campaigns import selectors, services
    from folkvald.campaigns.models import Campaign, Report, WeekTally
    from folkvald.organisations.models import Organisation, OrganisationKind, Person

    started = time.perf_counter()
    if not options.keep:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        national, branches, associations, people = build_tree()
        campaign = services.campaign_create(
            organisation=national, name="Samtalskampanjen", start=dt.date(2014, 1, 1), end=dt.date(2014, 9, 14),
            national_target=1_500_000, topics=["skola", "vård", "jobb", "klimat", "trygghet"], is_public=True,
        )
        services.targets_apportion(campaign=campaign)
        print(f"tree: {len(branches)} branches, {len(associations)} associations, {len(people)} volunteers "
              f"({time.perf_counter() - started:.1f} s)")
        step = time.perf_counter()
        generate_reports(campaign, options.reports)
        print(f"reports: {options.reports:,} generated with tallies in {time.perf_counter() - step:.1f} s")
        step = time.perf_counter()
        rng = random.Random(7)
        volunteers = list(Person.objects.filter(roles__kind="volunteer").values_list("pk", "roles__organisation_id"))
        organisations = {o.pk: o for o in Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION)}
        for _ in range(2000):
            person_id, organisation_id = rng.choice(volunteers)
            services.report_create(
                campaign=campaign, organisation=organisations[organisation_id], reporter=Person(pk=person_id),
                date=dt.date(2014, 9, rng.randint(1, 14)), place="Stationen", activity="street_stall",
                conversations=rng.randint(1, 40), topics=["skola"],
            )
        print(f"2,000 reports through report_create (tallies in the same transaction): "
              f"{(time.perf_counter() - step) / 2000 * 1000:.2f} ms each")
    campaign = Campaign.objects.get()
    national = campaign.organisation
    total_reports = Report.objects.filter(campaign=campaign).count()
    lund = Organisation.objects.get(kind=OrganisationKind.BRANCH, municipality_id="1281")
    stockholm = Organisation.objects.get(kind=OrganisationKind.BRANCH, municipality_id="0180")
    # Every report accounted for: tallies equal the reports, nationally and for the branches measured.
    for organisation in (national, lund, stockholm):
        naive = naive_progress(campaign, organisation.pk)
        tally = dict(WeekTally.objects.filter(campaign=campaign, organisation=organisation)
                     .values_list("week").annotate(total=Sum("conversations")))
        assert {week: total for week, total, _count in naive["weeks"]} == tally, organisation
    print(f"checked: tallies equal the reports ({total_reports:,} reports) for the nation, Lund and Stockholm")

    client = Client()
    pages = {
        "national overview /kampanjer/<id>/": f"/kampanjer/{campaign.pk}/",
        "all 290 branches /kampanjer/<id>/arbetarekommuner/": f"/kampanjer/{campaign.pk}/arbetarekommuner/",
        "branch page (Stockholm, 0180)": f"/kampanjer/{campaign.pk}/organisationer/{stockholm.pk}/",
        "branch page (Lund, 1281)": f"/kampanjer/{campaign.pk}/organisationer/{lund.pk}/",
        "API progress (Lund)": f"/api/v1/campaigns/{campaign.pk}/progress?organisation={lund.pk}",
    }
    print(f"\n{'page (Django test client, DEBUG off)':52} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        p50, p95, worst = timed(lambda url=url: client.get(url), options.requests)
        print(f"{name:52} {p50:8.1f} {p95:8.1f} {worst:8.1f}")
    # Signed in, as the people who read these pages most: a branch's political secretary and the
    # national campaign leader (leaders see every association, the leaderboard and the exports).
    print(f"\n{'signed in (leaders see everything beneath them)':60} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for who, organisation, kind in (("Stockholm's political secretary", stockholm, "political_secretary"),
                                     ("the national campaign leader", national, "campaign_leader")):
        leader = signed_in_leader(f"bench_{kind}", organisation, kind)
        for name, url in (("national overview", pages["national overview /kampanjer/<id>/"]),
                          ("branch page (Stockholm)", pages["branch page (Stockholm, 0180)"])):
            response = leader.get(url)
            assert response.status_code == 200, (who, url)
            if "Stockholm" in name:  # both lead Stockholm or above it: they see its internal parts
                assert "Topplista" in response.content.decode(), (who, url)
            p50, p95, worst = timed(lambda url=url, leader=leader: leader.get(url), options.requests)
            print(f"{name + ', ' + who:60} {p50:8.1f} {p95:8.1f} {worst:8.1f}")
    print(f"\n{'figures only (weeks, children, topics)':44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, organisation in (("national", national), ("Stockholm", stockholm), ("Lund", lund)):
        def from_tallies(organisation=organisation):
            selectors.progress(campaign=campaign, organisation=organisation, user=client_user())
            selectors.topics_by_week(campaign=campaign, organisation=organisation)

        p50, p95, worst = timed(from_tallies, options.requests)
        print(f"{'tallies: ' + name:44} {p50:8.1f} {p95:8.1f} {worst:8.1f}")
        p50, p95, worst = timed(lambda organisation=organisation: naive_progress(campaign, organisation.pk),
                                options.naive_runs)
        print(f"{'naive, from the reports: ' + name:44} {p50:8.1f} {p95:8.1f} {worst:8.1f}")
    return 0


def signed_in_leader(username: str, organisation, kind: str):
    """A test client signed in as a person holding a leader's role in the organisation (made once)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from folkvald.organisations.models import Person, Role

    user, _created = get_user_model().objects.get_or_create(username=username)
    person, _created = Person.objects.get_or_create(user=user, defaults={"first_name": kind, "last_name": "Bench"})
    Role.objects.get_or_create(person=person, organisation=organisation, kind=kind, defaults={"start": "2013-01-01"})
    client = Client()
    client.force_login(user)
    return client


def client_user():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


if __name__ == "__main__":
    sys.exit(main())

"""Pages: progress for every level, the report form without JavaScript, paper sheets, CSV, targets, exports,
the widget, and who may see what."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from folkvald.campaigns import services
from folkvald.campaigns.models import Report, Target, WeekTally


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def count_text(response) -> str:
    match = re.search(r'data-testid="campaign-count">([^<]*)<', response.content.decode())
    assert match, response.content.decode()[:500]
    return match.group(1)


def add(campaign, organisation, conversations, date=dt.date(2014, 5, 3)):
    services.report_create(campaign=campaign, organisation=organisation, reporter=None, date=date,
                           place="Stationen", activity="street_stall", conversations=conversations, topics=["skola"])


def table_rows(response, testid: str) -> list[list[str]]:
    """The text of each body row (header cell first) of the table with this data-testid."""
    text = response.content.decode()
    match = re.search(rf'<table data-testid="{testid}">(.*?)</table>', text, re.S)
    assert match, f"no table {testid}"
    body = re.search(r"<tbody>(.*?)</tbody>", match.group(1), re.S).group(1)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_progress_page_says_reported_of_target(world, campaign):
    services.target_adopt(campaign=campaign, organisation=world.branch, value=15_000)
    add(campaign, world.association, 16_000 // 40)
    response = Client().get(f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/")
    assert response.status_code == 200
    assert count_text(response) == "400 av 15\xa0000 samtal, 3\xa0%"
    text = response.content.decode()
    assert "S-föreningen Centrum" in text
    assert "Hemlig förening" not in text  # private association, public visitor
    assert 'data-testid="leaderboard"' not in text and "Topplista" not in text
    assert "<svg" in text and "<title" in text


def test_signed_in_the_branch_page_shows_what_each_may_see_and_reads_the_tree_once(world, campaign):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/"
    leader, member = signed_in(world.owner), signed_in(world.member)
    with CaptureQueriesContext(connection) as queries:
        text = leader.get(url).content.decode()
    assert "Hemlig förening" in text and "S-föreningen Centrum" in text  # the leader sees beneath
    assert "Rapportera samtal" in text
    whole_tree = [q for q in queries.captured_queries
                  if re.match(r'SELECT "organisations_organisation"."id"( AS "pk")?, '
                              r'"organisations_organisation"."parent_id"( AS "parent_id")? '
                              r'FROM "organisations_organisation"$', q["sql"])]
    assert len(whole_tree) == 1, [q["sql"] for q in whole_tree]
    text = member.get(url).content.decode()
    assert "Hemlig förening" not in text and "S-föreningen Centrum" in text
    assert "Rapportera samtal" in text  # a member of the branch reports for it
    assert "Rapportera samtal" not in signed_in(world.outsider).get(url).content.decode()


def test_the_progress_page_offers_each_level_its_own_parts(world, campaign):
    """Members see the leaderboard, the exports and the paper forms; leaders the targets too; the public none."""
    url = f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/"
    internal_parts = ["Topplista", f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/export.csv",
                      "Från papper", "CSV-import"]
    targets = f'href="/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/mal/"'
    public = Client().get(url).content.decode()
    member = signed_in(world.member).get(url).content.decode()
    leader = signed_in(world.owner).get(url).content.decode()
    for part in internal_parts:
        assert part not in public
        assert part in member and part in leader, part
    assert targets in leader and targets not in member


def test_may_report_answers_as_the_organisations_offered_would(world, campaign, private_campaign):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    from folkvald.campaigns.permissions import may_report, reporting_organisations

    superuser = get_user_model().objects.create_superuser("root", password="x")
    users = [AnonymousUser(), world.owner, world.member, world.outsider, world.other_member,
             world.association_member, superuser]
    answers = {}
    for which in (campaign, private_campaign):
        for user in users:
            answers[(which.name, str(user))] = may_report(user, which)
            assert answers[(which.name, str(user))] == bool(reporting_organisations(user, which)), (which, user)
    assert answers[("Hemlig intern kampanj", "othermember")] is False  # Malmö is not in Lund's tree
    assert answers[("Samtalskampanjen", "othermember")] is True
    assert answers[("Samtalskampanjen", "outsider")] is False and answers[("Samtalskampanjen", "root")] is True


def test_national_overview_lists_visible_branches_only(world, campaign):
    services.targets_apportion(campaign=campaign)
    response = Client().get(f"/kampanjer/{campaign.pk}/")
    assert response.status_code == 200
    assert count_text(response) == "0 av 1\xa0500\xa0000 samtal, 0\xa0%"
    text = response.content.decode()
    assert "S i Lund" in text and "S i Malmö" not in text
    assert "S i Malmö" in signed_in(world.other_member).get(f"/kampanjer/{campaign.pk}/").content.decode()
    branches = Client().get(f"/kampanjer/{campaign.pk}/arbetarekommuner/").content.decode()
    # Lund's computed share: 18 642.8 of 1 500 000 rounds to 18 643 or stays 18 642 (largest remainder).
    assert re.search(r"S i Lund</a></th><td class=\"num\">18\xa064[23]</td>", branches)
    assert "S i Malmö" not in branches
    assert "S i Malmö" in signed_in(world.other_member).get(
        f"/kampanjer/{campaign.pk}/arbetarekommuner/").content.decode()


def test_report_form_without_javascript_posts_once(world, campaign):
    client = signed_in(world.member)
    page = client.get(f"/kampanjer/{campaign.pk}/rapportera/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Skriv aldrig namn" in text  # the warning against personal data beside the note
    report_id = re.search(r'name="id" value="([0-9a-f-]+)"', text).group(1)
    data = {"id": report_id, "organisation": world.branch.pk, "date": "2014-05-03", "activity": "door_knocking",
            "place_kind": "named", "place": "Norra Fäladen", "conversations": "17", "topics": ["skola", "vård"],
            "note": ""}
    first = client.post(f"/kampanjer/{campaign.pk}/rapportera/", data)
    assert first.status_code == 302
    again = client.post(f"/kampanjer/{campaign.pk}/rapportera/", data)  # the browser's resubmit
    assert again.status_code == 302
    assert Report.objects.count() == 1
    assert str(Report.objects.get().pk) == report_id
    assert Report.objects.get().reporter.user == world.member


def test_report_form_shows_field_errors(world, campaign):
    client = signed_in(world.member)
    response = client.post(f"/kampanjer/{campaign.pk}/rapportera/", {
        "organisation": world.branch.pk, "date": "2015-03-01", "activity": "door_knocking", "place_kind": "named",
        "place": "Centrum", "conversations": "3"})
    assert response.status_code == 200
    assert "utanför kampanjen" in response.content.decode()
    assert Report.objects.count() == 0


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_report_pages_are_closed_to_those_without_a_role(world, campaign, who):
    client = Client() if who == "anonymous" else signed_in(world.outsider)
    for path in ("rapportera/", "rapportera/flera/", "rapportera/csv/"):
        response = client.get(f"/kampanjer/{campaign.pk}/{path}")
        assert response.status_code in (302, 404)
        if who == "anonymous":
            assert "/konto/logga-in/" in response["Location"]


def test_other_member_cannot_report_for_lund_from_the_form(world, campaign):
    client = signed_in(world.other_member)
    page = client.get(f"/kampanjer/{campaign.pk}/rapportera/")
    assert page.status_code == 200
    assert "S i Lund" not in page.content.decode()
    response = client.post(f"/kampanjer/{campaign.pk}/rapportera/", {
        "organisation": world.branch.pk, "date": "2014-05-03", "activity": "door_knocking", "place_kind": "named",
        "place": "Centrum", "conversations": "3", "id": str(uuid.uuid4())})
    assert response.status_code == 200  # the choice is not offered: a form error
    assert Report.objects.count() == 0


def test_private_campaign_pages_are_404_outside(world, private_campaign):
    paths = [f"/kampanjer/{private_campaign.pk}/",
             f"/kampanjer/{private_campaign.pk}/organisationer/{world.branch.pk}/",
             f"/kampanjer/{private_campaign.pk}/organisationer/{world.branch.pk}/widget/",
             f"/kampanjer/{private_campaign.pk}/organisationer/{world.branch.pk}/export.csv",
             f"/kampanjer/{private_campaign.pk}/rapportera/"]
    for client in (Client(), signed_in(world.outsider), signed_in(world.other_member)):
        for path in paths:
            assert client.get(path).status_code in (302, 404), path
        assert "Hemlig intern kampanj" not in client.get("/kampanjer/").content.decode()
    member = signed_in(world.member)
    assert member.get(paths[0]).status_code == 200
    assert "Hemlig intern kampanj" in member.get("/kampanjer/").content.decode()


def test_bulk_form_saves_all_rows_or_none(world, campaign):
    client = signed_in(world.member)
    base = {"organisation": world.branch.pk, "rows-TOTAL_FORMS": "3", "rows-INITIAL_FORMS": "0",
            "rows-MIN_NUM_FORMS": "0", "rows-MAX_NUM_FORMS": "200"}
    rows = {"rows-0-date": "2014-05-03", "rows-0-place": "Stationen", "rows-0-activity": "street_stall",
            "rows-0-conversations": "40", "rows-0-topics": "jobb, skola",
            "rows-1-date": "2015-05-04", "rows-1-place": "Centrum", "rows-1-activity": "door_knocking",
            "rows-1-conversations": "12", "rows-1-topics": ""}
    bad = client.post(f"/kampanjer/{campaign.pk}/rapportera/flera/", {**base, **rows})
    assert bad.status_code == 200
    assert "Rad 2:" in bad.content.decode()
    assert Report.objects.count() == 0
    rows["rows-1-date"] = "2014-05-04"
    good = client.post(f"/kampanjer/{campaign.pk}/rapportera/flera/", {**base, **rows})
    assert good.status_code == 302
    assert sorted(Report.objects.values_list("conversations", flat=True)) == [12, 40]
    assert sum(WeekTally.objects.filter(organisation=world.national).values_list("conversations", flat=True)) == 52


def test_csv_upload_page(world, campaign):
    client = signed_in(world.member)
    text = "datum;plats;aktivitet;samtal\n2014-05-03;Stationen;bokbord;42\n2014-05-04;Centrum;dans;3\n"
    upload = SimpleUploadedFile("rapporter.csv", text.encode("utf-8"), content_type="text/csv")
    response = client.post(f"/kampanjer/{campaign.pk}/rapportera/csv/",
                           {"organisation": world.branch.pk, "file": upload})
    assert response.status_code == 200
    assert "Rad 3:" in response.content.decode() and "dans" in response.content.decode()
    assert Report.objects.count() == 0
    upload = SimpleUploadedFile("rapporter.csv", text.replace("dans", "möte").encode("cp1252"))
    response = client.post(f"/kampanjer/{campaign.pk}/rapportera/csv/",
                           {"organisation": world.branch.pk, "file": upload})
    assert response.status_code == 302
    assert Report.objects.count() == 2


def test_targets_page_needs_a_leader(world, campaign):
    url = f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/mal/"
    assert signed_in(world.member).get(url).status_code == 404
    assert signed_in(world.other_member).get(url).status_code == 404
    owner = signed_in(world.owner)
    assert owner.get(url).status_code == 200
    assert owner.post(url, {"action": "adopt", "value": "15000"}).status_code == 302
    assert Target.objects.get(campaign=campaign, organisation=world.branch, team=None, person=None).value == 15_000
    assert owner.post(url, {"action": "team", "name": "Stationsgänget"}).status_code == 302
    key = f"org:{world.association.pk}"
    private_key = f"org:{world.private_association.pk}"
    assert owner.post(url, {"action": "split", key: "2", private_key: "1"}).status_code == 302
    targets = {t.organisation_id: t.value for t in Target.objects.filter(campaign=campaign, team=None, person=None)}
    assert (targets[world.association.pk], targets[world.private_association.pk]) == (10_000, 5_000)


def test_exports_csv_and_xlsx(world, campaign):
    services.target_adopt(campaign=campaign, organisation=world.branch, value=15_000)
    add(campaign, world.association, 42)
    client = signed_in(world.member)
    csv_response = client.get(f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/export.csv")
    assert csv_response.status_code == 200
    body = csv_response.content.decode("utf-8-sig")
    assert "Rapporterade samtal;42" in body
    assert "2014-W18;2014-04-28;42;1;42;" in body
    xlsx = client.get(f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/export.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert values["Mål"] == 15_000 and values["Rapporterade samtal"] == 42
    assert Client().get(f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/export.csv").status_code == 302
    assert signed_in(world.outsider).get(
        f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/export.csv").status_code == 404


def test_widget_may_be_framed_and_shows_count_and_target_only(world, campaign):
    services.target_adopt(campaign=campaign, organisation=world.branch, value=15_000)
    add(campaign, world.association, 42)
    response = Client().get(f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/widget/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert count_text(response) == "42 av 15\xa0000 samtal, 0\xa0%"
    assert "S-föreningen Centrum" not in response.content.decode()
    other = Client().get(f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/")
    assert other["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in other["Content-Security-Policy"]
    assert Client().get(f"/kampanjer/{campaign.pk}/organisationer/{world.other_branch.pk}/widget/").status_code == 404


def test_service_worker_is_served_for_the_campaign_scope(db):
    response = Client().get("/kampanjer/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/kampanjer/"
    assert "__VERSION__" not in response.content.decode()


def test_organisation_pages_link_to_the_campaign(world, campaign, private_campaign):
    public = Client().get(f"/organisationer/{world.branch.pk}/").content.decode()
    assert f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/" in public
    assert "Hemlig intern kampanj" not in public
    internal = signed_in(world.member).get(f"/organisationer/{world.branch.pk}/intern/").content.decode()
    assert "Hemlig intern kampanj" in internal


def test_a_reporter_withdraws_their_own_report_and_nobody_elses(world, campaign):
    from folkvald.organisations.models import Person

    member = Person.objects.get(user=world.member)
    report, _created = services.report_create(
        campaign=campaign, organisation=world.branch, reporter=member, date=dt.date(2014, 5, 3), place="Centrum",
        activity="door_knocking", conversations=9, topics=[])
    url = f"/kampanjer/{campaign.pk}/rapporter/{report.pk}/ta-bort/"
    assert signed_in(world.association_member).post(url).status_code == 404
    assert signed_in(world.other_member).post(url).status_code == 404
    assert Report.objects.count() == 1
    assert signed_in(world.member).post(url).status_code == 302
    assert Report.objects.count() == 0
    assert sum(WeekTally.objects.filter(organisation=world.national).values_list("conversations", flat=True)) == 0


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_fast_count_filter_equals_the_builtin_number(language):
    from django.utils import translation

    from folkvald.campaigns.templatetags.campaigns_format import count
    from folkvald.core.formatting import format_number

    with translation.override(language):
        for value in (0, 7, 999, 1_000, 16_488, 15_000, 1_500_000, 2_002_000_000, -9_200):
            assert count(value) == format_number(value)
        assert count(None) == ""
    with translation.override("sv"):
        assert count(16_488) == "16\xa0488"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_organisation_rows_tag_gives_the_markup_of_the_template_loop(language):
    """The Python-built rows of the organisations table equal what the template's loop gave."""
    from django.template import Context, Template
    from django.utils import translation

    from folkvald.campaigns.selectors import Line
    from folkvald.campaigns.templatetags.campaigns_format import organisation_rows

    lines = [
        Line(key="org:7", name="S-föreningen <Väster> & Co", target=15_000, reported=16_488, organisation_id=7),
        Line(key="org:12", name="Utan mål", target=None, reported=0, organisation_id=12),
        Line(key="org:1234567", name="Noll mål", target=0, reported=5, organisation_id=1234567),
        Line(key="org:3", name='"Citat"', target=3, reported=1, organisation_id=3),
    ]
    loop = Template(
        "{% load campaigns_format %}{% for line in lines %}<tr><th scope=\"row\"><a href=\"{% url "
        "'campaigns:organisation' campaign_id line.organisation_id %}\">{{ line.name }}</a></th><td class=\"num\">"
        "{{ line.target|count }}</td><td class=\"num\">{{ line.reported|count }}</td><td class=\"num\">"
        "{{ line.share|percent:0 }}</td></tr>{% endfor %}"
    )
    with translation.override(language):
        expected = loop.render(Context({"lines": lines, "campaign_id": 42}))
        built = organisation_rows(lines, 42)
    assert built == expected
    assert "&lt;Väster&gt; &amp; Co" in built and "/kampanjer/42/organisationer/1234567/" in built
    assert organisation_rows([], 42) == ""


def test_progress_by_team_against_each_teams_target(world, campaign):
    services.target_adopt(campaign=campaign, organisation=world.association, value=1_000)
    station = services.team_create(campaign=campaign, organisation=world.association, name="Stationsgänget")
    doors = services.team_create(campaign=campaign, organisation=world.association, name="Dörrlaget")
    services.targets_split(campaign=campaign, organisation=world.association,
                           weights={f"team:{station.pk}": 3, f"team:{doors.pk}": 1})
    # The station team reports through the API, the door team from the form's service.
    client = signed_in(world.association_member)
    payload = {"organisation": world.association.pk, "date": "2014-05-03", "place": "Stationen",
               "activity": "street_stall", "conversations": 40, "topics": [], "team": station.pk}
    response = client.post(f"/api/v1/campaigns/{campaign.pk}/reports", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["team_id"] == station.pk
    services.report_create(campaign=campaign, organisation=world.association, reporter=None, team=doors,
                           date=dt.date(2014, 5, 4), place="Norra Fäladen", activity="door_knocking",
                           conversations=25, topics=[])
    # 3 : 1 of 1 000 is 750 and 250; 25 of 250 is 10 %, 40 of 750 is 5,3 %.
    page = Client().get(f"/kampanjer/{campaign.pk}/organisationer/{world.association.pk}/")
    assert table_rows(page, "teams") == [["Dörrlaget", "250", "25", "10\xa0%"],
                                         ["Stationsgänget", "750", "40", "5\xa0%"]]
    # A team of another organisation is refused, and nothing is counted.
    other = services.team_create(campaign=campaign, organisation=world.branch, name="Lundalaget")
    refused = client.post(f"/api/v1/campaigns/{campaign.pk}/reports", {**payload, "team": other.pk},
                          content_type="application/json")
    assert refused.status_code == 422
    assert Report.objects.count() == 2


def test_topics_over_time_week_by_week(world, campaign):
    for date, topics in ((dt.date(2014, 5, 3), ["jobb", "skola"]), (dt.date(2014, 5, 5), ["skola"]),
                         (dt.date(2014, 5, 6), ["vård"])):
        services.report_create(campaign=campaign, organisation=world.association, reporter=None, date=date,
                               place="Stationen", activity="street_stall", conversations=10, topics=topics)
    page = Client().get(f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/")
    # Columns in the campaign's order (skola, vård, jobb); 2014-05-03 is in ISO week 18, the 5th and 6th in 19.
    assert "<th scope=\"col\" class=\"num\">skola</th><th scope=\"col\" class=\"num\">vård</th>" in (
        page.content.decode())
    assert table_rows(page, "topics") == [["2014-W18", "1", "0", "1"], ["2014-W19", "1", "1", "0"]]
    assert ">Totalt</th><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1</td>" in (
        page.content.decode())


def test_targets_page_gives_people_targets_and_each_sees_their_own(world, campaign):
    from folkvald.organisations.models import Person

    services.target_adopt(campaign=campaign, organisation=world.branch, value=1_000)
    member = Person.objects.get(user=world.member)
    owner_person = Person.objects.get(user=world.owner)
    url = f"/kampanjer/{campaign.pk}/organisationer/{world.branch.pk}/mal/"
    owner = signed_in(world.owner)
    page = owner.get(url).content.decode()
    assert f'name="person:{member.pk}"' in page and "Member Testsson" in page  # the branch's people are offered
    # By weights 1 : 1 over the two people (500 each), then the member's by hand.
    assert owner.post(url, {"action": "split", "mode": "weights", f"person:{member.pk}": "1",
                            f"person:{owner_person.pk}": "1"}).status_code == 302
    assert owner.post(url, {"action": "split", "mode": "hand", f"person:{member.pk}": "300"}).status_code == 302
    rows = dict(tuple(row) for row in table_rows(owner.get(url), "targets-below"))
    assert rows["Member Testsson"] == "300"
    assert rows["Owner Testsson"] == "500"
    # The member reports 45 conversations and sees 45 of 300 on their report page; nobody else sees it there.
    services.report_create(campaign=campaign, organisation=world.branch, reporter=member, date=dt.date(2014, 5, 3),
                           place="Stationen", activity="street_stall", conversations=45, topics=[])
    mine = signed_in(world.member).get(f"/kampanjer/{campaign.pk}/rapportera/").content.decode()
    assert re.search(r'data-testid="my-targets"><li>S i Lund: 45 av 300 samtal, 15\xa0%</li>', mine)
    theirs = signed_in(world.owner).get(f"/kampanjer/{campaign.pk}/rapportera/").content.decode()
    assert "S i Lund: 0 av 500 samtal, 0\xa0%" in theirs and "45 av 300" not in theirs

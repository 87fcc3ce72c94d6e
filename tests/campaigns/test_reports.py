"""Reports: stored once per device-made id, tallied in the same transaction, validated, never half-imported."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from folkvald.campaigns import selectors, services
from folkvald.campaigns.models import PersonTally, Report, TopicTally, WeekTally
from folkvald.organisations.models import Person


def make(campaign, organisation, *, report_id=None, conversations=12, date=dt.date(2014, 5, 3), topics=("skola",),
         reporter=None):
    return services.report_create(
        campaign=campaign, organisation=organisation, reporter=reporter, report_id=report_id, date=date,
        place="Stationen", activity="street_stall", conversations=conversations, topics=topics,
    )


def tally(campaign, organisation):
    return sum(WeekTally.objects.filter(campaign=campaign, organisation=organisation).values_list(
        "conversations", flat=True))


def test_a_report_counts_for_its_organisation_and_every_one_above(world, campaign):
    make(campaign, world.association, conversations=12)
    make(campaign, world.branch, conversations=5)
    assert tally(campaign, world.association) == 12
    assert tally(campaign, world.branch) == 17
    assert tally(campaign, world.national) == 17
    assert tally(campaign, world.other_branch) == 0
    # 2014-05-03 is a Saturday of ISO week 18, which starts Monday 2014-04-28.
    row = WeekTally.objects.get(campaign=campaign, organisation=world.branch)
    assert row.week == dt.date(2014, 4, 28)
    assert row.reports == 2


def test_the_same_id_twice_is_one_report_and_counts_once(world, campaign):
    report_id = uuid.uuid4()
    first, created = make(campaign, world.association, report_id=report_id, conversations=12)
    again, created_again = make(campaign, world.association, report_id=report_id, conversations=12)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk == report_id
    assert Report.objects.count() == 1
    assert tally(campaign, world.branch) == 12
    assert WeekTally.objects.get(campaign=campaign, organisation=world.branch).reports == 1
    assert TopicTally.objects.get(campaign=campaign, organisation=world.branch, topic="skola").reports == 1


def test_the_same_id_with_other_figures_returns_the_stored_report_unchanged(world, campaign):
    report_id = uuid.uuid4()
    make(campaign, world.association, report_id=report_id, conversations=12)
    stored, created = make(campaign, world.association, report_id=report_id, conversations=99)
    assert not created
    assert stored.conversations == 12
    assert tally(campaign, world.national) == 12


def test_an_id_of_someone_elses_report_is_a_conflict_not_a_merge(world, campaign):
    report_id = uuid.uuid4()
    person = Person.objects.get(user=world.member)
    make(campaign, world.branch, report_id=report_id, reporter=person)
    other = Person.objects.get(user=world.owner)
    with pytest.raises(services.ReportConflict):
        make(campaign, world.branch, report_id=report_id, reporter=other)
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_of_the_same_id_store_one_report(reference_data):
    """Eight threads post the same id at once: one report, one count (the primary key decides)."""
    from folkvald.organisations.models import Organisation, OrganisationKind, Party

    party = Party.objects.get(abbreviation="S")
    national = Organisation.objects.create(name="Partiet", kind=OrganisationKind.PARTY, party=party)
    branch = Organisation.objects.create(name="S i Lund", kind=OrganisationKind.BRANCH, party=party,
                                         parent=national, municipality_id="1281")
    campaign = services.campaign_create(organisation=national, name="K", start=dt.date(2014, 1, 1),
                                        end=dt.date(2014, 9, 14), national_target=1000, topics=["skola"])
    report_id = uuid.uuid4()
    barrier = threading.Barrier(8)
    results: list[object] = []

    def post() -> None:
        try:
            barrier.wait()
            for _attempt in range(200):
                try:
                    results.append(make(campaign, branch, report_id=report_id, conversations=7)[1])
                    return
                except OperationalError as error:
                    # The in-memory SQLite of the tests locks whole tables and does not wait as a
                    # file database with busy_timeout does; retry. PostgreSQL never gets here.
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(repr, results)) == sorted(["True"] + ["False"] * 7), results
    assert Report.objects.count() == 1
    assert tally(campaign, national) == 7
    assert WeekTally.objects.get(campaign=campaign, organisation=national).reports == 1


def test_validation_names_the_field(world, campaign):
    with pytest.raises(ValidationError) as error:
        make(campaign, world.branch, date=dt.date(2013, 12, 31))
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make(campaign, world.branch, conversations=0)
    assert "conversations" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make(campaign, world.branch, topics=["astrologi"])
    assert "topics" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make(campaign, world.other_branch.parent and world.branch, conversations=1000)
    assert Report.objects.count() == 0
    assert WeekTally.objects.count() == 0


def test_a_date_after_tomorrow_is_refused_by_the_day_the_caller_gives(world, campaign):
    fields = {"campaign": campaign, "place": "Stationen", "activity": "phone", "conversations": 3}
    with pytest.raises(ValidationError) as error:
        services.report_clean(date=dt.date(2014, 5, 3), today=dt.date(2014, 5, 1), **fields)
    assert "framtiden" in error.value.message_dict["date"][0]
    assert services.report_clean(date=dt.date(2014, 5, 2), today=dt.date(2014, 5, 1), **fields)["date"] == dt.date(
        2014, 5, 2)
    assert services.report_clean(date=dt.date(2014, 5, 3), **fields)  # by the clock: 2014 is long past


def test_an_organisation_outside_the_campaign_cannot_report(world, private_campaign):
    # The private campaign belongs to Lund; Malmö is not beneath it.
    with pytest.raises(ValidationError):
        make(private_campaign, world.other_branch, topics=())


CSV_GOOD = """datum;plats;aktivitet;samtal;ämnen;anteckning
2014-05-03;Stationen;bokbord;42;jobb, skola;regnigt
2014-05-04;Norra Fäladen;dörrknackning;17;vård;
2014-05-05;Valmöte Folkets hus;möte;30;;
"""


def test_csv_import_saves_every_row(world, campaign):
    saved = services.reports_import_csv(campaign=campaign, organisation=world.association, reporter=None,
                                        text=CSV_GOOD)
    assert len(saved) == 3
    assert tally(campaign, world.branch) == 42 + 17 + 30
    assert sorted(Report.objects.values_list("activity", flat=True)) == ["door_knocking", "meeting", "street_stall"]
    assert TopicTally.objects.get(campaign=campaign, organisation=world.national, topic="skola").reports == 1


def test_csv_import_names_each_bad_row_and_saves_nothing(world, campaign):
    text = (
        "datum,plats,aktivitet,samtal\n"
        "2014-05-03,Stationen,bokbord,42\n"
        "2014-13-01,Stationen,bokbord,10\n"
        "2014-05-04,Norra Fäladen,dans,5\n"
        "2014-05-05,Centrum,dörrknackning,många\n"
        "2015-01-01,Centrum,dörrknackning,3\n"
    )
    with pytest.raises(services.ImportErrors) as error:
        services.reports_import_csv(campaign=campaign, organisation=world.association, reporter=None, text=text)
    lines = [e.line for e in error.value.errors]
    assert lines == [3, 4, 5, 6]
    messages = [str(e) for e in error.value.errors]
    assert messages[0].startswith("Rad 3:") and "2014-13-01" in messages[0]
    assert "dans" in messages[1]
    assert "många" in messages[2]
    assert "utanför kampanjen" in messages[3]
    assert Report.objects.count() == 0
    assert WeekTally.objects.count() == 0


def test_csv_without_the_needed_columns_is_refused(world, campaign):
    with pytest.raises(services.ImportErrors) as error:
        services.reports_import_csv(campaign=campaign, organisation=world.association, reporter=None,
                                    text="datum,plats\n2014-05-03,Stationen\n")
    assert error.value.errors[0].line == 1
    assert "aktivitet" in str(error.value.errors[0]) or "activity" in str(error.value.errors[0])


def test_rebuilding_the_tallies_gives_the_same_figures(world, campaign):
    person = Person.objects.get(user=world.member)
    make(campaign, world.association, conversations=12, reporter=person, topics=["skola", "vård"])
    make(campaign, world.branch, conversations=8, reporter=person, date=dt.date(2014, 8, 1))
    before = sorted(WeekTally.objects.values_list("organisation_id", "week", "conversations", "reports"))
    people_before = sorted(PersonTally.objects.values_list("organisation_id", "person_id", "conversations"))
    services.tallies_rebuild(campaign=campaign)
    assert sorted(WeekTally.objects.values_list("organisation_id", "week", "conversations", "reports")) == before
    assert sorted(PersonTally.objects.values_list("organisation_id", "person_id", "conversations")) == people_before


def test_progress_reads_the_weeks_against_the_pace(world, campaign):
    services.target_adopt(campaign=campaign, organisation=world.branch, value=15_000)
    make(campaign, world.association, conversations=12, date=dt.date(2014, 1, 2))
    make(campaign, world.association, conversations=8, date=dt.date(2014, 1, 8))
    result = selectors.progress(campaign=campaign, organisation=world.branch, user=world.owner)
    assert (result.target, result.reported, result.reports) == (15_000, 20, 2)
    assert [(w.label, w.conversations, w.cumulative) for w in result.weeks[:3]] == [
        ("2014-W01", 12, 12), ("2014-W02", 8, 20), ("2014-W03", 0, 20)]
    assert result.weeks[-1].pace == 15_000
    assert [line.name for line in result.children] == ["Hemlig förening", "S-föreningen Centrum"]
    assert [line.reported for line in result.children] == [0, 20]
    public = selectors.progress(campaign=campaign, organisation=world.branch, user=world.outsider)
    assert [line.name for line in public.children] == ["S-föreningen Centrum"]


def test_leaderboard_names_only_those_who_opted_in(world, campaign):
    member = Person.objects.get(user=world.member)
    owner = Person.objects.get(user=world.owner)
    make(campaign, world.branch, conversations=30, reporter=member)
    make(campaign, world.branch, conversations=50, reporter=owner)
    assert selectors.leaderboard(campaign=campaign, organisation=world.branch) == []
    services.leaderboard_opt_in_set(campaign=campaign, person=member, opt_in=True)
    board = selectors.leaderboard(campaign=campaign, organisation=world.branch)
    assert [(line.name, line.reported) for line in board] == [("Member Testsson", 30)]
    assert [line.name for line in selectors.leaderboard(campaign=campaign, organisation=world.national)] == [
        "Member Testsson"]
    services.leaderboard_opt_in_set(campaign=campaign, person=member, opt_in=False)
    assert selectors.leaderboard(campaign=campaign, organisation=world.branch) == []
    # An erased person is never named, even if they had opted in.
    from folkvald.organisations.services import person_erase

    services.leaderboard_opt_in_set(campaign=campaign, person=member, opt_in=True)
    person_erase(person=member)
    assert selectors.leaderboard(campaign=campaign, organisation=world.branch) == []


def test_withdrawing_a_report_takes_exactly_its_figures_away(world, campaign):
    person = Person.objects.get(user=world.member)
    keep, _created = make(campaign, world.association, conversations=12, reporter=person, topics=["skola"])
    gone, _created = make(campaign, world.association, conversations=30, reporter=person, topics=["skola", "vård"])
    services.report_delete(report=gone)
    assert tally(campaign, world.national) == 12
    assert WeekTally.objects.get(campaign=campaign, organisation=world.national).reports == 1
    assert TopicTally.objects.get(campaign=campaign, organisation=world.branch, topic="skola").reports == 1
    assert TopicTally.objects.get(campaign=campaign, organisation=world.branch, topic="vård").reports == 0
    assert PersonTally.objects.get(campaign=campaign, organisation=world.branch, person=person).conversations == 12
    assert list(Report.objects.values_list("pk", flat=True)) == [keep.pk]


def test_a_report_has_no_place_for_a_voters_identity():
    """Privacy by design: counts, a place, a time, an activity and topics; nothing that names a voter."""
    fields = {field.name for field in Report._meta.get_fields()}
    assert fields == {"id", "campaign", "organisation", "team", "reporter", "date", "week", "place_kind", "place",
                      "activity", "conversations", "topics", "note", "source", "created"}
    note = Report._meta.get_field("note")
    assert note.max_length == 500
    assert "namn" in str(note.help_text) and "adresser" in str(note.help_text)


def test_a_chain_given_by_the_caller_is_checked_and_counts_only_up_to_the_campaign(world, campaign, private_campaign):
    def given(which, organisation, counted_for):
        return services.report_create(
            campaign=which, organisation=organisation, reporter=None, date=dt.date(2014, 5, 3), place="Torget",
            activity="phone", conversations=4, counted_for=counted_for,
        )

    for wrong in ([], [world.branch.pk, world.national.pk], [world.association.pk, world.other_branch.pk]):
        with pytest.raises(ValidationError):  # not starting at the organisation, or without the campaign's
            given(campaign, world.association, wrong)
    assert Report.objects.count() == 0 and WeekTally.objects.count() == 0
    chain = [world.association.pk, world.branch.pk, world.national.pk]
    given(private_campaign, world.association, chain)  # the branch's campaign: the nation is not counted
    assert tally(private_campaign, world.branch) == 4 and tally(private_campaign, world.national) == 0
    given(campaign, world.association, chain)
    assert (tally(campaign, world.association), tally(campaign, world.national)) == (4, 4)

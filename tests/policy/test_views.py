"""Pages of policy work, and what each named user may see and do: nothing internal leaks to the
anonymous, outsider, other_member (another branch) or association_member."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from folkvald.policy import services
from folkvald.policy.models import Answer, Motion, MotionStatus, Registration

OUTSIDERS = ["outsider", "other_member", "association_member"]


def login(client, world, name):
    client.force_login(getattr(world, name))


# --- Groups --------------------------------------------------------------------------------


def test_public_group_page_shows_members_and_roles_but_nothing_internal(client, policy):
    response = client.get(reverse("policy:group", args=[policy.group.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Skola och unga" in content
    for name in ("Ordforande Testsson", "Leda Mot", "Sekr Etare"):
        assert name in content
    assert "Motion om skolan" not in content
    assert "Tidigare och nuvarande uppdrag" not in content
    assert "@example.org" not in content


def test_internal_group_page_shows_motions_and_history_to_members(client, world, policy):
    login(client, world, "member")
    content = client.get(reverse("policy:group", args=[policy.group.pk])).content.decode()
    assert "Motion om skolan" in content
    assert "Tidigare och nuvarande uppdrag" in content
    assert "Vad väljarna tog upp" in content


@pytest.mark.parametrize("name", [None, *OUTSIDERS])
def test_unpublished_and_private_groups_are_404(client, world, policy, name):
    if name:
        login(client, world, name)
    assert client.get(reverse("policy:group", args=[policy.hidden_group.pk])).status_code == 404
    # The private Malmö branch: 404 for all but its own member.
    expected = 200 if name == "other_member" else 404
    assert client.get(reverse("policy:group", args=[policy.other_group.pk])).status_code == expected
    assert client.get(reverse("policy:group_ics", args=[policy.other_group.pk])).status_code == expected
    assert client.get(reverse("policy:overview", args=[world.other_branch.pk])).status_code == expected


def test_overview_lists_steering_and_working_groups(client, world, policy):
    content = client.get(reverse("policy:overview", args=[world.branch.pk])).content.decode()
    assert "Vision för Lund" in content
    assert content.index("Valledningen") < content.index("Skola och unga")
    assert "Hemlig grupp" not in content
    login(client, world, "member")
    assert "Hemlig grupp" in client.get(reverse("policy:overview", args=[world.branch.pk])).content.decode()


def test_organisation_page_links_to_policy_work(client, world, policy):
    content = client.get(reverse("organisations:public", args=[world.branch.pk])).content.decode()
    assert reverse("policy:overview", args=[world.branch.pk]) in content
    assert reverse("policy:motions", args=[world.branch.pk]) not in content


def test_only_leaders_manage_memberships(client, world, policy):
    url = reverse("policy:membership_add", args=[policy.group.pk])
    client.force_login(policy.chair_user)  # a group's chair is not a leader of the branch
    assert client.get(url).status_code == 404
    login(client, world, "owner")
    response = client.post(url, {"first_name": "Ny", "last_name": "Ledamot", "role": "member", "start": "2024-05-01"})
    assert response.status_code == 302
    assert policy.group.memberships.filter(person__last_name="Ledamot", role="member").exists()
    seat = policy.group.memberships.get(person__last_name="Ledamot")
    client.post(reverse("policy:membership_end", args=[policy.group.pk, seat.pk]), {"end": "2024-06-01"})
    seat.refresh_from_db()
    assert seat.end == dt.date(2024, 6, 1)


def test_chair_and_leaders_manage_deliverables_members_do_not(client, world, policy):
    url = reverse("policy:deliverable_add", args=[policy.group.pk])
    login(client, world, "member")
    assert client.get(url).status_code == 404
    client.force_login(policy.chair_user)
    response = client.post(url, {"title": "Första delen", "deadline": "2024-09-30", "status": "planned"})
    assert response.status_code == 302
    deliverable = policy.group.deliverables.get()
    client.post(reverse("policy:deliverable_status", args=[policy.group.pk, deliverable.pk]), {"status": "delivered"})
    deliverable.refresh_from_db()
    assert deliverable.status == "delivered"
    content = client.get(reverse("policy:deadlines", args=[world.branch.pk])).content.decode()
    assert "september 2024" in content.lower()
    assert "Första delen" in content


def test_group_feed_has_events_and_deadlines(client, policy):
    services.deliverable_create(group=policy.group, title="Analys", deadline=dt.date(2025, 2, 28))
    response = client.get(reverse("policy:group_ics", args=[policy.group.pk]))
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert summaries == ["Analys (Skola och unga)", "Town hall om skolan"]
    deadline = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Analys"))
    assert deadline.decoded("DTSTART") == dt.date(2025, 2, 28)
    feed = client.get(reverse("policy:deadlines_ics", args=[policy.group.organisation.pk]))
    assert [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")] == [
        "Analys (Skola och unga)"]


# --- Motions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", OUTSIDERS)
def test_motions_are_internal(client, world, policy, name):
    motion = policy.motion
    urls = [
        reverse("policy:motions", args=[world.branch.pk]),
        reverse("policy:motion_new", args=[world.branch.pk]),
        reverse("policy:motion", args=[motion.pk]),
        reverse("policy:motion_print", args=[motion.pk]),
        reverse("policy:motion_edit", args=[motion.pk]),
        reverse("policy:motion_decide", args=[motion.pk]),
    ]
    login(client, world, name)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("policy:motion_cosign", args=[motion.pk])).status_code == 404
    assert not motion.co_signers.exists()


def test_anonymous_cannot_read_an_unpublished_motion(client, policy):
    assert client.get(reverse("policy:motion", args=[policy.motion.pk])).status_code == 404
    assert client.get(reverse("policy:motion_print", args=[policy.motion.pk])).status_code == 404
    assert client.get(reverse("policy:motions", args=[policy.group.organisation.pk])).status_code == 302


def test_draft_edit_submit_decide_and_send(client, world, policy):
    login(client, world, "member")
    response = client.post(reverse("policy:motion_new", args=[world.branch.pk]), {
        "title": "Fler fritidsgårdar", "body": "Unga behöver platser.", "proposals": "att fler fritidsgårdar öppnar",
        "group": "", "congress": "Partikongressen 2025",
    })
    motion = Motion.objects.get(title="Fler fritidsgårdar")
    assert response.status_code == 302
    assert motion.author == world.member.person and motion.group is None
    # Another member co-signs; may not edit.
    client.force_login(policy.chair_user)
    client.post(reverse("policy:motion_cosign", args=[motion.pk]))
    assert list(motion.co_signers.all()) == [policy.chair]
    assert client.get(reverse("policy:motion_edit", args=[motion.pk])).status_code == 404
    # The author edits: a second version, with a diff.
    login(client, world, "member")
    client.post(reverse("policy:motion_edit", args=[motion.pk]), {
        "title": "Fler fritidsgårdar", "body": "Unga behöver platser.\nÖppet på kvällar.",
        "proposals": "att fler fritidsgårdar öppnar", "note": "kvällar",
    })
    assert motion.versions.count() == 2
    page = client.get(reverse("policy:motion", args=[motion.pk]) + "?fran=1&till=2").content.decode()
    assert "<ins class=\"policy-diff-line\">Öppet på kvällar.</ins>" in page
    client.post(reverse("policy:motion_submit", args=[motion.pk]))
    # Only a leader takes the board's decision.
    decision = {"decision": "adopt", "reasoning": "Styrelsen bifaller.", "decided_on": "2024-10-15"}
    assert client.post(reverse("policy:motion_decide", args=[motion.pk]), decision).status_code == 404
    login(client, world, "owner")
    assert client.post(reverse("policy:motion_decide", args=[motion.pk]), decision).status_code == 302
    client.post(reverse("policy:motion_send", args=[motion.pk]), {"sent_on": "2024-10-31", "congress": ""})
    motion.refresh_from_db()
    assert (motion.status, motion.decision, motion.sent_on) == (MotionStatus.SENT, "adopt", dt.date(2024, 10, 31))
    printed = client.get(reverse("policy:motion_print", args=[motion.pk])).content.decode()
    assert "Öppet på kvällar." in printed and "bifall" in printed and "policy/print.css" in printed
    assert "Ordforande Testsson" in printed  # the co-signer


def test_group_chair_drafts_for_the_group(client, policy, world):
    client.force_login(policy.chair_user)
    client.post(reverse("policy:motion_new", args=[world.branch.pk]), {
        "title": "Gruppens motion", "body": "Text.", "proposals": "att något sker", "group": str(policy.group.pk),
        "congress": "",
    })
    assert Motion.objects.get(title="Gruppens motion").group == policy.group
    # A member who leads no group cannot pick the group.
    login(client, world, "member")
    client.post(reverse("policy:motion_new", args=[world.branch.pk]), {
        "title": "Kapad", "body": "Text.", "proposals": "att något sker", "group": str(policy.group.pk), "congress": "",
    })
    assert not Motion.objects.filter(title="Kapad").exists()


# --- Events -------------------------------------------------------------------------------------------


def test_registration_without_javascript_and_names_only_internally(client, world, policy):
    url = reverse("policy:event", args=[policy.public_event.pk])
    page = client.get(url).content.decode()
    assert "Antal personer" in page and "samtycker" in page
    # A name without consent is refused and nothing is stored.
    response = client.post(url, {"people": "1", "name": "Nils Namn", "email": "", "consent": ""})
    assert response.status_code == 200
    assert "Kryssa i samtycket" in response.content.decode()
    assert Registration.objects.count() == 0
    client.post(url, {"people": "2", "name": "", "email": ""})
    client.post(url, {"people": "1", "name": "Nils Namn", "email": "nils@example.org", "consent": "on"})
    assert Registration.objects.count() == 2
    public = client.get(url).content.decode()
    assert '<dd id="registered-count">3 av 10 platser</dd>' in public
    assert "Nils Namn" not in public and "nils@example.org" not in public
    for name in OUTSIDERS:
        login(client, world, name)
        assert "Nils Namn" not in client.get(url).content.decode()
    assert "Nils Namn" not in client.get(reverse("policy:events", args=[world.branch.pk])).content.decode()
    # The consent promises the names to the organisers only: not to every member of the branch.
    login(client, world, "member")
    assert "Nils Namn" not in client.get(url).content.decode()
    assert "nils@example.org" not in client.get(url).content.decode()
    login(client, world, "owner")  # a leader of the branch
    assert "Nils Namn" in client.get(url).content.decode()
    client.force_login(policy.chair_user)  # the chair of the event's group
    assert "nils@example.org" in client.get(url).content.decode()


def test_names_of_an_event_without_a_group_are_for_leaders_only(client, world, policy):
    from folkvald.policy.models import EventKind, RegistrationMode

    event = services.event_create(
        organisation=world.branch, kind=EventKind.MAY_DAY, title="Första maj", starts_at=policy.public_event.starts_at,
        place="Stortorget", organiser="S i Lund", registration=RegistrationMode.NAMES,
    )
    services.registration_create(event=event, email="endast-epost@example.org", consent=True)
    url = reverse("policy:event", args=[event.pk])
    client.force_login(policy.chair_user)  # chairs another group: not an organiser of this event
    assert "endast-epost@example.org" not in client.get(url).content.decode()
    login(client, world, "owner")
    assert "endast-epost@example.org" in client.get(url).content.decode()  # an e-mail alone is listed too


def test_a_signed_in_registrant_who_gives_a_name_is_remembered_for_export_and_erasure(client, world, policy):
    url = reverse("policy:event", args=[policy.public_event.pk])
    login(client, world, "member")
    client.post(url, {"people": "1", "name": "", "email": ""})
    client.post(url, {"people": "1", "name": "Mem Ber", "email": "", "consent": "on"})
    counted, named = Registration.objects.order_by("pk")
    assert counted.person is None  # counted only: not tied to anyone
    assert named.person == world.member.person


@pytest.mark.parametrize("name", [None, *OUTSIDERS])
def test_internal_and_private_events_are_404(client, world, policy, name):
    if name:
        login(client, world, name)
    assert client.get(reverse("policy:event", args=[policy.internal_event.pk])).status_code == 404
    assert client.post(reverse("policy:event", args=[policy.internal_event.pk]), {"people": "1"}).status_code == 404
    expected = 200 if name == "other_member" else 404  # the private Malmö branch's own member sees its events
    assert client.get(reverse("policy:event", args=[policy.other_event.pk])).status_code == expected
    assert "Internt rådslag" not in client.get(reverse("policy:events", args=[world.branch.pk])).content.decode()


# --- Consultations --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", OUTSIDERS)
def test_outsiders_cannot_see_or_answer_consultations(client, world, policy, name):
    login(client, world, name)
    c = policy.consultation
    assert client.get(reverse("policy:consultations", args=[world.branch.pk])).status_code == 404
    assert client.get(reverse("policy:consultation", args=[c.pk])).status_code == 404
    assert client.get(reverse("policy:consultation_summary", args=[c.pk])).status_code == 404
    response = client.post(reverse("policy:consultation", args=[c.pk]), {f"q{policy.choice_question.pk}": "Skolan"})
    assert response.status_code == 404
    assert Answer.objects.count() == 0


def test_member_answers_and_sees_the_summary(client, world, policy):
    login(client, world, "member")
    c = policy.consultation
    url = reverse("policy:consultation", args=[c.pk])
    response = client.post(url, {f"q{policy.choice_question.pk}": "Vården", f"q{policy.text_question.pk}": "Mer vård"})
    assert response.status_code == 302
    summary = client.get(reverse("policy:consultation_summary", args=[c.pk])).content.decode()
    assert '<td>Vården</td><td class="num">1</td>' in summary
    assert '<td>Skolan</td><td class="num">0</td>' in summary
    # Free text is an opinion in someone's own words: members see how many answered, not what.
    assert "Mer vård" not in summary
    assert "Fritextsvaren läses bara av dem som håller i rådslaget." in summary
    assert summary.count("1 svar") == 2


@pytest.mark.parametrize("reader", ["owner", "chair"])
def test_those_who_run_the_consultation_read_the_text_answers(client, world, policy, reader):
    services.answers_submit(consultation=policy.consultation, person=world.member.person,
                            answers={policy.text_question.pk: "Mer vård"})
    client.force_login(world.owner if reader == "owner" else policy.chair_user)
    summary = client.get(reverse("policy:consultation_summary", args=[policy.consultation.pk])).content.decode()
    assert "Mer vård" in summary


# --- Leaders set up programmes, groups, events and consultations ---------------------------------------


def test_leaders_set_up_the_work_and_others_may_not(client, world, policy):
    urls = {
        "programme_new": reverse("policy:programme_new", args=[world.branch.pk]),
        "group_new": reverse("policy:group_new", args=[world.branch.pk]),
        "event_new": reverse("policy:event_new", args=[world.branch.pk]),
        "consultation_new": reverse("policy:consultation_new", args=[world.branch.pk]),
        "group_edit": reverse("policy:group_edit", args=[policy.group.pk]),
    }
    for user in (world.member, policy.chair_user, world.outsider, world.other_member):
        client.force_login(user)
        for url in urls.values():
            assert client.get(url).status_code == 404, url
    login(client, world, "owner")
    assert client.post(urls["programme_new"], {"name": "Program 2026", "is_published": "on"}).status_code == 302
    response = client.post(urls["group_new"], {
        "name": "Trygghet", "kind": "working", "programme": "", "policy_area": "Trygghet", "mandate": "",
        "topic_keywords": "trygghet", "position": "7", "is_published": "",
    })
    assert response.status_code == 302
    from folkvald.policy.models import Consultation, Event, WorkingGroup

    group = WorkingGroup.objects.get(name="Trygghet")
    assert (group.is_published, group.topic_keywords, group.position) == (False, "trygghet", 7)
    client.post(urls["group_edit"], {
        "name": "Skola och unga", "kind": "working", "programme": "", "policy_area": "Skola", "mandate": "Ny.",
        "topic_keywords": "skola, unga, förskola", "position": "1", "is_published": "on",
    })
    policy.group.refresh_from_db()
    assert (policy.group.mandate, policy.group.programme, policy.group.keywords) == (
        "Ny.", None, ["skola", "unga", "förskola"])
    response = client.post(urls["event_new"], {
        "kind": "may_day", "title": "Första maj 2026", "description": "", "starts_at": "2026-05-01T11:00",
        "ends_at": "2026-05-01T14:00", "place": "Stortorget", "organiser": "S i Lund", "group": str(policy.group.pk),
        "registration": "none", "capacity": "", "is_public": "on",
    })
    assert response.status_code == 302
    event = Event.objects.get(title="Första maj 2026")
    assert event.starts_at.isoformat() == "2026-05-01T09:00:00+00:00"  # 11:00 in Stockholm, summer time
    assert event.group == policy.group
    response = client.post(urls["consultation_new"], {
        "title": "Rådslag 2026", "description": "", "opens": "2026-01-01", "closes": "2026-01-31", "group": "",
        "questions": "Viktigast? | Skolan | Vården\n\nVad mer?\n",
    })
    assert response.status_code == 302
    consultation = Consultation.objects.get(title="Rådslag 2026")
    assert [(q.text, q.kind, q.choice_list) for q in consultation.questions.all()] == [
        ("Viktigast?", "choice", ["Skolan", "Vården"]), ("Vad mer?", "text", [])]
    # A bad consultation writes nothing.
    response = client.post(urls["consultation_new"], {
        "title": "Trasigt", "opens": "2026-01-01", "closes": "2026-01-31", "questions": "Bara ett? | Ja",
    })
    assert response.status_code == 200
    assert not Consultation.objects.filter(title="Trasigt").exists()


def test_a_leader_publishes_a_decided_motion_for_everyone(client, world, policy):
    motion = policy.motion
    url = reverse("policy:motion_publish", args=[motion.pk])
    login(client, world, "owner")
    client.post(url, {"published": "1"})  # a draft: refused
    motion.refresh_from_db()
    assert not motion.is_published
    services.motion_submit(motion=motion)
    services.motion_decide(motion=motion, decision="reject", reasoning="Avslag: frågan är redan löst.",
                           decided_on=dt.date(2024, 10, 15))
    login(client, world, "member")
    assert client.post(url, {"published": "1"}).status_code == 404  # members may not publish
    login(client, world, "owner")
    client.post(url, {"published": "1"})
    motion.refresh_from_db()
    assert motion.is_published
    client.logout()
    page = client.get(reverse("policy:motion", args=[motion.pk])).content.decode()
    assert "Motion om skolan" in page and "Avslag: frågan är redan löst." in page
    assert "Versioner" not in page  # the drafting history stays internal
    assert client.get(reverse("policy:motion_print", args=[motion.pk])).status_code == 200


def test_events_page_splits_upcoming_and_past(client, world, policy):
    from django.utils import timezone

    services.event_create(organisation=world.branch, kind="may_day", title="Första maj 2024",
                          starts_at=timezone.now() - dt.timedelta(days=200), place="Torget", organiser="S")
    content = client.get(reverse("policy:events", args=[world.branch.pk])).content.decode()
    assert content.index("Kommande") < content.index("Town hall om skolan") < content.index("Tidigare")
    assert content.index("Tidigare") < content.index("Första maj 2024")


def test_leaders_edit_events(client, world, policy):
    url = reverse("policy:event_edit", args=[policy.public_event.pk])
    for name in ("member", *OUTSIDERS):
        login(client, world, name)
        assert client.get(url).status_code == 404
    login(client, world, "owner")
    form = client.get(url).content.decode()
    assert 'value="Town hall om skolan"' in form
    response = client.post(url, {
        "kind": "town_hall", "title": "Town hall om skolan (ny lokal)", "description": "", "starts_at": "2030-01-15T18:00",
        "ends_at": "2030-01-15T17:00", "place": "Aulan", "organiser": "S i Lund", "group": "",
        "registration": "count", "capacity": "", "is_public": "on",
    })
    assert response.status_code == 200  # ends before it starts
    response = client.post(url, {
        "kind": "town_hall", "title": "Town hall om skolan (ny lokal)", "description": "", "starts_at": "2030-01-15T18:00",
        "ends_at": "2030-01-15T20:00", "place": "Aulan", "organiser": "S i Lund", "group": "",
        "registration": "count", "capacity": "", "is_public": "on",
    })
    assert response.status_code == 302
    policy.public_event.refresh_from_db()
    assert (policy.public_event.place, policy.public_event.group, policy.public_event.starts_at.isoformat()) == (
        "Aulan", None, "2030-01-15T17:00:00+00:00")


def test_a_person_downloads_their_own_policy_data(client, world, policy):
    services.answers_submit(consultation=policy.consultation, person=policy.chair,
                            answers={policy.text_question.pk: "Min åsikt"})
    services.registration_create(event=policy.public_event, name="Ordf", consent=True, person=policy.chair)
    services.answers_submit(consultation=policy.consultation, person=world.member.person,
                            answers={policy.text_question.pk: "Någon annans åsikt"})
    url = reverse("policy:my_data")
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(policy.chair_user)
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="mina-uppgifter-politik.json"'
    data = response.json()
    assert [a["text"] for a in data["consultation_answers"]] == ["Min åsikt"]
    assert [r["name"] for r in data["event_registrations"]] == ["Ordf"]
    assert data["group_memberships"][0]["role"] == "chair"
    assert "Någon annans åsikt" not in response.content.decode()
    assert url in client.get(reverse("policy:overview", args=[world.branch.pk])).content.decode()

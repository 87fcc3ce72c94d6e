"""Pages: who may see and change what, and the editing flows (status with evidence, decisions, imports)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from folkvald.agenda.exchange import REFORM_COLUMNS
from folkvald.agenda.models import Decision, Reform
from tests.agenda.conftest import NOTE_MARKER, UNPUBLISHED_MARKER

pytestmark = pytest.mark.django_db

USERS = {"owner": "owner", "member": "member", "outsider": "outsider", "othermember": "other_member",
         "assocmember": "association_member"}


def login(client, world, who):
    if who:
        client.force_login(getattr(world, USERS[who]))


def manage_urls(world, agenda):
    return [
        reverse("agenda:reform_create", args=[world.branch.pk]),
        reverse("agenda:decision_create", args=[world.branch.pk]),
        reverse("agenda:agreement_create", args=[world.branch.pk]),
        reverse("agenda:bullets_import", args=[world.branch.pk]),
        reverse("agenda:csv_import", args=[world.branch.pk]),
        reverse("agenda:reform_edit", args=[agenda.school.pk]),
        reverse("agenda:reform_status", args=[agenda.school.pk]),
        reverse("agenda:decision_edit", args=[agenda.budget.pk]),
        reverse("agenda:agreement_edit", args=[agenda.agreement.pk]),
    ]


@pytest.mark.parametrize(("who", "expected"), [("owner", 200), ("member", 404), ("outsider", 404),
                                                ("othermember", 404), ("assocmember", 404)])
def test_only_leaders_may_edit(client, world, agenda, who, expected):
    login(client, world, who)
    for url in manage_urls(world, agenda):
        assert client.get(url).status_code == expected, url
    response = client.post(reverse("agenda:reform_status", args=[agenda.school.pk]),
                           {"status": "stalled", "reason": "Försök"})
    assert response.status_code == (302 if expected == 200 else 404)
    if expected == 404:
        assert Reform.objects.get(pk=agenda.school.pk).status == "in_progress"


def test_anonymous_is_sent_to_sign_in(client, world, agenda):
    for url in manage_urls(world, agenda) + [reverse("agenda:internal", args=[world.branch.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url


@pytest.mark.parametrize(("who", "expected"), [("owner", 200), ("member", 200), ("outsider", 404),
                                                ("othermember", 404), ("assocmember", 404)])
def test_internal_page_and_export_for_members_only(client, world, agenda, who, expected):
    login(client, world, who)
    response = client.get(reverse("agenda:internal", args=[world.branch.pk]))
    assert response.status_code == expected
    export = client.get(reverse("agenda:csv_export", args=[world.branch.pk, "reformer"]))
    assert export.status_code == expected
    if expected == 200:
        assert UNPUBLISHED_MARKER in response.content.decode()
        assert NOTE_MARKER in export.content.decode()
    else:
        assert UNPUBLISHED_MARKER not in response.content.decode()


@pytest.mark.parametrize(("who", "expected"), [(None, 404), ("outsider", 404), ("othermember", 404),
                                                ("member", 200), ("owner", 200)])
def test_unpublished_reform_page_only_for_members(client, world, agenda, who, expected):
    login(client, world, who)
    response = client.get(reverse("agenda:reform", args=[agenda.secret_reform.pk]))
    assert response.status_code == expected


def test_other_branchs_items_are_404_for_our_leader(client, world, agenda):
    client.force_login(world.owner)
    assert client.get(reverse("agenda:reform", args=[agenda.other_reform.pk])).status_code == 404
    assert client.get(reverse("agenda:agreement", args=[agenda.other_agreement.pk])).status_code == 404
    assert client.get(reverse("agenda:internal", args=[world.other_branch.pk])).status_code == 404
    # Our form cannot be pointed at their agreement.
    url = reverse("agenda:reform_create", args=[world.branch.pk]) + f"?avtal={agenda.other_agreement.pk}"
    assert client.get(url).status_code == 404


def test_leader_changes_status_with_reason_and_evidence(client, world, agenda):
    client.force_login(world.owner)
    url = reverse("agenda:reform_status", args=[agenda.school.pk])
    page = client.get(url).content.decode()
    assert 'type="radio"' in page and "Beslut som belägg" in page
    response = client.post(url, {"status": "done", "reason": "Alla 100 lärare är anställda.",
                                 "decision": agenda.budget.pk, "evidence_url": "https://example.org/p/98"})
    assert response.status_code == 302
    change = agenda.school.status_changes.order_by("-pk").first()
    assert (change.to_status, change.reason, change.decision, change.evidence_url, change.changed_by) == (
        "done", "Alla 100 lärare är anställda.", agenda.budget, "https://example.org/p/98", world.owner)
    page = client.get(reverse("agenda:reform", args=[agenda.school.pk])).content.decode()
    assert "Alla 100 lärare är anställda." in page
    assert "Kommunfullmäktige 2023-06-12 § 98" in page


def test_outcome_without_evidence_shows_an_error_and_writes_nothing(client, world, agenda):
    client.force_login(world.owner)
    response = client.post(reverse("agenda:reform_status", args=[agenda.school.pk]),
                           {"status": "done", "reason": "Klart."})
    assert response.status_code == 200
    assert "Ange ett beslut eller en länk" in response.content.decode()
    assert agenda.school.status_changes.count() == 1


def test_other_branchs_decision_cannot_be_chosen_as_evidence(client, world, agenda):
    from folkvald.agenda.services import decision_create

    foreign = decision_create(organisation=world.other_branch, date=agenda.budget.date, body="council", title="M")
    client.force_login(world.owner)
    response = client.post(reverse("agenda:reform_status", args=[agenda.school.pk]),
                           {"status": "done", "reason": "x", "decision": foreign.pk})
    assert response.status_code == 200
    assert agenda.school.status_changes.count() == 1


def test_leader_records_a_decision_with_figures_linked_to_reforms(client, world, agenda):
    client.force_login(world.owner)
    response = client.post(reverse("agenda:decision_create", args=[world.branch.pk]), {
        "title": "Fler feriejobb", "date": "2023-01-31", "body": "committee", "body_name": "Arbetsmarknadsnämnden",
        "paragraph": "§ 6", "policy_area": "Arbete", "figures": "+2 000 feriejobb | för unga\nmer än 25 mnkr",
        "reforms": [agenda.housing.pk], "is_published": "on",
    })
    assert response.status_code == 302
    decision = Decision.objects.get(title="Fler feriejobb")
    assert [f.display for f in decision.figures.all()] == ["+2\xa0000\xa0feriejobb", "mer än\xa025\xa0mnkr"]
    assert list(decision.reforms.all()) == [agenda.housing]
    edit = client.get(reverse("agenda:decision_edit", args=[decision.pk])).content.decode()
    assert "+2 000 feriejobb | för unga" in edit


def test_bad_figure_is_shown_and_nothing_saved(client, world, agenda):
    client.force_login(world.owner)
    response = client.post(reverse("agenda:decision_create", args=[world.branch.pk]), {
        "title": "Trasig", "date": "2023-01-31", "body": "council", "figures": "ok 5"})
    assert response.status_code == 200
    assert "Rad 1" in response.content.decode()
    assert not Decision.objects.filter(title="Trasig").exists()


def test_bullet_list_preview_then_save(client, world, agenda):
    client.force_login(world.owner)
    url = reverse("agenda:bullets_import", args=[world.branch.pk])
    data = {"kind": "reforms", "text": "Skola\n• Läxhjälp\n• Mer idrott\n", "source_kind": "agreement",
            "agreement": agenda.agreement.pk, "preview": "1"}
    before = Reform.objects.count()
    preview = client.post(url, data)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Förhandsvisning: 2 punkter" in text and "Läxhjälp" in text
    assert Reform.objects.count() == before  # nothing saved by the preview
    saved = client.post(url, {**data, "save": "1"})
    assert saved.status_code == 302
    assert list(Reform.objects.filter(title__in=["Läxhjälp", "Mer idrott"]).values_list("policy_area", flat=True)) \
        == ["Skola", "Skola"]


def test_bullet_list_of_decisions_needs_date_and_body(client, world):
    client.force_login(world.owner)
    url = reverse("agenda:bullets_import", args=[world.branch.pk])
    response = client.post(url, {"kind": "decisions", "text": "• Beslut", "save": "1"})
    assert response.status_code == 200
    assert not Decision.objects.filter(title="Beslut").exists()
    response = client.post(url, {"kind": "decisions", "text": "• Beslut", "date": "2023-05-01",
                                 "body": "council", "save": "1"})
    assert response.status_code == 302
    assert Decision.objects.get(title="Beslut").organisation == world.branch


def test_csv_upload_names_bad_rows(client, world, agenda):
    client.force_login(world.owner)
    content = (";".join(REFORM_COLUMNS) + "\nBra;Skola;pågår;1;;;avtal;;Avtal för Lund;2022-2026;S;ja;\n"
               "Dålig;Skola;pågår;noll;;;avtal;;Avtal för Lund;2022-2026;S;ja;\n").encode()
    response = client.post(reverse("agenda:csv_import", args=[world.branch.pk]), {
        "kind": "reforms", "file": SimpleUploadedFile("r.csv", content, content_type="text/csv")})
    assert response.status_code == 400
    assert "Rad 3:" in response.content.decode()
    assert not Reform.objects.filter(title="Bra").exists()


def test_csv_upload_imports(client, world, agenda):
    client.force_login(world.owner)
    content = ("\ufeff" + ";".join(REFORM_COLUMNS) + "\nBra;Skola;pågår;1;;;avtal;;Avtal för Lund;2022-2026;S;ja;\n")
    response = client.post(reverse("agenda:csv_import", args=[world.branch.pk]), {
        "kind": "reforms", "file": SimpleUploadedFile("r.csv", content.encode(), content_type="text/csv")})
    assert response.status_code == 302
    assert Reform.objects.get(title="Bra").status == "in_progress"


def test_leader_creates_agreement_and_reform(client, world):
    from folkvald.organisations.models import Party

    client.force_login(world.owner)
    parties = [Party.objects.get(abbreviation=a).pk for a in ("S", "C")]
    response = client.post(reverse("agenda:agreement_create", args=[world.branch.pk]), {
        "title": "Budgetsamarbete", "kind": "budget", "parties": parties, "period_start": "2022",
        "date": "2022-11-01", "is_published": "on"})
    assert response.status_code == 302
    from folkvald.agenda.models import Agreement

    agreement = Agreement.objects.get(title="Budgetsamarbete")
    response = client.post(reverse("agenda:reform_create", args=[world.branch.pk]), {
        "title": "Sänkt taxa", "policy_area": "Fritid", "source_kind": "agreement", "agreement": agreement.pk,
        "period_start": "2022", "weight": "2", "target_value": "1,5", "target_unit": "mnkr", "parties": parties})
    assert response.status_code == 302
    reform = Reform.objects.get(title="Sänkt taxa")
    assert (reform.agreement, str(reform.target_value), reform.weight, reform.is_published) == (
        agreement, "1.500", 2, False)


def test_organisation_pages_link_to_the_report(client, world, agenda):
    text = client.get(reverse("organisations:public", args=[world.branch.pk])).content.decode()
    assert reverse("agenda:report_latest", args=[world.branch.pk]) in text
    client.force_login(world.owner)
    text = client.get(reverse("organisations:internal", args=[world.branch.pk])).content.decode()
    assert reverse("agenda:internal", args=[world.branch.pk]) in text


def test_decision_recorded_for_a_reform_leads_on_to_its_status_with_the_decision_chosen(client, world, agenda):
    client.force_login(world.owner)
    url = reverse("agenda:decision_create", args=[world.branch.pk]) + f"?reform={agenda.housing.pk}"
    response = client.post(url, {"title": "Hyresrätter klara", "date": "2024-02-01", "body": "council",
                                 "reforms": [agenda.housing.pk]})
    decision = Decision.objects.get(title="Hyresrätter klara")
    assert response.status_code == 302
    assert response["Location"] == reverse("agenda:reform_status", args=[agenda.housing.pk]) + f"?beslut={decision.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f'<option value="{decision.pk}" selected>' in page


def test_fields_with_errors_are_marked_for_screen_readers(client, world, agenda):
    client.force_login(world.owner)
    page = client.post(reverse("agenda:reform_status", args=[agenda.school.pk]), {"status": "stalled"})
    text = page.content.decode()
    assert 'aria-invalid="true"' in text
    assert 'aria-describedby="id_reason-error"' in text
    assert 'id="id_reason-error"' in text


def test_edit_form_shows_the_target_plainly(client, world, agenda):
    client.force_login(world.owner)
    text = client.get(reverse("agenda:reform_edit", args=[agenda.school.pk])).content.decode()
    assert 'name="target_value" value="100"' in text


def test_pasting_the_stockholm_article_creates_its_decisions_with_their_figures(client, world):
    from pathlib import Path

    seed = next((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("003_*.txt")).read_text("utf-8")
    client.force_login(world.owner)
    url = reverse("agenda:bullets_import", args=[world.branch.pk])
    data = {"kind": "decisions", "text": seed, "date": "2023-12-31", "body": "council", "figures_from_text": "on",
            "preview": "1"}
    preview = client.post(url, data).content.decode()
    assert "Förhandsvisning: 22 punkter" in preview
    assert '<td class="figure-cell">mer än\xa025\xa0mnkr</td>' in preview
    assert not Decision.objects.filter(organisation=world.branch).exists()
    assert client.post(url, {**data, "save": "1"}).status_code == 302
    decisions = Decision.objects.filter(organisation=world.branch).prefetch_related("figures")
    figures = {d.title.split(".")[0]: [f.display for f in d.figures.all()] for d in decisions if d.figures.all()}
    assert figures == {
        "Höjt grundskolans schablon med 5,7 procent 2023": ["+5,7\xa0%"],
        "Höjt elevhälsans budget med mer än 25 miljoner kronor": ["mer än\xa025\xa0mnkr"],
        "Sänkt avgiften för simskolan i ytterstaden med 300 kronor för barn och unga samt sänkt avgiften för "
        "fritidsklubbar": ["\u2212300\xa0kr"],
        "Höjt ambitionen med 2 000 fler feriejobb för unga och höjt ambitionen för fler så kallade Stockholmsjobb "
        "för att ge fler möjlighet till egen försörjning": ["+2\xa0000\xa0feriejobb"],
        "Markanvisat för 5 939 nya bostäder under 2023": ["5\xa0939\xa0bostäder"],
        "Fattat beslut om att Stockholm vill lägga ned Bromma flygplats och påbörjat planeringen för att bygga upp "
        "till 30 000 nya bostäder på flygfältet": ["upp till\xa030\xa0000\xa0bostäder"],
        "Beslutat om ett nytt skärpt klimatmål: Stockholm ska vara en klimatpositiv stad senast år 2030":
            ["senast år\xa02030"],
    }
    assert decisions.filter(policy_area="Stockholm ska leda klimatomställningen").count() == 5


def test_figures_are_taken_from_the_text_only_when_asked(client, world):
    client.force_login(world.owner)
    url = reverse("agenda:bullets_import", args=[world.branch.pk])
    client.post(url, {"kind": "decisions", "text": "• Höjt taxan med 5 procent.", "date": "2023-05-01",
                      "body": "council", "save": "1"})
    assert not Decision.objects.get(title="Höjt taxan med 5 procent.").figures.exists()
    page = client.get(url).content.decode()
    assert re.search(r'<input type="checkbox" name="figures_from_text"[^>]* checked>', page)  # suggested by default

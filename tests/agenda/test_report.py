"""The public report: grouped by policy area, weighted progress worked by hand, and nothing internal leaks."""

from fractions import Fraction

import pytest
from django.urls import reverse

from folkvald.agenda.selectors import period_parse, report_build
from tests.agenda.conftest import NOTE_MARKER, UNPUBLISHED_MARKER

pytestmark = pytest.mark.django_db


def test_report_groups_published_items_by_area_with_weighted_progress(world, agenda):
    report = report_build(organisation=world.branch, period_start=2022)
    assert [area.name for area in report.areas] == ["Skola", "Bostäder"]
    school, housing = report.areas
    assert [r.title for r in school.reforms] == ["Fler lärare i skolan", "Gratis skolfrukost"]
    # Skola: "Fler lärare" (weight 3) in progress counts 0, "Gratis skolfrukost" (weight 1) done counts 1:
    # 1 / (3 + 1) = 1/4. The unpublished reform (weight 5) is left out.
    assert school.progress == Fraction(1, 4)
    assert school.done_count == 1
    # Bostäder: one reform, partly done, counts half.
    assert housing.progress == Fraction(1, 2)
    # All: (0*3 + 1*1 + 1/2*1) / 5 = 3/10.
    assert report.progress == Fraction(3, 10)
    assert [d.title for d in school.decisions] == ["Budget 2024 med fler lärare"]
    assert [(c.label, c.count) for c in report.status_counts] == [("pågår", 1), ("genomförd", 1),
                                                                   ("delvis genomförd", 1)]


def test_decisions_outside_the_period_are_not_in_it(world, agenda):
    assert report_build(organisation=world.branch, period_start=2018).areas == []


def test_period_parse():
    assert period_parse("2022-2026") == 2022
    assert period_parse("2022-2025") is None
    assert period_parse("2023-2027") is None
    assert period_parse("x") is None


def _public_texts(client, world):
    period = "2022-2026"
    urls = [
        reverse("agenda:report", args=[world.branch.pk, period]),
        reverse("agenda:embed", args=[world.branch.pk, period]),
        reverse("agenda:feed", args=[world.branch.pk]),
        f"/api/v1/reports/{world.branch.pk}",
        f"/api/v1/reports/{world.branch.pk}?period={period}",
        f"/api/v1/agreements?organisation={world.branch.pk}",
        "/api/v1/agreements",
    ]
    texts = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.content.decode()
    return texts


@pytest.mark.parametrize("who", [None, "outsider", "member", "owner"])
def test_report_feed_embed_and_api_never_show_internal_notes_or_unpublished_items(client, world, agenda, who):
    """Even for the branch's own leaders: the public outputs are public data only."""
    if who:
        client.force_login(getattr(world, who))
    for url, text in _public_texts(client, world).items():
        assert NOTE_MARKER not in text, url
        assert UNPUBLISHED_MARKER not in text, url
        assert "Hemlig" not in text, url
    report = _public_texts(client, world)[reverse("agenda:report", args=[world.branch.pk, "2022-2026"])]
    assert "Fler lärare i skolan" in report
    assert "Budget 2024 med fler lärare" in report


def test_agreement_api_never_shows_unpublished_reforms_or_notes(client, world, agenda):
    client.force_login(world.owner)
    response = client.get(f"/api/v1/agreements/{agenda.agreement.pk}")
    text = response.content.decode()
    assert NOTE_MARKER not in text and UNPUBLISHED_MARKER not in text
    assert "Fler lärare i skolan" in [reform["title"] for reform in response.json()["reforms"]]


def test_public_reform_page_hides_unpublished_evidence_and_notes(client, world, agenda):
    text = client.get(reverse("agenda:reform", args=[agenda.breakfast.pk])).content.decode()
    assert "genomförd" in text
    assert "Serveras sedan augusti." in text
    assert UNPUBLISHED_MARKER not in text  # its evidence is an unpublished decision
    text = client.get(reverse("agenda:reform", args=[agenda.school.pk])).content.decode()
    assert NOTE_MARKER not in text
    assert "Owner Testsson" not in text  # who changed it is internal


def test_report_shows_figures_in_swedish_format(client, world, agenda):
    text = client.get(reverse("agenda:report", args=[world.branch.pk, "2022-2026"])).content.decode()
    assert "+5,7\xa0%" in text
    assert "5\xa0939\xa0bostäder" in text
    assert "25,0\xa0%" in text  # Skola's progress, 1/4
    assert '<progress id="omrade-skola-framsteg" max="100" value="25.0"' in text
    assert "1 av 2 reformer genomförda" in text
    assert "Mål: 100\xa0lärare" in text


def test_report_latest_redirects_to_the_period(client, world, agenda):
    response = client.get(reverse("agenda:report_latest", args=[world.branch.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("agenda:report", args=[world.branch.pk, "2022-2026"])


def test_bad_period_is_404_and_private_organisation_is_404(client, world, agenda):
    assert client.get(f"/reformer/{world.branch.pk}/2022-2025/").status_code == 404
    assert client.get(reverse("agenda:report", args=[world.other_branch.pk, "2022-2026"])).status_code == 404
    assert client.get(reverse("agenda:feed", args=[world.other_branch.pk])).status_code == 404
    client.force_login(world.other_member)
    assert client.get(reverse("agenda:report", args=[world.other_branch.pk, "2022-2026"])).status_code == 200


def test_only_the_embed_may_be_framed(client, world, agenda):
    embed = client.get(reverse("agenda:embed", args=[world.branch.pk, "2022-2026"]))
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    report = client.get(reverse("agenda:report", args=[world.branch.pk, "2022-2026"]))
    assert report["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in report["Content-Security-Policy"]


def test_feed_is_atom_with_new_published_decisions(client, world, agenda):
    response = client.get(reverse("agenda:feed", args=[world.branch.pk]))
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert text.count("<entry>") == 1
    assert "<title>Budget 2024 med fler lärare</title>" in text
    assert "Kommunfullmäktige 2023-06-12 § 98" in text
    assert f"/reformer/{world.branch.pk}/2022-2026/#beslut-{agenda.budget.pk}" in text


def test_print_stylesheet_and_no_inline_styles(client, world, agenda):
    text = client.get(reverse("agenda:report", args=[world.branch.pk, "2022-2026"])).content.decode()
    assert "agenda/agenda.css" in text
    assert "style=" not in text
    from pathlib import Path

    import folkvald.agenda

    css = (Path(folkvald.agenda.__file__).parent / "static" / "agenda" / "agenda.css").read_text()
    assert "@media print" in css


def test_report_queries_do_not_grow_with_items(client, world, agenda, django_assert_max_num_queries):
    from folkvald.agenda.services import decision_create, reform_create

    url = reverse("agenda:report", args=[world.branch.pk, "2022-2026"])
    client.get(url)
    import datetime as dt

    for number in range(10):
        reform = reform_create(organisation=world.branch, title=f"R{number}", policy_area=f"Område {number}",
                               source_kind="agreement", agreement=agenda.agreement, is_published=True)
        decision_create(organisation=world.branch, date=dt.date(2023, 1, 1), body="council", title=f"B{number}",
                        reforms=[reform], is_published=True)
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


def test_each_period_has_its_own_report_and_the_newest_is_the_default(client, world, agenda):
    import datetime as dt

    from folkvald.agenda.services import decision_create, reform_create

    reform_create(organisation=world.branch, title="Gammal reform", policy_area="Vård", source_kind="manifesto",
                  period_start=2018, is_published=True)
    decision_create(organisation=world.branch, date=dt.date(2022, 10, 14), body="council", title="Sista beslutet",
                    policy_area="Vård", is_published=True)
    old = report_build(organisation=world.branch, period_start=2018)
    assert [area.name for area in old.areas] == ["Vård"]
    assert [d.title for d in old.decisions] == ["Sista beslutet"]  # 14 October 2022 still belongs to 2018–2022
    assert old.periods == [2022, 2018]
    text = client.get(reverse("agenda:report", args=[world.branch.pk, "2018-2022"])).content.decode()
    assert "Gammal reform" in text and "Fler lärare i skolan" not in text
    assert f'href="{reverse("agenda:report", args=[world.branch.pk, "2022-2026"])}"' in text
    response = client.get(reverse("agenda:report_latest", args=[world.branch.pk]))
    assert response["Location"].endswith("/2022-2026/")


def test_a_published_reform_of_an_unpublished_agreement_does_not_name_it(client, world, agenda):
    """The reform is public; the agreement it comes from is not yet: its title and id stay internal."""
    from folkvald.agenda.services import agreement_update

    agreement_update(agreement=agenda.agreement, title=f"Avtalsutkast {UNPUBLISHED_MARKER}", is_published=False)
    page = client.get(reverse("agenda:reform", args=[agenda.school.pk])).content.decode()
    assert "Fler lärare i skolan" in page
    assert UNPUBLISHED_MARKER not in page
    assert reverse("agenda:agreement", args=[agenda.agreement.pk]) not in page
    assert "<dt>Källa</dt><dd>Avtal</dd>" in page
    report = client.get(f"/api/v1/reports/{world.branch.pk}").json()
    school = next(r for area in report["areas"] for r in area["reforms"] if r["title"] == "Fler lärare i skolan")
    assert school["agreement_id"] is None
    assert UNPUBLISHED_MARKER not in str(report)
    client.force_login(world.member)
    page = client.get(reverse("agenda:reform", args=[agenda.school.pk])).content.decode()
    assert UNPUBLISHED_MARKER in page  # members see where it comes from

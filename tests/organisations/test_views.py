"""No internal page leaks: each named user gets exactly what they may see."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("username", "expected"),
    [("owner", 200), ("member", 200), ("outsider", 404), ("othermember", 404), ("assocmember", 404)],
)
def test_internal_overview_only_for_those_with_a_role(client, world, username, expected):
    client.force_login(getattr(world, {"othermember": "other_member", "assocmember": "association_member"}.get(username, username)))
    response = client.get(reverse("organisations:internal", args=[world.branch.pk]))
    assert response.status_code == expected
    if expected == 404:
        assert b"Testsson" not in response.content


def test_internal_page_redirects_anonymous_to_login(client, world):
    response = client.get(reverse("organisations:internal", args=[world.branch.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_public_page_shows_public_contacts_only(client, world):
    from folkvald.organisations.models import Person, Role

    contact = Person.objects.create(first_name="Pia", last_name="Kontakt", phone="070-private")
    Role.objects.create(person=contact, organisation=world.branch, kind="political_secretary",
                        is_public_contact=True, contact_phone="08-535 301 44", contact_email="pia@example.org")
    response = client.get(reverse("organisations:public", args=[world.branch.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Pia Kontakt" in content
    assert "08-535 301 44" in content
    assert "pia@example.org" in content
    assert "070-private" not in content
    assert "Member Testsson" not in content  # members are not public


def test_private_organisation_public_page_is_404_for_outsiders(client, world):
    client.force_login(world.outsider)
    assert client.get(reverse("organisations:public", args=[world.other_branch.pk])).status_code == 404
    client.force_login(world.other_member)
    assert client.get(reverse("organisations:public", args=[world.other_branch.pk])).status_code == 200


def test_home_lists_only_published_branches(client, world):
    content = client.get("/").content.decode()
    assert "S i Lund" in content
    assert "S i Malmö" not in content


def test_my_data_export_contains_roles(client, world):
    client.force_login(world.owner)
    data = client.get(reverse("organisations:my_data_export")).json()
    assert data["person"]["first_name"] == "Owner"
    assert data["roles"][0]["organisation"] == "S i Lund"
    assert data["roles"][0]["role"] == "political_secretary"


def test_leader_adds_and_ends_a_role(client, world):
    from folkvald.organisations.models import Role

    client.force_login(world.owner)
    url = reverse("organisations:role_add", args=[world.branch.pk])
    response = client.post(url, {"first_name": "Ny", "last_name": "Valarbetare", "kind": "volunteer",
                                 "start": "2026-01-01"})
    assert response.status_code == 302
    role = Role.objects.get(person__last_name="Valarbetare")
    assert role.organisation == world.branch and role.kind == "volunteer"
    response = client.post(reverse("organisations:role_end", args=[world.branch.pk, role.pk]), {"end": "2026-02-01"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert str(role.end) == "2026-02-01"


def test_bad_role_form_shows_errors_and_writes_nothing(client, world):
    from folkvald.organisations.models import Person

    client.force_login(world.owner)
    before = Person.objects.count()
    response = client.post(reverse("organisations:role_add", args=[world.branch.pk]),
                           {"first_name": "", "last_name": "X", "kind": "nonsense", "start": "inte ett datum"})
    assert response.status_code == 200
    assert Person.objects.count() == before


@pytest.mark.parametrize("who", ["member", "outsider", "other_member"])
def test_only_leaders_add_roles(client, world, who):
    client.force_login(getattr(world, who))
    url = reverse("organisations:role_add", args=[world.branch.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"first_name": "X", "last_name": "Y", "kind": "member", "start": "2026-01-01"}).status_code == 404


def test_the_pages_offer_each_level_its_own_actions(client, world):
    """The template compares the user's level with Level: a leader is offered what a member is not."""
    public = reverse("organisations:public", args=[world.branch.pk])
    internal = reverse("organisations:internal", args=[world.branch.pk])
    add_role = reverse("organisations:role_add", args=[world.branch.pk])
    assert "Intern översikt" not in client.get(public).content.decode()
    client.force_login(world.member)
    assert "Intern översikt" in client.get(public).content.decode()
    text = client.get(internal).content.decode()
    assert add_role not in text and "Avsluta" not in text
    client.force_login(world.owner)
    text = client.get(internal).content.decode()
    assert add_role in text and "Avsluta" in text

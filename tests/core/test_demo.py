"""`folkvald demo` loads the seeds on an empty database, every app included, and prints the sign-ins."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse


@pytest.mark.slow
def test_demo_loads_the_seeds_and_prints_sign_ins(db, client, monkeypatch):
    monkeypatch.setenv("PORT", "8123")  # the sign-in address is where `folkvald serve` will listen
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "Demodata inlästa." in text
    assert "Logga in på http://127.0.0.1:8123/konto/logga-in/ med lösenordet 'folkvald-demo' och:" in text
    for username in ("lund-sekreterare", "lund-valledare", "lund-valarbetare", "huddinge-sekreterare",
                     "huddinge-v-sekreterare", "malmo-ksordf", "stockholm-sekreterare", "admin"):
        assert username in text
    assert "folkvald-demo" in text

    from folkvald.organisations.models import Organisation, Role

    branches = set(Organisation.objects.filter(kind="branch", party__abbreviation="S").values_list("name", flat=True))
    assert branches == {
        "Socialdemokraterna i Lund", "Socialdemokraterna i Malmö",
        "Socialdemokraterna i Huddinge", "Socialdemokraterna i Stockholm",
    }
    assert Organisation.objects.filter(kind="association", parent__name="Socialdemokraterna i Malmö").count() >= 4
    huddinge_contacts = Role.objects.filter(
        is_public_contact=True, kind="political_secretary", organisation__municipality_id="0126"
    )
    assert huddinge_contacts.count() == 2  # S and V, as the Huddinge article ends

    # Every printed user signs in with the printed password, through the sign-in form.
    from django.contrib.auth import get_user_model

    printed = [line.split()[0] for line in text.split("och:\n", 1)[1].splitlines() if line.strip()]
    assert sorted(printed) == sorted(get_user_model().objects.values_list("username", flat=True))
    for username in printed:
        response = client.post(reverse("login"), {"username": username, "password": "folkvald-demo"})
        assert response.status_code == 302 and response["Location"] == reverse("organisations:overview"), username
        client.logout()

    # A demo user for each of the seeds' roles (political secretaries, group leaders and oppositionsråd,
    # the chair of the executive board, the campaign leadership, volunteers, members).
    for kind in ("political_secretary", "group_leader", "oppositionsrad", "executive_board_chair",
                 "campaign_leader", "volunteer", "member"):
        assert Role.objects.active().filter(kind=kind, person__user__isnull=False).exists(), kind
    assert Role.objects.active().get(kind="executive_board_chair", organisation__name="Socialdemokraterna i Malmö")
    # The other parties of those councils: every party with a seat is a party folkvald knows.
    from folkvald.councils.models import CouncilSeat

    seats = CouncilSeat.objects.filter(council__municipality_id__in=["1281", "1280", "0126", "0180"])
    assert seats.exists() and not seats.filter(party__isnull=True).exists()
    assert {"V", "MP", "M", "SD", "C", "L", "KD", "HP", "DP", "FNL"} <= set(
        seats.values_list("party__abbreviation", flat=True))

    # Loading again changes nothing.
    again = StringIO()
    call_command("demo", stdout=again)
    assert "finns redan" in again.getvalue()
    assert Organisation.objects.filter(kind="branch", party__abbreviation="S").count() == 4

"""`folkvald demo` loads the seeds on an empty database, every app included, and prints the sign-ins."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.slow
def test_demo_loads_the_seeds_and_prints_sign_ins(db):
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "Demodata inlästa." in text
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

    # Loading again changes nothing.
    again = StringIO()
    call_command("demo", stdout=again)
    assert "finns redan" in again.getvalue()
    assert Organisation.objects.filter(kind="branch", party__abbreviation="S").count() == 4

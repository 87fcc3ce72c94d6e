import datetime as dt

from django.contrib.auth import get_user_model

from folkvald.organisations.models import Person, Role
from folkvald.organisations.services import person_erase, person_export, reference_data_load


def test_reference_data_load_is_idempotent(db):
    from folkvald.organisations.models import Municipality, MunicipalityElectionFigures

    before = (Municipality.objects.count(), MunicipalityElectionFigures.objects.count())
    assert reference_data_load() == (21, 290)
    assert (Municipality.objects.count(), MunicipalityElectionFigures.objects.count()) == before


def test_export_holds_everything_about_the_person(world):
    person = Person.objects.get(user=world.owner)
    data = person_export(person=person)
    assert data["person"]["first_name"] == "Owner"
    assert data["user"] == {"username": "owner"}
    assert [role["role"] for role in data["roles"]] == ["political_secretary"]


def test_erase_removes_personal_data_and_sign_in_but_keeps_the_role_count(world):
    person = Person.objects.get(user=world.owner)
    person.email, person.phone = "owner@example.org", "070-000"
    person.save(update_fields=["email", "phone"])
    Role.objects.filter(person=person).update(is_public_contact=True, contact_email="x@example.org")
    person_erase(person=person)
    person.refresh_from_db()
    assert person.first_name == "Raderad"
    assert "Owner" not in person.full_name
    assert person.email == "" and person.phone == "" and person.user is None
    assert person.erased is not None and person.erased.date() <= dt.date.today()
    assert not get_user_model().objects.filter(username="owner").exists()
    role = Role.objects.get(person=person)
    assert role.contact_email == "" and not role.is_public_contact
    assert not Role.history.filter(contact_email="x@example.org").exists()

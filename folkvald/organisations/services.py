"""Writes for organisations and people: reference data, export and erasure of personal data."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from django.db import transaction
from django.utils import timezone

from folkvald.organisations.models import (
    County,
    Municipality,
    MunicipalityElectionFigures,
    Party,
    PartyAbbreviation,
    Person,
)

POPULATION_YEAR = 2024


def _data(name: str) -> Any:
    return json.loads(resources.files("folkvald.organisations").joinpath("data", name).read_text("utf-8"))


@transaction.atomic
def reference_data_load() -> tuple[int, int]:
    """Load the 21 counties and 290 municipalities from the official figures; idempotent."""
    counties = _data("lan.json")
    for county in counties:
        County.objects.update_or_create(code=county["code"], defaults={"name": county["name"]})
    municipalities = _data("kommuner.json")
    for item in municipalities:
        municipality, _created = Municipality.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "county_id": item["lan_code"],
                "population": item["population_2024"],
                "population_year": POPULATION_YEAR,
            },
        )
        for year, voters in item["eligible_voters"].items():
            MunicipalityElectionFigures.objects.update_or_create(
                municipality=municipality,
                year=int(year),
                defaults={
                    "eligible_voters": voters,
                    "council_seats": item["seats_total"][year],
                    "divided": item["divided"][year],
                },
            )
    return len(counties), len(municipalities)


@transaction.atomic
def parties_load() -> int:
    """The parliamentary parties and the seeds' local parties, as Valmyndigheten names them."""
    items = _data("parties.json")
    for item in items:
        party, _created = Party.objects.update_or_create(
            abbreviation=item["abbreviation"],
            defaults={
                "name": item["name"],
                "colour": item["colour"],
                "municipality_id": item["municipality"],
            },
        )
        for alias in item["abbreviations"]:
            PartyAbbreviation.objects.get_or_create(
                party=party,
                abbreviation=alias["abbreviation"],
                first_year=alias.get("first_year"),
                last_year=alias.get("last_year"),
            )
    return len(items)


def person_export(*, person: Person) -> dict[str, Any]:
    """Everything folkvald holds about a person, for a GDPR access request (art. 15 and 20)."""
    return {
        "person": {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "created": person.created.isoformat(),
        },
        "roles": [
            {
                "organisation": role.organisation.name,
                "role": role.kind,
                "title": role.title,
                "start": role.start.isoformat(),
                "end": role.end.isoformat() if role.end else None,
                "public_contact": role.is_public_contact,
                "contact_phone": role.contact_phone,
                "contact_email": role.contact_email,
            }
            for role in person.roles.select_related("organisation")
        ],
        "user": {"username": person.user.get_username()} if person.user else None,
    }


@transaction.atomic
def person_erase(*, person: Person) -> None:
    """Erase a person's personal data (art. 17) while keeping counts that do not identify them."""
    person.first_name = "Raderad"
    person.last_name = f"person {person.pk}"
    person.email = ""
    person.phone = ""
    person.erased = timezone.now()
    user = person.user
    person.user = None
    person.save(update_fields=["first_name", "last_name", "email", "phone", "erased", "user"])
    person.roles.update(contact_phone="", contact_email="", is_public_contact=False)
    for role in person.roles.all():
        role.history.all().delete()
    if user is not None:
        user.delete()


@transaction.atomic
def role_create(
    *,
    organisation,
    first_name: str,
    last_name: str,
    kind: str,
    start,
    email: str = "",
    phone: str = "",
    title: str = "",
    is_public_contact: bool = False,
    contact_phone: str = "",
    contact_email: str = "",
    person: Person | None = None,
):
    """Give a person (new, or existing) a role in an organisation from a date."""
    from folkvald.organisations.models import Role

    if person is None:
        person = Person.objects.create(first_name=first_name, last_name=last_name, email=email, phone=phone)
    return Role.objects.create(
        person=person,
        organisation=organisation,
        kind=kind,
        title=title,
        start=start,
        is_public_contact=is_public_contact,
        contact_phone=contact_phone,
        contact_email=contact_email,
    )


def role_end(*, role, end) -> None:
    """A role ends; its history stays."""
    role.end = max(end, role.start)
    role.save(update_fields=["end"])

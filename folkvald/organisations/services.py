"""Writes for organisations and people: reference data, export and erasure of personal data."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
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


def _app_hooks(action: str) -> list[tuple[str, Callable[..., Any]]]:
    """The other apps' own ``person_<label>_<action>`` in their services (policy: ``person_policy_export``).

    The organisations app knows nothing of the apps built on it; an app that holds personal
    data of its own kind offers these two functions and is found here by name.
    """
    hooks = []
    for config in django_apps.get_app_configs():
        if not config.name.startswith("folkvald.") or config.label == "organisations":
            continue
        try:
            module = importlib.import_module(f"{config.name}.services")
        except ModuleNotFoundError:
            continue
        hook = getattr(module, f"person_{config.label}_{action}", None)
        if callable(hook):
            hooks.append((config.label, hook))
    return hooks


def person_links() -> list[tuple[type[models.Model], str, bool]]:
    """(model, field, to_user) for every field of another app that points at a Person or a user."""
    User = get_user_model()
    links = []
    for model in django_apps.get_models():
        if model._meta.app_label in ("organisations", "auth") or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if getattr(field, "concrete", False) and field.is_relation and field.related_model in (Person, User):
                links.append((model, field.name, field.related_model is User))
    return links


def _row(row: models.Model) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in row._meta.concrete_fields:
        if field.is_relation:
            related = getattr(row, field.name)
            out[field.name] = str(related) if related is not None else None
        else:
            out[field.name] = field.value_from_object(row)
    return out


def person_records(*, person: Person) -> dict[str, list[dict[str, Any]]]:
    """Every row, in any app without an export of its own, that points at the person or their sign-in."""
    own = {label for label, _hook in _app_hooks("export")}
    records: dict[str, list[dict[str, Any]]] = {}
    for model, name, to_user in person_links():
        if model._meta.app_label in own:
            continue
        target = person.user if to_user else person
        if target is None:
            continue
        rows = [_row(row) for row in model._default_manager.filter(**{name: target}).distinct().order_by("pk")]
        if rows:
            records.setdefault(model._meta.label, []).extend(rows)
    return records


def person_export(*, person: Person) -> dict[str, Any]:
    """Everything folkvald holds about a person, in every app, for an access request (art. 15 and 20).

    Apps with an export of their own (``person_<label>_export``) give their section; every other
    row that points at the person is listed field by field, so a new model is never left out.
    """
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
        "apps": {label: hook(person=person) for label, hook in _app_hooks("export")},
        "records": person_records(person=person),
    }


@transaction.atomic
def person_erase(*, person: Person) -> None:
    """Erase a person's personal data (art. 17) in every app, keeping counts that do not identify them.

    The other apps' ``person_<label>_erase`` run first, while the e-mail address they may look
    for is still there; then the name, contact details, role history and the sign-in go.
    """
    for _label, hook in _app_hooks("erase"):
        hook(person=person)
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
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        for log in (AccessAttempt, AccessLog, AccessFailureLog):  # sign-in attempts hold the address too
            log.objects.filter(username=user.get_username()).delete()
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

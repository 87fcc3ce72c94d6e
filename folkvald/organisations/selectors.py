"""Reads for organisations, people and roles."""

from __future__ import annotations

from django.db.models import QuerySet

from folkvald.organisations.models import (
    Municipality,
    Organisation,
    Party,
    PartyAbbreviation,
    Person,
    Role,
)
from folkvald.organisations.permissions import AnyUser, internal_organisation_ids


def organisation_public_contacts(*, organisation: Organisation) -> QuerySet[Role]:
    return (
        Role.objects.active()
        .filter(organisation=organisation, is_public_contact=True)
        .select_related("person")
        .order_by("person__last_name")
    )


def organisation_public_offices(*, organisation: Organisation) -> QuerySet[Role]:
    from folkvald.organisations.models import PUBLIC_OFFICES

    return (
        Role.objects.active()
        .filter(organisation=organisation, kind__in=PUBLIC_OFFICES)
        .select_related("person")
    )


def organisation_roles(*, organisation: Organisation) -> QuerySet[Role]:
    return Role.objects.active().filter(organisation=organisation).select_related("person")


def organisation_children(*, organisation: Organisation, user: AnyUser) -> QuerySet[Organisation]:
    children = organisation.children.select_related("party", "municipality")
    internal = internal_organisation_ids(user)
    if internal is None:
        return children
    from django.db.models import Q

    return children.filter(Q(is_public=True) | Q(pk__in=internal))


def user_organisations(*, user: AnyUser) -> QuerySet[Organisation]:
    internal = internal_organisation_ids(user)
    queryset = Organisation.objects.select_related("party", "municipality")
    if internal is None:
        return queryset.filter(kind="branch")
    return queryset.filter(pk__in=internal)


def person_for_user(*, user: AnyUser) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def party_for_abbreviation(*, abbreviation: str, year: int | None = None) -> Party | None:
    """The party behind an abbreviation in official results of a year (FP in 2014 is L)."""
    aliases = PartyAbbreviation.objects.filter(abbreviation__iexact=abbreviation).select_related("party")
    for alias in aliases:
        if year is None or (
            (alias.first_year is None or alias.first_year <= year)
            and (alias.last_year is None or year <= alias.last_year)
        ):
            return alias.party
    return Party.objects.filter(abbreviation__iexact=abbreviation).first()


def municipalities(*, county: str | None = None) -> QuerySet[Municipality]:
    """The 290 municipalities with their county and election figures: public reference data."""
    queryset = Municipality.objects.select_related("county").prefetch_related("election_figures")
    return queryset.filter(county_id=county) if county else queryset

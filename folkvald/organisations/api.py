"""Organisations and municipalities in the public JSON API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from folkvald.organisations import selectors
from folkvald.organisations.permissions import Level, access_organisation, visible_organisations

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    party_abbreviation: str
    municipality_code: str | None
    parent_id: int | None


class ContactOut(Schema):
    name: str
    role: str
    phone: str
    email: str


class OrganisationDetailOut(OrganisationOut):
    theme: str
    description: str
    website: str
    contacts: list[ContactOut]


class MunicipalityOut(Schema):
    code: str
    name: str
    county_code: str
    county: str
    population: int
    population_year: int
    eligible_voters: int | None
    eligible_voters_year: int | None


def _organisation_out(organisation) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "party_abbreviation": organisation.party.abbreviation,
        "municipality_code": organisation.municipality_id,
        "parent_id": organisation.parent_id,
    }


@router.get("/organisations", response=list[OrganisationOut], summary="Organisations you may see")
def list_organisations(
    request: HttpRequest, kind: str | None = None, municipality: str | None = None
) -> list[dict]:
    organisations = visible_organisations(request.user).order_by("pk")
    if kind:
        organisations = organisations.filter(kind=kind)
    if municipality:
        organisations = organisations.filter(municipality_id=municipality)
    return [_organisation_out(organisation) for organisation in organisations]


@router.get("/organisations/{organisation_id}", response=OrganisationDetailOut)
def get_organisation(request: HttpRequest, organisation_id: int) -> dict:
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    contacts = [
        {
            "name": role.person.full_name,
            "role": role.display_title,
            "phone": role.contact_phone,
            "email": role.contact_email,
        }
        for role in selectors.organisation_public_contacts(organisation=organisation)
    ]
    return {
        **_organisation_out(organisation),
        "theme": organisation.theme,
        "description": organisation.description,
        "website": organisation.website,
        "contacts": contacts,
    }


@router.get("/municipalities", response=list[MunicipalityOut], summary="The 290 municipalities")
def list_municipalities(request: HttpRequest, county: str | None = None) -> list[dict]:
    out = []
    for municipality in selectors.municipalities(county=county):
        figures = max(municipality.election_figures.all(), key=lambda f: f.year, default=None)
        out.append(
            {
                "code": municipality.code,
                "name": municipality.name,
                "county_code": municipality.county_id,
                "county": municipality.county.name,
                "population": municipality.population,
                "population_year": municipality.population_year,
                "eligible_voters": figures.eligible_voters if figures else None,
                "eligible_voters_year": figures.year if figures else None,
            }
        )
    return out

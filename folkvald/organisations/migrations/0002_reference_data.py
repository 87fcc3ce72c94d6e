"""Load the counties, municipalities (with eligible voters per election) and parties from the official figures."""

import json
from importlib import resources

from django.db import migrations


def _data(name):
    return json.loads(resources.files("folkvald.organisations").joinpath("data", name).read_text("utf-8"))


def load(apps, schema_editor):
    County = apps.get_model("organisations", "County")
    Municipality = apps.get_model("organisations", "Municipality")
    Figures = apps.get_model("organisations", "MunicipalityElectionFigures")
    Party = apps.get_model("organisations", "Party")
    PartyAbbreviation = apps.get_model("organisations", "PartyAbbreviation")
    for county in _data("lan.json"):
        County.objects.update_or_create(code=county["code"], defaults={"name": county["name"]})
    for item in _data("kommuner.json"):
        municipality, _ = Municipality.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "county_id": item["lan_code"],
                "population": item["population_2024"],
                "population_year": 2024,
            },
        )
        for year, voters in item["eligible_voters"].items():
            Figures.objects.update_or_create(
                municipality=municipality,
                year=int(year),
                defaults={
                    "eligible_voters": voters,
                    "council_seats": item["seats_total"][year],
                    "divided": item["divided"][year],
                },
            )
    for item in _data("parties.json"):
        party, _ = Party.objects.update_or_create(
            abbreviation=item["abbreviation"],
            defaults={"name": item["name"], "colour": item["colour"], "municipality_id": item["municipality"]},
        )
        for alias in item["abbreviations"]:
            PartyAbbreviation.objects.get_or_create(
                party=party,
                abbreviation=alias["abbreviation"],
                first_year=alias.get("first_year"),
                last_year=alias.get("last_year"),
            )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""A campaign on the `world` of tests/conftest.py: owned by world.national, running through Lund (world.branch)."""

from __future__ import annotations

import datetime as dt

import pytest

from folkvald.campaigns import services


@pytest.fixture
def campaign(world):
    return services.campaign_create(
        organisation=world.national, name="Samtalskampanjen", start=dt.date(2014, 1, 1), end=dt.date(2014, 9, 14),
        national_target=1_500_000, topics=["skola", "vård", "jobb"], is_public=True,
    )


@pytest.fixture
def private_campaign(world):
    """A branch's own internal campaign: nobody outside Lund may learn of it."""
    return services.campaign_create(
        organisation=world.branch, name="Hemlig intern kampanj", start=dt.date(2014, 1, 1),
        end=dt.date(2014, 9, 14), national_target=5_000, topics=["skola"], is_public=False,
    )


def report_payload(organisation, **extra):
    payload = {
        "organisation": organisation.pk, "date": "2014-05-03", "place": "Stationen", "activity": "street_stall",
        "conversations": 12, "topics": ["skola", "jobb"], "note": "",
    }
    payload.update(extra)
    return payload

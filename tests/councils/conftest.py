"""Councils of the seeds, entered by hand as the official figures give them (seat-rules.md §7)."""

from __future__ import annotations

import pytest

from folkvald.councils.services import committee_create, council_create
from folkvald.organisations.models import Municipality

HUDDINGE_2022 = {"S": 18, "M": 13, "SD": 8, "V": 6, "C": 4, "DP": 3, "L": 3, "MP": 2, "KD": 2, "HP": 2}
LUND_2014 = {"S": 15, "M": 13, "MP": 9, "FP": 7, "V": 5, "SD": 5, "FNL": 4, "C": 3, "KD": 2, "FI": 2}
MITTEN_V = {"label": "S+C+MP+HP+V", "parties": ["S", "C", "MP", "HP", "V"], "order": ["S", "C", "S", "MP", "S", "HP", "V"]}


@pytest.fixture
def huddinge(db):
    council = council_create(
        municipality=Municipality.objects.get(code="0126"),
        period_start=2022,
        seats=HUDDINGE_2022,
        governing_name="Mittenstyret",
        governing=["S", "C", "MP", "HP"],
        support=["V"],
        order=["V", "S", "MP", "HP", "C", "DP", "L", "M", "KD", "SD"],
    )
    committee_create(council=council, name="Nämnd elva", places=11)
    committee_create(council=council, name="Kommunstyrelsen", places=13)
    return council


@pytest.fixture
def lund(db):
    return council_create(
        municipality=Municipality.objects.get(code="1281"),
        period_start=2014,
        seats=LUND_2014,
        order=["FI", "V", "S", "MP", "C", "FP", "FNL", "M", "KD", "SD"],
    )

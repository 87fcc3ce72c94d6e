"""The demo reproduces the Malmö seed (001): six groups named as the article names them, each with a
chair, three members and a secretary; three secretaries serving two groups each (1 & 4, 2 & 5, 3 & 6);
a steering group; the deadlines September 2024, February 2025 and autumn 2025; people fictional."""

import datetime as dt
from pathlib import Path

import pytest

from folkvald.organisations.demo import DemoContext
from folkvald.organisations.demo import load as load_organisations
from folkvald.policy.demo import load
from folkvald.policy.models import (
    BoardDecision,
    Deliverable,
    Event,
    GroupMembership,
    Motion,
    MotionStatus,
    WorkingGroup,
)

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "001_14e622d4e40a1924.txt"

# As the article lists them, in its order.
SEED_GROUPS = [
    "Arbete och tillväxt för ökad jämlikhet",
    "Alla ska ha tillgång till en god välfärd och hälsa",
    "En stad som byggs för vanligt folk",
    "Barn och unga ska ges förutsättningar att växa",
    "En stad som håller ihop",
    "Rättvis klimatomställning och billig el",
]
# Every name the article gives (Fakta arbetsgrupperna, and the people quoted); none may appear in the demo.
SEED_PEOPLE = [
    "Martin Nordin", "Marie Granlund", "Markus Kristiansson", "Bilar Kassem", "Oscar Rauer",
    "Rose-Marie Carlsson", "Nihad Pasalic", "Olga Roos", "Daniel Hedén", "Bahhar Mohammadi Norén",
    "Shler Bradostin", "Arwin Sohrabi", "Christian Jönsson", "Sara Mellander", "Edvina Palmcrantz",
    "Ali Reza Yakhdani", "Sedat Arif", "Sanna Axelsson", "Margot Olsson", "Anders Rubin", "Hanna Jokel",
    "Nadjam Malik", "Linda Attin", "Hanna Sandberg", "Anders Malmström", "Sofia Hedén", "Daniel Wolski",
    "Arian Ratkoceri", "Katrin Stjernfeldt Jammeh",
]


@pytest.fixture
def demo(db):
    context = DemoContext()
    load_organisations(context)
    load(context)
    return context


def test_the_seed_lists_these_groups():
    text = SEED.read_text("utf-8") if SEED.exists() else None
    if text is None:
        pytest.fail(f"seed missing: {SEED}")
    for name in SEED_GROUPS:
        assert name in text


def _check_six_working_groups_under_the_vision_and_a_steering_group(demo):
    malmo = demo.organisations["malmo"]
    groups = list(WorkingGroup.objects.filter(organisation=malmo, kind="working").order_by("position"))
    assert [group.name for group in groups] == SEED_GROUPS
    assert {group.programme.name for group in groups} == {"En ny progressiv vision för Malmö"}
    steering = WorkingGroup.objects.get(organisation=malmo, kind="steering")
    assert "Valledningen" in steering.name
    assert steering.memberships.filter(person=demo.people["malmo_project"]).exists()


def _check_each_group_has_a_chair_three_members_and_a_secretary(demo):
    groups = WorkingGroup.objects.filter(organisation=demo.organisations["malmo"], kind="working")
    chairs, members, secretaries = set(), set(), {}
    for group in groups:
        roles = list(group.memberships.values_list("role", "person_id"))
        assert sorted(role for role, _ in roles) == ["chair", "member", "member", "member", "secretary"]
        chairs |= {pid for role, pid in roles if role == "chair"}
        members |= {pid for role, pid in roles if role == "member"}
        for role, pid in roles:
            if role == "secretary":
                secretaries.setdefault(pid, []).append(group.position)
    assert len(chairs) == 6
    assert len(members) == 18
    assert len(secretaries) == 3
    # The article's pairing: groups 1 and 4, 2 and 5, 3 and 6 share a secretary.
    assert sorted(sorted(positions) for positions in secretaries.values()) == [[1, 4], [2, 5], [3, 6]]


def _check_people_are_fictional(demo):
    names = {m.person.full_name for m in GroupMembership.objects.select_related("person")}
    assert len(names) == 6 + 18 + 3 + 4  # the steering group adds four
    for real in SEED_PEOPLE:
        assert real not in names


def _check_deadlines_of_the_article(demo):
    malmo = demo.organisations["malmo"]
    deadlines = Deliverable.objects.filter(group__organisation=malmo)
    months = {(d.deadline.year, d.deadline.month) for d in deadlines}
    assert {(2024, 9), (2025, 2)} <= months
    autumn = deadlines.filter(deadline__year=2025, deadline__month__gte=9)
    assert autumn.filter(title__icontains="valet 2026").exists()
    september = deadlines.filter(deadline__year=2024, deadline__month=9)
    assert september.count() == 6
    assert all("Göteborg 2025" in d.title for d in september)


def _check_events_and_a_decided_motion(demo):
    malmo = demo.organisations["malmo"]
    kinds = set(Event.objects.filter(organisation=malmo).values_list("kind", flat=True))
    assert {"seminar", "town_hall", "garden_party", "may_day", "consultation"} <= kinds
    may_day = Event.objects.get(organisation=malmo, kind="may_day")
    assert may_day.starts_at.date() == dt.date(2024, 5, 1)
    motion = Motion.objects.get(organisation=malmo, group__name=SEED_GROUPS[0])
    assert motion.decision == BoardDecision.ADOPT
    assert motion.status == MotionStatus.SENT
    assert motion.congress == "Partikongressen i Göteborg 2025"
    assert motion.versions.count() == 2


def _check_demo_chair_can_sign_in(demo):
    chair = demo.people["malmo_wg1_chair"]
    assert chair.user.username == "malmo-arbetsgrupp"
    assert GroupMembership.objects.get(person=chair).role == "chair"
    assert any(user.username == "malmo-arbetsgrupp" for user in demo.users)


def test_demo_loads_on_an_empty_database_and_reproduces_the_malmo_seed(demo):
    """One load (it takes seconds), every check of the seed's structure."""
    _check_six_working_groups_under_the_vision_and_a_steering_group(demo)
    _check_each_group_has_a_chair_three_members_and_a_secretary(demo)
    _check_people_are_fictional(demo)
    _check_deadlines_of_the_article(demo)
    _check_events_and_a_decided_motion(demo)
    _check_demo_chair_can_sign_in(demo)

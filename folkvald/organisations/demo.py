"""The seeds' organisations as demo data: S in Lund, Malmö, Huddinge and Stockholm, and more.

Everyone here is fictional. Each app's ``demo.load(context)`` runs after this and
finds what it needs in the :class:`DemoContext`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from folkvald.organisations.models import (
    Organisation,
    OrganisationKind,
    Party,
    Person,
    Role,
    RoleKind,
)
from folkvald.organisations.services import parties_load, reference_data_load

DEMO_PASSWORD = "folkvald-demo"  # noqa: S105 - printed for the demo on purpose


@dataclass
class DemoUser:
    username: str
    description: str


@dataclass
class DemoContext:
    parties: dict[str, Party] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    users: list[DemoUser] = field(default_factory=list)

    def person(
        self,
        key: str,
        first_name: str,
        last_name: str,
        *,
        username: str | None = None,
        description: str = "",
        email: str = "",
    ) -> Person:
        """A fictional person, with a sign-in when a username is given."""
        user = None
        if username:
            User = get_user_model()
            user = User.objects.create_user(username=username, password=DEMO_PASSWORD, email=email)
            self.users.append(DemoUser(username, description))
        person = Person.objects.create(first_name=first_name, last_name=last_name, email=email, user=user)
        self.people[key] = person
        return person

    def role(self, person_key: str, organisation_key: str, kind: str, **extra: object) -> Role:
        extra.setdefault("start", dt.date(2022, 10, 15))
        return Role.objects.create(
            person=self.people[person_key], organisation=self.organisations[organisation_key], kind=kind, **extra
        )

    def organisation(self, key: str, **fields: object) -> Organisation:
        organisation = Organisation.objects.create(**fields)
        self.organisations[key] = organisation
        return organisation


@transaction.atomic
def load(context: DemoContext) -> None:
    reference_data_load()
    parties_load()
    context.parties = {party.abbreviation: party for party in Party.objects.all()}
    s = context.parties["S"]
    org = context.organisation
    org("s", name="Socialdemokraterna", kind=OrganisationKind.PARTY, party=s)
    org("skane", name="Skånes partidistrikt", kind=OrganisationKind.DISTRICT, party=s,
        parent=context.organisations["s"], county_id="12")
    org("stockholms_lan", name="Stockholms läns partidistrikt", kind=OrganisationKind.DISTRICT, party=s,
        parent=context.organisations["s"], county_id="01")
    org("stockholm_district", name="Stockholms partidistrikt", kind=OrganisationKind.DISTRICT, party=s,
        parent=context.organisations["s"], county_id="01")
    org("lund", name="Socialdemokraterna i Lund", kind=OrganisationKind.BRANCH, party=s,
        parent=context.organisations["skane"], municipality_id="1281",
        description="Lunds arbetarekommun.")
    org("malmo", name="Socialdemokraterna i Malmö", kind=OrganisationKind.BRANCH, party=s,
        parent=context.organisations["skane"], municipality_id="1280",
        description="Malmö arbetarekommun, med ett 50-tal S-föreningar.")
    org("huddinge", name="Socialdemokraterna i Huddinge", kind=OrganisationKind.BRANCH, party=s,
        parent=context.organisations["stockholms_lan"], municipality_id="0126",
        description="Huddinge arbetarekommun.")
    org("stockholm", name="Socialdemokraterna i Stockholm", kind=OrganisationKind.BRANCH, party=s,
        parent=context.organisations["stockholm_district"], municipality_id="0180",
        description="Stockholms arbetarekommun.")
    associations = [
        ("lund_centrum", "lund", "S-föreningen Lund Centrum", "Centrum"),
        ("lund_norr", "lund", "S-föreningen Norra Fäladen", "Norra Fäladen"),
        ("lund_international", "lund", "Internationella S-föreningen i Lund", "Internationell"),
        ("lund_students", "lund", "S-studenter Lund", "Studenter"),
        ("malmo_centrum", "malmo", "S-föreningen Malmö Centrum", "Centrum"),
        ("malmo_rosengard", "malmo", "S-föreningen Rosengård", "Rosengård"),
        ("malmo_limhamn", "malmo", "S-föreningen Limhamn-Bunkeflo", "Limhamn-Bunkeflo"),
        ("malmo_women", "malmo", "S-kvinnor Malmö", "Kvinnoklubb"),
        ("malmo_international", "malmo", "Internationella S-föreningen i Malmö", "Internationell"),
        ("huddinge_flemingsberg", "huddinge", "S-föreningen Flemingsberg", "Flemingsberg"),
        ("stockholm_jarva", "stockholm", "S-föreningen Järva", "Järva"),
    ]
    for key, parent, name, theme in associations:
        org(key, name=name, kind=OrganisationKind.ASSOCIATION, party=s,
            parent=context.organisations[parent], theme=theme)
    # Other parties in the seeds' councils; private from S and from each other.
    org("huddinge_v", name="Vänsterpartiet Huddinge", kind=OrganisationKind.BRANCH,
        party=context.parties["V"], municipality_id="0126")
    org("lund_mp", name="Miljöpartiet i Lund", kind=OrganisationKind.BRANCH,
        party=context.parties["MP"], municipality_id="1281")

    person, role = context.person, context.role
    User = get_user_model()
    User.objects.create_superuser(username="admin", password=DEMO_PASSWORD, email="admin@example.org")
    context.users.append(DemoUser("admin", "administratör (Django admin, ser allt)"))

    # Lund 2014: oppositionsråd, political secretary, campaign leadership, volunteers.
    person("lund_leader", "Annika", "Holmqvist", username="lund-gruppledare",
           description="Lund: oppositionsråd och gruppledare")
    role("lund_leader", "lund", RoleKind.OPPOSITIONSRAD, start=dt.date(2010, 10, 15))
    role("lund_leader", "lund", RoleKind.GROUP_LEADER, start=dt.date(2010, 10, 15))
    person("lund_secretary", "Daniel", "Ekberg", username="lund-sekreterare",
           description="Lund: politisk sekreterare (leder organisationen)")
    role("lund_secretary", "lund", RoleKind.POLITICAL_SECRETARY, start=dt.date(2012, 1, 1),
         is_public_contact=True, contact_phone="046-35 50 00", contact_email="politisk.sekreterare@example.org")
    person("lund_campaign", "Karin", "Westberg", username="lund-valledare",
           description="Lund: valledare (samtalskampanjen)")
    role("lund_campaign", "lund", RoleKind.CAMPAIGN_LEADER, start=dt.date(2013, 6, 1))
    person("lund_volunteer", "Omar", "Haddad", username="lund-valarbetare",
           description="Lund: valarbetare i Internationella S-föreningen")
    role("lund_volunteer", "lund_international", RoleKind.VOLUNTEER, start=dt.date(2014, 1, 1))
    role("lund_volunteer", "lund", RoleKind.MEMBER, start=dt.date(2014, 1, 1))
    person("lund_member", "Lisa", "Berglund", username="lund-medlem",
           description="Lund: medlem i S-föreningen Lund Centrum")
    role("lund_member", "lund_centrum", RoleKind.MEMBER, start=dt.date(2013, 1, 1))

    # Malmö 2024: the chair of the executive board, the project leader of the vision work.
    person("malmo_ks_chair", "Maria", "Lindgren", username="malmo-ksordf",
           description="Malmö: kommunstyrelsens ordförande")
    role("malmo_ks_chair", "malmo", RoleKind.BOARD_CHAIR, start=dt.date(2022, 10, 15))
    person("malmo_project", "Samir", "Aziz", username="malmo-projektledare",
           description="Malmö: projektledare för visionsarbetet (styrgruppen)")
    role("malmo_project", "malmo", RoleKind.PROJECT_LEADER, start=dt.date(2024, 1, 1))
    role("malmo_project", "malmo", RoleKind.BOARD_MEMBER, start=dt.date(2024, 1, 1))
    person("malmo_secretary", "Eva", "Lundström", username="malmo-sekreterare",
           description="Malmö: politisk sekreterare")
    role("malmo_secretary", "malmo", RoleKind.POLITICAL_SECRETARY, start=dt.date(2022, 1, 1),
         is_public_contact=True, contact_phone="040-34 10 00", contact_email="malmo.sekreterare@example.org")

    # Huddinge 2022: two political secretaries are the public contacts (S and V).
    person("huddinge_ks_chair", "Sofia", "Engström", username="huddinge-ksordf",
           description="Huddinge: tillträdande kommunstyrelsens ordförande")
    role("huddinge_ks_chair", "huddinge", RoleKind.BOARD_CHAIR)
    role("huddinge_ks_chair", "huddinge", RoleKind.GROUP_LEADER)
    person("huddinge_secretary", "Leyla", "Karaman", username="huddinge-sekreterare",
           description="Huddinge: politisk sekreterare (S)")
    role("huddinge_secretary", "huddinge", RoleKind.POLITICAL_SECRETARY, is_public_contact=True,
         contact_phone="08-535 300 00", contact_email="s.sekreterare@example.org")
    person("huddinge_v_leader", "Nora", "Demir", username="huddinge-v-gruppledare",
           description="Huddinge: gruppledare och oppositionsråd (V)")
    role("huddinge_v_leader", "huddinge_v", RoleKind.GROUP_LEADER)
    role("huddinge_v_leader", "huddinge_v", RoleKind.OPPOSITIONSRAD)
    person("huddinge_v_secretary", "Jonatan", "Lind", username="huddinge-v-sekreterare",
           description="Huddinge: politisk sekreterare (V)")
    role("huddinge_v_secretary", "huddinge_v", RoleKind.POLITICAL_SECRETARY, is_public_contact=True,
         contact_phone="073-000 00 00", contact_email="v.sekreterare@example.org")

    # Stockholm 2023: the political secretary who keeps the reform report.
    person("stockholm_secretary", "Johanna", "Nyberg", username="stockholm-sekreterare",
           description="Stockholm: politisk sekreterare (reformrapporten)")
    role("stockholm_secretary", "stockholm", RoleKind.POLITICAL_SECRETARY, start=dt.date(2022, 10, 15),
         is_public_contact=True, contact_phone="08-508 290 00", contact_email="stockholm.sekreterare@example.org")

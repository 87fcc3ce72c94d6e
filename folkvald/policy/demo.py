"""Demo data of the policy app: Malmö's vision work of 2024 (seed 001), with fictional people.

The structure is the seed's: a programme (a new vision for Malmö), the campaign leadership
(valledningen) as steering group, six working groups named as the article names them, each with a
chair, three members and a secretary, where three secretaries serve two groups each (groups 1 and
4, 2 and 5, 3 and 6, as in the article); deadlines in September 2024 (the first part, including
motions to the 2025 congress in Göteborg), February 2025 (an analysis with concrete proposals) and
autumn 2025 (the line for the 2026 election); outreach events; a members' consultation; a motion
drafted by a group and decided by the branch board. Every person here is invented.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from folkvald.organisations.demo import DemoContext
from folkvald.organisations.models import RoleKind
from folkvald.policy import services
from folkvald.policy.models import (
    BoardDecision,
    DeliverableStatus,
    EventKind,
    GroupKind,
    MemberRole,
    QuestionKind,
    RegistrationMode,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
START = dt.date(2024, 2, 6)
CONGRESS = "Partikongressen i Göteborg 2025"

#: The six groups, in the article's order, with keywords for what voters raised on each area.
GROUPS = [
    ("Arbete och tillväxt för ökad jämlikhet", "Arbete och näringsliv",
     "jobb, arbete, arbetslöshet, tillväxt, företag, försörjningsstöd"),
    ("Alla ska ha tillgång till en god välfärd och hälsa", "Välfärd och hälsa",
     "vård, välfärd, hälsa, äldreomsorg, sjukvård"),
    ("En stad som byggs för vanligt folk", "Bostäder och stadsbyggnad",
     "bostäder, bostad, hyror, hyra, stadsplanering"),
    ("Barn och unga ska ges förutsättningar att växa", "Barn, unga och skola",
     "skola, barn, unga, förskola, fritid"),
    ("En stad som håller ihop", "Trygghet och sammanhållning",
     "trygghet, segregation, brott, sammanhållning, integration"),
    ("Rättvis klimatomställning och billig el", "Klimat och energi",
     "klimat, miljö, el, elpris, energi, kollektivtrafik"),
]

#: Fictional people: (key, first name, last name) for each group's chair and three members.
CHAIRS = [
    ("malmo_wg1_chair", "Jonas", "Berg"),
    ("malmo_wg2_chair", "Ingrid", "Falk"),
    ("malmo_wg3_chair", "Tobias", "Wikström"),
    ("malmo_wg4_chair", "Reza", "Moradi"),
    ("malmo_wg5_chair", "Anna", "Holm"),
    ("malmo_wg6_chair", "Lina", "Öberg"),
]
MEMBERS = [
    [("Elin", "Sjöberg"), ("Hassan", "Yilmaz"), ("Petra", "Nyström")],
    [("Mehmet", "Arslan"), ("Louise", "Strand"), ("Viktor", "Åberg")],
    [("Nadia", "Rahimi"), ("Carl", "Eklund"), ("Maja", "Lindholm")],
    [("Ida", "Forsberg"), ("Kemal", "Özdemir"), ("Tove", "Hallberg")],
    [("Yusuf", "Osman"), ("Helena", "Sandell"), ("Erik", "Borg")],
    [("Pontus", "Friberg"), ("Alva", "Nordqvist"), ("Dragan", "Petrović")],
]
#: Three secretaries, each serving two groups: 1 and 4, 2 and 5, 3 and 6 (as in the article).
SECRETARIES = [
    ("malmo_wg_secretary_a", "Fredrik", "Almgren", (0, 3)),
    ("malmo_wg_secretary_b", "Amira", "Saleh", (1, 4)),
    ("malmo_wg_secretary_c", "Emma", "Sundqvist", (2, 5)),
]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


@transaction.atomic
def load(context: DemoContext) -> None:
    malmo = context.organisations["malmo"]
    person, role = context.person, context.role

    programme = services.programme_create(
        organisation=malmo,
        name="En ny progressiv vision för Malmö",
        description=(
            "Ett långsiktigt politikutvecklingsarbete bortom denna och nästa mandatperiod. Genom hela arbetet "
            "löper minskade klyftor och ökad jämlikhet som en röd tråd. Arbetet bedrivs i arbetsgrupperna, "
            "i S-föreningarna och utåtriktat mot Malmöborna: seminarier, town halls, gårdsfester och "
            "förstamajfirande. Medlemmarna beslutar om linjen inför valet 2026."
        ),
        start=START,
        end=dt.date(2025, 12, 31),
    )
    mandate = (
        "Titta på hur jämlikheten och sammanhållningen kan öka och segregationen minska, och hur vi tar "
        "tillbaka kontrollen över en marknad som inte fungerar. Leverera första delen i september 2024 "
        "(bland annat motioner till partikongressen i Göteborg 2025) och en analys med konkreta politiska "
        "förslag i februari 2025."
    )

    # The steering group: the campaign leadership (valledningen) with the project leader.
    steering = services.group_create(
        organisation=malmo, programme=programme, name="Valledningen (styrgrupp)", kind=GroupKind.STEERING,
        policy_area="Hela visionsarbetet",
        mandate="Styrgrupp för visionsarbetet, tillsammans med projektledaren och arbetarekommunens styrelse.",
    )
    person("malmo_valledare", "Mikael", "Strömberg", email="valledare@example.org")
    role("malmo_valledare", "malmo", RoleKind.CAMPAIGN_LEADER, start=dt.date(2023, 1, 1))
    services.membership_add(group=steering, role=MemberRole.CHAIR, start=START, person=context.people["malmo_valledare"])
    for key in ("malmo_project", "malmo_ks_chair"):
        services.membership_add(group=steering, role=MemberRole.MEMBER, start=START, person=context.people[key])
    services.membership_add(group=steering, role=MemberRole.SECRETARY, start=START,
                            person=context.people["malmo_secretary"])

    groups = []
    for position, (name, area, keywords) in enumerate(GROUPS, start=1):
        groups.append(services.group_create(
            organisation=malmo, programme=programme, name=name, policy_area=area, mandate=mandate,
            topic_keywords=keywords, position=position,
        ))

    for index, (key, first, last) in enumerate(CHAIRS):
        if index == 0:
            person(key, first, last, username="malmo-arbetsgrupp", email="jonas.berg@example.org",
                   description="Malmö: ordförande i arbetsgruppen Arbete och tillväxt (motioner, leveranser)")
        else:
            person(key, first, last, email=f"ordforande{index + 1}@example.org")
        role(key, "malmo", RoleKind.MEMBER, start=dt.date(2020, 1, 1))
        services.membership_add(group=groups[index], role=MemberRole.CHAIR, start=START, person=context.people[key])
        for number, (member_first, member_last) in enumerate(MEMBERS[index], start=1):
            member_key = f"malmo_wg{index + 1}_member{number}"
            person(member_key, member_first, member_last)
            role(member_key, "malmo", RoleKind.MEMBER, start=dt.date(2020, 1, 1))
            services.membership_add(group=groups[index], role=MemberRole.MEMBER, start=START,
                                    person=context.people[member_key])
    for key, first, last, pair in SECRETARIES:
        person(key, first, last, email=f"{key.rsplit('_', 1)[1]}.sekreterare@example.org")
        role(key, "malmo", RoleKind.MEMBER, start=dt.date(2020, 1, 1))
        for index in pair:
            services.membership_add(group=groups[index], role=MemberRole.SECRETARY, start=START,
                                    person=context.people[key])

    # Deadlines from the article.
    for group in groups:
        services.deliverable_create(
            group=group, title="Första delen, med motioner till partikongressen i Göteborg 2025",
            deadline=dt.date(2024, 9, 30), status=DeliverableStatus.DELIVERED,
            description="Inspel till styrelsen i arbetarekommunen och förslag till motioner.",
        )
        services.deliverable_create(
            group=group, title="Analys med konkreta politiska förslag", deadline=dt.date(2025, 2, 28),
            status=DeliverableStatus.DELIVERED,
        )
    services.deliverable_create(
        group=steering, title="Linjen inför valet 2026: underlag till medlemmarnas beslut",
        deadline=dt.date(2025, 10, 31), status=DeliverableStatus.DELIVERED,
        description="Hösten 2025 ska vi ha en bra bild av hur det ska se ut; medlemmarna beslutar.",
    )

    # Outreach.
    event = services.event_create
    event(organisation=malmo, kind=EventKind.SEMINAR, title="Uppstart: en ny vision för Malmö",
          starts_at=_at(START, 18), ends_at=_at(START, 21), place="Folkets Hus, Malmö",
          organiser="Socialdemokraterna i Malmö", registration=RegistrationMode.NONE,
          description="Alla arbetsgrupper samlas när visionsarbetet drar igång.")
    town_hall = event(organisation=malmo, group=groups[4], kind=EventKind.TOWN_HALL,
                      title="Town hall: det är klyftorna det handlar om",
                      starts_at=_at(dt.date(2024, 4, 17), 18), ends_at=_at(dt.date(2024, 4, 17), 20),
                      place="Rosengårds bibliotek", organiser="S-föreningen Rosengård", capacity=120)
    event(organisation=malmo, kind=EventKind.MAY_DAY, title="Förstamajfirande 2024",
          starts_at=_at(dt.date(2024, 5, 1), 11), ends_at=_at(dt.date(2024, 5, 1), 15),
          place="Möllevångstorget", organiser="Socialdemokraterna i Malmö", registration=RegistrationMode.NONE)
    garden = event(organisation=malmo, group=groups[3], kind=EventKind.GARDEN_PARTY,
                   title="Gårdsfest: barn och unga i Malmö",
                   starts_at=_at(dt.date(2024, 6, 8), 13), ends_at=_at(dt.date(2024, 6, 8), 16),
                   place="Innergården, Sofielund", organiser="S-föreningen Malmö Centrum",
                   registration=RegistrationMode.NAMES)
    event(organisation=malmo, group=groups[5], kind=EventKind.SEMINAR,
          title="Seminarium: rättvis klimatomställning och billig el",
          starts_at=_at(dt.date(2024, 8, 29), 18), ends_at=_at(dt.date(2024, 8, 29), 20),
          place="ABF Malmö", organiser="Arbetsgruppen Rättvis klimatomställning och billig el")
    radslag_event = event(organisation=malmo, kind=EventKind.CONSULTATION,
                          title="Rådslag för medlemmar: vägen mot valet 2026",
                          starts_at=_at(dt.date(2024, 10, 12), 10), ends_at=_at(dt.date(2024, 10, 12), 14),
                          place="Folkets Hus, Malmö", organiser="Socialdemokraterna i Malmö",
                          registration=RegistrationMode.NAMES, is_public=False)
    upcoming = timezone.localdate() + dt.timedelta(days=21)
    event(organisation=malmo, kind=EventKind.ELECTION_MEETING, title="Medlemsmöte: uppföljning av visionen",
          starts_at=_at(upcoming, 18), ends_at=_at(upcoming, 20), place="Folkets Hus, Malmö",
          organiser="Socialdemokraterna i Malmö", registration=RegistrationMode.NAMES,
          description="Ett öppet möte om hur visionen blir politik.")
    # Registrations of the past events, written directly since registration closes when an event starts.
    from folkvald.policy.models import Registration

    Registration.objects.bulk_create([
        Registration(event=town_hall, people=2), Registration(event=town_hall, people=1),
        Registration(event=town_hall, people=4),
        Registration(event=garden, people=3), Registration(event=garden, people=1, name="Lovisa Exempel",
                                                           email="lovisa@example.org", consent=True),
        Registration(event=radslag_event, people=1, name="Hassan Yilmaz", consent=True),
        Registration(event=radslag_event, people=1),
    ])

    # The members' consultation at the rådslag.
    consultation = services.consultation_create(
        organisation=malmo, title="Rådslag: vägen mot valet 2026", event=radslag_event,
        opens=dt.date(2024, 10, 1), closes=dt.date(2024, 10, 31),
        description="Frågor till medlemmarna inför arbetsgruppernas analys i februari 2025.",
    )
    priority = services.question_add(
        consultation=consultation, text="Vilket område är viktigast för att minska klyftorna i Malmö?",
        kind=QuestionKind.CHOICE, choices=[name for name, _area, _kw in GROUPS],
    )
    open_question = services.question_add(
        consultation=consultation, text="Vad vill du att vi driver inför valet 2026?", kind=QuestionKind.TEXT,
    )
    answers = [
        ("malmo_wg1_member1", GROUPS[0][0], "Fler vägar in på arbetsmarknaden för unga."),
        ("malmo_wg2_member2", GROUPS[2][0], "Hyror som vanligt folk har råd med."),
        ("malmo_wg4_member3", GROUPS[3][0], ""),
        ("malmo_wg5_member1", GROUPS[3][0], "Fritidsgårdar öppna på kvällar och helger."),
        ("malmo_wg6_member2", GROUPS[5][0], "Billig el och bättre kollektivtrafik."),
    ]
    for key, choice, text in answers:
        services.answers_submit(
            consultation=consultation, person=context.people[key],
            answers={priority.pk: choice, open_question.pk: text}, today=dt.date(2024, 10, 12),
        )

    # A motion drafted by the first group, edited once, co-signed, decided and sent to the congress.
    motion = services.motion_create(
        organisation=malmo, group=groups[0], author=context.people["malmo_wg1_chair"], congress=CONGRESS,
        title="Ta tillbaka kontrollen över arbetsmarknaden",
        body=(
            "Trots många kliv mot ökad jämlikhet består de ekonomiska klyftorna i Malmö. "
            "Välstånd sipprar inte ner av sig självt.\n\n"
            "Arbetsförmedlingens lokala närvaro behöver återupprättas."
        ),
        proposals="att partiet verkar för en arbetsförmedling med lokal närvaro i varje kommun",
    )
    services.motion_edit(
        motion=motion, editor=context.people["malmo_wg_secretary_a"], note="Efter gruppens möte i augusti",
        title="Ta tillbaka kontrollen över arbetsmarknaden",
        body=(
            "Trots många kliv mot ökad jämlikhet består de ekonomiska klyftorna i Malmö. "
            "Välstånd sipprar inte ner av sig självt.\n\n"
            "Arbetsförmedlingens lokala närvaro behöver återupprättas, och kommunerna behöver "
            "ett tydligare ansvar för vägen in på arbetsmarknaden."
        ),
        proposals=(
            "att partiet verkar för en arbetsförmedling med lokal närvaro i varje kommun\n"
            "att partiet verkar för ett statligt stöd till kommunernas arbetsmarknadsinsatser"
        ),
    )
    for key in ("malmo_wg1_member1", "malmo_wg1_member2", "malmo_wg1_member3"):
        services.motion_cosign(motion=motion, person=context.people[key])
    services.motion_submit(motion=motion)
    services.motion_decide(
        motion=motion, decision=BoardDecision.ADOPT, decided_on=dt.date(2024, 10, 15),
        reasoning="Styrelsen delar motionärernas bild och antar motionen som arbetarekommunens egen.",
    )
    services.motion_send_to_congress(motion=motion, sent_on=dt.date(2024, 10, 31))

    _backdate(motion, [dt.date(2024, 8, 12), dt.date(2024, 8, 28)])
    _voter_conversations(context)

    member_motion = services.motion_create(
        organisation=malmo, author=context.people["malmo_wg3_member2"], congress=CONGRESS,
        title="Billigare kollektivtrafik för unga",
        body="Unga i Malmö behöver kunna ta sig till skola, jobb och fritid.",
        proposals="att partiet verkar för fri kollektivtrafik för alla under 20 år",
    )
    services.motion_submit(motion=member_motion)
    services.motion_decide(
        motion=member_motion, decision=BoardDecision.ANSWERED, decided_on=dt.date(2024, 10, 15),
        reasoning="Frågan ingår i arbetsgruppen Rättvis klimatomställning och billig els förslag; motionen anses besvarad.",
    )
    _backdate(member_motion, [dt.date(2024, 9, 20)])


def _backdate(motion, days: list[dt.date]) -> None:
    """The demo's motions were written in 2024, not when the demo was loaded."""
    from folkvald.policy.models import Motion, MotionVersion

    Motion.objects.filter(pk=motion.pk).update(created=_at(days[0], 19))
    for number, day in enumerate(days, start=1):
        MotionVersion.objects.filter(motion=motion, number=number).update(created=_at(day, 19))


#: Conversations at Malmö's doors in spring 2024, whose topics the groups see (counts only, no voters).
MALMO_REPORTS = [
    ("malmo_rosengard", dt.date(2024, 3, 16), "Rosengårds centrum", 24, ["jobb", "trygghet", "skola"]),
    ("malmo_rosengard", dt.date(2024, 4, 13), "Herrgården", 18, ["bostäder", "trygghet"]),
    ("malmo_centrum", dt.date(2024, 3, 23), "Triangeln", 31, ["bostäder", "klimat"]),
    ("malmo_centrum", dt.date(2024, 4, 20), "Möllevångstorget", 27, ["vård", "äldreomsorg", "jobb"]),
    ("malmo_limhamn", dt.date(2024, 5, 11), "Limhamns torg", 15, ["skola", "klimat"]),
    ("malmo_women", dt.date(2024, 5, 25), "Värnhemstorget", 12, ["vård", "trygghet"]),
]


def _voter_conversations(context: DemoContext) -> None:
    """A small conversation campaign of Malmö's own, through the campaigns app's services."""
    from folkvald.campaigns import services as campaigns
    from folkvald.campaigns.models import Activity, Source

    campaign = campaigns.campaign_create(
        organisation=context.organisations["malmo"], name="Samtal om Malmös framtid 2024",
        start=dt.date(2024, 3, 1), end=dt.date(2024, 8, 31), national_target=2000,
        description="Samtal i bostadsområdena som underlag till arbetsgruppernas vision.",
    )
    reporter = context.people["malmo_wg1_member2"]
    for organisation, day, place, conversations, topics in MALMO_REPORTS:
        campaigns.report_create(
            campaign=campaign, organisation=context.organisations[organisation], reporter=reporter, date=day,
            place=place, activity=Activity.DOOR_KNOCKING, conversations=conversations, topics=topics,
            source=Source.DEMO,
        )

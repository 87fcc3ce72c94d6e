"""Demo data of the agenda app, loaded by `folkvald demo` after the organisations.

Huddinge 2022: the agreement between Mittenstyret (S, C, MP, HP) and V on valteknisk
samverkan 2022–2026 with its 17 reforms, titles verbatim from the seed; a few fictional
decisions and status changes show the history. Stockholm 2023: the decisions taken since
the 2022 election under the article's four headings, titles verbatim, with their figures.
Dates and minutes paragraphs are plausible inventions, said so in each internal note.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from folkvald.agenda.figures import ParsedFigure
from folkvald.agenda.models import AgreementKind, DecisionBody, ReformStatus, SourceKind
from folkvald.agenda.services import (
    agreement_create,
    decision_create,
    reform_create,
    reform_status_change,
)
from folkvald.organisations.demo import DemoContext

STOCKHOLM_TZ = ZoneInfo("Europe/Stockholm")
DEMO_NOTE = "Demodata: datum och protokollsparagraf är påhittade; rubriken står ordagrant i artikeln."

HUDDINGE_AGREEMENT_TITLE = "Politiskt avtal mellan Vänsterpartiet och Mittenstyret"
HUDDINGE_AGREEMENT_TEXT = (
    "Socialdemokraterna, Centerpartiet, Miljöpartiet och Huddingepartiet bildar tillsammans ett nytt styre i "
    "Huddinge kommun, Mittenstyre för Huddinge. Mittenstyret och Vänsterpartiet är överens om att ingå en teknisk "
    "valsamverkan vid samtliga val i kommunen av styrelser, nämnder, utskott, beredningar, råd och andra organ under "
    "mandatperioden 2022–2026. Avtalet innehåller också 17 politiska reformer som förhandlats fram mellan "
    "Vänsterpartiet och Mittenstyret.\n\n"
    "Mittenstyrets 26 mandat tillsammans med Vänsterpartiets 6 mandat utgör tillsammans 32 av kommunfullmäktiges "
    "61 mandat."
)

#: (title verbatim from the seed, policy area, weight)
HUDDINGE_REFORMS: list[tuple[str, str, int]] = [
    ("Stärk likvärdigheten i grundskolan genom att successivt öka den socioekonomiska resursfördelningen.",
     "Skola", 2),
    ("Utred kvinnors höga sjukfrånvaro och inför åtgärder för att förbättra arbetsmiljön på kvinnodominerade "
     "arbetsplatser.", "Arbetsvillkor", 1),
    ("Inför rätten till heltid inom äldreomsorgen.", "Arbetsvillkor", 2),
    ("Ge direktiv till Huge att bygga fler hyresrätter.", "Bostäder", 1),
    ("Stoppa vinstuttagen från Huge.", "Bostäder", 1),
    ("Sänk Huges inkomstkrav för att hyra en bostad.", "Bostäder", 1),
    ("Upprätta en handlingsplan mot hedersrelaterat våld och förtryck för grundskolan och gymnasiet.",
     "Mot våld och förtryck", 1),
    ("Stärk det förvaltningsövergripande och samordnande arbetet mot mäns våld mot kvinnor och hedersrelaterat "
     "våld och förtryck.", "Mot våld och förtryck", 1),
    ("Inför gratis mensskydd i kommunens skolor, idrottshallar och på fritidsgårdar.", "Fritid och folkhälsa", 1),
    ("Ge direktiv om klimatgynnande åtgärder (inklusive solpaneler) vid bygge och renoveringar av "
     "samhällsfastigheter.", "Klimat och miljö", 1),
    ("Genomför en informationskampanj inom miljö och klimat i samarbete med civilsamhället och aktörer inom "
     "näringslivet.", "Klimat och miljö", 1),
    ("Tillskapa fler mötesplatser för personer med psykisk sjukdom.", "Fritid och folkhälsa", 1),
    ("Stötta idrottsföreningar som tar emot barn och unga som inte har råd att betala avgifter.",
     "Fritid och folkhälsa", 1),
    ("Inrätta ett sportotek eller fritidsbank.", "Fritid och folkhälsa", 1),
    ("Inför gratis frukost i alla kommunens skolor.", "Skola", 2),
    ("Förbättra tillgängligheten till modersmålsundervisning där behoven finns.", "Skola", 1),
    ("Stärk kontrollen i enlighet med riktlinjer för bidragsgivning i Huddinge kommun, för att säkerställa "
     "demokratiska värderingar för de som emottar föreningsbidrag.", "Demokrati och föreningsliv", 1),
]

STOCKHOLM_AREAS = [
    "Stärkta kunskaper – minskade klyftor",
    "Ökad trygghet – minskad segregation",
    "Bygga bostäder så att alla kan bo i Stockholm",
    "Stockholm ska leda klimatomställningen",
]


def _figure(qualifier: str, value: str, unit: str, label: str) -> ParsedFigure:
    return ParsedFigure(qualifier=qualifier, value=Decimal(value), unit=unit, label=label)


KF, KS, NAMND = DecisionBody.COUNCIL, DecisionBody.EXECUTIVE_BOARD, DecisionBody.COMMITTEE

#: (area index, title verbatim, date, body, body name, paragraph, figures)
STOCKHOLM_DECISIONS: list[tuple[int, str, dt.date, str, str, str, list[ParsedFigure]]] = [
    (0, "Satt stopp för utförsäljningarna av stockholmarnas skolor och förskolor.",
     dt.date(2022, 11, 7), KF, "", "§ 12", []),
    (0, "Höjt grundskolans schablon med 5,7 procent 2023. År 2024 höjer vi skolpengen ytterligare för att "
        "kompensera för de beräknade kostnadsökningarna.",
     dt.date(2022, 11, 28), KF, "", "§ 3", [_figure("increase", "5.7", "%", "grundskolans schablon 2023")]),
    (0, "Höjt elevhälsans budget med mer än 25 miljoner kronor.",
     dt.date(2022, 11, 28), KF, "", "§ 3", [_figure("more_than", "25", "mnkr", "elevhälsans budget")]),
    (0, "Förstärkt det så kallade socioekonomiska tillägget så att fler elever med svagare socioekonomisk "
        "bakgrund når kunskapsresultaten.",
     dt.date(2023, 1, 26), NAMND, "Utbildningsnämnden", "§ 8", []),
    (0, "Siktet inställt på att successivt införa ett tvålärarsystem under nuvarande mandatperiod.",
     dt.date(2023, 3, 23), NAMND, "Utbildningsnämnden", "§ 15", []),
    (1, "Gett stadsdelarna mer resurser och större mandat för att kunna göra de trygghetssatsningar de själva "
        "identifierar som viktiga.",
     dt.date(2022, 11, 28), KF, "", "§ 3", []),
    (1, "Beslutat om att fältassistenter ska finnas i alla stadsdelar.",
     dt.date(2023, 2, 15), KS, "", "§ 21", []),
    (1, "Satsningen Fokus Järva har startat. Stockholms alla kommunala bolag och nämnder kraftsamlar nu för "
        "Järvas utveckling. Vi har bland annat satsat på den fysiska tryggheten på gator och torg, sett till att "
        "alla kommunala skolor i Järva erbjuder skolfrukost och gett alla Järvaungdomar, som sökte, ett "
        "sommarjobb. Dessutom öppnas ett nytt gymnasium i Tensta under 2024, Tekniska museet förlägger en filial "
        "i Tensta och världens högsta träbyggnad ska byggas i Kista.",
     dt.date(2023, 3, 15), KS, "", "§ 34", []),
    (1, "Sänkt avgiften för simskolan i ytterstaden med 300 kronor för barn och unga samt sänkt avgiften för "
        "fritidsklubbar.",
     dt.date(2023, 2, 14), NAMND, "Idrottsnämnden", "§ 10",
     [_figure("decrease", "300", "kr", "simskoleavgift i ytterstaden för barn och unga")]),
    (1, "Höjt ambitionen med 2 000 fler feriejobb för unga och höjt ambitionen för fler så kallade "
        "Stockholmsjobb för att ge fler möjlighet till egen försörjning.",
     dt.date(2023, 1, 31), NAMND, "Arbetsmarknadsnämnden", "§ 6",
     [_figure("increase", "2000", "feriejobb", "fler feriejobb för unga")]),
    (1, "Påbörjat arbetet för fler trygga anställningar och bättre arbetsvillkor i kommunen. Under 2024 går vi "
        "fram med en reform som innebär att alla som idag arbetar deltid ska erbjudas heltid så snart möjlighet "
        "finns.",
     dt.date(2023, 11, 27), KF, "", "§ 4", []),
    (2, "Stoppat utförsäljningarna av allmännyttans lägenheter.",
     dt.date(2022, 11, 7), KF, "", "§ 13", []),
    (2, "Markanvisat för 5 939 nya bostäder under 2023.",
     dt.date(2023, 12, 14), NAMND, "Exploateringsnämnden", "§ 52",
     [_figure("", "5939", "bostäder", "markanvisade under 2023")]),
    (2, "Höjt målet för antalet markanvisningar till allmännyttan.",
     dt.date(2022, 11, 28), KF, "", "§ 3", []),
    (2, "Sett till att fler lägenheter med fler rum byggs för att motverka trångboddheten.",
     dt.date(2023, 5, 11), NAMND, "Stadsbyggnadsnämnden", "§ 14", []),
    (2, "Startat arbetet för en jämlik stadsbyggnad där intäkter från lönsamma projekt ska kunna medfinansiera "
        "angelägna projekt med sämre ekonomiska förutsättningar.",
     dt.date(2023, 6, 14), KS, "", "§ 88", []),
    (2, "Fattat beslut om att Stockholm vill lägga ned Bromma flygplats och påbörjat planeringen för att bygga "
        "upp till 30 000 nya bostäder på flygfältet. Vi ska stå redo så fort vi har en regering som delar vår "
        "uppfattning och inte stoppar Stockholms utveckling.",
     dt.date(2023, 4, 24), KF, "", "§ 9",
     [_figure("up_to", "30000", "bostäder", "på Bromma flygfält")]),
    (3, "Beslutat om ett nytt skärpt klimatmål: Stockholm ska vara en klimatpositiv stad senast år 2030.",
     dt.date(2023, 6, 12), KF, "", "§ 17", [_figure("by_year", "2030", "", "klimatpositiv stad")]),
    (3, "Beslutat om att utreda nya ”cykelstrador” och utökat anslagen för investeringar i gång, cykel och buss.",
     dt.date(2023, 3, 30), NAMND, "Trafiknämnden", "§ 22", []),
    (3, "Gett i uppdrag att bygga ut laddinfrastrukturen för elfordon.",
     dt.date(2023, 4, 19), KS, "", "§ 52", []),
    (3, "Beslutat om att påskynda arbetet för koldioxidlagring och påbörjat arbetet för att utsläppen från "
        "byggsektorn ska minskas.",
     dt.date(2023, 9, 20), KS, "", "§ 121", []),
    (3, "Satt igång arbetet med att göra det enklare för stadens invånare att återvinna.",
     dt.date(2023, 10, 26), NAMND, "Trafiknämnden", "§ 71", []),
]


def _at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 10, 0, tzinfo=STOCKHOLM_TZ)


def load_huddinge(context: DemoContext) -> None:
    organisation = context.organisations["huddinge"]
    parties = [context.parties[abbreviation] for abbreviation in ("S", "C", "MP", "HP", "V")]
    agreement = agreement_create(
        organisation=organisation,
        title=HUDDINGE_AGREEMENT_TITLE,
        kind=AgreementKind.JOINT_LISTS,
        parties=parties,
        period_start=2022,
        date=dt.date(2022, 10, 10),
        text=HUDDINGE_AGREEMENT_TEXT,
        is_published=True,
        internal_notes="Demodata: avtalets datum är påhittat. Uppföljningsmöte med V varje kvartal.",
    )
    reforms = [
        reform_create(
            organisation=organisation,
            title=title,
            policy_area=area,
            source_kind=SourceKind.AGREEMENT,
            agreement=agreement,
            weight=weight,
            parties=parties,
            is_published=True,
            position=index,
        )
        for index, (title, area, weight) in enumerate(HUDDINGE_REFORMS)
    ]
    budget = decision_create(
        organisation=organisation, date=dt.date(2022, 12, 12), body=DecisionBody.COUNCIL, paragraph="§ 176",
        title="Mål och budget 2023: den socioekonomiska resursfördelningen i grundskolan ökar.",
        policy_area="Skola", figures=[_figure("increase", "1.5", "procentenheter",
                                              "socioekonomisk andel av grundskolepengen")],
        reforms=[reforms[0]], is_published=True, position=0,
        internal_notes="Demodata: beslutet, datum, paragraf och siffra är påhittade.",
    )
    huge = decision_create(
        organisation=organisation, date=dt.date(2023, 4, 17), body=DecisionBody.EXECUTIVE_BOARD, paragraph="§ 61",
        title="Ägardirektiv till Huge Bostäder: fler hyresrätter och inga vinstuttag under mandatperioden.",
        policy_area="Bostäder", reforms=[reforms[3], reforms[4]], is_published=True, position=1,
        internal_notes="Demodata: beslutet, datum och paragraf är påhittade.",
    )
    breakfast = decision_create(
        organisation=organisation, date=dt.date(2023, 6, 12), body=DecisionBody.COUNCIL, paragraph="§ 98",
        title="Gratis frukost i alla kommunala grundskolor från höstterminen 2024.",
        policy_area="Skola", reforms=[reforms[14]], is_published=True, position=2,
        figures=[_figure("", "11", "mnkr", "årlig kostnad")],
        internal_notes="Demodata: beslutet, datum, paragraf och kostnad är påhittade.",
    )
    full_time = decision_create(
        organisation=organisation, date=dt.date(2023, 9, 25), body=DecisionBody.COMMITTEE,
        body_name="Äldreomsorgsnämnden", paragraph="§ 42",
        title="Heltid som norm i äldreomsorgen: alla nyanställningar på heltid.",
        policy_area="Arbetsvillkor", reforms=[reforms[2]], is_published=True, position=3,
        internal_notes="Demodata: beslutet, datum och paragraf är påhittade.",
    )
    user = context.people["huddinge_secretary"].user
    steps = [
        (reforms[0], ReformStatus.IN_PROGRESS, "Budget 2023 ökar den socioekonomiska andelen; mer följer 2024.",
         budget, _at(2022, 12, 13)),
        (reforms[3], ReformStatus.DONE, "Kommunstyrelsen gav Huge ägardirektivet.", huge, _at(2023, 4, 18)),
        (reforms[4], ReformStatus.DONE, "Ägardirektivet stoppar vinstuttagen.", huge, _at(2023, 4, 18)),
        (reforms[5], ReformStatus.IN_PROGRESS, "Huges styrelse utreder ett sänkt inkomstkrav.", None,
         _at(2023, 5, 2)),
        (reforms[5], ReformStatus.STALLED, "Utredningen har inte kommit tillbaka till styrelsen.", None,
         _at(2024, 2, 5)),
        (reforms[14], ReformStatus.IN_PROGRESS, "Beslutat i fullmäktige, införs hösten 2024.", breakfast,
         _at(2023, 6, 13)),
        (reforms[14], ReformStatus.DONE, "Frukost serveras i alla kommunala grundskolor sedan höstterminen.",
         breakfast, _at(2024, 9, 2)),
        (reforms[2], ReformStatus.PARTLY_DONE, "Heltid för alla nyanställda; befintliga deltider kvarstår.",
         full_time, _at(2023, 9, 26)),
        (reforms[13], ReformStatus.IN_PROGRESS, "Lokal för en fritidsbank söks i Flemingsberg.", None,
         _at(2023, 11, 6)),
    ]
    for reform, status, reason, decision, when in steps:
        reform_status_change(reform=reform, status=status, reason=reason, user=user, decision=decision,
                             changed_at=when)
    reforms[5].internal_notes = "Internt: V vill ta upp inkomstkravet på nästa uppföljningsmöte."
    reforms[5].save(update_fields=["internal_notes"])


def load_stockholm(context: DemoContext) -> None:
    organisation = context.organisations["stockholm"]
    for position, (area, title, date, body, body_name, paragraph, figures) in enumerate(STOCKHOLM_DECISIONS):
        decision_create(
            organisation=organisation,
            date=date,
            body=body,
            body_name=body_name,
            paragraph=paragraph,
            title=title,
            policy_area=STOCKHOLM_AREAS[area],
            figures=figures,
            is_published=True,
            internal_notes=DEMO_NOTE,
            position=position,
        )


def load(context: DemoContext) -> None:
    load_huddinge(context)
    load_stockholm(context)

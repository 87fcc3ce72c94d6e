"""The demo loads on an empty database and reproduces the seeds: Huddinge's 17 reforms, Stockholm's figures."""

from pathlib import Path

import pytest

from folkvald.agenda import demo
from folkvald.agenda.bullets import parse_bullets
from folkvald.agenda.models import Agreement, Decision, Reform
from folkvald.organisations import demo as organisations_demo
from folkvald.organisations.demo import DemoContext

pytestmark = pytest.mark.django_db
NBSP = "\xa0"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture
def context():
    context = DemoContext()
    organisations_demo.load(context)
    demo.load(context)
    return context


def seed_bullets(prefix):
    return parse_bullets(next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8"))


def test_huddinge_agreement_and_its_17_reforms(context):
    huddinge = context.organisations["huddinge"]
    agreement = Agreement.objects.get(organisation=huddinge)
    assert agreement.kind == "joint_lists"
    assert agreement.period_label == "2022–2026"
    assert sorted(p.abbreviation for p in agreement.parties.all()) == ["C", "HP", "MP", "S", "V"]
    reforms = list(agreement.reforms.order_by("position"))
    assert [r.title for r in reforms] == [item.title for item in seed_bullets("002")]
    # And read without the parser: every "•" line of the article, verbatim and in order.
    seed_text = next(SEEDS.glob("002_*.txt")).read_text("utf-8")
    seed_lines = [line.strip()[1:].strip() for line in seed_text.splitlines() if line.strip().startswith("•")]
    assert len(seed_lines) == 17
    assert [r.title for r in reforms] == seed_lines
    assert len(reforms) == 17
    assert all(r.policy_area and r.is_published for r in reforms)
    # A few fictional status changes, each with its history and evidence.
    changed = [r for r in reforms if r.status != "not_started"]
    assert len(changed) >= 4
    for reform in changed:
        last = reform.status_changes.order_by("-changed_at").first()
        assert last.to_status == reform.status and last.reason
        if reform.status in {"done", "partly_done", "broken"}:
            assert last.decision is not None or last.evidence_url


def test_stockholm_decisions_under_its_four_headings_with_figures(context):
    stockholm = context.organisations["stockholm"]
    decisions = list(Decision.objects.filter(organisation=stockholm).order_by("position"))
    assert [(d.policy_area, d.title) for d in decisions] == [(i.area, i.title) for i in seed_bullets("003")]
    seed_text = next(SEEDS.glob("003_*.txt")).read_text("utf-8")
    seed_lines = [line.strip()[1:].strip() for line in seed_text.splitlines() if line.strip().startswith("•")]
    assert [d.title for d in decisions] == seed_lines
    assert [d.policy_area for d in decisions] == (
        ["Stärkta kunskaper – minskade klyftor"] * 5 + ["Ökad trygghet – minskad segregation"] * 6
        + ["Bygga bostäder så att alla kan bo i Stockholm"] * 6 + ["Stockholm ska leda klimatomställningen"] * 5
    )
    assert all(heading in seed_text.splitlines() for heading in {d.policy_area for d in decisions})
    assert all(d.is_published and "Demodata" in d.internal_notes for d in decisions)
    assert all(d.date.year in (2022, 2023) and d.paragraph.startswith("§") for d in decisions)
    figures = {f.display for d in decisions for f in d.figures.all()}
    assert figures == {
        f"+5,7{NBSP}%",
        f"mer än{NBSP}25{NBSP}mnkr",
        f"5{NBSP}939{NBSP}bostäder",
        f"+2{NBSP}000{NBSP}feriejobb",
        f"upp till{NBSP}30{NBSP}000{NBSP}bostäder",
        f"\u2212300{NBSP}kr",
        f"senast år{NBSP}2030",
    }


def test_demo_reports_render(client, context):
    for key in ("huddinge", "stockholm"):
        organisation = context.organisations[key]
        response = client.get(f"/reformer/{organisation.pk}/", follow=True)
        assert response.status_code == 200
        assert "Vad har vi gjort sedan valet?" in response.content.decode()
    assert Reform.objects.filter(organisation=context.organisations["stockholm"]).count() == 0
    stockholm = client.get(f"/reformer/{context.organisations['stockholm'].pk}/2022-2026/").content.decode()
    assert "22 beslut inom 4 politikområden." in stockholm
    huddinge = client.get(f"/reformer/{context.organisations['huddinge'].pk}/2022-2026/").content.decode()
    # 17 reforms, weights 2 for three of them: 20 in all; done 1+1+2, partly done 2 counts 1: 5/20.
    assert "25,0\xa0%" in huddinge
    assert "3 av 17 reformer genomförda" in huddinge

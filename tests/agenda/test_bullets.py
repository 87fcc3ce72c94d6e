"""Reading pasted bullet lists: the seeds' exact text, headings as policy areas, what is not a bullet."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from folkvald.agenda.bullets import parse_bullets
from folkvald.agenda.demo import HUDDINGE_REFORMS, STOCKHOLM_AREAS

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8")


def test_huddinge_article_gives_its_17_reforms_in_order():
    items = parse_bullets(seed("002"))
    assert len(items) == 17
    assert items[0].title == (
        "Stärk likvärdigheten i grundskolan genom att successivt öka den socioekonomiska resursfördelningen."
    )
    assert items[2].title == "Inför rätten till heltid inom äldreomsorgen."
    assert items[14].title == "Inför gratis frukost i alla kommunens skolor."
    assert items[16].title.startswith("Stärk kontrollen i enlighet med riktlinjer för bidragsgivning")
    # The article's title is not a policy area, and the quotations opened by "–" are not bullets.
    assert {item.area for item in items} == {""}
    assert [item.title for item in items] == [title for title, _area, _weight in HUDDINGE_REFORMS]


def test_huddinge_default_area_applies_to_bullets_without_heading():
    items = parse_bullets(seed("002"), default_area="Avtalet")
    assert {item.area for item in items} == {"Avtalet"}


def test_stockholm_article_gives_four_headings_with_their_bullets():
    items = parse_bullets(seed("003"))
    counts: dict[str, int] = {}
    for item in items:
        counts[item.area] = counts.get(item.area, 0) + 1
    assert counts == {
        "Stärkta kunskaper – minskade klyftor": 5,
        "Ökad trygghet – minskad segregation": 6,
        "Bygga bostäder så att alla kan bo i Stockholm": 6,
        "Stockholm ska leda klimatomställningen": 5,
    }
    assert list(counts) == STOCKHOLM_AREAS  # in the article's order
    assert items[1].title.startswith("Höjt grundskolans schablon med 5,7 procent 2023.")
    assert items[12].title == "Markanvisat för 5 939 nya bostäder under 2023."


def test_markers_headings_and_continuations():
    text = "Skola\n• Första\n- Andra\n* Tredje\n  som fortsätter\n\n# Vård och omsorg\nEn mening.\nOch en till.\n- Fjärde\n–citat\n-inte punkt\n*inte heller"
    items = parse_bullets(text)
    assert [(item.line, item.area, item.title) for item in items] == [
        (2, "Skola", "Första"),
        (3, "Skola", "Andra"),
        (4, "Skola", "Tredje som fortsätter"),
        (10, "Vård och omsorg", "Fjärde"),
    ]


def test_a_line_ending_like_a_sentence_is_not_a_heading():
    items = parse_bullets("Vi har gjort mycket.\nSkola\nSedan valet har vi:\n• Gjort något.")
    assert items[0].area == "Skola"


def test_the_first_line_followed_by_prose_is_the_title_not_an_area():
    assert parse_bullets("Vårt avtal\nInledning.\n• Punkt")[0].area == ""
    assert parse_bullets("Skola\n• Punkt")[0].area == "Skola"
    assert parse_bullets("# Skola\nInledning.\n• Punkt")[0].area == "Skola"


def test_empty_and_prose_only_text_gives_nothing():
    assert parse_bullets("") == []
    assert parse_bullets("Bara prosa här.\nOch mer prosa.") == []



@given(st.text(alphabet=st.sampled_from(list("•-*#– \n\tabcÅÄÖ.:?,")), max_size=200))
def test_any_text_parses_to_bullets_with_nonempty_titles(text):
    for item in parse_bullets(text):
        assert item.title and item.title == item.title.strip()
        assert 1 <= item.line <= text.count("\n") + 1

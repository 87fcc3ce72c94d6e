"""Properties of committee_allocate that hold for every input, checked with hypothesis."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from folkvald.seatmath import committee_allocate

LABELS = ["A", "B", "C", "D", "E"]


@st.composite
def elections(draw: st.DrawFn) -> dict:
    places = draw(st.integers(1, 9))
    law = draw(st.sampled_from(["2022:629", "1992:339"]))
    people = [f"p{i}" for i in range(8)]
    ballots = []
    for _ in range(draw(st.integers(1, 6))):
        names = draw(st.lists(st.sampled_from(people), max_size=5, unique=True))
        ballots.append(
            {"label": draw(st.sampled_from(LABELS)), "names": names, "count": draw(st.integers(1, 9))}
        )
    return {"law": law, "places": places, "ballots": ballots, "seed": draw(st.integers(0, 3))}


@settings(max_examples=150, deadline=None)
@given(elections())
def test_places_add_up_and_every_seat_has_its_own_person(spec: dict) -> None:
    result = committee_allocate(spec)
    seated = [row["person"] for row in result["places"]]
    assert len(seated) == len(set(seated))
    assert sum(result["places_by_label"].values()) + result["unfilled"] == spec["places"]
    distinct = {name for group in result["groups"] for name in group["names"]}
    # A place stays empty only when every name on every list has been used.
    if len(distinct) >= spec["places"]:
        assert result["unfilled"] == 0
    else:
        assert set(seated) == distinct
    # The groups' counted places (1/k for a person allotted from k groups) add up to the seats.
    counted = sum(Fraction(group["counted_places"]) for group in result["groups"])
    assert counted == len(seated)


@settings(max_examples=100, deadline=None)
@given(elections())
def test_same_seed_same_result(spec: dict) -> None:
    assert committee_allocate(spec) == committee_allocate(spec)


def dhondt_oracle(votes: dict[str, int], places: int) -> list[tuple[Fraction, str]]:
    """Every comparative number votes/1, votes/2, ..., sorted from the highest."""
    quotients = [
        (Fraction(total, divisor), label)
        for label, total in votes.items()
        for divisor in range(1, places + 1)
    ]
    return sorted(quotients, key=lambda item: item[0], reverse=True)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.sampled_from(LABELS), st.integers(1, 40), min_size=1, max_size=5),
    st.integers(1, 12),
)
def test_disjoint_full_lists_give_plain_dhondt(votes: dict[str, int], places: int) -> None:
    # With one list per label, no shared names and enough names, the places follow the plain
    # d'Hondt sequence; where the cut falls inside a tie, the lot picks among the tied only.
    result = committee_allocate(
        {
            "law": "2022:629",
            "places": places,
            "ballots": [
                {"label": label, "names": [f"{label}{i}" for i in range(places)], "count": count}
                for label, count in votes.items()
            ],
        }
    )
    quotients = dhondt_oracle(votes, places)
    cut = quotients[places - 1][0]
    above = [label for value, label in quotients if value > cut]
    at_cut = [label for value, label in quotients if value == cut]
    for label in votes:
        got = result["places_by_label"].get(label, 0)
        surely = above.count(label)
        assert surely <= got <= surely + at_cut.count(label)
    assert [row["comparative_number"] for row in result["allotments"]] == [
        str(value) for value, _ in quotients[:places]
    ]


@st.composite
def shared_name_elections(draw: st.DrawFn) -> dict:
    """Few people on many lists, so that persons are often allotted from several groups."""
    places = draw(st.integers(1, 6))
    people = ["p0", "p1", "p2", "p3"]
    ballots = [
        {
            "label": draw(st.sampled_from(LABELS)),
            "names": draw(st.lists(st.sampled_from(people), min_size=1, max_size=4, unique=True)),
            "count": draw(st.integers(1, 12)),
        }
        for _ in range(draw(st.integers(1, 6)))
    ]
    return {"law": draw(st.sampled_from(["2022:629", "1992:339"])), "places": places, "ballots": ballots}


@settings(max_examples=200, deadline=None)
@given(shared_name_elections())
def test_table_replays_from_the_allotments(spec: dict) -> None:
    # Recompute every round's comparative numbers from scratch out of the allotments before
    # it: places count 1/k for a person allotted from k groups; a used-up list has none.
    result = committee_allocate(spec)
    groups = {row["id"]: row for row in result["groups"]}
    for index, allotment in enumerate(result["allotments"]):
        before = result["allotments"][:index]
        groups_of: dict[str, set[str]] = {}
        for row in before:
            groups_of.setdefault(row["person"], set()).add(row["group"])
        expected = {}
        for gid, group in groups.items():
            mine = [row["person"] for row in before if row["group"] == gid]
            if len(mine) >= len(group["names"]):
                expected[gid] = None
                continue
            counted = sum((Fraction(1, len(groups_of[p])) for p in mine), Fraction(0))
            expected[gid] = str(Fraction(group["votes"]) / (counted + 1))
        assert result["comparative_numbers"][index]["values"] == expected
        highest = max(Fraction(v) for v in expected.values() if v is not None)
        assert Fraction(allotment["comparative_number"]) == highest
        assert expected[allotment["group"]] == str(highest)
        # Each place is filled at once by the next name on the group's list.
        position = sum(1 for row in before if row["group"] == allotment["group"])
        assert allotment["person"] == groups[allotment["group"]]["names"][position]


@settings(max_examples=200, deadline=None)
@given(elections())
def test_1992_counts_replay_from_the_ballots(spec: dict) -> None:
    # Every successive count of lag 1992:339 §§ 16-18, recomputed from the ballots alone: a
    # ballot stands for its first name not yet listed and weighs 1/(its position on the
    # ballot); the name listed has the highest total (a lot only among equal totals).
    spec = {**spec, "law": "1992:339"}
    result = committee_allocate(spec)
    for group in result["groups"]:
        ballots = [
            (ballot["names"][: spec["places"]], ballot["count"])
            for ballot in spec["ballots"]
            if ballot["label"] == group["label"]
        ]
        listed: list[str] = []
        for row in group["name_counts"]:
            totals: dict[str, Fraction] = {}
            for names, count in ballots:
                for position, name in enumerate(names, start=1):
                    if name not in listed:
                        totals[name] = totals.get(name, Fraction(0)) + Fraction(count, position)
                        break
            assert row["totals"] == {name: str(value) for name, value in totals.items()}
            assert totals[row["listed"]] == max(totals.values())
            listed.append(row["listed"])
        assert group["names"] == listed
        distinct = {name for names, _ in ballots for name in names}
        assert len(listed) == min(spec["places"], len(distinct))

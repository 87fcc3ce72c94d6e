"""The explanation: votes lacking for one more seat and votes whose loss costs a seat.

Checked against a textbook reference written here: list every quotient v / d(k) of every
party over the threshold, sort them, take the first `seats` (ties broken for or against the
party asked about). No code under test is used for the expected values.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from folkvald.seatmath import allocate

#: Per method its input and its quotient for a party with v votes and k seats, as a sortable
#: pair: (1, 0) is infinite (a first divisor 0); Huntington–Hill's √(k(k + 1)) is compared
#: squared, which keeps the order exact.
METHODS = {
    "dhondt": ({"name": "dhondt"}, lambda v, k: (0, Fraction(v, k + 1))),
    "sainte-lague": ({"name": "sainte-lague"}, lambda v, k: (0, Fraction(v, 2 * k + 1))),
    "1.2": (
        {"name": "sainte-lague", "first_divisor": "1.2"},
        lambda v, k: (0, Fraction(v * 5, 6) if k == 0 else Fraction(v, 2 * k + 1)),
    ),
    "1.4": (
        {"name": "modified-sainte-lague", "first_divisor": "7/5"},
        lambda v, k: (0, Fraction(v * 5, 7) if k == 0 else Fraction(v, 2 * k + 1)),
    ),
    "adams": ({"name": "adams"}, lambda v, k: (1, 0) if k == 0 else (0, Fraction(v, k))),
    "huntington-hill": (
        {"name": "huntington-hill"},
        lambda v, k: (1, 0) if k == 0 else (0, Fraction(v * v, k * (k + 1))),
    ),
}


def reference(votes, valid, seats, quotient, threshold, party, favour):
    """Seats of `party` by sorting all quotients; equal quotients go for/against it."""
    quotients = []
    for name, v in votes.items():
        if threshold is not None and (valid == 0 or Fraction(v, valid) < threshold):
            continue
        if v == 0:
            continue
        for k in range(seats):
            first = (name == party) == favour
            quotients.append((quotient(v, k), 1 if first else 0, name))
    quotients.sort(reverse=True)
    return sum(1 for _q, _f, name in quotients[:seats] if name == party)


def spec(votes, seats, method, threshold, valid=None):
    m = dict(METHODS[method][0])
    if threshold is not None:
        m["threshold"] = f"{threshold} %"
    s = {"body": "custom", "seats": seats, "votes": votes, "method": m}
    if valid is not None:
        s["valid_votes"] = valid
    return s


def check(votes, seats, method, threshold_percent, other=0):
    threshold = None if threshold_percent is None else Fraction(threshold_percent, 100)
    valid = sum(votes.values()) + other
    result = allocate(spec(votes, seats, method, threshold_percent, valid))
    divisor = METHODS[method][1]
    limit = 4 * valid + 60  # beyond this no number of votes changes anything here
    more = result["explanation"]["votes_for_one_more_seat"]
    less = result["explanation"]["votes_to_lose_one_seat"]
    for party, v in votes.items():
        held = result["seats"][party]
        if result["ties"]:
            continue  # the seats themselves were drawn; margins are about certain seats
        assert held == reference(votes, valid, seats, divisor, threshold, party, False)

        def with_votes(delta, favour, party=party, v=v):
            changed = {**votes, party: v + delta}
            return reference(changed, valid + delta, seats, divisor, threshold, party, favour)

        x = more[party]
        if held == seats:
            assert x is None
        elif x is None:
            # Never without a lot (Adams, Huntington–Hill: infinite first quotients tie).
            assert all(with_votes(extra, False) <= held for extra in range(1, limit))
        else:
            assert x >= 1
            assert with_votes(x, False) >= held + 1
            assert with_votes(x - 1, False) <= held
        y = less[party]
        if held == 0:
            assert y is None
        else:
            assert y is not None and 1 <= y <= v
            assert with_votes(-y, True) <= held - 1
            assert with_votes(-(y - 1), True) >= held


def brute_more(votes, seats, method, threshold_percent, party):
    threshold = None if threshold_percent is None else Fraction(threshold_percent, 100)
    divisor = METHODS[method][1]
    valid = sum(votes.values())
    held = reference(votes, valid, seats, divisor, threshold, party, False)
    for x in range(1, 4 * valid + 60):
        changed = {**votes, party: votes[party] + x}
        if reference(changed, valid + x, seats, divisor, threshold, party, False) > held:
            return x
    return None


def brute_less(votes, seats, method, threshold_percent, party):
    threshold = None if threshold_percent is None else Fraction(threshold_percent, 100)
    divisor = METHODS[method][1]
    valid = sum(votes.values())
    held = reference(votes, valid, seats, divisor, threshold, party, True)
    for y in range(1, votes[party] + 1):
        changed = {**votes, party: votes[party] - y}
        if reference(changed, valid - y, seats, divisor, threshold, party, True) < held:
            return y
    return None


def test_full_brute_force_small_cases():
    cases = [
        ({"A": 120, "B": 75, "C": 40, "D": 9}, 7, "1.2", 5),
        ({"A": 120, "B": 75, "C": 40, "D": 9}, 7, "dhondt", None),
        ({"A": 50, "B": 49, "C": 6, "D": 5}, 5, "1.4", 5),
        ({"A": 300, "B": 31, "C": 30, "D": 29}, 9, "sainte-lague", 9),
        ({"A": 340, "B": 280, "C": 160, "D": 60}, 6, "adams", None),
        ({"A": 340, "B": 280, "C": 160, "D": 60, "E": 20}, 5, "adams", 5),
        ({"A": 340, "B": 280, "C": 160, "D": 60}, 7, "huntington-hill", None),
        ({"A": 340, "B": 280, "C": 160, "D": 30, "E": 25}, 8, "huntington-hill", 4),
    ]
    for votes, seats, method, threshold in cases:
        result = allocate(spec(votes, seats, method, threshold))
        for party in votes:
            more = result["explanation"]["votes_for_one_more_seat"][party]
            if result["seats"][party] < seats:
                assert more == brute_more(votes, seats, method, threshold, party), party
            assert result["explanation"]["votes_to_lose_one_seat"][party] == brute_less(
                votes, seats, method, threshold, party
            ), party


def test_threshold_moves_with_the_votes():
    # 3 of 4 parties sit just over 10 %: A's extra votes push B under the threshold.
    votes = {"A": 700, "B": 100, "C": 100, "D": 100}
    result = allocate(spec(votes, 10, "dhondt", 10))
    assert result["seats"] == {"A": 7, "B": 1, "C": 1, "D": 1}
    # One more vote for A: valid 1001, B, C, D at 100 < 100.1 fall out, A takes all 10.
    assert result["explanation"]["votes_for_one_more_seat"]["A"] == 1
    assert brute_more(votes, 10, "dhondt", 10, "A") == 1


def test_hand_worked_kommunfullmaktige():
    # 31 seats, 1.2: S 26 193 holds 14 seats; its 15th quotient 26 193 / 29 = 903.2 is next
    # in line. The last seat went at S 26 193 / 27 = 970.1.
    votes = {"S": 26193, "M": 15000, "SD": 9000, "V": 5000, "C": 2600, "KD": 1100}
    result = allocate({"body": "kommunfullmaktige", "year": 2018, "seats": 31, "votes": votes})
    explanation = result["explanation"]
    assert result["seats"] == {"S": 14, "M": 8, "SD": 5, "V": 3, "C": 1, "KD": 0}
    assert explanation["last_seat"] == {"seat": 31, "party": "S", "quotient": "8731/9"}
    assert explanation["runner_up"]["party"] == "S"
    assert explanation["runner_up"]["quotient"] == "26193/29"
    assert explanation["quotients"]["S"][:2] == ["21827.5", "8731"]
    # KD under 2 %: 1100 + x >= (58 893 + x) / 50 means 49x >= 3893, x >= 80; then
    # 1180 / 1.2 = 983.3 beats the last seat (970.1).
    assert explanation["votes_for_one_more_seat"]["KD"] == 80
    assert explanation["votes_to_lose_one_seat"]["KD"] is None


def test_hand_worked_adams_and_huntington_hill():
    # Adams, 6 seats, A 340, B 280, C 160, D 60: every party's first quotient is infinite,
    # then A 340/1 and B 280/1: A 2, B 2, C 1, D 1. C needs 160 + x > 280 (B's second seat,
    # the lowest the others won): 121. A's third seat needs (340 + x) / 2 > 280: 221; B's,
    # (280 + x) / 2 > 340: 401. A keeps its second seat while 340 - y >= 160 (C's next): 181;
    # B while 280 - y >= 170 (A's 340/2): 111. C and D keep their first seat while they have
    # a vote: all their votes.
    votes = {"A": 340, "B": 280, "C": 160, "D": 60}
    result = allocate(spec(votes, 6, "adams", None))
    explanation = result["explanation"]
    assert result["seats"] == {"A": 2, "B": 2, "C": 1, "D": 1}
    assert explanation["quotients"]["A"] == ["∞", "340", "170"]
    assert explanation["runner_up"] == {"party": "A", "quotient": "170", "seat": 7}
    assert explanation["votes_for_one_more_seat"] == {"A": 221, "B": 401, "C": 121, "D": 221}
    assert explanation["votes_to_lose_one_seat"] == {"A": 181, "B": 111, "C": 160, "D": 60}
    # Huntington–Hill, 7 seats, squared quotients v² / (k(k + 1)): after the four infinite
    # ones A 57 800, B 39 200, A 19 266.7: A 3, B 2, C 1, D 1. C's second seat needs
    # (160 + x)² / 2 > 57 800 / 3 = 19 266.7: 196² / 2 = 19 208 is not, 197² / 2 = 19 404.5
    # is: 37 votes.
    result = allocate(spec(votes, 7, "huntington-hill", None))
    explanation = result["explanation"]
    assert result["seats"] == {"A": 3, "B": 2, "C": 1, "D": 1}
    assert explanation["squared_quotients"] is True
    assert explanation["votes_for_one_more_seat"]["C"] == 37
    assert explanation["votes_to_lose_one_seat"]["D"] == 60


@settings(max_examples=150, deadline=None)
@given(
    votes=st.lists(st.integers(0, 300), min_size=2, max_size=5),
    seats=st.integers(1, 12),
    method=st.sampled_from(sorted(METHODS)),
    threshold=st.sampled_from([None, 2, 4, 12]),
    other=st.integers(0, 30),
)
def test_margins_are_the_smallest(votes, seats, method, threshold, other):
    named = {chr(65 + i): v for i, v in enumerate(votes)}
    threshold_value = None if threshold is None else Fraction(threshold, 100)
    valid = sum(votes) + other
    if not any(
        v > 0 and (threshold_value is None or Fraction(v, valid) >= threshold_value) for v in votes
    ):
        return
    check(named, seats, method, threshold, other)


def _divided_2018():
    import json
    import os
    from pathlib import Path

    configured = os.environ.get("FOLKVALD_SHARED_DATA")
    path = (
        Path(configured) if configured else Path(__file__).resolve().parents[2] / "../shared/data"
    )
    with open(path / "kommunval-2010-2018.json", encoding="utf-8") as f:
        return [r for r in json.load(f) if r["year"] == 2018 and r["constituencies"]]


def test_margins_in_divided_councils_hold_on_recomputation():
    # Fixed + adjustment seats: adding the votes lacking to the party in its first
    # constituency gives it one seat more over the whole council, one vote fewer does not;
    # losing the votes to spare (in its largest constituency) costs a seat, one fewer does not.
    checked = 0
    for record in _divided_2018()[:8]:
        spec = {
            "body": "kommunfullmaktige",
            "year": 2018,
            "seats": record["seats_total"],
            "valid_votes": record["valid_votes"],
            "constituencies": [
                {
                    "name": c["code"],
                    "seats": c["fixed_seats"],
                    "votes": dict(c["votes"]),
                    "valid_votes": c["valid_votes"],
                }
                for c in record["constituencies"]
            ],
        }
        result = allocate(spec)
        explanation = result["explanation"]

        def seats_with(party, delta, where, spec=spec):
            changed = {**spec, "explain": False, "valid_votes": spec["valid_votes"] + delta}
            changed["constituencies"] = [
                dict(c, votes=dict(c["votes"])) for c in spec["constituencies"]
            ]
            target = changed["constituencies"][where]
            target["votes"][party] += delta
            target["valid_votes"] += delta
            out = allocate(changed)
            return out["seats"][party], out["ties"], out["set_aside"]

        for party in ("S", "M", "SD", "KD"):
            held = result["seats"][party]
            x = explanation["votes_for_one_more_seat"][party]
            got, ties, aside = seats_with(party, x, 0)
            assert got == held + 1 and not aside, (record["name"], party)
            got, ties, aside = seats_with(party, x - 1, 0)
            assert got == held or ties, (record["name"], party)
            y = explanation["votes_to_lose_one_seat"][party]
            biggest = max(
                range(len(spec["constituencies"])),
                key=lambda a, p=party: spec["constituencies"][a]["votes"][p],
            )
            if y > spec["constituencies"][biggest]["votes"][party]:
                continue
            got, ties, aside = seats_with(party, -y, biggest)
            assert got == held - 1 or aside, (record["name"], party)
            got, ties, aside = seats_with(party, -(y - 1), biggest)
            assert got == held or ties, (record["name"], party)
            checked += 1
    assert checked >= 20

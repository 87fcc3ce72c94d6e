"""Fixed constituency seats plus adjustment seats (14 kap. 3–5 och 8 §§ vallagen).

One engine for the riksdag (310 + 39, 4 % or 12 % in a constituency), the region councils
and the municipal councils divided into constituencies (from 2018). ``mode="return"`` is the
law from 2018 (surplus fixed seats are returned, 14 kap. 4 a–4 b §§); ``mode="set_aside"``
is the law up to 2014 (an over-represented party keeps its seats and is set aside with them,
old 14 kap. 5 §). docs/seat-law.md gives the reading where the text leaves room.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from folkvald.seatmath.errors import SeatMathError
from folkvald.seatmath.methods import (
    DivisorResult,
    DivisorSequence,
    Lot,
    divisor_apportion,
    fraction_text,
    modified_sainte_lague,
    passes_threshold,
)


@dataclass
class Area:
    """A constituency: its fixed seats and the votes per party (in the parties' order)."""

    name: str
    fixed: int
    votes: list[int]
    valid: int


@dataclass
class CompensatoryResult:
    fixed: list[list[int]]  # per area, per party
    adjustment: list[list[int]]  # per area, per party
    entitlement: list[int]  # per party (0 for parties outside)
    pool: int  # seats shared in the entitlement
    eligible: list[bool]  # over the whole body
    local_only: list[list[bool]]  # per area: eligible there only by the local threshold
    set_aside: list[str]
    returned: list[dict[str, Any]]
    fixed_order: list[list[dict[str, Any]]]  # per area, seats in the order won
    adjustment_order: list[dict[str, Any]]
    whole: DivisorResult | None = None  # the first distribution over the whole body
    #: After parties were set aside: the last distribution, among ``active`` parties, of
    #: ``final_pool`` seats (the seats less the set-aside parties' fixed seats); it decides
    #: the others' seats. None when nobody was set aside.
    final: DivisorResult | None = None
    final_pool: int = 0
    active: list[bool] | None = None


def _seat_divisor(sequence: DivisorSequence, k: int) -> tuple[int, int]:
    return sequence(k)


def allocate_compensatory(
    names: list[str],
    votes: list[int],
    valid: int,
    areas: list[Area],
    seats: int,
    *,
    first: Fraction,
    threshold: Fraction,
    local_threshold: Fraction | None,
    mode: str,
    lot: Lot,
    no_return_below: int = 3,
) -> CompensatoryResult:
    n = len(names)
    sequence = modified_sainte_lague(first)
    eligible = [passes_threshold(votes[i], valid, threshold) and votes[i] > 0 for i in range(n)]
    local_only: list[list[bool]] = []
    for area in areas:
        row = []
        for i in range(n):
            local = (
                local_threshold is not None
                and not eligible[i]
                and area.votes[i] > 0
                and passes_threshold(area.votes[i], area.valid, local_threshold)
            )
            row.append(local)
        local_only.append(row)

    # 14 kap. 3 §: the fixed seats of each constituency.
    fixed: list[list[int]] = []
    fixed_order: list[list[dict[str, Any]]] = []
    for a, area in enumerate(areas):
        ok = [eligible[i] or local_only[a][i] for i in range(n)]
        if not any(ok[i] and area.votes[i] > 0 for i in range(n)):
            if area.fixed:
                raise SeatMathError(f"no party above the threshold has votes in {area.name!r}")
            fixed.append([0] * n)
            fixed_order.append([])
            continue
        result = divisor_apportion(
            area.votes,
            area.fixed,
            sequence,
            names=names,
            lot=lot,
            stage="fixed",
            constituency=area.name,
            eligible=ok,
        )
        fixed.append(result.seats)
        fixed_order.append(
            [
                {"seat": k + 1, "party": names[i], "quotient": Fraction(num, den)}
                for k, (i, num, den) in enumerate(result.order)
            ]
        )

    def fixed_total(i: int) -> int:
        return sum(fixed[a][i] for a in range(len(areas)))

    # RF 3:8 / 14 kap. 4 §: the body as one constituency, without the seats of parties that
    # are in only by a local threshold.
    local_seats = sum(fixed_total(i) for i in range(n) if not eligible[i])
    pool = seats - local_seats
    if not any(eligible):
        raise SeatMathError("no party reaches the threshold")
    whole = divisor_apportion(
        votes, pool, sequence, names=names, lot=lot, stage="entitlement", eligible=eligible
    )
    entitlement = list(whole.seats)

    returned: list[dict[str, Any]] = []
    if mode == "return":
        returned = _return_surplus(
            names,
            areas,
            fixed,
            fixed_order,
            entitlement,
            eligible,
            local_only,
            sequence,
            lot,
            no_return_below,
        )

    # 14 kap. 5 § first paragraph: a party with more fixed seats than its proportional share
    # is set aside with its seats and the others share the rest.
    active = list(eligible)
    set_aside: list[str] = []
    current_pool = pool
    final: DivisorResult | None = None
    while True:
        over = [i for i in range(n) if active[i] and fixed_total(i) > entitlement[i]]
        if not over:
            break
        for i in over:
            active[i] = False
            set_aside.append(names[i])
            current_pool -= fixed_total(i)
        if not any(active):
            break
        final = divisor_apportion(
            votes,
            current_pool,
            sequence,
            names=names,
            lot=lot,
            stage="entitlement",
            eligible=active,
        )
        entitlement = list(final.seats)
    for i in range(n):
        if not active[i]:
            entitlement[i] = fixed_total(i) if eligible[i] else 0
    extra = [entitlement[i] - fixed_total(i) if active[i] else 0 for i in range(n)]

    adjustment, adjustment_order = _place_adjustment(names, areas, fixed, extra, lot)
    return CompensatoryResult(
        fixed=fixed,
        adjustment=adjustment,
        entitlement=entitlement,
        pool=pool,
        eligible=eligible,
        local_only=local_only,
        set_aside=set_aside,
        returned=returned,
        fixed_order=fixed_order,
        adjustment_order=adjustment_order,
        whole=whole,
        final=final,
        final_pool=current_pool,
        active=active,
    )


def _return_surplus(
    names: list[str],
    areas: list[Area],
    fixed: list[list[int]],
    fixed_order: list[list[dict[str, Any]]],
    entitlement: list[int],
    eligible: list[bool],
    local_only: list[list[bool]],
    sequence: DivisorSequence,
    lot: Lot,
    no_return_below: int,
) -> list[dict[str, Any]]:
    """14 kap. 4 a–4 b §§: return surplus fixed seats and give them out again."""
    n = len(names)
    returned: list[dict[str, Any]] = []
    pending = [0] * len(areas)
    # Parties in the order of their names, so that lots are drawn in an order that does not
    # depend on the order of the input.
    for i in sorted(range(n), key=names.__getitem__):
        if not eligible[i]:
            continue
        surplus = sum(fixed[a][i] for a in range(len(areas))) - entitlement[i]
        while surplus > 0:
            # The seat won by the lowest comparative number, not in a small constituency.
            lowest: Fraction | None = None
            where: list[int] = []
            for a, area in enumerate(areas):
                k = fixed[a][i]
                if k == 0 or area.fixed < no_return_below:
                    continue
                dn, dd = sequence(k - 1)
                q = Fraction(area.votes[i] * dd, dn)
                if lowest is None or q < lowest:
                    lowest, where = q, [a]
                elif q == lowest:
                    where.append(a)
            if lowest is None:
                break  # nothing can be returned: the party is set aside (14 kap. 5 §)
            if len(where) > 1:
                chosen = lot.draw(
                    [areas[a].name for a in where], 1, stage="return", quotient=lowest
                )[0]
                a = next(a for a in where if areas[a].name == chosen)
            else:
                a = where[0]
            fixed[a][i] -= 1
            pending[a] += 1
            surplus -= 1
            returned.append({"party": names[i], "constituency": areas[a].name, "quotient": lowest})
            for entry in reversed(fixed_order[a]):
                if entry["party"] == names[i] and not entry.get("returned"):
                    entry["returned"] = True
                    break

    def below(j: int) -> bool:
        return eligible[j] and sum(fixed[a][j] for a in range(len(areas))) < entitlement[j]

    while any(pending):
        best: Fraction | None = None
        options: list[tuple[int, int]] = []
        for a, area in enumerate(areas):
            if not pending[a]:
                continue
            for j in range(n):
                if not below(j):
                    continue
                dn, dd = sequence(fixed[a][j])
                q = Fraction(area.votes[j] * dd, dn)
                if best is None or q > best:
                    best, options = q, [(a, j)]
                elif q == best:
                    options.append((a, j))
        if best is None:
            raise SeatMathError("a returned seat has no party to go to")
        if len(options) > 1:
            labels = [f"{names[j]} ({areas[a].name})" for a, j in options]
            chosen = lot.draw(labels, 1, stage="return-allocation", quotient=best)[0]
            a, j = options[labels.index(chosen)]
        else:
            a, j = options[0]
        fixed[a][j] += 1
        pending[a] -= 1
        fixed_order[a].append(
            {
                "seat": len(fixed_order[a]) + 1,
                "party": names[j],
                "quotient": best,
                "after_return": True,
            }
        )
        for entry in returned:
            if entry["constituency"] == areas[a].name and "to" not in entry:
                entry["to"] = names[j]
                entry["to_quotient"] = best
                break
    for entry in returned:
        entry["quotient"] = fraction_text(entry["quotient"])
        if "to_quotient" in entry:
            entry["to_quotient"] = fraction_text(entry["to_quotient"])
    return returned


def _place_adjustment(
    names: list[str],
    areas: list[Area],
    fixed: list[list[int]],
    extra: list[int],
    lot: Lot,
) -> tuple[list[list[int]], list[dict[str, Any]]]:
    """14 kap. 5 § second paragraph: each adjustment seat to the constituency where the party
    has the highest comparative number, votes / (2k + 1), with divisor 1 for a first seat."""
    n = len(names)
    held = [[fixed[a][i] for i in range(n)] for a in range(len(areas))]
    adjustment = [[0] * n for _ in areas]
    order: list[dict[str, Any]] = []
    left = list(extra)

    def comparative(a: int, i: int) -> Fraction:
        k = held[a][i]
        return Fraction(areas[a].votes[i], 1 if k == 0 else 2 * k + 1)

    while any(left):
        # The highest comparative number of any party with seats still to place goes first;
        # the order between parties does not change where a party's seats go.
        best: Fraction | None = None
        options: list[tuple[int, int]] = []
        for i in range(n):
            if not left[i]:
                continue
            for a in range(len(areas)):
                q = comparative(a, i)
                if best is None or q > best:
                    best, options = q, [(a, i)]
                elif q == best:
                    options.append((a, i))
        assert best is not None
        # Between parties the first by name, so that lots are drawn in an order that does not
        # depend on the order of the input.
        i = min({i for _a, i in options}, key=names.__getitem__)
        places = [a for a, j in options if j == i]
        if len(places) > 1:
            chosen = lot.draw(
                [areas[a].name for a in places], 1, stage="adjustment", quotient=best
            )[0]
            a = next(a for a in places if areas[a].name == chosen)
        else:
            a = places[0]
        held[a][i] += 1
        adjustment[a][i] += 1
        left[i] -= 1
        order.append(
            {
                "seat": len(order) + 1,
                "party": names[i],
                "constituency": areas[a].name,
                "quotient": best,
            }
        )
    return adjustment, order

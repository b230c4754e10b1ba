"""Fitting a plan to the minutes available (``gesprek sessie --duur``)."""

from __future__ import annotations

import pytest

from gesprek.content import library
from gesprek.session.plan import fit

LIB = library.load()

# An agenda as a facilitator would build it: an opening and a closing round around cards,
# with times as a programme would give them (odd ones included).
AGENDA = [
    ("ronde-opening", 10),
    ("lunch-niet-betalen", 12),
    ("datalek-of-niet", 7),
    ("een-beetje-integer-bestaat-niet", 5),
    ("bc-integer", 10),
    ("ronde-afsluiting", 10),
]
ITEMS = [LIB.items[i] for i, _ in AGENDA]
MINUTES = [m for _, m in AGENDA]
TOTAL = sum(MINUTES)  # 54


def ids(items) -> list[str]:
    return [i.id for i in items]


@pytest.mark.parametrize("available", [None, TOTAL, TOTAL + 1, 480])
def test_a_plan_that_fits_is_left_alone(available):
    plan = fit(ITEMS, MINUTES, available)
    assert ids(plan.items) == ids(ITEMS)
    assert plan.minutes == MINUTES
    assert plan.dropped == [] and plan.shortened == []
    assert plan.changes() == []


def test_a_little_short_of_time_shortens_without_dropping():
    plan = fit(ITEMS, MINUTES, TOTAL - 6)
    assert ids(plan.items) == ids(ITEMS)
    assert plan.total == TOTAL - 6
    assert plan.dropped == []
    assert plan.shortened
    lines = plan.changes()
    assert all(line.startswith("Korter: ") for line in lines)
    for item, before, after in plan.shortened:
        assert f"Korter: {item.titel.strip()} ({before} -> {after} min)" in lines


# The shortest plan that keeps the opening and the closing round: both at 60%.
SMALLEST = 6 + 6


@pytest.mark.parametrize("available", range(SMALLEST, TOTAL))
def test_a_fitted_plan_keeps_first_and_last_and_stays_within_the_time(available):
    plan = fit(ITEMS, MINUTES, available)
    kept = ids(plan.items)
    assert kept[0] == "ronde-opening" and kept[-1] == "ronde-afsluiting"
    assert plan.total <= available
    assert len(plan.minutes) == len(plan.items)

    # dropped parts come from the end of the middle: what is left of it is its beginning
    middle = ids(ITEMS)[1:-1]
    assert kept[1:-1] == middle[: len(kept) - 2]
    assert ids(plan.dropped) == middle[len(kept) - 2 :]

    # no part is shortened below 60% of its planned time, or lengthened
    planned = dict(AGENDA)
    for item_id, minutes in zip(kept, plan.minutes, strict=True):
        assert minutes <= planned[item_id]
        assert minutes >= 0.6 * planned[item_id], (item_id, minutes)

    # a part is only dropped when even the shortest version of what is kept does not fit
    if plan.dropped:
        shortest = sum(
            max(3, -(-planned[i] * 6 // 10)) for i in [*kept[:-1], plan.dropped[0].id, kept[-1]]
        )
        assert shortest > available

    # the facilitator is told every change, in Dutch
    lines = plan.changes()
    for item in plan.dropped:
        assert f"Vervalt: {item.titel.strip()} ({item.id})" in lines
    for item, before, after in plan.shortened:
        assert f"Korter: {item.titel.strip()} ({before} -> {after} min)" in lines
    assert len(lines) == len(plan.dropped) + len(plan.shortened)
    assert {item.id for item, _, _ in plan.shortened} == {
        i for i, m in zip(kept, plan.minutes, strict=True) if m != planned[i]
    }


def test_much_too_little_time_drops_the_middle_first():
    plan = fit(ITEMS, MINUTES, 20)
    assert ids(plan.items)[0] == "ronde-opening"
    assert ids(plan.items)[-1] == "ronde-afsluiting"
    assert "bc-integer" in ids(plan.dropped)
    assert plan.total <= 20
    assert any(line.startswith("Vervalt: ") for line in plan.changes())


def test_fit_does_not_change_its_input():
    items, minutes = list(ITEMS), list(MINUTES)
    fit(items, minutes, 20)
    assert ids(items) == ids(ITEMS) and minutes == MINUTES


def test_short_parts_do_not_force_a_drop():
    # three 2-minute stellingen between two rounds: 26 minutes; at 60% the rounds take 6
    # each and the stellingen stay 2, so 19 minutes fit without dropping anything
    agenda = [
        ("ronde-opening", 10),
        ("een-beetje-integer-bestaat-niet", 2),
        ("lekken-is-vertrekken", 2),
        ("meer-regels-geven-duidelijkheid", 2),
        ("ronde-afsluiting", 10),
    ]
    plan = fit([LIB.items[i] for i, _ in agenda], [m for _, m in agenda], 19)
    assert plan.dropped == []
    assert ids(plan.items) == [i for i, _ in agenda]
    assert plan.minutes[1:4] == [2, 2, 2]
    assert plan.total <= 19

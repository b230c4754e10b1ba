"""Fitting a plan to the time available (``gesprek sessie --duur MIN``)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

MIN_SHARE = 0.6  # a part is never shortened below 60% of its planned time
MIN_MINUTES = 3


@dataclass
class Plan:
    items: list[Any]
    minutes: list[int]
    dropped: list[Any] = field(default_factory=list)
    shortened: list[tuple[Any, int, int]] = field(default_factory=list)  # item, before, after

    @property
    def total(self) -> int:
        return sum(self.minutes)

    def changes(self) -> list[str]:
        """What fitting changed, in Dutch, for the facilitator."""
        lines = [f"Vervalt: {item.titel.strip()} ({item.id})" for item in self.dropped]
        lines += [
            f"Korter: {item.titel.strip()} ({before} -> {after} min)"
            for item, before, after in self.shortened
        ]
        return lines


def fit(items: list[Any], minutes: list[int], available: int | None) -> Plan:
    """Shorten parts (to at most 60% of their time), then drop parts from the end of the
    middle (the first and last part, usually the opening and closing round, stay) until
    the plan fits in ``available`` minutes. When even the first and last part do not fit
    at their shortest, the result is longer than ``available``: the caller says so."""
    if available is None or sum(minutes) <= available:
        return Plan(list(items), list(minutes))
    keep = list(range(len(items)))
    # Round up: round() would let a 7-minute part go to 4 (57%). A part shorter than
    # MIN_MINUTES is not shortened, and its floor is its own time.
    floors = {
        i: min(minutes[i], max(MIN_MINUTES, math.ceil(round(minutes[i] * MIN_SHARE, 6))))
        for i in keep
    }
    dropped: list[int] = []
    while sum(floors[i] for i in keep) > available and len(keep) > 2:
        victim = keep[-2]
        keep.remove(victim)
        dropped.append(victim)
    planned = {i: minutes[i] for i in keep}
    excess = sum(planned.values()) - available
    while excess > 0:
        room = [i for i in keep if planned[i] > floors[i]]
        if not room:
            break
        for i in sorted(room, key=lambda i: planned[i] - floors[i], reverse=True):
            if excess <= 0:
                break
            planned[i] -= 1
            excess -= 1
    plan = Plan([items[i] for i in keep], [planned[i] for i in keep])
    plan.dropped = [items[i] for i in sorted(dropped)]
    plan.shortened = [(items[i], minutes[i], planned[i]) for i in keep if planned[i] != minutes[i]]
    return plan


OPENING = "ronde-opening"
CLOSING = "ronde-afsluiting"


def with_rounds(library: Any, items: list[Any], minutes: list[int]) -> tuple[list[Any], list[int]]:
    """A selection made by theme or type, with an opening round first and a closing round
    last (the built-in ``ronde-opening`` and ``ronde-afsluiting``, where loaded)."""
    ends = [library.items.get(OPENING), library.items.get(CLOSING)]
    ids = {item.id for item in ends if item is not None}
    middle = [(i, m) for i, m in zip(items, minutes, strict=True) if i.id not in ids]
    pairs = []
    if ends[0] is not None:
        pairs.append((ends[0], ends[0].duur))
    pairs += middle
    if ends[1] is not None:
        pairs.append((ends[1], ends[1].duur))
    return [i for i, _ in pairs], [m for _, m in pairs]

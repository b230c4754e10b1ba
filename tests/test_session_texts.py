"""Small text faults of the session's neighbours (issue 14, point 14): ids whole at 80
columns in ``inhoud``, ``sessies`` readable at 80 columns, ``Klaar`` counting only the parts
discussed, and no ``sessie_id`` in a message."""

from __future__ import annotations

import json

from gesprek.content import library
from tests.fakes import FakeClock
from tests.sessions import record

LIB = library.load()


def test_inhoud_at_80_columns_never_breaks_an_id(gesprek, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = gesprek("inhoud")
    assert result.code == 0
    words = set(result.out.split())
    for item in LIB.items.values():
        assert item.id in words, item.id
    assert max(len(line) for line in result.out.splitlines()) <= 80


def record_sessions(n: int) -> None:
    """``n`` sessions of three parts: the first discussed, the second skipped, the third
    still open."""
    ids = ["lunch-niet-betalen", "een-beetje-integer-bestaat-niet", "datalek-of-niet"]
    for number in range(n):
        record(
            ids,
            [[1, 2, 3, 4]],
            lib=LIB,
            minutes=[10, 5, 5],
            team=f"Team Noord-Oost {number}",
            omschrijving="kaarten: " + ", ".join(ids),
            clock=FakeClock(),
            skipped=(2,),
            parts=2,
            finish=False,
        )


def test_sessies_at_80_columns_keeps_each_session_on_a_row_or_two(gesprek, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    record_sessions(10)
    result = gesprek("sessies")
    assert result.code == 0
    lines = [line for line in result.out.splitlines() if line.strip()]
    assert len(lines) <= 2 + 2 * 10, result.out
    header = lines[0]
    assert "Programma / selectie" in header and "Team" in header  # no column squeezed
    assert max(len(line) for line in result.out.splitlines()) <= 80


def test_klaar_counts_only_the_parts_discussed(gesprek):
    record_sessions(1)
    (listed,) = json.loads(gesprek("sessies", "--json").out)
    assert listed["klaar"] == 1  # one discussed, one skipped, one still open
    assert "1/3" in gesprek("sessies").out


def test_a_missing_id_is_named_as_the_user_types_it(gesprek):
    for command in ("resultaten", "wis", "toon"):
        result = gesprek(command)
        assert result.code == 2
        assert "_id" not in result.err and "ID ontbreekt" in result.err, result.err

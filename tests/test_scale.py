"""Records at a unit's scale: `overzicht` stays one line per team, `sessies` shows the most
recent sessions unless asked for all. (Times are measured in bench/unit_scale.py.)"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gesprek.content import library
from tests.sessions import record

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="module")
def lib():
    return library.load()


def fill(db: Path, lib, teams: int, per_team: int) -> None:
    """Sessions through the engine: each team votes on the same two items every time."""
    items = [lib.items["lunch-niet-betalen"], lib.items["datalek-of-niet"]]
    votes = [[1] * len(item.stemmingen()[0].opties) for item in items]
    for round_ in range(per_team):
        for team in range(teams):
            record(
                items,
                votes,
                db=db,
                minutes=[5, 5],
                team=f"Basisteam {team:03d} Noord-Holland Zuid",
                omschrijving="schaal",
                when=(NOW - timedelta(days=30 * round_ + team % 7)).isoformat(),
                notes=[(1, "notitie", "notitie")],
            )


def test_overzicht_of_200_teams_is_one_line_per_team(gesprek, lib, tmp_path, monkeypatch):
    db = tmp_path / "eenheid.sqlite"
    fill(db, lib, teams=200, per_team=2)
    monkeypatch.setenv("GESPREK_DB", str(db))
    result = gesprek("overzicht")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    for team in (0, 57, 199):
        name = f"Basisteam {team:03d}"
        assert sum(name in line for line in lines) == 1, name
    assert len(lines) < 200 + 15  # a title, a header and a few lines of explanation
    assert "Verloop bij" not in result.out
    detail = gesprek("overzicht", "--team", "basisteam 057 noord-holland zuid")
    assert "Verloop bij Basisteam 057" in detail.out
    assert "Basisteam 058" not in detail.out
    data = json.loads(gesprek("overzicht", "--json").out)
    assert len(data) == 200 and all(len(t["trends"]) == 2 for t in data)


def test_sessies_shows_the_most_recent_and_all_on_request(gesprek, lib, tmp_path, monkeypatch):
    db = tmp_path / "laptop.sqlite"
    fill(db, lib, teams=25, per_team=1)
    monkeypatch.setenv("GESPREK_DB", str(db))
    shown = gesprek("sessies")
    assert shown.code == 0, shown.err
    assert sum("Basisteam" in line for line in shown.out.splitlines()) == 20
    assert "De laatste 20 van 25 sessies" in shown.out and "--alle" in shown.out
    every = gesprek("sessies", "--alle")
    assert sum("Basisteam" in line for line in every.out.splitlines()) == 25
    newest = json.loads(gesprek("sessies", "--json").out)
    assert len(newest) == 20
    assert len(json.loads(gesprek("sessies", "--json", "--alle").out)) == 25
    assert newest[0]["begonnen"] >= newest[-1]["begonnen"]

"""gesprek sessies, resultaten and sessie through the real entry point (in-process)."""

from __future__ import annotations

import io
import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from gesprek.content import library
from gesprek.reports.results import results
from gesprek.store.migrations import SCHEMA_VERSION
from gesprek.store.records import Store
from tests import sessions

LIB = library.load()


def db_path() -> Path:
    return Path(os.environ["GESPREK_DB"])  # tmp_path, set by the autouse fixture


def record(team: str, began: str, *ids: str, votes=(), close=False, programma=None, at=1) -> int:
    """A session through ``tests.sessions.record``: the team's note and agreement typed at
    part ``at``; left where the last vote left it, unless ``close``."""
    return sessions.record(
        ids,
        votes,
        lib=LIB,
        team=team,
        when=began,
        programma=programma,
        omschrijving=", ".join(f"kaart {i}" for i in ids),
        notes=[(at, "notitie", f"notitie van {team}"), (at, "afspraak", f"afspraak van {team}")],
        parts=None if close else 0,
        finish=close,
    )


def test_sessies_json_lists_the_newest_first(gesprek):
    first = record(
        "Team Noord",
        "2025-01-10T09:00:00+01:00",
        "lunch-niet-betalen",
        votes=[[1, 2, 3, 4]],
        close=True,
    )
    second = record(
        "Team Zuid", "2025-03-05T14:30:00+01:00", "ronde-opening", "een-beetje-integer-bestaat-niet"
    )
    third = record("Team West", "2025-02-20T10:00:00+01:00", "datalek-of-niet", programma="eigen")

    result = gesprek("sessies", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [s["id"] for s in data] == [second, third, first]
    by_id = {s["id"]: s for s in data}
    assert by_id[first]["team"] == "Team Noord"
    assert by_id[first]["beeindigd"] is not None
    assert by_id[first]["status"] == "afgerond"
    assert by_id[second]["status"] == "onderbroken"
    assert by_id[second]["onderdelen"] == 2
    assert by_id[second]["klaar"] == 0
    assert by_id[third]["programma"] == "eigen"
    assert by_id[first]["begonnen"] == "2025-01-10T09:00:00+01:00"


def test_sessies_without_any_session(gesprek):
    result = gesprek("sessies", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == []
    result = gesprek("sessies")
    assert result.code == 0
    assert "Nog geen sessies" in result.out


def test_resultaten_json_is_the_stored_results(gesprek):
    sid = record(
        "Team Oost",
        "2025-04-01T19:00:00+02:00",
        "lunch-niet-betalen",
        "casus-vik",
        votes=[[4, 2, 1, 0], [1, 2, 3, 0], [0, 0, 5, 1]],
        at=2,
    )
    result = gesprek("resultaten", str(sid), "--json")
    assert result.code == 0, result.err
    shown = json.loads(result.out)
    store = Store.open(db_path())
    assert shown == results(store, sid)
    store.close()
    assert shown["team"] == "Team Oost"
    assert [(e["item"], e["stap"]) for e in shown["onderdelen"]][:2] == [
        ("lunch-niet-betalen", None),
        ("casus-vik", shown["onderdelen"][1]["stap"]),
    ]
    assert shown["onderdelen"][0]["stemmen"] == {"a": 4, "b": 2, "c": 1, "d": 0}
    # the notes were typed during the casus (the votes moved the session on)
    assert shown["onderdelen"][0]["afspraken"] == []
    assert shown["onderdelen"][1]["afspraken"] == ["afspraak van Team Oost"]
    assert shown["onderdelen"][1]["notities"] == ["notitie van Team Oost"]


def test_resultaten_readable_shows_the_votes_and_notes(gesprek):
    sid = record(
        "Team Oost", "2025-04-01T19:00:00+02:00", "lunch-niet-betalen", votes=[[4, 2, 1, 0]]
    )
    result = gesprek("resultaten", str(sid))
    assert result.code == 0, result.err
    assert "De eigenaar wil niet dat je betaalt" in result.out
    assert "notitie van Team Oost" in result.out
    assert "afspraak van Team Oost" in result.out


def test_resultaten_of_an_unknown_session(gesprek):
    record("Team Oost", "2025-04-01T19:00:00+02:00", "lunch-niet-betalen")
    result = gesprek("resultaten", "99", "--json")
    assert result.code == 2
    assert result.out == ""
    assert "onbekende sessie 99" in result.err
    assert "gesprek sessies" in result.err
    assert "Traceback" not in result.err


def test_sessie_without_a_terminal_says_so(gesprek, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = gesprek("sessie", "--kaart", "lunch-niet-betalen", "--team", "T")
    assert result.code == 2
    assert "terminal" in result.err
    assert "Traceback" not in result.err
    if db_path().exists():
        store = Store.open(db_path())
        assert store.sessions() == []
        store.close()


@pytest.mark.parametrize(
    "command", [("sessies",), ("sessies", "--json"), ("resultaten", "1", "--json")]
)
def test_a_corrupt_records_file_gives_a_message_and_is_left_alone(gesprek, tmp_path, command):
    bad = tmp_path / "kapot.sqlite"
    content = random.Random(7).randbytes(8192)
    bad.write_bytes(content)
    result = gesprek("--db", str(bad), *command)
    assert result.code == 2
    assert result.out == ""
    assert "fout:" in result.err
    assert "geen leesbaar verslagbestand" in result.err
    assert "Traceback" not in result.err
    assert bad.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("kapot")) == [
        "kapot.sqlite"
    ]


def test_a_records_file_from_a_newer_gesprek_gives_a_message(gesprek, tmp_path):
    path = tmp_path / "nieuwer.sqlite"
    Store.open(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    content = path.read_bytes()
    result = gesprek("--db", str(path), "sessies", "--json")
    assert result.code == 2
    assert "nieuwere versie van gesprek" in result.err
    assert "Traceback" not in result.err
    assert path.read_bytes() == content


def test_resultaten_of_a_session_whose_snapshot_no_longer_fits_the_model(gesprek):
    sid = record(
        "Team Oost", "2025-04-01T19:00:00+02:00", "lunch-niet-betalen", votes=[[4, 2, 1, 0]]
    )
    db = sqlite3.connect(db_path())
    db.execute("UPDATE onderdelen SET snapshot = json_set(snapshot, '$.veld_van_later', 1)")
    db.commit()
    db.close()
    result = gesprek("resultaten", str(sid), "--json")
    assert result.code == 0, result.err
    [entry] = json.loads(result.out)["onderdelen"]
    assert entry["stemmen"] == {"a": 4, "b": 2, "c": 1, "d": 0}
    result = gesprek("resultaten", str(sid))
    assert result.code == 0, result.err
    assert "De eigenaar wil niet dat je betaalt" in result.out

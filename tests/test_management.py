"""Management: overview per team (due and overdue, trends), export in CSV and JSON,
deleting a session, and the initiatives catalogue. Sessions are built by the real engine
into real SQLite files, with the dates passed in."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gesprek.content import library
from gesprek.reports.initiatives import fold, search, suggestions
from gesprek.reports.overview import overview, status_for
from gesprek.store.records import Store
from tests.sessions import record

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def lib():
    return library.load()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "verslagen.sqlite"


def hold(db: Path, lib, team: str, when: datetime, votes: dict[str, list[int]], notes=()) -> int:
    """A session through ``tests.sessions.record`` at ``when``: vote on the given items in
    order, the ``(soort, tekst)`` notes typed at the last part, finished."""
    at_last = [(len(votes), soort, tekst) for soort, tekst in notes]
    return record(
        list(votes), list(votes.values()), db=db, lib=lib, team=team, when=when, notes=at_last
    )


def test_yearly_status_from_the_last_conversation():
    assert status_for(NOW - timedelta(days=30), NOW) == "op-tijd"
    assert status_for(NOW - timedelta(days=320), NOW) == "binnenkort"
    assert status_for(NOW - timedelta(days=400), NOW) == "te-laat"
    assert status_for(None, NOW) == "te-laat"


def test_overview_names_teams_due_and_overdue_and_their_themes(db, lib):
    hold(db, lib, "Team Noord", NOW - timedelta(days=20), {"lunch-niet-betalen": [4, 2, 1, 0]})
    hold(db, lib, "Team Zuid", NOW - timedelta(days=320), {"datalek-of-niet": [1, 1, 1, 5]})
    hold(
        db,
        lib,
        "Team Oost",
        NOW - timedelta(days=500),
        {"een-beetje-integer-bestaat-niet": [3, 3, 1]},
    )
    store = Store.open(db)
    teams = {t.team: t for t in overview(store, NOW)}
    store.close()
    assert teams["Team Noord"].status == "op-tijd"
    assert teams["Team Zuid"].status == "binnenkort"
    assert teams["Team Oost"].status == "te-laat"
    assert teams["Team Noord"].themas == ["geschenken"]
    assert "integer" in teams["Team Noord"].kernwaarden
    # A session older than 12 months counts for the date, not for the themes covered.
    assert teams["Team Oost"].themas == []
    assert teams["Team Oost"].laatste == (NOW - timedelta(days=500)).date().isoformat()


def test_overview_shows_how_a_distribution_moved(db, lib, gesprek, monkeypatch):
    hold(db, lib, "Team Noord", NOW - timedelta(days=300), {"lunch-niet-betalen": [1, 5, 1, 0]})
    hold(db, lib, "Team Noord", NOW - timedelta(days=10), {"lunch-niet-betalen": [6, 0, 1, 0]})
    hold(db, lib, "Team West", NOW - timedelta(days=10), {"lunch-niet-betalen": [2, 2, 2, 2]})
    store = Store.open(db)
    teams = {t.team: t for t in overview(store, NOW)}
    store.close()
    (trend,) = teams["Team Noord"].trends
    assert trend.item == "lunch-niet-betalen"
    assert [p.stemmen for p in trend.punten] == [
        {"a": 1, "b": 5, "c": 1, "d": 0},
        {"a": 6, "b": 0, "c": 1, "d": 0},
    ]
    assert teams["Team West"].trends == []  # one session: nothing to compare

    monkeypatch.setenv("GESPREK_DB", str(db))
    result = gesprek("overzicht", "--team", "team noord", "--json")
    assert result.code == 0, result.err
    (data,) = json.loads(result.out)
    assert data["team"] == "Team Noord"
    assert data["sessies"] == 2
    assert [s["stemmen"]["a"] for s in data["trends"][0]["sessies"]] == [1, 6]
    shown = gesprek("overzicht")  # one line per team; the details with --team
    assert "Team West" in shown.out and "Team Noord" in shown.out
    assert "Verloop bij" not in shown.out
    assert "gesprek overzicht --team NAAM" in shown.out
    detail = gesprek("overzicht", "--team", "team noord")
    assert "Verloop bij Team Noord: De eigenaar wil niet dat je betaalt" in detail.out
    assert "Team West" not in detail.out


def test_export_csv_opens_as_dutch_excel_reads_it(db, lib, gesprek, monkeypatch, tmp_path):
    hold(db, lib, "=Team Noord", NOW - timedelta(days=3), {"lunch-niet-betalen": [4, 2, 1, 0]})
    hold(db, lib, "Team Zuid", NOW - timedelta(days=400), {"datalek-of-niet": [1, 2, 3, 4]})
    monkeypatch.setenv("GESPREK_DB", str(db))
    out = tmp_path / "stemmen.csv"
    result = gesprek("export", "-o", str(out))
    assert result.code == 0, result.err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    assert b"\r\n" in raw
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert len(rows) == 8
    # Oldest session first: Team Zuid's four options, then Team Noord's.
    assert [r["team"] for r in rows] == ["Team Zuid"] * 4 + ["'=Team Noord"] * 4
    first = rows[4]
    assert first["team"] == "'=Team Noord"  # never a formula in Excel
    assert first["item"] == "lunch-niet-betalen"
    assert first["optie"] == "a"
    assert first["aantal"] == "4"
    assert "één keer kan geen kwaad" in rows[5]["optietekst"]
    # Filters: since a date, and by team.
    recent = tmp_path / "recent.csv"
    assert (
        gesprek(
            "export", "-o", str(recent), "--sinds", (NOW - timedelta(days=30)).date().isoformat()
        ).code
        == 0
    )
    with open(recent, encoding="utf-8-sig", newline="") as handle:
        assert {r["item"] for r in csv.DictReader(handle, delimiter=";")} == {"lunch-niet-betalen"}
    zuid = tmp_path / "zuid.csv"
    assert gesprek("export", "-o", str(zuid), "--team", "Team Zuid").code == 0
    with open(zuid, encoding="utf-8-sig", newline="") as handle:
        assert {r["team"] for r in csv.DictReader(handle, delimiter=";")} == {"Team Zuid"}


def test_export_json_has_notes_and_agreements(db, lib, gesprek, monkeypatch, tmp_path):
    hold(
        db,
        lib,
        "Team Noord",
        NOW,
        {"lunch-niet-betalen": [4, 2, 1, 0]},
        notes=[("afspraak", "We betalen altijd zelf")],
    )
    monkeypatch.setenv("GESPREK_DB", str(db))
    out = tmp_path / "alles.json"
    assert gesprek("export", "--formaat", "json", "-o", str(out)).code == 0
    (session,) = json.loads(out.read_text(encoding="utf-8"))
    assert session["team"] == "Team Noord"
    assert session["onderdelen"][0]["stemmen"] == {"a": 4, "b": 2, "c": 1, "d": 0}
    assert session["onderdelen"][0]["afspraken"] == ["We betalen altijd zelf"]


def test_export_refuses_to_overwrite_and_bad_input(db, lib, gesprek, monkeypatch, tmp_path):
    hold(db, lib, "Team Noord", NOW, {"lunch-niet-betalen": [4, 2, 1, 0]})
    monkeypatch.setenv("GESPREK_DB", str(db))
    out = tmp_path / "bestaat.csv"
    out.write_text("niet aankomen", encoding="utf-8")
    result = gesprek("export", "-o", str(out))
    assert result.code == 2
    assert "bestaat al" in result.err and "--overschrijf" in result.err
    assert out.read_text(encoding="utf-8") == "niet aankomen"
    assert gesprek("export", "-o", str(out), "--overschrijf").code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("sessie;datum;team")
    bad = gesprek("export", "-o", str(tmp_path / "x.csv"), "--sinds", "gisteren")
    assert bad.code == 2 and "ongeldige datum 'gisteren'" in bad.err
    fmt = gesprek("export", "-o", str(tmp_path / "x.xls"), "--formaat", "xls")
    assert fmt.code == 2 and "onbekend formaat 'xls'" in fmt.err
    missing = gesprek("export", "-o", str(tmp_path / "geen-map" / "x.csv"))
    assert missing.code == 2 and "bestaat niet" in missing.err
    assert "Traceback" not in bad.err + fmt.err + missing.err


def test_delete_removes_one_session_and_leaves_the_others(db, lib, gesprek, monkeypatch):
    first = hold(
        db, lib, "Team Noord", NOW, {"lunch-niet-betalen": [4, 2, 1, 0]}, notes=[("notitie", "x")]
    )
    second = hold(db, lib, "Team Zuid", NOW, {"datalek-of-niet": [1, 2, 3, 4]})
    monkeypatch.setenv("GESPREK_DB", str(db))
    result = gesprek("wis", str(first), "--ja")
    assert result.code == 0, result.err
    assert f"Sessie {first} is verwijderd" in result.out
    listed = json.loads(gesprek("sessies", "--json").out)
    assert [s["id"] for s in listed] == [second]
    store = Store.open(db)
    try:
        assert store.votes(first) == {} and store.notes(first) == [] and store.parts(first) == []
        assert store.votes(second)[(1, None)] == {
            "usb": 1,
            "pv-achterbank": 2,
            "bushokje": 3,
            "geen": 4,
        }
    finally:
        store.close()
    unknown = gesprek("wis", "99", "--ja")
    assert unknown.code == 2 and "onbekende sessie 99" in unknown.err
    # Without --ja and without a terminal to ask on: refused, nothing deleted.
    asked = gesprek("wis", str(second))
    assert asked.code == 2 and "--ja" in asked.err
    assert [s["id"] for s in json.loads(gesprek("sessies", "--json").out)] == [second]


def test_search_ignores_case_and_accents(lib):
    assert fold("Café Intégrité") == "cafe integrite"
    titles = [i.titel for i in search(lib, "integrite")]
    assert "Café Intégrité" in titles
    assert [i.titel for i in search(lib, "INTÉGRITÉ")] == titles
    assert search(lib, "woord-dat-nergens-staat") == []


def test_initiatives_command_filters_and_errors(gesprek):
    result = gesprek("initiatieven", "--pijler", "professioneel-controleren", "--json")
    assert result.code == 0
    items = json.loads(result.out)
    assert items and all(i["pijler"] == "professioneel-controleren" for i in items)
    students = json.loads(gesprek("initiatieven", "--doelgroep", "studenten", "--json").out)
    assert all("studenten" in i["doelgroep"] or "iedereen" in i["doelgroep"] for i in students)
    shown = gesprek("initiatieven", "--zoek", "cafe integrite")
    assert "Café Intégrité" in shown.out and "Voor wie" in shown.out
    bad = gesprek("initiatieven", "--pijler", "veilige-teams")
    assert bad.code == 2
    assert "onbekende pijler 'veilige-teams' (bedoelde je 'veilige-inclusieve-teams'?)" in bad.err
    bad_group = gesprek("initiatieven", "--doelgroep", "student")
    assert bad_group.code == 2 and "bedoelde je 'studenten'?" in bad_group.err


def test_suggestions_fit_the_themes_discussed(lib):
    picked = suggestions(lib, ["discriminatie", "discriminatie", "ongewenst-gedrag"], n=2)
    assert len(picked) == 2
    assert all("discriminatie" in i.themas or "ongewenst-gedrag" in i.themas for i in picked)
    assert suggestions(lib, []) == []


def test_results_suggest_initiatives_that_fit_the_session(db, lib, gesprek, monkeypatch):
    session_id = hold(db, lib, "Team Noord", NOW, {"moet-toch-kunnen-bijnaam-kebab": [1, 5, 1]})
    monkeypatch.setenv("GESPREK_DB", str(db))
    result = gesprek("resultaten", str(session_id))
    assert result.code == 0, result.err
    assert "Verder met dit thema? Bijvoorbeeld:" in result.out
    expected = suggestions(lib, [lib.items["moet-toch-kunnen-bijnaam-kebab"].thema])
    assert expected and all(item.titel in result.out for item in expected)
    # The JSON keeps exactly the documented shape: no suggestions in it.
    data = json.loads(gesprek("resultaten", str(session_id), "--json").out)
    assert set(data) == {"id", "team", "begonnen", "beeindigd", "programma", "onderdelen"}


def test_export_and_overview_survive_a_snapshot_of_an_older_format(
    db, lib, gesprek, monkeypatch, tmp_path
):
    import sqlite3

    first = hold(
        db, lib, "Team Noord", NOW - timedelta(days=40), {"lunch-niet-betalen": [1, 5, 1, 0]}
    )
    hold(db, lib, "Team Noord", NOW - timedelta(days=5), {"lunch-niet-betalen": [6, 0, 1, 0]})
    with sqlite3.connect(db) as raw:  # a snapshot this version's model does not accept
        raw.execute(
            "UPDATE onderdelen SET snapshot = ? WHERE sessie_id = ?",
            ('{"id": "lunch-niet-betalen", "type": "dilemma", "oud_veld": 1}', first),
        )
    monkeypatch.setenv("GESPREK_DB", str(db))
    out = tmp_path / "stemmen.csv"
    result = gesprek("export", "-o", str(out))
    assert result.code == 0, result.err
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    old = [r for r in rows if r["sessie"] == str(first)]
    assert [(r["optie"], r["aantal"], r["optietekst"]) for r in old] == [
        ("a", "1", ""),
        ("b", "5", ""),
        ("c", "1", ""),
        ("d", "0", ""),
    ]
    overview_result = gesprek("overzicht", "--json")
    assert overview_result.code == 0, overview_result.err
    (team,) = json.loads(overview_result.out)
    assert [s["stemmen"]["a"] for s in team["trends"][0]["sessies"]] == [1, 6]

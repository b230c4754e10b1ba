"""The records store against real SQLite files: migrations, one-file journal, immediate commits,
snapshots, the results shape, and files it must refuse without touching them."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import time
from pathlib import Path

import pytest

from gesprek.app import recording
from gesprek.content import library
from gesprek.errors import StoreError, UsageError
from gesprek.reports.results import results
from gesprek.store import records
from gesprek.store.migrations import MIGRATIONS, SCHEMA_VERSION
from gesprek.store.records import Store
from tests.fakes import FakeClock
from tests.sessions import session_in_another_process, start
from tests.testpack import pack_library

LIB = pack_library()
TABLES = {"sessies", "onderdelen", "stemmen", "notities"}


def schema_of(path: Path) -> set[tuple[str, str, str]]:
    db = sqlite3.connect(path)
    try:
        return {
            (row[0], row[1], row[2])
            for row in db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql NOT NULL")
        }
    finally:
        db.close()


def user_version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# -- migrations ------------------------------------------------------------------------------


def test_an_empty_file_is_migrated_to_the_current_schema(tmp_path: Path):
    path = tmp_path / "leeg.sqlite"
    path.touch()
    Store.open(path).close()
    assert user_version(path) == SCHEMA_VERSION
    assert {name for kind, name, _ in schema_of(path) if kind == "table"} >= TABLES


def test_a_missing_file_and_folder_are_created(tmp_path: Path):
    path = tmp_path / "nieuw" / "map" / "verslagen.sqlite"
    Store.open(path).close()
    assert user_version(path) == SCHEMA_VERSION


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_a_database_from_every_older_version_migrates_forward(tmp_path: Path, version: int):
    fresh = tmp_path / "vers.sqlite"
    Store.open(fresh).close()

    old = tmp_path / f"versie-{version}.sqlite"
    db = sqlite3.connect(old, isolation_level=None)
    for number in range(version):
        db.execute("BEGIN")
        MIGRATIONS[number](db)
        db.execute(f"PRAGMA user_version = {number + 1}")
        db.execute("COMMIT")
    db.close()
    assert user_version(old) == version

    store = Store.open(old)
    assert user_version(old) == SCHEMA_VERSION
    assert schema_of(old) == schema_of(fresh)
    # and the migrated file is fully usable
    sid, session = start(store, "test-dilemma")
    session.vote([1, 2, 3, 4])
    session.note("werkt")
    assert results(store, sid)["onderdelen"][0]["stemmen"] == {
        "a": 1,
        "b": 2,
        "c": 3,
        "d": 4,
    }
    store.close()


def test_opening_twice_does_not_migrate_again(tmp_path: Path):
    path = tmp_path / "r.sqlite"
    store = Store.open(path)
    sid, _ = start(store, "test-dilemma")
    store.close()
    store = Store.open(path)
    assert [r.id for r in store.sessions()] == [sid]
    store.close()
    assert user_version(path) == SCHEMA_VERSION


def copy_of_main_file(path: Path, folder: Path) -> Path:
    """What someone moving laptops does: copy just the .sqlite file, no -wal/-shm/-journal."""
    folder.mkdir(exist_ok=True)
    copy = folder / path.name
    copy.write_bytes(path.read_bytes())
    return copy


def test_a_copy_of_the_main_file_alone_carries_every_committed_entry(tmp_path: Path):
    path = tmp_path / "r.sqlite"
    store = Store.open(path)
    sid, s = start(store, "test-dilemma", "test-stelling")
    s.vote([1, 2, 3, 4])
    steps = [
        lambda: s.note("eerste notitie"),
        lambda: s.note("een afspraak", soort="afspraak"),
        lambda: s.next(),
        lambda: s.vote([5, 0, 2]),
    ]
    for n, step in enumerate(steps):
        step()
        copy = copy_of_main_file(path, tmp_path / f"kopie{n}")
        reader = Store.open(copy, write=False)
        assert reader.votes(sid) == store.votes(sid)
        assert reader.notes(sid) == store.notes(sid)
        reader.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("r.sqlite")) == [
        "r.sqlite",
        f"r.sqlite-sessie-{sid}.lock",
    ]
    other = sqlite3.connect(path)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    other.close()
    store.close()


def test_after_kill_9_a_copy_of_the_main_file_alone_has_the_whole_session(tmp_path: Path):
    import os
    import signal

    path = tmp_path / "r.sqlite"
    notes = [("notitie", "notitie voor de kill"), ("afspraak", "afspraak voor de kill")]
    with session_in_another_process(
        path, "test-dilemma", "test-ronde-opening", votes=[4, 3, 2, 1], notes=notes
    ) as (child, _):
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    copy = copy_of_main_file(path, tmp_path / "andere-laptop")
    reader = Store.open(copy, write=False)
    [record] = reader.sessions()
    assert reader.votes(record.id) == {(1, None): {"a": 4, "b": 3, "c": 2, "d": 1}}
    assert [n[2] for n in reader.notes(record.id)] == [
        "notitie voor de kill",
        "afspraak voor de kill",
    ]
    reader.close()


# -- every entry is committed at once ---------------------------------------------------------


def test_votes_notes_and_agreements_are_committed_the_moment_they_are_entered(tmp_path: Path):
    path = tmp_path / "r.sqlite"
    store = Store.open(path)
    sid, session = start(store, "test-dilemma", "test-casus")
    other = sqlite3.connect(path)  # a second reader, as after a crash

    session.vote([4, 2, 1, 0])
    rows = other.execute(
        "SELECT positie, stap, optie_id, aantal FROM stemmen WHERE sessie_id=? ORDER BY optie_id",
        (sid,),
    ).fetchall()
    assert rows == [(1, 0, "a", 4), (1, 0, "b", 2), (1, 0, "c", 1), (1, 0, "d", 0)]

    session.note("Koffie mag, een diner niet.")
    session.note("We betalen altijd zelf.", "afspraak")
    notes = other.execute(
        "SELECT positie, soort, tekst FROM notities WHERE sessie_id=? ORDER BY id", (sid,)
    ).fetchall()
    assert notes == [
        (1, "notitie", "Koffie mag, een diner niet."),
        (1, "afspraak", "We betalen altijd zelf."),
    ]

    # leaving the part is stored too
    session.next()
    status = other.execute(
        "SELECT positie, status FROM onderdelen WHERE sessie_id=? ORDER BY positie", (sid,)
    ).fetchall()
    assert status == [(1, "klaar"), (2, "open")]
    other.close()
    store.close()


# -- snapshots ---------------------------------------------------------------------------------


def test_snapshots_keep_results_readable_when_the_content_changes(tmp_path: Path):
    store = Store.open(tmp_path / "r.sqlite")
    original = LIB.items["test-dilemma"]
    first, session = start(store, "test-dilemma")
    session.vote([4, 2, 1, 0])

    data, digest = recording.snapshot(original)
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert digest == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    [part] = store.parts(first)
    assert part.snapshot == data
    assert part.inhoud_hash == digest
    assert part.titel == original.titel.strip()

    # the card is rewritten: other title, fewer and other options
    changed = original.model_copy(
        update={
            "titel": "Gratis lunch",
            "opties": [original.opties[1], original.opties[0]],
        }
    )
    assert recording.snapshot(changed)[1] != digest
    second, later = start(store, changed, minutes=[10], team="Team Zuid", omschrijving="x")
    later.vote([7, 1])

    old = results(store, first)["onderdelen"]
    assert [(e["titel"], e["stemmen"]) for e in old] == [
        ("De bakker van het testbureau wil geen geld", {"a": 4, "b": 2, "c": 1, "d": 0})
    ]
    new = results(store, second)["onderdelen"]
    assert [(e["titel"], e["stemmen"]) for e in new] == [("Gratis lunch", {"b": 7, "a": 1})]
    assert store.parts(first)[0].inhoud_hash == digest
    assert store.parts(second)[0].inhoud_hash == recording.snapshot(changed)[1]

    # resuming uses the stored text, not today's content
    resumed = recording.resume(store, second, FakeClock(500.0))
    assert resumed.parts[0].item.titel == "Gratis lunch"
    store.close()


def test_results_do_not_need_the_content_at_all(tmp_path: Path, pack):
    # an item from an extra pack that is gone afterwards
    from tests.conftest import VALID_DILEMMA

    extra = library.load([pack({"dilemmas/eigen-dilemma.yaml": VALID_DILEMMA})])
    store = Store.open(tmp_path / "r.sqlite")
    sid, session = start(store, "eigen-dilemma", lib=extra, minutes=[5], team="T", omschrijving="x")
    session.vote([3, 2])
    store.close()
    assert "eigen-dilemma" not in library.load().items
    store = Store.open(tmp_path / "r.sqlite")
    [entry] = results(store, sid)["onderdelen"]
    assert entry["titel"] == "Een eigen dilemma"
    assert entry["stemmen"] == {"a": 3, "b": 2}
    store.close()


@pytest.mark.parametrize(
    "edit",
    [
        "json_set(snapshot, '$.veld_van_later', 'x')",  # a field this version does not know
        "json_remove(snapshot, '$.situatie')",  # a field that became optional later
    ],
)
def test_results_stay_readable_when_the_content_format_changed(tmp_path: Path, edit: str):
    path = tmp_path / "r.sqlite"
    store = Store.open(path)
    sid, s = start(store, "test-dilemma", "test-stelling")
    s.vote([4, 2, 1, 0])
    s.note("Blijft bewaard.")
    store.close()
    other = sqlite3.connect(path)
    other.execute(f"UPDATE onderdelen SET snapshot = {edit} WHERE positie = 1")
    other.commit()
    other.close()

    store = Store.open(path)
    [entry] = results(store, sid)["onderdelen"]
    assert entry["titel"] == "De bakker van het testbureau wil geen geld"
    assert entry["stemmen"] == {"a": 4, "b": 2, "c": 1, "d": 0}
    assert entry["notities"] == ["Blijft bewaard."]
    # going on with such a session is refused with a message, not a traceback
    with pytest.raises(StoreError, match="kan niet worden hervat"):
        recording.resume(store, sid, FakeClock(500.0))
    store.close()


# -- the results shape ---------------------------------------------------------------------------


def test_results_have_exactly_the_designed_shape(tmp_path: Path):
    store = Store.open(tmp_path / "r.sqlite")
    clock = FakeClock(500.0)
    sid, s = start(
        store,
        "test-ronde-opening",
        "test-dilemma",
        "test-casus",
        clock=clock,
        programma="eigen",
        team="Basisteam Oost",
    )
    s.note("Iedereen was er.")  # at the ronde: no vote, but a note
    s.skip()
    s.vote([1, 2, 3, 4])
    s.note("Twijfel over koffie.")
    s.note("Meld het aanbod.", "afspraak")
    s.next()
    casus = LIB.items["test-casus"]
    first_two = [n for n, st in enumerate(casus.stappen, start=1) if st.beslismoment][:2]
    while not s.finished:  # casus: vote at the first two beslismomenten only
        phase = s.phase
        if phase.votes_open and phase.stemming.stap in first_two:
            s.vote([2] + [1] * (len(phase.stemming.opties) - 1))
        else:
            s.next()
    s.close()

    data = results(store, sid)
    assert list(data) == ["id", "team", "begonnen", "beeindigd", "programma", "onderdelen"]
    assert data["id"] == sid
    assert data["team"] == "Basisteam Oost"
    assert data["programma"] == "eigen"
    assert data["begonnen"] and data["beeindigd"]
    for entry in data["onderdelen"]:
        assert list(entry) == [
            "item",
            "type",
            "titel",
            "stap",
            "stemmen",
            "notities",
            "afspraken",
        ]
    summary = [
        (e["item"], e["type"], e["stap"], e["notities"], e["afspraken"]) for e in data["onderdelen"]
    ]
    assert summary == [
        ("test-ronde-opening", "ronde", None, ["Iedereen was er."], []),
        ("test-dilemma", "dilemma", None, ["Twijfel over koffie."], ["Meld het aanbod."]),
        ("test-casus", "casus", first_two[0], [], []),
        ("test-casus", "casus", first_two[1], [], []),
    ]
    assert data["onderdelen"][0]["stemmen"] == {}  # a ronde has no vote
    assert data["onderdelen"][1]["stemmen"] == {"a": 1, "b": 2, "c": 3, "d": 4}
    assert data["onderdelen"][2]["stemmen"] == {"a": 2, "b": 1}
    assert data["onderdelen"][3]["stemmen"] == {"a": 2, "b": 1, "c": 1}
    json.dumps(data)  # plain JSON
    store.close()


def test_a_note_at_a_card_without_a_vote_shows_no_counts(tmp_path: Path):
    """Nobody voted: the results must not claim that 0 people chose each option."""
    store = Store.open(tmp_path / "r.sqlite")
    sid, s = start(store, "test-dilemma")
    s.note("We hebben alleen gepraat.")
    s.next()  # Enter at the Stemmen prompt: no vote
    s.next()
    [entry] = results(store, sid)["onderdelen"]
    assert entry["notities"] == ["We hebben alleen gepraat."]
    assert entry["stemmen"] == {}
    store.close()


# -- files that must be refused, untouched ------------------------------------------------------


def refused(path: Path, says: str) -> StoreError:
    before = listing(path.parent)
    with pytest.raises(StoreError) as caught:
        store = Store.open(path)
        try:  # a damaged file may only show when it is read
            for record in store.sessions():
                results(store, record.id)
        finally:
            store.close()
    assert says in caught.value.message
    assert listing(path.parent) == before, "the file was changed"
    return caught.value


def test_a_file_of_random_bytes_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "kapot.sqlite"
    path.write_bytes(random.Random(4).randbytes(16384))
    error = refused(path, "geen leesbaar verslagbestand")
    assert "niet aangeraakt" in (error.hint or "")


def test_a_text_file_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "notities.txt"
    path.write_text("Dit is geen database.\n" * 200, encoding="utf-8")
    refused(path, "geen leesbaar verslagbestand")


def real_database(tmp_path: Path, sessions: int = 12) -> bytes:
    path = tmp_path / "bron" / "echt.sqlite"
    store = Store.open(path)
    for n in range(sessions):
        _, s = start(store, "test-casus", "test-dilemma", "test-kennisvraag", team=f"T{n}")
        s.note("Een notitie die wat ruimte inneemt. " * 40)
        s.next()
    store.close()
    return path.read_bytes()


@pytest.mark.parametrize("keep", [0.5, 0.9, "one-page-less", "100-bytes-less"])
def test_a_truncated_database_is_refused_and_left_alone(tmp_path: Path, keep):
    data = real_database(tmp_path)
    if keep == "one-page-less":
        size = len(data) - 4096
    elif keep == "100-bytes-less":
        size = len(data) - 100
    else:
        size = int(len(data) * keep)
    path = tmp_path / "afgekapt" / "verslagen.sqlite"
    path.parent.mkdir()
    path.write_bytes(data[:size])
    refused(path, "geen leesbaar verslagbestand")


def test_a_sqlite_file_of_another_program_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "ander.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacten (naam TEXT, telefoon TEXT)")
    db.execute("INSERT INTO contacten VALUES ('x', '0')")
    db.commit()
    db.close()
    refused(path, "geen verslagbestand van gesprek")


def test_a_sqlite_file_of_another_program_with_a_user_version_is_refused(tmp_path: Path):
    path = tmp_path / "ander.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE dingen (x)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.commit()
    db.close()
    refused(path, "geen verslagbestand van gesprek")


def test_a_database_from_a_newer_gesprek_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "nieuwer.sqlite"
    store = Store.open(path)
    start(store, "test-dilemma")
    store.close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    error = refused(path, "nieuwere versie van gesprek")
    assert "bij" in (error.hint or "")  # "Werk gesprek bij"
    assert user_version(path) == SCHEMA_VERSION + 1


# -- locks --------------------------------------------------------------------------------------


def test_a_locked_new_database_says_so_within_seconds(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(records, "BUSY_TIMEOUT", 0.3)
    path = tmp_path / "r.sqlite"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    began = time.monotonic()
    with pytest.raises(StoreError, match="in gebruik"):
        Store.open(path)
    assert time.monotonic() - began < 5
    other.execute("ROLLBACK")
    other.close()
    Store.open(path).close()  # usable once the other program lets go


def test_a_locked_database_refuses_a_vote_with_a_message_and_keeps_what_was_there(
    tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(records, "BUSY_TIMEOUT", 0.3)
    path = tmp_path / "r.sqlite"
    store = Store.open(path)
    sid, s = start(store, "test-dilemma", "test-stelling")
    s.vote([1, 1, 1, 1])
    s.next()

    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    began = time.monotonic()
    with pytest.raises(StoreError, match="in gebruik"):
        s.vote([2, 0, 0])
    assert time.monotonic() - began < 5
    # a vote that could not be stored is not shown as counted; the question stays open
    assert s.current_counts() is None
    assert s.phase.kind == "vraag"
    other.execute("ROLLBACK")
    other.close()

    assert store.votes(sid) == {(1, None): {"a": 1, "b": 1, "c": 1, "d": 1}}
    store.close()


# -- resume and delete -----------------------------------------------------------------------


def test_resume_continues_at_the_first_unfinished_part_with_the_time_spent(tmp_path: Path):
    path = tmp_path / "r.sqlite"
    clock = FakeClock(500.0)
    store = Store.open(path)
    sid, s = start(store, "test-ronde-opening", "test-dilemma", "test-stelling", clock=clock)
    clock.advance(300)
    s.skip()  # opening round skipped after 5 minutes
    clock.advance(200)
    s.vote([4, 2, 1, 0])
    s.note("Notitie bij de lunch.")
    clock.advance(100)
    s.pause()  # Ctrl-C while the results of the lunch card are on screen
    store.close()

    store = Store.open(path)
    assert store.last_unfinished().id == sid
    later = FakeClock(500.0)
    resumed = recording.resume(store, sid, later)
    assert resumed.index == 1
    assert resumed.part.item.id == "test-dilemma"
    assert resumed.phase.kind == "uitslag"
    assert resumed.current_counts() == {"a": 4, "b": 2, "c": 1, "d": 0}
    assert resumed.notes == [(2, "notitie", "Notitie bij de lunch.")]
    assert [p.status for p in resumed.parts] == ["overgeslagen", "open", "open"]
    assert resumed.part_seconds() == 300
    assert resumed.total_seconds() == 600
    later.advance(30)
    assert resumed.part_seconds() == 330

    resumed.next()
    resumed.vote([3, 1, 0])
    resumed.next()
    resumed.close()
    data = results(store, sid)
    assert data["beeindigd"] is not None
    assert [e["stemmen"] for e in data["onderdelen"]] == [
        {"a": 4, "b": 2, "c": 1, "d": 0},
        {"eens": 3, "oneens": 1, "weet-niet": 0},
    ]
    assert store.last_unfinished() is None
    assert [p.bestede_seconden for p in store.parts(sid)] == [300, 330, 0]
    store.close()


def test_resume_after_a_crash_keeps_the_finished_parts_and_their_time(tmp_path: Path):
    path = tmp_path / "r.sqlite"
    clock = FakeClock(500.0)
    store = Store.open(path)
    sid, s = start(store, "test-dilemma", "test-stelling", clock=clock)
    clock.advance(400)
    s.vote([1, 2, 3, 4])
    clock.advance(80)
    s.next()
    clock.advance(60)
    # the laptop dies: no pause, no close; a new process opens the file
    again = Store.open(path)
    resumed = recording.resume(again, sid, FakeClock(500.0))
    assert resumed.part.item.id == "test-stelling"
    assert resumed.phase.kind == "vraag"
    assert resumed.parts[0].status == "klaar"
    assert resumed.parts[0].seconds == 480
    assert resumed.total_seconds() == 480
    again.close()
    store.close()


def test_delete_removes_one_session_and_leaves_the_others(tmp_path: Path):
    path = tmp_path / "r.sqlite"
    store = Store.open(path)
    kept = []
    for team in ("A", "B", "C"):
        sid, s = start(store, "test-dilemma", team=team)
        s.vote([1, 0, 0, 0])
        s.note(f"notitie {team}")
        kept.append(sid)
    gone = kept.pop(1)
    before = {sid: results(store, sid) for sid in kept}

    store.delete(gone)

    assert sorted(r.id for r in store.sessions()) == sorted(kept)
    with pytest.raises(UsageError, match="onbekende sessie"):
        store.session(gone)
    with pytest.raises(UsageError):
        store.delete(gone)
    assert {sid: results(store, sid) for sid in kept} == before
    other = sqlite3.connect(path)
    for table in ("onderdelen", "stemmen", "notities"):
        assert other.execute(
            f"SELECT count(*) FROM {table} WHERE sessie_id=?", (gone,)
        ).fetchone() == (0,)
    other.close()
    store.close()

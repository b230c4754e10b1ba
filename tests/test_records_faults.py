"""The records file under faults, with real files: a full disk (a small tmpfs), damaged and
foreign files, two processes on one session, a read-only mount, deleted text that must be
gone from the bytes, and ``--db`` paths with a typo or a URL. Mounting needs root; where
it is not possible those tests are skipped with the reason."""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gesprek.app import recording
from gesprek.errors import StoreError
from gesprek.store.migrations import MIGRATIONS
from gesprek.store.records import APPLICATION_ID, Store
from tests.fakes import FakeClock
from tests.pty_screen import Screen
from tests.sessions import record, session_in_another_process, start

LUNCH = "De bakker van het testbureau wil geen geld"
ENGLISH = ("Traceback", "disk I/O", "database or disk is full", "no such table", "rollback")


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word.lower() in text.lower()]


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def made_with_migrations(path: Path, journal: str = "delete") -> None:
    """A records file as gesprek made it before files were marked (no application_id)."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA journal_mode={journal}")
    for number, migration in enumerate(MIGRATIONS):
        db.execute("BEGIN")
        migration(db)
        db.execute(f"PRAGMA user_version = {number + 1}")
        db.execute("COMMIT")
    db.close()


# -- real mounts -------------------------------------------------------------------------------


def _mount(*args: str) -> str | None:
    """Run mount; None when it worked, else the reason."""
    if os.geteuid() != 0:
        return "mounting needs root"
    try:
        done = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"mount failed: {exc}"
    return None if done.returncode == 0 else f"mount failed: {done.stderr.strip()}"


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "schijf"
    where.mkdir()
    reason = _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where))
    if reason:
        pytest.skip(f"no small tmpfs for the disk-full test ({reason})")
    yield where
    _umount(where)


def fill(folder: Path) -> Path:
    """Fill the disk under ``folder`` to the last byte."""
    filler = folder / "vulling"
    with open(filler, "wb", buffering=0) as out:
        for size in (1 << 20, 1 << 14, 4096, 512, 1):
            try:
                while True:
                    out.write(b"\xff" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    return filler


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(a writable folder, the same folder mounted read-only)."""
    source = tmp_path / "bron"
    source.mkdir()
    view = tmp_path / "alleen-lezen"
    view.mkdir()
    reason = _mount("--bind", str(source), str(view))
    if reason:
        pytest.skip(f"no read-only bind mount ({reason})")
    reason = _mount("-o", "remount,bind,ro", str(view))
    if reason:
        _umount(view)
        pytest.skip(f"no read-only bind mount ({reason})")
    yield source, view
    _umount(view)


def sessie(db: Path, *args: str) -> Screen:
    """``gesprek sessie ARGS`` on the records file ``db`` (as GESPREK_DB), on a 100x40
    screen. English is looked for in ``printed``: nothing the program wrote may have it,
    also what the next screen drew over."""
    return Screen("sessie", *args, cols=100, rows=40, env=dict(os.environ, GESPREK_DB=str(db)))


# -- 10. disk full -----------------------------------------------------------------------------


def test_a_full_disk_refuses_a_vote_with_a_message_and_keeps_what_was_there(small_disk: Path):
    path = small_disk / "verslagen.sqlite"
    store = Store.open(path)
    sid, s = start(store, "test-dilemma", "test-stelling")
    s.vote([1, 2, 3, 4])
    s.note("voor de volle schijf")
    s.next()
    filler = fill(small_disk)
    with pytest.raises(StoreError) as caught:
        s.vote([2, 0, 0])  # SQLite rolls back by itself: our ROLLBACK must not raise
    assert "schijf is vol" in caught.value.message
    assert not english_in(caught.value.message + (caught.value.hint or ""))
    assert s.current_counts() is None  # not shown as counted
    with pytest.raises(StoreError, match="schijf is vol"):
        s.note("een notitie op een volle schijf")
    assert store.votes(sid) == {(1, None): {"a": 1, "b": 2, "c": 3, "d": 4}}
    store.close()

    filler.unlink()
    store = Store.open(path)
    s = recording.resume(store, sid, FakeClock(100.0))
    s.vote([2, 0, 1])
    assert store.votes(sid)[(2, None)] == {"eens": 2, "oneens": 0, "weet-niet": 1}
    store.close()


def test_a_note_typed_on_a_full_disk_in_the_real_session_is_a_dutch_message(
    small_disk: Path, gesprek, test_library
):
    db = small_disk / "verslagen.sqlite"
    with sessie(db, "--kaart", "test-dilemma", "--kaart", "test-kennisvraag", "--team", "T") as s:
        s.at_prompt("Stemmen A B C D")
        s.send("4 2 1 0")
        s.next_screen("Enter = verder")
        s.send("n")
        s.at_prompt("Notitie (Enter = annuleren)")
        s.send("eerste notitie")
        s.next_screen("Enter = verder")
        assert "Notitie bewaard" in s.text
        filler = fill(small_disk)
        s.send("n")
        s.at_prompt("Notitie (Enter = annuleren)")
        s.send("notitie op een volle schijf")
        s.wait_for("schijf is vol")
        s.wait_for("dus dit is niet opgeslagen")
        s.wait_for("gesprek sessie --hervat 1")
        assert s.finish() == 2
        assert not english_in(s.printed)

    # With the disk still full, reading commands work and speak Dutch.
    listed = gesprek("--db", str(db), "sessies", "--json")
    assert listed.code == 0, listed.err
    assert [r["id"] for r in json.loads(listed.out)] == [1]
    shown = gesprek("--db", str(db), "resultaten", "1", "--json")
    assert shown.code == 0, shown.err
    [part] = json.loads(shown.out)["onderdelen"]
    assert part["stemmen"] == {"a": 4, "b": 2, "c": 1, "d": 0}
    assert part["notities"] == ["eerste notitie"]
    for args in (("sessies",), ("resultaten", "1"), ("overzicht",)):
        result = gesprek("--db", str(db), *args)
        assert result.code == 0, result.err
        assert not english_in(result.out + result.err)

    # Once there is space, --hervat continues.
    filler.unlink()
    with sessie(db, "--hervat", "1") as s:
        s.at_prompt("Enter = verder")
        # On the first card's screen, where the facilitator reads it.
        assert "Sessie 1 (T) gaat verder bij onderdeel 1" in s.flat()
        s.send("n")
        s.at_prompt("Notitie (Enter = annuleren)")
        s.send("na de volle schijf")
        s.next_screen("Enter = verder")
        assert "Notitie bewaard" in s.text
        s.interrupt()
        s.wait_for("--hervat 1")
        assert s.finish() == 0
    shown = gesprek("--db", str(db), "resultaten", "1", "--json")
    assert json.loads(shown.out)["onderdelen"][0]["notities"] == [
        "eerste notitie",
        "na de volle schijf",
    ]


# -- 11. damaged and foreign files -------------------------------------------------------------


def records_with_sessions(path: Path, n: int = 6) -> None:
    note = (1, "notitie", "Een notitie die wat ruimte inneemt. " * 30)
    for i in range(n):
        ids = ["test-dilemma", "test-kennisvraag"]
        record(ids, [[1, 2, 3, 4]], db=path, team=f"T{i}", notes=[note], parts=0, finish=False)


def damage_an_index(path: Path, how: str) -> None:
    """Damage that plain reading may not stumble on, but ``PRAGMA integrity_check`` finds:
    an index whose entries no longer match its table, or one index page overwritten."""
    db = sqlite3.connect(path, isolation_level=None)
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name='notities_sessie'")
    root = root.fetchone()[0]
    size = db.execute("PRAGMA page_size").fetchone()[0]
    if how == "index-mismatch":
        db.execute("PRAGMA writable_schema=ON")
        db.execute(
            "UPDATE sqlite_master SET sql='CREATE INDEX notities_sessie ON notities(positie)'"
            " WHERE name='notities_sessie'"
        )
    db.close()
    if how == "garbage-page":
        with open(path, "r+b") as out:
            out.seek((root - 1) * size + 8)
            out.write(bytes(range(256)) * 4)
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        pass
    finally:
        db.close()


@pytest.mark.parametrize("how", ["index-mismatch", "garbage-page"])
def test_a_file_failing_integrity_check_is_never_written(
    tmp_path: Path, gesprek, how, test_library
):
    path = tmp_path / "verslagen.sqlite"
    records_with_sessions(path)
    damage_an_index(path, how)
    before = files_of(tmp_path)

    with pytest.raises(StoreError, match="beschadigd"):
        Store.open(path)
    for args in (("wis", "1", "--ja"), ("sessies",), ("resultaten", "1"), ("overzicht",)):
        result = gesprek("--db", str(path), *args)
        assert result.code == 2, args
        assert "beschadigd" in result.err
        assert not english_in(result.err)
    with sessie(path, "--kaart", "test-dilemma", "--team", "T") as s:
        s.wait_for("beschadigd")
        assert s.finish() == 2
        assert not english_in(s.printed)
    assert files_of(tmp_path) == before


def test_a_file_with_a_table_dropped_is_never_written(tmp_path: Path, gesprek):
    path = tmp_path / "verslagen.sqlite"
    records_with_sessions(path, 2)
    db = sqlite3.connect(path)
    db.execute("DROP TABLE onderdelen")
    db.commit()
    db.close()
    before = files_of(tmp_path)

    for args in (
        ("wis", "1", "--ja"),
        ("sessies",),
        ("resultaten", "1"),
        ("export", "-o", "x.csv"),
    ):
        result = gesprek("--db", str(path), *args)
        assert result.code == 2, args
        assert "beschadigd" in result.err and "onderdelen" in result.err
        assert not english_in(result.err)
    with pytest.raises(StoreError, match="tabel 'onderdelen' ontbreekt"):
        Store.open(path)
    assert files_of(tmp_path) == before


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_foreign_file_with_a_sessies_table_is_left_alone(tmp_path: Path, gesprek, journal):
    path = tmp_path / "ander.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA journal_mode={journal}")
    db.execute("CREATE TABLE sessies (id INTEGER PRIMARY KEY, team TEXT, begonnen TEXT)")
    db.execute("INSERT INTO sessies VALUES (1, 'x', '2024-01-01')")
    db.execute("PRAGMA user_version = 1")
    db.close()
    before = files_of(tmp_path)

    for args in (
        ("sessies",),
        ("sessies", "--json"),
        ("resultaten", "1"),
        ("overzicht",),
        ("export", "-o", str(tmp_path / "uit" / "x.csv")),
        ("wis", "1", "--ja"),
    ):
        result = gesprek("--db", str(path), *args)
        assert result.code == 2, (args, result.out)
        assert "geen verslagbestand van gesprek" in result.err
        assert not english_in(result.err)
    with pytest.raises(StoreError, match="geen verslagbestand van gesprek"):
        Store.open(path)
    assert files_of(tmp_path) == before
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == journal
    db.close()


def test_a_file_marked_by_another_program_is_left_alone_even_with_our_tables(tmp_path: Path):
    path = tmp_path / "ander.sqlite"
    made_with_migrations(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA application_id = 1234")
    db.commit()
    db.close()
    before = path.read_bytes()
    for write in (True, False):
        with pytest.raises(StoreError, match="geen verslagbestand van gesprek"):
            Store.open(path, write=write)
    assert path.read_bytes() == before


def application_id(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA application_id").fetchone()[0]
    finally:
        db.close()


def test_new_files_are_marked_as_gesprek_s(tmp_path: Path):
    path = tmp_path / "nieuw.sqlite"
    Store.open(path).close()
    assert application_id(path) == APPLICATION_ID
    with open(path, "rb") as f:
        assert f.read(72)[68:72] == APPLICATION_ID.to_bytes(4, "big")


def test_an_unmarked_gesprek_file_is_read_as_is_and_adopted_only_by_writing(tmp_path: Path):
    path = tmp_path / "oud.sqlite"
    made_with_migrations(path, journal="wal")
    db = sqlite3.connect(path)
    db.execute(
        "INSERT INTO sessies (team, programma, omschrijving, geplande_duur, begonnen)"
        " VALUES ('Oud team', NULL, 'x', 10, '2024-05-01T10:00:00+02:00')"
    )
    db.commit()
    db.close()
    before = path.read_bytes()

    reader = Store.open(path, write=False)
    assert [r.team for r in reader.sessions()] == ["Oud team"]
    reader.close()
    assert path.read_bytes() == before  # reading changes nothing, not even the mark
    assert application_id(path) == 0

    Store.open(path).close()  # a writing command adopts it
    assert application_id(path) == APPLICATION_ID
    reader = Store.open(path, write=False)
    assert [r.team for r in reader.sessions()] == ["Oud team"]
    reader.close()


def test_an_unmarked_file_whose_layout_differs_is_not_adopted(tmp_path: Path):
    path = tmp_path / "bijna.sqlite"
    made_with_migrations(path)
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE notities ADD COLUMN extra TEXT")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="geen verslagbestand van gesprek"):
        Store.open(path)
    assert path.read_bytes() == before


# -- 12. one session, one process --------------------------------------------------------------


def running_session(path: Path):
    return session_in_another_process(path, "test-dilemma", "test-kennisvraag", votes=[1, 1, 1, 1])


def test_a_running_session_is_in_use_and_taken_over_after_the_process_died(tmp_path: Path, gesprek):
    path = tmp_path / "verslagen.sqlite"
    with running_session(path) as (child, sid):
        listed = gesprek("--db", str(path), "sessies", "--json")
        assert [r["status"] for r in json.loads(listed.out)] == ["in gebruik"]
        assert "onderbroken" not in gesprek("--db", str(path), "sessies").out

        store = Store.open(path)
        with pytest.raises(StoreError) as caught:
            store.claim(sid)
        assert "al in gebruik" in caught.value.message
        assert f"proces {child.pid}" in caught.value.message
        assert "--hervat" in (caught.value.hint or "")
        # wis does not delete a session from under the process running it
        assert gesprek("--db", str(path), "wis", str(sid), "--ja").code == 2
        assert [r.id for r in store.sessions()] == [sid]

        child.send_signal(signal.SIGKILL)
        child.wait()
        listed = gesprek("--db", str(path), "sessies", "--json")
        assert [r["status"] for r in json.loads(listed.out)] == ["onderbroken"]
        previous = store.claim(sid)  # the crashed process's lock is stale: taken over
        assert previous is not None and previous.pid == child.pid
        s = recording.resume(store, sid, FakeClock(100.0))
        s.note("na de overname")
        assert [n[2] for n in store.notes(sid)] == ["na de overname"]
        assert store.votes(sid) == {(1, None): {"a": 1, "b": 1, "c": 1, "d": 1}}
        store.close()


def test_a_second_hervat_of_a_running_session_says_so(tmp_path: Path):
    path = tmp_path / "verslagen.sqlite"
    with running_session(path) as (child, sid):
        with sessie(path, "--hervat", str(sid)) as second:
            second.wait_for("al in gebruik")
            assert second.finish() == 2
            assert f"proces {child.pid}" in second.flat()
        child.kill()
        child.wait()
        with sessie(path, "--hervat", str(sid)) as second:
            second.at_prompt("Enter = verder")
            # On the first card's screen, where the facilitator reads it.
            assert "dus deze sessie neemt het over" in second.flat()
            second.interrupt()
            assert second.finish() == 0
        assert not english_in(second.printed)


def test_two_stores_in_one_process_cannot_run_the_same_session(tmp_path: Path):
    path = tmp_path / "r.sqlite"
    first = Store.open(path)
    sid, _ = start(first, "test-dilemma")
    second = Store.open(path)
    assert [r.status for r in second.sessions()] == ["in gebruik"]
    with pytest.raises(StoreError, match="al in gebruik"):
        second.claim(sid)
    first.close()
    assert [r.status for r in second.sessions()] == ["onderbroken"]
    assert second.claim(sid) is None  # a clean stop leaves nothing behind
    second.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.sqlite"]


# -- 14. read-only ---------------------------------------------------------------------------


def test_reading_works_on_a_read_only_folder_and_writing_says_it_needs_write_access(
    read_only: tuple[Path, Path], gesprek, tmp_path: Path, test_library
):
    source, view = read_only
    records_with_sessions(source / "verslagen.sqlite", 2)
    path = view / "verslagen.sqlite"

    listed = gesprek("--db", str(path), "sessies", "--json")
    assert listed.code == 0, listed.err
    assert len(json.loads(listed.out)) == 2
    for args in (
        ("sessies",),
        ("resultaten", "1", "--json"),
        ("overzicht", "--json"),
        ("export", "-o", str(tmp_path / "rijen.csv")),
    ):
        result = gesprek("--db", str(path), *args)
        assert result.code == 0, (args, result.err)
    assert "T0" in (tmp_path / "rijen.csv").read_text(encoding="utf-8-sig")

    result = gesprek("--db", str(path), "wis", "1", "--ja")
    assert result.code == 2
    assert "alleen-lezen" in result.err and not english_in(result.err)
    with pytest.raises(StoreError, match="alleen-lezen"):
        Store.open(path)
    with sessie(path, "--kaart", "test-dilemma", "--team", "T") as s:
        s.wait_for("alleen-lezen")
        assert s.finish() == 2
        assert not english_in(s.printed)


def test_reading_works_on_a_read_only_file_in_a_writable_folder(tmp_path: Path, gesprek):
    folder = tmp_path / "map"
    folder.mkdir()
    path = folder / "verslagen.sqlite"
    records_with_sessions(path, 1)
    reason = _mount("--bind", str(path), str(path))
    if reason:
        pytest.skip(f"no read-only bind mount ({reason})")
    try:
        reason = _mount("-o", "remount,bind,ro", str(path))
        if reason:
            pytest.skip(f"no read-only bind mount ({reason})")
        result = gesprek("--db", str(path), "resultaten", "1", "--json")
        assert result.code == 0, result.err
        result = gesprek("--db", str(path), "wis", "1", "--ja")
        assert result.code == 2 and "alleen-lezen" in result.err
    finally:
        _umount(path)


def test_a_legacy_wal_file_on_a_read_only_mount_is_read(read_only: tuple[Path, Path], gesprek):
    source, view = read_only
    made_with_migrations(source / "verslagen.sqlite", journal="wal")
    db = sqlite3.connect(source / "verslagen.sqlite")
    db.execute(
        "INSERT INTO sessies (team, programma, omschrijving, geplande_duur, begonnen)"
        " VALUES ('WAL-team', NULL, 'x', 10, '2024-05-01T10:00:00+02:00')"
    )
    db.commit()
    db.close()
    result = gesprek("--db", str(view / "verslagen.sqlite"), "sessies", "--json")
    assert result.code == 0, result.err
    assert [r["team"] for r in json.loads(result.out)] == ["WAL-team"]


# -- 15. wis leaves no text behind ---------------------------------------------------------------

SECRET_NOTE = "GEHEIM-NOTITIE-Kx7"
SECRET_AGREEMENT = "GEHEIM-AFSPRAAK-Qz9"


def text_left(folder: Path, *texts: str) -> list[str]:
    found = []
    for name, data in files_of(folder).items():
        for text in texts:
            if text.encode() in data:
                found.append(f"{text} in {name}")
    return found


def test_delete_leaves_no_text_even_where_sqlite_does_not_securely_delete(tmp_path: Path):
    path = tmp_path / "r.sqlite"
    store = Store.open(path)
    # As python.org's Windows builds have it: secure delete off on the connection.
    store.db.execute("PRAGMA secure_delete=OFF")
    assert store.db.execute("PRAGMA secure_delete").fetchone()[0] == 0
    keep, s = start(store, "test-dilemma", team="Blijft")
    s.note("deze notitie blijft")
    gone, s = start(store, "test-dilemma", "test-kennisvraag", team="Weg")
    for n in range(40):  # enough to split pages, leaving copies in freed space
        s.note(f"{SECRET_NOTE} {n} " + "x" * 200)
        s.note(f"{SECRET_AGREEMENT} {n}", soort="afspraak")
    s.vote([1, 2, 3, 4])
    store.db.execute("PRAGMA secure_delete=OFF")
    assert text_left(tmp_path, SECRET_NOTE, SECRET_AGREEMENT)

    store.delete(gone)
    assert text_left(tmp_path, SECRET_NOTE, SECRET_AGREEMENT) == []
    assert [r.id for r in store.sessions()] == [keep]
    assert store.notes(keep) == [(1, "notitie", "deze notitie blijft")]
    store.close()
    assert text_left(tmp_path, SECRET_NOTE, SECRET_AGREEMENT) == []


def test_wis_leaves_no_text_of_a_file_written_without_secure_delete(tmp_path: Path, gesprek):
    path = tmp_path / "verslagen.sqlite"
    Store.open(path).close()
    db = sqlite3.connect(path, isolation_level=None)  # written as a build without it would
    db.execute("PRAGMA secure_delete=OFF")
    db.execute(
        "INSERT INTO sessies (team, programma, omschrijving, geplande_duur, begonnen)"
        " VALUES ('Weg', NULL, 'x', 10, '2024-05-01T10:00:00+02:00')"
    )
    for n in range(30):
        db.execute(
            "INSERT INTO notities (sessie_id, positie, soort, tekst, vastgelegd)"
            " VALUES (1, NULL, ?, ?, 'nu')",
            ("afspraak" if n % 2 else "notitie", f"{SECRET_NOTE} {SECRET_AGREEMENT} {n}" * 5),
        )
    db.execute("DELETE FROM notities WHERE id % 3 = 0")  # leftovers in freed space
    db.close()
    assert text_left(tmp_path, SECRET_NOTE)

    result = gesprek("--db", str(path), "wis", "1", "--ja")
    assert result.code == 0, result.err
    assert text_left(tmp_path, SECRET_NOTE, SECRET_AGREEMENT) == []


# -- 16. --db with a typo or a URL -------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [
        "postgresql://gesprek@server/verslagen",
        "postgres://server",
        "sqlite:///verslagen.sqlite",
        "file:verslagen.sqlite",
    ],
)
def test_a_db_that_looks_like_a_url_is_a_message(tmp_path: Path, monkeypatch, gesprek, given):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    for args in (("sessies",), ("wis", "1", "--ja"), ("resultaten", "1")):
        result = gesprek("--db", given, *args)
        assert result.code == 2
        assert "geen adres" in result.err and not english_in(result.err)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_db_in_a_folder_that_does_not_exist_is_a_message(tmp_path: Path, gesprek, test_library):
    given = tmp_path / "verslagne" / "gesprek.sqlite"  # a typo in the folder name
    for args in (("sessies",), ("wis", "1", "--ja"), ("overzicht",)):
        result = gesprek("--db", str(given), *args)
        assert result.code == 2
        assert "bestaat niet" in result.err
    with sessie(given, "--kaart", "test-dilemma", "--team", "T") as s:
        s.wait_for("bestaat niet")
        assert s.finish() == 2
        assert not english_in(s.printed)
    assert not (tmp_path / "verslagne").exists()


def test_the_default_location_is_created_freely(tmp_path: Path, monkeypatch, gesprek):
    monkeypatch.delenv("GESPREK_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "nog-niet" / "data"))
    from gesprek.cli.common import Settings

    path = Settings().db_path()
    assert str(tmp_path / "nog-niet") in str(path)
    assert gesprek("sessies").code == 0  # reading needs no file
    Store.open(path).close()
    assert path.exists()


def test_a_windows_drive_is_a_path_not_a_url():
    from gesprek.store.location import _URL

    assert not _URL.match("C:\\Users\\x\\verslagen.sqlite")
    assert not _URL.match("D:/verslagen.sqlite")
    assert _URL.match("postgresql://x")


def test_reading_a_file_that_does_not_exist_makes_nothing(tmp_path: Path, gesprek):
    path = tmp_path / "nog-geen.sqlite"
    result = gesprek("--db", str(path), "sessies", "--json")
    assert result.code == 0 and json.loads(result.out) == []
    assert not path.exists()
    assert gesprek("--db", str(path), "wis", "1", "--ja").code == 2
    assert not path.exists()


# -- a commit cut off by a crash ---------------------------------------------------------------

HALF_COMMIT = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA cache_size=1")  # spill changed pages into the main file before COMMIT
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE sessies SET team='half geschreven'")
db.execute("CREATE TABLE ballast (x)")
for n in range(3000):
    db.execute("INSERT INTO ballast VALUES (?)", ("y" * 500,))
print("klaar", flush=True)
time.sleep(60)
"""


def cut_off_commit(path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", HALF_COMMIT, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "klaar"
    finally:
        child.kill()
        child.wait()
    assert Path(f"{path}-journal").exists()


def test_a_commit_cut_off_by_a_crash_is_undone_before_reading(tmp_path: Path, gesprek):
    path = tmp_path / "verslagen.sqlite"
    records_with_sessions(path, 1)
    cut_off_commit(path)
    result = gesprek("--db", str(path), "sessies", "--json")
    assert result.code == 0, result.err
    assert [r["team"] for r in json.loads(result.out)] == ["T0"]
    assert not Path(f"{path}-journal").exists()


def test_a_commit_cut_off_by_a_crash_on_a_read_only_mount_is_a_message(
    read_only: tuple[Path, Path], gesprek
):
    source, view = read_only
    records_with_sessions(source / "verslagen.sqlite", 1)
    cut_off_commit(source / "verslagen.sqlite")
    result = gesprek("--db", str(view / "verslagen.sqlite"), "sessies")
    assert result.code == 2
    assert "onafgemaakte schrijfactie" in result.err
    assert not english_in(result.err)
    assert "half geschreven" not in result.out


def test_wis_of_another_session_works_while_one_is_running(tmp_path: Path, gesprek):
    path = tmp_path / "verslagen.sqlite"
    records_with_sessions(path, 1)
    with running_session(path) as (_, sid):
        assert sid == 2
        result = gesprek("--db", str(path), "wis", "1", "--ja")
        assert result.code == 0, result.err
        listed = gesprek("--db", str(path), "sessies", "--json")
        assert [(r["id"], r["status"]) for r in json.loads(listed.out)] == [(2, "in gebruik")]

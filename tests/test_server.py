"""The unit's shared record on a real PostgreSQL: a throwaway cluster per test module
(Debian's postgresql; skipped with a reason where it is not installed, and a failure then
when GESPREK_TEST_POSTGRES=1), two laptops' real SQLite files sent in through the real
command, and the server's own refusal of anything outside what may be shared."""

from __future__ import annotations

import csv
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gesprek.app import recording
from gesprek.content import library
from gesprek.store.records import Store
from tests.sessions import record

OWNER = "eigenaar"  # owns the database; runs gesprek inrichten
LEADER = "leider"  # a facilitator's login, member of gesprek_insturen
MANAGER = "mt"  # management's login, member of gesprek_lezen
PASSWORD = "Geheim-wachtwoord-42"
NOTE = "Notitie die nooit de laptop mag verlaten"
AGREEMENT = "Afspraak: volgende maand bespreken we het opnieuw"


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent  # Debian links only some tools onto PATH
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    return Path(candidates[-1]).parent if candidates else None


def _as_cluster_user(args: list[str]) -> list[str]:
    # initdb and pg_ctl refuse root: run them as the postgres user there.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class Cluster:
    socket: str  # the folder of the Unix socket
    port: int  # TCP port on 127.0.0.1 (TLS only), 0 when openssl is missing
    ca: Path | None  # the certificate authority that signed the server's certificate


def _tls_files(root: Path) -> Path | None:
    """A CA and a server certificate for localhost, made with openssl; None without it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    tls = root / "tls"
    tls.mkdir()
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    (tls / "ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n", encoding="utf-8")
    steps = [
        [
            "req",
            "-x509",
            *ec,
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-days",
            "2",
            "-subj",
            "/CN=gesprek test CA",
        ],
        ["req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"],
        [
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "ext",
        ],
    ]
    for step in steps:
        subprocess.run([openssl, *step], cwd=tls, check=True, capture_output=True)
    os.chmod(tls / "server.key", 0o600)
    if os.geteuid() == 0:
        for name in ("server.key", "server.crt"):
            shutil.chown(tls / name, "postgres", "postgres")
    return tls


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster on a Unix socket in a temporary folder, and (where
    openssl is there) TLS on 127.0.0.1. Logins use passwords (scram); the superuser only
    over the socket, for setting up."""
    bindir = _bin_dir()
    if bindir is None:
        reason = "PostgreSQL is niet geïnstalleerd (geen initdb gevonden): servertests overgeslagen"
        if os.environ.get("GESPREK_TEST_POSTGRES") == "1":
            pytest.fail(reason + ", terwijl GESPREK_TEST_POSTGRES=1")
        pytest.skip(reason)
    try:
        import psycopg
    except ImportError:
        if os.environ.get("GESPREK_TEST_POSTGRES") == "1":
            pytest.fail("psycopg ontbreekt, terwijl GESPREK_TEST_POSTGRES=1")
        pytest.skip("psycopg ontbreekt: servertests overgeslagen")
    root = Path(tempfile.mkdtemp(prefix="gesprek-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data = root / "data"
    subprocess.run(
        _as_cluster_user(
            [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--no-sync", "-A", "trust"]
        ),
        check=True,
        capture_output=True,
    )
    (data / "pg_hba.conf").write_text(
        "local all postgres trust\n"
        "local all all scram-sha-256\n"
        "hostssl all all 127.0.0.1/32 scram-sha-256\n",
        encoding="utf-8",
    )
    tls = _tls_files(root)
    options = f"-k {root} -F"
    port = 0
    if tls is not None:
        port = _free_port()
        options += (
            f" -c listen_addresses=127.0.0.1 -p {port} -c ssl=on"
            f" -c ssl_cert_file={tls / 'server.crt'} -c ssl_key_file={tls / 'server.key'}"
        )
    else:
        options += " -c listen_addresses=''"
    try:
        subprocess.run(
            _as_cluster_user(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-w",
                    "-l",
                    str(root / "log"),
                    "-o",
                    options,
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        with psycopg.connect(
            host=str(root), port=port or None, user="postgres", dbname="postgres"
        ) as conn:
            conn.autocommit = True
            conn.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
            conn.execute(f"CREATE ROLE {LEADER} LOGIN PASSWORD '{PASSWORD}'")
            conn.execute(f"CREATE ROLE {MANAGER} LOGIN PASSWORD '{PASSWORD}'")
        yield Cluster(str(root), port, tls / "ca.crt" if tls else None)
    finally:
        subprocess.run(
            _as_cluster_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def unit(cluster: Cluster, monkeypatch: pytest.MonkeyPatch):
    """A fresh database for this test, set up by its owner with `gesprek inrichten`;
    returns a function giving the connection string for a role."""
    import psycopg

    name = f"eenheid_{os.getpid()}_{datetime.now().strftime('%H%M%S%f')}"
    with psycopg.connect(
        host=cluster.socket, port=cluster.port or None, user="postgres", dbname="postgres"
    ) as conn:
        conn.autocommit = True
        conn.execute(f"CREATE DATABASE {name} OWNER {OWNER}")
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    monkeypatch.delenv("GESPREK_SERVER", raising=False)
    monkeypatch.delenv("GESPREK_EENHEID", raising=False)

    def conninfo(role: str) -> str:
        port = f" port={cluster.port}" if cluster.port else ""
        return f"host={cluster.socket}{port} dbname={name} user={role}"

    conninfo.dbname = name  # type: ignore[attr-defined]
    conninfo.cluster = cluster  # type: ignore[attr-defined]
    return conninfo


@pytest.fixture
def ready(unit, gesprek):
    result = gesprek("inrichten", "--server", unit(OWNER))
    assert result.code == 0, result.err
    with _superuser(unit) as conn:
        conn.execute(f"GRANT gesprek_insturen TO {LEADER}")
        conn.execute(f"GRANT gesprek_lezen TO {MANAGER}")
    return unit


def _superuser(unit):
    import psycopg

    cluster = unit.cluster
    conn = psycopg.connect(
        host=cluster.socket, port=cluster.port or None, user="postgres", dbname=unit.dbname
    )
    conn.autocommit = True
    return conn


@pytest.fixture(scope="module")
def lib():
    return library.load()


NOW = datetime.now(UTC).replace(microsecond=0)


def hold(db: Path, items: list, team: str, when: datetime, votes: list, *, bron="hand", **kwargs):
    """A session through ``tests.sessions.record`` into ``db``, with a note and an agreement
    typed at its first part; the votes all come from ``bron``."""
    notes = [(1, "notitie", NOTE), (1, "afspraak", AGREEMENT)]
    votes = [(bron, counts) for counts in votes]
    return record(items, votes, db=db, team=team, when=when, notes=notes, **kwargs)


def _json(result) -> object:
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_two_laptops_send_in_and_management_sees_both_teams(ready, gesprek, lib, tmp_path):
    noord, zuid = tmp_path / "noord.sqlite", tmp_path / "zuid.sqlite"
    lunch = lib.items["lunch-niet-betalen"]
    hold(noord, [lunch], "Team Noord", NOW - timedelta(days=40), [[4, 2, 1, 0]])
    hold(noord, [lunch], "Team Noord", NOW - timedelta(days=10), [[1, 5, 0, 0]])
    # interrupted: one vote, then the laptop was closed
    hold(
        zuid,
        [lunch, lib.items["datalek-of-niet"]],
        "Team Zuid",
        NOW - timedelta(days=3),
        [[2, 2, 2, 2]],
        parts=1,
        finish=False,
    )
    leader = ready(LEADER)
    for db in (noord, zuid):
        result = gesprek(
            "--db", str(db), "insturen", "--server", leader, "--eenheid", "Noord-Holland"
        )
        assert result.code == 0, result.err
    again = gesprek(
        "--db", str(noord), "insturen", "--server", leader, "--eenheid", "Noord-Holland"
    )
    assert again.out.startswith("0 sessies ingestuurd, 2 al bekend op de server"), again.out

    teams = {
        t["team"]: t for t in _json(gesprek("overzicht", "--server", ready(MANAGER), "--json"))
    }
    assert set(teams) == {"Team Noord", "Team Zuid"}
    assert teams["Team Noord"]["sessies"] == 2
    assert teams["Team Noord"]["status"] == "op-tijd"
    assert "geschenken" in teams["Team Noord"]["themas_12_maanden"]
    (trend,) = teams["Team Noord"]["trends"]
    assert [p["stemmen"] for p in trend["sessies"]] == [
        {"a": 4, "b": 2, "c": 1, "d": 0},
        {"a": 1, "b": 5, "c": 0, "d": 0},
    ]
    assert trend["titel"] == lunch.titel.strip()
    assert teams["Team Zuid"]["sessies"] == 1

    # the text view: one line per team, the details with --team
    text = gesprek("overzicht", "--server", ready(MANAGER))
    assert text.code == 0, text.err
    assert "Team Noord" in text.out and "Team Zuid" in text.out
    assert "Verloop bij" not in text.out
    detail = gesprek("overzicht", "--server", ready(MANAGER), "--team", "team noord")
    assert "Verloop bij Team Noord" in detail.out


def test_sending_twice_changes_nothing_and_a_change_is_sent_again(ready, gesprek, lib, tmp_path):
    db = tmp_path / "laptop.sqlite"
    lunch = lib.items["lunch-niet-betalen"]
    hold(db, [lunch], "Team West", NOW - timedelta(days=5), [[3, 1, 0, 0]], finish=False)
    leader = ready(LEADER)
    args = ("--db", str(db), "insturen", "--server", leader, "--eenheid", "Oost")
    first = gesprek(*args)
    assert first.code == 0, first.err
    assert first.out.startswith("1 sessie ingestuurd")
    second = gesprek(*args)
    assert second.code == 0, second.err
    assert second.out.startswith("0 sessies ingestuurd")
    # the session is resumed and finished: its revision rose, so it is sent once more
    store = Store.open(db)
    try:
        (record,) = store.sessions()
        session = recording.resume(store, record.id, lambda: 0.0)
        session.close()
    finally:
        store.close()
    third = gesprek(*args)
    assert third.out.startswith("1 sessie ingestuurd"), third.out
    rows = _server_rows(ready, "SELECT status, count(*) FROM gesprek.sessies GROUP BY status")
    assert rows == [("afgerond", 1)]


def _server_rows(unit, sql: str) -> list[tuple]:
    with _superuser(unit) as conn:
        return [tuple(r) for r in conn.execute(sql).fetchall()]


def test_the_server_holds_no_notes_agreements_texts_or_times(ready, gesprek, lib, tmp_path):
    db = tmp_path / "laptop.sqlite"
    lunch = lib.items["lunch-niet-betalen"]
    hold(
        db,
        [lunch],
        "Team Noord",
        NOW.replace(hour=14, minute=37) - timedelta(days=1),
        [[4, 2, 1, 0]],
    )
    result = gesprek("--db", str(db), "insturen", "--server", ready(LEADER), "--eenheid", "Oost")
    assert result.code == 0, result.err
    bindir = _bin_dir()
    assert bindir is not None
    dump = subprocess.run(
        [
            str(bindir / "pg_dump"),
            "-h",
            ready.cluster.socket,
            "-p",
            str(ready.cluster.port or 5432),
            "-U",
            "postgres",
            "--data-only",
            ready.dbname,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Team Noord" in dump  # the dump does hold the data
    for secret in (
        NOTE,
        AGREEMENT,
        "14:37",
        lunch.situatie.strip()[:30],
        lunch.titel.strip(),
        "Ik betaal toch",
    ):
        assert secret not in dump


def test_an_unreachable_server_is_a_message_and_the_next_send_delivers(
    ready, gesprek, lib, tmp_path
):
    db = tmp_path / "laptop.sqlite"
    hold(db, [lib.items["lunch-niet-betalen"]], "Team Noord", NOW, [[1, 1, 1, 1]])
    nowhere = f"host={tmp_path / 'geen-server'} dbname=gesprek user=leider password=Zeer-Geheim-99"
    result = gesprek("--db", str(db), "insturen", "--server", nowhere, "--eenheid", "Oost")
    assert result.code == 2
    assert "niet bereikbaar" in result.err
    assert "Traceback" not in result.err
    assert "Zeer-Geheim-99" not in result.err + result.out
    sent = gesprek("--db", str(db), "insturen", "--server", ready(LEADER), "--eenheid", "Oost")
    assert sent.out.startswith("1 sessie ingestuurd"), sent.err


def test_a_wrong_password_is_refused_without_showing_it(ready, gesprek, lib, tmp_path, monkeypatch):
    monkeypatch.delenv("PGPASSWORD")
    db = tmp_path / "laptop.sqlite"
    hold(db, [lib.items["lunch-niet-betalen"]], "Team Noord", NOW, [[1, 1, 1, 1]])
    result = gesprek(
        "--db",
        str(db),
        "insturen",
        "--server",
        ready(LEADER) + " password=Fout-Wachtwoord-7",
        "--eenheid",
        "Oost",
    )
    assert result.code == 2
    assert "weigert de aanmelding" in result.err
    assert "Fout-Wachtwoord-7" not in result.err + result.out
    assert _server_rows(ready, "SELECT count(*) FROM gesprek.sessies") == [(0,)]


def test_a_deleted_session_leaves_the_server_at_the_next_send(ready, gesprek, lib, tmp_path):
    db = tmp_path / "laptop.sqlite"
    lunch = lib.items["lunch-niet-betalen"]
    gone = hold(db, [lunch], "Team Weg", NOW, [[1, 0, 0, 0]])
    hold(db, [lunch], "Team Blijft", NOW, [[0, 1, 0, 0]])
    args = ("--db", str(db), "insturen", "--server", ready(LEADER), "--eenheid", "Oost")
    assert gesprek(*args).code == 0
    assert gesprek("--db", str(db), "wis", str(gone), "--ja").code == 0
    result = gesprek(*args)
    assert result.code == 0, result.err
    assert "1 gewist op de server" in result.out
    assert _server_rows(ready, "SELECT team FROM gesprek.sessies") == [("Team Blijft",)]
    assert "gewist" not in gesprek(*args).out  # said once, done once


def test_the_server_refuses_a_payload_with_notes_even_sent_by_hand(ready):
    import psycopg

    good = {
        "uuid": "6f1c2d3e-4b5a-4c6d-8e7f-001122334455",
        "revisie": 1,
        "team": "Team Hand",
        "datum": "2026-05-01",
        "programma": None,
        "status": "afgerond",
        "gepland": 1,
        "klaar": 1,
        "themas": ["geschenken"],
        "kernwaarden": [],
        "onderdelen": [
            {
                "item": "lunch-niet-betalen",
                "type": "dilemma",
                "thema": "geschenken",
                "vragen": [{"stap": None, "stemmen": {"a": 1, "b": 2}}],
            }
        ],
    }
    bad_payloads = [
        {**good, "notities": ["geheim"]},
        {**good, "begonnen": "2026-05-01T10:12:00"},
        {**good, "onderdelen": [{**good["onderdelen"][0], "afspraken": ["x"]}]},
        {
            **good,
            "onderdelen": [
                {
                    "type": "dilemma",
                    "thema": "geschenken",
                    "vragen": [{"stap": None, "stemmen": {"a": 1}}],
                }
            ],
        },
        {**good, "team": "regel een\nregel twee"},
        {**good, "themas": ["Een zin met tekst"]},
        {**good, "datum": "2026-05-01T10:12"},
    ]
    with psycopg.connect(ready(LEADER)) as conn:
        for bad in bad_payloads:
            with pytest.raises(psycopg.errors.InvalidParameterValue):
                conn.execute(
                    "SELECT gesprek.insturen(%s::jsonb)",
                    (json.dumps({"formaat": 1, "eenheid": "Oost", "sessies": [bad]}),),
                )
            conn.rollback()
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="onbekend veld"):
            conn.execute(
                "SELECT gesprek.insturen(%s::jsonb)",
                (json.dumps({"formaat": 1, "eenheid": "Oost", "sessies": [], "notities": []}),),
            )
        conn.rollback()
        answer = conn.execute(
            "SELECT gesprek.insturen(%s::jsonb)",
            (json.dumps({"formaat": 1, "eenheid": "Oost", "sessies": [good]}),),
        ).fetchone()[0]
        conn.commit()
    assert answer["nieuw"] == 1
    assert _server_rows(ready, "SELECT team FROM gesprek.sessies") == [("Team Hand",)]


def test_the_roles_see_only_what_they_are_for(ready):
    import psycopg

    with psycopg.connect(ready(LEADER)) as conn:
        for sql in (
            "SELECT * FROM gesprek.sessies",
            "SELECT * FROM gesprek.stemmen",
            "SELECT * FROM gesprek.alle_sessies",
            "SELECT gesprek._velden('{}'::jsonb, ARRAY['x'], 'x')",
            "DELETE FROM gesprek.sessies",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
            conn.rollback()
    with psycopg.connect(ready(MANAGER)) as conn:
        assert conn.execute("SELECT count(*) FROM gesprek.alle_sessies").fetchone() == (0,)
        for sql in (
            "SELECT * FROM gesprek.sessies",
            "SELECT gesprek.insturen('{\"formaat\": 1}'::jsonb)",
            "INSERT INTO gesprek.alle_sessies (team) VALUES ('x')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
            conn.rollback()


def test_own_items_send_type_and_theme_and_low_phone_counts_stay_home(
    ready, gesprek, lib, tmp_path, pack
):
    from tests.conftest import VALID_DILEMMA

    folder = pack({"dilemmas/eigen-dilemma.yaml": VALID_DILEMMA})
    own = library.load([folder]).items["eigen-dilemma"]
    lunch, datalek = lib.items["lunch-niet-betalen"], lib.items["datalek-of-niet"]
    db = tmp_path / "laptop.sqlite"
    hold(db, [own, lunch], "Team Eigen", NOW, [[5, 1], [0, 1, 1, 0]], bron="telefoon")
    hold(db, [datalek], "Team Eigen", NOW, [[1, 2, 3, 0]], bron="telefoon")
    result = gesprek(
        "--db",
        str(db),
        "--pakket",
        str(folder),
        "insturen",
        "--server",
        ready(LEADER),
        "--eenheid",
        "Oost",
    )
    assert result.code == 0, result.err
    parts = _server_rows(ready, "SELECT item, type, thema FROM gesprek.onderdelen ORDER BY item")
    assert (None, "dilemma", "geschenken") in parts
    assert not any(item == "eigen-dilemma" for item, _, _ in parts)
    counts = _server_rows(
        ready,
        "SELECT o.item, v.stemmen FROM gesprek.stemmen v "
        "JOIN gesprek.onderdelen o USING (sessie, volgnummer)",
    )
    # 2 phone votes on the lunch question (below 3): left out; 6 on the data leak: sent
    assert [item for item, _ in counts] == [datalek.id]
    assert sum(counts[0][1].values()) == 6


def test_export_of_the_unit_in_csv_and_json(ready, gesprek, lib, tmp_path):
    lunch = lib.items["lunch-niet-betalen"]
    for name, eenheid in (("a", "Oost"), ("b", "West")):
        db = tmp_path / f"{name}.sqlite"
        hold(db, [lunch], f"Team {name}", NOW - timedelta(days=2), [[1, 2, 3, 4]])
        assert (
            gesprek(
                "--db", str(db), "insturen", "--server", ready(LEADER), "--eenheid", eenheid
            ).code
            == 0
        )
    manager = ready(MANAGER)
    out = tmp_path / "eenheid.csv"
    result = gesprek("export", "--server", manager, "--eenheid", "oost", "-o", str(out))
    assert result.code == 0, result.err
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert {r["team"] for r in rows} == {"Team a"}
    assert [int(r["aantal"]) for r in rows] == [1, 2, 3, 4]
    assert rows[0]["eenheid"] == "Oost" and rows[0]["optietekst"]
    out_json = tmp_path / "eenheid.json"
    result = gesprek("export", "--server", manager, "--formaat", "json", "-o", str(out_json))
    assert result.code == 0, result.err
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert sorted(s["eenheid"] for s in data) == ["Oost", "West"]
    assert all("notities" not in json.dumps(s) for s in data)
    assert data[0]["onderdelen"][0]["stemmen"] == {"a": 1, "b": 2, "c": 3, "d": 4}


def test_a_newer_server_schema_is_refused(ready, gesprek, tmp_path):
    with _superuser(ready) as conn:
        conn.execute("UPDATE gesprek.server SET schema_versie = 99")
    result = gesprek("inrichten", "--server", ready(OWNER))
    assert result.code == 2
    assert "nieuwer" in result.err and "Traceback" not in result.err
    result = gesprek("overzicht", "--server", ready(MANAGER))
    assert result.code == 2 and "nieuwer" in result.err


def test_setting_up_twice_changes_nothing_and_keeps_the_data(ready, gesprek, lib, tmp_path):
    db = tmp_path / "laptop.sqlite"
    hold(db, [lib.items["lunch-niet-betalen"]], "Team Noord", NOW, [[1, 1, 1, 1]])
    assert (
        gesprek("--db", str(db), "insturen", "--server", ready(LEADER), "--eenheid", "O").code == 0
    )
    again = gesprek("inrichten", "--server", ready(OWNER))
    assert again.code == 0, again.err
    assert _server_rows(ready, "SELECT count(*) FROM gesprek.sessies") == [(1,)]
    # facilitators and management cannot set up the schema
    refused = gesprek("inrichten", "--server", ready(LEADER))
    assert refused.code == 2 and "toestemming" in refused.err


def test_a_server_that_is_not_set_up_says_so(unit, gesprek, lib, tmp_path):
    db = tmp_path / "laptop.sqlite"
    hold(db, [lib.items["lunch-niet-betalen"]], "Team Noord", NOW, [[1, 1, 1, 1]])
    result = gesprek("--db", str(db), "insturen", "--server", unit(OWNER), "--eenheid", "O")
    assert result.code == 2
    assert "nog niet ingericht" in result.err


# -- without a server ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["onzin", "", "   ", "C:\\verslagen\\gesprek.sqlite", "host=x port"]
)
def test_a_server_value_that_is_no_connection_string_is_a_message(gesprek, value, monkeypatch):
    monkeypatch.setenv("GESPREK_EENHEID", "Oost")
    for args in (("insturen",), ("inrichten",), ("overzicht",)):
        result = gesprek("--server", value, *args)
        assert result.code == 2, (args, result.out)
        assert "fout:" in result.err and "Traceback" not in result.err
        assert "server" in result.err


def test_insturen_needs_a_server_and_an_eenheid(gesprek, monkeypatch):
    monkeypatch.delenv("GESPREK_SERVER", raising=False)
    monkeypatch.delenv("GESPREK_EENHEID", raising=False)
    result = gesprek("insturen", "--eenheid", "Oost")
    assert result.code == 2 and "geen server opgegeven" in result.err
    result = gesprek("insturen", "--server", "host=/tmp/niets dbname=x")
    assert result.code == 2 and "geen eenheid opgegeven" in result.err
    result = gesprek("overzicht", "--eenheid", "Oost")
    assert result.code == 2 and "--eenheid hoort bij --server" in result.err


def test_the_local_commands_never_import_the_database_driver(tmp_path):
    code = (
        "import sys\n"
        "from gesprek.cli import main\n"
        "for args in (['--help'], ['sessies'], ['overzicht'], ['export', '-o', sys.argv[1]]):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('psycopg' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.csv")],
        capture_output=True,
        text=True,
        env={**os.environ, "GESPREK_DB": str(tmp_path / "v.sqlite")},
        check=True,
    )
    assert result.stderr.strip().splitlines()[-1] == "False"


def test_tls_with_verify_full_works_and_a_wrong_certificate_is_refused(
    ready, gesprek, lib, tmp_path
):
    cluster = ready.cluster
    if cluster.ca is None:
        pytest.skip("openssl ontbreekt: geen certificaten voor de TLS-test")
    db = tmp_path / "laptop.sqlite"
    hold(db, [lib.items["lunch-niet-betalen"]], "Team TLS", NOW, [[1, 1, 1, 1]])
    over_tls = (
        f"postgresql://{LEADER}@localhost:{cluster.port}/{ready.dbname}"
        f"?sslmode=verify-full&sslrootcert={cluster.ca}"
    )
    other_ca = tmp_path / "ander.crt"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(tmp_path / "ander.key"),
            "-out",
            str(other_ca),
            "-days",
            "1",
            "-subj",
            "/CN=andere CA",
        ],
        check=True,
        capture_output=True,
    )
    refused = gesprek(
        "--db",
        str(db),
        "insturen",
        "--server",
        over_tls.replace(str(cluster.ca), str(other_ca)),
        "--eenheid",
        "Oost",
    )
    assert refused.code == 2
    assert "geen veilige verbinding" in refused.err
    sent = gesprek("--db", str(db), "insturen", "--server", over_tls, "--eenheid", "Oost")
    assert sent.code == 0, sent.err
    assert sent.out.startswith("1 sessie ingestuurd")
    with _superuser(ready) as conn:
        conn.execute("SELECT 1")  # the socket still works next to TLS
    assert _server_rows(ready, "SELECT team FROM gesprek.sessies") == [("Team TLS",)]


def test_a_label_the_server_would_refuse_is_cleaned_not_stuck(ready, gesprek, lib, tmp_path):
    db = tmp_path / "laptop.sqlite"
    hold(db, [lib.items["lunch-niet-betalen"]], "Team\x07 Noord\n  (avond)", NOW, [[1, 1, 1, 1]])
    result = gesprek("--db", str(db), "insturen", "--server", ready(LEADER), "--eenheid", "Oost\t")
    assert result.code == 0, result.err
    assert _server_rows(ready, "SELECT eenheid, team FROM gesprek.sessies") == [
        ("Oost", "Team Noord (avond)")
    ]


def test_inrichten_migrates_a_new_database_and_then_only_refreshes(unit, gesprek):
    first = gesprek("inrichten", "--server", unit(OWNER))
    assert first.code == 0, first.err
    assert "schema 0 -> 1" in first.out
    again = gesprek("inrichten", "--server", unit(OWNER))
    assert again.code == 0, again.err
    assert "schema 1" in again.out and "->" not in again.out
    assert _server_rows(unit, "SELECT schema_versie FROM gesprek.server") == [(1,)]
    assert PASSWORD not in first.out + first.err + again.out + again.err

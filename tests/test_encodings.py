"""Every command works in any console or pipe encoding (issue 18, point 1).

Windows' Python writes redirected output in cp1252, and a pipe can be ASCII. Each command
runs here as a real process with ``PYTHONIOENCODING`` set and its output piped, on content
and records that hold characters outside both encodings (an arrow, an emoji, bars, ✔):
no traceback, the output is text in that encoding, text falls back to similar characters,
and ``--json`` gives the same data as in UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gesprek.content import library
from tests.sessions import record

ODD_DILEMMA = """\
id: taart-op-bureau
type: dilemma
titel: Taart → bureau 🎂
thema: geschenken
kernwaarden: [integer]
situatie: |
  Een buurtbewoner brengt een taart 🎂 naar het bureau — „gewoon als dank”.
vraag: Wat doe je → nu?
opties:
  - id: a
    tekst: Ik neem hem aan ✔
  - id: b
    tekst: Ik bedank vriendelijk → en leg uit waarom
loketten: [vik]
"""
TEAM = "Team 🚓 Noord→Oost"
ENCODINGS = ["cp1252", "ascii"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A pack with the odd dilemma and a records file with one held session on it."""
    root = tmp_path_factory.mktemp("odd")
    pack = root / "pakket"
    (pack / "dilemmas").mkdir(parents=True)
    (pack / "dilemmas" / "taart-op-bureau.yaml").write_text(ODD_DILEMMA, encoding="utf-8")
    db = root / "verslagen.sqlite"
    lib = library.load([pack])
    record(
        [lib.items["taart-op-bureau"]],
        [[5, 2]],
        db=db,
        team=TEAM,
        minutes=[10],
        when="2026-11-20T10:00:00+00:00",
        notes=[(1, "afspraak", "Afspraak: taart → delen 🍰")],
    )
    return {"root": root, "pack": pack, "db": db}


def run(world: dict[str, Path], encoding: str | None, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(
        GESPREK_DB=str(world["db"]),
        GESPREK_PAKKETTEN=str(world["pack"]),
        GESPREK_CACHE=str(world["root"] / "cache"),
        COLUMNS="100",
    )
    env.pop("PYTHONUTF8", None)
    if encoding is None:
        env["PYTHONIOENCODING"] = "utf-8"
    else:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run(
        [sys.executable, "-m", "gesprek", *args],
        capture_output=True,
        env=env,
        cwd=world["root"],
        timeout=60,
    )


def decoded(result: subprocess.CompletedProcess, encoding: str) -> tuple[str, str]:
    """stdout and stderr as text: they must be valid in the pipe's encoding."""
    out = result.stdout.decode(encoding)
    err = result.stderr.decode(encoding)
    assert "Traceback" not in err, err
    return out, err


TEXT_COMMANDS = [
    ("inhoud",),
    ("inhoud", "--kaart", "taart-op-bureau"),
    ("toon", "taart-op-bureau"),
    ("check",),
    ("sessies",),
    ("resultaten", "1"),
    ("overzicht",),
    ("initiatieven",),
    ("--help",),
    ("--versie",),
    ("sessie", "--help"),
]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=lambda a: " ".join(a))
def test_text_output_falls_back_to_similar_characters(world, encoding, args):
    result = run(world, encoding, *args)
    out, _ = decoded(result, encoding)
    assert result.returncode == 0
    assert out.strip()


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_results_show_bars_and_the_users_text(world, encoding):
    out, _ = decoded(run(world, encoding, "resultaten", "1"), encoding)
    assert "#####" in out  # the bar █ as #
    assert "Ik bedank vriendelijk -> en leg uit waarom" in out
    assert "Team ?? Noord->Oost" in out
    assert "5" in out and "(71%)" in out


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_card_falls_back_and_keeps_its_text(world, encoding):
    out, _ = decoded(run(world, encoding, "toon", "taart-op-bureau"), encoding)
    assert "Taart -> bureau ??" in out
    assert "Wat doe je -> nu?" in out
    if encoding == "cp1252":
        assert "— „gewoon als dank”" in out  # cp1252 has these: kept as they are
    else:
        assert '- "gewoon als dank"' in out


JSON_COMMANDS = [
    ("inhoud", "--json"),
    ("inhoud", "--kaart", "taart-op-bureau", "--json"),
    ("check", "--json"),
    ("sessies", "--json"),
    ("resultaten", "1", "--json"),
    ("overzicht", "--json"),
    ("initiatieven", "--json"),
    ("schema",),
]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda a: " ".join(a))
def test_json_is_the_same_data_in_any_encoding(world, encoding, args):
    result = run(world, encoding, *args)
    out, _ = decoded(result, encoding)
    assert result.returncode == 0
    reference = run(world, None, *args)
    assert json.loads(out) == json.loads(reference.stdout.decode("utf-8"))


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_json_keeps_user_text_exactly(world, encoding):
    out, _ = decoded(run(world, encoding, "resultaten", "1", "--json"), encoding)
    data = json.loads(out)
    assert data["team"] == TEAM
    assert "taart → delen 🍰" in json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_files_are_written_and_reported(world, encoding, tmp_path):
    deck = tmp_path / "deck.pptx"
    handout = tmp_path / "handout.html"
    export = tmp_path / "export.csv"
    for args in (
        ("deck", "--kaart", "taart-op-bureau", "-o", str(deck)),
        ("deck", "--programma", "jaarlijks-integriteitsgesprek", "-o", str(tmp_path / "p.pptx")),
        ("handout", "--kaart", "taart-op-bureau", "-o", str(handout)),
        ("export", "--formaat", "csv", "-o", str(export)),
        ("export", "--formaat", "json", "-o", str(tmp_path / "export.json")),
    ):
        result = run(world, encoding, *args)
        out, _ = decoded(result, encoding)
        assert result.returncode == 0, args
        assert out.strip()
    # The files themselves are UTF-8 whatever the console's encoding.
    assert "Taart → bureau 🎂" in handout.read_text(encoding="utf-8")
    assert json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_errors_with_odd_characters_are_messages(world, encoding):
    result = run(world, encoding, "toon", "taart→🎂")
    _, err = decoded(result, encoding)
    assert result.returncode == 2
    assert "fout:" in err
    for args in (
        ("sessie", "--team", TEAM, "--kaart", "taart-op-bureau"),
        ("nieuw", "dilemma", "--map", "→🎂"),
    ):
        result = run(world, encoding, *args)
        _, err = decoded(result, encoding)
        assert result.returncode == 2, args  # no terminal: a message, not a traceback
        assert "fout:" in err


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_delete_reports_in_any_encoding(tmp_path, world, encoding):
    copy = dict(world)
    copy["db"] = tmp_path / "kopie.sqlite"
    copy["db"].write_bytes(world["db"].read_bytes())
    result = run(copy, encoding, "wis", "1", "--ja")
    out, _ = decoded(result, encoding)
    assert result.returncode == 0
    assert "verwijderd" in out


def test_the_fallback_keeps_table_columns_aligned():
    from gesprek.cli.streams import similar

    assert similar("…") == "."
    assert similar("🎂") == "??"  # an emoji is two cells wide on screen
    assert similar("é") == "e"
    assert similar("\u200d") == ""

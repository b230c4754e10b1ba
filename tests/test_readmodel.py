"""One held session, read back everywhere the same way: ``resultaten --json``, the deck and
handout of the session, ``export`` (CSV and JSON) and ``overzicht`` agree on every count;
phone counts below the session's threshold are shown nowhere (hand counts are shown as
entered); and the terminal, the deck and the handout list the same help desks for the
same items. Sessions are held by the real engine into a real SQLite file, on a small
test pack."""

from __future__ import annotations

import csv
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gesprek.content import library
from gesprek.store.records import Store
from tests.sessions import record

TAART = """\
id: taart-aannemen
type: dilemma
titel: De taart van de buurtbewoner
thema: geschenken
kernwaarden: [integer]
duur: 10
situatie: Een buurtbewoner brengt een taart naar het bureau.
vraag: Wat doe je?
opties:
  - id: a
    tekst: Ik neem de taart aan.
  - id: b
    tekst: Ik bedank vriendelijk.
  - id: c
    tekst: Ik vraag het de teamchef.
loketten: [vik, vertrouwenspersoon]
"""

MELDEN = """\
id: stelling-melden
type: stelling
titel: Melden is collegiaal
thema: melden
kernwaarden: [moedig]
duur: 5
stelling: Wie een collega meldt, is een goede collega.
"""

CASUS = """\
id: casus-kluis
type: casus
titel: De sleutel van de kluis
thema: dienstmiddelen
kernwaarden: [betrouwbaar]
duur: 20
inleiding: Een collega leent de sleutel van de wapenkluis uit.
stappen:
  - titel: De avonddienst
    verhaal: Het is druk en de sleutel ligt op het bureau.
    vragen: [Wat zie je?]
  - titel: De volgende ochtend
    verhaal: De sleutel is weg.
    vragen: []
    beslismoment:
      vraag: Wat doe je als teamchef?
      opties:
        - id: a
          tekst: Ik meld het.
        - id: b
          tekst: Ik wacht af.
      uitkomst: Het werd gemeld.
"""

RONDE = """\
id: ronde-kort
type: ronde
titel: Korte ronde
thema: beroepscode
kernwaarden: [verbindend]
duur: 5
vragen: [Wat neem je mee?]
"""


@pytest.fixture
def test_pack(pack) -> Path:
    return pack(
        {
            "dilemmas/taart-aannemen.yaml": TAART,
            "dilemmas/casus-kluis.yaml": CASUS,
            "statements/stelling-melden.yaml": MELDEN,
            "statements/ronde-kort.yaml": RONDE,
        }
    )


@pytest.fixture
def lib(test_pack: Path):
    return library.load([test_pack])


def db_path() -> Path:
    return Path(os.environ["GESPREK_DB"])


def hold(lib, ids: list[str], votes: list, **kwargs) -> int:
    """A session of these tests (``tests.sessions.record``): phones vote with a threshold
    of 3 unless told otherwise, begun on 5 March 2026 unless told otherwise."""
    kwargs = {"threshold": 3, "when": "2026-03-05T14:30:00+01:00", **kwargs}
    return record(ids, votes, lib=lib, omschrijving="kaarten voor de test", **kwargs)


# -- reading the five outputs back ------------------------------------------------------------


class Html(HTMLParser):
    """The text of every element with a given class, in document order."""

    def __init__(self, html: str, wanted: str) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.depth = 0
        self.found: list[str] = []
        self.text: list[str] = []
        self.all_text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += 1
        elif self.wanted in classes:
            self.depth = 1
            self.text = []

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.found.append(" ".join("".join(self.text).split()))

    def handle_data(self, data):
        self.all_text.append(data)
        if self.depth:
            self.text.append(data)


def deck_counts(path: Path) -> tuple[list[list[int]], list[str]]:
    """The values of every chart in the deck, and all text on its slides."""
    from pptx import Presentation

    prs = Presentation(path)
    charts, texts = [], []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                charts.append([int(v) for v in shape.chart.series[0].values])
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return charts, texts


def test_five_outputs_of_one_held_session_agree(gesprek, lib, test_pack, tmp_path):
    pk = ("--pakket", str(test_pack))
    # an earlier session of the same team, so the overview has trends
    hold(
        lib,
        ["taart-aannemen", "casus-kluis"],
        [("hand", [1, 1, 1]), ("hand", [2, 0])],
        when="2026-01-10T10:00:00+01:00",
    )
    sid = hold(
        lib,
        ["taart-aannemen", "stelling-melden", "casus-kluis"],
        [("hand", [4, 2, 1]), ("telefoon", [0, 1, 0]), ("telefoon", [3, 2])],
        notes=[
            (1, "notitie", "Veel twijfel over optie B."),
            (1, "afspraak", "We spreken elkaar aan."),
        ],
    )

    # resultaten --json: DESIGN.md's shape
    result = gesprek(*pk, "resultaten", str(sid), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert set(data) == {"id", "team", "begonnen", "beeindigd", "programma", "onderdelen"}
    entries = {(e["item"], e["stap"]): e for e in data["onderdelen"]}
    assert list(entries) == [
        ("taart-aannemen", None),
        ("stelling-melden", None),
        ("casus-kluis", 2),
    ]
    shown = {k: e["stemmen"] for k, e in entries.items()}
    assert shown == {
        ("taart-aannemen", None): {"a": 4, "b": 2, "c": 1},
        ("stelling-melden", None): None,
        ("casus-kluis", 2): {"a": 3, "b": 2},
    }
    assert entries[("stelling-melden", None)]["verborgen"] == "minder dan 3 stemmen"
    assert entries[("taart-aannemen", None)]["notities"] == ["Veel twijfel over optie B."]
    assert entries[("taart-aannemen", None)]["afspraken"] == ["We spreken elkaar aan."]
    for entry in entries.values():
        keys = {"item", "type", "titel", "stap", "stemmen", "notities", "afspraken"}
        assert set(entry) - {"verborgen"} == keys

    # deck --sessie: one chart per shown question, with the same counts, none for the masked
    deck = tmp_path / "sessie.pptx"
    result = gesprek(*pk, "deck", "--sessie", str(sid), "-o", str(deck))
    assert result.code == 0, result.err
    charts, texts = deck_counts(deck)
    assert charts == [list(c.values()) for c in shown.values() if c is not None]
    assert any("minder dan 3 stemmen" in t for t in texts)

    # handout --sessie: the same counts per option, and the masked question says why
    page = tmp_path / "sessie.html"
    result = gesprek(*pk, "handout", "--sessie", str(sid), "-o", str(page))
    assert result.code == 0, result.err
    html = page.read_text(encoding="utf-8")
    tellingen = Html(html, "telling").found
    expected = [n for c in shown.values() if c is not None for n in c.values()]
    assert [int(t.split()[0]) for t in tellingen] == expected
    assert any("minder dan 3 stemmen" in t for t in Html(html, "verborgen").found)

    # export as CSV: one row per option, masked rows without a count
    out = tmp_path / "export.csv"
    result = gesprek(*pk, "export", "-o", str(out))
    assert result.code == 0, result.err
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter=";") if r["sessie"] == str(sid)]
    from_csv: dict[tuple[str, int | None], dict[str, int] | None] = {}
    for row in rows:
        key = (row["item"], int(row["stap"]) if row["stap"] else None)
        if row["aantal"] == "":
            assert row["verborgen"] == "minder dan 3 stemmen"
            from_csv[key] = None
        else:
            from_csv.setdefault(key, {})[row["optie"]] = int(row["aantal"])  # type: ignore[index]
    assert from_csv == shown

    # export as JSON: the resultaten object of every session
    out = tmp_path / "export.json"
    assert gesprek(*pk, "export", "--formaat", "json", "-o", str(out)).code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert [s for s in exported if s["id"] == sid] == [data]

    # overzicht --json: the session with its parts, and its counts in the trends
    result = gesprek(*pk, "overzicht", "--json")
    assert result.code == 0, result.err
    [team] = json.loads(result.out)
    assert team["team"] == "Team Noord"
    line = next(g for g in team["gesprekken"] if g["sessie"] == sid)
    assert line == {
        "sessie": sid,
        "datum": "2026-03-05",
        "status": "gehouden",
        "besproken": 3,
        "onderdelen": 3,
        "telt_mee": True,
    }
    points = {
        (t["item"], t["stap"]): p["stemmen"]
        for t in team["trends"]
        for p in t["sessies"]
        if p["sessie"] == sid
    }
    assert points == {k: c for k, c in shown.items() if c is not None}


def test_below_the_threshold_is_below_it_everywhere(gesprek, lib, test_pack, tmp_path):
    """One phone vote: no output shows it, not even its total; one raised hand is shown."""
    pk = ("--pakket", str(test_pack))
    earlier = hold(lib, ["taart-aannemen"], [("hand", [5, 1, 0])], when="2026-01-10T10:00:00Z")
    sid = hold(
        lib, ["taart-aannemen", "stelling-melden"], [("telefoon", [0, 1, 0]), ("hand", [0, 1, 0])]
    )

    result = gesprek(*pk, "resultaten", str(sid))
    assert result.code == 0, result.err
    assert "minder dan 3 stemmen" in result.out
    assert "100%" in result.out  # the single raised hand, as entered
    assert result.out.count("100%") == 1

    deck = tmp_path / "d.pptx"
    assert gesprek(*pk, "deck", "--sessie", str(sid), "-o", str(deck)).code == 0
    charts, texts = deck_counts(deck)
    assert charts == [[0, 1, 0]]  # only the hand vote has a chart
    joined = "\n".join(texts)
    assert "minder dan 3 stemmen" in joined
    assert "Totaal: 1" in joined  # the hand vote's note; the phone vote has none

    for fmt in ("html", "md"):
        page = tmp_path / f"h.{fmt}"
        assert gesprek(*pk, "handout", "--sessie", str(sid), "-o", str(page)).code == 0
        text = page.read_text(encoding="utf-8")
        assert "minder dan 3 stemmen" in text
        assert text.count("(100%)") == 1

    out = tmp_path / "e.csv"
    assert gesprek(*pk, "export", "-o", str(out)).code == 0
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter=";") if r["sessie"] == str(sid)]
    masked = [r for r in rows if r["item"] == "taart-aannemen"]
    assert [r["aantal"] for r in masked] == ["", "", ""]
    assert [r["aantal"] for r in rows if r["item"] == "stelling-melden"] == ["0", "1", "0"]

    result = gesprek(*pk, "overzicht", "--json")
    [team] = json.loads(result.out)
    # the earlier session's taart counts have no second point: the masked one is left out
    assert all(t["item"] != "taart-aannemen" for t in team["trends"])
    assert earlier != sid


def test_a_new_hand_vote_unmasks_and_a_larger_threshold_on_resume_keeps_hiding(lib):
    from gesprek.readmodel.held import load_session

    sid = hold(lib, ["taart-aannemen"], [("telefoon", [1, 2, 0])], threshold=4, finish=False)
    store = Store.open(db_path())
    try:
        [question] = load_session(store, sid).parts[0].questions
        assert question.stemmen is None and question.verborgen == "minder dan 4 stemmen"
        store.set_threshold(sid, 2)  # a resume with a smaller threshold keeps the larger
        [question] = load_session(store, sid).parts[0].questions
        assert question.verborgen == "minder dan 4 stemmen"
        assert store.session(sid).drempel == 4
    finally:
        store.close()


def test_the_same_items_give_the_same_desks_on_screen_in_the_deck_and_in_the_handout(
    gesprek, lib, test_pack, tmp_path
):
    from rich.console import Console

    from gesprek.content.desks import help_desks
    from gesprek.export.deck.writer import build_deck
    from gesprek.export.handout import render_handout, session_handout
    from gesprek.readmodel.held import read_session
    from gesprek.session.engine import Part, Session
    from gesprek.ui.session import TerminalSession

    cases = {
        "with desks": ["stelling-melden", "taart-aannemen"],
        "without desks": ["stelling-melden", "ronde-kort"],
    }
    for name, ids in cases.items():
        sid = hold(lib, ids, [])
        held = read_session(db_path(), sid)
        expected = [d.naam for d in help_desks([p.item for p in held.parts], lib)]
        assert expected, name
        if name == "with desks":
            assert expected == ["Veiligheid, Integriteit en Klachten (VIK)", "Vertrouwenspersoon"]
        else:
            assert len(expected) == 3  # the default desks

        # the deck's closing slide
        prs = build_deck(held, lib)
        closing = list(prs.slides)[-1]
        assert closing.shapes.title.text_frame.text == "Waar kun je terecht?"
        body = [
            p.text
            for s in closing.shapes
            if s.has_text_frame and s.shape_id != closing.shapes.title.shape_id
            for p in s.text_frame.paragraphs
            if p.text.strip()
        ]
        assert [next(n for n in expected if t.startswith(n)) for t in body] == expected, name

        # the handout's section
        html = render_handout(session_handout(lib, held), "html")
        section = html[html.index('class="hulp"') :]
        shown = Html(section, "hulp").all_text
        positions = [" ".join(shown).find(n) for n in expected]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), name

        # the terminal's closing screen
        parts = [Part(p.positie, p.item, p.minutes) for p in held.parts]
        session = Session(parts, lambda: 0.0)
        terminal = TerminalSession(session, sid, lib, Console(), input, None)
        console = Console(width=100, record=True)
        console.print(terminal.loketten_table())
        screen = " ".join(console.export_text().split())
        positions = [screen.find(n) for n in expected]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), name
        others = [d.naam for d in lib.kader["loketten"].values() if d.naam not in expected]
        assert not [n for n in others if f"{n}:" in screen], name


def test_overview_lists_every_team_with_entries_and_counts_half_a_programme(
    gesprek, lib, test_pack
):
    """A session stopped right after a vote still puts its team in the overview; a session
    that discussed fewer than half of its parts is no yearly conversation."""
    from datetime import UTC, datetime

    from gesprek.readmodel.held import opened
    from gesprek.reports.overview import overview

    ids = ["taart-aannemen", "stelling-melden", "casus-kluis", "ronde-kort"]
    hold(
        lib, ids, [("hand", [1, 2, 3])], team="Wijkteam", parts=0, finish=False
    )  # voted, no part done
    hold(lib, ids, [], team="Noodhulp", parts=1, finish=False)  # 1 of 4 discussed
    hold(lib, ids, [None, None], team="Recherche", parts=2, finish=False)  # 2 of 4, votes skipped
    now = datetime(2026, 3, 20, tzinfo=UTC)
    with opened(db_path()) as store:
        teams = {t.team: t for t in overview(store, now)}
    assert set(teams) == {"Wijkteam", "Noodhulp", "Recherche"}
    wijk = teams["Wijkteam"]
    assert [(g.status, g.besproken, g.onderdelen) for g in wijk.gesprekken] == [
        ("onderbroken", 0, 4)
    ]
    assert wijk.status == "te-laat"
    assert teams["Noodhulp"].status == "te-laat"  # 1 of 4: not a conversation
    assert [g.telt_mee for g in teams["Noodhulp"].gesprekken] == [False]
    recherche = teams["Recherche"]
    assert [(g.status, g.besproken, g.telt_mee) for g in recherche.gesprekken] == [
        ("onderbroken", 2, True)
    ]
    assert recherche.status == "op-tijd"

    result = gesprek("--pakket", str(test_pack), "overzicht")
    assert result.code == 0, result.err
    assert "Wijkteam" in result.out and "onderbroken" in result.out
    assert "Nog geen" not in result.out


def test_skipped_parts_do_not_count_as_discussed(lib):
    """Three of four parts skipped, the last discussed, the session closed: every part is
    done, but only one was discussed, so it is no yearly conversation."""
    from datetime import UTC, datetime

    from gesprek.readmodel.held import opened
    from gesprek.reports.overview import overview

    ids = ["taart-aannemen", "stelling-melden", "casus-kluis", "ronde-kort"]
    record(
        ids,
        lib=lib,
        minutes=[5] * 4,
        team="Team Oost",
        omschrijving="t",
        when="2026-03-01T10:00:00+01:00",
        skipped=(1, 2, 3),
    )
    with opened(db_path()) as store:
        [team] = overview(store, datetime(2026, 3, 20, tzinfo=UTC))
    [line] = team.gesprekken
    assert (line.status, line.besproken, line.onderdelen, line.telt_mee) == (
        "gehouden",
        1,
        4,
        False,
    )
    assert team.status == "te-laat"


def test_teams_are_grouped_as_people_type_them(gesprek, lib, test_pack, tmp_path):
    hold(
        lib,
        ["taart-aannemen"],
        [("hand", [1, 0, 0])],
        team="Recherche Zuid",
        when="2026-01-05T10:00:00Z",
    )
    hold(
        lib,
        ["taart-aannemen"],
        [("hand", [0, 2, 0])],
        team="recherche  zuid ",
        when="2026-02-05T10:00:00Z",
    )
    hold(
        lib,
        ["taart-aannemen"],
        [("hand", [0, 0, 3])],
        team="Récherche Zuid",
        when="2026-03-05T10:00:00Z",
    )
    hold(
        lib,
        ["taart-aannemen"],
        [("hand", [1, 1, 1])],
        team="Recherche Noord",
        when="2026-03-06T10:00:00Z",
    )
    result = gesprek("--pakket", str(test_pack), "overzicht", "--json")
    teams = {t["team"]: t for t in json.loads(result.out)}
    assert set(teams) == {"Récherche Zuid", "Recherche Noord"}  # the most recent spelling
    zuid = teams["Récherche Zuid"]
    assert zuid["sessies"] == 3
    [trend] = zuid["trends"]
    assert [p["stemmen"] for p in trend["sessies"]] == [
        {"a": 1, "b": 0, "c": 0},
        {"a": 0, "b": 2, "c": 0},
        {"a": 0, "b": 0, "c": 3},
    ]
    # --team matches every spelling, in the overview and in the export
    result = gesprek("--pakket", str(test_pack), "overzicht", "--team", "RECHERCHE zuid", "--json")
    assert [t["sessies"] for t in json.loads(result.out)] == [3]
    out = tmp_path / "zuid.json"
    pk = ("--pakket", str(test_pack))
    assert (
        gesprek(*pk, "export", "--team", "recherche zuid", "--formaat", "json", "-o", str(out)).code
        == 0
    )
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert [s["team"] for s in exported] == ["Recherche Zuid", "recherche  zuid ", "Récherche Zuid"]

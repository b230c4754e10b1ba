"""Authors: ``gesprek nieuw`` typed into as a person would (through a prompt_toolkit pipe,
and the real command in a pseudo-terminal), what it writes (it loads back as the item that
was entered and passes ``check``), id proposals, the GitHub annotations of ``check
--formaat github``, and the files that run ``check`` where authors work."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from gesprek.author import ids, wizard, writer
from gesprek.author.annotations import annotation, escape_data, escape_property
from gesprek.author.prompts import Prompter
from gesprek.content import library, models, safe_yaml
from gesprek.errors import Problem
from tests.conftest import REPO, VALID_DILEMMA
from tests.pty_screen import Screen

# Keys as a terminal sends them.
ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
SPACE = " "
DONE = "\x1b\r"  # Esc, Enter: ends a multi-line answer
CLEAR = "\x15"  # Ctrl-U: clears a prefilled answer
CTRL_C = "\x03"


@pytest.fixture(scope="module")
def builtin() -> library.Library:
    return library.load([], strict=False)


# --- typing into the wizard --------------------------------------------------------------


def choose(values: list[str], wanted: str) -> str:
    """A select: down to ``wanted``, Enter."""
    return DOWN * values.index(wanted) + ENTER


def tick(values: list[str], wanted: list[str] | tuple[str, ...] = ()) -> str:
    """A checkbox: down to each wanted value, space; Enter."""
    keys, at = "", 0
    for index in sorted(values.index(w) for w in wanted):
        keys += DOWN * (index - at) + SPACE
        at = index
    return keys + ENTER


class Keys:
    """The answers for the wizard's questions, in the order it asks them."""

    def __init__(self, lib: library.Library) -> None:
        self.themas = list(lib.kader["themas"])
        self.kernwaarden = list(lib.kader["kernwaarden"])
        self.loketten = list(lib.kader["loketten"])
        self.beroepscode = [i.id for i in lib.of_type("beroepscode")]

    def head(self, titel: str, thema: str, kernwaarden: list[str], item_id: str = "") -> str:
        keys = titel + ENTER
        keys += (CLEAR + item_id if item_id else "") + ENTER  # the proposed id, or another
        return keys + choose(self.themas, thema) + tick(self.kernwaarden, kernwaarden)

    def tail(
        self,
        *,
        doorvragen: tuple[str, ...] = (),
        norm: str = "",
        beroepscode: tuple[str, ...] = (),
        loketten: tuple[str, ...] = (),
        duur: str = "",
        bron: str = "",
        save: bool = True,
    ) -> str:
        keys = "".join(text + ENTER for text in doorvragen) + ENTER
        keys += norm + DONE
        keys += tick(self.beroepscode, beroepscode)
        keys += tick(self.loketten, loketten)
        keys += ENTER  # doelgroep: 'iedereen' is ticked already
        keys += (CLEAR + duur if duur else "") + ENTER
        keys += bron + ENTER
        return keys + (ENTER if save else DOWN + ENTER)  # Opslaan? Ja / Nee


def run_wizard(type_: str, pack: Path, keys: str) -> tuple[Path, list[str]]:
    """Run ``gesprek nieuw TYPE --map PACK`` in-process, the keys typed ahead. The pipe is
    closed after them: a question too many ends in EOFError instead of waiting forever."""
    said: list[str] = []
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        prompter = Prompter(input=pipe, output=DummyOutput())
        path = wizard.create(type_, pack, prompter=prompter, say=said.append)
    return path, said


def loaded(pack: Path, item_id: str) -> object:
    """The item as ``gesprek check`` sees it, after asserting the pack has no problems."""
    lib = library.load([pack], strict=False)
    assert lib.problems == []
    return lib.items[item_id]


def first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def test_a_dilemma_from_start_to_finish(pack, builtin):
    target = pack({})
    k = Keys(builtin)
    keys = (
        ENTER  # an empty title is refused: asked again
        + k.head("Café Intégrité op het bureau", "geschenken", ["integer", "moedig"])
        + "Een kok biedt je gratis koffie aan.\rHij wil er niets voor."
        + DONE
        + ENTER  # vraag: the model's example 'Wat doe je?' is prefilled
        + ENTER  # antwoordopties? Ja
        + "Ik drink het.\r"
        + "Ik betaal.\r"
        + "Ik vraag de bon.\r"
        + ENTER
        + k.tail(
            doorvragen=("Maakt het bedrag uit?", "En als het je leidinggevende is?"),
            norm="Je neemt geen geschenken aan.",
            beroepscode=("bc-niet-corrupt",),
            loketten=("leidinggevende", "vik"),
            duur="0" + ENTER + CLEAR + "8",  # 0 minutes is refused by the model's rule
            bron="Eigen ervaring",
        )
    )
    path, said = run_wizard("dilemma", target, keys)

    assert path == target / "dilemmas" / "cafe-integrite-op-het-bureau.yaml"
    expected = models.Dilemma.model_validate(
        {
            "id": "cafe-integrite-op-het-bureau",
            "type": "dilemma",
            "titel": "Café Intégrité op het bureau",
            "thema": "geschenken",
            "kernwaarden": ["integer", "moedig"],
            "duur": 8,
            "situatie": "Een kok biedt je gratis koffie aan.\nHij wil er niets voor.\n",
            "vraag": "Wat doe je?",
            "opties": [
                {"id": "a", "tekst": "Ik drink het."},
                {"id": "b", "tekst": "Ik betaal."},
                {"id": "c", "tekst": "Ik vraag de bon."},
            ],
            "doorvragen": ["Maakt het bedrag uit?", "En als het je leidinggevende is?"],
            "norm": "Je neemt geen geschenken aan.",
            "beroepscode": ["bc-niet-corrupt"],
            "loketten": ["leidinggevende", "vik"],
            "bron": "Eigen ervaring",
        }
    )
    assert loaded(target, expected.id) == expected
    text = path.read_text(encoding="utf-8")
    assert first_line(path) == "# yaml-language-server: $schema=../inhoud.schema.json"
    assert (target / "inhoud.schema.json").is_file()
    # Readable: fixed order, kader ids on one line, multi-line text as a block.
    assert text.splitlines()[1:4] == [
        "id: cafe-integrite-op-het-bureau",
        "type: dilemma",
        "titel: Café Intégrité op het bureau",
    ]
    assert "kernwaarden: [integer, moedig]\n" in text
    assert "situatie: |\n  Een kok biedt je gratis koffie aan.\n  Hij wil er niets voor.\n" in text
    assert text.index("opties:") < text.index("doorvragen:") < text.index("bron:")
    assert "doelgroep" not in text  # the default is left out
    # The author saw the file before saying yes, and where it went.
    assert "id: cafe-integrite-op-het-bureau" in "\n".join(said)
    assert any(line.startswith("Geschreven: ") for line in said)


def test_a_stelling_with_the_default_scale(pack, builtin):
    target = pack({})
    k = Keys(builtin)
    keys = (
        k.head("Lekken is altijd fout", "informatie", ["betrouwbaar"])
        + "Wie informatie lekt, hoort niet bij de politie.\r"
        + ENTER  # de standaard houden (eens / oneens / weet niet)? Ja
        + k.tail(doorvragen=("Maakt het uit of het per ongeluk gaat?",), loketten=("vik",))
    )
    path, _ = run_wizard("stelling", target, keys)

    assert path == target / "statements" / "lekken-is-altijd-fout.yaml"
    expected = models.Stelling.model_validate(
        {
            "id": "lekken-is-altijd-fout",
            "type": "stelling",
            "titel": "Lekken is altijd fout",
            "thema": "informatie",
            "kernwaarden": ["betrouwbaar"],
            "stelling": "Wie informatie lekt, hoort niet bij de politie.",
            "doorvragen": ["Maakt het uit of het per ongeluk gaat?"],
            "loketten": ["vik"],
        }
    )
    item = loaded(target, expected.id)
    assert item == expected
    assert [o.id for o in item.opties] == ["eens", "oneens", "weet-niet"]
    assert "opties" not in path.read_text(encoding="utf-8")


def test_a_stelling_with_its_own_options(pack, builtin):
    target = pack({})
    k = Keys(builtin)
    keys = (
        k.head("Straffen helpt", "discriminatie", [])
        + "Straffen lost discriminatie op.\r"
        + DOWN
        + ENTER  # de standaard houden? Nee
        + "Helemaal mee eens\r"
        + "Helemaal mee oneens\r"
        + ENTER
        + k.tail()
    )
    run_wizard("stelling", target, keys)
    item = loaded(target, "straffen-helpt")
    assert [(o.id, o.tekst) for o in item.opties] == [
        ("a", "Helemaal mee eens"),
        ("b", "Helemaal mee oneens"),
    ]
    assert item.kernwaarden == []


def test_a_kennisvraag_with_two_correct_options(pack, builtin):
    target = pack({})
    k = Keys(builtin)
    uitleg = (
        "Plichtsverzuim is breder dan het overtreden van regels: ook iets doen of juist laten "
        "wat een goed ambtenaar in dezelfde omstandigheden niet of wel zou doen, valt eronder."
    )
    keys = (
        k.head("Wat is plichtsverzuim eigenlijk", "beroepscode", ["integer"])
        + DONE  # situatie may stay empty
        + "Wat valt onder plichtsverzuim?\r"
        + "Een voorschrift overtreden.\r"
        + "Iets nalaten wat een goed ambtenaar wel zou doen.\r"
        + "Alleen wat ook strafbaar is.\r"
        + ENTER
        + ENTER  # no correct option ticked: refused, asked again
        + tick(["a", "b", "c"], ["a", "b"])
        + uitleg
        + DONE
        + k.tail(beroepscode=("bc-eed",))
    )
    path, _ = run_wizard("kennisvraag", target, keys)

    assert path.parent.name == "dilemmas"
    item = loaded(target, "wat-is-plichtsverzuim-eigenlijk")
    # A long answer is wrapped into a block of lines, words unchanged.
    assert item.uitleg.endswith("\n")
    assert all(len(line) <= wizard.WRAP for line in item.uitleg.splitlines())
    assert len(item.uitleg.splitlines()) == 2
    assert " ".join(item.uitleg.split()) == uitleg
    expected = models.Kennisvraag.model_validate(
        {
            "id": "wat-is-plichtsverzuim-eigenlijk",
            "type": "kennisvraag",
            "titel": "Wat is plichtsverzuim eigenlijk",
            "thema": "beroepscode",
            "kernwaarden": ["integer"],
            "vraag": "Wat valt onder plichtsverzuim?",
            "opties": [
                {"id": "a", "tekst": "Een voorschrift overtreden.", "juist": True},
                {
                    "id": "b",
                    "tekst": "Iets nalaten wat een goed ambtenaar wel zou doen.",
                    "juist": True,
                },
                {"id": "c", "tekst": "Alleen wat ook strafbaar is."},
            ],
            "uitleg": item.uitleg,
            "beroepscode": ["bc-eed"],
        }
    )
    assert item == expected
    assert item.situatie is None
    assert item.duur == 5  # the model's default for a kennisvraag


def test_a_casus_with_two_steps_and_one_beslismoment(pack, builtin):
    target = pack({})
    k = Keys(builtin)
    keys = (
        k.head("De nieuwe collega", "ongewenst-gedrag", ["moedig", "verbindend"])
        + "Een nieuwe collega krijgt steeds de rotklusjes."
        + DONE
        # step 1, with a beslismoment
        + "Het begin\r"
        + "Twee collega's sturen hem steeds de cel in.\r\rHij zegt er niets van."
        + DONE
        + "Wat zie je gebeuren?\r"
        + ENTER
        + UP
        + ENTER  # beslismoment? Ja (the default is Nee)
        + "Wat doe je als teamchef?\r"
        + "Ik spreek de twee aan.\r"
        + "Ik wacht af.\r"
        + ENTER
        + DONE  # kader may stay empty
        + "De teamchef sprak ze aan."
        + DONE
        + ENTER  # nog een stap? Ja
        # step 2, without
        + "Daarna\r"
        + "Het team praat erover.\r"
        + DONE
        + ENTER  # no vragen
        + ENTER  # beslismoment? Nee
        + DOWN
        + ENTER  # nog een stap? Nee
        + k.tail(loketten=("vertrouwenspersoon",), duur="60")
    )
    path, said = run_wizard("casus", target, keys)

    assert path == target / "dilemmas" / "de-nieuwe-collega.yaml"
    expected = models.Casus.model_validate(
        {
            "id": "de-nieuwe-collega",
            "type": "casus",
            "titel": "De nieuwe collega",
            "thema": "ongewenst-gedrag",
            "kernwaarden": ["moedig", "verbindend"],
            "duur": 60,
            "inleiding": "Een nieuwe collega krijgt steeds de rotklusjes.",
            "stappen": [
                {
                    "titel": "Het begin",
                    "verhaal": "Twee collega's sturen hem steeds de cel in.\n\n"
                    "Hij zegt er niets van.\n",
                    "vragen": ["Wat zie je gebeuren?"],
                    "beslismoment": {
                        "vraag": "Wat doe je als teamchef?",
                        "opties": [
                            {"id": "a", "tekst": "Ik spreek de twee aan."},
                            {"id": "b", "tekst": "Ik wacht af."},
                        ],
                        "uitkomst": "De teamchef sprak ze aan.",
                    },
                },
                {"titel": "Daarna", "verhaal": "Het team praat erover."},
            ],
            "loketten": ["vertrouwenspersoon"],
        }
    )
    item = loaded(target, expected.id)
    assert item == expected
    assert [s.stap for s in item.stemmingen()] == [1]
    assert "-- Stap 2" in said


def test_a_ronde(pack, builtin):
    target = pack({})
    k = Keys(builtin)
    keys = (
        k.head("Even terugkijken", "melden", [])
        + ENTER  # the first question is required: asked again
        + "Wat is je bijgebleven?\r"
        + "Wat ga je anders doen?\r"
        + ENTER
        + k.tail()
    )
    path, _ = run_wizard("ronde", target, keys)
    assert path.parent.name == "statements"
    item = loaded(target, "even-terugkijken")
    assert item.vragen == ["Wat is je bijgebleven?", "Wat ga je anders doen?"]


def test_an_existing_id_is_refused_and_asked_again(pack, builtin):
    # 'kapot' exists only as a broken file in the pack: not loaded, but its name is taken.
    target = pack({"statements/kapot.yaml": "id: kapot\ntype: stelling\n"})
    k = Keys(builtin)
    keys = (
        "Lunch niet betalen\r"
        + CLEAR
        + "lunch-niet-betalen\r"  # a built-in item: refused
        + CLEAR
        + "Eigen Lunch\r"  # not a valid id: refused
        + CLEAR
        + "kapot\r"  # a file in the pack: refused
        + CLEAR
        + "eigen-lunch\r"
        + choose(k.themas, "geschenken")
        + tick(k.kernwaarden)
        + "Gratis eten kan niet.\r"
        + ENTER
        + k.tail()
    )
    path, _ = run_wizard("stelling", target, keys)
    assert path == target / "statements" / "eigen-lunch.yaml"
    lib = library.load([target], strict=False)
    assert {Path(p.path).name for p in lib.problems} == {"kapot.yaml"}
    assert lib.items["eigen-lunch"].titel == "Lunch niet betalen"
    assert lib.items["lunch-niet-betalen"].titel == "De eigenaar wil niet dat je betaalt"
    assert (target / "statements" / "kapot.yaml").read_text() == "id: kapot\ntype: stelling\n"


def test_the_proposed_id_is_never_taken(builtin, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    prompter = object()  # no question is asked here
    wiz = wizard.Wizard("dilemma", builtin, tmp_path, prompter, print)  # type: ignore[arg-type]
    assert wiz.taken("lunch-niet-betalen") == "content/dilemmas/lunch-niet-betalen.yaml"
    assert wiz.taken("iets-nieuws") is None
    proposal = ids.free_id(ids.propose_id("Lunch niet betalen"), lambda c: wiz.taken(c) is not None)
    assert proposal == "lunch-niet-betalen-2"


def test_ctrl_c_leaves_nothing_behind(pack):
    target = pack({})
    with pytest.raises(KeyboardInterrupt):
        run_wizard("dilemma", target, "Een titel\r" + ENTER + CTRL_C)
    assert list(target.iterdir()) == []


@pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
def test_saying_no_at_the_end_writes_nothing(pack, builtin):
    target = pack({})
    k = Keys(builtin)
    keys = k.head("Niet bewaren", "melden", []) + "Zomaar.\r" + ENTER + k.tail(save=False)
    keys += DOWN + ENTER  # Stoppen zonder op te slaan
    with pytest.raises(wizard.NotSaved):
        run_wizard("stelling", target, keys)
    assert list(target.iterdir()) == []


def test_saying_no_at_the_end_offers_to_change_an_answer(pack, builtin):
    """'Nee' does not throw the work away: change the stelling, then save."""
    target = pack({})
    k = Keys(builtin)
    keys = k.head("Een stelling", "melden", []) + "Eerste versie.\r" + ENTER + k.tail(save=False)
    keys += ENTER  # Een antwoord veranderen
    fields = ["titel", "id", "thema", "kernwaarden", "stelling"]
    keys += choose(fields, "stelling") + CLEAR + "Tweede versie.\r"
    keys += ENTER  # Opslaan? Ja
    _, said = run_wizard("stelling", target, keys)
    item = loaded(target, "een-stelling")
    assert item.stelling == "Tweede versie."
    assert sum("Eerste versie." in line for line in said) == 1  # shown once, then changed


# --- the real command -------------------------------------------------------------------


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        GESPREK_DB=str(tmp_path / "verslagen.sqlite"),
        GESPREK_CACHE=str(tmp_path / "cache"),
        PROMPT_TOOLKIT_NO_CPR="1",
        TERM="xterm",
        COLUMNS="100",
        LINES="40",
    )


def nieuw(env: dict[str, str], *args: str) -> Screen:
    return Screen("nieuw", *args, cols=100, rows=40, env=env)


@pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
def test_gesprek_nieuw_in_a_terminal(env, pack, gesprek):
    target = pack({})
    with nieuw(env, "stelling", "--map", str(target)) as s:
        s.wait_for("Nieuw: stelling in het pakket")
        s.asks("Welke titel krijgt het?")
        s.keys("Lunch niet betalen\r")
        s.asks("Onder welke naam bewaren we het bestand?")
        s.asks("lunch-niet-betalen-2")  # the proposal avoids the built-in id
        s.keys(CLEAR + "lunch-niet-betalen\r")
        s.asks("bestaat al")
        s.keys(CLEAR + "eigen-stelling\r")
        s.asks("Over welk thema gaat het?")
        s.asks("Geschenken en uitnodigingen")  # the kader's Dutch names
        s.keys(ENTER)
        s.asks("Welke kernwaarden spelen mee?")
        s.keys(SPACE + ENTER)
        s.asks("Wat is de stelling?")
        s.keys("Gratis lunchen kan niet.\r")
        s.asks("Mogen de antwoorden de standaard blijven")
        s.keys(ENTER)
        s.asks("Een vraag voor de gespreksleider om door te vragen")
        s.keys("Maakt het bedrag uit?\r")
        s.asks("Nog een vraag om door te vragen (2)")  # plain words, not the field's name
        s.keys(ENTER)
        s.asks("Welke regel geldt hier?")
        s.keys(DONE)
        s.asks("Welke regels uit de beroepscode")
        s.keys(ENTER)
        s.asks("Waar kan iemand met zo'n situatie terecht?")
        s.keys(ENTER)
        s.asks("Voor wie is het bedoeld?")
        s.keys(ENTER)
        s.asks("Hoeveel minuten trek je ervoor uit?")
        s.keys(ENTER)
        s.asks("Waar komt het vandaan?")
        s.keys(ENTER)
        s.asks("Opslaan als")
        s.keys(ENTER)
        s.wait_for("Geschreven: ")
        assert s.finish() == 0
    assert (target / "statements" / "eigen-stelling.yaml").is_file()
    result = gesprek("check", str(target))
    assert result.code == 0, result.out
    assert "geen fouten" in result.out


def test_no_jargon_in_the_questions():
    for question in [*wizard.PLAIN.values(), *wizard.MORE.values()]:
        for jargon in ("Id van", "uit het kader", "juist: true", "true als"):
            assert jargon not in question, question


@pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
def test_the_validation_message_shows_next_to_the_question(env):
    """With the cursor position known (a real terminal answers prompt_toolkit's request),
    a multi-line answer could grow to the bottom of the screen and its message with it."""
    folder = str(Path(env["GESPREK_DB"]).parent)
    with nieuw(env, "dilemma", "--map", folder) as term:
        term.wait_for("Welke titel")
        term.keys("Te lege situatie\r")
        term.wait_for("Onder welke naam")
        term.keys(ENTER)
        term.wait_for("Over welk thema")
        term.keys(ENTER)
        term.wait_for("Welke kernwaarden")
        term.keys(ENTER)
        term.wait_for("Wat is de situatie?")
        term.keys(DONE)  # an empty situation
        rows = term.wait_for("mag niet leeg zijn").lines
        question = next(i for i, row in enumerate(rows) if "Wat is de situatie?" in row)
        message = next(i for i, row in enumerate(rows) if "mag niet leeg zijn" in row)
        assert 0 < message - question <= 4, "\n".join(rows)
        term.keys(CTRL_C)
        term.finish()


@pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
def test_esc_goes_back_to_the_previous_question(env, pack, gesprek):
    target = pack({})
    with nieuw(env, "ronde", "--map", str(target)) as s:
        s.asks("Welke titel krijgt het?")
        s.keys("Eerste titel\r")
        s.asks("Onder welke naam")
        s.keys("\x1b")  # Esc, on its own
        s.asks("Welke titel krijgt het?")
        s.keys("Betere titel\r")
        s.asks("Onder welke naam")
        s.asks("betere-titel")  # the id proposal follows the new title
        s.keys(ENTER)
        s.asks("Over welk thema")
        s.keys(ENTER)
        s.asks("Welke kernwaarden")
        s.keys("\x1b")
        s.asks("Over welk thema")
        s.keys(ENTER)
        s.asks("Welke kernwaarden")
        s.keys(ENTER)
        s.asks("Een vraag om over te praten")
        s.keys("Hoe gaat het?\r")
        s.asks("leeg = klaar")
        s.keys(ENTER)
        for question, keys in [
            ("Een vraag voor de gespreksleider", ENTER),
            ("Welke regel geldt hier?", DONE),
            ("Welke regels uit de beroepscode", ENTER),
            ("Waar kan iemand", ENTER),
            ("Voor wie is het bedoeld?", ENTER),
            ("Hoeveel minuten", ENTER),
            ("Waar komt het vandaan?", ENTER),
        ]:
            s.asks(question)
            s.keys(keys)
        s.asks("Opslaan als")
        s.keys(ENTER)
        assert s.finish() == 0
    assert (target / "statements" / "betere-titel.yaml").is_file()
    assert gesprek("check", str(target)).code == 0


@pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
def test_ctrl_c_in_a_terminal(env, pack):
    target = pack({})
    with nieuw(env, "dilemma", "--map", str(target)) as s:
        s.asks("Welke titel krijgt het?")
        s.keys("Bijna klaar\r")
        s.asks("Onder welke naam")
        s.keys(CTRL_C)
        s.wait_for("Afgebroken; er is niets geschreven.")
        assert s.finish() == 130
    assert list(target.iterdir()) == []


def test_without_a_terminal_it_says_so(gesprek, pack, monkeypatch):
    target = pack({})
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = gesprek("nieuw", "dilemma", "--map", str(target))
    assert result.code == 2
    assert "terminal nodig" in result.err
    assert "Traceback" not in result.err
    assert list(target.iterdir()) == []


def test_without_a_terminal_questionary_is_not_even_imported(tmp_path):
    code = (
        "import sys\n"
        "from gesprek.cli import main\n"
        "try:\n"
        f"    main(['nieuw', 'dilemma', '--map', {str(tmp_path)!r}])\n"
        "except SystemExit as exc:\n"
        "    print(exc.code, 'questionary' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        env=dict(os.environ, GESPREK_DB=str(tmp_path / "db.sqlite")),
    )
    assert result.stdout.split() == ["2", "False"]
    assert "terminal nodig" in result.stderr


@pytest.mark.parametrize(
    ("type_", "message"),
    [
        ("dilema", "onbekend type 'dilema' (bedoelde je 'dilemma'?)"),
        ("initiatif", "onbekend type 'initiatif' (bedoelde je 'initiatief'?)"),
    ],
)
def test_unknown_type(gesprek, type_, message):
    result = gesprek("nieuw", type_)
    assert result.code == 2
    assert message in result.err
    assert "Kies uit: dilemma, stelling, kennisvraag, casus" in result.err
    assert "initiatief, programma" in result.err


def test_an_initiatief(pack, builtin):
    target = pack({})
    pijlers = list(builtin.kader["pijlers"])
    doelgroepen = list(builtin.kader["doelgroepen"])
    themas = list(builtin.kader["themas"])
    keys = "Samen koken met het team" + ENTER + ENTER  # titel, proposed id
    keys += choose(pijlers, "veilige-inclusieve-teams")
    keys += tick(doelgroepen, ["iedereen"])
    keys += tick(themas, ["veilig-werkklimaat"])
    keys += "Het team kookt samen." + DONE
    keys += "Elkaar beter leren kennen." + DONE
    keys += "1. Kies een datum.\n2. Kook." + DONE
    keys += "Een teamchef" + ENTER + "Een keuken" + ENTER + ENTER  # nodig_wie, nodig_wat, bron
    keys += ENTER  # Opslaan
    path, _ = run_wizard("initiatief", target, keys)
    assert path == target / "initiatives" / "samen-koken-met-het-team.yaml"
    item = loaded(target, "samen-koken-met-het-team")
    assert item.type == "initiatief"
    assert item.pijler == "veilige-inclusieve-teams"
    assert item.doelgroep == ["iedereen"] and item.themas == ["veilig-werkklimaat"]
    assert item.aanpak == "1. Kies een datum.\n2. Kook.\n"


def test_a_programma_adds_up_its_minutes(pack, builtin):
    target = pack({})
    keys = "Kort gesprek" + ENTER + ENTER
    keys += "Een half uur over geschenken." + DONE
    keys += ENTER  # doelgroep: 'iedereen' is ticked already
    keys += "lunch-niet-betalen" + ENTER + CLEAR + "12" + ENTER
    keys += "ronde-afsluitng" + ENTER  # a typo: refused, asked again
    keys += CLEAR + "ronde-afsluiting" + ENTER + CLEAR + "6" + ENTER
    keys += ENTER  # no more parts
    keys += ENTER  # bron
    keys += ENTER  # Opslaan
    path, _ = run_wizard("programma", target, keys)
    item = loaded(target, "kort-gesprek")
    assert [(p.item, p.duur) for p in item.onderdelen] == [
        ("lunch-niet-betalen", 12),
        ("ronde-afsluiting", 6),
    ]
    assert item.duur == 18
    assert path.parent.name == "programmas"


def test_map_that_does_not_exist(gesprek, tmp_path):
    result = gesprek("nieuw", "dilemma", "--map", str(tmp_path / "weg"))
    assert result.code == 2
    assert "bestaat niet" in result.err
    assert not (tmp_path / "weg").exists()


def test_default_map_in_a_checkout_is_the_builtin_content():
    assert wizard.default_pack() == REPO / "content"
    assert wizard.resolve_pack(REPO / "content" / "dilemmas") == REPO / "content"


# --- ids ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Café Intégrité", "cafe-integrite"),
        ("  Wat?! Een -- test  ", "wat-een-test"),
        ("Ærø & Øresund", "aero-oresund"),
        ("Veilig landen van nieuwe collega's", "veilig-landen-van-nieuwe-collegas"),
        ("Straße über Łódź", "strasse-uber-lodz"),
        ("Artikel 76 BARP", "artikel-76-barp"),
    ],
)
def test_id_proposals(title, expected):
    assert ids.propose_id(title) == expected


@pytest.mark.parametrize("title", ["?!? %%% ---", "", "   ", "日本語のタイトル", "🙂🙂"])
def test_an_id_proposal_is_never_empty(title):
    proposal = ids.propose_id(title, fallback="nieuw-dilemma")
    assert proposal == "nieuw-dilemma"
    assert ids.is_valid(proposal)


def test_a_long_title_is_cut_at_a_word_without_a_trailing_hyphen():
    title = " ".join(["integriteit"] * 20)  # about 240 characters
    proposal = ids.propose_id(title)
    assert len(proposal) <= ids.ID_MAX
    assert not proposal.endswith("-")
    assert proposal.split("-") == ["integriteit"] * len(proposal.split("-"))
    assert ids.is_valid(proposal)


def test_a_long_word_is_cut_hard():
    proposal = ids.propose_id("x" * 200)
    assert proposal == "x" * 80
    assert ids.is_valid(ids.propose_id("a-" * 100))
    assert not ids.propose_id("a-" * 100).endswith("-")


def test_free_id_counts_up_and_stays_valid():
    taken = {"dilemma", "dilemma-2"}
    assert ids.free_id("dilemma", taken.__contains__) == "dilemma-3"
    long = "y" * 80
    assert ids.free_id(long, {long}.__contains__) == "y" * 78 + "-2"


def test_id_rules_agree_with_the_model():
    assert ids.ID_RE.pattern == models.ID_PATTERN
    assert ids.ID_MAX == models.ID_MAX


# --- writing ------------------------------------------------------------------------------


def test_every_builtin_item_round_trips_through_the_writer(builtin):
    assert len(builtin.items) > 100
    adapter = models.item_adapter()
    for item in builtin.items.values():
        text = writer.dump(item)
        assert adapter.validate_python(safe_yaml.load(text.encode()).data) == item, item.id


def test_the_writer_never_overwrites(builtin, pack):
    target = pack({})
    item = builtin.items["lunch-niet-betalen"]
    path = writer.write_new(item, target)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(Exception, match="bestaat al; er is niets overschreven"):
        writer.write_new(item, target)
    assert path.read_text(encoding="utf-8") == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_schema_line_inside_the_checkout_is_relative(tmp_path):
    content = REPO / "content"
    assert writer.schema_line(content / "dilemmas") == (
        "# yaml-language-server: $schema=../../schema/inhoud.schema.json\n"
    )
    assert writer.schema_line(REPO / "teams" / "noord" / "dilemmas") == (
        "# yaml-language-server: $schema=../../../schema/inhoud.schema.json\n"
    )
    # Outside the checkout: relative to the file as well, to the pack's own schema; never an
    # absolute path (into a virtual environment) that works on one machine only.
    outside = writer.schema_line(tmp_path / "team" / "dilemmas", tmp_path / "team")
    assert outside == "# yaml-language-server: $schema=../inhoud.schema.json\n"
    assert str(tmp_path) not in outside


def test_a_file_in_a_team_pack_gets_a_schema_beside_it(pack, builtin):
    from jsonschema import Draft202012Validator

    kader = "themas:\n  - id: noord-thema\n    naam: Noord\n    omschrijving: Alleen hier.\n"
    target = pack({"kader.yaml": kader})
    k = Keys(builtin)
    k.themas.append("noord-thema")
    keys = k.head("Eigen stelling", "noord-thema", []) + "Zo is het.\r" + ENTER + k.tail()
    path, _ = run_wizard("stelling", target, keys)
    assert first_line(path) == "# yaml-language-server: $schema=../inhoud.schema.json"
    schema_file = target / "inhoud.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    thema = schema["$defs"]["Stelling"]["properties"]["thema"]
    assert "noord-thema" in next(b for b in thema["anyOf"] if "enum" in b)["enum"]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    # A second item leaves the schema as it is.
    before = schema_file.stat().st_mtime_ns
    keys = k.head("Nog een", "melden", []) + "Ook zo.\r" + ENTER + k.tail()
    run_wizard("stelling", target, keys)
    assert schema_file.stat().st_mtime_ns == before


def test_tidy_block():
    assert wizard.tidy_block("  kort  ") == "kort"
    assert wizard.tidy_block("\n\neen\t twee \n\n\n\ndrie\n\n") == "een twee\n\ndrie\n"
    long = " ".join(["woord"] * 40)
    wrapped = wizard.tidy_block(long)
    assert wrapped.endswith("\n") and "\n" in wrapped.rstrip("\n")
    assert wrapped.replace("\n", " ").strip() == long
    assert wizard.tidy_line("een\x07 twee\n drie") == "een twee drie"


def test_field_rules_come_from_the_model():
    assert wizard.field_problem(models.Dilemma, "duur", 0) == "'duur' moet minstens 1 zijn"
    assert wizard.field_problem(models.Dilemma, "duur", 8) is None
    assert wizard.field_problem(models.Dilemma, "situatie", "") == "'situatie' mag niet leeg zijn"
    assert "ongeldige id" in (wizard.field_problem(models.Dilemma, "id", "Mijn Id") or "")
    assert wizard.describe(models.Dilemma, "situatie") == "De situatie, in een paar zinnen."


# --- check --formaat github ---------------------------------------------------------------


def test_annotation_escaping():
    assert escape_data("100% klaar\r\nen door") == "100%25 klaar%0D%0Aen door"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    problem = Problem("map,een/x:y.yaml", 3, "fout: 50%\nregel twee")
    assert annotation(problem, start=os.getcwd()) == (
        "::error file=map%2Ceen/x%3Ay.yaml,line=3::fout: 50%25%0Aregel twee"
    )
    assert annotation(Problem("a.yaml", None, "leeg")) == "::error file=a.yaml::leeg"


def test_check_formaat_github(gesprek, pack, tmp_path, monkeypatch):
    broken = "id: kapot\ntype: dilemma\ntitel: Kapot\nthema: geschenkn\nsituatie: a\nvraag: b\n"
    pack({"dilemmas/kapot.yaml": broken}, name="pak,ket:1%")
    monkeypatch.chdir(tmp_path)
    result = gesprek("check", "--formaat", "github", "pak,ket:1%")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == (
        "::error file=pak%2Cket%3A1%25/dilemmas/kapot.yaml,line=4::"
        "onbekend thema 'geschenkn' (bedoelde je 'geschenken'?)"
    )
    assert lines[1].endswith("1 fout")
    # --json keeps working, with the same problem.
    as_json = gesprek("check", "--json", "pak,ket:1%")
    assert as_json.code == 1
    assert json.loads(as_json.out) == [
        {
            "bestand": "pak,ket:1%/dilemmas/kapot.yaml",
            "regel": 4,
            "melding": "onbekend thema 'geschenkn' (bedoelde je 'geschenken'?)",
        }
    ]
    assert json.loads(gesprek("check", "--formaat", "json", "pak,ket:1%").out) == json.loads(
        as_json.out
    )


def test_check_formaat_github_paths_are_relative_to_the_current_folder(
    gesprek, pack, tmp_path, monkeypatch
):
    root = pack({"dilemmas/kapot.yaml": "id: kapot\n"}, name="elders")
    sub = tmp_path / "werk"
    sub.mkdir()
    monkeypatch.chdir(sub)
    result = gesprek("check", "--formaat", "github", str(root))
    assert result.code == 1
    assert result.out.startswith("::error file=../elders/dilemmas/kapot.yaml,line=")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--formaat", "xml"), "onbekend formaat 'xml'"),
        (("--formaat", "githib"), "(bedoelde je 'github'?)"),
        (("--json", "--formaat", "github"), "--json gaat niet samen met --formaat github"),
    ],
)
def test_check_formaat_mistakes(gesprek, args, message):
    result = gesprek("check", *args)
    assert result.code == 2
    assert message in result.err


def test_check_formaat_github_without_problems(gesprek):
    result = gesprek("check", "--formaat", "github")
    assert result.code == 0
    assert "::error" not in result.out
    assert "geen fouten" in result.out


# --- where authors work --------------------------------------------------------------------


def test_pre_commit_hook():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "gesprek-check"
    assert hook["entry"] == "gesprek check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert hook["name"]
    pattern = re.compile(hook["files"])
    assert pattern.search("content/dilemmas/x.yaml") and pattern.search("team/kader.yml")
    assert not pattern.search("README.md")


def test_pre_commit_entry_accepts_files_and_checks_their_pack(gesprek, pack):
    root = pack({"dilemmas/kapot.yaml": "id: kapot\ntype: dilemma\n"})
    result = gesprek("check", str(root / "dilemmas" / "kapot.yaml"))
    assert result.code == 1
    assert "kapot.yaml" in result.out


def test_content_workflow():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "inhoud.yml").read_text("utf-8"))
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare 'on' as true
    assert trigger["pull_request"]["paths"] == ["content/**"]
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    runs = [s["run"] for s in steps if "run" in s]
    assert any(r.startswith("pip install") for r in runs)
    assert "gesprek check --formaat github" in runs
    summary = steps[-1]
    assert summary["if"] == "always()"
    assert summary["run"].startswith("gesprek check --formaat samenvatting >> ")
    assert "$GITHUB_STEP_SUMMARY" in summary["run"]


def test_step_summary_lists_every_problem(gesprek, pack, tmp_path, monkeypatch):
    """GitHub shows at most 10 annotations per step; the summary has all of them."""
    files = {f"dilemmas/kapot-{n:02}.yaml": f"id: kapot-{n:02}\n" for n in range(14)}
    files["dilemmas/kapot-99.yaml"] = VALID_DILEMMA.replace("eigen-dilemma", "kapot-99") + (
        "'a|<script>': x\n"
    )
    pack(files, name="team")
    monkeypatch.chdir(tmp_path)
    result = gesprek("check", "--formaat", "samenvatting", "team")
    assert result.code == 1
    text = result.out
    assert text.startswith("## gesprek check\n")
    rows = [line for line in text.splitlines() if line.startswith("| team/")]
    assert len(rows) == 15
    assert all(row.count(" | ") == 2 for row in rows)  # no stray column separators
    assert "<script>" not in text
    assert "a\\|\\<script\\>" in text
    assert "**15 fouten**" in text
    clean = gesprek("check", "--formaat", "samenvatting")
    assert clean.code == 0
    assert "geen fouten." in clean.out


def test_bijdragen_covers_what_authors_need():
    text = (REPO / "BIJDRAGEN.md").read_text(encoding="utf-8")
    for needed in (
        "gesprek nieuw",
        "gesprek check",
        "--pakket",
        "GESPREK_PAKKETTEN",
        "yaml-language-server",
        "gesprek-check",
        "Geen namen",
        "e-mailadressen",
        "Ctrl-C",
    ):
        assert needed in text, needed
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "BIJDRAGEN.md" in readme


def test_bijdragen_takes_an_author_without_git_to_a_pull_request():
    text = (REPO / "BIJDRAGEN.md").read_text(encoding="utf-8")
    assert "shared/seeds" not in text and "seed 0" not in text
    for needed in (
        "Route 1, zonder git",
        "Create new file",
        "Propose changes",
        "Create pull request",
        "Files changed",  # where the annotations show
        "Route 2, met git",
        "git clone",
        "git switch -c",
        "git commit",
        "git push",
        "Compare & pull",
        "Windows",
        ".venv\\Scripts\\",
        "users.noreply.github.com",
        "Keep my email addresses private",
        "Een bestaand item veranderen",
        "gesprek nieuw initiatief",
        "gesprek nieuw programma",
        "content/kader.yaml",
        "rev: v0.1.0",
    ):
        assert needed in text, needed
    # The git name and e-mail warning comes before the first git step.
    assert text.index("Je naam en e-mailadres worden openbaar") < text.index("git config")
    config = text[text.index("```yaml\nrepos:") + len("```yaml\n") :]
    config = yaml.safe_load(config[: config.index("```")])
    (repo,) = config["repos"]
    assert repo["repo"].startswith("https://github.com/")
    assert repo["hooks"] == [{"id": "gesprek-check"}]

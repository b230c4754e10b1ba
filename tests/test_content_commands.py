"""``gesprek inhoud``, ``gesprek toon``, the global options and SELECTIE, as a facilitator or
author uses them; and odd but valid input that must come back exactly as written."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

import gesprek as gesprek_package
from tests.conftest import REPO, VALID_DILEMMA

KADER = yaml.safe_load((REPO / "content" / "kader.yaml").read_text(encoding="utf-8"))


def kader_naam(kind: str, entry_id: str) -> str:
    return next(e["naam"] for e in KADER[kind] if e["id"] == entry_id)


STELLING = """\
id: eigen-stelling
type: stelling
titel: Een eigen stelling
thema: vrije-tijd
stelling: Wat ik in mijn vrije tijd doe, gaat niemand iets aan.
"""

KENNISVRAAG = """\
id: eigen-kennisvraag
type: kennisvraag
titel: Een eigen kennisvraag
thema: informatie
vraag: Wanneer mag je iemand opzoeken?
opties:
  - id: a
    tekst: Als ik nieuwsgierig ben.
  - id: b
    tekst: Als mijn werk het vraagt.
    juist: true
  - id: c
    tekst: Als een vriend erom vraagt.
uitleg: Alleen voor je werk, nooit uit nieuwsgierigheid.
"""

NOTES_DILEMMA = """\
id: dilemma-met-notities
type: dilemma
titel: Taart op het bureau
thema: geschenken
kernwaarden: [integer, moedig]
situatie: Een buurtbewoner brengt een taart.
vraag: Neem je hem aan?
opties:
  - id: a
    tekst: Ja, gezellig.
  - id: b
    tekst: Nee, ik bedank.
  - id: c
    tekst: Ik vraag de teamchef.
doorvragen:
  - Maakt de waarde uit?
  - Wat als het elke week gebeurt?
norm: Geen geschenken die je onafhankelijkheid raken.
loketten: [vik, vertrouwenspersoon]
"""

CASUS = """\
id: eigen-casus
type: casus
titel: Een eigen casus
thema: melden
inleiding: Het begint klein.
stappen:
  - titel: Eerste stap
    verhaal: Een grap in de appgroep.
    vragen: [Wat vind jij ervan?]
  - titel: Tweede stap
    verhaal: De grap wordt herhaald.
    beslismoment:
      vraag: Wat doe je nu?
      opties:
        - id: a
          tekst: Ik meld het.
        - id: b
          tekst: Ik zeg niets.
      kader: De meldregeling geldt.
      uitkomst: Er werd gemeld.
"""

PROGRAMMA = """\
id: eigen-programma
type: programma
titel: Een kort programma
beschrijving: Om te testen.
duur: 25
onderdelen:
  - item: eigen-stelling
    duur: 5
  - item: dilemma-met-notities
    duur: 20
"""


@pytest.fixture
def extra(pack) -> Path:
    return pack(
        {
            "dilemmas/eigen-dilemma.yaml": VALID_DILEMMA,
            "dilemmas/dilemma-met-notities.yaml": NOTES_DILEMMA,
            "dilemmas/eigen-kennisvraag.yaml": KENNISVRAAG,
            "dilemmas/eigen-casus.yaml": CASUS,
            "statements/eigen-stelling.yaml": STELLING,
            "programmas/eigen-programma.yaml": PROGRAMMA,
        }
    )


def as_json(result) -> list[dict]:
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert isinstance(data, list)
    return data


def flat(text: str) -> str:
    """Rendered output with the box drawing and line wrapping removed."""
    text = re.sub(r"[│┃╭╮╰╯┏┓┗┛━─]", " ", text)
    return re.sub(r"\s+", " ", text)


# --- inhoud -------------------------------------------------------------------------------------


def test_inhoud_json_lists_every_builtin_item(gesprek):
    data = as_json(gesprek("inhoud", "--json"))
    files = [
        p
        for folder in ("dilemmas", "statements", "initiatives", "programmas")
        for p in (REPO / "content" / folder).glob("*.yaml")
    ]
    assert sorted(i["id"] for i in data) == sorted(p.stem for p in files)


def test_inhoud_table_shows_titles_and_count(gesprek):
    data = as_json(gesprek("inhoud", "--type", "stelling", "--json"))
    result = gesprek("inhoud", "--type", "stelling")
    assert result.code == 0
    assert f"{len(data)} items" in result.out
    assert "Stelling" in result.out
    short = [i["titel"] for i in data if len(i["titel"]) <= 25]
    assert short, "expected some short titles to look for"
    for titel in short:
        assert titel in result.out


def test_inhoud_table_of_everything(gesprek):
    data = as_json(gesprek("inhoud", "--json"))
    result = gesprek("inhoud")
    assert result.code == 0
    assert "Inhoud: alle inhoud" in result.out
    assert f"{len(data)} items" in result.out


def test_inhoud_type_filter(gesprek):
    everything = as_json(gesprek("inhoud", "--json"))
    stellingen = as_json(gesprek("inhoud", "--type", "stelling", "--json"))
    assert stellingen == [i for i in everything if i["type"] == "stelling"]
    both = as_json(gesprek("inhoud", "--type", "stelling", "--type", "ronde", "--json"))
    assert both == [i for i in everything if i["type"] in ("stelling", "ronde")]


def test_inhoud_thema_filter(gesprek):
    everything = as_json(gesprek("inhoud", "--json"))
    chosen = as_json(gesprek("inhoud", "--thema", "geschenken", "--json"))
    assert chosen and chosen == [i for i in everything if i.get("thema") == "geschenken"]


def test_inhoud_thema_and_type_must_both_match(gesprek):
    everything = as_json(gesprek("inhoud", "--json"))
    chosen = as_json(gesprek("inhoud", "--thema", "geschenken", "--type", "dilemma", "--json"))
    expected = [i for i in everything if i.get("thema") == "geschenken" and i["type"] == "dilemma"]
    assert chosen and chosen == expected


def test_inhoud_kaart_in_the_order_given(gesprek):
    ids = ["lunch-niet-betalen", "casus-vik", "lekken-is-vertrekken"]
    chosen = as_json(gesprek("inhoud", *[a for i in ids for a in ("--kaart", i)], "--json"))
    assert [i["id"] for i in chosen] == ids


def test_inhoud_kaart_comes_before_the_thema_selection(gesprek):
    chosen = as_json(gesprek("inhoud", "--kaart", "casus-vik", "--thema", "geschenken", "--json"))
    assert chosen[0]["id"] == "casus-vik"
    assert all(i["thema"] == "geschenken" for i in chosen[1:])
    assert len(chosen) > 1


def test_inhoud_table_title_names_the_selection(gesprek):
    result = gesprek("inhoud", "--thema", "geschenken")
    assert result.code == 0
    assert f"thema {kader_naam('themas', 'geschenken')}" in result.out


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--type", "stelin"), ("onbekend type 'stelin'", "bedoelde je 'stelling'?")),
        (("--thema", "geschenk"), ("onbekend thema 'geschenk'", "bedoelde je 'geschenken'?")),
        (
            ("--kaart", "lunch-niet-betaln"),
            ("onbekend item 'lunch-niet-betaln'", "bedoelde je 'lunch-niet-betalen'?"),
        ),
    ],
)
def test_inhoud_unknown_selection(gesprek, args, fragments):
    result = gesprek("inhoud", *args)
    assert result.code == 2
    assert result.out == ""
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err


def test_inhoud_unknown_selection_with_json_prints_nothing_on_stdout(gesprek):
    result = gesprek("inhoud", "--thema", "geschenk", "--json")
    assert result.code == 2
    assert result.out == ""


def test_inhoud_json_has_all_fields_with_defaults(gesprek, extra):
    data = as_json(gesprek("--pakket", str(extra), "inhoud", "--kaart", "eigen-stelling", "--json"))
    assert data == [
        {
            "id": "eigen-stelling",
            "type": "stelling",
            "titel": "Een eigen stelling",
            "thema": "vrije-tijd",
            "kernwaarden": [],
            "doelgroep": ["iedereen"],
            "duur": 5,
            "doorvragen": [],
            "norm": None,
            "beroepscode": [],
            "loketten": [],
            "bron": None,
            "stelling": "Wat ik in mijn vrije tijd doe, gaat niemand iets aan.",
            "opties": [
                {"id": "eens", "tekst": "Eens"},
                {"id": "oneens", "tekst": "Oneens"},
                {"id": "weet-niet", "tekst": "Weet niet"},
            ],
        }
    ]


def test_inhoud_json_of_a_dilemma_keeps_what_was_written(gesprek, extra):
    (item,) = as_json(
        gesprek("--pakket", str(extra), "inhoud", "--kaart", "dilemma-met-notities", "--json")
    )
    written = yaml.safe_load(NOTES_DILEMMA)
    for key, value in written.items():
        assert item[key] == value, key
    assert item["doelgroep"] == ["iedereen"]
    assert item["duur"] == 10


def test_inhoud_json_of_a_casus_has_its_steps(gesprek, extra):
    (item,) = as_json(gesprek("--pakket", str(extra), "inhoud", "--kaart", "eigen-casus", "--json"))
    assert item["stappen"][0] == {
        "titel": "Eerste stap",
        "verhaal": "Een grap in de appgroep.",
        "vragen": ["Wat vind jij ervan?"],
        "beslismoment": None,
    }
    assert item["stappen"][1]["beslismoment"]["uitkomst"] == "Er werd gemeld."


def test_builtin_stellingen_without_options_get_the_default_scale(gesprek):
    for path in (REPO / "content" / "statements").glob("*.yaml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if raw["type"] == "stelling" and "opties" not in raw:
            break
    else:
        pytest.skip("every built-in stelling has its own options")
    (item,) = as_json(gesprek("inhoud", "--kaart", path.stem, "--json"))
    assert [o["id"] for o in item["opties"]] == ["eens", "oneens", "weet-niet"]


def test_every_builtin_session_item_has_a_doelgroep(gesprek):
    data = as_json(gesprek("inhoud", "--json"))
    for item in data:
        assert item["doelgroep"], item["id"]


# --- programmes ----------------------------------------------------------------------------------


def test_inhoud_programma_lists_its_parts_in_order_with_their_times(gesprek, extra):
    data = as_json(
        gesprek("--pakket", str(extra), "inhoud", "--programma", "eigen-programma", "--json")
    )
    assert [i["id"] for i in data] == ["eigen-stelling", "dilemma-met-notities"]
    table = gesprek("--pakket", str(extra), "inhoud", "--programma", "eigen-programma")
    assert table.code == 0
    assert "Een kort programma" in table.out
    row = next(line for line in table.out.splitlines() if "dilemma-met-notities" in line)
    assert row.rstrip().endswith("20")


def test_inhoud_programma_from_a_file_outside_the_packs(gesprek, extra, tmp_path):
    elsewhere = tmp_path / "los-programma.yaml"
    elsewhere.write_text(PROGRAMMA.replace("eigen-programma", "los-programma"), encoding="utf-8")
    data = as_json(
        gesprek("--pakket", str(extra), "inhoud", "--programma", str(elsewhere), "--json")
    )
    assert [i["id"] for i in data] == ["eigen-stelling", "dilemma-met-notities"]


def test_inhoud_unknown_programma(gesprek, extra):
    result = gesprek("--pakket", str(extra), "inhoud", "--programma", "eigen-programa")
    assert result.code == 2
    assert "onbekend programma 'eigen-programa'" in result.err
    assert "bedoelde je 'eigen-programma'?" in result.err


def test_inhoud_builtin_programmas(gesprek):
    folder = REPO / "content" / "programmas"
    programmes = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not programmes:
        pytest.skip("no built-in programmes yet")
    for path in programmes:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = as_json(gesprek("inhoud", "--programma", path.stem, "--json"))
        assert [i["id"] for i in data] == [part["item"] for part in raw["onderdelen"]]


# --- toon ----------------------------------------------------------------------------------------


def test_toon_shows_card_options_and_facilitator_notes(gesprek, extra):
    result = gesprek("--pakket", str(extra), "toon", "dilemma-met-notities")
    assert result.code == 0, result.err
    out = flat(result.out)
    assert "Dilemma: Taart op het bureau" in out
    assert "Een buurtbewoner brengt een taart." in out
    assert "Neem je hem aan?" in out
    assert "A Ja, gezellig." in out
    assert "B Nee, ik bedank." in out
    assert "C Ik vraag de teamchef." in out
    assert out.index("A Ja") < out.index("B Nee") < out.index("C Ik vraag")
    assert "Voor de gespreksleider" in out
    assert "Doorvragen • Maakt de waarde uit? • Wat als het elke week gebeurt?" in out
    assert "Norm Geen geschenken die je onafhankelijkheid raken." in out
    loketten = f"{kader_naam('loketten', 'vik')}, {kader_naam('loketten', 'vertrouwenspersoon')}"
    assert f"Loketten {loketten}" in out
    assert f"Thema {kader_naam('themas', 'geschenken')}" in out
    assert "Tijd 10 minuten" in out


def test_toon_stelling_shows_the_default_scale(gesprek, extra):
    result = gesprek("--pakket", str(extra), "toon", "eigen-stelling")
    out = flat(result.out)
    assert "Wat ik in mijn vrije tijd doe, gaat niemand iets aan." in out
    assert "A Eens B Oneens C Weet niet" in out


def test_toon_kennisvraag_shows_the_correct_answer(gesprek, extra):
    result = gesprek("--pakket", str(extra), "toon", "eigen-kennisvraag")
    assert result.code == 0
    out = flat(result.out)
    assert "Kennisvraag: Een eigen kennisvraag" in out
    assert "Juist B (Als mijn werk het vraagt.)" in out
    assert "Als mijn werk het vraagt. ✔ juist" in out
    assert "Als ik nieuwsgierig ben. ✔" not in out
    assert "Uitleg Alleen voor je werk, nooit uit nieuwsgierigheid." in out


def test_toon_casus_shows_every_step_and_outcome(gesprek, extra):
    result = gesprek("--pakket", str(extra), "toon", "eigen-casus")
    assert result.code == 0
    out = flat(result.out)
    assert "Het begint klein." in out
    assert "stap 1 van 2" in out and "stap 2 van 2" in out
    assert "Wat vind jij ervan?" in out
    assert "Beslismoment" in out and "A Ik meld het. B Ik zeg niets." in out
    assert "De meldregeling geldt." in out
    assert "Er werd gemeld." in out


def test_toon_builtin_item(gesprek):
    (item,) = as_json(gesprek("inhoud", "--kaart", "lunch-niet-betalen", "--json"))
    result = gesprek("toon", "lunch-niet-betalen")
    assert result.code == 0
    assert item["titel"] in flat(result.out)


def test_toon_unknown_id(gesprek):
    result = gesprek("toon", "lunch-niet-betaln")
    assert result.code == 2
    assert result.out == ""
    assert "onbekend item 'lunch-niet-betaln' (bedoelde je 'lunch-niet-betalen'?)" in result.err
    assert "Traceback" not in result.err


def test_toon_without_id(gesprek):
    result = gesprek("toon")
    assert result.code == 2
    assert "ontbreekt" in result.err
    assert "Traceback" not in result.err


# --- global options -------------------------------------------------------------------------------


def test_versie(gesprek):
    result = gesprek("--versie")
    assert result.code == 0
    assert result.out.strip() == f"gesprek {gesprek_package.__version__}"


def test_pakket_is_repeatable_and_adds_items(gesprek, pack):
    one = pack({"dilemmas/eigen-dilemma.yaml": VALID_DILEMMA}, name="een")
    two = pack({"statements/eigen-stelling.yaml": STELLING}, name="twee")
    builtin = as_json(gesprek("inhoud", "--json"))
    data = as_json(gesprek("--pakket", str(one), "--pakket", str(two), "inhoud", "--json"))
    assert len(data) == len(builtin) + 2
    assert {"eigen-dilemma", "eigen-stelling"} <= {i["id"] for i in data}


def test_env_gesprek_pakketten_adds_items(gesprek, pack, monkeypatch):
    one = pack({"dilemmas/eigen-dilemma.yaml": VALID_DILEMMA}, name="een")
    two = pack({"statements/eigen-stelling.yaml": STELLING}, name="twee")
    monkeypatch.setenv("GESPREK_PAKKETTEN", os.pathsep.join([str(one), str(two)]))
    ids = {i["id"] for i in as_json(gesprek("inhoud", "--json"))}
    assert {"eigen-dilemma", "eigen-stelling"} <= ids
    assert gesprek("toon", "eigen-stelling").code == 0


def test_env_and_option_packs_add_up(gesprek, pack, monkeypatch):
    one = pack({"dilemmas/eigen-dilemma.yaml": VALID_DILEMMA}, name="een")
    two = pack({"statements/eigen-stelling.yaml": STELLING}, name="twee")
    monkeypatch.setenv("GESPREK_PAKKETTEN", str(one))
    ids = {i["id"] for i in as_json(gesprek("--pakket", str(two), "inhoud", "--json"))}
    assert {"eigen-dilemma", "eigen-stelling"} <= ids


def test_the_same_pack_twice_is_loaded_once(gesprek, pack, monkeypatch):
    one = pack({"dilemmas/eigen-dilemma.yaml": VALID_DILEMMA}, name="een")
    monkeypatch.setenv("GESPREK_PAKKETTEN", str(one))
    result = gesprek("--pakket", str(one), "check")
    assert result.code == 0, result.out


def test_pakket_that_does_not_exist(gesprek, tmp_path):
    result = gesprek("--pakket", str(tmp_path / "weg"), "inhoud")
    assert result.code == 2
    assert "bestaat niet" in result.err
    assert "Traceback" not in result.err


def test_env_pakket_that_does_not_exist(gesprek, tmp_path, monkeypatch):
    monkeypatch.setenv("GESPREK_PAKKETTEN", str(tmp_path / "weg"))
    result = gesprek("inhoud")
    assert result.code == 2
    assert "bestaat niet" in result.err


@pytest.mark.parametrize("args", [("inhoud", "--onzin"), ("--onzin", "inhoud"), ("check", "--jsn")])
def test_unknown_option(gesprek, args):
    result = gesprek(*args)
    assert result.code == 2
    assert result.out == ""
    assert "onbekende optie" in result.err
    assert "Traceback" not in result.err
    assert "No such option" not in result.err


def test_unknown_option_gets_a_suggestion(gesprek):
    result = gesprek("check", "--jsn")
    assert "bedoelde je --json?" in result.err


def test_unknown_command(gesprek):
    result = gesprek("inhod")
    assert result.code == 2
    assert "onbekend commando" in result.err
    assert "No such command" not in result.err


# --- odd but valid input keeps every character ------------------------------------------------


ODD_TEXT = (
    'Zeg "<b>nee</b>" & <script>alert(1)</script> {{ naam }} {% if x %}ja{% endif %} '
    "${HOME} %s [bold]niet vet[/bold] \\n"
)
UNICODE_TEXT = "Café, naïef, ĳs, Øre, ß — 👮🏽‍♀️🚓 — שלום עולם — مرحبا بالعالم — 日本語 — e\u0301"

ODD_DILEMMA = f"""\
id: vreemd-dilemma
type: dilemma
titel: "{{{{ titel }}}} <i>cursief</i> {UNICODE_TEXT}"
thema: geschenken
situatie: |
  {ODD_TEXT}
  {UNICODE_TEXT}

  Tweede alinea met\ttab.
vraag: '{{% raw %}} Wat doe je? {{% endraw %}}'
opties:
  - id: a
    tekst: "<li>Optie</li> — {UNICODE_TEXT}"
  - id: b
    tekst: '[/] en [link=https://example.invalid]x[/link]'
"""


def written_texts() -> dict:
    data = yaml.safe_load(ODD_DILEMMA)
    return {
        "titel": data["titel"],
        "situatie": data["situatie"],
        "vraag": data["vraag"],
        "opties": data["opties"],
    }


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["plain", "bom", "crlf", "bom-crlf"],
)
def test_odd_but_valid_text_comes_back_identical(gesprek, pack, encode):
    expected = written_texts()
    assert "<script>" in expected["situatie"] and "👮🏽‍♀️" in expected["titel"]
    root = pack({"dilemmas/vreemd-dilemma.yaml": encode(ODD_DILEMMA)})
    check = gesprek("check", str(root))
    assert check.code == 0, check.out
    (item,) = as_json(
        gesprek("--pakket", str(root), "inhoud", "--kaart", "vreemd-dilemma", "--json")
    )
    for key, value in expected.items():
        assert item[key] == value, key
    assert "\r" not in json.dumps(item)


def test_odd_text_is_shown_literally_by_toon(gesprek, pack):
    root = pack({"dilemmas/vreemd-dilemma.yaml": ODD_DILEMMA})
    result = gesprek("--pakket", str(root), "toon", "vreemd-dilemma")
    assert result.code == 0, result.err
    out = flat(result.out)
    assert "{{ titel }} <i>cursief</i>" in out
    assert "<script>alert(1)</script> {{ naam }} {% if x %}ja{% endif %}" in out
    assert "[bold]niet vet[/bold]" in out
    assert "[/] en [link=https://example.invalid]x[/link]" in out
    assert "שלום עולם" in out and "👮🏽‍♀️🚓" in out


def test_odd_title_is_shown_literally_by_inhoud(gesprek, pack):
    body = VALID_DILEMMA.replace("titel: Een eigen dilemma", "titel: '[b]Let op[/b] [/]'")
    root = pack({"dilemmas/eigen-dilemma.yaml": body})
    result = gesprek("--pakket", str(root), "inhoud", "--kaart", "eigen-dilemma")
    assert result.code == 0
    assert "[b]Let op[/b] [/]" in result.out

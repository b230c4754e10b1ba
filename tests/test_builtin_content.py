"""The built-in content: the counts issue 3 asks for, the kader ids DESIGN.md promises, the
Casus VIK in full, and no personal data or redaction markers in any file. Also the library
API directly, where the CLI would be clumsy (lines of nested errors, merged kader)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from gesprek.content import library
from gesprek.errors import ContentErrors
from tests.conftest import REPO, VALID_DILEMMA

CONTENT = REPO / "content"
ALL_FILES = sorted(CONTENT.rglob("*.yaml"))
ITEM_FILES = sorted(CONTENT.glob("*/*.yaml"))

MINIMUM = {
    "dilemma": 60,
    "stelling": 15,
    "beroepscode": 12,
    "ronde": 2,
    "kennisvraag": 4,
    "casus": 3,
    "initiatief": 12,
}

# The kader ids DESIGN.md lists ("relied upon by packs that others write").
DESIGN_KADER = {
    "kernwaarden": ["integer", "betrouwbaar", "moedig", "verbindend"],
    "themas": [
        "geschenken",
        "vrije-tijd",
        "dienstmiddelen",
        "veilig-werkklimaat",
        "informatie",
        "social-media",
        "representativiteit",
        "nevenwerkzaamheden",
        "waarheid",
        "geweld",
        "middelen",
        "belangenverstrengeling",
        "financien",
        "discriminatie",
        "ongewenst-gedrag",
        "melden",
        "leiderschap",
        "beroepscode",
    ],
    "loketten": [
        "leidinggevende",
        "vertrouwenspersoon",
        "vik",
        "tco",
        "bedrijfsmaatschappelijk-werk",
        "loket-24-7",
        "sociaal-fonds",
        "netwerk-divers-vakmanschap",
        "klokkenluiders-meldpunt",
        "ombudsfunctionaris",
        "bedrijfsarts",
        "belangenbehartiger",
        "ondernemingsraad",
    ],
    "doelgroepen": ["iedereen", "leidinggevenden", "studenten", "sturingsteams"],
    "pijlers": [
        "veilige-inclusieve-teams",
        "diverse-instroom",
        "aanpak-discriminatie",
        "professioneel-controleren",
        "netwerk-divers-vakmanschap",
    ],
}


@pytest.fixture(scope="module")
def builtin() -> library.Library:
    return library.load(strict=True)


@pytest.fixture(scope="module")
def raw_items() -> dict[Path, dict]:
    """Every item file as plain data, read by PyYAML itself (not by our loader)."""
    return {
        path: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for path in ITEM_FILES
    }


def test_the_design_lists_the_kader_ids_used_here():
    design = REPO.parent / "shared" / "DESIGN.md"
    if not design.exists():
        pytest.skip("DESIGN.md is not next to this checkout")
    text = design.read_text(encoding="utf-8")
    for ids in DESIGN_KADER.values():
        for entry_id in ids:
            assert f"`{entry_id}`" in text, entry_id


def test_builtin_content_loads_without_problems(builtin):
    assert builtin.problems == []
    assert builtin.files == len(ALL_FILES)
    assert len(builtin.items) == len(ITEM_FILES)


@pytest.mark.parametrize(("kind", "minimum"), sorted(MINIMUM.items()))
def test_counts_per_type(builtin, kind, minimum):
    assert len(builtin.of_type(kind)) >= minimum


def test_counts_agree_with_the_files(raw_items):
    counts = Counter(data["type"] for data in raw_items.values())
    for kind, minimum in MINIMUM.items():
        assert counts[kind] >= minimum, kind


@pytest.mark.parametrize("kind", sorted(DESIGN_KADER))
def test_kader_has_every_id_from_the_design(builtin, kind):
    missing = set(DESIGN_KADER[kind]) - set(builtin.kader[kind])
    assert not missing


def test_every_kader_entry_has_a_dutch_name_and_description(builtin):
    for kind in DESIGN_KADER:
        for entry in builtin.kader[kind].values():
            assert entry.naam.strip() and entry.omschrijving.strip(), entry.id


def test_casus_vik_in_full(builtin):
    casus = builtin.get("casus-vik")
    assert casus.type == "casus"
    moments = [s.beslismoment for s in casus.stappen if s.beslismoment is not None]
    assert len(moments) == 4
    for moment in moments:
        assert len(moment.opties) >= 2
    questions = [q for s in casus.stappen for q in s.vragen]
    assert len(questions) >= 5
    assert any(m.kader for m in moments)
    assert any(m.uitkomst for m in moments)
    assert len(casus.stemmingen()) == 4


def test_other_casussen_have_steps_and_decisions(builtin):
    others = [c for c in builtin.of_type("casus") if c.id != "casus-vik"]
    assert len(others) >= 2
    for casus in others:
        assert len(casus.stappen) >= 2, casus.id
        assert casus.stemmingen(), casus.id


def test_every_kennisvraag_has_a_correct_option(builtin):
    for item in builtin.of_type("kennisvraag"):
        assert any(o.juist for o in item.opties), item.id


def test_every_initiative_has_pijler_and_doelgroep(builtin):
    for item in builtin.of_type("initiatief"):
        assert item.pijler in builtin.kader["pijlers"], item.id
        assert item.doelgroep, item.id


def test_every_file_id_equals_its_file_name(raw_items):
    assert raw_items
    for path, data in raw_items.items():
        assert data["id"] == path.stem, path


def test_every_file_is_in_the_folder_of_its_type(raw_items):
    folders = {
        "dilemma": "dilemmas",
        "casus": "dilemmas",
        "kennisvraag": "dilemmas",
        "stelling": "statements",
        "beroepscode": "statements",
        "ronde": "statements",
        "initiatief": "initiatives",
        "programma": "programmas",
    }
    for path, data in raw_items.items():
        assert folders[data["type"]] == path.parent.name, path


FORBIDDEN = [
    ("e-mailadres", re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")),
    ("5.1.2", re.compile(re.escape("5.1.2"))),
    ("[redacted]", re.compile(re.escape("[redacted]"), re.IGNORECASE)),
    ("redacted", re.compile("redacted", re.IGNORECASE)),
    ("█", re.compile("█")),
]


@pytest.mark.parametrize(("what", "pattern"), FORBIDDEN, ids=[w for w, _ in FORBIDDEN])
def test_no_personal_data_or_redaction_markers(what, pattern):
    hits = []
    for path in ALL_FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                hits.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert hits == [], f"{what} in: {hits}"


def test_forbidden_patterns_would_be_found():
    # The patterns above must actually match what they look for.
    samples = ["mail j.jansen@politie.nl", "zie 5.1.2.e", "[REDACTED]", "█████"]
    for sample in samples:
        assert any(p.search(sample) for _, p in FORBIDDEN), sample


# --- the library API -------------------------------------------------------------------


CASUS_WITH_ERRORS = """\
id: kapotte-casus
type: casus
titel: Een casus met fouten
thema: melden
inleiding: Het begint.
stappen:
  - titel: Eerste stap
    verhaal: Er gebeurt iets.
    beslismoment:
      vraag: Wat doe je?
      opties:
        - id: a
          tekst: Dit.
        - id: b
          tekst: Dat.
  - titel: Tweede stap
    verhaal: Nog meer.
    vragen:
      - Wat vind je?
      - ""
    beslismoment:
      vraag: En nu?
      opties:
        - id: a
          tekst: Alleen deze.
"""


def test_nested_errors_point_at_the_right_lines(pack):
    root = pack({"dilemmas/kapotte-casus.yaml": CASUS_WITH_ERRORS})
    lib = library.load([root], strict=False)
    path = str(root / "dilemmas" / "kapotte-casus.yaml")
    found = {(p.line, p.message) for p in lib.problems if p.path == path}
    assert found == {
        (20, "'stappen.2.vragen.2' mag niet leeg zijn"),
        (23, "'stappen.2.beslismoment.opties' moet er minstens 2 hebben"),
    }
    assert "kapotte-casus" not in lib.items


def test_error_in_a_nested_option_text(pack):
    body = CASUS_WITH_ERRORS.replace('      - ""\n', "").replace(
        "          tekst: Alleen deze.\n",
        "          tekst: Alleen deze.\n        - id: b\n          tekst: 42\n",
    )
    root = pack({"dilemmas/kapotte-casus.yaml": body})
    lib = library.load([root], strict=False)
    [problem] = [p for p in lib.problems if p.path.endswith("kapotte-casus.yaml")]
    assert problem.line == 26
    assert problem.message == "'stappen.2.beslismoment.opties.2.tekst' moet tekst zijn, geen getal"


def test_strict_load_raises_with_every_problem(pack):
    root = pack(
        {
            "dilemmas/kapotte-casus.yaml": CASUS_WITH_ERRORS,
            "dilemmas/leeg.yaml": "",
        }
    )
    with pytest.raises(ContentErrors) as info:
        library.load([root])
    assert len(info.value.problems) == 3
    assert info.value.exit_code == 1
    assert info.value.message == "3 fouten in de inhoud"


def test_valid_extra_pack_is_loaded_on_top_of_builtin(pack, builtin):
    root = pack({"dilemmas/eigen-dilemma.yaml": VALID_DILEMMA})
    lib = library.load([root], strict=False)
    assert lib.problems == []
    assert set(lib.items) == set(builtin.items) | {"eigen-dilemma"}
    assert lib.items["eigen-dilemma"].doelgroep == ["iedereen"]
    assert lib.sources["eigen-dilemma"].path == root / "dilemmas" / "eigen-dilemma.yaml"


def test_problems_are_sorted_by_file_and_line(pack):
    root = pack(
        {
            "dilemmas/b-dilemma.yaml": VALID_DILEMMA.replace("eigen-dilemma", "b-dilemma")
            .replace("loketten: [vik]", "loketten: [x]")
            .replace("thema: geschenken", "thema: y"),
            "dilemmas/a-dilemma.yaml": "",
        }
    )
    lib = library.load([root], strict=False)
    where = [(Path(p.path).name, p.line) for p in lib.problems]
    assert where == [("a-dilemma.yaml", None), ("b-dilemma.yaml", 4), ("b-dilemma.yaml", 14)]


def test_programme_parts_must_exist_and_add_up(pack, builtin):
    initiative = builtin.of_type("initiatief")[0].id
    programme = f"""\
id: eigen-programma
type: programma
titel: Programma
beschrijving: Test.
duur: 30
onderdelen:
  - item: lunch-niet-betalen
    duur: 10
  - item: lunch-niet-betaln
    duur: 10
  - item: {initiative}
    duur: 5
"""
    root = pack({"programmas/eigen-programma.yaml": programme})
    lib = library.load([root], strict=False)
    assert {(p.line, p.message) for p in lib.problems} == {
        (9, "onbekend item 'lunch-niet-betaln' (bedoelde je 'lunch-niet-betalen'?)"),
        (11, f"'{initiative}' is geen gespreksitem maar een initiatief"),
        (5, "de onderdelen duren samen 25 minuten, maar 'duur' is 30"),
    }


def test_checking_a_copy_of_the_repository_content_replaces_the_builtin_pack(tmp_path, gesprek):
    """The pre-commit hook in this repository runs an installed gesprek (its own copy of the
    content) on the working tree's content/: that must not report every id twice."""
    import shutil

    from tests.conftest import REPO

    checkout = tmp_path / "checkout"
    shutil.copytree(REPO / "content", checkout / "content")
    shutil.copy(REPO / "pyproject.toml", checkout / "pyproject.toml")
    result = gesprek("check", str(checkout / "content" / "dilemmas" / "lunch-niet-betalen.yaml"))
    assert result.code == 0, result.out
    assert "geen fouten" in result.out
    # A change in the copy is what gets checked.
    broken = checkout / "content" / "dilemmas" / "lunch-niet-betalen.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("thema: geschenken", "thema: geschenk"),
        encoding="utf-8",
    )
    result = gesprek("check", str(broken))
    assert result.code == 1
    assert "onbekend thema 'geschenk'" in result.out
    assert "bestaat al" not in result.out


# --- issue 17: privacy, facts and Dutch of the built-in content ----------------------------

# Kader and item references: ids, not Dutch text.
_ID_KEYS = {"id", "type", "thema", "themas", "kernwaarden", "doelgroep", "loketten", "pijler",
            "beroepscode", "item"}  # fmt: skip


def _texts(data, key=None):
    """Every text a person reads in an item, in file order."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in _ID_KEYS:
                yield from _texts(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from _texts(v, key)
    elif isinstance(data, str):
        yield data


def test_casus_vik_uses_no_names_from_its_source(raw_items):
    casus = raw_items[CONTENT / "dilemmas" / "casus-vik.yaml"]
    text = "\n".join(_texts(casus))
    for name in ("Peter", "Peet", "Mo", "Saskia", "Anouar", "Golf"):
        assert not re.search(rf"\b{name}\b", text), name
    assert "verzonnen" in casus["inleiding"]


def test_casus_vik_introduction_names_the_decision_makers(raw_items):
    casus = raw_items[CONTENT / "dilemmas" / "casus-vik.yaml"]
    moments = [s["beslismoment"] for s in casus["stappen"] if "beslismoment" in s]
    roles = ["officier" if "officier" in m["vraag"] else "sectorhoofd" for m in moments]
    assert roles == ["officier", "sectorhoofd", "sectorhoofd", "officier"]
    intro = " ".join(casus["inleiding"].split())
    assert "twee keer als sectorhoofd" in intro
    # The last vote has no outcome, and the introduction does not promise one.
    assert "uitkomst" not in moments[-1]
    assert "Na elke stemming" not in intro


def test_the_power_to_punish_is_article_76_and_the_list_77():
    for path in ITEM_FILES:
        text = " ".join(path.read_text(encoding="utf-8").split())
        for match in re.finditer(
            r"straf(fen)? opleggen \(artikel (\d+)|straffen \(artikel (\d+)", text
        ):
            before = text[max(0, match.start() - 80) : match.start()]
            if (
                "mag hem daarvoor disciplinair" in before
                or "plichtsverzuim een disciplinaire" in before
            ):
                assert "76" in match.group(0), (path.name, match.group(0))
    barp = (CONTENT / "dilemmas" / "disciplinaire-straffen-barp.yaml").read_text("utf-8")
    assert "artikel 76, eerste lid" in barp


# Settled spellings: (wrong pattern, the spelling to use).
SPELLINGS = [
    (r"\b[Ss]ocial media\b", "sociale media"),
    (r"\b(Barp|barp)\b", "BARP"),
    (r"\b(OPCO|Opco|opco|OPCo)\b", "OpCo"),
    (r"\b(Vik|vik)\b", "VIK"),
    (r"\b[Ff]acebook ?account", "Facebook-account"),
    (r"\b[Jj]ong gediplomeerd", "jong-gediplomeerde(n)"),
    (r"\bhet koppel\b", "de koppel (de riem)"),
    (r"\bzit er een triage\b", "vindt er een triage plaats"),
]


@pytest.mark.parametrize(("wrong", "right"), SPELLINGS, ids=[r for _, r in SPELLINGS])
def test_one_spelling(raw_items, wrong, right):
    found = [
        (path.name, m.group(0))
        for path, data in raw_items.items()
        for text in _texts(data)
        for m in re.finditer(wrong, text)
    ]
    assert found == [], f"schrijf {right}: {found}"


@pytest.mark.parametrize(
    ("short", "full"), [("OE", "operationeel expert"), ("OpCo", "operationeel coördinator")]
)
def test_abbreviations_are_spelled_out_on_first_use(raw_items, short, full):
    for path, data in raw_items.items():
        text = "\n".join(_texts(data))
        first = re.search(rf"\b{short}\b", text)
        if first:
            assert full in text[: first.start()].lower(), (path.name, short)


def test_spelling_checks_would_find_the_old_mistakes():
    for wrong, sample in zip(
        [w for w, _ in SPELLINGS],
        ["social media", "Barp", "OPCO", "vik", "Facebookaccount", "jong gediplomeerden",
         "het koppel", "zit er een triage"],
        strict=True,
    ):  # fmt: skip
        assert re.search(wrong, sample)


QUESTION_WORDS = ("wat", "wie", "hoe", "welk", "welke", "waar", "wanneer", "waarom", "mag",
                  "moet", "is", "ben", "kan", "heb", "zou", "durf")  # fmt: skip


def test_question_titles_end_in_a_question_mark(raw_items):
    for path, data in raw_items.items():
        titles = [data.get("titel", "")] + [s["titel"] for s in data.get("stappen", [])]
        for title in titles:
            if title.startswith("Moet toch kunnen"):  # the series' name, not a question
                continue
            if title.split()[0].lower() in QUESTION_WORDS:
                assert title.endswith("?"), (path.name, title)


@pytest.mark.parametrize(
    ("item_id", "words"),
    [
        ("campagne-interne-bevragingen", ["film", "opzoeken", "politiesystemen"]),
        ("artikel-ieder-1", ["Artikel Ieder-1", "campagne"]),
        ("moreel-beraad", ["dilemma"]),
        ("intervisie", ["inbrenger"]),
    ],
)
def test_initiatives_from_the_sources_are_in_the_catalogue(builtin, item_id, words):
    item = builtin.get(item_id)
    assert item.type == "initiatief"
    text = " ".join([item.titel, item.wat, item.doel, item.aanpak])
    for word in words:
        assert word in text, (item_id, word)


def test_programmes_fit_their_audience(builtin):
    leaders = builtin.get("leidinggevenden-veilig-klimaat")
    for part in leaders.onderdelen:
        item = builtin.get(part.item)
        if item.type == "dilemma":
            assert "leidinggevenden" in item.doelgroep, part.item
    yearly = builtin.get("jaarlijks-integriteitsgesprek")
    melden = [p.item for p in yearly.onderdelen if builtin.get(p.item).thema == "melden"]
    assert melden, "het jaarlijkse gesprek heeft een onderdeel over melden"
    dropped = " ".join(yearly.beschrijving.split())
    for item_id in melden:
        # What the description lets fall when time is short is not the part on reporting.
        assert f"laat dan de {builtin.get(item_id).type}" not in dropped
    assert "het onderdeel over melden" in dropped and "blijft staan" in dropped
    students = builtin.get("leerteam-studenten")
    assert "bc-eed" in [p.item for p in students.onderdelen]


def test_opening_and_closing_rounds_fit_their_minutes(builtin):
    for program in builtin.of_type("programma"):
        for part in program.onderdelen:
            item = builtin.get(part.item)
            if item.type == "ronde" and part.duur <= 8:
                # At most about three minutes per question for the whole room.
                assert len(item.vragen) * 3 <= max(part.duur, 6), (program.id, item.id)


def test_every_programme_is_a_session_that_opens_and_closes_with_a_round(builtin):
    """What the engine test checked of each shipped programme before it moved to the test
    pack: the programme selects its parts in order, in its minutes, between two rounds."""
    from gesprek.content.models import SESSION_TYPES
    from gesprek.content.selection import select

    programmes = builtin.of_type("programma")
    assert programmes
    for programme in programmes:
        selection = select(builtin, programma=programme.id, allowed_types=SESSION_TYPES)
        items = selection.items
        assert [i.id for i in items] == [p.item for p in programme.onderdelen], programme.id
        assert sum(selection.duur(i) for i in items) == programme.duur, programme.id
        assert items[0].type == "ronde" and items[-1].type == "ronde", programme.id

"""Every bad input of issue 3 ("Bad input"), through ``gesprek check PACK`` as an author runs
it: exit 1 (2 for usage errors), one Dutch line per problem that names the file and the line
where there is one, a summary with the count, no traceback, nothing executed."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import KENNISVRAAG, VALID_DILEMMA

# Words that only show up when an untranslated libyaml, pydantic or Python message leaks.
ENGLISH = re.compile(
    r"\b(found|expected|while|scanning|parsing|character|unicode|allowed|context|should|"
    r"input|field required|value error|extra inputs|valid|string|list)\b",
    re.IGNORECASE,
)

NAME = "eigen-dilemma"

CASUS = """\
id: eigen-casus
type: casus
titel: Een casus
thema: melden
inleiding: Een verhaal in twee stappen.
stappen:
  - titel: Begin
    verhaal: Er gebeurt iets.
    vragen: [Wat zie je?]
  - titel: Het moment
    verhaal: Nu moet je kiezen.
    beslismoment:
      vraag: Wat doe je?
      opties:
        - id: a
          tekst: Melden.
        - id: b
          tekst: Niets.
"""

INITIATIEF = """\
id: eigen-initiatief
type: initiatief
titel: Een reflectiemoment
pijler: veilige-inclusieve-teams
doelgroep: [iedereen]
wat: Een uur praten.
doel: Elkaar beter leren kennen.
aanpak: In een kring.
nodig_wie: Een gespreksleider.
nodig_wat: Een ruimte.
"""


def problem_lines(result, path: Path) -> list[str]:
    return [line for line in result.out.splitlines() if line.startswith(f"{path}:")]


def assert_clean_failure(result, errors: int = 1) -> None:
    assert result.code == 1, result.out + result.err
    assert "Traceback" not in result.out + result.err
    summary = result.out.splitlines()[-1]
    assert summary.endswith(f"{errors} fout" if errors == 1 else f"{errors} fouten"), summary


def assert_one_problem(result, path: Path, line: int | None, *fragments: str) -> str:
    """Exactly one problem, for ``path`` at ``line`` (None: no line), Dutch, with fragments."""
    assert_clean_failure(result)
    lines = problem_lines(result, path)
    assert len(lines) == 1, result.out
    message = lines[0]
    prefix = f"{path}:{line}: " if line else f"{path}: "
    assert message.startswith(prefix), message
    if line is None:
        assert not re.match(re.escape(f"{path}:") + r"\d+:", message), message
    for fragment in fragments:
        assert fragment in message, message
    assert not ENGLISH.search(message[len(prefix) :]), message
    return message


@pytest.fixture
def check_file(gesprek, pack):
    """Write one file into a fresh extra pack, run ``gesprek check PACK``; returns
    ``(result, path)``."""

    def run(body: str | bytes, name: str = NAME, folder: str = "dilemmas"):
        root = pack({f"{folder}/{name}.yaml": body})
        return gesprek("check", str(root)), root / folder / f"{name}.yaml"

    return run


def test_the_valid_examples_used_below_are_valid(gesprek, pack):
    root = pack(
        {
            f"dilemmas/{NAME}.yaml": VALID_DILEMMA,
            "dilemmas/eigen-vraag.yaml": KENNISVRAAG,
            "dilemmas/eigen-casus.yaml": CASUS,
            "initiatives/eigen-initiatief.yaml": INITIATIEF,
        }
    )
    result = gesprek("check", str(root))
    assert result.code == 0, result.out
    assert result.out.splitlines()[-1].endswith("geen fouten")


# --- YAML that cannot be read -----------------------------------------------------------


def test_unclosed_quote_names_the_line_where_it_opens(check_file):
    body = VALID_DILEMMA.replace("titel: Een eigen dilemma", 'titel: "Een eigen dilemma')
    result, path = check_file(body)
    assert_one_problem(result, path, 3, "geen geldige YAML", "aanhalingsteken")


def test_tab_indentation(check_file):
    body = VALID_DILEMMA.replace("  - id: b", "\t- id: b")
    result, path = check_file(body)
    assert_one_problem(result, path, 12, "geen geldige YAML", "tab", "spaties")


def test_colon_in_an_unquoted_text(check_file):
    body = VALID_DILEMMA.replace("vraag: Wat doe je?", "vraag: Wat doe je: niets?")
    result, path = check_file(body)
    assert_one_problem(result, path, 8, "geen geldige YAML", "aanhalingstekens")


@pytest.mark.parametrize("body", ["", "\n\n", "# alleen commentaar\n# nog een regel\n"])
def test_empty_or_comment_only_file(check_file, body):
    result, path = check_file(body)
    assert_one_problem(result, path, None, "leeg")


@pytest.mark.parametrize(
    ("body", "what"),
    [("- een\n- twee\n", "lijst"), ("zomaar een zin\n", "losse waarde"), ("42\n", "losse waarde")],
)
def test_list_or_scalar_at_top_level(check_file, body, what):
    result, path = check_file(body)
    assert_one_problem(result, path, 1, "sleutel: waarde", what)


# --- the content model -------------------------------------------------------------------


def test_unknown_type_with_suggestion(check_file):
    result, path = check_file(VALID_DILEMMA.replace("type: dilemma", "type: dilema"))
    assert_one_problem(result, path, 2, "onbekend type 'dilema'", "bedoelde je 'dilemma'?")


def test_missing_type(check_file):
    result, path = check_file(VALID_DILEMMA.replace("type: dilemma\n", ""))
    assert_one_problem(result, path, 1, "'type'", "ontbreekt")


def test_unknown_key_with_suggestion(check_file):
    body = VALID_DILEMMA + "doorvrage:\n  - Wat vind jij?\n"
    result, path = check_file(body)
    assert_one_problem(result, path, 15, "onbekend veld 'doorvrage'", "bedoelde je 'doorvragen'?")


def test_misspelt_required_key_is_reported_at_its_own_line(check_file):
    # The typo is an unknown key (with a suggestion) and the real key is then missing.
    result, path = check_file(VALID_DILEMMA.replace("situatie:", "situtie:"))
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert f"{path}:6: onbekend veld 'situtie' (bedoelde je 'situatie'?)" in result.out


def test_unknown_key_deep_inside(check_file):
    body = VALID_DILEMMA.replace("    tekst: Ik bedank vriendelijk.", "    tekts: Ik bedank.")
    result, path = check_file(body)
    assert f"{path}:13: onbekend veld 'tekts' (bedoelde je 'tekst'?)" in result.out


@pytest.mark.parametrize(
    ("old", "new", "line", "fragments"),
    [
        ("kernwaarden: [integer]", "kernwaarden: integer", 5, ("'kernwaarden'", "lijst")),
        ("loketten: [vik]", "loketten: vik", 14, ("'loketten'", "lijst")),
        ("id: eigen-dilemma", "id: 12", 1, ("'id'", "tekst", "getal")),
        ("vraag: Wat doe je?", "vraag: [Wat doe je?]", 8, ("'vraag'", "tekst", "lijst")),
        ("titel: Een eigen dilemma", "titel: 2024", 3, ("'titel'", "tekst", "getal")),
        ("titel: Een eigen dilemma", "titel: yes", 3, ("'titel'", "tekst", "ja/nee")),
        ("kernwaarden: [integer]", "duur: tien", 5, ("'duur'", "heel getal")),
        ("kernwaarden: [integer]", "duur: 0", 5, ("'duur'", "minstens 1")),
        ("    tekst: Ik bedank vriendelijk.", "    tekst: 3", 13, ("'opties.2.tekst'", "tekst")),
        ("opties:\n", "opties: a, b\n", 9, ("'opties'", "lijst")),
    ],
    ids=[
        "string-for-list",
        "string-for-list-2",
        "integer-id",
        "list-for-text",
        "number-for-text",
        "bool-for-text",
        "text-for-number",
        "zero-minutes",
        "number-in-option",
        "text-for-options",
    ],
)
def test_wrong_value_types(check_file, old, new, line, fragments):
    assert old in VALID_DILEMMA
    body = VALID_DILEMMA.replace(old, new)
    if new.startswith("opties: a, b"):
        body = body.split("opties:")[0] + "opties: a, b\nloketten: [vik]\n"
    result, path = check_file(body)
    assert_one_problem(result, path, line, *fragments)


@pytest.mark.parametrize("field", ["titel", "situatie", "vraag", "thema"])
def test_missing_required_field(check_file, field):
    lines = VALID_DILEMMA.splitlines(keepends=True)
    kept = []
    skipping = False
    for line in lines:
        if line.startswith(f"{field}:"):
            skipping = True
            continue
        if skipping and line.startswith("  "):
            continue
        skipping = False
        kept.append(line)
    result, path = check_file("".join(kept))
    assert_one_problem(result, path, 1, f"verplicht veld '{field}' ontbreekt")


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("vraag: Wat doe je?", 'vraag: ""', 8, "vraag"),
        ("vraag: Wat doe je?", 'vraag: "   "', 8, "vraag"),
        ("titel: Een eigen dilemma", "titel: ''", 3, "titel"),
        (
            "situatie: |\n  Een buurtbewoner brengt een taart naar het bureau.\n",
            "situatie: |\n\n",
            6,
            "situatie",
        ),
        ("    tekst: Ik neem de taart aan.", '    tekst: " "', 11, "opties.1.tekst"),
    ],
    ids=["empty", "blank", "empty-title", "empty-block", "empty-option"],
)
def test_empty_required_text(check_file, old, new, line, field):
    assert old in VALID_DILEMMA
    result, path = check_file(VALID_DILEMMA.replace(old, new))
    assert_one_problem(result, path, line, f"'{field}' mag niet leeg zijn")


def test_required_text_without_a_value(check_file):
    result, path = check_file(VALID_DILEMMA.replace("vraag: Wat doe je?", "vraag:"))
    assert_one_problem(result, path, 8, "'vraag'", "tekst", "lege waarde")


def test_empty_follow_up_question(check_file):
    result, path = check_file(VALID_DILEMMA + "doorvragen:\n  - Waarom?\n  - ''\n")
    assert_one_problem(result, path, 17, "'doorvragen.2' mag niet leeg zijn")


@pytest.mark.parametrize(
    "bad_id",
    ["eigen dilemma", "Eigen-Dilemma", "eigen_dilemma", "één-dilemma", "-eigen", "eigen--x"],
)
def test_bad_id(check_file, bad_id):
    result, path = check_file(VALID_DILEMMA.replace(f"id: {NAME}", f'id: "{bad_id}"'))
    assert_one_problem(result, path, 1, f"ongeldige id '{bad_id}'", "kleine letters")


def test_too_long_id(check_file):
    long_id = "a" * 81
    result, path = check_file(VALID_DILEMMA.replace(f"id: {NAME}", f"id: {long_id}"), name=long_id)
    assert_one_problem(result, path, 1, "'id' is te lang", "80")


def test_id_of_80_characters_is_fine(check_file):
    ok_id = "a" * 80
    result, _ = check_file(VALID_DILEMMA.replace(f"id: {NAME}", f"id: {ok_id}"), name=ok_id)
    assert result.code == 0, result.out


def test_id_differs_from_file_name(check_file):
    result, path = check_file(VALID_DILEMMA, name="ander-dilemma")
    assert_one_problem(
        result, path, 1, f"id '{NAME}' verschilt van de bestandsnaam", "ander-dilemma.yaml"
    )


def test_item_in_the_wrong_folder(check_file):
    result, path = check_file(VALID_DILEMMA, folder="statements")
    assert_one_problem(result, path, 2, "dilemmas/", "statements/")


def test_yml_extension_is_refused(gesprek, pack):
    root = pack({f"dilemmas/{NAME}.yml": VALID_DILEMMA})
    result = gesprek("check", str(root))
    assert_one_problem(result, root / "dilemmas" / f"{NAME}.yml", None, ".yaml")


def test_duplicate_id_between_builtin_and_extra_pack(gesprek, pack, tmp_path):
    taken = "lunch-niet-betalen"
    builtin = Path(__file__).resolve().parents[1] / "content" / "dilemmas" / f"{taken}.yaml"
    assert builtin.exists()
    root = pack({f"dilemmas/{taken}.yaml": VALID_DILEMMA.replace(NAME, taken)})
    result = gesprek("check", str(root))
    message = assert_one_problem(
        result, root / "dilemmas" / f"{taken}.yaml", 1, f"id '{taken}' bestaat al"
    )
    assert os.path.join("content", "dilemmas", f"{taken}.yaml") + ";" in message
    assert "kies een andere id" in message


def test_duplicate_id_between_two_extra_packs(gesprek, pack):
    first = pack({f"dilemmas/{NAME}.yaml": VALID_DILEMMA}, name="een")
    second = pack({f"statements/{NAME}.yaml": VALID_DILEMMA}, name="twee")
    result = gesprek("check", str(first), str(second))
    assert_clean_failure(result, errors=2)
    dup = problem_lines(result, second / "statements" / f"{NAME}.yaml")
    assert any(f"id '{NAME}' bestaat al in {first / 'dilemmas' / NAME}.yaml" in x for x in dup)


def test_duplicate_option_ids(check_file):
    result, path = check_file(VALID_DILEMMA.replace("  - id: b", "  - id: a"))
    assert_one_problem(result, path, 9, "optie-id 'a'", "meer dan één keer")


def test_duplicate_option_ids_in_a_beslismoment(check_file):
    body = CASUS.replace("        - id: b", "        - id: a")
    result, path = check_file(body, name="eigen-casus")
    assert_one_problem(result, path, 14, "optie-id 'a'")


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        (
            "thema: geschenken",
            "thema: geschenk",
            4,
            "onbekend thema 'geschenk' (bedoelde je 'geschenken'?)",
        ),
        (
            "kernwaarden: [integer]",
            "kernwaarden: [integer, moedg]",
            5,
            "onbekend kernwaarde 'moedg' (bedoelde je 'moedig'?)",
        ),
        ("loketten: [vik]", "loketten: [vikk]", 14, "onbekend loket 'vikk' (bedoelde je 'vik'?)"),
        (
            "loketten: [vik]",
            "loketten: [vik]\ndoelgroep: [iedereen, studeten]",
            15,
            "onbekend doelgroep 'studeten' (bedoelde je 'studenten'?)",
        ),
        (
            "loketten: [vik]",
            "loketten: [vik]\nberoepscode: [bc-integer, bc-bestaat-niet]",
            15,
            "onbekend beroepscode-item 'bc-bestaat-niet'",
        ),
    ],
    ids=["thema", "kernwaarde", "loket", "doelgroep", "beroepscode"],
)
def test_unknown_kader_ids(check_file, old, new, line, fragment):
    result, path = check_file(VALID_DILEMMA.replace(old, new))
    assert_one_problem(result, path, line, fragment)


def test_unknown_pijler_of_an_initiative(check_file):
    body = INITIATIEF.replace("pijler: veilige-inclusieve-teams", "pijler: diverse-instroon")
    result, path = check_file(body, name="eigen-initiatief", folder="initiatives")
    assert_one_problem(result, path, 4, "onbekend pijler 'diverse-instroon'", "'diverse-instroom'")


def test_extra_pack_may_extend_the_kader(gesprek, pack):
    kader = "themas:\n  - id: eigen-thema\n    naam: Eigen thema\n    omschrijving: Van ons.\n"
    root = pack(
        {
            "kader.yaml": kader,
            f"dilemmas/{NAME}.yaml": VALID_DILEMMA.replace("geschenken", "eigen-thema"),
        }
    )
    result = gesprek("check", str(root))
    assert result.code == 0, result.out


def test_extra_kader_may_not_redefine_a_builtin_id(gesprek, pack):
    kader = "themas:\n  - id: geschenken\n    naam: Nog eens\n    omschrijving: Dubbel.\n"
    root = pack({"kader.yaml": kader})
    result = gesprek("check", str(root))
    assert_one_problem(result, root / "kader.yaml", 2, "thema 'geschenken' staat al in het kader")


def test_kennisvraag_without_a_correct_option(check_file):
    body = KENNISVRAAG.replace("    juist: true\n", "")
    result, path = check_file(body, name="eigen-vraag")
    assert_one_problem(result, path, 6, "kennisvraag", "juist: true")


def test_dilemma_with_a_single_option(check_file):
    body = VALID_DILEMMA.replace("  - id: b\n    tekst: Ik bedank vriendelijk.\n", "")
    result, path = check_file(body)
    assert_one_problem(result, path, 9, "'opties'", "minstens twee")


def test_beslismoment_without_options(check_file):
    body = CASUS.split("      opties:")[0]
    result, path = check_file(body, name="eigen-casus")
    assert_one_problem(
        result, path, 12, "verplicht veld 'opties' ontbreekt", "stappen.2.beslismoment"
    )


def test_beslismoment_with_one_option(check_file):
    body = CASUS.replace("        - id: b\n          tekst: Niets.\n", "")
    result, path = check_file(body, name="eigen-casus")
    assert_one_problem(result, path, 14, "'stappen.2.beslismoment.opties'", "minstens 2")


def test_duplicate_keys(check_file):
    result, path = check_file(VALID_DILEMMA + "vraag: Nog een vraag?\n")
    assert_one_problem(result, path, 15, "sleutel 'vraag' staat dubbel", "regel 8")


# --- hostile input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/object/new:os.system", "!!python/name:os.system"],
)
def test_python_tag_is_refused_and_nothing_runs(check_file, tmp_path, tag):
    marker = tmp_path / "uitgevoerd.txt"
    body = VALID_DILEMMA + f"bron: {tag} ['touch {marker}']\n"
    result, path = check_file(body)
    assert_one_problem(result, path, 15, "tag", "niet toegestaan")
    assert not marker.exists()


def test_alias_bomb(check_file):
    lines = [VALID_DILEMMA.rstrip("\n"), 'bron: &a ["ha","ha","ha","ha","ha","ha","ha","ha","ha"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"x{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    result, path = check_file("\n".join(lines) + "\n")
    assert_one_problem(result, path, 15, "verwijzingen")


def test_very_deep_nesting(check_file):
    body = VALID_DILEMMA + "bron: " + "[" * 100_000 + "]" * 100_000 + "\n"
    result, path = check_file(body)
    assert_one_problem(result, path, 15, "te diep genest")


def test_very_large_file(check_file):
    body = VALID_DILEMMA + "bron: |\n" + ("  " + "x" * 100 + "\n") * 6000
    assert len(body.encode()) > 512 * 1024
    result, path = check_file(body)
    assert_one_problem(result, path, None, "te groot", "512 KiB")


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (VALID_DILEMMA.replace("Een eigen", "Een \u00e9igen").encode("latin-1"), 3),
        (VALID_DILEMMA.encode().replace(b"Wat doe je?", b"Wat doe je\xff?"), 8),
        (VALID_DILEMMA.encode("utf-16"), 1),
    ],
    ids=["latin-1", "stray-byte", "utf-16"],
)
def test_non_utf8_bytes(check_file, raw, line):
    result, path = check_file(raw)
    assert_one_problem(result, path, line, "UTF-8")


def test_control_character(check_file):
    result, path = check_file(VALID_DILEMMA.replace("Wat doe je?", "Wat doe je\x00?"))
    assert_one_problem(result, path, 8, "stuurteken")


@pytest.mark.posix("file modes (chmod 0) mean nothing on Windows")
def test_unreadable_file_cannot_be_read(gesprek, pack):
    root = pack({f"dilemmas/{NAME}.yaml": VALID_DILEMMA})
    path = root / "dilemmas" / f"{NAME}.yaml"
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user (root) who can read any file")
        result = gesprek("check", str(root))
        assert_one_problem(result, path, None, "kan het bestand niet lezen")
    finally:
        path.chmod(0o644)


def test_a_folder_named_like_an_item_file_cannot_be_read(gesprek, pack):
    # Like an unreadable file, but also testable as root.
    root = pack({f"dilemmas/{NAME}.yaml/leeg.txt": ""})
    result = gesprek("check", str(root))
    assert_one_problem(
        result, root / "dilemmas" / f"{NAME}.yaml", None, "kan het bestand niet lezen"
    )


def test_a_dangling_symlink_cannot_be_read(gesprek, pack):
    root = pack({"dilemmas/leeg.txt": ""})
    link = root / "dilemmas" / f"{NAME}.yaml"
    try:
        link.symlink_to(root / "nergens.yaml")
    except OSError:
        pytest.skip("symlinks not available")
    result = gesprek("check", str(root))
    assert_one_problem(result, link, None, "kan het bestand niet lezen")


def test_path_that_does_not_exist(gesprek, tmp_path):
    missing = tmp_path / "bestaat-niet"
    result = gesprek("check", str(missing))
    assert result.code == 2
    assert "Traceback" not in result.out + result.err
    assert result.out == ""
    assert f"{missing}: bestaat niet" in result.err


def test_path_that_does_not_exist_with_json(gesprek, tmp_path):
    missing = tmp_path / "bestaat-niet"
    result = gesprek("check", "--json", str(missing))
    assert result.code == 2
    assert result.out == ""
    assert "bestaat niet" in result.err


def test_a_single_file_checks_the_pack_that_holds_it(gesprek, pack):
    root = pack({f"dilemmas/{NAME}.yaml": VALID_DILEMMA.replace("thema: geschenken", "thema: x")})
    result = gesprek("check", str(root / "dilemmas" / f"{NAME}.yaml"))
    assert_one_problem(result, root / "dilemmas" / f"{NAME}.yaml", 4, "onbekend thema 'x'")


# --- all errors of all files in one run -------------------------------------------------------


BROKEN_PACK = {
    "dilemmas/a-kapot.yaml": 'id: a-kapot\ntitel: "open\n',
    "dilemmas/b-onbekend.yaml": VALID_DILEMMA.replace(NAME, "b-onbekend").replace(
        "situatie:", "situatie2: x\nsituatie:"
    ),
    "dilemmas/c-twee.yaml": VALID_DILEMMA.replace(NAME, "c-twee")
    .replace("thema: geschenken", "thema: geschenkn")
    .replace("loketten: [vik]", "loketten: [vik, tcoo]"),
    "statements/d-leeg.yaml": "",
    "dilemmas/e-goed.yaml": VALID_DILEMMA.replace(NAME, "e-goed"),
}


def test_check_reports_all_errors_of_all_files(gesprek, pack):
    root = pack(BROKEN_PACK)
    result = gesprek("check", str(root))
    assert_clean_failure(result, errors=5)
    problems = result.out.splitlines()[:-1]
    assert len(problems) == 5, result.out
    assert problems == [
        f"{root / 'dilemmas' / 'a-kapot.yaml'}:2: geen geldige YAML: de tekst houdt onverwacht op "
        "(een aanhalingsteken niet gesloten?)",
        f"{root / 'dilemmas' / 'b-onbekend.yaml'}:6: onbekend veld 'situatie2' "
        "(bedoelde je 'situatie'?)",
        f"{root / 'dilemmas' / 'c-twee.yaml'}:4: onbekend thema 'geschenkn' "
        "(bedoelde je 'geschenken'?)",
        f"{root / 'dilemmas' / 'c-twee.yaml'}:14: onbekend loket 'tcoo' (bedoelde je 'tco'?)",
        f"{root / 'statements' / 'd-leeg.yaml'}: het bestand is leeg",
    ]
    summary = result.out.splitlines()[-1]
    assert re.fullmatch(r"\d+ bestanden, \d+ items: 5 fouten", summary), summary
    assert result.err == ""


def test_check_json_is_a_list_of_problems_and_nothing_else(gesprek, pack):
    root = pack(BROKEN_PACK)
    result = gesprek("check", "--json", str(root))
    assert result.code == 1
    data = json.loads(result.out)  # fails if anything but the JSON is on stdout
    assert isinstance(data, list) and len(data) == 5
    for entry in data:
        assert set(entry) == {"bestand", "regel", "melding"}
        assert isinstance(entry["bestand"], str) and isinstance(entry["melding"], str)
        assert entry["regel"] is None or isinstance(entry["regel"], int)
    assert data[0] == {
        "bestand": str(root / "dilemmas" / "a-kapot.yaml"),
        "regel": 2,
        "melding": "geen geldige YAML: de tekst houdt onverwacht op "
        "(een aanhalingsteken niet gesloten?)",
    }
    assert data[-1] == {
        "bestand": str(root / "statements" / "d-leeg.yaml"),
        "regel": None,
        "melding": "het bestand is leeg",
    }
    assert "5 fouten" in result.err


def test_check_json_without_errors_is_an_empty_list(gesprek):
    result = gesprek("check", "--json")
    assert result.code == 0
    assert json.loads(result.out) == []
    assert "geen fouten" in result.err


def test_check_counts_problems_of_several_packs(gesprek, pack):
    first = pack({"dilemmas/x-een.yaml": ""}, name="een")
    second = pack({"dilemmas/x-twee.yaml": "- lijst\n"}, name="twee")
    result = gesprek("check", str(first), str(second))
    assert_clean_failure(result, errors=2)
    assert problem_lines(result, first / "dilemmas" / "x-een.yaml")
    assert problem_lines(result, second / "dilemmas" / "x-twee.yaml")


def test_commands_that_need_content_refuse_a_broken_pack(gesprek, pack):
    root = pack({"dilemmas/x-een.yaml": "", "dilemmas/x-twee.yaml": "- lijst\n"})
    result = gesprek("--pakket", str(root), "inhoud")
    assert result.code == 1
    assert result.out == ""
    assert "Traceback" not in result.err
    assert "x-een.yaml: het bestand is leeg" in result.err
    assert "2 fouten in de inhoud" in result.err
    assert "gesprek check" in result.err

"""``gesprek check`` as a first-time author meets it (issue 17, "Checking"): no false green
for files outside the item folders, the copied file is blamed rather than the original,
and every error of a file comes in one run."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import REPO, VALID_DILEMMA

NAME = "eigen-dilemma"
BROKEN = VALID_DILEMMA.replace("situatie:", "situtie:")


def lines_for(out: str, path) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(f"{path}:")]


# --- 1. no false green -------------------------------------------------------------------


def test_a_named_file_outside_any_pack_is_checked_as_an_item(gesprek, tmp_path):
    draft = tmp_path / "mijn-dilemma.yaml"
    draft.write_text(BROKEN.replace(NAME, "mijn-dilemma"), encoding="utf-8")
    result = gesprek("check", str(draft))
    assert result.code == 1, result.out
    assert lines_for(result.out, draft) == [
        f"{draft}:6: onbekend veld 'situtie' (bedoelde je 'situatie'?)"
    ]
    assert "geen fouten" not in result.out


def test_a_good_named_file_outside_any_pack_passes(gesprek, tmp_path):
    draft = tmp_path / "eigen-dilemma.yaml"
    draft.write_text(VALID_DILEMMA, encoding="utf-8")
    result = gesprek("check", str(draft))
    assert result.code == 0, result.out
    assert result.out.splitlines()[-1].endswith("geen fouten")


def test_a_named_file_also_gets_its_kader_errors(gesprek, tmp_path):
    draft = tmp_path / "eigen-dilemma.yaml"
    draft.write_text(VALID_DILEMMA.replace("thema: geschenken", "thema: geschenk"), "utf-8")
    result = gesprek("check", str(draft))
    assert result.code == 1
    assert f"{draft}:4: onbekend thema 'geschenk' (bedoelde je 'geschenken'?)" in result.out


@pytest.mark.parametrize("formaat", [[], ["--formaat", "github"], ["--json"]])
def test_a_file_in_an_unknown_folder_of_a_pack_is_an_error(gesprek, pack, formaat):
    root = pack({f"dilemmas/{NAME}.yaml": VALID_DILEMMA, "dilemma/los.yaml": BROKEN})
    result = gesprek("check", *formaat, str(root))
    assert result.code == 1, result.out
    stray = root / "dilemma" / "los.yaml"
    text = result.out + result.err
    assert "geen fouten" not in text
    if formaat == ["--json"]:
        (problem,) = json.loads(result.out)
        assert problem["bestand"] == str(stray)
        message = problem["melding"]
    elif formaat:
        (line,) = [x for x in result.out.splitlines() if x.startswith("::error")]
        assert "los.yaml" in line
        message = line.split("::")[-1]
    else:
        (line,) = lines_for(result.out, stray)
        message = line
    assert "staat niet in een bekende map: dilemmas/, statements/" in message
    assert "bedoelde je 'dilemmas/'?" in message


def test_a_named_file_in_an_unknown_folder_of_a_pack(gesprek, pack):
    """The pre-commit hook's case: a team repository, a file in dilemma/ (singular)."""
    root = pack({f"dilemmas/{NAME}.yaml": VALID_DILEMMA, "dilemma/noord-kapot.yaml": BROKEN})
    result = gesprek("check", str(root / "dilemma" / "noord-kapot.yaml"))
    assert result.code == 1
    found = lines_for(result.out, root / "dilemma" / "noord-kapot.yaml")
    assert any("onbekend veld 'situtie'" in x for x in found), result.out
    assert any("staat niet in een bekende map" in x for x in found), result.out


def test_yaml_in_subfolders_and_at_the_top_is_reported(gesprek, pack):
    root = pack(
        {
            f"dilemmas/{NAME}.yaml": VALID_DILEMMA,
            "dilemmas/oud/kopie.yaml": VALID_DILEMMA,
            "los.yml": "a: 1\n",
            "concepten/a/b.yaml": "a: 1\n",
        }
    )
    result = gesprek("check", str(root))
    assert result.code == 1
    for rel in ("dilemmas/oud/kopie.yaml", "los.yml", "concepten/a/b.yaml"):
        (line,) = lines_for(result.out, root / rel)
        assert "staat niet in een bekende map" in line


def test_hidden_files_and_folders_are_not_content(gesprek, pack):
    root = pack(
        {
            f"dilemmas/{NAME}.yaml": VALID_DILEMMA,
            ".github/workflows/inhoud.yml": "on: push\n",
            ".pre-commit-config.yaml": "repos: []\n",
            "dilemmas/.concept.yaml": "kapot: [\n",
        }
    )
    result = gesprek("check", str(root))
    assert result.code == 0, result.out


def test_named_files_only_report_their_own_problems(gesprek, pack):
    """A broken, untracked draft elsewhere in the pack does not block a commit of a good
    file (the pre-commit hook passes only the files being committed)."""
    root = pack(
        {
            f"dilemmas/{NAME}.yaml": VALID_DILEMMA,
            "dilemmas/concept-kapot.yaml": "titel: [\n",
            "dilemma/los.yaml": BROKEN,
        }
    )
    good = gesprek("check", str(root / "dilemmas" / f"{NAME}.yaml"))
    assert good.code == 0, good.out
    bad = gesprek("check", str(root / "dilemmas" / "concept-kapot.yaml"))
    assert bad.code == 1
    assert lines_for(bad.out, root / "dilemmas" / "concept-kapot.yaml")


def test_the_checkout_root_means_its_content_folder(gesprek, monkeypatch):
    monkeypatch.chdir(REPO)
    result = gesprek("check", ".")
    assert result.code == 0, result.out[-2000:]


# --- 2. a copied item blames the copy -----------------------------------------------------


def test_a_copied_builtin_item_blames_the_copy(gesprek, pack):
    original = (REPO / "content" / "dilemmas" / "lunch-niet-betalen.yaml").read_text("utf-8")
    copy = original.replace("titel: De eigenaar wil niet dat je betaalt", "titel: Gratis koffie")
    root = pack({"dilemmas/gratis-koffie.yaml": copy})
    result = gesprek("check", str(root))
    assert result.code == 1
    builtin = os.path.join("content", "dilemmas", "lunch-niet-betalen.yaml")
    assert not [x for x in result.out.splitlines() if x.split(":")[0].endswith(builtin)]
    (line,) = lines_for(result.out, root / "dilemmas" / "gratis-koffie.yaml")
    assert "id 'lunch-niet-betalen' bestaat al in" in line
    assert "'gratis-koffie'" in line
    assert "noem het bestand 'lunch-niet-betalen.yaml'" not in line


def test_a_copy_within_one_pack_blames_the_copy_whatever_the_order(gesprek, pack):
    original = VALID_DILEMMA.replace(NAME, "zeker-origineel")
    root = pack(
        {
            "dilemmas/zeker-origineel.yaml": original,
            "dilemmas/aa-kopie.yaml": original,  # sorts (and loads) first
        }
    )
    result = gesprek("check", str(root))
    assert result.code == 1
    assert lines_for(result.out, root / "dilemmas" / "zeker-origineel.yaml") == []
    (line,) = lines_for(result.out, root / "dilemmas" / "aa-kopie.yaml")
    assert "bestaat al in" in line and "'aa-kopie'" in line


def test_an_invalid_file_name_never_becomes_the_proposed_id(gesprek, pack):
    root = pack({"dilemmas/Tankpas dienstauto.yaml": VALID_DILEMMA})
    result = gesprek("check", str(root))
    assert result.code == 1
    (line,) = lines_for(result.out, root / "dilemmas" / "Tankpas dienstauto.yaml")
    assert f"noem het bestand '{NAME}.yaml'" in line
    assert "'Tankpas dienstauto'" not in line


def test_an_invalid_id_gets_a_valid_proposal(gesprek, pack):
    root = pack(
        {f"dilemmas/{NAME}.yaml": VALID_DILEMMA.replace(f"id: {NAME}", "id: Tankpas dienstauto")}
    )
    result = gesprek("check", str(root))
    (line,) = lines_for(result.out, root / "dilemmas" / f"{NAME}.yaml")
    assert "ongeldige id 'Tankpas dienstauto'" in line
    assert "'tankpas-dienstauto'" in line


# --- 3. all errors of a file in one run --------------------------------------------------


def test_field_kader_and_reference_errors_come_in_one_run(gesprek, pack):
    body = (
        VALID_DILEMMA.replace("situatie:", "situtie:")
        .replace("loketten: [vik]", "loketten: [vik, vertrouwenspersonen]")
        .replace("thema: geschenken", "thema: geschenk")
    )
    one_option = body.replace("  - id: b\n    tekst: Ik bedank vriendelijk.\n", "")
    one_option += "beroepscode: [bc-onbekend]\n"
    root = pack({f"dilemmas/{NAME}.yaml": one_option})
    result = gesprek("check", str(root))
    assert result.code == 1
    found = "\n".join(lines_for(result.out, root / "dilemmas" / f"{NAME}.yaml"))
    assert "onbekend veld 'situtie'" in found
    assert "minstens twee" in found
    assert "onbekend thema 'geschenk'" in found
    assert "onbekend loket 'vertrouwenspersonen'" in found
    assert "onbekend beroepscode-item 'bc-onbekend'" in found


def test_a_broken_programme_still_gets_its_reference_errors(gesprek, pack):
    body = """\
id: eigen-programma
type: programma
titel: Een programma
beschrijving: Voor het team.
duur: 30
doelgroep: [iedereen, agenten]
onderdelen:
  - item: ronde-openingg
    duur: 10
  - item: lunch-niet-betalen
    duur: 20
    extra: x
"""
    root = pack({"programmas/eigen-programma.yaml": body})
    result = gesprek("check", str(root))
    found = "\n".join(lines_for(result.out, root / "programmas" / "eigen-programma.yaml"))
    assert "onbekend veld 'extra'" in found
    assert "onbekend item 'ronde-openingg' (bedoelde je 'ronde-opening'?)" in found
    assert "onbekende doelgroep" in found or "onbekend doelgroep 'agenten'" in found

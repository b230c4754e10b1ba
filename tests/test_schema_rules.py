"""The editor knows what ``check`` knows (issue 17, "In the editor"): the schema says every
rule JSON Schema can say, in Dutch where the editor shows a message, and offers the kader's
ids. Checked with ``jsonschema`` (what check-jsonschema and other editors do) and with the
YAML language server over stdio (what VS Code does)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.conftest import KENNISVRAAG, REPO, VALID_DILEMMA
from tests.lsp_client import YamlLanguageServer, server_command

SHIPPED = REPO / "schema" / "inhoud.schema.json"


@pytest.fixture(scope="module")
def builtin():
    from gesprek.content import library

    return library.load()


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SHIPPED.read_text(encoding="utf-8")))


def dilemma(**changes):
    data = yaml.safe_load(VALID_DILEMMA)
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "data",
    [
        dilemma(titel=""),
        dilemma(titel="   "),
        dilemma(situatie="\n"),
        dilemma(opties=[{"id": "a", "tekst": "Alleen deze"}]),
        dilemma(opties=[{"id": "a", "tekst": ""}, {"id": "b", "tekst": "b"}]),
        dilemma(doorvragen=[""]),
        dilemma(doelgroep=[]),
    ],
    ids=["lege-titel", "spaties", "lege-situatie", "een-optie", "lege-optie", "lege-doorvraag", "geen-doelgroep"],
)  # fmt: skip
def test_schema_refuses_what_check_refuses(validator, data, gesprek, tmp_path):
    assert list(validator.iter_errors(data))
    path = tmp_path / "eigen-dilemma.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert gesprek("check", str(path)).code == 1


def test_schema_and_check_accept_a_dilemma_without_options(validator, gesprek, tmp_path):
    data = dilemma()
    del data["opties"]
    assert list(validator.iter_errors(data)) == []
    path = tmp_path / "eigen-dilemma.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert gesprek("check", str(path)).code == 0


def test_a_kennisvraag_needs_a_correct_option_in_the_schema(validator):
    data = yaml.safe_load(KENNISVRAAG)
    assert list(validator.iter_errors(data)) == []
    wrong = copy.deepcopy(data)
    del wrong["opties"][1]["juist"]
    errors = list(validator.iter_errors(wrong))
    assert errors
    wrong["opties"][1]["juist"] = False
    assert list(validator.iter_errors(wrong))


def test_check_and_the_editor_agree_on_booleans(gesprek, tmp_path):
    """``juist: yes`` is text for the editor (YAML 1.2): check refuses it too."""
    path = tmp_path / "eigen-vraag.yaml"
    path.write_text(KENNISVRAAG.replace("juist: true", "juist: yes"), encoding="utf-8")
    result = gesprek("check", str(path))
    assert result.code == 1
    assert f"{path}:11: 'juist' moet true of false zijn, niet 'yes'" in result.out
    path.write_text(KENNISVRAAG, encoding="utf-8")
    assert gesprek("check", str(path)).code == 0


def test_the_schema_messages_are_dutch():
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    text = json.dumps(schema, ensure_ascii=False)
    assert "'titel' mag niet leeg zijn" in text
    assert "minstens één optie met 'juist: true'" in text
    assert "onbekend veld" in text
    # minItems and minLength make the editor speak English; their rules are said otherwise.
    assert '"minItems"' not in text and '"minLength"' not in text


def test_kader_fields_offer_the_kader_ids_with_their_names(validator, builtin):
    schema = validator.schema
    thema = schema["$defs"]["Dilemma"]["properties"]["thema"]
    (offer,) = [b for b in thema["anyOf"] if "enum" in b]
    assert offer["enum"] == list(builtin.kader["themas"])
    assert len(offer["enum"]) >= 18
    assert offer["enumDescriptions"][0].startswith(builtin.kader["themas"]["geschenken"].naam)
    loket = schema["$defs"]["Dilemma"]["properties"]["loketten"]["items"]
    assert "vertrouwenspersoon" in next(b for b in loket["anyOf"] if "enum" in b)["enum"]
    # A team's own kader id is not wrong; a malformed one is.
    assert list(validator.iter_errors(dilemma(thema="eigen-thema-noord"))) == []
    assert list(validator.iter_errors(dilemma(thema="Eigen Thema")))


def test_schema_with_a_pack_includes_its_kader(gesprek, pack):
    kader = "themas:\n  - id: eigen-thema-noord\n    naam: Noord\n    omschrijving: Alleen hier.\n"
    root = pack({"kader.yaml": kader})
    result = gesprek("--pakket", str(root), "schema")
    assert result.code == 0
    schema = json.loads(result.out)
    thema = schema["$defs"]["Dilemma"]["properties"]["thema"]
    offered = next(b for b in thema["anyOf"] if "enum" in b)["enum"]
    assert "eigen-thema-noord" in offered and "geschenken" in offered
    plain = json.loads(gesprek("schema").out)
    assert "eigen-thema-noord" not in json.dumps(plain)


@pytest.fixture(scope="module")
def server():
    command = server_command()
    if command is None:
        pytest.skip("yaml-language-server (npm) of node ontbreekt; zet YAML_LANGUAGE_SERVER")
    started = YamlLanguageServer(command, REPO)
    yield started
    started.close()


def editor_file(tmp_path: Path, body: str, name: str = "eigen") -> tuple[Path, str]:
    path = tmp_path / f"{name}.yaml"
    return path, f"# yaml-language-server: $schema={SHIPPED}\n{body}"


def test_editor_marks_the_rules_in_dutch(server, tmp_path):
    body = (
        VALID_DILEMMA.replace("titel: Een eigen dilemma", 'titel: ""')
        .replace("  - id: b\n    tekst: Ik bedank vriendelijk.\n", "")
        .replace("situatie:", "situtie:")
    )
    path, text = editor_file(tmp_path, body)
    diagnostics = server.open(path, text)
    by_line = {d["range"]["start"]["line"]: d["message"] for d in diagnostics}
    lines = text.splitlines()
    titel = next(i for i, x in enumerate(lines) if x.startswith("titel:"))
    opties = next(i for i, x in enumerate(lines) if x.startswith("opties:"))
    situtie = next(i for i, x in enumerate(lines) if x.startswith("situtie:"))
    assert by_line.get(titel) == "'titel' mag niet leeg zijn", diagnostics
    assert "minstens twee" in by_line.get(opties + 1, by_line.get(opties, "")), diagnostics
    assert "onbekend veld" in by_line.get(situtie, ""), diagnostics
    for d in diagnostics:
        assert not any(w in d["message"] for w in ("Missing", "not allowed", "shorter", "Array")), d


def test_editor_marks_a_kennisvraag_without_a_correct_option(server, tmp_path):
    path, text = editor_file(tmp_path, KENNISVRAAG.replace("    juist: true\n", ""))
    messages = [d["message"] for d in server.open(path, text)]
    assert any("juist: true" in m for m in messages), messages
    path, text = editor_file(tmp_path, KENNISVRAAG, name="goed")
    assert server.open(path, text) == []


def test_editor_marks_juist_yes_as_check_does(server, tmp_path):
    path, text = editor_file(tmp_path, KENNISVRAAG.replace("juist: true", "juist: yes"))
    messages = [d["message"] for d in server.open(path, text)]
    assert "'juist' moet true of false zijn" in messages, messages


def test_editor_offers_every_thema_and_loket(server, tmp_path, builtin):
    body = VALID_DILEMMA.replace("thema: geschenken", "thema: ").replace(
        "loketten: [vik]", "loketten:\n  - "
    )
    path, text = editor_file(tmp_path, body)
    server.open(path, text)
    lines = text.splitlines()
    row = next(i for i, x in enumerate(lines) if x.startswith("thema:"))
    labels = {item["label"] for item in server.complete(path, row, len("thema: "))}
    assert set(builtin.kader["themas"]) <= labels, labels
    row = len(lines) - 1
    labels = {item["label"] for item in server.complete(path, row, len("  - "))}
    assert set(builtin.kader["loketten"]) <= labels, labels


@pytest.mark.parametrize(
    "path", sorted((REPO / "content").glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_editor_shows_no_problem_in_the_builtin_files(server, path):
    assert server.open(path, path.read_text(encoding="utf-8")) == []

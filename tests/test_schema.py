"""``gesprek schema``: the JSON Schema of an item file, as shipped in schema/, and what it
accepts and refuses."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.conftest import REPO, VALID_DILEMMA

SHIPPED = REPO / "schema" / "inhoud.schema.json"
ITEM_FILES = sorted((REPO / "content").glob("*/*.yaml"))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, data: object) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def test_schema_output_equals_the_shipped_file(gesprek):
    result = gesprek("schema")
    assert result.code == 0
    assert result.err == ""
    assert result.out == SHIPPED.read_text(encoding="utf-8")


def test_schema_is_draft_2020_12_with_dutch_descriptions(validator):
    schema = validator.schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    text = json.dumps(schema, ensure_ascii=False)
    assert "Unieke id: kleine letters" in text
    assert "De situatie, in een paar zinnen." in text


def test_there_are_item_files_to_validate():
    assert len(ITEM_FILES) > 100
    assert not any(p.name == "kader.yaml" for p in ITEM_FILES)


@pytest.mark.parametrize("path", ITEM_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_schema_validates_every_builtin_item_file(validator, path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert errors(validator, data) == []


def test_schema_accepts_the_example_dilemma(validator):
    assert errors(validator, yaml.safe_load(VALID_DILEMMA)) == []


def test_schema_rejects_an_unknown_key(validator):
    data = yaml.safe_load(VALID_DILEMMA)
    data["situtie"] = "Een typfout."
    assert errors(validator, data)


def test_schema_rejects_an_unknown_key_in_an_option(validator):
    data = yaml.safe_load(VALID_DILEMMA)
    data["opties"][0]["juist"] = True  # only a kennisvraag has this
    assert errors(validator, data)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("kernwaarden", "integer"),
        ("id", 12),
        ("titel", ["een", "lijst"]),
        ("duur", "tien"),
        ("opties", "a, b"),
        ("type", "dilema"),
        ("id", "Eigen Dilemma"),
        ("id", "a" * 81),
    ],
)
def test_schema_rejects_wrong_types_and_values(validator, key, value):
    data = yaml.safe_load(VALID_DILEMMA)
    data[key] = value
    assert errors(validator, data)


def test_schema_rejects_a_missing_required_field(validator):
    data = yaml.safe_load(VALID_DILEMMA)
    del data["situatie"]
    assert errors(validator, data)


def test_schema_rejects_a_builtin_file_once_broken(validator):
    data = yaml.safe_load((REPO / "content" / "dilemmas" / "casus-vik.yaml").read_text("utf-8"))
    assert errors(validator, data) == []
    broken = copy.deepcopy(data)
    broken["stappen"][0]["verhal"] = broken["stappen"][0].pop("verhaal")
    assert errors(validator, broken)


def test_schema_to_a_file(gesprek, tmp_path):
    target = tmp_path / "schema.json"
    result = gesprek("schema", "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == [target]  # no temporary files left behind


def test_schema_refuses_to_overwrite_without_overschrijf(gesprek, tmp_path):
    target = tmp_path / "schema.json"
    target.write_text("van mij\n", encoding="utf-8")
    result = gesprek("schema", "-o", str(target))
    assert result.code == 2
    assert "bestaat al" in result.err
    assert "--overschrijf" in result.err
    assert "Traceback" not in result.err
    assert target.read_text(encoding="utf-8") == "van mij\n"
    assert list(tmp_path.iterdir()) == [target]


def test_schema_overwrites_with_overschrijf(gesprek, tmp_path):
    target = tmp_path / "schema.json"
    target.write_text("van mij\n", encoding="utf-8")
    result = gesprek("schema", "-o", str(target), "--overschrijf")
    assert result.code == 0, result.err
    assert target.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")


def test_schema_into_a_missing_folder(gesprek, tmp_path):
    result = gesprek("schema", "-o", str(tmp_path / "weg" / "schema.json"))
    assert result.code == 2
    assert "bestaat niet" in result.err
    assert not (tmp_path / "weg").exists()


def test_schema_onto_a_folder(gesprek, tmp_path):
    result = gesprek("schema", "-o", str(tmp_path))
    assert result.code == 2
    assert "is een map" in result.err

"""Editor support: the schema that VS Code reads through the first line of every content
file explains each main field in Dutch and gives an example, and that line points at the
shipped schema. (What the schema accepts and refuses is in test_schema.py.)"""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO

SHIPPED = REPO / "schema" / "inhoud.schema.json"
ITEM_FILES = sorted((REPO / "content").glob("*/*.yaml"))
MAIN_FIELDS = {
    "Dilemma": [
        "id", "titel", "thema", "kernwaarden", "doelgroep", "duur", "situatie", "vraag",
        "opties", "doorvragen", "norm", "beroepscode", "loketten", "bron",
    ],
    "Stelling": ["id", "titel", "thema", "duur", "stelling", "opties", "doorvragen", "norm"],
    "Kennisvraag": ["id", "titel", "thema", "duur", "situatie", "vraag", "opties", "uitleg"],
    "Casus": ["id", "titel", "thema", "duur", "inleiding", "stappen"],
    "Stap": ["titel", "verhaal", "vragen"],
    "Beslismoment": ["vraag", "opties", "kader", "uitkomst"],
    "Optie": ["id", "tekst"],
    "KennisOptie": ["id", "tekst", "juist"],
    "Beroepscode": ["regel", "vragen"],
    "Ronde": ["vragen"],
}  # fmt: skip


@pytest.fixture(scope="module")
def definitions() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))["$defs"]


@pytest.mark.parametrize("model", sorted(MAIN_FIELDS))
def test_main_fields_have_a_dutch_description_and_an_example(definitions, model):
    properties = definitions[model]["properties"]
    for name in MAIN_FIELDS[model]:
        field = properties[name]
        assert field.get("description"), f"{model}.{name} heeft geen beschrijving"
        assert field.get("examples"), f"{model}.{name} heeft geen voorbeeld"


def test_examples_have_the_type_of_their_field(definitions):
    from jsonschema import Draft202012Validator

    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    for model, names in MAIN_FIELDS.items():
        for name in names:
            field = dict(definitions[model]["properties"][name])
            examples = field.pop("examples")
            validator = Draft202012Validator({**field, "$defs": schema["$defs"]})
            for example in examples:
                assert list(validator.iter_errors(example)) == [], f"{model}.{name}: {example!r}"


@pytest.mark.parametrize("path", ITEM_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_content_file_points_its_editor_at_the_shipped_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    assert (path.parent / first[len(prefix) :]).resolve() == SHIPPED.resolve()

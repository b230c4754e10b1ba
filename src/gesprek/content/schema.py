"""The JSON Schema of an item file, generated from the models and the kader.

What an editor (the YAML language server in VS Code) does with it decides its shape:

- every rule the models have that JSON Schema can say is in it: non-empty texts, lists with
  a minimum, "at least one option with juist: true", "no options or at least two";
- where the editor would say it in English, the rule is phrased so that it shows a Dutch
  message instead (``errorMessage`` / ``patternErrorMessage``, which it reads): a minimum
  number of list items as ``contains`` + ``minContains``, unknown keys as ``propertyNames``;
- the fields that take a kader id offer the kader's ids with their Dutch names
  (``anyOf`` of an ``enum`` and the id pattern, so the ids of a team's own kader are not
  marked wrong); ``gesprek schema --pakket DIR`` adds that pack's kader.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

SCHEMA_ID = "https://gesprek.invalid/schema/inhoud.schema.json"

# Item fields that hold kader ids, per model: field -> kader kind.
KADER_FIELDS = {
    "thema": "themas",
    "themas": "themas",
    "kernwaarden": "kernwaarden",
    "doelgroep": "doelgroepen",
    "loketten": "loketten",
    "pijler": "pijlers",
}
_KIND_LABEL = {
    "themas": "thema",
    "kernwaarden": "kernwaarde",
    "doelgroepen": "doelgroep",
    "loketten": "loket",
    "pijlers": "pijler",
}
NOT_EMPTY = "mag niet leeg zijn"
ID_MESSAGE = (
    "ongeldige id: gebruik kleine letters zonder accenten, cijfers en streepjes "
    "(zoals 'lunch-niet-betalen')"
)


def schema(packs: Sequence[Path] = ()) -> dict[str, Any]:
    from gesprek.content import library
    from gesprek.content.models import item_adapter

    generated = item_adapter().json_schema()
    kader = library.load_kader(packs)
    defs = generated["$defs"]
    for model in defs.values():
        _dutch_object(model)
    for name in ("Dilemma",):
        _none_or_at_least_two(defs[name]["properties"]["opties"])
    _one_correct(defs["Kennisvraag"]["properties"]["opties"])
    for model in defs.values():
        for field, kind in KADER_FIELDS.items():
            prop = model.get("properties", {}).get(field)
            if prop is not None:
                _kader_ids(prop, kind, kader.get(kind, {}))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "gesprek: inhoudsbestand",
        "description": (
            "Eén item van een inhoudspakket van gesprek (dilemma, casus, kennisvraag, "
            "stelling, beroepscode, ronde, initiatief of programma). Het veld 'type' bepaalt "
            "welke velden er horen."
        ),
        **generated,
    }


def schema_text(packs: Sequence[Path] = ()) -> str:
    return json.dumps(schema(packs), ensure_ascii=False, indent=2) + "\n"


# --- Dutch messages ---------------------------------------------------------------------


def _dutch_object(model: dict[str, Any]) -> None:
    """Unknown keys, missing keys and each field's own type in Dutch."""
    properties: dict[str, Any] = model.get("properties", {})
    if model.pop("additionalProperties", None) is False:
        names = sorted(properties)
        model["propertyNames"] = {
            "enum": names,
            "errorMessage": "onbekend veld; mogelijke velden: " + ", ".join(names),
        }
    required = model.get("required", [])
    if required:
        model["errorMessage"] = (
            "verplicht: " + ", ".join(required) + " (elk op een eigen regel 'veld: waarde')"
        )
    for name, prop in properties.items():
        _dutch_value(name, prop)


def _dutch_value(name: str, prop: dict[str, Any]) -> None:
    for branch in prop.get("anyOf", []):
        if branch.get("type") != "null":
            _dutch_value(name, branch)
    kind = prop.get("type")
    if kind == "string":
        if prop.get("pattern") == r"\S":
            prop["patternErrorMessage"] = f"'{name}' {NOT_EMPTY}"
        elif "pattern" in prop:
            prop["patternErrorMessage"] = ID_MESSAGE
        if "const" in prop:
            prop["errorMessage"] = f"'{name}' moet '{prop['const']}' zijn"
        else:
            prop["errorMessage"] = f"'{name}' moet tekst zijn"
        if prop.pop("minLength", None):
            prop.setdefault("pattern", r"\S")
            prop.setdefault("patternErrorMessage", f"'{name}' {NOT_EMPTY}")
    elif kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        bounds = f" van {low} tot en met {high}" if low is not None and high is not None else ""
        prop["errorMessage"] = f"'{name}' moet een heel getal zijn{bounds}"
    elif kind == "boolean":
        prop["errorMessage"] = f"'{name}' moet true of false zijn"
    elif kind == "array":
        prop["errorMessage"] = f"'{name}' moet een lijst zijn (regels die beginnen met '- ')"
        items = prop.get("items")
        if isinstance(items, dict) and items.get("type") in ("string", "integer"):
            _dutch_value(name, items)
        minimum = prop.pop("minItems", None)
        if minimum:
            _at_least(prop, minimum, f"'{name}' heeft er minstens {minimum} nodig")


def _at_least(prop: dict[str, Any], count: int, message: str) -> None:
    """``minItems`` said with ``contains`` + ``minContains``, so that the editor shows a
    Dutch message (it shows minItems only in English)."""
    prop.setdefault("allOf", []).append(
        {"contains": True, "minContains": count, "errorMessage": message}
    )


def _none_or_at_least_two(prop: dict[str, Any]) -> None:
    prop["if"] = {"type": "array", "contains": True}
    prop["then"] = {
        "contains": True,
        "minContains": 2,
        "errorMessage": "'opties' heeft er minstens twee nodig, of laat het veld weg",
    }


def _one_correct(prop: dict[str, Any]) -> None:
    prop.setdefault("allOf", []).append(
        {
            "contains": {
                "type": "object",
                "required": ["juist"],
                "properties": {"juist": {"const": True}},
            },
            "errorMessage": "een kennisvraag heeft minstens één optie met 'juist: true' nodig",
        }
    )


# --- kader ids ----------------------------------------------------------------------------


def _kader_ids(prop: dict[str, Any], kind: str, entries: Mapping[str, Any]) -> None:
    target = prop["items"] if prop.get("type") == "array" else prop
    ids = list(entries)
    label = _KIND_LABEL[kind]
    target.pop("minLength", None)
    target.pop("pattern", None)
    target.pop("patternErrorMessage", None)
    target["type"] = "string"
    from gesprek.content.models import ID_PATTERN

    target["anyOf"] = [
        {
            "enum": ids,
            "enumDescriptions": [f"{e.naam}: {e.omschrijving}".strip() for e in entries.values()],
        },
        {"pattern": ID_PATTERN},
    ]
    target["errorMessage"] = (
        f"een {label} is een id uit het kader (kleine letters en streepjes), zoals "
        + ", ".join(f"'{i}'" for i in ids[:3])
    )

"""The JSON Schema of an item file, generated from the models."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://gesprek.invalid/schema/inhoud.schema.json"


def schema() -> dict[str, Any]:
    from gesprek.content.models import item_adapter

    generated = item_adapter().json_schema()
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


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"

"""Dutch messages for pydantic validation errors, with the line they point at."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gesprek.content import models
from gesprek.errors import suggest
from gesprek.visible import excerpt

_TYPE_NAMES = {
    str: "tekst",
    int: "getal",
    float: "kommagetal",
    bool: "ja/nee-waarde",
    list: "lijst",
    dict: "blok met sleutels",
    type(None): "lege waarde",
}


def _known_fields() -> set[str]:
    names: set[str] = set()
    for cls in (
        models.Dilemma,
        models.Casus,
        models.Kennisvraag,
        models.Stelling,
        models.Beroepscode,
        models.Ronde,
        models.Initiatief,
        models.Programma,
        models.Stap,
        models.Beslismoment,
        models.KennisOptie,
        models.Onderdeel,
        models.Kader,
        models.KaderEntry,
    ):
        names.update(cls.model_fields)
    return names


KNOWN_FIELDS = _known_fields()


def suggestion_for(key: str) -> str | None:
    """The known field an unknown key most likely meant, if any."""
    import difflib

    close = difflib.get_close_matches(key, sorted(KNOWN_FIELDS - {key}), n=1, cutoff=0.6)
    return close[0] if close else None


def field_label(loc: tuple[Any, ...]) -> str:
    """``('stappen', 1, 'vraag')`` -> ``stappen.2.vraag`` (list positions 1-based)."""
    return ".".join(str(p + 1) if isinstance(p, int) else str(p) for p in loc) or "item"


def _what(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def strip_tag(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Drop the discriminator tag pydantic puts first in a union's error location."""
    if (
        loc
        and isinstance(data, dict)
        and loc[0] == data.get("type")
        and loc[0] in models.TYPE_FOLDERS
    ):
        return loc[1:]
    return loc


def dutch(error: Mapping[str, Any], loc: tuple[Any, ...]) -> str:
    """One pydantic error as a Dutch sentence."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = field_label(loc)
    last = str(loc[-1]) if loc else "item"
    if kind == "missing":
        return f"verplicht veld '{last}' ontbreekt" + (
            f" (in {field_label(loc[:-1])})" if len(loc) > 1 else ""
        )
    if kind == "extra_forbidden":
        return f"onbekend veld '{excerpt(last)}'" + suggest(last, KNOWN_FIELDS - {last})
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", value))
        return (
            f"onbekend type '{excerpt(tag)}'"
            + suggest(tag, models.TYPE_FOLDERS)
            + (f"; kies uit: {', '.join(models.TYPE_FOLDERS)}")
        )
    if kind == "union_tag_not_found":
        return f"veld 'type' ontbreekt; kies uit: {', '.join(models.TYPE_FOLDERS)}"
    if kind == "string_type":
        return f"'{name}' moet tekst zijn, geen {_what(value)}"
    if kind == "list_type":
        return f"'{name}' moet een lijst zijn (regels die beginnen met '- '), geen {_what(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{name}' moet een heel getal zijn, geen {_what(value)}"
    if kind == "bool_type":
        return f"'{name}' moet true of false zijn"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"'{name}' moet een blok met regels 'sleutel: waarde' zijn, geen {_what(value)}"
    if kind == "string_pattern_mismatch":
        return (
            f"ongeldige id '{excerpt(value)}' in '{name}': gebruik kleine letters zonder accenten, "
            "cijfers en streepjes (zoals 'lunch-niet-betalen')"
        )
    if kind == "string_too_long":
        return f"'{name}' is te lang (hooguit {ctx.get('max_length')} tekens)"
    if kind == "string_too_short":
        return f"'{name}' mag niet leeg zijn"
    if kind == "too_short":
        return f"'{name}' moet er minstens {ctx.get('min_length')} hebben"
    if kind == "greater_than_equal":
        return f"'{name}' moet minstens {ctx.get('ge')} zijn"
    if kind == "less_than_equal":
        return f"'{name}' mag hooguit {ctx.get('le')} zijn"
    if kind == "literal_error":
        return f"'{name}' moet {ctx.get('expected')} zijn"
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
        return f"'{name}' {message}" if loc and message.startswith("mag ") else message
    return f"'{name}' heeft een ongeldige waarde"

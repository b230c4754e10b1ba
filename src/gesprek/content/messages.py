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


# pydantic's error kinds that read as one sentence about the field: {name} is the field,
# {what} the kind of value given, the other names come from pydantic's context (ctx).
_IS_BLOCK = "'{name}' moet een blok met regels 'sleutel: waarde' zijn, geen {what}"
_IS_NUMBER = "'{name}' moet een heel getal zijn, geen {what}"
SENTENCES = {
    "string_type": "'{name}' moet tekst zijn, geen {what}",
    "list_type": "'{name}' moet een lijst zijn (regels die beginnen met '- '), geen {what}",
    "int_type": _IS_NUMBER,
    "int_parsing": _IS_NUMBER,
    "int_from_float": _IS_NUMBER,
    "bool_type": "'{name}' moet true of false zijn",
    "model_type": _IS_BLOCK,
    "dict_type": _IS_BLOCK,
    "model_attributes_type": _IS_BLOCK,
    "string_too_long": "'{name}' is te lang (hooguit {max_length} tekens)",
    "string_too_short": "'{name}' mag niet leeg zijn",
    "too_short": "'{name}' moet er minstens {min_length} hebben",
    "greater_than_equal": "'{name}' moet minstens {ge} zijn",
    "less_than_equal": "'{name}' mag hooguit {le} zijn",
    "literal_error": "'{name}' moet {expected} zijn",
}


class _Blanks(dict[str, Any]):
    """Context for a sentence: a value pydantic did not give reads as nothing."""

    def __missing__(self, key: str) -> str:
        return ""


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
    if kind in SENTENCES:
        return SENTENCES[kind].format_map(_Blanks(ctx, name=name, what=_what(value)))
    if kind == "string_pattern_mismatch":
        return (
            f"ongeldige id '{excerpt(value)}' in '{name}': gebruik kleine letters zonder accenten, "
            "cijfers en streepjes (zoals 'lunch-niet-betalen')"
        ) + _id_proposal(value)
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
        return f"'{name}' {message}" if loc and message.startswith("mag ") else message
    return f"'{name}' heeft een ongeldige waarde"


def _id_proposal(value: Any) -> str:
    """For an invalid id, a valid one made from it: "Tankpas dienstauto" -> 'tankpas-dienstauto'."""
    from gesprek.content.ids import propose_id

    if not isinstance(value, str):
        return ""
    proposal = propose_id(value, fallback="")
    return f"; bijvoorbeeld '{proposal}'" if proposal and proposal != value else ""

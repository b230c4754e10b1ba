"""``gesprek export``: every recorded vote count as a row (CSV for Dutch Excel), or every
session as its ``resultaten`` object (JSON, with the notes and agreements too), read
through the read model. A masked question's rows have no count (``aantal`` empty) and
say why in ``verborgen``."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

from gesprek.errors import UsageError
from gesprek.readmodel.held import load_sessions
from gesprek.reports.results import session_results
from gesprek.store.records import Store

COLUMNS = (
    "sessie",
    "datum",
    "team",
    "programma",
    "item",
    "type",
    "titel",
    "stap",
    "optie",
    "optietekst",
    "aantal",
    "verborgen",
)


def parse_since(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"ongeldige datum '{text}'",
            hint="Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-31.",
        ) from None


def rows(store: Store, team: str | None = None, since: date | None = None) -> list[dict[str, Any]]:
    """One row per option of every voted question, in session and option order."""
    result = []
    for held in load_sessions(store, team, since):
        for part in held.parts:
            for question in part.questions:
                counts = question.stemmen
                options = question.opties or [("", "")]  # masked, and its options unknown
                for option_id, text in options:
                    result.append(
                        {
                            "sessie": held.id,
                            "datum": held.datum,
                            "team": held.team,
                            "programma": held.programma or "",
                            "item": part.item_id,
                            "type": part.type,
                            "titel": part.titel,
                            "stap": question.stap if question.stap is not None else "",
                            "optie": option_id,
                            "optietekst": text,
                            "aantal": int(counts.get(option_id, 0)) if counts is not None else "",
                            "verborgen": question.verborgen or "",
                        }
                    )
    return result


def as_json(
    store: Store, team: str | None = None, since: date | None = None
) -> list[dict[str, Any]]:
    return [session_results(held) for held in load_sessions(store, team, since)]


def cell(value: Any) -> Any:
    """A text cell that Excel would run as a formula (=, +, -, @ first) gets a leading
    apostrophe, so a team label or note can never become a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(path: Path, data: list[dict[str, Any]], columns: tuple[str, ...] = COLUMNS) -> None:
    """CSV as Dutch Excel reads it: ';' separator (',' is the decimal sign there), UTF-8
    with a byte-order mark so accents survive, CRLF line ends."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: cell(v) for k, v in row.items()} for row in data)


def write_json(path: Path, data: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")

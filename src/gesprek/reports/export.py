"""``gesprek export``: every recorded vote count as a row (CSV for Dutch Excel, or JSON
with the notes and agreements too)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

from gesprek.errors import UsageError
from gesprek.session.recording import questions_of
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


def _sessions(store: Store, team: str | None, since: date | None) -> list[Any]:
    chosen = []
    for record in sorted(store.sessions(), key=lambda r: (r.begonnen, r.id)):
        if team is not None and record.team.casefold() != team.casefold():
            continue
        if since is not None and record.begonnen[:10] < since.isoformat():
            continue
        chosen.append(record)
    return chosen


def rows(store: Store, team: str | None = None, since: date | None = None) -> list[dict[str, Any]]:
    """One row per option of every voted question, in session and option order."""
    result = []
    for record in _sessions(store, team, since):
        parts = {p.positie: p for p in store.parts(record.id)}
        votes = store.votes(record.id)
        for positie, stap in sorted(votes, key=lambda k: (k[0], k[1] or 0)):
            part = parts[positie]
            question = questions_of(part.snapshot).get(stap)
            options = [(o.id, o.tekst.strip()) for o in question.opties] if question else []
            counts = votes[(positie, stap)]
            for option_id, text in options or [(o, "") for o in counts]:
                result.append(
                    {
                        "sessie": record.id,
                        "datum": record.begonnen[:10],
                        "team": record.team,
                        "programma": record.programma or "",
                        "item": part.item_id,
                        "type": part.type,
                        "titel": part.titel,
                        "stap": stap if stap is not None else "",
                        "optie": option_id,
                        "optietekst": text,
                        "aantal": int(counts.get(option_id, 0)),
                    }
                )
    return result


def as_json(
    store: Store, team: str | None = None, since: date | None = None
) -> list[dict[str, Any]]:
    from gesprek.session.recording import results

    return [results(store, record.id) for record in _sessions(store, team, since)]


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

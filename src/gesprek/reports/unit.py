"""``overzicht --server`` and ``export --server``: the whole unit, from the rows that
management's role reads on the server, in the same shapes as the local reports. Titles and
option texts come from the built-in content (the server keeps ids and counts only)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from gesprek.reports.export import COLUMNS
from gesprek.reports.overview import YEAR, TeamOverview, Trend, TrendPoint, status_for

UNIT_COLUMNS = (*COLUMNS, "eenheid")


def _day(text: str, now: datetime) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=now.tzinfo)


def _options(library: Any, item_id: str | None, stap: int | None) -> list[tuple[str, str]]:
    item = library.items.get(item_id) if item_id else None
    if item is None or not hasattr(item, "stemmingen"):
        return []
    for question in item.stemmingen():
        if question.stap == stap:
            return [(o.id, o.tekst.strip()) for o in question.opties]
    return []


def _title(library: Any, item_id: str | None) -> str:
    item = library.items.get(item_id) if item_id else None
    return item.titel.strip() if item is not None else (item_id or "")


def overview(
    sessions: list[dict[str, Any]],
    votes: list[dict[str, Any]],
    library: Any,
    now: datetime,
) -> list[TeamOverview]:
    """Per team of the unit, as :func:`gesprek.reports.overview.overview` gives it locally.
    One pass over the sessions and one over the counted questions."""
    by_team: dict[str, list[dict[str, Any]]] = defaultdict(list)
    held: dict[str, dict[str, Any]] = {}
    for row in sessions:
        if row["klaar"] == 0:
            continue
        by_team[row["team"].strip().casefold()].append(row)
        held[row["sessie"]] = row
    votes_by_team: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in votes:
        session = held.get(row["sessie"])
        if session is not None and row["item"]:
            votes_by_team[session["team"].strip().casefold()].append(row)
    result = []
    for key in sorted(by_team):
        rows = by_team[key]  # oldest first, as the server sorted them
        themas: list[str] = []
        kernwaarden: list[str] = []
        for row in rows:
            if now - _day(row["datum"], now) < YEAR:
                themas += [t for t in row["themas"] if t not in themas]
                kernwaarden += [k for k in row["kernwaarden"] if k not in kernwaarden]
        trends: dict[tuple[str, int | None], Trend] = {}
        for row in votes_by_team[key]:
            trend_key = (row["item"], row["stap"])
            if trend_key not in trends:
                trends[trend_key] = Trend(
                    row["item"],
                    _title(library, row["item"]),
                    row["stap"],
                    _options(library, row["item"], row["stap"]),
                )
            trends[trend_key].punten.append(
                TrendPoint(row["sessie"], held[row["sessie"]]["datum"], dict(row["stemmen"]))
            )
        last = rows[-1]
        result.append(
            TeamOverview(
                team=last["team"],
                sessies=len(rows),
                laatste=last["datum"],
                themas=themas,
                kernwaarden=kernwaarden,
                status=status_for(_day(last["datum"], now), now),
                trends=[t for t in trends.values() if len(t.punten) > 1],
            )
        )
    return result


def rows(
    sessions: list[dict[str, Any]], votes: list[dict[str, Any]], library: Any
) -> list[dict[str, Any]]:
    """One row per option of every counted question, as ``export --formaat csv`` writes
    it locally, with the session's UUID as ``sessie`` and the ``eenheid`` added."""
    by_id = {row["sessie"]: row for row in sessions}
    result = []
    for vote in votes:
        session = by_id.get(vote["sessie"])
        if session is None or not vote["item"]:
            continue
        counts = vote["stemmen"]
        options = _options(library, vote["item"], vote["stap"]) or [(o, "") for o in counts]
        title = _title(library, vote["item"])
        for option_id, text in options:
            result.append(
                {
                    "sessie": session["sessie"],
                    "datum": session["datum"],
                    "team": session["team"],
                    "programma": session["programma"] or "",
                    "item": vote["item"],
                    "type": vote["type"],
                    "titel": title,
                    "stap": vote["stap"] if vote["stap"] is not None else "",
                    "optie": option_id,
                    "optietekst": text,
                    "aantal": int(counts.get(option_id, 0)),
                    "eenheid": session["eenheid"],
                }
            )
    return result


def as_json(
    sessions: list[dict[str, Any]], votes: list[dict[str, Any]], library: Any
) -> list[dict[str, Any]]:
    """One object per session, like the local ``export --formaat json`` but with only what
    the server holds: no notes, agreements or times of day."""
    by_session: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for vote in votes:
        if vote["item"]:
            by_session[vote["sessie"]].append(vote)
    result = []
    for session in sessions:
        result.append(
            {
                "id": session["sessie"],
                "eenheid": session["eenheid"],
                "team": session["team"],
                "datum": session["datum"],
                "programma": session["programma"],
                "status": session["status"],
                "onderdelen_gepland": session["gepland"],
                "onderdelen_klaar": session["klaar"],
                "themas": list(session["themas"]),
                "kernwaarden": list(session["kernwaarden"]),
                "onderdelen": [
                    {
                        "item": vote["item"],
                        "type": vote["type"],
                        "titel": _title(library, vote["item"]),
                        "stap": vote["stap"],
                        "stemmen": {
                            o: int(vote["stemmen"].get(o, 0))
                            for o, _ in _options(library, vote["item"], vote["stap"])
                        }
                        or dict(vote["stemmen"]),
                    }
                    for vote in by_session[session["sessie"]]
                ],
            }
        )
    return result

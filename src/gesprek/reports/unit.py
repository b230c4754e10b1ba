"""``overzicht --server`` and ``export --server``: the whole unit, from the rows that
management's role reads on the server, in the same shapes as the local reports. Titles and
option texts come from the built-in content (the server keeps ids and counts only)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from gesprek.readmodel.held import team_key
from gesprek.reports.overview import (
    YEAR,
    SessionLine,
    TeamOverview,
    Trend,
    TrendPoint,
    status_for,
)
from gesprek.reports.rows import COLUMNS

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


def held_enough(row: dict[str, Any]) -> bool:
    """The rule of :func:`gesprek.reports.overview.counts_as_conversation`, on a server
    row: at least half of the planned parts discussed, however the session ended."""
    return row["klaar"] > 0 and 2 * row["klaar"] >= row["gepland"]


def of_team(rows: list[dict[str, Any]], team: str | None) -> list[dict[str, Any]]:
    """The rows of one team, matched as people type the label (``team_key``)."""
    if team is None:
        return rows
    wanted = team_key(team)
    return [row for row in rows if team_key(row["team"]) == wanted]


def overview(
    sessions: list[dict[str, Any]],
    votes: list[dict[str, Any]],
    library: Any,
    now: datetime,
    team: str | None = None,
) -> list[TeamOverview]:
    """Per team of the unit, as :func:`gesprek.reports.overview.overview` gives it locally
    (the same grouping and rules). One pass over the sessions, one over the questions."""
    by_team: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_id: dict[str, dict[str, Any]] = {}
    for row in of_team(sessions, team):  # oldest first, as the server sorted them
        by_team[team_key(row["team"])].append(row)
        by_id[row["sessie"]] = row
    votes_by_team: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in votes:
        session = by_id.get(row["sessie"])
        if session is not None and row["item"]:
            votes_by_team[team_key(session["team"])].append(row)
    result = []
    for key, rows in by_team.items():
        held_ones = [row for row in rows if held_enough(row)]
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
                TrendPoint(row["sessie"], by_id[row["sessie"]]["datum"], dict(row["stemmen"]))
            )
        result.append(
            TeamOverview(
                team=rows[-1]["team"].strip(),
                sessies=len(rows),
                laatste=rows[-1]["datum"],
                themas=themas,
                kernwaarden=kernwaarden,
                status=status_for(_day(held_ones[-1]["datum"], now) if held_ones else None, now),
                trends=[t for t in trends.values() if len(t.punten) > 1],
                gesprekken=[
                    SessionLine(
                        row["sessie"],
                        row["datum"],
                        "gehouden" if row["status"] == "afgerond" else "onderbroken",
                        row["klaar"],
                        row["gepland"],
                        held_enough(row),
                    )
                    for row in rows
                ],
                laatste_gesprek=held_ones[-1]["datum"] if held_ones else None,
            )
        )
    return sorted(result, key=lambda t: (team_key(t.team), t.team))


def rows(
    sessions: list[dict[str, Any]],
    votes: list[dict[str, Any]],
    library: Any,
    team: str | None = None,
) -> list[dict[str, Any]]:
    """One row per option of every counted question, as ``export --formaat csv`` writes
    it locally, with the session's UUID as ``sessie`` and the ``eenheid`` added. (A
    question below the phone threshold never reached the server.)"""
    by_id = {row["sessie"]: row for row in of_team(sessions, team)}
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
                    "verborgen": "",
                    "eenheid": session["eenheid"],
                }
            )
    return result


def as_json(
    sessions: list[dict[str, Any]],
    votes: list[dict[str, Any]],
    library: Any,
    team: str | None = None,
) -> list[dict[str, Any]]:
    """One object per session, like the local ``export --formaat json`` but with only what
    the server holds: no notes, agreements or times of day."""
    by_session: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for vote in votes:
        if vote["item"]:
            by_session[vote["sessie"]].append(vote)
    result = []
    for session in of_team(sessions, team):
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

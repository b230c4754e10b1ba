"""``gesprek overzicht``: per team, are the conversations held, and what do they yield?

Read through the read model: every team with something recorded appears (grouped as
people type the label), each session as gehouden or onderbroken with its parts
discussed, and the yearly status counts a session only when at least half of its planned
parts were discussed. Masked questions never enter a trend."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from gesprek.readmodel.held import HeldSession, load_sessions, team_key
from gesprek.store.records import Store

YEAR = timedelta(days=365)
SOON = timedelta(days=305)  # due within two months of the yearly deadline


@dataclass
class TrendPoint:
    sessie: int | str  # local id, or the UUID of a session on the unit's server
    datum: str
    stemmen: dict[str, int]


@dataclass
class Trend:
    item: str
    titel: str
    stap: int | None
    opties: list[tuple[str, str]]  # (id, text)
    punten: list[TrendPoint] = field(default_factory=list)


@dataclass
class SessionLine:
    """One session of a team as the overview shows it."""

    sessie: int | str  # local id, or the UUID of a session on the unit's server
    datum: str
    status: str  # gehouden (closed by the facilitator) or onderbroken
    besproken: int  # parts discussed (done, not skipped)
    onderdelen: int  # parts planned
    telt_mee: bool  # counts as the yearly conversation


@dataclass
class TeamOverview:
    team: str  # the most recent spelling of the label
    sessies: int
    laatste: str | None
    themas: list[str]
    kernwaarden: list[str]
    status: str  # op-tijd, binnenkort, te-laat
    trends: list[Trend] = field(default_factory=list)
    gesprekken: list[SessionLine] = field(default_factory=list)
    laatste_gesprek: str | None = None  # the last session that counts as a conversation

    def as_dict(self) -> dict[str, Any]:
        return {
            "team": self.team,
            "sessies": self.sessies,
            "laatste": self.laatste,
            "laatste_gesprek": self.laatste_gesprek,
            "themas_12_maanden": self.themas,
            "kernwaarden_12_maanden": self.kernwaarden,
            "status": self.status,
            "gesprekken": [
                {
                    "sessie": g.sessie,
                    "datum": g.datum,
                    "status": g.status,
                    "besproken": g.besproken,
                    "onderdelen": g.onderdelen,
                    "telt_mee": g.telt_mee,
                }
                for g in self.gesprekken
            ],
            "trends": [
                {
                    "item": t.item,
                    "titel": t.titel,
                    "stap": t.stap,
                    "opties": [{"id": o, "tekst": txt} for o, txt in t.opties],
                    "sessies": [
                        {"sessie": p.sessie, "datum": p.datum, "stemmen": p.stemmen}
                        for p in t.punten
                    ],
                }
                for t in self.trends
            ],
        }


def counts_as_conversation(held: HeldSession) -> bool:
    """A session counts as the yearly conversation when at least half of its planned
    parts were discussed (done, not skipped), however it ended."""
    return held.discussed > 0 and 2 * held.discussed >= len(held.parts)


def _parse(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.astimezone()


def status_for(last: datetime | None, now: datetime) -> str:
    """'te-laat' when the last conversation is a year or more ago (or there was none),
    'binnenkort' when it is due within two months, else 'op-tijd'."""
    if last is None or now - last >= YEAR:
        return "te-laat"
    if now - last >= SOON:
        return "binnenkort"
    return "op-tijd"


def overview(store: Store, now: datetime, team: str | None = None) -> list[TeamOverview]:
    """Per team (every team with something recorded), grouped as people type them (case,
    accents and spacing do not matter), in alphabetical order."""
    by_team: dict[str, list[HeldSession]] = defaultdict(list)
    for held in load_sessions(store, team):  # oldest first
        if held.has_entries:
            by_team[team_key(held.team)].append(held)
    result = [_team(sessions, now) for sessions in by_team.values()]
    return sorted(result, key=lambda t: (team_key(t.team), t.team))


def _team(sessions: list[HeldSession], now: datetime) -> TeamOverview:
    sessions = sorted(sessions, key=lambda h: (_parse(h.begonnen), h.id))
    held_ones = [h for h in sessions if counts_as_conversation(h)]
    last = _parse(held_ones[-1].begonnen) if held_ones else None
    themas: list[str] = []
    kernwaarden: list[str] = []
    trends: dict[tuple[str, int | None], Trend] = {}
    for held in sessions:
        recent = now - _parse(held.begonnen) < YEAR
        for part in held.parts:
            if recent and part.discussed:
                if part.thema and part.thema not in themas:
                    themas.append(part.thema)
                for value in part.kernwaarden:
                    if value not in kernwaarden:
                        kernwaarden.append(value)
            for question in part.questions:
                if question.stemmen is None:  # masked: never part of a trend
                    continue
                key = (part.item_id, question.stap)
                if key not in trends:
                    trends[key] = Trend(part.item_id, part.titel, question.stap, question.opties)
                trends[key].punten.append(TrendPoint(held.id, held.datum, dict(question.stemmen)))
    return TeamOverview(
        team=sessions[-1].team.strip(),
        sessies=len(sessions),
        laatste=sessions[-1].datum,
        themas=themas,
        kernwaarden=kernwaarden,
        status=status_for(last, now),
        trends=[t for t in trends.values() if len(t.punten) > 1],
        gesprekken=[
            SessionLine(
                held.id,
                held.datum,
                "gehouden" if held.beeindigd else "onderbroken",
                held.discussed,
                len(held.parts),
                counts_as_conversation(held),
            )
            for held in sessions
        ],
        laatste_gesprek=held_ones[-1].datum if held_ones else None,
    )

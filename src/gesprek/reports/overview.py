"""``gesprek overzicht``: per team, are the conversations held, and what do they yield?"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from gesprek.session.recording import questions_of
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
class TeamOverview:
    team: str
    sessies: int
    laatste: str | None
    themas: list[str]
    kernwaarden: list[str]
    status: str  # op-tijd, binnenkort, te-laat
    trends: list[Trend] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "team": self.team,
            "sessies": self.sessies,
            "laatste": self.laatste,
            "themas_12_maanden": self.themas,
            "kernwaarden_12_maanden": self.kernwaarden,
            "status": self.status,
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
    """Per team (sessions in which at least one part was done), newest facts first."""
    by_team: dict[str, list[Any]] = defaultdict(list)
    for record in store.sessions():
        if team is not None and record.team.casefold() != team.casefold():
            continue
        if record.klaar == 0:
            continue
        by_team[record.team].append(record)
    result = []
    for name in sorted(by_team, key=str.casefold):
        records = sorted(by_team[name], key=lambda r: (r.begonnen, r.id))
        last = _parse(records[-1].begonnen)
        themas: list[str] = []
        kernwaarden: list[str] = []
        trends: dict[tuple[str, int | None], Trend] = {}
        for record in records:
            recent = now - _parse(record.begonnen) < YEAR
            parts = store.parts(record.id)
            votes = store.votes(record.id)
            for part in parts:
                if part.status != "klaar":
                    continue
                snapshot = part.snapshot
                if recent:
                    if snapshot.get("thema") and snapshot["thema"] not in themas:
                        themas.append(snapshot["thema"])
                    for value in snapshot.get("kernwaarden", []):
                        if value not in kernwaarden:
                            kernwaarden.append(value)
            for (positie, stap), counts in votes.items():
                part = next(p for p in parts if p.positie == positie)
                key = (part.item_id, stap)
                if key not in trends:
                    question = questions_of(part.snapshot).get(stap)
                    options = [(o.id, o.tekst.strip()) for o in question.opties] if question else []
                    trends[key] = Trend(part.item_id, part.titel, stap, options)
                trends[key].punten.append(TrendPoint(record.id, record.begonnen[:10], dict(counts)))
        result.append(
            TeamOverview(
                team=name,
                sessies=len(records),
                laatste=records[-1].begonnen[:10],
                themas=themas,
                kernwaarden=kernwaarden,
                status=status_for(last, now),
                trends=[t for t in trends.values() if len(t.punten) > 1],
            )
        )
    return result

"""``gesprek resultaten``: one held session as DESIGN.md's ``resultaten --json`` object,
read through the read model (so masked questions have ``"stemmen": null`` and a
``"verborgen"`` field saying why)."""

from __future__ import annotations

from typing import Any

from gesprek.readmodel.held import HeldQuestion, HeldSession, load_session
from gesprek.store.records import Store


def results(store: Store, session_id: int, *, detail: bool = False) -> dict[str, Any]:
    """The ``resultaten --json`` object of one session. With ``detail``, each entry also
    carries ``_vraag`` and ``_opties`` (``(id, tekst, juist)`` per option), for display."""
    return session_results(load_session(store, session_id), detail=detail)


def session_results(held: HeldSession, *, detail: bool = False) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []
    for part in held.parts:
        questions: list[HeldQuestion | None] = list(part.questions)
        if not questions and (part.notes or part.agreements):
            questions = [None]  # notes without a vote: one entry with no counts
        for index, question in enumerate(questions):
            entry: dict[str, Any] = {
                "item": part.item_id,
                "type": part.type,
                "titel": part.titel,
                "stap": question.stap if question is not None else None,
                "stemmen": question.stemmen if question is not None else {},
            }
            if question is not None and question.verborgen is not None:
                entry["verborgen"] = question.verborgen
            entry["notities"] = list(part.notes) if index == 0 else []
            entry["afspraken"] = list(part.agreements) if index == 0 else []
            if detail:
                vraag = question.vraag if question is not None else None
                entry["_vraag"] = vraag.vraag if vraag is not None else None
                entry["_opties"] = (
                    [(o.id, o.tekst, o.id in vraag.juist) for o in vraag.opties]
                    if vraag is not None
                    else []
                )
            entries.append(entry)
    return {
        "id": held.id,
        "team": held.team,
        "begonnen": held.begonnen,
        "beeindigd": held.beeindigd,
        "programma": held.programma,
        "onderdelen": entries,
    }

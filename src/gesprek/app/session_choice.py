"""What a new session discusses and with whom: from the command line (``--kaart``,
``--thema``, ``--type``, ``--programma``, ``--team``, ``--duur``), or asked in the
terminal (``gesprek.ui.session_questions``), and fitted to the time available. Runs
before anything is recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gesprek.errors import UsageError
from gesprek.ui.session_questions import ask_minutes, ask_selection, ask_team, show_plan

if TYPE_CHECKING:
    from gesprek.app.session_start import SessionRequest


def given_selection(request: SessionRequest, lib: Any) -> Any:
    """The selection on the command line, checked (an unknown id is refused here), or
    None when there is none and it will be asked."""
    from gesprek.content.models import SESSION_TYPES
    from gesprek.content.selection import select

    if not request.selection_given:
        return None
    selection = select(
        lib,
        request.kaarten,
        request.themas,
        request.types,
        request.programma,
        allowed_types=SESSION_TYPES,
    )
    if selection.empty:
        raise UsageError("de selectie bevat geen gespreksitems")
    return selection


def choose(
    request: SessionRequest, lib: Any, given: Any, console: Any, confirm: Any = None
) -> tuple[list[Any], list[int], str | None, str, str]:
    """What to discuss and with whom: the selection ``given`` on the command line (see
    ``given_selection``), or asked interactively. A plan that ``--duur`` (or the time
    given interactively) changed, and every plan chosen interactively, is shown and
    waits for Enter before the first card."""
    from gesprek.session.plan import fit, with_rounds

    available = request.duur
    selection = given if given is not None else ask_selection(lib)
    if selection.empty:
        raise UsageError("de selectie bevat geen gespreksitems")
    team = (request.team or "").strip() or ask_team()
    items = list(selection.items)
    minutes = [selection.duur(item) for item in items]
    if given is None:
        if selection.programma is None:
            # A selection made here gets an opening and a closing round.
            items, minutes = with_rounds(lib, items, minutes)
        if available is None:
            available = ask_minutes(sum(minutes))
    plan = fit(items, minutes, available)
    only_rounds = len(items) > 2 and len(plan.items) <= 2
    if available is not None and (plan.total > available or only_rounds):
        left = (
            "alleen de opening en afsluiting" if only_rounds else f"minstens {plan.total} minuten"
        )
        raise UsageError(
            f"in {available} minuten past dit plan niet, ook niet ingekort (er blijft {left} over)",
            hint="Kies een grotere --duur of minder onderdelen.",
        )
    if plan.changes() or given is None:
        show_plan(console, plan, available, team)
        (confirm or console.input)("Enter = beginnen (Ctrl-C = afbreken): ")
    programma = selection.programma.id if selection.programma is not None else None
    return plan.items, plan.minutes, programma, selection.described, team

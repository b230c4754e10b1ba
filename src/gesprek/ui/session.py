"""The facilitator's terminal: one screen per phase, a prompt line, and the closing screen.

Driven by the session engine; reads one line at a time (``input_line``) so tests and the
pseudo-terminal drive it the same way. Every vote, note and agreement goes to the engine,
which hands it to the records store before the next screen is drawn. Keys reach the
session in one place (``TerminalSession.command``); with phones voting, the keys of a
vote are one more mode (``gesprek.ui.phone_mode``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from gesprek.content.kinds import kind_of, questions_of, room_texts, steps_of, texts_of_vote
from gesprek.content.text import plural
from gesprek.reports.initiatives import suggestions, themes_of
from gesprek.session.engine import Session, VoteError
from gesprek.ui.bars import results_table
from gesprek.ui.cards import card_of, clean, letter, notes_panel, revealed
from gesprek.ui.counts import looks_like_counts, parse_counts
from gesprek.ui.layout import PAGE_KEY, Card, Section, fit_card, roomy, rows_of
from gesprek.ui.phone_mode import PhoneMode
from gesprek.ui.phones import Phones
from gesprek.ui.prompt import ask
from gesprek.ui.reports import suggestions_view
from gesprek.visible import visible

HELP = "Enter=verder  t=terug  o=overslaan  n=notitie  a=afspraak  g=notities  s=stop"
HELP_RESULTS = HELP.replace("  s=stop", "  c=corrigeren  s=stop")
HELP_CLOSING = "Enter=afronden  a=afspraak  n=notitie  t=terug  s=stop (later verder)"


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def _status_forms(
    where: str, team: str, clocks: list[str], notices: list[tuple[str, str]], width: int
) -> list[str]:
    """The status line from long to short. ``notices`` are (long, short) texts; a long
    notice that does not fit on the line gets a line of its own; the shorter forms say
    "van" as "/", then leave out the team, then the words before the numbers."""

    def joined(fields: list[str], sep: str = " · ") -> str:
        return " " + sep.join(field for field in fields if field)

    fields = [where, team, *clocks]
    line = joined(fields, "  ·  ")
    if len(line) >= width:
        line = joined(fields)
    if len(line) >= width:
        line = joined(fields).replace(" van ", "/")
    for long, _short in notices:
        line += f"  · {long}" if len(line) + len(long) + 4 < width else f"\n {long}"
    shorts = [short for _long, short in notices]
    slashed = [field.replace(" van ", "/") for field in (where, *clocks)]
    bare = [field.rsplit(" ", 1)[-1] for field in slashed]  # "1/5", "0:05/10:00"
    return [
        line,
        joined([slashed[0], team, *slashed[1:], *shorts]),
        joined([*slashed, *shorts]),
        joined([*bare, *shorts]),
    ]


class TerminalSession:
    def __init__(
        self,
        session: Session,
        session_id: int,
        library: Any,
        console: Console,
        input_line: Callable[..., str],
        phones: Phones | None = None,
        team: str = "",
    ) -> None:
        self.session = session
        # With --live: the phone-voting mode, over the phones the application layer passed.
        self.live = PhoneMode(phones, console, input_line) if phones is not None else None
        self.session_id = session_id
        self.library = library
        self.console = console
        self.input_line = input_line
        self.team = team
        self.show_notes = False
        self.message: str | None = None
        self.page = 0
        self._where: tuple[int, int, bool] | None = None
        self._status_rows: int | None = None  # lines the last screen left for the status

    # -- drawing ---------------------------------------------------------------------------

    def status_text(self, rows: int | None = None) -> str:
        """The status bar under the prompt: part, team, clocks, running late, and with
        phones a hint when none has joined after a minute. Redrawn every second while the
        prompt waits, in at most ``rows`` lines (what the screen left for it when it was
        drawn): a notice that comes up meanwhile is said shorter rather than pushing the
        card off the top of the screen."""
        s = self.session
        width = self.console.size.width
        where = "Afsluiting" if s.finished else f"Onderdeel {s.index + 1} van {len(s.parts)}"
        team = visible(" ".join(self.team.split()))  # as everywhere: \x1b, not ^[
        team = team if len(team) <= 24 else team[:23] + "…"
        clocks = (
            []
            if s.finished
            else [f"dit onderdeel {clock_text(s.part_seconds())} van {s.part.minutes}:00"]
        )
        clocks.append(f"sessie {clock_text(s.total_seconds())} van {s.planned_seconds() // 60}:00")
        notices: list[tuple[str, str]] = []
        behind = s.behind_seconds()
        if behind >= 60:
            late = int(behind // 60)
            notices.append(
                (f"⚠ LOOPT UIT: {late} min achter op schema", f"⚠ LOOPT UIT: {late} min")
            )
        phones = self.live.notice() if self.live is not None else None
        if phones is not None:
            notices.append(phones)
        forms = _status_forms(where, team, clocks, notices, width)
        for text in forms:
            lines = text.split("\n")
            if (rows is None or len(lines) <= rows) and all(len(x) < width for x in lines):
                return text
        return forms[-1][: max(1, width - 1)]

    def _phase_card(self) -> Card:
        s = self.session
        part, phase = s.part, s.phase
        item = part.item
        spaced = roomy(self.console)
        if phase.reveals and phase.stemming is not None:
            card = self._results_card(item, phase, spaced)
        elif phase.vraag is not None:
            card = self._questions_card(item, phase.vraag)
        else:
            moment = phase.kind == "beslismoment"
            card = card_of(item, step=phase.stap, moment=moment, spaced=spaced)
        card.keep_pinned = phase.votes_open
        if self.show_notes:
            notes = notes_panel(item, self.library, part.minutes, answers=self._answered())
            card.add(Group(Text(""), notes), soft=True)
        return card

    def _answered(self) -> bool:
        """True when no vote of this part is still to come or open: only then may the
        facilitator notes show the norm and the correct answer."""
        part = self.session.part
        votes = [i for i, p in enumerate(part.phases) if p.votes_open]
        return not votes or part.fase > max(votes)

    def _footer(self, help_text: str) -> list[RenderableType]:
        footer: list[RenderableType] = []
        if self.live is not None:
            footer.append(self.live.status(self.session))
        footer.append(Text(help_text, style="dim"))
        if self.message:
            footer.append(Text(self.message, style="bold"))
        return footer

    def _fit(self, card: Card, footer: list[RenderableType], prompt: str) -> RenderableType:
        """The card fitted to what is left of the screen after the footer, the prompt line
        and the status bar."""
        width, height = self.console.size
        prompt_rows = max(1, -(-(len(prompt) + 1) // max(1, width)))
        toolbar_rows = self.status_text().count("\n") + 1  # the status line above the prompt
        self._status_rows = toolbar_rows  # what it may use while the prompt waits
        max_rows = height - rows_of(self.console, footer) - prompt_rows - toolbar_rows
        fitted = fit_card(self.console, card, max_rows, self.page)
        self.page = fitted.page
        if not roomy(self.console):
            return fitted.renderable
        # On a big screen the card stands a little lower, nearer the middle of the room's view.
        spare = max_rows - rows_of(self.console, [fitted.renderable])
        return Group(*([Text("")] * min(4, spare // 3)), fitted.renderable)

    def _show(self, card: Card, help_text: str, prompt: str) -> None:
        footer = self._footer(help_text)
        screen = self._fit(card, footer, prompt)
        self.console.clear()
        self.console.print(screen)
        for line in footer:
            self.console.print(line)
        self.message = None

    def _results_card(self, item: Any, phase: Any, spaced: bool) -> Card:
        """After a vote: the question, the counts as bars, and what is revealed now
        (the correct answer and explanation, or what actually happened)."""
        vote = phase.stemming
        counts = self.session.current_counts()
        title = "Uitslag"
        if phase.stap:
            title += f" — stap {phase.stap} van {len(steps_of(item))}"
        hidden = self.live.hidden_note(self.session) if self.live is not None else None
        if counts:
            card = Card(title, heading=clean(item.titel))
            card.add(Text(clean(vote.vraag), style="bold"), Text(""), pinned=True)
            if hidden:
                card.add(Text(hidden, style="italic"), pinned=True)
            else:
                card.add(
                    results_table(
                        vote.opties,
                        counts,
                        vote.juist,
                        bar_width=24 if spaced else 10,
                        spaced=spaced,
                    ),
                    pinned=True,
                )
            revealed(card, *texts_of_vote(item, phase.stap))
            return card
        # Not voted: the situation and the options stay on the card.
        card = card_of(item, step=phase.stap, reveal=True, moment=True, spaced=spaced)
        card.title = title
        card.sections.insert(
            0, _pinned(Text("Er is niet gestemd over deze vraag.", style="italic"), Text(""))
        )
        return card

    def _questions_card(self, item: Any, current: int) -> Card:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        questions = questions_of(item)
        for index, question in enumerate(questions):
            marker = "▶" if index == current else " "
            style = "bold" if index == current else "dim"
            grid.add_row(
                Text(f"{marker} {index + 1}.", style=style), Text(clean(question), style=style)
            )
        kind = kind_of(item)
        card = Card(
            kind.name,
            heading=clean(item.titel),
            subtitle=f"vraag {current + 1} van {len(questions)}",
        )
        for text, value in room_texts(kind.texts, item):
            if text.field != kind.questions:  # the rule above the questions
                card.add(Text(clean(value), style="bold"), Text(""))
        card.add(grid)
        return card

    def _help(self) -> str:
        phase = self.session.phase
        counted = phase.reveals and self.session.current_counts()
        return HELP_RESULTS if counted else HELP

    def draw(self) -> None:
        if self.live is not None:
            self.live.follow(self.session)
        s = self.session
        where = (s.index, s.part.fase, s.finished)
        if where != self._where:
            # Facilitator notes are off and the first page shows at every new part and phase.
            self.show_notes = False
            self.page = 0
            self._where = where
        self._show(self._phase_card(), self._help(), self.prompt())

    def screen(self) -> RenderableType:
        """The current screen as one renderable (fitted to the console)."""
        footer = self._footer(self._help())
        return self._fit(self._phase_card(), footer, self.prompt())

    # -- the loop ---------------------------------------------------------------------------

    def prompt(self) -> str:
        phase = self.session.phase
        live_prompt = self.live.prompt(self.session) if self.live is not None else None
        if live_prompt:
            return live_prompt
        if phase.votes_open and phase.stemming is not None:
            n = len(phase.stemming.opties)
            letters = " ".join(letter(i) for i in range(n))
            example = " ".join(str(k) for k in range(n, 0, -1))
            return f"Stemmen {letters} (aantallen, bijv. {example}; Enter = niet stemmen): "
        return "Enter = verder, of een letter: "

    def ask(self, message: str) -> str:
        return ask(self.input_line, message, lambda: self.status_text(self._status_rows))

    def run(self) -> bool:
        """Run until the facilitator ends or stops. True when the session was completed."""
        s = self.session
        while not s.finished:
            self.draw()
            line = self.ask(self.prompt()).strip()
            if self.command(line):
                return False
        return self.closing()

    def command(self, line: str) -> bool:
        """Handle one line; True means stop (pause) the session. The one place where keys
        reach the session, in this order: ``s`` stops, always; then, with phones voting,
        the phone-voting mode takes what is its own (``q`` anywhere; at a question ``v``,
        ``u``, ``+ 2 1 0``, counts and Enter while the vote is open); every other key is
        the session's (``session_key``)."""
        if line.lower() in ("s", "stop", "stoppen"):
            self.session.pause()
            return True
        handled = self.live.command(self.session, line) if self.live is not None else None
        if handled is not None:
            self.message = handled or None
        else:
            self.session_key(line)
        return False

    def session_key(self, line: str) -> None:
        """The session's own keys: paging, moving, notes, correcting, and hand counts."""
        s = self.session
        phase = s.phase
        word = line.lower()
        if word == PAGE_KEY:
            self.page += 1
        elif word in ("t", "terug"):
            s.back()
        elif word in ("o", "overslaan"):
            s.skip()
        elif word in ("g", "gespreksleider"):
            self.show_notes = not self.show_notes
        elif word in ("n", "notitie"):
            self.ask_note("notitie")
        elif word in ("a", "afspraak"):
            self.ask_note("afspraak")
        elif word in ("c", "corrigeer", "corrigeren") and phase.reveals:
            self.ask_correction()
        elif phase.votes_open and phase.stemming is not None and line:
            try:
                s.vote(parse_counts(line, len(phase.stemming.opties)))
            except VoteError as exc:
                self.message = f"Niet begrepen: {exc}."
        elif word in ("", "v", "verder"):
            s.next()
        elif phase.reveals and phase.stemming is not None and looks_like_counts(line):
            self.message = "Om de stemming te corrigeren: typ eerst c, dan de aantallen."
        else:
            self.message = f"Onbekende opdracht '{line}'."

    def ask_note(self, soort: str) -> None:
        label = "Notitie" if soort == "notitie" else "Afspraak"
        text = self.ask(f"{label} (Enter = annuleren): ").strip()
        if text:
            self.session.note(text, soort)
            self.message = f"{label} bewaard."

    def ask_correction(self) -> None:
        """New counts for the vote whose results are on screen: stored as the counts, with
        the corrected ones kept in the records."""
        s = self.session
        vote = s.phase.stemming
        if vote is None or not s.current_counts():
            self.message = "Er is hier geen stemming om te corrigeren."
            return
        n = len(vote.opties)
        letters = " ".join(letter(i) for i in range(n))
        while True:
            line = self.ask(f"Nieuwe aantallen {letters} (Enter = annuleren): ").strip()
            if not line:
                self.message = "Niet gecorrigeerd."
                return
            try:
                s.correct(parse_counts(line, n))
            except VoteError as exc:
                self.console.print(Text(f"Niet begrepen: {exc}.", style="bold"))
                continue
            self.message = (
                "Gecorrigeerd: de nieuwe aantallen tellen, de eerdere blijven in het verslag."
            )
            return

    # -- the end ----------------------------------------------------------------------------

    def closing_card(self) -> Card:
        s = self.session
        done = sum(1 for p in s.parts if p.status == "klaar")
        skipped = sum(1 for p in s.parts if p.status == "overgeslagen")
        card = Card("Afsluiting")
        card.add(
            Text(
                f"{plural(done, 'onderdeel', 'onderdelen')} besproken, {skipped} overgeslagen, "
                f"in {clock_text(s.total_seconds())} (gepland {s.planned_seconds() // 60}:00)."
            ),
            Text(""),
            Text("Afspraken", style="bold underline"),
        )
        agreements = [t for _, soort, t in s.notes if soort == "afspraak"]
        if agreements:
            card.add(*(Text(f"• {text}") for text in agreements))
        else:
            card.add(Text("Nog geen afspraken. Typ a om er een vast te leggen.", style="italic"))
        card.add(Text(""), Text("Waar kun je terecht?", style="bold underline"))
        card.add(self.loketten_table())
        tips = self.tips()
        if tips:
            card.add(Text(""), suggestions_view(tips, commands=False))
        return card

    def tips(self) -> list[Any]:
        """Initiatives that fit the themes discussed."""
        done = [p.item for p in self.session.parts if p.status == "klaar"]
        return suggestions(self.library, themes_of(done))

    def after_hints(self) -> list[str]:
        """The commands for the facilitator, printed below the final screen after the
        session: never on the projected screen."""
        n = self.session_id
        lines = [f"Resultaten terugzien: gesprek resultaten {n}  (als JSON: --json)"]
        lines += [
            f'Initiatief bekijken: gesprek initiatieven --zoek "{tip.titel.strip()}"'
            for tip in self.tips()
        ]
        return lines

    def closing_screen(self) -> RenderableType:
        footer = self._footer(HELP_CLOSING)
        return self._fit(self.closing_card(), footer, CLOSING_PROMPT)

    def loketten_table(self) -> RenderableType:
        """Where to go for help: name and description side by side on a big screen, the
        description after the name on a narrow one (so neither column is squeezed)."""
        from gesprek.content.desks import help_desks

        wide = roomy(self.console)
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=wide)
        if wide:
            table.add_column(ratio=1)
        for desk in help_desks((p.item for p in self.session.parts), self.library):
            name = desk.naam
            about = clean(desk.omschrijving)
            if wide:
                table.add_row(name, about)
            else:
                table.add_row(Text.assemble((name, "bold"), (f": {about}" if about else "", "")))
        return table

    def closing(self) -> bool:
        s = self.session
        if self._where != (-1, -1, True):
            self.page = 0
            self._where = (-1, -1, True)
        while True:
            if self.live is not None:
                self.live.follow(s)
            self._show(self.closing_card(), HELP_CLOSING, CLOSING_PROMPT)
            word = self.ask(CLOSING_PROMPT).strip().lower()
            if word in ("a", "afspraak"):
                self.ask_note("afspraak")
            elif word in ("n", "notitie"):
                self.ask_note("notitie")
            elif word == PAGE_KEY:
                self.page += 1
            elif word in ("t", "terug"):
                s.back()
                return self.run()
            elif word in ("s", "stop", "stoppen"):
                s.pause()
                return False
            elif word == "":
                s.close()
                return True
            else:
                self.message = f"Onbekende opdracht '{word}'."


CLOSING_PROMPT = "Enter = afronden: "


def _pinned(*renderables: RenderableType) -> Section:
    return Section(Group(*renderables), pinned=True)

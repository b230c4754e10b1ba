"""What goes on the slides: the deck planned as a list of slide specs before anything is
rendered. It holds the specs (``TextSlide``, ``ChartSlide``, ``TitleSlide``) and the
``Plan``; the slides of each item by its type (``item_slides``) with the facilitator's
notes and, for a held session, a results chart after every voted question; the agenda,
the notes-and-agreements slide and the closing slide "Waar kun je terecht?"; and the plans
of a selection of content (``plan_selection``) and of a held session (``plan_session``).
No python-pptx here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gesprek.content.desks import help_desks
from gesprek.content.models import TYPE_NAMES
from gesprek.export.common import (
    HeldSession,
    dutch_date,
    letter,
    minutes_text,
    one_line,
    short,
    text_lines,
)
from gesprek.export.deck.fitting import BODY_SIZES, Block


@dataclass
class TextSlide:
    title: str
    blocks: list[Block]
    notes: str = ""
    sizes: tuple[int, ...] = BODY_SIZES


@dataclass
class ChartSlide:
    title: str
    question: str
    labels: list[str]
    values: list[int]
    notes: str = ""


@dataclass
class TitleSlide:
    title: str
    subtitle: list[str]
    notes: str = ""


Spec = TextSlide | ChartSlide | TitleSlide


@dataclass
class Plan:
    """A deck before rendering: the specs of its slides, in order."""

    slides: list[Spec] = field(default_factory=list)


def _text_blocks(text: str | None, kind: str = "text", bold: bool = False) -> list[Block]:
    """A content text as blocks: paragraphs, following lines and list items."""
    blocks = []
    for line, bullet, starts in text_lines(text):
        if bullet:
            blocks.append(Block(line, "bullet", "•", bold=bold))
        else:
            blocks.append(Block(line, kind if starts else "line", bold=bold))
    return blocks


def _options(
    opties: Sequence[Any], correct: Sequence[str] = (), reveal: bool = False
) -> list[Block]:
    blocks = []
    for index, option in enumerate(opties):
        text = one_line(option.tekst)
        right = reveal and option.id in correct
        if right:
            text += "  ✓ juist"
        blocks.append(Block(text, "option", letter(index), bold=right, keep=True))
    if blocks:
        blocks[-1].keep = False
    return blocks


def _question(
    vraag: str, opties: Sequence[Any], correct: Sequence[str] = (), reveal: bool = False
) -> list[Block]:
    question = Block(one_line(vraag), "question", keep=bool(opties))
    return [question, *_options(opties, correct, reveal)]


def _item_notes(item: Any, minutes: int, library: Any, extra: Iterable[str] = ()) -> str:
    """Facilitator notes: planned time, doorvragen, norm, loketten, beroepscode."""
    out = [f"{TYPE_NAMES.get(item.type, item.type)} · geplande tijd: {minutes_text(minutes)}"]
    out.extend(extra)
    if item.doorvragen:
        out.append("Doorvragen:")
        out.extend(f"• {one_line(q)}" for q in item.doorvragen)
    if item.norm:
        out.append(f"Norm: {one_line(item.norm)}")
    if item.loketten:
        out.append("Loketten: " + ", ".join(library.naam("loketten", x) for x in item.loketten))
    if item.beroepscode:
        titles = [
            one_line(library.items[b].titel) if b in library.items else b for b in item.beroepscode
        ]
        out.append("Beroepscode: " + "; ".join(titles))
    return "\n".join(out)


def _counts_note(opties: Sequence[tuple[str, str]], counts: dict[str, int]) -> str:
    total = sum(counts.values())
    parts = [
        f"{letter(i)} ({short(text, 40)}): {counts.get(oid, 0)}"
        for i, (oid, text) in enumerate(opties)
    ]
    return "Uitslag: " + "; ".join(parts) + f". Totaal: {total}."


def _chart(
    title: str, question: str, opties: Sequence[tuple[str, str]], counts: dict[str, int], notes: str
) -> ChartSlide:
    labels = [f"{letter(i)}  {short(text, 30)}" for i, (_, text) in enumerate(opties)]
    values = [int(counts.get(oid, 0)) for oid, _ in opties]
    note = _counts_note(opties, counts) + ("\n" + notes if notes else "")
    return ChartSlide(title, one_line(question), labels, values, note)


def item_slides(
    item: Any,
    minutes: int,
    library: Any,
    votes: dict[int | None, dict[str, int]] | None = None,
    hidden: dict[int | None, str] | None = None,
) -> list[Spec]:
    """The slides of one item, by its type; with ``votes`` (a held session), a results
    chart after every question that was voted on; a question in ``hidden`` (masked: too
    few phone votes) gets no chart, only the text that says why."""
    votes = votes or {}
    hidden = hidden or {}
    title = one_line(item.titel)
    kind = item.type
    notes = _item_notes(item, minutes, library)
    slides: list[Spec] = []

    def results(stap: int | None, vraag: str, opties: Sequence[Any], heading: str) -> None:
        if stap in hidden:
            shown = f"Uitslag niet getoond: {hidden[stap]} via telefoon."
            slides.append(TextSlide(heading, [Block(one_line(vraag)), Block(shown)], notes))
            return
        counts = votes.get(stap)
        if counts is not None:
            pairs = [(o.id, o.tekst) for o in opties]
            slides.append(_chart(heading, vraag, pairs, counts, notes))

    if kind == "dilemma":
        blocks = _text_blocks(item.situatie) + _question(item.vraag, item.opties)
        slides.append(TextSlide(title, blocks, notes))
        results(None, item.vraag, item.opties, f"Uitslag: {title}")
    elif kind == "kennisvraag":
        correct = [o.id for o in item.opties if o.juist]
        right = ", ".join(
            f"{letter(i)} ({short(o.tekst, 60)})" for i, o in enumerate(item.opties) if o.juist
        )
        notes = _item_notes(item, minutes, library, [f"Juist: {right}"])
        blocks = _text_blocks(item.situatie) + _question(item.vraag, item.opties)
        slides.append(TextSlide(title, blocks, notes))
        results(None, item.vraag, item.opties, f"Uitslag: {title}")
        answer = _question(item.vraag, item.opties, correct, reveal=True)
        answer += [Block("Uitleg", "heading", keep=True), *_text_blocks(item.uitleg)]
        slides.append(TextSlide(f"Antwoord: {title}", answer, notes))
    elif kind == "stelling":
        blocks = [Block(one_line(item.stelling), "statement", keep=True), *_options(item.opties)]
        slides.append(TextSlide(title, blocks, notes))
        results(None, item.stelling, item.opties, f"Uitslag: {title}")
    elif kind == "beroepscode":
        blocks = _text_blocks(item.regel, "text", bold=False)
        blocks.append(Block("Om over te praten", "heading", keep=True))
        blocks += [Block(one_line(q), "bullet", "•") for q in item.vragen]
        slides.append(TextSlide(title, blocks, notes))
    elif kind == "ronde":
        blocks = [Block(one_line(q), "number", f"{n}.") for n, q in enumerate(item.vragen, 1)]
        slides.append(TextSlide(title, blocks, notes))
    elif kind == "casus":
        slides.append(TextSlide(title, _text_blocks(item.inleiding), notes))
        total = len(item.stappen)
        for number, stap in enumerate(item.stappen, start=1):
            step_title = f"Stap {number} van {total}: {one_line(stap.titel)}"
            blocks = _text_blocks(stap.verhaal)
            if stap.vragen:
                blocks.append(Block("Om over te praten", "heading", keep=True))
                blocks += [Block(one_line(q), "bullet", "•") for q in stap.vragen]
            slides.append(TextSlide(step_title, blocks, notes))
            moment = stap.beslismoment
            if moment is None:
                continue
            extra = [f"Wat er gebeurde: {one_line(moment.uitkomst)}"] if moment.uitkomst else []
            moment_notes = _item_notes(item, minutes, library, extra)
            blocks = _question(moment.vraag, moment.opties)
            if moment.kader:
                blocks += [Block("Kader", "heading", keep=True), *_text_blocks(moment.kader)]
            slides.append(TextSlide(f"Beslismoment: {one_line(stap.titel)}", blocks, moment_notes))
            results(number, moment.vraag, moment.opties, f"Uitslag: {one_line(stap.titel)}")
            if moment.uitkomst:
                slides.append(
                    TextSlide(
                        f"Wat er gebeurde: {one_line(stap.titel)}",
                        _text_blocks(moment.uitkomst),
                        moment_notes,
                    )
                )
    return slides


def _agenda(rows: Sequence[tuple[str, str, int]], total: int) -> TextSlide:
    blocks = [
        Block(f"{titel} ({kind})", "agenda", f"{minutes} min") for titel, kind, minutes in rows
    ]
    blocks.append(Block(f"Totaal: {minutes_text(total)}", "heading"))
    return TextSlide("Agenda", blocks, f"{len(rows)} onderdelen, samen {minutes_text(total)}.")


def _closing(items: Iterable[Any], library: Any) -> TextSlide:
    desks = help_desks(items, library)
    blocks = [
        Block(d.omschrijving, "lead", f"{d.naam}:") if d.omschrijving else Block("", "lead", d.naam)
        for d in desks
    ]
    notes = "Loketten bij de items van vandaag: " + ", ".join(d.naam for d in desks)
    return TextSlide("Waar kun je terecht?", blocks, notes)


def plan_selection(selection: Any, library: Any, today: date | None = None) -> Plan:
    """The slides for a selection of content (a programme, or cards, themes, types)."""
    today = today or date.today()
    plan = Plan()
    programme = selection.programma
    if programme is not None:
        plan.slides.append(
            TitleSlide(
                one_line(programme.titel),
                [f"Programma van {minutes_text(programme.duur)}", dutch_date(today)],
                one_line(programme.beschrijving),
            )
        )
        rows = [
            (one_line(i.titel), TYPE_NAMES.get(i.type, i.type), selection.duur(i))
            for i in selection.items
        ]
        plan.slides.append(_agenda(rows, sum(r[2] for r in rows)))
    else:
        described = selection.described
        plan.slides.append(
            TitleSlide(
                "Het goede gesprek",
                [described[:1].upper() + described[1:], dutch_date(today)],
                f"{len(selection.items)} items: {described}.",
            )
        )
    for item in selection.items:
        plan.slides.extend(item_slides(item, selection.duur(item), library))
    plan.slides.append(_closing(selection.items, library))
    return plan


def plan_session(held: HeldSession, library: Any) -> Plan:
    """The slides of a held session: its items, with results after each voted question,
    the notes and agreements, and where to go for help."""
    plan = Plan()
    programme = library.items.get(held.programma) if held.programma else None
    if programme is not None and programme.type == "programma":
        title = one_line(programme.titel)
    elif held.omschrijving and held.omschrijving != "alle inhoud":
        title = held.omschrijving[:1].upper() + held.omschrijving[1:]
    else:
        title = f"Sessie {held.id}"
    when = dutch_date(held.begonnen)
    plan.slides.append(
        TitleSlide(
            title,
            [f"{held.team} · {when}", f"Sessie {held.id}, de uitslagen en afspraken"],
            f"Sessie {held.id} van {held.team}, begonnen {when}"
            + ("" if held.beeindigd else " (niet afgerond)")
            + ".",
        )
    )
    if held.programma:
        rows = [(one_line(p.titel), TYPE_NAMES.get(p.type, p.type), p.minutes) for p in held.parts]
        plan.slides.append(_agenda(rows, sum(r[2] for r in rows)))
    for part in held.parts:
        if part.item is not None:
            plan.slides.extend(
                item_slides(part.item, part.minutes, library, part.votes, part.hidden)
            )
            continue
        # A snapshot in an older content format: the title and the stored counts.
        message = "De tekst van dit onderdeel is opgeslagen in een oudere vorm en kan hier niet worden getoond."
        plan.slides.append(TextSlide(one_line(part.titel), [Block(message)]))
        for question in part.questions:
            stap = question.stap
            heading = f"Uitslag: {one_line(part.titel)}" + (f", stap {stap}" if stap else "")
            if question.stemmen is None:
                shown = f"Uitslag niet getoond: {question.verborgen} via telefoon."
                plan.slides.append(TextSlide(heading, [Block(shown)]))
                continue
            pairs = [(oid, oid) for oid in question.stemmen]
            plan.slides.append(_chart(heading, "", pairs, question.stemmen, ""))
    plan.slides.append(_notes_slide(held))
    plan.slides.append(_closing([p.item for p in held.parts if p.item is not None], library))
    return plan


def _notes_slide(held: HeldSession) -> TextSlide:
    agreements = [("Algemeen", t) for t in held.general_agreements]
    notes = [("Algemeen", t) for t in held.general_notes]
    for part in held.parts:
        agreements += [(one_line(part.titel), t) for t in part.agreements]
        notes += [(one_line(part.titel), t) for t in part.notes]
    blocks: list[Block] = []
    for heading, entries in (("Afspraken", agreements), ("Notities", notes)):
        if entries:
            blocks.append(Block(heading, "heading", keep=True))
            blocks += [Block(one_line(t), "lead", f"{short(where, 45)}:") for where, t in entries]
    if not blocks:
        blocks = [Block("In deze sessie zijn geen notities of afspraken vastgelegd.")]
    summary = f"{len(agreements)} afspraken en {len(notes)} notities uit sessie {held.id}."
    return TextSlide("Notities en afspraken", blocks, summary)

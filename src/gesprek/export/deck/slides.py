"""What goes on the slides: the deck planned as a list of slide specs before anything is
rendered. It holds the specs (``TextSlide``, ``ChartSlide``, ``TitleSlide``) and the
``Plan``; the slides of each item from its type's texts (``item_slides``) with the facilitator's
notes and, for a held session, a results chart after every voted question; the agenda,
the notes-and-agreements slide and the closing slide "Waar kun je terecht?"; and the plans
of a selection of content (``plan_selection``) and of a held session (``plan_session``).
No python-pptx here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import count
from typing import Any

from gesprek.content import kinds
from gesprek.content.desks import help_desks
from gesprek.content.models import TYPE_NAMES, Stemming
from gesprek.content.text import plural
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
    item: int = 0  # the slides of one item share a number (0: no item), and a body size


@dataclass
class ChartSlide:
    """A results slide: the question, a bar per option labelled with its letter (the
    category) and count, and the full text of every option in a list beside the chart."""

    title: str
    question: str
    labels: list[str]  # the option letters
    values: list[int]
    notes: str = ""
    options: list[str] = field(default_factory=list)  # the full option texts


@dataclass
class TitleSlide:
    title: str
    subtitle: list[str]
    notes: str = ""


Spec = TextSlide | ChartSlide | TitleSlide


@dataclass
class Plan:
    """A deck before rendering: the specs of its slides, in order, and what the file's
    properties say about it (title and subject)."""

    slides: list[Spec] = field(default_factory=list)
    title: str = "Het goede gesprek"
    subject: str = ""


def _text_blocks(text: str | None, kind: str = "text", bold: bool = False) -> list[Block]:
    """A content text as blocks: paragraphs, following lines and list items."""
    blocks: list[Block] = []
    for line, bullet, starts in text_lines(text):
        if bullet:
            if blocks and blocks[-1].kind != "bullet" and blocks[-1].text.endswith(":"):
                blocks[-1].keep = True  # a lead-in stays on the slide of its list
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
    """Facilitator notes: planned time, ``extra`` (the answer), and the facilitator's texts
    (doorvragen, norm, loketten, beroepscode)."""
    out = [f"{TYPE_NAMES.get(item.type, item.type)} · geplande tijd: {minutes_text(minutes)}"]
    out.extend(extra)
    for text, values in kinds.facilitator_texts(item, library):
        if text.role == "bullets":
            out.append(f"{text.label}:")
            out.extend(f"• {one_line(v)}" for v in values)
        else:
            joined = text.separator.join(one_line(v) for v in values)
            out.append(f"{text.label}: {joined}")
    return "\n".join(out)


def _counts_note(opties: Sequence[tuple[str, str]], counts: dict[str, int]) -> str:
    total = sum(counts.values())
    parts = [
        f"{letter(i)} ({one_line(text)}): {counts.get(oid, 0)}"
        for i, (oid, text) in enumerate(opties)
    ]
    return "Uitslag: " + "; ".join(parts) + f". Totaal: {total}."


def _chart(
    title: str, question: str, opties: Sequence[tuple[str, str]], counts: dict[str, int], notes: str
) -> ChartSlide:
    labels = [letter(i) for i in range(len(opties))]
    values = [int(counts.get(oid, 0)) for oid, _ in opties]
    note = f"Vraag: {one_line(question)}\n" if question else ""
    note += _counts_note(opties, counts) + ("\n" + notes if notes else "")
    texts = [one_line(text) for _, text in opties]
    return ChartSlide(title, one_line(question), labels, values, note, texts)


def _room_blocks(texts: Sequence[kinds.Text], obj: Any, vote: Stemming | None) -> list[Block]:
    """The room's texts of ``obj`` (an item, a casus step or a beslismoment) as the blocks
    of one slide, in order; a labelled reference text (a beslismoment's kader) goes under
    the question."""
    blocks: list[Block] = []
    below: list[Block] = []
    for text, value in kinds.room_texts(texts, obj):
        role = text.role
        if role == "question":
            blocks += _question(value, vote.opties if vote is not None else [])
        elif role == "statement":
            options = _options(vote.opties) if vote is not None else []
            blocks += [Block(one_line(value), "statement", keep=True), *options]
        elif role == "bullets":
            if text.label:
                blocks.append(Block(text.label, "heading", keep=True))
            blocks += [Block(one_line(q), "bullet", "•") for q in value]
        elif role == "numbered":
            blocks += [Block(one_line(q), "number", f"{n}.") for n, q in enumerate(value, 1)]
        elif role == "title":
            continue  # in the slide's title
        elif text.label:
            below += [Block(text.label, "heading", keep=True), *_text_blocks(value)]
        else:
            blocks += _text_blocks(value)
    return blocks + below


def item_slides(
    item: Any,
    minutes: int,
    library: Any,
    votes: dict[int | None, dict[str, int]] | None = None,
    hidden: dict[int | None, str] | None = None,
) -> list[Spec]:
    """The slides of one item, drawn from its type's texts (``gesprek.content.kinds``);
    with ``votes`` (a held session), a results chart after every question that was voted
    on; a question in ``hidden`` (masked: too few phone votes) gets no chart, only the text
    that says why. What is shown only after a vote gets slides of its own after the
    results."""
    votes = votes or {}
    hidden = hidden or {}
    kind = kinds.kind_of(item)
    title = one_line(item.titel)
    notes = _item_notes(item, minutes, library)
    slides: list[Spec] = []

    def results(
        stap: int | None, vraag: str, opties: Sequence[Any], heading: str, notes: str
    ) -> None:
        if stap in hidden:
            shown = f"Uitslag niet getoond: {hidden[stap]} via telefoon."
            slides.append(TextSlide(heading, [Block(one_line(vraag)), Block(shown)], notes))
            return
        counts = votes.get(stap)
        if counts is not None:
            pairs = [(o.id, o.tekst) for o in opties]
            slides.append(_chart(heading, vraag, pairs, counts, notes))

    def vote_slides(texts: Sequence[kinds.Text], obj: Any, stap: int | None, name: str) -> None:
        """The slide of a question (or of texts without one), its results, and what is
        shown after the vote; the speaker notes say the answer and the after-vote texts."""
        vote = kinds.vote_of(item, stap)
        after = [
            (t, t.value(obj)) for t in texts if t.audience == kinds.AFTER_VOTE and t.value(obj)
        ]
        extra = [f"{t.label}: {one_line(v)}" for t, v in after]
        if vote is not None and vote.juist:
            right = ", ".join(
                f"{letter(i)} ({short(o.tekst, 60)})"
                for i, o in enumerate(vote.opties)
                if o.id in vote.juist
            )
            extra.insert(0, f"{kinds.ANSWERS.label}: {right}")
        here = _item_notes(item, minutes, library, extra) if extra else notes
        asked = next((t for t in texts if t.role == "question" and t.value(obj)), None)
        heading = f"{asked.label}: {name}" if asked is not None and asked.label else name
        slides.append(TextSlide(heading, _room_blocks(texts, obj, vote), here))
        if vote is None:
            return
        results(stap, vote.vraag, vote.opties, f"Uitslag: {name}", here)
        if vote.juist:
            answer = _question(vote.vraag, vote.opties, vote.juist, reveal=True)
            for text, value in after:
                answer += [Block(text.label or "", "heading", keep=True), *_text_blocks(value)]
            slides.append(TextSlide(f"Antwoord: {name}", answer, here))
            return
        for text, value in after:
            slides.append(TextSlide(f"{text.label}: {name}", _text_blocks(value), here))

    if kind.flow == "steps":
        slides.append(TextSlide(title, _room_blocks(kind.texts, item, None), notes))
        steps = kinds.steps_of(item)
        for number, stap in enumerate(steps, start=1):
            name = one_line(next(t.value(stap) for t in kind.step if t.role == "title"))
            blocks = _room_blocks(kind.step, stap, None)
            slides.append(TextSlide(f"Stap {number} van {len(steps)}: {name}", blocks, notes))
            moment = kinds.moment_of(item, stap)
            if moment is not None:
                vote_slides(kind.moment_texts, moment, number, name)
    else:
        vote_slides(kind.texts, item, None, title)
    number = next(_ITEMS)
    for spec in slides:
        if isinstance(spec, TextSlide):
            spec.item = number
    return slides


_ITEMS = count(1)


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
    programme = selection.programma
    if programme is not None:
        plan = Plan(
            title=one_line(programme.titel), subject=f"Programma van {minutes_text(programme.duur)}"
        )
    else:
        plan = Plan(subject=selection.described[:1].upper() + selection.described[1:])
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
    programme = library.items.get(held.programma) if held.programma else None
    when = dutch_date(held.begonnen)
    team = one_line(held.team)
    if programme is not None and programme.type == "programma":
        title = one_line(programme.titel)
        subtitle = [f"{team} · {when}", f"Sessie {held.id}, de uitslagen en afspraken"]
    else:  # cards chosen by hand: their titles strung together make no title
        title = f"Het goede gesprek van {team}" if team else "Het goede gesprek"
        subtitle = [when, f"Sessie {held.id}, de uitslagen en afspraken"]
    reached = [p for p in held.parts if _reached(p)]
    missed = len(held.parts) - len(reached)
    if missed:  # an interrupted session: the parts it never got to are left out
        subtitle.append(f"{plural(missed, 'onderdeel', 'onderdelen')} niet behandeld")
    plan = Plan(title=title, subject=f"Uitslagen en afspraken van {team}, {when}")
    plan.slides.append(
        TitleSlide(
            title,
            subtitle,
            f"Sessie {held.id} van {team}, begonnen {when}"
            + ("" if held.beeindigd else " (niet afgerond)")
            + "."
            + (
                " Niet behandeld en niet in dit deck: "
                + "; ".join(one_line(p.titel) for p in held.parts if p not in reached)
                + "."
                if missed
                else ""
            ),
        )
    )
    if held.programma:
        rows = [
            (
                one_line(p.titel) + ("" if p in reached else " – niet behandeld"),
                TYPE_NAMES.get(p.type, p.type),
                p.minutes,
            )
            for p in held.parts
        ]
        plan.slides.append(_agenda(rows, sum(r[2] for r in rows)))
    for part in reached:
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


def _reached(part: Any) -> bool:
    """Whether a held part was reached: done or skipped, or begun (time, votes, notes)."""
    return (
        part.status != "open"
        or bool(part.votes or part.notes or part.agreements)
        or part.seconds > 0
    )


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
    summary = (
        f"{len(agreements)} {'afspraak' if len(agreements) == 1 else 'afspraken'} en "
        f"{len(notes)} {'notitie' if len(notes) == 1 else 'notities'} uit sessie {held.id}."
    )
    return TextSlide("Notities en afspraken", blocks, summary)

"""The trainer's PowerPoint deck (python-pptx), from a selection of content or a held session.

The deck is planned first as a list of slide specs (title slide, agenda, the slides of each
item by its type, results charts of a session, notes and agreements, "Waar kun je
terecht?"), then rendered into a presentation: the built-in 16:9 default or a trainer's
template (.pptx or .potx), whose layouts are found by their placeholders.

Text always fits: python-pptx cannot measure rendered text and PowerPoint's autofit only
acts when a person edits the slide, so every text box is sized here. A paragraph's height
is estimated from per-character widths (Arial's, which are wider than Calibri's: an
estimate on the safe side), the box width and the font size; the body font shrinks within
limits and what still does not fit continues on a following slide, "(vervolg)".
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from gesprek.content.models import TYPE_NAMES
from gesprek.errors import UsageError, display_path
from gesprek.export.common import (
    HeldSession,
    dutch_date,
    letter,
    minutes_text,
    one_line,
    short,
    text_lines,
)

EMU_PER_PT = 12700
EMU_PER_INCH = 914400

# Font sizes in points. Titles are 36 or 32 pt where they fit (down to 24 pt for a very
# long title, then cut with an ellipsis); body text shrinks from 28 to 18 pt, then continues.
TITLE_ONE_LINE = (36, 32)
TITLE_SIZES = (32, 28, 24)
BODY_SIZES = (28, 26, 24, 22, 20, 18)
LINE_HEIGHT = 1.22  # a line of single-spaced text, in ems (Calibri's is 1.22, Arial's 1.15)
BOLD_WIDTH = 1.08
FIT_MARGIN = 0.96  # plan to fill at most this part of a box's height
INSET_X = int(0.1 * EMU_PER_INCH)
INSET_Y = int(0.05 * EMU_PER_INCH)
DEFAULT_TITLE_COLOR = RGBColor(0x12, 0x25, 0x4A)  # dark navy on white: contrast > 14:1
DEFAULT_BAR_COLOR = RGBColor(0x12, 0x25, 0x4A)
DEFAULT_TEXT_COLOR = RGBColor(0x26, 0x26, 0x26)

TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_MAIN = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)

# -- measuring text -----------------------------------------------------------------------

# Advance widths in ems, from Arial's metrics (Helvetica's AFM), for the characters of
# Dutch text; anything else counts as 0.6 em.
_WIDTHS: dict[str, float] = {}
for _chars, _width in (
    ("ijl'|", 0.222),
    ("ftI.,:;!/ \t[]", 0.278),
    ('r()-"`', 0.333),
    ("•", 0.35),
    ("ckszvxyJ*", 0.5),
    ("abdeghnopqu0123456789?$#_–€+=<>~", 0.556),
    ("FTZL", 0.611),
    ("ABEKPSVXY&", 0.667),
    ("CDHNRUw", 0.722),
    ("GOQ✓✔", 0.778),
    ("mM", 0.833),
    ("%", 0.889),
    ("W@", 0.944),
    ("—…", 1.0),
):
    for _char in _chars:
        _WIDTHS[_char] = _width
for _plain, _accented in (
    ("a", "áàâäã"),
    ("e", "éèêë"),
    ("i", "íìîï"),
    ("o", "óòôöõ"),
    ("u", "úùûü"),
    ("c", "ç"),
    ("n", "ñ"),
    ("E", "ÉÈÊË"),
    ("A", "ÁÀÂÄ"),
    ("O", "ÓÒÔÖ"),
    ("I", "ÍÌÎÏ"),
    ("U", "ÚÙÛÜ"),
):
    for _char in _accented:
        _WIDTHS[_char] = _WIDTHS[_plain]
_SPACE = _WIDTHS[" "]


@lru_cache(maxsize=8192)
def _word_widths(text: str) -> tuple[float, ...]:
    get = _WIDTHS.get
    return tuple(sum(get(c, 0.6) for c in word) for word in text.split())


def _count_lines(widths: Sequence[float], line_em: float) -> int:
    """Lines that words of these widths (in ems) take when wrapped at ``line_em`` ems."""
    if line_em <= 0:
        return 10_000
    lines = 1
    current = 0.0
    for width in widths:
        if current == 0.0:
            current = width
        elif current + _SPACE + width <= line_em:
            current += _SPACE + width
            continue
        else:
            lines += 1
            current = width
        if current > line_em:  # a word longer than a line breaks inside the word
            extra = math.ceil(current / line_em) - 1
            lines += extra
            current = current - extra * line_em
    return lines


def paragraph_height(text: str, size: float, width_pt: float, *, bold: bool = False) -> float:
    """Estimated height in points of one paragraph of ``text`` at ``size`` pt, wrapped in
    ``width_pt`` points (space before not included)."""
    return runs_height([(text, bold)], size, width_pt)


def runs_height(runs: Sequence[tuple[str, bool]], size: float, width_pt: float) -> float:
    """As ``paragraph_height`` for a paragraph of ``(text, bold)`` runs."""
    widths: list[float] = []
    for text, bold in runs:
        found = _word_widths(text)
        widths.extend(w * BOLD_WIDTH for w in found) if bold else widths.extend(found)
    return _count_lines(widths, width_pt / size) * size * LINE_HEIGHT


def frame_fit(shape: Any, widen: float = 1.0) -> tuple[float, float]:
    """``(needed, available)`` height in points of a shape's text as it was written: the
    estimate of every paragraph (at its run font size, inside its indent, with its space
    before) against the shape's height less its insets. Used to check a written deck;
    ``widen`` is the font's width factor (see ``width_factor``)."""
    frame = shape.text_frame
    body = frame._txBody.bodyPr
    left = _inset(body, "lIns", INSET_X)
    right = _inset(body, "rIns", INSET_X)
    top = _inset(body, "tIns", INSET_Y)
    bottom = _inset(body, "bIns", INSET_Y)
    inner_width = (shape.width - left - right) / EMU_PER_PT / widen
    needed = 0.0
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        if not runs:
            continue
        sizes = [r.font.size.pt for r in runs if r.font.size is not None]
        size = max(sizes) if sizes else 18.0
        parts = [(r.text, bool(r.font.bold)) for r in runs]
        if any("\t" in text for text, _ in parts):  # hanging indent: lead left of the margin
            while parts and "\t" not in parts[0][0]:
                parts.pop(0)
            parts[0] = (parts[0][0].split("\t", 1)[1], parts[0][1])
        ppr = paragraph._p.pPr
        margin = int(ppr.get("marL", "0")) / EMU_PER_PT / widen if ppr is not None else 0.0
        if paragraph.space_before is not None:
            needed += paragraph.space_before.pt
        needed += runs_height(parts, size, inner_width - margin)
    return needed, (shape.height - top - bottom) / EMU_PER_PT


def _inset(body_pr: Any, name: str, default: int) -> int:
    value = body_pr.get(name)
    return int(value) if value is not None else default


# -- what goes on the slides ----------------------------------------------------------------


@dataclass
class Block:
    """One paragraph on a slide. ``kind`` sets its look: text, line (a following line of
    the same paragraph), question, option, bullet, number, heading, statement, lead (a
    bold lead-in), agenda. ``lead`` is the option letter, number or lead-in; ``keep``
    keeps the block on one slide with the next."""

    text: str
    kind: str = "text"
    lead: str = ""
    bold: bool = False
    keep: bool = False


# kind -> (size factor, bold, space before in ems of the body size, hanging indent in ems)
_STYLES: dict[str, tuple[float, bool, float, float]] = {
    "text": (1.0, False, 0.5, 0.0),
    "line": (1.0, False, 0.15, 0.0),
    "question": (1.0, True, 0.6, 0.0),
    "option": (1.0, False, 0.3, 1.6),
    "bullet": (1.0, False, 0.25, 1.0),
    "number": (1.0, False, 0.3, 1.6),
    "heading": (1.0, True, 0.7, 0.0),
    "statement": (1.4, True, 0.0, 0.0),
    "lead": (1.0, False, 0.4, 0.0),
    "agenda": (1.0, False, 0.25, 3.6),
}


def _block_height(block: Block, size: float, width_pt: float, first: bool) -> float:
    factor, bold, before, indent = _STYLES[block.kind]
    runs = [(block.text, bold or block.bold)]
    if block.kind == "lead":
        runs.insert(0, (block.lead + " ", True))
    height = runs_height(runs, size * factor, width_pt - indent * size)
    return height + (0.0 if first else before * size)


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
    item: Any, minutes: int, library: Any, votes: dict[int | None, dict[str, int]] | None = None
) -> list[Spec]:
    """The slides of one item, by its type; with ``votes`` (a held session), a results
    chart after every question that was voted on."""
    votes = votes or {}
    title = one_line(item.titel)
    kind = item.type
    notes = _item_notes(item, minutes, library)
    slides: list[Spec] = []

    def results(stap: int | None, vraag: str, opties: Sequence[Any], heading: str) -> None:
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
    used: list[str] = []
    for item in items:
        for loket in getattr(item, "loketten", None) or []:
            if loket not in used:
                used.append(loket)
    known = library.kader.get("loketten", {})
    if not used:  # nothing named: the first places to go
        used = [x for x in ("leidinggevende", "vertrouwenspersoon", "vik") if x in known]
    blocks = []
    for loket in used:
        entry = known.get(loket)
        if entry is None:
            blocks.append(Block("", "lead", loket))
        else:
            blocks.append(Block(one_line(entry.omschrijving), "lead", f"{one_line(entry.naam)}:"))
    notes = "Loketten bij de items van vandaag: " + ", ".join(
        library.naam("loketten", x) for x in used
    )
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
            plan.slides.extend(item_slides(part.item, part.minutes, library, part.votes))
            continue
        # A snapshot in an older content format: the title and the stored counts.
        message = "De tekst van dit onderdeel is opgeslagen in een oudere vorm en kan hier niet worden getoond."
        plan.slides.append(TextSlide(one_line(part.titel), [Block(message)]))
        for stap, counts in sorted(part.votes.items(), key=lambda kv: kv[0] or 0):
            pairs = [(oid, oid) for oid in counts]
            heading = f"Uitslag: {one_line(part.titel)}" + (f", stap {stap}" if stap else "")
            plan.slides.append(_chart(heading, "", pairs, counts, ""))
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


# -- fitting ------------------------------------------------------------------------------------


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_SPLITTABLE = ("text", "line")


def _continued(block: Block, text: str) -> Block:
    """The rest of a cut block: no lead (letter, number) again; text continues as a line."""
    kind = "line" if block.kind == "text" else block.kind
    lead = block.lead if block.kind == "lead" else ""
    return Block(text, kind, lead, block.bold, block.keep)


def _cut(
    block: Block, size: float, width_pt: float, room: float, first: bool
) -> tuple[Block | None, Block | None]:
    """The longest head of ``block`` that fits in ``room`` points, in whole sentences (in
    whole words on an empty slide, if not even one sentence fits), and the rest."""
    for units in (_SENTENCE_END.split(block.text), block.text.split() if first else []):
        taken = 0
        for count in range(1, len(units) + 1):
            trial = Block(" ".join(units[:count]), block.kind, block.lead, block.bold)
            if _block_height(trial, size, width_pt, first) > room:
                break
            taken = count
        if taken:
            head = Block(" ".join(units[:taken]), block.kind, block.lead, block.bold)
            rest = " ".join(units[taken:])
            return head, (_continued(block, rest) if rest else None)
    return None, block


def _pack(
    blocks: Sequence[Block], size: float, width_pt: float, height_pt: float
) -> tuple[list[list[Block]], bool]:
    """Blocks on pages at ``size``: groups (blocks with ``keep``) stay together where a
    page can hold them, a long paragraph fills the rest of a page and continues on the
    next. Returns the pages and whether a group had to be broken."""
    groups: list[list[Block]] = [[]]
    for block in blocks:
        groups[-1].append(block)
        if not block.keep:
            groups.append([])
    pages: list[list[Block]] = []
    current: list[Block] = []
    used = 0.0
    broken = False

    def height(group: Sequence[Block], first: bool) -> float:
        return sum(_block_height(b, size, width_pt, first and i == 0) for i, b in enumerate(group))

    def place(block: Block) -> None:
        nonlocal current, used
        pending: Block | None = block
        while pending is not None:
            needed = height([pending], not current)
            if used + needed <= height_pt:
                current.append(pending)
                used += needed
                return
            room = height_pt - used
            head = None
            if not current or (pending.kind in _SPLITTABLE and room > 0.2 * height_pt):
                head, rest = _cut(pending, size, width_pt, room, not current)
                if head is not None:
                    current.append(head)
                    pending = rest
            if head is None and not current:  # not even one word fits: place it anyway
                current.append(pending)
                pending = None
            pages.append(current)
            current, used = [], 0.0

    for group in (g for g in groups if g):
        whole = height(group, not current)
        if used + whole <= height_pt:
            current.extend(group)
            used += whole
        elif len(group) > 1 and height(group, True) <= height_pt:
            pages.append(current)
            current, used = list(group), height(group, True)
        else:
            broken = broken or len(group) > 1
            for block in group:
                place(block)
    if current or not pages:
        pages.append(current)
    return [page for page in pages if page] or [[]], broken


def _fits(blocks: Sequence[Block], size: float, width_pt: float, height_pt: float) -> bool:
    total = sum(_block_height(b, size, width_pt, i == 0) for i, b in enumerate(blocks))
    return total <= height_pt


def paginate(
    blocks: Sequence[Block], width_pt: float, height_pt: float, sizes: Sequence[int] = BODY_SIZES
) -> tuple[list[list[Block]], int]:
    """The blocks on as few slides as possible, at the largest body size that takes no
    more slides than the smallest size does (and that keeps question and options
    together, where some size does)."""
    for size in sizes:
        if _fits(blocks, size, width_pt, height_pt):
            return [list(blocks)], size
    fewest = len(_pack(blocks, sizes[-1], width_pt, height_pt)[0])
    tried = [(size, *_pack(blocks, size, width_pt, height_pt)) for size in sizes]
    for size, pages, broken in tried:
        if len(pages) <= fewest and not broken:
            return pages, size
    for size, pages, _ in tried:
        if len(pages) <= fewest:
            return pages, size
    return tried[-1][1], tried[-1][0]


def _fit_one(blocks: Sequence[Block], box: Box, sizes: Sequence[int]) -> tuple[list[Block], int]:
    """Blocks in one box at the largest size that fits; at the smallest, shortened."""
    width, height = box.inner_width_pt, box.inner_height_pt
    for size in sizes:
        total = sum(_block_height(b, size, width, i == 0) for i, b in enumerate(blocks))
        if total <= height:
            return list(blocks), size
    size = sizes[-1]
    kept: list[Block] = []
    for block in blocks:
        for limit in (len(block.text), 200, 120, 80, 40):
            trial = Block(short(block.text, limit), block.kind, block.lead, block.bold)
            total = sum(_block_height(b, size, width, i == 0) for i, b in enumerate([*kept, trial]))
            if total <= height:
                kept.append(trial)
                break
        else:
            break
    return kept, size


def fit_title(text: str, width_pt: float, height_pt: float) -> tuple[str, int]:
    """The title and its size: on one line at 36 or 32 pt where it fits (so titles look
    alike from slide to slide), else on more lines at 32, 28 or 24 pt; else cut."""
    for size in TITLE_ONE_LINE:
        one_line_height = size * LINE_HEIGHT
        needed = paragraph_height(text, size, width_pt, bold=True)
        if needed <= one_line_height and needed <= height_pt:
            return text, size
    for size in TITLE_SIZES:
        if paragraph_height(text, size, width_pt, bold=True) <= height_pt:
            return text, size
    size = TITLE_SIZES[-1]
    words = text.split()
    while len(words) > 1:
        words.pop()
        cut = " ".join(words).rstrip(",;:.-–— ") + "…"
        if paragraph_height(cut, size, width_pt, bold=True) <= height_pt:
            return cut, size
    return short(text, 20), size


# -- the presentation: default or template ---------------------------------------------------------


@dataclass
class Box:
    left: int
    top: int
    width: int
    height: int
    widen: float = 1.0  # the font's width against Arial's (see width_factor)

    @property
    def inner_width_pt(self) -> float:
        """The width for the estimate: a wider font makes the line shorter in Arial ems."""
        return (self.width - 2 * INSET_X) / EMU_PER_PT / self.widen

    @property
    def inner_height_pt(self) -> float:
        return (self.height - 2 * INSET_Y) / EMU_PER_PT * FIT_MARGIN


_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
_FURNITURE = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


def _box(shape: Any) -> Box | None:
    if None in (shape.left, shape.top, shape.width, shape.height):
        return None
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


@dataclass
class Role:
    """A layout as the deck uses it: where its title (and body, or subtitle) go."""

    layout: Any
    title_idx: int
    title: Box
    body_idx: int | None = None
    body: Box | None = None
    extras: bool = False  # it has other placeholders, removed from each slide


@dataclass
class Layouts:
    """The layouts the deck uses, found by their placeholders: ``text`` (title+body, else
    title-only with a text box), ``chart`` (title-only, else title+body without its body),
    ``cover`` (title+subtitle, if the template has one) and the body area."""

    text: Role
    chart: Role
    cover: Role | None
    body: Box


def _layout_placeholders(layout: Any) -> list[tuple[Any, int, Any, Box | None]]:
    found = []
    for ph in layout.placeholders:
        fmt = ph.placeholder_format
        kind = fmt.type
        if kind in _FURNITURE:
            continue
        if kind in _BODIES and ph.element.ph.get("orient") == "vert":
            kind = None  # vertical text is no body for this deck
        found.append((kind, fmt.idx, ph, _box(ph)))
    return found


def find_layouts(prs: Any, shown: str = "het sjabloon") -> Layouts:
    """Title+body (the largest horizontal body below the title), title-only and title+
    subtitle layouts, found by their placeholders; a UsageError if there is no layout to
    put a title and text on."""
    width, height = int(prs.slide_width), int(prs.slide_height)
    title_body: Role | None = None
    title_only: Role | None = None
    cover: Role | None = None
    best: tuple[int, int] | None = None
    for layout in prs.slide_layouts:
        found = _layout_placeholders(layout)
        titles = [f for f in found if f[0] in _TITLES and f[3] is not None]
        if len(titles) != 1:
            continue
        _, title_idx, _, title = titles[0]
        assert title is not None
        if not _inside(title, width, height):
            continue
        bodies = [f for f in found if f[0] in _BODIES and f[3] is not None]
        subtitles = [f for f in found if f[0] == PP_PLACEHOLDER.SUBTITLE and f[3] is not None]
        if len(found) == 1 and title_only is None:
            title_only = Role(layout, title_idx, title)
        if len(subtitles) == 1 and len(found) == 2 and cover is None:
            _, idx, _, box = subtitles[0]
            if box is not None and _inside(box, width, height):
                cover = Role(layout, title_idx, title, idx, box)
        if len(bodies) == 1:
            _, idx, _, box = bodies[0]
            assert box is not None
            if box.top >= title.top + title.height // 2 and _inside(box, width, height):
                extras = len(found) > 2
                rank = (int(extras), -(box.width * box.height))
                if best is None or rank < best:
                    best = rank
                    title_body = Role(layout, title_idx, title, idx, box, extras)
    if title_body is None and title_only is None:
        raise UsageError(
            f"{shown} heeft geen bruikbare dia-indeling: geen indeling met een titel "
            "(en een tekstvak)",
            hint="Voeg in PowerPoint de indeling 'Titel en object' of 'Alleen titel' toe.",
        )
    if title_body is not None and title_body.body is not None:
        body = title_body.body
    else:  # title-only: the text goes below the title
        assert title_only is not None
        title = title_only.title
        top = title.top + title.height + int(0.15 * EMU_PER_INCH)
        bottom = height - int(0.5 * EMU_PER_INCH)
        body = Box(title.left, top, title.width, max(bottom - top, EMU_PER_INCH))
    text = title_body or title_only
    chart = title_only or title_body
    assert text is not None and chart is not None
    widen = width_factor(prs)
    if widen != 1.0:
        for role in {id(r): r for r in (text, chart, cover) if r is not None}.values():
            role.title = replace(role.title, widen=widen)
            if role.body is not None:
                role.body = replace(role.body, widen=widen)
        body = replace(body, widen=widen)
    return Layouts(text, chart, cover, body)


def _inside(box: Box, width: int, height: int) -> bool:
    return (
        box.left >= 0
        and box.top >= 0
        and box.left + box.width <= width
        and box.top + box.height <= height
    )


def default_presentation() -> Any:
    """python-pptx's default template at 16:9 (13.333 x 7.5 in): its 4:3 master and layouts
    stretched to the new width, and Arial for Calibri (Arial, or its metric twin Liberation
    Sans, is on every machine that opens the deck; the text estimate uses its widths)."""
    prs = Presentation()
    old = int(prs.slide_width)
    prs.slide_width = Emu(12192000)
    prs.slide_height = Emu(6858000)
    factor = 12192000 / old
    master = prs.slide_master
    for owner in [master, *master.slide_layouts]:
        for shape in owner.shapes:
            if shape._element.xfrm is not None and shape.left is not None:
                shape.left = Emu(int(shape.left * factor))
                shape.width = Emu(int(shape.width * factor))
    theme = _theme(prs)
    if theme is not None:
        theme._blob = theme.blob.replace(
            b'<a:latin typeface="Calibri"/>', b'<a:latin typeface="Arial"/>'
        )
    return prs


def _theme(prs: Any) -> Any | None:
    try:
        return prs.slide_master.part.part_related_by(RT.THEME)
    except KeyError:
        return None


# How much wider than Arial a theme's body font sets text (never less than 1: Calibri and
# other narrower fonts keep Arial's estimate, which is then on the safe side).
_WIDER_FONTS = {
    "verdana": 1.18,
    "dejavu sans": 1.17,
    "bitstream vera sans": 1.17,
    "century gothic": 1.12,
    "lucida sans": 1.08,
    "lucida grande": 1.08,
    "open sans": 1.07,
    "georgia": 1.05,
    "segoe ui": 1.03,
    "tahoma": 1.03,
}
_NARROW_ENOUGH = (
    "arial",
    "helvetica",
    "liberation sans",
    "arimo",
    "calibri",
    "carlito",
    "cambria",
    "times",
    "roboto",
    "source sans",
    "trebuchet",
    "gill sans",
    "franklin gothic",
    "rijksoverheid",
)


def width_factor(prs: Any) -> float:
    """The theme's body font against Arial: 1.0 for Arial and narrower fonts, more for
    wide fonts (Verdana ...), 1.05 for a font this table does not know."""
    theme = _theme(prs)
    if theme is None:
        return 1.05
    found = re.search(rb'<a:minorFont>\s*<a:latin typeface="([^"]*)"', theme.blob)
    name = found.group(1).decode("utf-8", "replace").lower() if found else ""
    for known, factor in _WIDER_FONTS.items():
        if name.startswith(known):
            return factor
    if name.startswith(_NARROW_ENOUGH):
        return 1.0
    return 1.05


def open_template(path: Path) -> Any:
    """A trainer's template (.pptx or .potx) with its slides removed; a UsageError if it is
    not a PowerPoint file."""
    path = Path(path)
    shown = display_path(path)
    hint = "Geef een PowerPoint-bestand (.pptx of .potx), bijvoorbeeld de huisstijl van je organisatie."
    if not path.exists():
        raise UsageError(f"het sjabloon {shown} bestaat niet")
    if path.is_dir():
        raise UsageError(f"het sjabloon {shown} is een map", hint=hint)
    if path.suffix.lower() not in (".pptx", ".potx"):
        raise UsageError(
            f"het sjabloon {shown} is geen PowerPoint-bestand (.pptx of .potx)", hint=hint
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"kan het sjabloon {shown} niet lezen ({exc.strerror})") from None
    not_pptx = UsageError(f"het sjabloon {shown} is geen PowerPoint-bestand", hint=hint)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "ppt/presentation.xml" not in names:
                raise not_pptx
            types = archive.read("[Content_Types].xml")
            if TEMPLATE_MAIN in types:  # a .potx: python-pptx only opens presentations
                data = _patched(archive, types.replace(TEMPLATE_MAIN, PRESENTATION_MAIN))
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        raise not_pptx from None
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception:  # python-pptx raises many kinds on damaged packages
        raise UsageError(f"kan het sjabloon {shown} niet lezen (beschadigd?)", hint=hint) from None
    _remove_slides(prs)
    return prs


def _patched(archive: zipfile.ZipFile, types: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            body = types if info.filename == "[Content_Types].xml" else archive.read(info)
            target.writestr(info, body)
    return out.getvalue()


def _remove_slides(prs: Any) -> None:
    """Take the template's own slides out (their parts are not saved once unreferenced)."""
    slide_list = prs.slides._sldIdLst
    ids = list(slide_list)
    if not ids:
        return
    shows = prs.part._element.find(qn("p:custShowLst"))
    if shows is not None:  # custom shows point at the slides being removed
        shows.getparent().remove(shows)
    for slide_id in ids:
        rid = slide_id.rId
        slide_list.remove(slide_id)
        prs.part.drop_rel(rid)


# -- rendering -----------------------------------------------------------------------------------


_NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = qn("a:p")
_BODY_PR = qn("a:bodyPr")
_AUTOFITS = {qn("a:noAutofit"), qn("a:normAutofit"), qn("a:spAutoFit")}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _run_xml(text: str, size: int | None, bold: bool, color: RGBColor | None = None) -> str:
    """One run: its size, weight, colour and language (Dutch proofing in PowerPoint)."""
    attributes = ' lang="nl-NL" dirty="0"'
    if size is not None:
        attributes += f' sz="{size * 100}" b="{1 if bold else 0}"'
    fill = f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>' if color else ""
    body = escape(_CONTROL.sub("", text))
    return f"<a:r><a:rPr{attributes}>{fill}</a:rPr><a:t>{body}</a:t></a:r>"


def _paragraph_xml(runs: str, margin: int = 0, space: int = 0, center: bool = False) -> str:
    align = ' algn="ctr"' if center else ""
    return (
        f'<a:p><a:pPr marL="{margin}" indent="{-margin}"{align}>'
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{space}"/></a:spcBef><a:buNone/></a:pPr>{runs}</a:p>'
    )


def _blocks_xml(blocks: Sequence[Block], size: int) -> str:
    out = []
    for index, block in enumerate(blocks):
        factor, bold, before, indent = _STYLES[block.kind]
        own = round(size * factor)
        bold = bold or block.bold
        if block.kind == "lead":
            runs = _run_xml(block.lead + " ", own, True)
            runs += _run_xml(block.text, own, bold) if block.text else ""
        elif indent:
            runs = _run_xml(block.lead + "\t", own, True) + _run_xml(block.text, own, bold)
        else:
            runs = _run_xml(block.text, own, bold)
        margin = int(indent * size * EMU_PER_PT)
        space = 0 if index == 0 else round(before * size * 100)
        out.append(_paragraph_xml(runs, margin, space, block.kind == "statement"))
    return "".join(out) or "<a:p/>"


def _write(frame: Any, paragraphs: str, *, fit: bool = True) -> None:
    """Replace a text frame's paragraphs (XML written directly: python-pptx's property
    setters cost ~10x more per paragraph). With ``fit``, the frame wraps, has the
    insets the estimate assumed, is anchored at the top and never autofits."""
    body = frame._txBody
    if fit:
        props = body.find(_BODY_PR)
        props.set("wrap", "square")
        props.set("lIns", str(INSET_X))
        props.set("rIns", str(INSET_X))
        props.set("tIns", str(INSET_Y))
        props.set("bIns", str(INSET_Y))
        props.set("anchor", "t")
        for child in list(props):
            if child.tag in _AUTOFITS:
                props.remove(child)
        position = 1 if len(props) and props[0].tag == qn("a:prstTxWarp") else 0
        props.insert(position, parse_xml(f'<a:noAutofit xmlns:a="{_NS_A}"/>'))
    for old in body.findall(_P):
        body.remove(old)
    fragment = parse_xml(f'<a:txBody xmlns:a="{_NS_A}">{paragraphs}</a:txBody>')
    body.extend(list(fragment))


def _pin(shape: Any, box: Box) -> Any:
    """Give a placeholder the position and size its text was fitted to, on the slide
    itself (a placeholder otherwise follows its layout, should that change later)."""
    props = shape._element.spPr
    for old in props.findall(qn("a:xfrm")):
        props.remove(old)
    xfrm = parse_xml(
        f'<a:xfrm xmlns:a="{_NS_A}"><a:off x="{box.left}" y="{box.top}"/>'
        f'<a:ext cx="{box.width}" cy="{box.height}"/></a:xfrm>'
    )
    props.insert(0, xfrm)
    return shape


@dataclass
class _Prototype:
    layout_part: Any
    element: Any
    title: int | None
    body: int | None


class _SlideMaker:
    """New slides and notes pages, fast. python-pptx's ``add_slide`` and ``notes_slide``
    clone each placeholder from the layout or notes master with a series of XPath
    lookups (~4 ms a slide, more than everything else a slide costs here). The first
    slide of each layout and the first notes page are made that way; later ones copy
    that first one's XML before anything was written on it, and are related to the
    presentation, layout and notes master as python-pptx relates them."""

    def __init__(self, prs: Any) -> None:
        self.prs = prs
        self.package = prs.part.package
        self.prototypes: dict[int, _Prototype] = {}
        self.notes_element: Any = None
        self.next_id: int | None = None

    def get(self, key: int) -> _Prototype | None:
        return self.prototypes.get(key)

    def remember(self, key: int, slide: Any, title: Any, body: Any) -> None:
        self.next_id = None  # python-pptx just added a slide id of its own
        shapes = list(slide.shapes)
        ids = [shape.shape_id for shape in shapes]
        self.prototypes[key] = _Prototype(
            slide.part.part_related_by(RT.SLIDE_LAYOUT),
            deepcopy(slide._element),
            ids.index(title.shape_id) if title is not None else None,
            ids.index(body.shape_id) if body is not None else None,
        )

    def copy(self, prototype: _Prototype) -> Any:
        from pptx.parts.slide import SlidePart

        presentation = self.prs.part
        part = SlidePart(
            presentation._next_slide_partname,
            CT.PML_SLIDE,
            self.package,
            deepcopy(prototype.element),
        )
        part.relate_to(prototype.layout_part, RT.SLIDE_LAYOUT)
        rid = presentation.relate_to(part, RT.SLIDE)
        ids = self.prs.slides._sldIdLst
        if self.next_id is None:  # python-pptx finds the next id by scanning all of them
            self.next_id = ids._next_id
        ids._add_sldId(id=self.next_id, rId=rid)
        self.next_id += 1
        return part.slide

    def notes(self, slide: Any) -> Any:
        from pptx.parts.slide import NotesSlidePart

        if self.notes_element is None:
            notes = slide.notes_slide
            self.notes_element = deepcopy(notes._element)
            return notes
        part = NotesSlidePart(
            self.package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
            CT.PML_NOTES_SLIDE,
            self.package,
            deepcopy(self.notes_element),
        )
        part.relate_to(self.prs.part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part.notes_slide


class Renderer:
    def __init__(self, prs: Any, layouts: Layouts, *, default: bool) -> None:
        self.prs = prs
        self.layouts = layouts
        self.default = default
        self.slides = _SlideMaker(prs)

    # slides

    def _slide(self, role: Role) -> tuple[Any, Any, Any | None]:
        """A new slide of ``role``'s layout: the slide, its title and its body placeholder;
        any other placeholder the layout brings is removed."""
        made = self.slides.get(id(role))
        if made is not None:
            slide = self.slides.copy(made)
            shapes = slide.shapes
            title = shapes[made.title] if made.title is not None else None
            body = shapes[made.body] if made.body is not None else None
            return slide, title, body
        slide = self.prs.slides.add_slide(role.layout)
        title = body = None
        for ph in list(slide.placeholders):
            idx = ph.placeholder_format.idx
            if idx == role.title_idx:
                title = ph
            elif idx == role.body_idx:
                body = ph
            else:
                ph.element.getparent().remove(ph.element)
        self.slides.remember(id(role), slide, title, body)
        return slide, title, body

    def text_slide(self, spec: TextSlide) -> None:
        role = self.layouts.text
        box = self.layouts.body
        width, height = box.inner_width_pt, box.inner_height_pt
        pages, size = paginate(spec.blocks, width, height, spec.sizes)
        for number, page in enumerate(pages):
            slide, title, body = self._slide(role)
            text = spec.title if number == 0 else f"{spec.title} (vervolg)"
            self._title(title, role.title, text)
            shape = _pin(body, box) if body is not None else self._textbox(slide, box)
            self._fill(shape.text_frame, page, size)
            self._notes(slide, spec.notes)

    def chart_slide(self, spec: ChartSlide) -> None:
        # charts pull in xlsxwriter (~40 ms): only for decks that have them
        from pptx.chart.data import CategoryChartData
        from pptx.enum.chart import XL_CHART_TYPE

        role = self.layouts.chart
        slide, title, body = self._slide(role)
        self._title(title, role.title, spec.title)
        if body is not None:  # a title+body layout: the chart takes the body's place
            body.element.getparent().remove(body.element)
        box = self.layouts.body
        top = box.top
        if spec.question:
            limit = replace(box, height=int(box.height * 0.3))
            blocks, size = _fit_one([Block(spec.question, "question")], limit, (24, 22, 20, 18))
            needed = sum(_block_height(b, size, limit.inner_width_pt, True) for b in blocks)
            height = int(needed / FIT_MARGIN * EMU_PER_PT) + 2 * INSET_Y + 6 * EMU_PER_PT
            question_box = replace(box, height=min(height, limit.height))
            self._fill(self._textbox(slide, question_box).text_frame, blocks, size)
            top = question_box.top + question_box.height
        total = sum(spec.values)
        total_height = int(0.5 * EMU_PER_INCH)
        chart_box = replace(box, top=top, height=box.top + box.height - top - total_height)
        data = CategoryChartData()
        data.categories = spec.labels
        data.add_series("Stemmen", spec.values)
        frame = slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_CLUSTERED,
            chart_box.left,
            chart_box.top,
            chart_box.width,
            chart_box.height,
            data,
        )
        self._style_chart(frame.chart, len(spec.labels))
        total_box = replace(box, top=chart_box.top + chart_box.height, height=total_height)
        votes = "1 stem" if total == 1 else f"{total} stemmen"
        self._fill(self._textbox(slide, total_box).text_frame, [Block(f"Totaal: {votes}")], 20)
        self._notes(slide, spec.notes)

    def title_slide(self, spec: TitleSlide) -> None:
        role = self.layouts.cover
        if role is None or role.body is None:
            blocks = [Block(s, "heading") for s in spec.subtitle]
            self.text_slide(TextSlide(spec.title, blocks, spec.notes))
            return
        slide, title, subtitle = self._slide(role)
        self._title(title, role.title, spec.title, sizes=(44, 40, 36, 32))
        blocks = [Block(s, "text" if i == 0 else "line") for i, s in enumerate(spec.subtitle)]
        blocks, size = _fit_one(blocks, role.body, (28, 24, 20, 18))
        self._fill(_pin(subtitle, role.body).text_frame, blocks, size)
        for paragraph in subtitle.text_frame.paragraphs:
            paragraph.alignment = PP_ALIGN.CENTER
            if self.default:  # the default subtitle is light grey: too little contrast
                for run in paragraph.runs:
                    run.font.color.rgb = DEFAULT_TEXT_COLOR
        self._notes(slide, spec.notes)

    # parts

    def _title(self, shape: Any, box: Box, text: str, sizes: Sequence[int] = ()) -> None:
        width = box.inner_width_pt
        height = box.inner_height_pt
        fitted = next(
            ((text, s) for s in sizes if paragraph_height(text, s, width, bold=True) <= height),
            None,
        )
        text, size = fitted or fit_title(text, width, height)
        _pin(shape, box)
        color = DEFAULT_TITLE_COLOR if self.default else None
        _write(shape.text_frame, f"<a:p>{_run_xml(text, size, True, color)}</a:p>")

    def _textbox(self, slide: Any, box: Box) -> Any:
        return slide.shapes.add_textbox(box.left, box.top, box.width, box.height)

    def _fill(self, frame: Any, blocks: Sequence[Block], size: int) -> None:
        _write(frame, _blocks_xml(blocks, size))

    def _notes(self, slide: Any, text: str) -> None:
        if text:
            frame = self.slides.notes(slide).notes_text_frame
            lines = "".join(
                f"<a:p>{_run_xml(line, None, False)}</a:p>" for line in text.split("\n")
            )
            _write(frame, lines, fit=False)

    def _style_chart(self, chart: Any, count: int) -> None:
        from pptx.enum.chart import XL_LABEL_POSITION

        chart.has_legend = False
        chart.has_title = False
        chart.font.size = Pt(18)
        plot = chart.plots[0]
        plot.gap_width = 60
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(20)
        labels.font.bold = True
        labels.number_format = "0"
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        category = chart.category_axis
        category.reverse_order = True  # A at the top
        category.tick_labels.font.size = Pt(18 if count <= 6 else 14)
        category.has_major_gridlines = False
        value = chart.value_axis
        value.visible = False
        value.has_major_gridlines = False
        value.minimum_scale = 0
        if self.default:
            fill = plot.series[0].format.fill
            fill.solid()
            fill.fore_color.rgb = DEFAULT_BAR_COLOR


# -- the entry points ---------------------------------------------------------------------------------


def build_deck(
    source: Any, library: Any, template: Path | None = None, *, today: date | None = None
) -> Any:
    """The deck of a Selection or of a HeldSession (``common.load_session``), in the
    template's look when one is given. Returns the python-pptx Presentation."""
    if isinstance(source, HeldSession):
        plan = plan_session(source, library)
    else:
        if not source.items:
            raise UsageError("de selectie bevat geen items om dia's van te maken")
        plan = plan_selection(source, library, today)
    if template is not None:
        prs = open_template(template)
        layouts = find_layouts(prs, f"het sjabloon {display_path(template)}")
    else:
        prs = default_presentation()
        layouts = find_layouts(prs)
    _quick_partnames(prs)
    renderer = Renderer(prs, layouts, default=template is None)
    for spec in plan.slides:
        if isinstance(spec, TitleSlide):
            renderer.title_slide(spec)
        elif isinstance(spec, ChartSlide):
            renderer.chart_slide(spec)
        else:
            renderer.text_slide(spec)
    return prs


def _quick_partnames(prs: Any) -> None:
    """python-pptx names each new part (notes slide, chart, workbook) by walking the whole
    package, which makes a deck of n slides cost n² walks. This deck's package gets a
    version that walks once and then remembers the names it handed out; the parts made
    here are the only ones added to it."""
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    used: set[str] = set()
    walked = False

    def next_partname(template: str) -> PackURI:
        nonlocal walked
        if not walked:
            used.update(str(part.partname) for part in package.iter_parts())
            walked = True
        number = 1
        while template % number in used:
            number += 1
        used.add(template % number)
        return PackURI(template % number)

    package.next_partname = next_partname


def write_deck(
    source: Any,
    library: Any,
    path: Path,
    *,
    template: Path | None = None,
    overwrite: bool = False,
    today: date | None = None,
) -> int:
    """Build the deck and write it to ``path`` (never over an existing file without
    ``overwrite``, never half-written). Returns the number of slides."""
    from gesprek.output import check_target, write_with

    path = Path(path)
    if path.suffix.lower() != ".pptx":
        raise UsageError(
            f"{display_path(path)}: een deck is een .pptx-bestand",
            hint="Geef een uitvoerpad dat op .pptx eindigt.",
        )
    check_target(path, overwrite=overwrite)  # before the work, not only after it
    prs = build_deck(source, library, template, today=today)
    write_with(path, lambda tmp: prs.save(str(tmp)), overwrite=overwrite)
    return len(prs.slides)

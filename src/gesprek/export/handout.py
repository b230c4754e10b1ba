"""The handout: a printable page (one self-contained HTML file) or an intranet page
(Markdown) of a selection, a programme or a held session.

Two steps: ``selection_handout`` / ``session_handout`` build the view (plain dataclasses
holding the texts to show, nothing hidden from the template that it should not show), and
``render_handout`` renders it with the Jinja templates in ``templates/``.

What is meant for the facilitator (correct answers, explanations, outcomes, doorvragen,
norm, the programme's description with its instructions, a session's notes) never enters
the view unless ``gespreksleider`` is set, so a template cannot leak it by mistake; a
participant's session handout has the results and the agreements.

Content text is data, never template source: in HTML Jinja escapes every value
(``autoescape``); in Markdown every value goes through ``md_escape`` (the environment's
``finalize``) unless a filter of ours already escaped it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from gesprek.content import kinds
from gesprek.content.desks import help_desks
from gesprek.content.models import TYPE_NAMES, Stemming
from gesprek.content.text import dutch_date, letter, one_line, paragraphs
from gesprek.errors import UsageError
from gesprek.export.common import HeldPart, HeldSession
from gesprek.visible import visible

FORMATS = ("html", "md")
TEMPLATES = {"html": "handout.html.j2", "md": "handout.md.j2"}
BAR_CELLS = 20  # width of a text bar in Markdown

# --- the view ---------------------------------------------------------------------------


@dataclass
class OptionView:
    letter: str
    tekst: str
    juist: bool = False  # only ever True in the facilitator's version
    stemmen: int | None = None  # None: no results (no session, or not voted)
    procent: int = 0

    @property
    def balk(self) -> str:
        """The result as a text bar, for Markdown."""
        filled = round(BAR_CELLS * self.procent / 100)
        return "█" * filled + "░" * (BAR_CELLS - filled)


@dataclass
class QuestionView:
    vraag: str | None
    opties: list[OptionView]
    uitleg: str | None = None  # facilitator only
    kader: str | None = None  # facilitator only
    uitkomst: str | None = None  # facilitator only
    totaal: int | None = None  # number of votes; None: no results to show
    niet_gestemd: bool = False  # a session where this question got no votes
    verborgen: str | None = None  # masked (too few phone votes): why no counts are shown


@dataclass
class StepView:
    nummer: int
    titel: str
    verhaal: str
    vragen: list[str]
    beslismoment: QuestionView | None = None


@dataclass
class ItemView:
    nummer: int
    anker: str
    type: str
    soort: str
    titel: str
    thema: str = ""
    tekst: str | None = None  # situatie, regel or inleiding
    stelling: str | None = None
    vraag: str | None = None  # a question without options (dilemma)
    stemming: QuestionView | None = None
    vragen: list[str] = field(default_factory=list)
    stappen: list[StepView] = field(default_factory=list)
    # facilitator only
    minuten: int | None = None
    besteed: int | None = None
    doorvragen: list[str] = field(default_factory=list)
    norm: str | None = None
    loketten: list[str] = field(default_factory=list)
    beroepscode: list[str] = field(default_factory=list)
    # session only
    overgeslagen: bool = False
    onleesbaar: bool = False
    uitslagen: list[QuestionView] = field(default_factory=list)  # unreadable snapshot only
    notities: list[str] = field(default_factory=list)
    afspraken: list[str] = field(default_factory=list)

    @property
    def leider(self) -> bool:
        """True when there is a facilitator block to show."""
        return bool(
            self.minuten or self.doorvragen or self.norm or self.loketten or self.beroepscode
        )


@dataclass
class SessionView:
    id: int
    team: str
    status: str
    notities: list[str] = field(default_factory=list)  # notes not tied to a part
    afspraken: list[tuple[str, str]] = field(default_factory=list)  # (item title, text)


@dataclass
class Handout:
    titel: str
    soort: str
    datum: str
    gespreksleider: bool
    items: list[ItemView]
    selectie: str | None = None
    beschrijving: str | None = None
    totaal_minuten: int | None = None
    totaal_besteed: int | None = None
    sessie: SessionView | None = None
    hulp: list[tuple[str, str]] = field(default_factory=list)  # (loket, omschrijving)


def _help_desks(library: Any, items: Sequence[Any]) -> list[tuple[str, str]]:
    """'Waar kun je terecht?' (``gesprek.content.desks``), for everyone."""
    return [(d.naam, d.omschrijving) for d in help_desks(items, library)]


# --- building the view --------------------------------------------------------------------


def selection_handout(
    library: Any, selection: Any, *, gespreksleider: bool = False, vandaag: date | None = None
) -> Handout:
    """The handout of a selection or programme (``gesprek.content.selection.Selection``)."""
    if selection.empty:
        raise UsageError("de selectie bevat geen gespreksitems")
    items = [
        _item_view(library, number, item, gespreksleider, selection.duur(item))
        for number, item in enumerate(selection.items, start=1)
    ]
    programme = selection.programma
    return Handout(
        titel=programme.titel.strip() if programme is not None else "Het goede gesprek",
        soort="Hand-out voor de gespreksleider" if gespreksleider else "Hand-out voor deelnemers",
        datum=dutch_date(vandaag or date.today()),
        gespreksleider=gespreksleider,
        items=items,
        selectie=None if programme is not None else f"Selectie: {selection.described}",
        beschrijving=_description(programme, gespreksleider),
        totaal_minuten=sum(i.minuten or 0 for i in items) if gespreksleider else None,
        hulp=_help_desks(library, selection.items),
    )


def session_handout(library: Any, held: HeldSession, *, gespreksleider: bool = False) -> Handout:
    """The handout of a held session (``gesprek.export.common.load_session``): its items as
    they were recorded (the snapshots), with the votes, notes and agreements."""
    items: list[ItemView] = []
    for number, part in enumerate(held.parts, start=1):
        if part.item is None:  # a snapshot of an older format
            view = _unreadable_view(number, part, gespreksleider)
        else:
            view = _item_view(
                library,
                number,
                part.item,
                gespreksleider,
                part.minutes,
                votes=part.votes,
                hidden=part.hidden,
            )
        if gespreksleider:
            view.besteed = round(part.seconds / 60) if part.seconds else 0
        view.overgeslagen = part.status == "overgeslagen"
        view.notities = list(part.notes) if gespreksleider else []  # the facilitator's
        view.afspraken = list(part.agreements)
        items.append(view)
    session = SessionView(
        id=held.id,
        team=held.team,
        status="afgerond" if held.beeindigd else "onderbroken",
        notities=list(held.general_notes) if gespreksleider else [],
        afspraken=[(i.titel, a) for i in items for a in i.afspraken]
        + [("", t) for t in held.general_agreements],
    )
    programme = library.items.get(held.programma) if held.programma else None
    if programme is not None and programme.type != "programma":
        programme = None
    return Handout(
        titel=held.omschrijving if held.programma else "Het goede gesprek",
        soort=("Verslag voor de gespreksleider" if gespreksleider else "Verslag voor deelnemers"),
        datum=dutch_date(held.begonnen),
        gespreksleider=gespreksleider,
        items=items,
        selectie=None if held.programma else f"Selectie: {held.omschrijving}",
        beschrijving=_description(programme, gespreksleider),
        totaal_minuten=sum(i.minuten or 0 for i in items) if gespreksleider else None,
        totaal_besteed=sum(i.besteed or 0 for i in items) if gespreksleider else None,
        sessie=session,
        hulp=_help_desks(library, [p.item for p in held.parts if p.item is not None]),
    )


def _description(programme: Any, leader: bool) -> str | None:
    """A programme's description is written for the facilitator (how to run it, what to
    reveal when): only in the facilitator's version."""
    return programme.beschrijving if programme is not None and leader else None


def _item_view(
    library: Any,
    number: int,
    item: Any,
    leader: bool,
    minutes: int,
    votes: Mapping[int | None, Mapping[str, int]] | None = None,
    hidden: Mapping[int | None, str] | None = None,
) -> ItemView:
    """One item. ``votes`` (a session's counts per question of this item, keyed by casus
    step, None for other items) adds results; without it there are none. ``hidden``: the
    masked questions (too few phone votes), with the text to show instead."""
    kind = kinds.kind_of(item)
    view = ItemView(
        nummer=number,
        anker=f"onderdeel-{number}",
        type=item.type,
        soort=kind.name,
        titel=item.titel.strip(),
        thema=library.naam("themas", item.thema),
    )

    def question(texts: Sequence[kinds.Text], obj: Any, vote: Stemming) -> QuestionView:
        shown = _question(vote, leader, votes, hidden)
        if leader:  # what the room sees after the vote, and what is not printed for it
            for text in texts:
                if text.audience == kinds.AFTER_VOTE or (
                    text.audience == kinds.ROOM and not text.handout
                ):
                    setattr(shown, text.field, text.value(obj))
        return shown

    vote = kinds.vote_of(item, None)
    for text, value in kinds.room_texts(kind.texts, item, handout=not leader):
        role = text.role
        if role in ("bullets", "numbered"):
            view.vragen = list(value)
        elif role == "statement":
            view.stelling = value
            if vote is not None:
                view.stemming = question(kind.texts, item, vote)
                view.stemming.vraag = None  # the question is the statement, shown above
        elif role == "question" and vote is None:
            view.vraag = value  # a question without options
        elif role == "question":
            view.stemming = question(kind.texts, item, vote)
        else:
            view.tekst = value
    for step_number, step in enumerate(kinds.steps_of(item), start=1):
        texts = {t.role: t.value(step) for t in kind.step}
        moment = kinds.moment_of(item, step)
        view.stappen.append(
            StepView(
                step_number,
                texts["title"].strip(),
                texts["lead"],
                list(texts["bullets"]),
                None
                if moment is None
                else question(kind.moment_texts, moment, kinds.vote_of(item, step_number)),
            )
        )
    if leader:
        view.minuten = minutes
        for text, values in kinds.facilitator_texts(item, library):
            setattr(view, text.field, values if isinstance(text.value(item), list) else values[0])
    return view


def _question(
    vote: Stemming,
    leader: bool,
    votes: Mapping[int | None, Mapping[str, int]] | None,
    hidden: Mapping[int | None, str] | None = None,
) -> QuestionView:
    options = [
        OptionView(letter(i), o.tekst, juist=leader and o.id in vote.juist)
        for i, o in enumerate(vote.opties)
    ]
    question = QuestionView(vote.vraag, options)
    if hidden and vote.stap in hidden:
        question.verborgen = hidden[vote.stap]
    elif votes is not None:
        counts = votes.get(vote.stap)
        if counts is None:
            question.niet_gestemd = True
        else:
            _add_results(question, [counts.get(o.id, 0) for o in vote.opties])
    return question


def _add_results(question: QuestionView, counts: Sequence[int]) -> None:
    total = sum(counts)
    question.totaal = total
    for option, n in zip(question.opties, counts, strict=True):
        option.stemmen = n
        option.procent = round(100 * n / total) if total else 0


def _unreadable_view(number: int, part: HeldPart, leader: bool) -> ItemView:
    """A part whose stored snapshot this version cannot read: its title and the raw
    counts per option id, rather than no handout at all."""
    view = ItemView(
        nummer=number,
        anker=f"onderdeel-{number}",
        type=part.type,
        soort=TYPE_NAMES.get(part.type, part.type),
        titel=part.titel,
        onleesbaar=True,
        minuten=part.minutes if leader else None,
    )
    for held in part.questions:
        counts = held.stemmen
        question = QuestionView(
            f"Stap {held.stap}" if held.stap else "Uitslag",
            [OptionView(letter(i), option_id) for i, option_id in enumerate(counts or {})],
        )
        if counts is None:
            question.verborgen = held.verborgen
        else:
            _add_results(question, list(counts.values()))
        view.uitslagen.append(question)
    return view


# --- text as HTML blocks ----------------------------------------------------------------------

_LIST_ITEM = re.compile(r"^(?:(?P<bullet>[-•*✓])|(?P<number>\d+)[.)])\s+")


def text_blocks(text: str | None) -> list[list[tuple[str, Any]]]:
    """Content text as the HTML handout shows it: paragraphs, each a list of parts
    ``("p", text)``, ``("ul", items)`` or ``("ol", items)``, so list lines become a list
    and a lead-in stays in one paragraph with the list it introduces."""
    from gesprek.content.text import paragraph_lines

    result = []
    for lines in paragraph_lines(text):
        parts: list[tuple[str, Any]] = []
        for line in lines:
            match = _LIST_ITEM.match(line)
            if match is None:
                parts.append(("p", line))
                continue
            kind = "ul" if match.group("bullet") else "ol"
            item = line[match.end() :]
            if parts and parts[-1][0] == kind:
                parts[-1][1].append(item)
            else:
                parts.append((kind, [item]))
        result.append(parts)
    return result


def css_string(text: Any) -> Any:
    """Text as a quoted CSS string (for the running header of the printed page): every
    character that is not a letter, digit or space as a CSS escape, so nothing in it can
    end the string or the style sheet."""
    from markupsafe import Markup

    out = "".join(
        c if (c.isalnum() and c.isascii()) or c == " " else f"\\{ord(c):06x}"
        for c in one_line(str(text))
    )
    return Markup(f'"{out}"')


# --- Markdown escaping ------------------------------------------------------------------------


class MdSafe(str):
    """Markdown text that is already escaped (the output of our filters)."""


_MD_INLINE = re.compile(r"[\\`*_\[\]<>|]|&(?=#?\w+;)")
_MD_REPLACE = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
# What makes a line more than a paragraph: a heading, list, quote (already an entity),
# thematic break or setext underline, code fence. (| is escaped everywhere: table cells.)
_MD_LINE_START = re.compile(r"^([#+=~-]|\d+(?=[.)]))")


def md_escape(text: Any) -> MdSafe:
    """Text that Markdown shows as it is: no HTML (``<`` and ``>`` become entities), no
    emphasis, code, links or images, and no line that starts a heading, list, quote,
    rule or code block. Leading spaces go (they would make a code block)."""
    lines = []
    for raw in str(text).split("\n"):
        line = _MD_INLINE.sub(lambda m: _MD_REPLACE.get(m.group(), "\\" + m.group()), raw.strip())
        match = _MD_LINE_START.match(line)
        if match:
            end = match.end()
            line = line[:end] + "\\" + line[end:] if match.group().isdigit() else "\\" + line
        lines.append(line)
    return MdSafe("\n".join(lines))


def md_block(text: str | None, indent: int = 0) -> MdSafe:
    """Content text as escaped Markdown paragraphs; lines within a paragraph end in a hard
    break. ``indent`` spaces go before every line after the first (inside a list item)."""
    pad = " " * indent
    blocks = [
        f"  \n{pad}".join(md_escape(line) for line in paragraph.split("\n"))
        for paragraph in paragraphs(text)
    ]
    return MdSafe(f"\n\n{pad}".join(blocks))


def md_line(text: str | None) -> MdSafe:
    return md_escape(one_line(text))


def _md_finalize(value: Any) -> Any:
    return value if isinstance(value, MdSafe) else md_escape(value)


# --- rendering ----------------------------------------------------------------------------------

_ENVIRONMENTS: dict[str, Any] = {}


def _environment(formaat: str) -> Any:
    env = _ENVIRONMENTS.get(formaat)
    if env is not None:
        return env
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from gesprek.paths import data_dir

    html = formaat == "html"
    env = Environment(
        loader=FileSystemLoader(data_dir("templates")),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=None if html else _md_finalize,
    )
    env.filters["alineas"] = paragraphs
    env.filters["blokken"] = text_blocks
    env.filters["css_tekst"] = css_string
    env.filters["regel"] = one_line
    env.filters["md"] = md_block
    env.filters["md_regel"] = md_line
    env.filters["md_escape"] = md_escape
    # Only for the output of the template's own macros, whose values are escaped already.
    env.filters["md_klaar"] = MdSafe
    _ENVIRONMENTS[formaat] = env
    return env


def check_format(formaat: str) -> str:
    value = formaat.strip().lower()
    if value not in FORMATS:
        raise UsageError(f"onbekend formaat '{formaat}'", hint="Kies html of md.")
    return value


# The extensions each format may be written to (the first is the one to suggest);
# Markdown is plain text, so .txt is fine for it.
EXTENSIONS = {"html": (".html", ".htm"), "md": (".md", ".markdown", ".txt")}


def format_for(path: Path) -> str:
    """The format an output path asks for when --formaat is not given."""
    return "md" if path.suffix.lower() in (".md", ".markdown") else "html"


def check_extension(path: Path, formaat: str) -> None:
    """A UsageError when the output path's extension does not fit the format (HTML in a
    .pdf, Markdown in an .html file): a file must open as what its name says."""
    from gesprek.errors import display_path

    suffix = path.suffix.lower()
    if suffix in EXTENSIONS[formaat]:
        return
    shown = display_path(path)
    wanted = EXTENSIONS[formaat][0]
    if suffix == ".pdf":
        raise UsageError(
            f"{shown}: gesprek maakt geen PDF; een hand-out is HTML (.html) of Markdown (.md)",
            hint="Schrijf naar een .html-bestand, open het in een browser en kies "
            "Afdrukken > Opslaan als PDF.",
        )
    other = next((f for f, ends in EXTENSIONS.items() if suffix in ends), None)
    what = {"html": "HTML", "md": "Markdown"}
    if other is not None:
        raise UsageError(
            f"{shown}: de extensie {suffix} past niet bij --formaat {formaat}",
            hint=f"Geef een pad dat op {wanted} eindigt, of kies --formaat {other}.",
        )
    raise UsageError(
        f"{shown}: een hand-out in {what[formaat]} is een {wanted}-bestand",
        hint=f"Geef een pad dat op {wanted} eindigt (of .md voor Markdown).",
    )


def session_number(text: str) -> int:
    """A session id as typed after --sessie."""
    try:
        number = int(text.strip())
    except ValueError:
        number = 0
    if number < 1:
        raise UsageError(
            f"--sessie verwacht het nummer van een sessie, niet '{text}'",
            hint="'gesprek sessies' toont de opgenomen sessies.",
        )
    return number


def render_handout(handout: Handout, formaat: str = "html") -> str:
    """The handout as one HTML page or as Markdown."""
    formaat = check_format(formaat)
    template = _environment(formaat).get_template(TEMPLATES[formaat])
    # A team label or note may hold control characters: never into a file that someone
    # may 'cat' in a terminal (the templates themselves hold none but tab and newline).
    return visible(str(template.render(h=handout)))

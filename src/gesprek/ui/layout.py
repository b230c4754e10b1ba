"""Fitting a screen to the terminal: a card of readable width, centred, that never scrolls.

A card is a list of sections. Pinned sections (the question and its options while a vote
waits, the results after it) are always on screen; the other sections flow, and when the
whole card does not fit, the flowing part is shown a page at a time with a visible
"meer ↓" and the key ``m`` to page on. So the top of a screen never scrolls away, and the
terminal's own scrollback is never needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rich import box
from rich.align import Align
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.text import Text

MEASURE = 100  # widest card, in columns: lines of about 90 characters read from a distance
PAGE_KEY = "m"
BORDER = "bright_white"


@dataclass
class Section:
    body: RenderableType
    pinned: bool = False
    soft: bool = False  # pinned when there is room (the facilitator notes), else flows


@dataclass
class Card:
    title: str
    sections: list[Section] = field(default_factory=list)
    subtitle: str | None = None
    heading: str | None = None  # the item's title, large on a roomy screen
    keep_pinned: bool = False  # pinned sections on every page (a vote waits), else page 1 only

    def add(self, *renderables: RenderableType, pinned: bool = False, soft: bool = False) -> Card:
        for renderable in renderables:
            self.sections.append(Section(renderable, pinned or soft, soft))
        return self


def roomy(console: Console) -> bool:
    """A big screen (e.g. 160x45): more space around the text and between options."""
    width, height = console.size
    return width >= 110 and height >= 36


def card_width(console: Console) -> int:
    return min(console.size.width, MEASURE)


class _Lines:
    """Pre-rendered lines as a renderable."""

    def __init__(self, lines: Sequence[list[Segment]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            yield from line
            yield Segment.line()


@dataclass
class Fitted:
    renderable: RenderableType
    page: int  # the page shown (0-based)
    pages: int  # 1 when everything fits


def _render(console: Console, renderable: RenderableType, width: int) -> list[list[Segment]]:
    options = console.options.update(width=width, height=None)
    return console.render_lines(renderable, options, pad=False, new_lines=False)


def fit_card(console: Console, card: Card, max_rows: int, page: int = 0) -> Fitted:
    """The card as a panel of at most ``max_rows`` rows, showing page ``page`` of its
    flowing sections when it does not fit at once."""
    big = roomy(console)
    width = card_width(console)
    pad_y, pad_x = (1, 4) if big else (0, 2)
    inner = max(20, width - 2 - 2 * pad_x)  # borders and padding
    sections = list(card.sections)
    if card.heading is not None:
        head: list[RenderableType] = [Text(card.heading, style="bold underline")]
        if big:
            head.append(Text(""))
        sections[:0] = [Section(Group(*head), pinned=True)]
    available = max(3, max_rows - 2 - 2 * pad_y)
    rendered = [(s.pinned, _render(console, s.body, inner)) for s in sections]
    total = sum(len(lines) for _, lines in rendered)
    if total > available:
        pinned_rows = sum(len(lines) for pinned, lines in rendered if pinned)
        if pinned_rows + 3 > available:  # no room for soft pins: they flow
            rendered = [
                (s.pinned and not s.soft, lines)
                for s, (_, lines) in zip(sections, rendered, strict=True)
            ]
    pages = 1
    shown: list[list[Segment]] = []
    if total <= available:
        for _, lines in rendered:
            shown += lines
    else:
        pinned_rows = sum(len(lines) for pinned, lines in rendered if pinned)
        room = available - pinned_rows - 1  # one row for the "meer" line
        if room < 2:  # the pinned part alone does not fit: everything flows
            rendered = [(False, lines) for _, lines in rendered]
            pinned_rows, room = 0, available - 1
        flow = sum(len(lines) for pinned, lines in rendered if not pinned)
        # Page windows over the flowing lines: with keep_pinned every page has the pinned
        # sections; otherwise only the first, and later pages use the whole card.
        later = room if card.keep_pinned else available - 1
        windows = [(0, room)]
        while windows[-1][1] < flow:
            start = windows[-1][1]
            windows.append((start, start + later))
        pages = len(windows)
        page %= pages
        start, end = windows[page]
        position = 0
        for pinned, lines in rendered:
            if pinned:
                if page == 0 or card.keep_pinned:
                    shown += lines
                continue
            for line in lines:
                if start <= position < end:
                    shown.append(line)
                position += 1
        marker = (
            f"meer ↓  ({PAGE_KEY} = verder lezen, pagina {page + 1} van {pages})"
            if page < pages - 1
            else f"einde  ({PAGE_KEY} = terug naar het begin, pagina {pages} van {pages})"
        )
        shown.append([Segment(marker, console.get_style("bold"))])
    panel = Panel(
        Padding(_Lines(shown), (pad_y, pad_x)),
        title=Text(f" {card.title} ", style="bold"),
        title_align="left",
        subtitle=Text(f" {card.subtitle} ", style="bold") if card.subtitle else None,
        subtitle_align="right",
        box=box.HEAVY,
        border_style=BORDER,
        width=width,
        padding=0,
    )
    renderable: RenderableType = panel
    if console.size.width > width:
        renderable = Align.center(panel)
    return Fitted(renderable, page, pages)


def rows_of(console: Console, renderables: Iterable[RenderableType]) -> int:
    """How many terminal rows the renderables take at the console's width."""
    return sum(len(_render(console, r, console.size.width)) for r in renderables)

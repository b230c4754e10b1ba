"""Measuring and fitting text: python-pptx cannot measure rendered text, so every text box
is sized here. It holds the units and font sizes, per-character widths (Arial's, an
estimate on the safe side) with line counts and paragraph and run heights, the ``Block``
(one paragraph and its look) with its height, the ``Box`` a text is fitted to, and the
fitting itself: blocks packed on pages at the largest body size that takes no more slides
(``paginate``), blocks shortened into one box (``_fit_one``) and the title's size
(``fit_title``). No python-pptx here."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gesprek.export.common import short

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


# -- blocks of text -------------------------------------------------------------------------


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
class Box:
    left: int
    top: int
    width: int
    height: int
    widen: float = 1.0  # the font's width against Arial's (see width_factor)
    tall: float = 1.0  # the font's line height against LINE_HEIGHT (see line_factor)

    @property
    def inner_width_pt(self) -> float:
        """The width for the estimate: a wider font makes the line shorter in Arial ems."""
        return (self.width - 2 * INSET_X) / EMU_PER_PT / self.widen

    @property
    def inner_height_pt(self) -> float:
        return (self.height - 2 * INSET_Y) / EMU_PER_PT * FIT_MARGIN / self.tall


# -- fitting ------------------------------------------------------------------------------------


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_SPLITTABLE = ("text", "line")
_QUESTIONS = ("question", "statement")


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


def _leads(block: Block) -> bool:
    """A heading, or a lead-in ending in a colon, kept with the block after it."""
    return block.keep and (block.kind == "heading" or block.text.endswith(":"))


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
                assert pending is not None  # no head was cut, so pending was not replaced
                current.append(pending)
                pending = None
            # a heading or a lead-in never ends a slide: it moves on with what it leads to
            carried: list[Block] = []
            while len(current) > 1 and _leads(current[-1]):
                carried.insert(0, current.pop())
            pages.append(current)
            current, used = carried, height(carried, True) if carried else 0.0

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
            head = group[0] if len(group) > 1 and group[0].kind in _QUESTIONS else None
            if head is not None and current:  # the question and its options on a slide
                pages.append(current)  # of their own, after the situation
                current, used = [], 0.0
            chunks = _balanced(head, group[1:], height, height_pt) if head is not None else None
            if head is not None and chunks is not None:
                # the options spread evenly over slides that each repeat the question
                for number, chunk in enumerate(chunks):
                    again = (
                        head
                        if number == 0
                        else Block(head.text, head.kind, head.lead, head.bold, True)
                    )
                    if number:
                        pages.append(current)
                    current = [again, *chunk]
                    used = height(current, True)
                continue
            for block in group:
                overflows = bool(current) and used + height([block], False) > height_pt
                if head is not None and block is not head and overflows:
                    # a continuation slide repeats the question above the options
                    pages.append(current)
                    again = Block(head.text, head.kind, head.lead, head.bold, True)
                    current, used = [again], height([again], True)
                place(block)
    if current or not pages:
        pages.append(current)
    return [page for page in pages if page] or [[]], broken


def _balanced(
    head: Block, options: Sequence[Block], height: Any, height_pt: float
) -> list[list[Block]] | None:
    """Options too many for one slide under their question, in as few slides as greedy
    filling takes, but spread evenly (no option alone on a last slide); None if one
    option with the question does not fit on a slide (it is then cut)."""
    top = height([head], True)
    sizes = [height([o], False) for o in options]
    if any(top + size > height_pt for size in sizes):
        return None

    def split(limit: int) -> list[list[Block]]:
        chunks: list[list[Block]] = [[]]
        used = top
        for option, size in zip(options, sizes, strict=True):
            if chunks[-1] and (used + size > height_pt or len(chunks[-1]) >= limit):
                chunks.append([])
                used = top
            chunks[-1].append(option)
            used += size
        return chunks

    fewest = len(split(len(options)))
    count = len(options)
    bounds = [round(i * count / fewest) for i in range(fewest + 1)]
    if all(top + sum(sizes[a:b]) <= height_pt for a, b in itertools.pairwise(bounds)):
        return [list(options[a:b]) for a, b in itertools.pairwise(bounds)]  # an even split
    for limit in range(math.ceil(count / fewest), count + 1):
        chunks = split(limit)
        if len(chunks) <= fewest:
            return chunks
    return split(len(options))


def _fits(blocks: Sequence[Block], size: float, width_pt: float, height_pt: float) -> bool:
    total = sum(_block_height(b, size, width_pt, i == 0) for i, b in enumerate(blocks))
    return total <= height_pt


def paginate(
    blocks: Sequence[Block], width_pt: float, height_pt: float, sizes: Sequence[int] = BODY_SIZES
) -> tuple[list[list[Block]], int]:
    """The blocks on one slide at the largest body size that fits; else on as few slides
    as possible, at the largest size that takes no more slides, among the sizes that keep
    each question with all its options on one slide where any size does."""
    for size in sizes:
        if _fits(blocks, size, width_pt, height_pt):
            return [list(blocks)], size
    tried = [(size, *_pack(blocks, size, width_pt, height_pt)) for size in sizes]
    pool = [t for t in tried if not t[2]] or tried
    fewest = min(len(pages) for _, pages, _ in pool)
    size, pages, _ = next(t for t in pool if len(t[1]) == fewest)
    return pages, size


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

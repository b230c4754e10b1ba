"""An independent check that a deck's text fits its boxes: every paragraph of a written
shape is measured with a real TrueType font through Pillow (python-pptx depends on it),
at the sizes the slide sets, wrapped word by word into the shape's width, and its lines
(at the font's own line height, read from the font file) plus the space before each
paragraph must fit the shape's height. Nothing of the renderer's estimate (its width
table, line height or factors) is used: only what the written file says and what the font
measures.

The deck is set in Arial (the built-in deck) or in a template's theme fonts; the text is
measured with a font of the same widths: Liberation Sans for Arial and Helvetica (metric-
compatible), Carlito for Calibri (metric-compatible), DejaVu Sans for Verdana and any
other font (Bitstream Vera's heir: Verdana's near relative, wider than most fonts). Where
a deck's font is not installed (``fonts-liberation``, ``fonts-crosextra-carlito``,
``fonts-dejavu-core`` on Debian; .ci/run installs them) its text is not measured, and
``test_deck.py`` reports that as a skipped test.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from functools import cache
from typing import Any

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EMU_PER_PT = 12700
_SIZE = 1000  # fonts are loaded at 1000 px to the em; widths scale to any point size
# typeface prefix -> (regular, bold) font files of the same widths
_TWINS = {
    "arial": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "helvetica": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "liberation sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "arimo": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "calibri": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "carlito": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
}
_OTHER = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def twin(typeface: str) -> tuple[str, str]:
    """The (regular, bold) font files the oracle measures ``typeface`` with."""
    for prefix, files in _TWINS.items():
        if typeface.lower().startswith(prefix):
            return files
    return _OTHER


@cache
def _font(name: str) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(name, _SIZE)


def missing_fonts(typefaces: tuple[str, ...]) -> list[str]:
    """The oracle's font files for ``typefaces`` that are not installed here."""
    missing = []
    for typeface in typefaces:
        for name in twin(typeface):
            try:
                _font(name)
            except OSError:
                missing.append(name)
    return sorted(set(missing))


@cache
def line_em(name: str) -> float:
    """A single-spaced line in ems: the font's ascender, descender and line gap (its
    ``hhea`` table) over its units per em (its ``head`` table)."""
    with open(_font(name).path, "rb") as file:
        data = file.read()
    count = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for index in range(count):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * index : 28 + 16 * index])
        tables[tag] = offset
    units = struct.unpack(">H", data[tables[b"head"] + 18 : tables[b"head"] + 20])[0]
    ascender, descender, gap = struct.unpack(
        ">hhh", data[tables[b"hhea"] + 4 : tables[b"hhea"] + 10]
    )
    return (ascender - descender + gap) / units


def theme_fonts(prs: Any) -> tuple[str, str]:
    """The theme's (major, minor) latin typefaces, read from the file."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    xml = prs.slide_master.part.part_related_by(RT.THEME).blob.decode("utf-8", "replace")
    found = []
    for which in ("majorFont", "minorFont"):
        match = re.search(rf'<a:{which}>\s*<a:latin typeface="([^"]*)"', xml)
        found.append(match.group(1) if match else "")
    return found[0], found[1]


@dataclass
class Measured:
    needed_pt: float
    available_pt: float
    problem: str = ""


def _width_pt(text: str, bold: bool, size: float, files: tuple[str, str]) -> float:
    return _font(files[1] if bold else files[0]).getlength(text) * size / _SIZE


def _lines(words: list[tuple[float, float]], first_pt: float, other_pt: float) -> int:
    """Lines that words of (width, width of the space before it) take, wrapped greedily
    at ``first_pt`` on the first line and ``other_pt`` after; a word wider than a line
    breaks inside the word."""
    lines, used, room = 1, 0.0, first_pt
    for width, space in words:
        if used and used + space + width <= room:
            used += space + width
            continue
        if used:
            lines, room, used = lines + 1, other_pt, 0.0
        while width > room:  # a word longer than a line
            width -= room
            lines, room = lines + 1, other_pt
        used = width
    return lines


def _words(
    runs: list[tuple[str, bool, float]], files: tuple[str, str]
) -> list[tuple[float, float]]:
    """(width, space before) in points of each word of the runs (text, bold, size)."""
    words: list[tuple[float, float]] = []
    pending_space = 0.0
    joined = False  # the previous run ended inside a word
    for text, bold, size in runs:
        for index, piece in enumerate(re.split(r"( +)", text)):
            if not piece:
                continue
            if piece.startswith(" "):
                pending_space += _width_pt(piece, bold, size, files)
                joined = False
                continue
            width = _width_pt(piece, bold, size, files)
            if joined and index == 0 and words:
                words[-1] = (words[-1][0] + width, words[-1][1])
            else:
                words.append((width, pending_space))
                pending_space = 0.0
            joined = True
        joined = joined and not text.endswith(" ")
    return words


def measure(shape: Any, typeface: str) -> Measured:
    """The height a written shape's text takes, measured with the oracle font for
    ``typeface``, against the height its box has inside its insets."""
    files = twin(typeface)
    frame = shape.text_frame
    inner_pt = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_PT
    available = (shape.height - frame.margin_top - frame.margin_bottom) / EMU_PER_PT
    elements = shape.element.findall(f"{{*}}txBody/{_A}p")
    needed = 0.0
    for paragraph, element in zip(frame.paragraphs, elements, strict=True):
        runs = [
            (run.text, bool(run.font.bold), run.font.size.pt if run.font.size else 18.0)
            for run in paragraph.runs
        ]
        if not runs:
            continue
        size = max(s for _, _, s in runs)
        ppr = element.find(f"{_A}pPr")
        margin = int(ppr.get("marL", "0")) / EMU_PER_PT if ppr is not None else 0.0
        indent = int(ppr.get("indent", "0")) / EMU_PER_PT if ppr is not None else 0.0
        first = inner_pt - max(0.0, margin + indent)
        if any("\t" in text for text, _, _ in runs):  # a lead in the hanging indent
            lead: list[tuple[str, bool, float]] = []
            while "\t" not in runs[0][0]:
                lead.append(runs.pop(0))
            head, tail = runs[0][0].split("\t", 1)
            lead.append((head, runs[0][1], runs[0][2]))
            runs[0] = (tail, runs[0][1], runs[0][2])
            lead_pt = sum(_width_pt(t, b, s, files) for t, b, s in lead)
            if lead_pt > margin:
                return Measured(needed, available, f"the lead {head!r} is wider than its indent")
            first = inner_pt - margin
        if paragraph.space_before is not None:
            needed += paragraph.space_before.pt
        lines = _lines(_words(runs, files), first, inner_pt - margin)
        needed += lines * size * line_em(files[0])
    return Measured(needed, available)


def is_title(shape: Any) -> bool:
    """A title placeholder: set in the theme's major (heading) font."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    if not shape.is_placeholder:
        return False
    return shape.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def text_overflows(prs: Any) -> list[str]:
    """Every text shape whose measured text does not fit its box, described."""
    major, minor = theme_fonts(prs)
    problems = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if not (shape.has_text_frame and shape.text_frame.text.strip()):
                continue
            found = measure(shape, major if is_title(shape) else minor)
            if found.problem or found.needed_pt > found.available_pt:
                title = slide.shapes.title
                name = title.text_frame.text if title is not None else ""
                problems.append(
                    f"slide {number} ({name!r}): {shape.name} needs {found.needed_pt:.0f} pt "
                    f"of {found.available_pt:.0f} {found.problem}".rstrip()
                )
    return problems

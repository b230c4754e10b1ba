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

The modules: ``fitting`` (measuring and fitting text), ``slides`` (the slide specs and the
plans), ``template`` (the default presentation, a trainer's template, its layouts and
font), ``render`` (specs into slides), ``fastparts`` (new slides and notes pages made fast),
``pptx_internals`` (every use of python-pptx's internals, and why) and ``writer``
(``build_deck`` and ``write_deck``). This package re-exports
their public names.
"""

from __future__ import annotations

from gesprek.export.deck.fitting import (
    BODY_SIZES,
    BOLD_WIDTH,
    EMU_PER_INCH,
    EMU_PER_PT,
    FIT_MARGIN,
    INSET_X,
    INSET_Y,
    LINE_HEIGHT,
    TITLE_ONE_LINE,
    TITLE_SIZES,
    Block,
    Box,
    fit_title,
    paginate,
    paragraph_height,
    runs_height,
)
from gesprek.export.deck.render import (
    DEFAULT_BAR_COLOR,
    DEFAULT_TEXT_COLOR,
    DEFAULT_TITLE_COLOR,
    Renderer,
)
from gesprek.export.deck.slides import (
    ChartSlide,
    Plan,
    Spec,
    TextSlide,
    TitleSlide,
    item_slides,
    plan_selection,
    plan_session,
)
from gesprek.export.deck.template import (
    PRESENTATION_MAIN,
    TEMPLATE_MAIN,
    Layouts,
    Role,
    default_presentation,
    find_layouts,
    line_factor,
    open_template,
    width_factor,
)
from gesprek.export.deck.writer import build_deck, write_deck

__all__ = [
    "BODY_SIZES",
    "BOLD_WIDTH",
    "DEFAULT_BAR_COLOR",
    "DEFAULT_TEXT_COLOR",
    "DEFAULT_TITLE_COLOR",
    "EMU_PER_INCH",
    "EMU_PER_PT",
    "FIT_MARGIN",
    "INSET_X",
    "INSET_Y",
    "LINE_HEIGHT",
    "PRESENTATION_MAIN",
    "TEMPLATE_MAIN",
    "TITLE_ONE_LINE",
    "TITLE_SIZES",
    "Block",
    "Box",
    "ChartSlide",
    "Layouts",
    "Plan",
    "Renderer",
    "Role",
    "Spec",
    "TextSlide",
    "TitleSlide",
    "build_deck",
    "default_presentation",
    "find_layouts",
    "fit_title",
    "item_slides",
    "line_factor",
    "open_template",
    "paginate",
    "paragraph_height",
    "plan_selection",
    "plan_session",
    "runs_height",
    "width_factor",
    "write_deck",
]

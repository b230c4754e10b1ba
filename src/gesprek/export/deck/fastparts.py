"""New slides and notes pages, made fast. ``SlideMaker`` makes the first slide of each
layout and the first notes page the python-pptx way and copies later ones from that first
one's XML (the python-pptx internals this takes are in ``pptx_internals``)."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from gesprek.export.deck.pptx_internals import (
    RT,
    new_notes_slide,
    new_slide,
    next_slide_id,
)


@dataclass
class _Prototype:
    layout_part: Any
    element: Any
    title: int | None
    body: int | None


class SlideMaker:
    """New slides and notes pages, fast. python-pptx's ``add_slide`` and ``notes_slide``
    clone each placeholder from the layout or notes master with a series of XPath
    lookups (~4 ms a slide, more than everything else a slide costs here). The first
    slide of each layout and the first notes page are made that way; later ones copy
    that first one's XML before anything was written on it, and are related to the
    presentation, layout and notes master as python-pptx relates them."""

    def __init__(self, prs: Any) -> None:
        self.prs = prs
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
            deepcopy(slide.element),
            ids.index(title.shape_id) if title is not None else None,
            ids.index(body.shape_id) if body is not None else None,
        )

    def copy(self, prototype: _Prototype) -> Any:
        if self.next_id is None:  # python-pptx finds the next id by scanning all of them
            self.next_id = next_slide_id(self.prs)
        slide = new_slide(self.prs, prototype.layout_part, prototype.element, self.next_id)
        self.next_id += 1
        return slide

    def notes(self, slide: Any) -> Any:
        if self.notes_element is None:
            notes = slide.notes_slide
            self.notes_element = deepcopy(notes.element)
            return notes
        return new_notes_slide(self.prs, slide, self.notes_element)

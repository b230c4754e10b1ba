"""New slides, notes pages and part names, made fast with python-pptx internals (the deck
depends on them for speed; the tests catch a break). ``_SlideMaker`` makes the first slide
of each layout and the first notes page the python-pptx way and copies later ones from
that first one's XML; ``_quick_partnames`` gives a deck's package a part-naming function
that walks the package once instead of once per new part."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT


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

"""Every use of python-pptx's internals in the deck, in one place.

python-pptx's API documents presentations, slides, shapes, text frames and charts, but not
the XML layer under them (``pptx.oxml``), the package and its parts (``pptx.opc``,
``pptx.parts``) or the private attributes of its proxy objects. The deck needs them where
the public API cannot do a thing or does it too slowly:

- writing DrawingML text directly (``qn``, ``parse_xml``, ``text_body``): the public
  property setters cost ~10x more per paragraph, and there is no public setter for a
  paragraph's hanging indent (``marL``/``indent``) or a chart's ``tickLblSkip``;
- making slides and notes pages fast (``new_slide``, ``new_notes_slide``, ``next_slide_id``,
  ``quick_partnames``): ``Slides.add_slide`` and ``Slide.notes_slide`` clone every
  placeholder with XPath lookups (~4 ms a slide) and the package names each new part by
  walking the whole package (n² for a deck of n slides);
- taking a core property out (``remove_last_printed``: the public setter refuses None).

Where the public API does the job it is used instead, also by this module: ``.element``
(the lxml element behind a slide, shape, chart or presentation), ``Part.blob``'s setter
(replacing a theme, app.xml or thumbnail), ``part_related_by``, ``relate_to`` and
``drop_rel``.

Checked against python-pptx 1.0.2 (constraints.txt) and 1.0.0 (the lowest that
pyproject.toml allows, ``>=1.0,<2``; .ci/run runs the test below there too). What breaks if they change: the deck command fails with an
AttributeError or writes a package PowerPoint repairs; ``tests/test_pptx_internals.py``
names each internal used here and fails first, saying which one is gone.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

__all__ = [
    "RT",
    "new_notes_slide",
    "new_part",
    "new_slide",
    "next_slide_id",
    "parse_xml",
    "qn",
    "quick_partnames",
    "remove_last_printed",
    "text_body",
]


def text_body(frame: Any) -> Any:
    """The ``txBody`` element of a text frame (TextFrame keeps it private)."""
    return frame._txBody


def remove_last_printed(core: Any) -> None:
    """Take ``cp:lastPrinted`` out of the core properties (``last_printed = None`` is
    refused: the setter wants a datetime)."""
    for printed in core._element.findall(qn("cp:lastPrinted")):
        core._element.remove(printed)


def new_part(package: Any, partname: str, content_type: str, blob: bytes) -> Any:
    """A plain part of the package (app.xml, a thumbnail) with ``blob`` as its content."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    return Part(PackURI(partname), content_type, package, blob)


def next_slide_id(prs: Any) -> int:
    """The id for the next slide (python-pptx finds it by scanning every slide id)."""
    return int(prs.slides.element._next_id)


def new_slide(prs: Any, layout_part: Any, element: Any, slide_id: int) -> Any:
    """A slide on ``layout_part`` with a copy of ``element`` as its XML, added to the
    presentation as ``Slides.add_slide`` adds one, with ``slide_id`` as its id."""
    from pptx.parts.slide import SlidePart

    presentation = prs.part
    part = SlidePart(
        presentation._next_slide_partname, CT.PML_SLIDE, presentation.package, deepcopy(element)
    )
    part.relate_to(layout_part, RT.SLIDE_LAYOUT)
    rid = presentation.relate_to(part, RT.SLIDE)
    prs.slides.element._add_sldId(id=slide_id, rId=rid)
    return part.slide


def new_notes_slide(prs: Any, slide: Any, element: Any) -> Any:
    """A notes page for ``slide`` with a copy of ``element`` as its XML, related to the
    slide and the notes master as ``Slide.notes_slide`` relates one."""
    from pptx.parts.slide import NotesSlidePart

    package = prs.part.package
    part = NotesSlidePart(
        package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
        CT.PML_NOTES_SLIDE,
        package,
        deepcopy(element),
    )
    part.relate_to(prs.part.notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    return part.notes_slide


def quick_partnames(prs: Any) -> None:
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

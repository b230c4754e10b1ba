"""The python-pptx internals the deck relies on (``gesprek.export.deck.pptx_internals``)
are still there in the installed python-pptx. When one of these fails after an upgrade,
the message names the internal and what the deck uses it for: look there, not at a deck
test failing deep inside a render."""

from __future__ import annotations

import importlib
import inspect
from importlib.metadata import version

import pytest

pptx = pytest.importorskip("pptx")

from pptx import Presentation  # noqa: E402

VERSION = version("python-pptx")


def _deck():
    """A presentation with one title+body slide and its notes page, as the deck makes."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text_frame.text = "Titel"
    slide.notes_slide.notes_text_frame.text = "Notitie"
    return prs, slide


def _missing(owner: str, name: str, use: str) -> str:
    return (
        f"python-pptx {VERSION} has no {owner}.{name} any more; "
        f"gesprek.export.deck.pptx_internals uses it {use}"
    )


# (module, name, what for)
MODULE_NAMES = [
    ("pptx.oxml", "parse_xml", "to write DrawingML text directly"),
    ("pptx.oxml.ns", "qn", "to name DrawingML elements"),
    ("pptx.opc.constants", "RELATIONSHIP_TYPE", "to find and relate parts"),
    ("pptx.opc.constants", "CONTENT_TYPE", "to make slide and notes parts"),
    ("pptx.opc.package", "Part", "to add app.xml and the thumbnail"),
    ("pptx.opc.packuri", "PackURI", "to name new parts"),
    ("pptx.parts.slide", "SlidePart", "to copy a slide (new_slide)"),
    ("pptx.parts.slide", "NotesSlidePart", "to copy a notes page (new_notes_slide)"),
]


@pytest.mark.parametrize(("module", "name", "use"), MODULE_NAMES, ids=lambda v: str(v))
def test_the_modules_and_names_are_there(module, name, use):
    try:
        found = importlib.import_module(module)
    except ImportError:
        pytest.fail(_missing(module, "(module)", use))
    assert hasattr(found, name), _missing(module, name, use)


def test_text_frames_keep_their_element():
    _, slide = _deck()
    frame = slide.shapes.title.text_frame
    assert hasattr(frame, "_txBody"), _missing("TextFrame", "_txBody", "in text_body")


def test_core_properties_keep_their_element():
    prs, _ = _deck()
    core = prs.core_properties
    assert hasattr(core, "_element"), _missing(
        "CorePropertiesPart", "_element", "in remove_last_printed"
    )


def test_the_slide_list_and_presentation_part_are_as_new_slide_expects():
    prs, _ = _deck()
    part = prs.part
    assert hasattr(part, "_next_slide_partname"), _missing(
        "PresentationPart", "_next_slide_partname", "in new_slide"
    )
    slide_list = prs.slides.element
    assert hasattr(slide_list, "_next_id"), _missing(
        "CT_SlideIdList", "_next_id", "in next_slide_id"
    )
    assert hasattr(slide_list, "_add_sldId"), _missing(
        "CT_SlideIdList", "_add_sldId", "in new_slide"
    )


@pytest.mark.parametrize("name", ["SlidePart", "NotesSlidePart"])
def test_slide_parts_are_made_from_a_name_type_package_and_element(name):
    from pptx.parts import slide as parts

    parameters = list(inspect.signature(getattr(parts, name).__init__).parameters)[1:5]
    assert parameters == ["partname", "content_type", "package", "element"], _missing(
        f"{name}.__init__", "(partname, content_type, package, element)", "to copy slides"
    )


def test_a_part_blob_can_be_replaced_and_the_package_renames_per_instance():
    from pptx.opc.package import Part

    blob = inspect.getattr_static(Part, "blob")
    assert isinstance(blob, property) and blob.fset is not None, _missing(
        "Part", "blob (setter)", "to replace the theme, app.xml and thumbnail"
    )
    prs, _ = _deck()
    package = prs.part.package
    assert callable(getattr(package, "next_partname", None)), _missing(
        "OpcPackage", "next_partname", "in quick_partnames"
    )


def test_every_internals_function_works_on_a_fresh_presentation():
    """Each function once, on python-pptx's own default presentation: a change that keeps
    the names but not what they do shows here."""
    from gesprek.export.deck import pptx_internals as internals

    prs, slide = _deck()
    internals.quick_partnames(prs)
    layout = slide.part.part_related_by(internals.RT.SLIDE_LAYOUT)
    copy = internals.new_slide(prs, layout, slide.element, internals.next_slide_id(prs))
    notes = internals.new_notes_slide(prs, copy, slide.notes_slide.element)
    assert len(prs.slides) == 2 and prs.slides[1].slide_id > prs.slides[0].slide_id
    assert notes.notes_text_frame.text == "Notitie"
    assert copy.shapes.title.text_frame.text == "Titel"
    assert internals.text_body(copy.shapes.title.text_frame).tag == internals.qn("p:txBody")
    internals.remove_last_printed(prs.core_properties)
    assert prs.core_properties.last_printed is None
    part = internals.new_part(prs.part.package, "/docProps/x.bin", "application/x", b"x")
    part.blob = b"y"
    assert part.blob == b"y"

"""The deck file's own description: core properties (title, subject, author, language,
dates), the extended properties (presentation format, counts) and a thumbnail. Without
this a deck carries python-pptx's stock data: "Steve Canny" as its last editor, dated
2013, "4:3" on a 16:9 deck and a blank thumbnail. The thumbnail is the deck's title drawn
with Pillow (python-pptx depends on it) in the deck's colours: python-pptx cannot render
a slide."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from gesprek.export.deck.pptx_internals import RT, new_part, remove_last_printed
from gesprek.visible import visible

AUTHOR = "gesprek"
THUMB_WIDTH = 256
NAVY = (0x12, 0x25, 0x4A)
WHITE = (0xFF, 0xFF, 0xFF)

_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def describe(prs: Any, title: str, subject: str, now: datetime | None = None) -> None:
    """Set the deck's core and extended properties and its thumbnail."""
    now = (now or datetime.now(UTC)).replace(microsecond=0, tzinfo=None)
    # python-pptx refuses control characters in properties (a team label may hold them).
    title, subject = visible(title), visible(subject)
    core = prs.core_properties
    core.title = title
    core.subject = subject
    core.author = AUTHOR
    core.last_modified_by = AUTHOR
    core.language = "nl-NL"
    core.created = now
    core.modified = now
    remove_last_printed(core)  # never printed
    core.revision = 1
    core.keywords = "integriteit; het goede gesprek"
    core.comments = ""
    core.category = ""
    core.content_status = ""
    core.identifier = ""
    core.version = ""
    package = prs.part.package
    slides = len(prs.slides)
    _set_part(package, RT.EXTENDED_PROPERTIES, _app_xml(prs, slides))
    _set_part(package, RT.THUMBNAIL, thumbnail(title, prs.slide_width, prs.slide_height))


def presentation_format(width: int, height: int) -> str:
    """PowerPoint's name for the slide size, in Dutch."""
    ratio = width / height if height else 0
    for name, value in (("16:9", 16 / 9), ("16:10", 16 / 10), ("4:3", 4 / 3)):
        if abs(ratio - value) < 0.01:
            return f"Diavoorstelling ({name})"
    return "Aangepast"


def _app_xml(prs: Any, slides: int) -> bytes:
    fmt = escape(presentation_format(int(prs.slide_width), int(prs.slide_height)))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_APP_NS}" xmlns:vt="{_VT_NS}">'
        f"<TotalTime>0</TotalTime><Application>{AUTHOR}</Application>"
        f"<PresentationFormat>{fmt}</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{slides}</Notes><HiddenSlides>0</HiddenSlides>"
        "</Properties>"
    ).encode()


def _set_part(package: Any, reltype: str, blob: bytes) -> None:
    """Replace the blob of the package's part of ``reltype``, or add the part."""
    try:
        package.part_related_by(reltype).blob = blob
        return
    except KeyError:
        pass
    name, content_type = {
        RT.EXTENDED_PROPERTIES: (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
        RT.THUMBNAIL: ("/docProps/thumbnail.jpeg", "image/jpeg"),
    }[reltype]
    package.relate_to(new_part(package, name, content_type, blob), reltype)


def thumbnail(title: str, width: int, height: int) -> bytes:
    """A small JPEG of the title: white text on the deck's navy, in the slide's shape."""
    from PIL import Image, ImageDraw, ImageFont

    size = (THUMB_WIDTH, max(1, round(THUMB_WIDTH * height / width)) if width else 144)
    image = Image.new("RGB", size, NAVY)
    draw = ImageDraw.Draw(image)
    margin = 16
    font: Any
    try:
        font = ImageFont.load_default(size=20)
    except (TypeError, OSError):  # Pillow without FreeType: the small bitmap font
        font = ImageFont.load_default()
    lines = _wrap(draw, title, font, size[0] - 2 * margin)[:4]
    line_height = 26
    top = max(margin, (size[1] - line_height * len(lines)) // 2)
    for number, line in enumerate(lines):
        draw.text((margin, top + number * line_height), line, fill=WHITE, font=font)
    draw.rectangle((0, size[1] - 6, size[0], size[1]), fill=WHITE)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _wrap(draw: Any, text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]

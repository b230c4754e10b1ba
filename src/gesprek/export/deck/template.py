"""The presentation the deck is rendered into: the built-in default (python-pptx's template
stretched to 16:9, Arial for Calibri) or a trainer's template (.pptx or .potx; a .potx gets
its content type patched so python-pptx opens it, and the template's own slides are
removed). It also finds the layouts the deck uses by their placeholders (``find_layouts``:
title+body, title-only, title+subtitle, and the body area) and detects how much wider than
Arial the theme's body font sets text (``width_factor``)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from gesprek.errors import UsageError, display_path
from gesprek.export.deck.fitting import EMU_PER_INCH, LINE_HEIGHT, Box
from gesprek.export.deck.pptx_internals import RT, qn

TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_MAIN = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)

# -- the presentation: default or template ---------------------------------------------------------


_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
_FURNITURE = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


def _box(shape: Any) -> Box | None:
    if None in (shape.left, shape.top, shape.width, shape.height):
        return None
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


@dataclass
class Role:
    """A layout as the deck uses it: where its title (and body, or subtitle) go."""

    layout: Any
    title_idx: int
    title: Box
    body_idx: int | None = None
    body: Box | None = None
    extras: bool = False  # it has other placeholders, removed from each slide


@dataclass
class Layouts:
    """The layouts the deck uses, found by their placeholders: ``text`` (title+body, else
    title-only with a text box), ``chart`` (title-only, else title+body without its body),
    ``cover`` (title+subtitle, if the template has one) and the body area."""

    text: Role
    chart: Role
    cover: Role | None
    body: Box


def _layout_placeholders(layout: Any) -> list[tuple[Any, int, Any, Box | None]]:
    found = []
    for ph in layout.placeholders:
        fmt = ph.placeholder_format
        kind = fmt.type
        if kind in _FURNITURE:
            continue
        if kind in _BODIES and ph.element.ph.get("orient") == "vert":
            kind = None  # vertical text is no body for this deck
        found.append((kind, fmt.idx, ph, _box(ph)))
    return found


def find_layouts(prs: Any, shown: str = "het sjabloon") -> Layouts:
    """Title+body (the largest horizontal body below the title), title-only and title+
    subtitle layouts, found by their placeholders; a UsageError if there is no layout to
    put a title and text on."""
    width, height = int(prs.slide_width), int(prs.slide_height)
    title_body: Role | None = None
    title_only: Role | None = None
    cover: Role | None = None
    best: tuple[int, int] | None = None
    for layout in prs.slide_layouts:
        found = _layout_placeholders(layout)
        titles = [f for f in found if f[0] in _TITLES and f[3] is not None]
        if len(titles) != 1:
            continue
        _, title_idx, _, title = titles[0]
        assert title is not None
        if not _inside(title, width, height):
            continue
        bodies = [f for f in found if f[0] in _BODIES and f[3] is not None]
        subtitles = [f for f in found if f[0] == PP_PLACEHOLDER.SUBTITLE and f[3] is not None]
        if len(found) == 1 and title_only is None:
            title_only = Role(layout, title_idx, title)
        if len(subtitles) == 1 and len(found) == 2 and cover is None:
            _, idx, _, box = subtitles[0]
            if box is not None and _inside(box, width, height):
                cover = Role(layout, title_idx, title, idx, box)
        if len(bodies) == 1:
            _, idx, _, box = bodies[0]
            assert box is not None
            if box.top >= title.top + title.height // 2 and _inside(box, width, height):
                extras = len(found) > 2
                rank = (int(extras), -(box.width * box.height))
                if best is None or rank < best:
                    best = rank
                    title_body = Role(layout, title_idx, title, idx, box, extras)
    if title_body is None and title_only is None:
        raise UsageError(
            f"{shown} heeft geen bruikbare dia-indeling: geen indeling met een titel "
            "(en een tekstvak)",
            hint="Voeg in PowerPoint de indeling 'Titel en object' of 'Alleen titel' toe.",
        )
    if title_body is not None and title_body.body is not None:
        body = title_body.body
    else:  # title-only: the text goes below the title
        assert title_only is not None
        title = title_only.title
        top = title.top + title.height + int(0.15 * EMU_PER_INCH)
        bottom = height - int(0.5 * EMU_PER_INCH)
        body = Box(title.left, top, title.width, max(bottom - top, EMU_PER_INCH))
    text = title_body or title_only
    chart = title_only or title_body
    assert text is not None and chart is not None
    widen, tall = width_factor(prs), line_factor(prs)
    if (widen, tall) != (1.0, 1.0):
        for role in {id(r): r for r in (text, chart, cover) if r is not None}.values():
            role.title = replace(role.title, widen=widen, tall=tall)
            if role.body is not None:
                role.body = replace(role.body, widen=widen, tall=tall)
        body = replace(body, widen=widen, tall=tall)
    return Layouts(text, chart, cover, body)


def _inside(box: Box, width: int, height: int) -> bool:
    return (
        box.left >= 0
        and box.top >= 0
        and box.left + box.width <= width
        and box.top + box.height <= height
    )


def default_presentation() -> Any:
    """python-pptx's default template at 16:9 (13.333 x 7.5 in): its 4:3 master and layouts
    stretched to the new width, and Arial for Calibri (Arial, or its metric twin Liberation
    Sans, is on every machine that opens the deck; the text estimate uses its widths)."""
    prs = Presentation()
    old = int(prs.slide_width)
    prs.slide_width = Emu(12192000)
    prs.slide_height = Emu(6858000)
    factor = 12192000 / old
    master = prs.slide_master
    for owner in [master, *master.slide_layouts]:
        for shape in owner.shapes:
            if _has_own_position(shape):
                shape.left = Emu(int(shape.left * factor))
                shape.width = Emu(int(shape.width * factor))
    theme = _theme(prs)
    if theme is not None:  # a plain part: its blob is its content
        theme.blob = theme.blob.replace(
            b'<a:latin typeface="Calibri"/>', b'<a:latin typeface="Arial"/>'
        )
    return prs


# Where a shape's own position is (a shape without one follows its layout or master).
_OWN_XFRM = (
    f"{qn('p:spPr')}/{qn('a:xfrm')}",
    f"{qn('p:grpSpPr')}/{qn('a:xfrm')}",
    qn("p:xfrm"),  # a graphic frame
)


def _has_own_position(shape: Any) -> bool:
    return any(shape.element.find(path) is not None for path in _OWN_XFRM)


def _theme(prs: Any) -> Any | None:
    try:
        return prs.slide_master.part.part_related_by(RT.THEME)
    except KeyError:
        return None


# How much wider than Arial a theme's body font sets text (never less than 1: Calibri and
# other narrower fonts keep Arial's estimate, which is then on the safe side).
_WIDER_FONTS = {
    "verdana": 1.21,  # 1.18 measured on words; 1.5 % more seen in rendered lines
    "dejavu sans": 1.17,
    "bitstream vera sans": 1.17,
    "century gothic": 1.12,
    "lucida sans": 1.08,
    "lucida grande": 1.08,
    "open sans": 1.07,
    "georgia": 1.05,
    "segoe ui": 1.03,
    "tahoma": 1.03,
}
_NARROW_ENOUGH = (
    "arial",
    "helvetica",
    "liberation sans",
    "arimo",
    "calibri",
    "carlito",
    "cambria",
    "times",
    "roboto",
    "source sans",
    "trebuchet",
    "gill sans",
    "franklin gothic",
    "rijksoverheid",
)


# A single-spaced line of a theme's body font, in ems (ascent, descent and line gap, as
# PowerPoint and LibreOffice set it), against the estimate's LINE_HEIGHT (Calibri's 1.22).
_LINE_HEIGHTS = {
    "arial": 1.15,
    "helvetica": 1.15,
    "liberation sans": 1.15,
    "arimo": 1.15,
    "calibri": 1.22,
    "carlito": 1.22,
    "verdana": 1.22,
    "dejavu sans": 1.17,
    "times": 1.15,
    "georgia": 1.14,
    "cambria": 1.18,
    "tahoma": 1.21,
    "trebuchet": 1.17,
    "roboto": 1.18,
    "segoe ui": 1.33,
    "open sans": 1.37,
    "source sans": 1.26,
}


def _body_font(prs: Any) -> str | None:
    """The theme's body (minor) font, lower case; None without a theme."""
    theme = _theme(prs)
    if theme is None:
        return None
    found = re.search(rb'<a:minorFont>\s*<a:latin typeface="([^"]*)"', theme.blob)
    return found.group(1).decode("utf-8", "replace").lower() if found else ""


def line_factor(prs: Any) -> float:
    """The theme's body font's line height against the estimate's (1.0 for Calibri; less
    for Arial, whose lines are lower, so its text is not shrunk needlessly; more for
    fonts with tall lines; 1.05 for a font this table does not know)."""
    name = _body_font(prs)
    for known, height in _LINE_HEIGHTS.items():
        if name and name.startswith(known):
            return round(height / LINE_HEIGHT, 3)
    return 1.05


def width_factor(prs: Any) -> float:
    """The theme's body font against Arial: 1.0 for Arial and narrower fonts, more for
    wide fonts (Verdana ...), 1.05 for a font this table does not know."""
    name = _body_font(prs)
    if name is None:
        return 1.05
    for known, factor in _WIDER_FONTS.items():
        if name.startswith(known):
            return factor
    if name.startswith(_NARROW_ENOUGH):
        return 1.0
    return 1.05


def open_template(path: Path) -> Any:
    """A trainer's template (.pptx or .potx) with its slides removed; a UsageError if it is
    not a PowerPoint file."""
    path = Path(path)
    shown = display_path(path)
    hint = "Geef een PowerPoint-bestand (.pptx of .potx), bijvoorbeeld de huisstijl van je organisatie."
    if not path.exists():
        raise UsageError(f"het sjabloon {shown} bestaat niet")
    if path.is_dir():
        raise UsageError(f"het sjabloon {shown} is een map", hint=hint)
    if path.suffix.lower() not in (".pptx", ".potx"):
        raise UsageError(
            f"het sjabloon {shown} is geen PowerPoint-bestand (.pptx of .potx)", hint=hint
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"kan het sjabloon {shown} niet lezen ({exc.strerror})") from None
    not_pptx = UsageError(f"het sjabloon {shown} is geen PowerPoint-bestand", hint=hint)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "ppt/presentation.xml" not in names:
                raise not_pptx
            types = archive.read("[Content_Types].xml")
            if TEMPLATE_MAIN in types:  # a .potx: python-pptx only opens presentations
                data = _patched(archive, types.replace(TEMPLATE_MAIN, PRESENTATION_MAIN))
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        raise not_pptx from None
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception:  # python-pptx raises many kinds on damaged packages
        raise UsageError(f"kan het sjabloon {shown} niet lezen (beschadigd?)", hint=hint) from None
    _remove_slides(prs)
    return prs


def _patched(archive: zipfile.ZipFile, types: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            body = types if info.filename == "[Content_Types].xml" else archive.read(info)
            target.writestr(info, body)
    return out.getvalue()


def _remove_slides(prs: Any) -> None:
    """Take the template's own slides out (their parts are not saved once unreferenced)."""
    slide_list = prs.slides.element  # python-pptx has no Slides.remove
    ids = list(slide_list)
    if not ids:
        return
    shows = prs.element.find(qn("p:custShowLst"))
    if shows is not None:  # custom shows point at the slides being removed
        shows.getparent().remove(shows)
    for slide_id in ids:
        rid = slide_id.get(qn("r:id"))
        slide_list.remove(slide_id)
        prs.part.drop_rel(rid)

"""Rendering slide specs into a presentation. It holds the text written as DrawingML XML
directly (runs, paragraphs, the blocks of a slide; a text frame set to wrap, with the
insets the estimate assumed and no autofit; a placeholder pinned to the box its text was
fitted to) and the ``Renderer``, which makes the text, chart and title slides on the
layouts found in the template, with their titles, bodies, charts and notes."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from xml.sax.saxutils import escape

from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from gesprek.export.deck.fastparts import SlideMaker
from gesprek.export.deck.fitting import (
    _STYLES,
    EMU_PER_INCH,
    EMU_PER_PT,
    FIT_MARGIN,
    INSET_X,
    INSET_Y,
    Block,
    Box,
    _block_height,
    _fit_one,
    fit_title,
    paginate,
    paragraph_height,
)
from gesprek.export.deck.pptx_internals import parse_xml, qn, text_body
from gesprek.export.deck.slides import ChartSlide, TextSlide, TitleSlide
from gesprek.export.deck.template import Layouts, Role

DEFAULT_TITLE_COLOR = RGBColor(0x12, 0x25, 0x4A)  # dark navy on white: contrast > 14:1
DEFAULT_BAR_COLOR = RGBColor(0x12, 0x25, 0x4A)
DEFAULT_TEXT_COLOR = RGBColor(0x26, 0x26, 0x26)


# -- rendering -----------------------------------------------------------------------------------


_NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_P = qn("a:p")
_BODY_PR = qn("a:bodyPr")
_AUTOFITS = {qn("a:noAutofit"), qn("a:normAutofit"), qn("a:spAutoFit")}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _run_xml(text: str, size: int | None, bold: bool, color: RGBColor | None = None) -> str:
    """One run: its size, weight, colour and language (Dutch proofing in PowerPoint)."""
    attributes = ' lang="nl-NL" dirty="0"'
    if size is not None:
        attributes += f' sz="{size * 100}" b="{1 if bold else 0}"'
    fill = f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>' if color else ""
    body = escape(_CONTROL.sub("", text))
    return f"<a:r><a:rPr{attributes}>{fill}</a:rPr><a:t>{body}</a:t></a:r>"


def _paragraph_xml(runs: str, margin: int = 0, space: int = 0, center: bool = False) -> str:
    align = ' algn="ctr"' if center else ""
    return (
        f'<a:p><a:pPr marL="{margin}" indent="{-margin}"{align}>'
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{space}"/></a:spcBef><a:buNone/></a:pPr>{runs}</a:p>'
    )


def _blocks_xml(blocks: Sequence[Block], size: int) -> str:
    out = []
    for index, block in enumerate(blocks):
        factor, bold, before, indent = _STYLES[block.kind]
        own = round(size * factor)
        bold = bold or block.bold
        if block.kind == "lead":
            runs = _run_xml(block.lead + " ", own, True)
            runs += _run_xml(block.text, own, bold) if block.text else ""
        elif indent:
            runs = _run_xml(block.lead + "\t", own, True) + _run_xml(block.text, own, bold)
        else:
            runs = _run_xml(block.text, own, bold)
        margin = int(indent * size * EMU_PER_PT)
        space = 0 if index == 0 else round(before * size * 100)
        out.append(_paragraph_xml(runs, margin, space, block.kind == "statement"))
    return "".join(out) or "<a:p/>"


def _write(frame: Any, paragraphs: str, *, fit: bool = True) -> None:
    """Replace a text frame's paragraphs (XML written directly: python-pptx's property
    setters cost ~10x more per paragraph). With ``fit``, the frame wraps, has the
    insets the estimate assumed, is anchored at the top and never autofits."""
    body = text_body(frame)
    if fit:
        props = body.find(_BODY_PR)
        props.set("wrap", "square")
        props.set("lIns", str(INSET_X))
        props.set("rIns", str(INSET_X))
        props.set("tIns", str(INSET_Y))
        props.set("bIns", str(INSET_Y))
        props.set("anchor", "t")
        for child in list(props):
            if child.tag in _AUTOFITS:
                props.remove(child)
        position = 1 if len(props) and props[0].tag == qn("a:prstTxWarp") else 0
        props.insert(position, parse_xml(f'<a:noAutofit xmlns:a="{_NS_A}"/>'))
    for old in body.findall(_P):
        body.remove(old)
    fragment = parse_xml(f'<a:txBody xmlns:a="{_NS_A}">{paragraphs}</a:txBody>')
    body.extend(list(fragment))


def _pin(shape: Any, box: Box) -> Any:
    """Give a placeholder the position and size its text was fitted to, on the slide
    itself (a placeholder otherwise follows its layout, should that change later)."""
    props = shape.element.find(qn("p:spPr"))
    for old in props.findall(qn("a:xfrm")):
        props.remove(old)
    xfrm = parse_xml(
        f'<a:xfrm xmlns:a="{_NS_A}"><a:off x="{box.left}" y="{box.top}"/>'
        f'<a:ext cx="{box.width}" cy="{box.height}"/></a:xfrm>'
    )
    props.insert(0, xfrm)
    return shape


_AXIS_IDS = (qn("c:axId"), qn("c:crossAx"))
_LIST_SIZES = (24, 22, 20, 18, 16)


def _positive_axis_ids(chart: Any) -> None:
    """python-pptx numbers chart axes with negative ids, which the schema forbids
    (xsd:unsignedInt); renumber them 1, 2, ... keeping which axis crosses which."""
    numbers: dict[str, str] = {}
    for element in chart.element.iter(*_AXIS_IDS):
        old = element.get("val")
        element.set("val", numbers.setdefault(old, str(len(numbers) + 1)))


# The children of c:catAx that come after c:tickLblSkip (CT_CatAx in the schema).
_AFTER_TICK_LABEL_SKIP = (qn("c:tickMarkSkip"), qn("c:noMultiLvlLbl"), qn("c:extLst"))


def _every_tick_label(chart: Any) -> None:
    """Every category label shown, none skipped for lack of room (``tickLblSkip`` 1; the
    category axis has no property for it)."""
    axis = chart.element.find(f".//{qn('c:catAx')}")
    if axis is None:
        return
    skip = axis.find(qn("c:tickLblSkip"))
    if skip is None:
        skip = parse_xml(f'<c:tickLblSkip xmlns:c="{_NS_C}" val="1"/>')
        after = next((child for child in axis if child.tag in _AFTER_TICK_LABEL_SKIP), None)
        if after is not None:
            after.addprevious(skip)
        else:
            axis.append(skip)
    skip.set("val", "1")


@dataclass
class _ChartLayout:
    question: tuple[list[Block], int] | None
    question_box: Box
    chart_box: Box
    list_box: Box
    options: tuple[list[Block], int]
    total_box: Box


class Renderer:
    def __init__(self, prs: Any, layouts: Layouts, *, default: bool) -> None:
        self.prs = prs
        self.layouts = layouts
        self.default = default
        self.slides = SlideMaker(prs)

    # slides

    def _slide(self, role: Role) -> tuple[Any, Any, Any | None]:
        """A new slide of ``role``'s layout: the slide, its title and its body placeholder;
        any other placeholder the layout brings is removed."""
        made = self.slides.get(id(role))
        if made is not None:
            slide = self.slides.copy(made)
            shapes = slide.shapes
            title = shapes[made.title] if made.title is not None else None
            body = shapes[made.body] if made.body is not None else None
            return slide, title, body
        slide = self.prs.slides.add_slide(role.layout)
        title = body = None
        for ph in list(slide.placeholders):
            idx = ph.placeholder_format.idx
            if idx == role.title_idx:
                title = ph
            elif idx == role.body_idx:
                body = ph
            else:
                ph.element.getparent().remove(ph.element)
        self.slides.remember(id(role), slide, title, body)
        return slide, title, body

    def text_slide(self, spec: TextSlide) -> None:
        role = self.layouts.text
        box = self.layouts.body
        width, height = box.inner_width_pt, box.inner_height_pt
        pages, size = paginate(spec.blocks, width, height, spec.sizes)
        for number, page in enumerate(pages):
            slide, title, body = self._slide(role)
            text = spec.title if number == 0 else f"{spec.title} (vervolg)"
            self._title(title, role.title, text)
            shape = _pin(body, box) if body is not None else self._textbox(slide, box)
            self._fill(shape.text_frame, page, size)
            self._notes(slide, spec.notes)

    def one_size_per_item(self, specs: Sequence[Any]) -> None:
        """The text slides of one item in one body size where they can be: the largest
        size that at least three in four of its one-slide slides take (each is fitted
        at its own largest size first); those that fit at a larger size take this one,
        the few that need less keep their own, so one long step does not shrink a whole
        casus. A slide that continues takes it too where that costs no extra slide."""
        box = self.layouts.body
        width, height = box.inner_width_pt, box.inner_height_pt
        items: dict[int, list[TextSlide]] = {}
        for spec in specs:
            if isinstance(spec, TextSlide) and spec.item:
                items.setdefault(spec.item, []).append(spec)
        for slides in items.values():
            fitted = [(spec, *paginate(spec.blocks, width, height, spec.sizes)) for spec in slides]
            single = sorted((size for _, pages, size in fitted if len(pages) == 1), reverse=True)
            if len(single) < 2:
                continue
            common = single[math.ceil(0.75 * len(single)) - 1]
            for spec, pages, size in fitted:
                if size <= common:
                    continue
                if len(pages) == 1 or len(
                    paginate(spec.blocks, width, height, (common,))[0]
                ) <= len(pages):
                    spec.sizes = (common,)

    def chart_slide(self, spec: ChartSlide) -> None:
        # charts pull in xlsxwriter (~40 ms): only for decks that have them
        from pptx.chart.data import CategoryChartData
        from pptx.enum.chart import XL_CHART_TYPE

        role = self.layouts.chart
        slide, title, body = self._slide(role)
        self._title(title, role.title, spec.title)
        if body is not None:  # a title+body layout: the chart takes the body's place
            body.element.getparent().remove(body.element)
        layout = self._chart_layout(spec, self.layouts.body)
        if layout.question is not None:
            self._fill(self._textbox(slide, layout.question_box).text_frame, *layout.question)
        data = CategoryChartData()
        data.categories = spec.labels
        data.add_series("Stemmen", spec.values)
        chart_box = layout.chart_box
        frame = slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_CLUSTERED,
            chart_box.left,
            chart_box.top,
            chart_box.width,
            chart_box.height,
            data,
        )
        self._style_chart(frame.chart, len(spec.labels))
        _positive_axis_ids(frame.chart)
        self._fill(self._textbox(slide, layout.list_box).text_frame, *layout.options)
        total = sum(spec.values)
        votes = "1 stem" if total == 1 else f"{total} stemmen"
        total_frame = self._textbox(slide, layout.total_box).text_frame
        self._fill(
            total_frame, *_fit_one([Block(f"Totaal: {votes}")], layout.total_box, (20, 18, 16))
        )
        self._notes(slide, spec.notes)

    def _chart_layout(self, spec: ChartSlide, box: Box) -> _ChartLayout:
        """Where the question, the chart, the option list and the total go. The question
        on top, measured with room to spare so the chart stays clear of it; the chart on
        the left with the total below it; the full text of every option on the right, at
        the largest size from 24 to 16 pt (read from the back of a room) that takes it
        whole, with more of the width if needed. Where the options do not fit under the
        question, the question is left off (it is on the slide before and in the notes);
        only where they do not fit even then are they shortened."""
        full = [
            Block(text, "option", lead)
            for lead, text in zip(spec.labels, spec.options, strict=True)
        ]
        total_height = int(0.5 * EMU_PER_INCH)
        gap = int(0.2 * EMU_PER_INCH)
        layout: _ChartLayout | None = None
        for ask in [True, False] if spec.question else [False]:
            top = box.top
            question = None
            question_box = box
            if ask:
                limit = replace(box, height=int(box.height * 0.3))
                found, size = _fit_one([Block(spec.question, "question")], limit, (24, 22, 20, 18))
                needed = sum(_block_height(b, size, limit.inner_width_pt, True) for b in found)
                spare = 0.4 * size  # the estimate's error with a wide font
                height = int((needed / FIT_MARGIN + spare) * EMU_PER_PT) + 2 * INSET_Y
                question_box = replace(box, height=min(height, limit.height))
                question = (found, size)
                top = question_box.top + question_box.height + int(8 * EMU_PER_PT)
            area = replace(box, top=top, height=box.top + box.height - top)
            for share in (0.55, 0.62, 0.7, 0.78):
                width = int(area.width * share)
                list_box = replace(area, left=area.left + area.width - width, width=width)
                blocks, size = _fit_one(full, list_box, _LIST_SIZES)
                left = replace(area, width=list_box.left - area.left - gap)
                chart_box = replace(left, height=left.height - total_height)
                total_box = replace(left, top=chart_box.top + chart_box.height, height=total_height)
                layout = _ChartLayout(
                    question, question_box, chart_box, list_box, (blocks, size), total_box
                )
                if [b.text for b in blocks] == [b.text for b in full]:
                    return layout
        assert layout is not None
        return layout

    def title_slide(self, spec: TitleSlide) -> None:
        role = self.layouts.cover
        if role is None or role.body is None:
            blocks = [Block(s, "heading") for s in spec.subtitle]
            self.text_slide(TextSlide(spec.title, blocks, spec.notes))
            return
        slide, title, subtitle = self._slide(role)
        assert subtitle is not None  # role.body is set, so the slide has its body placeholder
        self._title(title, role.title, spec.title, sizes=(44, 40, 36, 32))
        blocks = [Block(s, "text" if i == 0 else "line") for i, s in enumerate(spec.subtitle)]
        blocks, size = _fit_one(blocks, role.body, (28, 24, 20, 18))
        self._fill(_pin(subtitle, role.body).text_frame, blocks, size)
        for paragraph in subtitle.text_frame.paragraphs:
            paragraph.alignment = PP_ALIGN.CENTER
            if self.default:  # the default subtitle is light grey: too little contrast
                for run in paragraph.runs:
                    run.font.color.rgb = DEFAULT_TEXT_COLOR
        self._notes(slide, spec.notes)

    # parts

    def _title(self, shape: Any, box: Box, text: str, sizes: Sequence[int] = ()) -> None:
        width = box.inner_width_pt
        height = box.inner_height_pt
        fitted = next(
            ((text, s) for s in sizes if paragraph_height(text, s, width, bold=True) <= height),
            None,
        )
        text, size = fitted or fit_title(text, width, height)
        _pin(shape, box)
        color = DEFAULT_TITLE_COLOR if self.default else None
        _write(shape.text_frame, f"<a:p>{_run_xml(text, size, True, color)}</a:p>")

    def _textbox(self, slide: Any, box: Box) -> Any:
        return slide.shapes.add_textbox(box.left, box.top, box.width, box.height)

    def _fill(self, frame: Any, blocks: Sequence[Block], size: int) -> None:
        _write(frame, _blocks_xml(blocks, size))

    def _notes(self, slide: Any, text: str) -> None:
        if text:
            frame = self.slides.notes(slide).notes_text_frame
            lines = "".join(
                f"<a:p>{_run_xml(line, None, False)}</a:p>" for line in text.split("\n")
            )
            _write(frame, lines, fit=False)

    def _style_chart(self, chart: Any, count: int) -> None:
        from pptx.enum.chart import XL_LABEL_POSITION

        chart.has_legend = False
        chart.has_title = False
        chart.font.size = Pt(18)
        plot = chart.plots[0]
        plot.gap_width = 60
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(20)
        labels.font.bold = True
        labels.number_format = "0"
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        category = chart.category_axis
        category.reverse_order = True  # A at the top
        category.tick_labels.font.size = Pt(20)
        category.tick_labels.font.bold = True
        # every bar's letter, never one skipped for lack of room
        _every_tick_label(chart)
        category.has_major_gridlines = False
        value = chart.value_axis
        value.visible = False
        value.has_major_gridlines = False
        value.minimum_scale = 0
        if self.default:
            fill = plot.series[0].format.fill
            fill.solid()
            fill.fore_color.rgb = DEFAULT_BAR_COLOR

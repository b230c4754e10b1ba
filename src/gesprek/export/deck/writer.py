"""The entry points: ``build_deck`` plans the slides of a selection or a held session,
opens the default presentation or the trainer's template, finds its layouts and renders
every slide spec; ``write_deck`` checks the output path, builds the deck and writes it
safely (never over an existing file without ``overwrite``, never half-written)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from gesprek.errors import UsageError, display_path
from gesprek.export.deck.pptx_internals import quick_partnames
from gesprek.export.deck.properties import describe
from gesprek.export.deck.render import Renderer
from gesprek.export.deck.slides import ChartSlide, TitleSlide, plan_selection, plan_session
from gesprek.export.deck.template import default_presentation, find_layouts, open_template
from gesprek.readmodel.held import HeldSession

# -- the entry points ---------------------------------------------------------------------------------


def build_deck(
    source: Any, library: Any, template: Path | None = None, *, today: date | None = None
) -> Any:
    """The deck of a Selection or of a HeldSession (``gesprek.readmodel.held``), in the
    template's look when one is given. Returns the python-pptx Presentation."""
    if isinstance(source, HeldSession):
        plan = plan_session(source, library)
    else:
        if not source.items:
            raise UsageError("de selectie bevat geen items om dia's van te maken")
        plan = plan_selection(source, library, today)
    if template is None:
        prs = default_presentation()
        _render(prs, find_layouts(prs), plan, default=True)
    else:
        with _template_in_use(template):
            prs = open_template(template)
            _render(prs, find_layouts(prs, f"het sjabloon {display_path(template)}"), plan)
    describe(prs, plan.title, plan.subject)
    return prs


@contextmanager
def _template_in_use(template: Path) -> Iterator[None]:
    """Any fault a damaged template causes in python-pptx (a missing part or element, an
    attribute it cannot read: KeyError, TypeError, ValueError, InvalidXmlError ...)
    becomes one Dutch message. Only around the work that reads the template, so a fault
    of our own is not blamed on it."""
    try:
        yield
    except UsageError:
        raise
    except Exception:
        raise UsageError(
            f"kan het sjabloon {display_path(template)} niet gebruiken: het is beschadigd "
            "of onvolledig",
            hint="Open het sjabloon in PowerPoint en sla het opnieuw op, of kies een ander "
            "sjabloon.",
        ) from None


def _render(prs: Any, layouts: Any, plan: Any, *, default: bool = False) -> None:
    quick_partnames(prs)
    renderer = Renderer(prs, layouts, default=default)
    renderer.one_size_per_item(plan.slides)
    for spec in plan.slides:
        if isinstance(spec, TitleSlide):
            renderer.title_slide(spec)
        elif isinstance(spec, ChartSlide):
            renderer.chart_slide(spec)
        else:
            renderer.text_slide(spec)


def write_deck(
    source: Any,
    library: Any,
    path: Path,
    *,
    template: Path | None = None,
    overwrite: bool = False,
    today: date | None = None,
) -> int:
    """Build the deck and write it to ``path`` (never over an existing file without
    ``overwrite``, never half-written). Returns the number of slides."""
    from gesprek.output import check_target, write_with

    path = Path(path)
    if path.suffix.lower() != ".pptx":
        raise UsageError(
            f"{display_path(path)}: een deck is een .pptx-bestand",
            hint="Geef een uitvoerpad dat op .pptx eindigt.",
        )
    check_target(path, overwrite=overwrite)  # before the work, not only after it
    prs = build_deck(source, library, template, today=today)

    def save(tmp: Path) -> None:
        if template is None:
            prs.save(str(tmp))
            return
        with _template_in_use(template):  # the template's parts are saved too
            prs.save(str(tmp))

    write_with(path, save, overwrite=overwrite)
    return len(prs.slides)

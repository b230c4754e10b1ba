"""SELECTIE: which items a command works on, the same for every command that takes it.

- ``--programma ID|PAD``: the programme's parts, in order (with the programme's times);
- ``--kaart ID`` (repeatable): those items, in the order given;
- ``--thema ID`` and ``--type TYPE`` (each repeatable): every item whose thema is one of the
  given themes and whose type is one of the given types (both must match when both are
  given); items named with ``--kaart`` come first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gesprek.content import models
from gesprek.content.library import Library
from gesprek.errors import UsageError, os_reason, suggest


@dataclass
class Selection:
    items: list[Any]
    programma: Any | None = None
    minutes: dict[str, int] = field(default_factory=dict)
    described: str = "alle inhoud"

    @property
    def empty(self) -> bool:
        return not self.items

    def duur(self, item: Any) -> int:
        """Planned minutes of an item in this selection (programme time wins)."""
        return self.minutes.get(item.id, getattr(item, "duur", 0))


def is_given(
    kaarten: Sequence[str], themas: Sequence[str], types: Sequence[str], programma: str | None
) -> bool:
    return bool(kaarten or themas or types or programma)


def select(
    library: Library,
    kaarten: Sequence[str] = (),
    themas: Sequence[str] = (),
    types: Sequence[str] = (),
    programma: str | None = None,
    *,
    allowed_types: Sequence[str] = tuple(models.TYPE_FOLDERS),
) -> Selection:
    for type_name in types:
        if type_name not in allowed_types:
            raise UsageError(
                f"onbekend type '{type_name}'" + suggest(type_name, allowed_types),
                hint=f"Kies uit: {', '.join(allowed_types)}.",
            )
    for thema in themas:
        if thema not in library.kader["themas"]:
            raise UsageError(
                f"onbekend thema '{thema}'" + suggest(thema, library.kader["themas"]),
                hint=f"Thema's: {', '.join(library.kader['themas'])}.",
            )
    if programma:
        if kaarten or themas or types:
            raise UsageError("--programma gaat niet samen met --kaart, --thema of --type")
        return _programme(library, programma, allowed_types)

    chosen: list[Any] = []
    for kaart in kaarten:
        item = library.get(kaart)
        if item.type not in allowed_types:
            raise UsageError(f"'{kaart}' is een {item.type}; dat kan hier niet")
        if item not in chosen:
            chosen.append(item)
    if themas or types or not kaarten:
        for item in library.items.values():
            if item.type not in allowed_types or item in chosen:
                continue
            if themas and getattr(item, "thema", None) not in themas:
                continue
            if types and item.type not in types:
                continue
            chosen.append(item)
    return Selection(chosen, described=describe(library, kaarten, themas, types))


def describe(
    library: Library, kaarten: Sequence[str], themas: Sequence[str], types: Sequence[str]
) -> str:
    """A Dutch description of a selection for titles and records: card titles (up to
    three), theme names and type names."""
    parts = []
    titles = [library.items[k].titel.strip() for k in dict.fromkeys(kaarten)]
    if titles:
        shown = "; ".join(titles[:3])
        parts.append(shown + (f" en {len(titles) - 3} meer" if len(titles) > 3 else ""))
    if themas:
        parts.append("thema " + ", ".join(library.naam("themas", t) for t in themas))
    if types:
        parts.append("soort " + ", ".join(models.TYPE_NAMES[t].lower() for t in types))
    return "; ".join(parts) or "alle inhoud"


def _programme(library: Library, ref: str, allowed_types: Sequence[str]) -> Selection:
    if ref in library.items:
        programme = library.items[ref]
        if programme.type != "programma":
            raise UsageError(f"'{ref}' is een {programme.type}, geen programma")
    elif ref.endswith((".yaml", ".yml")) or Path(ref).exists():
        programme = _load_programme_file(library, Path(ref))
    else:
        programmes = [p.id for p in library.of_type("programma")]
        raise UsageError(
            f"onbekend programma '{ref}'" + suggest(ref, programmes),
            hint=f"Programma's: {', '.join(programmes)}.",
        )
    items = []
    minutes = {}
    for part in programme.onderdelen:
        item = library.get(part.item)
        if item.type in allowed_types:
            items.append(item)
            minutes[item.id] = part.duur
    return Selection(items, programme, minutes, described=programme.titel)


def _load_programme_file(library: Library, path: Path) -> Any:
    """A programme from a file outside the packs, checked like one inside."""
    from pydantic import ValidationError

    from gesprek.content import safe_yaml
    from gesprek.content.library import _validation_problems
    from gesprek.errors import ContentErrors, Problem, display_path

    shown = display_path(path)
    try:
        doc = safe_yaml.load(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"{shown}: kan het bestand niet lezen ({os_reason(exc)})") from None
    except safe_yaml.YamlProblem as exc:
        raise ContentErrors([Problem(shown, exc.line, exc.message)]) from None
    try:
        programme = models.Programma.model_validate(doc.data)
    except ValidationError as exc:
        raise ContentErrors(_validation_problems(shown, doc, exc)) from None
    missing = [
        Problem(
            shown,
            doc.line_of(("onderdelen", i, "item")),
            f"onbekend item '{p.item}'" + suggest(p.item, library.items),
        )
        for i, p in enumerate(programme.onderdelen)
        if p.item not in library.items
    ]
    if missing:
        raise ContentErrors(missing)
    return programme

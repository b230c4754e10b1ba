"""The catalogue of initiatives: search, filters, and suggestions after a session."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from gesprek.errors import UsageError, suggest

TEXT_FIELDS = ("titel", "wat", "doel", "aanpak", "nodig_wie", "nodig_wat")


def fold(text: str) -> str:
    """Lower case without accents: 'Intégrité' -> 'integrite'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _haystack(item: Any, library: Any) -> str:
    parts = [getattr(item, name) for name in TEXT_FIELDS]
    parts.append(library.naam("pijlers", item.pijler))
    parts += [library.naam("doelgroepen", d) for d in item.doelgroep]
    parts += [library.naam("themas", t) for t in item.themas]
    return fold(" ".join(parts))


def search(
    library: Any,
    zoek: str | None = None,
    pijler: str | None = None,
    doelgroep: str | None = None,
) -> list[Any]:
    """Initiatives matching every given filter; ``zoek`` matches all words, in any text
    field, ignoring case and accents."""
    if pijler is not None and pijler not in library.kader["pijlers"]:
        raise UsageError(
            f"onbekende pijler '{pijler}'" + suggest(pijler, library.kader["pijlers"]),
            hint=f"Pijlers: {', '.join(library.kader['pijlers'])}.",
        )
    if doelgroep is not None and doelgroep not in library.kader["doelgroepen"]:
        raise UsageError(
            f"onbekende doelgroep '{doelgroep}'" + suggest(doelgroep, library.kader["doelgroepen"]),
            hint=f"Doelgroepen: {', '.join(library.kader['doelgroepen'])}.",
        )
    words = fold(zoek or "").split()
    found = []
    for item in library.of_type("initiatief"):
        if pijler is not None and item.pijler != pijler:
            continue
        if (
            doelgroep is not None
            and doelgroep not in item.doelgroep
            and "iedereen" not in item.doelgroep
        ):
            continue
        if words:
            haystack = _haystack(item, library)
            if not all(word in haystack for word in words):
                continue
        found.append(item)
    return found


def suggestions(library: Any, themas: Iterable[str], n: int = 2) -> list[Any]:
    """The initiatives that fit the themes discussed best (most shared themes first)."""
    weight = Counter(t for t in themas if t)
    if not weight:
        return []
    scored: list[tuple[int, str, Any]] = []
    for item in library.of_type("initiatief"):
        score = sum(weight[t] for t in item.themas)
        if score:
            scored.append((-score, item.id, item))
    return [item for _, _, item in sorted(scored)[:n]]


def themes_of(items: Sequence[Any]) -> list[str]:
    return [getattr(item, "thema", "") for item in items if getattr(item, "thema", None)]

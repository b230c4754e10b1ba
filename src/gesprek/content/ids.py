"""Proposing an item id from a title: lower-case ASCII kebab-case, accents folded.

"Café Intégrité" -> ``cafe-integrite``. The rules are the model's (``ID_PATTERN``,
``ID_MAX``); this module only makes a valid proposal from free text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Must agree with gesprek.content.models.ID_PATTERN / ID_MAX (a test checks it); kept here
# as literals so proposing an id does not import pydantic.
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX = 80

# Letters that NFKD does not split into a base letter and an accent.
_FOLD = str.maketrans(
    {
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "ẞ": "ss",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
        "ĳ": "ij",
        "Ĳ": "ij",
    }
)
# Apostrophes vanish inside a word: "collega's" -> "collegas", as in the built-in content.
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def is_valid(candidate: str) -> bool:
    return len(candidate) <= ID_MAX and ID_RE.match(candidate) is not None


def propose_id(title: str, fallback: str = "item", max_length: int = ID_MAX) -> str:
    """A valid id for ``title``; ``fallback`` (itself a valid id) when nothing is left."""
    folded = unicodedata.normalize("NFKD", title.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = _APOSTROPHES.sub("", ascii_text)
    slug = _NOT_ALNUM.sub("-", ascii_text).strip("-")
    slug = _cut(slug, max_length)
    return slug if slug else _cut(fallback, max_length)


def _cut(slug: str, max_length: int) -> str:
    """At most ``max_length`` characters, cut at a hyphen where that keeps enough of it."""
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if slug[max_length] != "-" and "-" in cut:
        head = cut.rsplit("-", 1)[0]
        if len(head) >= max_length // 2:
            cut = head
    return cut.rstrip("-")


def free_id(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or ``base-2``, ``base-3`` ... : the first one that is not taken."""
    if not taken(base):
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = _cut(base, ID_MAX - len(suffix)) + suffix
        if not taken(candidate):
            return candidate
        number += 1

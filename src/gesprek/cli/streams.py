"""Output in any console or pipe encoding.

Redirected output on Windows is written in the ANSI code page (cp1252), and a pipe can be
ASCII (``PYTHONIOENCODING=ascii``, a C locale without UTF-8 mode). Characters outside the
encoding would end in a ``UnicodeEncodeError`` traceback. ``install()`` (called once by the
entry point) gives stdout and stderr an error handler that writes a similar character the
encoding has instead (a bar of ``#`` for ``█``, ``v`` for ``✔``, ``e`` for ``é`` in ASCII),
so no command can fail on an encoding. JSON is never transliterated: ``json_ascii()`` says
when it must be written with ``\\uXXXX`` escapes instead, which every JSON reader decodes to
the same text.
"""

from __future__ import annotations

import codecs
import io
import sys
import unicodedata
from typing import Any

ERRORS = "gesprek-fallback"

# Characters gesprek prints itself (bars, marks, dashes) and common ones in user text; what
# is not here falls back to its decomposition without accents, else to "?" ("??" for a wide
# character such as an emoji, so that Rich's tables stay aligned).
SIMILAR = {
    "█": "#",
    "░": ".",
    "▀": "^",
    "▄": "_",
    "▶": ">",
    "✔": "v",
    "✓": "v",
    "✗": "x",
    "✘": "x",
    "⚠": "!",
    "•": "*",
    "·": ".",
    "—": "-",
    "–": "-",
    "‐": "-",
    "−": "-",
    "…": ".",  # one cell, as wide as what Rich measured: tables stay aligned
    "→": "->",
    "←": "<-",
    "⇒": "=>",
    "‘": "'",
    "’": "'",
    "‚": ",",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "€": "EUR",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "ß": "ss",
    "ẞ": "SS",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ı": "i",
    "\u00a0": " ",
}


def similar(char: str) -> str:
    """An ASCII stand-in for one character."""
    if char in SIMILAR:
        return SIMILAR[char]
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    if plain:
        return plain
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return ""  # combining marks, zero-width joiners, emoji variation selectors
    return "??" if unicodedata.east_asian_width(char) in ("W", "F") else "?"


def _fallback(exc: UnicodeError) -> tuple[str | bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    run = exc.object[exc.start : exc.end]
    if all(0xDC80 <= ord(c) <= 0xDCFF for c in run):
        # Bytes that came in undecodable (surrogateescape): give them back as they were.
        return bytes(ord(c) - 0xDC00 for c in run), exc.end
    return "".join(similar(c) for c in run), exc.end


# ASCII under another name. Click (typer.echo, help texts) takes a stream whose encoding is
# named "ascii" for misconfigured and writes UTF-8 to it instead; under this name it writes
# ASCII with the fallback handler, like everything else.
ASCII = "gesprek-ascii"


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") != ASCII.replace("-", "_"):
        return None
    base = codecs.lookup("ascii")
    return codecs.CodecInfo(
        base.encode,
        base.decode,
        streamreader=base.streamreader,
        streamwriter=base.streamwriter,
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=base.incrementaldecoder,
        name=ASCII,
    )


def register() -> None:
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _fallback)
        codecs.register(_search)


def make_safe(stream: Any) -> None:
    """Give a text stream the fallback handler, unless someone chose another handler
    (``PYTHONIOENCODING=cp1252:replace``) on purpose."""
    register()
    if stream is None or getattr(stream, "errors", None) not in ("strict", "surrogateescape"):
        return
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        if _name(getattr(stream, "encoding", None)) == "ascii":
            reconfigure(encoding=ASCII, errors=ERRORS)
        else:
            reconfigure(errors=ERRORS)
    except (ValueError, OSError, io.UnsupportedOperation):
        pass  # a closed or odd stream: leave it as it is


def _name(encoding: str | None) -> str | None:
    try:
        return codecs.lookup(encoding or "").name
    except LookupError:
        return None


def install() -> None:
    """Make stdout and stderr safe for every character (the entry point calls this)."""
    make_safe(sys.stdout)
    make_safe(sys.stderr)


def _unicode(encoding: str | None) -> bool:
    try:
        name = codecs.lookup(encoding or "ascii").name
    except LookupError:
        return False
    return name.startswith(("utf-8", "utf-16", "utf-32"))


def json_ascii(stream: Any = None) -> bool:
    """Whether JSON for ``stream`` (default stdout) needs ``\\uXXXX`` escapes: its encoding
    cannot write every character."""
    stream = sys.stdout if stream is None else stream
    encoding = getattr(stream, "encoding", None)
    return encoding is not None and not _unicode(encoding)  # no encoding: a str buffer

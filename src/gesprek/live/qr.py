"""The join address as a QR code for the terminal (segno), as rows of block characters
(the terminal draws them black on white, ``gesprek.ui.phone_mode``, so that it scans
whatever the terminal's colours are)."""

from __future__ import annotations

BORDER = 2  # modules of quiet zone; phone cameras read 2 fine, and it saves room


def matrix(url: str) -> list[list[bool]]:
    """The code's modules (True = dark), with the quiet zone."""
    import segno

    code = segno.make(url, error="l", micro=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=BORDER)]


def lines(url: str, large: bool = False) -> list[str]:
    """Text rows: ``large`` draws each module as two characters by one row (about square in
    a terminal cell); otherwise two modules share one row through half blocks."""
    rows = matrix(url)
    if large:
        return ["".join("██" if dark else "  " for dark in row) for row in rows]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    out = []
    for top, bottom in zip(rows[0::2], rows[1::2], strict=True):
        out.append(
            "".join(
                "█" if t and b else "▀" if t else "▄" if b else " "
                for t, b in zip(top, bottom, strict=True)
            )
        )
    return out


def size(url: str, large: bool = False) -> tuple[int, int]:
    """(columns, rows) the code takes on the terminal."""
    n = len(matrix(url))
    return (2 * n, n) if large else (n, (n + 1) // 2)

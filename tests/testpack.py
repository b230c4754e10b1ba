"""The small content pack of the tests (``tests/pack/``). Engine, store and deck tests run
on it alone, not on the shipped content, so editing a content file cannot break them; the
built-in content keeps its own tests (test_builtin_content.py and others)."""

from __future__ import annotations

import functools
from pathlib import Path

from gesprek.content import library

TEST_PACK = Path(__file__).resolve().parent / "pack"


@functools.cache
def pack_library() -> library.Library:
    """The test pack loaded alone, without the built-in content (loaded once)."""
    return library.load_packs([TEST_PACK])

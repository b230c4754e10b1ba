"""The standalone (PyInstaller) build: the content cache works there too (issue 18, point 5).
In a frozen build the modules have no files of their own to stat; the executable stands
for them. The build itself is built and tried by .ci/run (packaging/try_build.py)."""

from __future__ import annotations

import sys

from gesprek.content import cache, library
from gesprek.content.library import FOLDERS, KADER_FILE
from gesprek.paths import builtin_content


def test_the_cache_key_in_a_frozen_build_follows_the_executable(tmp_path, monkeypatch):
    executable = tmp_path / "gesprek.exe"
    executable.write_bytes(b"build 1")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    packs = [builtin_content()]
    first = cache.key(packs, FOLDERS, KADER_FILE)
    assert first is not None  # not silently off
    assert cache.key(packs, FOLDERS, KADER_FILE) == first
    executable.write_bytes(b"build 2, a new version")
    assert cache.key(packs, FOLDERS, KADER_FILE) != first


def test_a_frozen_build_reads_its_library_from_the_cache(tmp_path, monkeypatch):
    executable = tmp_path / "gesprek.exe"
    executable.write_bytes(b"build")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    fresh = library.load()
    stored = cache.read(cache.key([builtin_content()], FOLDERS, KADER_FILE) or "")
    assert stored is not None
    items, *_ = stored
    assert items.keys() == fresh.items.keys()

"""Output files: never over an existing file without permission, never half-written, and
readable by others as any new file would be."""

from __future__ import annotations

import os
import stat

import pytest

from gesprek.errors import UsageError
from gesprek.output import write_text, write_with


def test_written_file_has_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        target = tmp_path / "handout.html"
        write_text(target, "<p>hallo</p>", overwrite=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8") == "<p>hallo</p>"


def test_failed_writer_leaves_nothing_behind_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "deck.pptx"
    target.write_text("oud", encoding="utf-8")

    def broken(tmp):
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(UsageError, match="schijf is vol"):
        write_with(target, broken, overwrite=True)
    assert target.read_text(encoding="utf-8") == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]


def test_existing_file_needs_permission(tmp_path):
    target = tmp_path / "x.md"
    target.write_text("oud", encoding="utf-8")
    with pytest.raises(UsageError, match="bestaat al") as info:
        write_text(target, "nieuw", overwrite=False)
    assert "--overschrijf" in (info.value.hint or "")
    assert target.read_text(encoding="utf-8") == "oud"

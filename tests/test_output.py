"""Output files: never over an existing file without permission, never half-written, and
readable by others as any new file would be."""

from __future__ import annotations

import os
import stat

import pytest

from gesprek.errors import UsageError
from gesprek.output import write_text, write_with


@pytest.mark.posix("file modes and the umask exist only on POSIX")
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


def _refuse_like_windows(target):
    """os.replace as Windows does it while PowerPoint or Excel has ``target`` open: a
    sharing violation (PermissionError, WinError 32) for that destination only."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if os.fspath(dst) == os.fspath(target):
            raise PermissionError(
                13, "The process cannot access the file because it is being used by another process"
            )
        return real(src, dst, *args, **kwargs)

    return replace


@pytest.mark.parametrize("name, program", [("deck.pptx", "PowerPoint"), ("export.csv", "Excel")])
def test_a_file_open_in_another_program_keeps_both_versions(tmp_path, monkeypatch, name, program):
    target = tmp_path / name
    target.write_text("oud", encoding="utf-8")
    monkeypatch.setattr(os, "replace", _refuse_like_windows(target))
    with pytest.raises(UsageError) as caught:
        write_text(target, "nieuw", overwrite=True)
    message = caught.value.message
    assert f"sluit het bestand in {program} en probeer opnieuw" in message
    assert name in message
    # The open file is untouched; the new version is kept next to it, and said where.
    assert target.read_text(encoding="utf-8") == "oud"
    kept = target.with_name(f"{target.stem} (nieuw){target.suffix}")
    assert kept.read_text(encoding="utf-8") == "nieuw"
    assert kept.name in (caught.value.hint or "")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, kept.name])


def test_a_deck_open_in_powerpoint_is_a_message_through_the_command(tmp_path, monkeypatch, gesprek):
    target = tmp_path / "deck.pptx"
    assert gesprek("deck", "--kaart", "lunch-niet-betalen", "-o", str(target)).code == 0
    before = target.read_bytes()
    monkeypatch.setattr(os, "replace", _refuse_like_windows(target))
    result = gesprek("deck", "--kaart", "lunch-niet-betalen", "--overschrijf", "-o", str(target))
    assert result.code == 2
    assert "sluit het bestand in PowerPoint en probeer opnieuw" in result.err
    assert "Traceback" not in result.err
    assert target.read_bytes() == before
    from pptx import Presentation

    kept = tmp_path / "deck (nieuw).pptx"
    assert len(Presentation(str(kept)).slides) >= 1


def test_every_kept_name_is_new(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    target.write_text("oud", encoding="utf-8")
    (tmp_path / "deck (nieuw).pptx").write_text("eerder", encoding="utf-8")
    monkeypatch.setattr(os, "replace", _refuse_like_windows(target))
    with pytest.raises(UsageError, match="sluit het bestand in PowerPoint"):
        write_text(target, "nieuw", overwrite=True)
    assert (tmp_path / "deck (nieuw).pptx").read_text(encoding="utf-8") == "eerder"
    assert (tmp_path / "deck (nieuw 2).pptx").read_text(encoding="utf-8") == "nieuw"

"""Build the standalone one-folder application: ``python packaging/build.py``.

Installs nothing itself: run it in an environment with gesprek and PyInstaller installed
(``pip install -e . pyinstaller``; add ``psycopg[binary]`` for ``insturen``). The result is
``dist/gesprek/`` (``gesprek.exe`` on Windows) and, with ``--archive``, a zip or tar.gz of
that folder named after the platform, ready to attach to a release.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(dist: Path, work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "packaging" / "gesprek.spec"),
        ],
        check=True,
    )
    return dist / "gesprek"


def archive(folder: Path) -> Path:
    from gesprek import __version__

    system = {"Darwin": "macos", "Windows": "windows"}.get(platform.system(), "linux")
    name = f"gesprek-{__version__}-{system}-{platform.machine().lower()}"
    fmt = "zip" if system == "windows" else "gztar"
    return Path(shutil.make_archive(str(folder.parent / name), fmt, folder.parent, folder.name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--archive", action="store_true", help="also pack the folder")
    args = parser.parse_args()
    folder = build(args.dist, args.work)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"{folder}: {size / 1e6:.0f} MB")
    if args.archive:
        print(archive(folder))


if __name__ == "__main__":
    main()

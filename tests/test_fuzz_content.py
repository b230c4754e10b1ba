"""Hostile or mangled content never ends in a traceback: a few hundred deterministic
mutations of real content files (bytes flipped, inserted, deleted, lines shuffled, YAML
syntax characters sprinkled in) either load or give Dutch problems with a file name."""

from __future__ import annotations

import random

import pytest

from gesprek.content import library
from tests.conftest import REPO

SOURCES = sorted((REPO / "content").glob("*/*.yaml"))
SPECIAL = [
    b"&a ",
    b"*a",
    b"!!python/object ",
    b"!!map ",
    b"{",
    b"[",
    b"- ",
    b": ",
    b"\t",
    b"\x00",
    b"\xff",
    b"'",
    b'"',
    b"|",
    b">",
    b"%YAML 1.1\n",
    b"---\n",
    b"? ",
    b"<<: ",
    b"\r",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(5)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif kind == 1:
            data[at:at] = rng.choice(SPECIAL)
        elif kind == 2 and data:
            del data[at : at + rng.randint(1, 20)]
        elif kind == 3:
            lines = bytes(data).split(b"\n")
            rng.shuffle(lines)
            data = bytearray(b"\n".join(lines))
        else:
            data[at:at] = bytes(data[: rng.randint(0, 40)])
    return bytes(data)


@pytest.mark.parametrize("seed", range(25))
def test_mangled_files_give_problems_not_tracebacks(seed, tmp_path):
    rng = random.Random(seed)
    pack = tmp_path / "pakket"
    for n in range(40):
        source = rng.choice(SOURCES)
        target = pack / source.parent.name / f"kapot-{seed}-{n}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(mutate(source.read_bytes(), rng))
    loaded = library.load([pack], strict=False)  # must not raise
    for problem in loaded.problems:
        assert problem.path.endswith(".yaml")
        assert problem.message and "Traceback" not in problem.message
    # Every mangled file is accounted for: it loaded as an item or has a problem.
    names = {p.path.rsplit("/", 1)[-1] for p in loaded.problems}
    for target in pack.glob("*/*.yaml"):
        assert target.stem in loaded.items or target.name in names

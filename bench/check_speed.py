"""Bar: `gesprek check PACK` on 2,000 generated items within 2x of a bare script that loads
the same files with `yaml.load(f.read(), Loader=yaml.CSafeLoader)`.

The script writes a temporary pack of valid `dilemma` and `stelling` files (about 1-2 KB
each, only kader ids that DESIGN.md guarantees), checks that `gesprek check PACK` passes,
then times it against the baseline. `gesprek check` loads the built-in content as well as
the pack, so the baseline walks the same folders of both packs (and the built-in
kader.yaml) and loads every file; the two file counts are compared before timing.

Both sides run as fresh subprocesses, interleaved (order alternating every round), after
warm-up runs. Medians and their ratio are printed; exit status is 0 whatever the ratio
(non-zero only if the script itself fails, e.g. the generated pack does not pass).

As in help_speed.py, both sides use a temporary PYTHONPYCACHEPREFIX (an installed wheel
has its .pyc files); --env-as-is keeps the caller's environment instead.

    .venv/bin/python bench/check_speed.py [--runs 15] [--items 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from side_by_side import bench_env, gesprek_script, side_by_side

BAR = 2.0
FOLDERS = ("dilemmas", "statements", "initiatives", "programmas")

# Kader ids that DESIGN.md promises every pack may rely on.
KERNWAARDEN = ["integer", "betrouwbaar", "moedig", "verbindend"]
THEMAS = [
    "geschenken", "vrije-tijd", "dienstmiddelen", "veilig-werkklimaat", "informatie",
    "social-media", "representativiteit", "nevenwerkzaamheden", "waarheid", "geweld",
    "middelen", "belangenverstrengeling", "financien", "discriminatie", "ongewenst-gedrag",
    "melden", "leiderschap",
]  # fmt: skip
LOKETTEN = [
    "leidinggevende", "vertrouwenspersoon", "vik", "tco", "bedrijfsmaatschappelijk-werk",
    "loket-24-7", "sociaal-fonds", "netwerk-divers-vakmanschap", "klokkenluiders-meldpunt",
    "ombudsfunctionaris", "bedrijfsarts", "belangenbehartiger", "ondernemingsraad",
]  # fmt: skip
DOELGROEPEN = ["iedereen", "leidinggevenden", "studenten", "sturingsteams"]

_WOORDEN = (
    "collega dienst bureau burger team leidinggevende melding wijk avond auto telefoon "
    "systeem informatie verdachte vriend familie buurman cadeau uitnodiging korting "
    "feest kantine briefing surveillance appgroep bericht foto verhaal regel afspraak "
    "vertrouwen twijfel gevoel sfeer grap opmerking gesprek keuze gevolg verantwoordelijkheid "
    "café winkel eigenaar sportclub vereniging buurt school bijbaan rooster overuren "
    "declaratie verslag proces-verbaal aangifte dossier registratie controle ervaring "
    "geheim privé zorgvuldig eerlijk lastig ongemakkelijk vanzelfsprekend gewoon belangrijk "
    "snel stil hardop achteraf later meteen niemand iedereen misschien eigenlijk "
    "zegt ziet hoort merkt vraagt belooft weigert deelt stuurt leest zoekt vindt "
    "denkt twijfelt besluit meldt vertelt bespreekt negeert accepteert betaalt"
)
WOORDEN = _WOORDEN.split()
VRAGEN = [
    "Wat doe je?",
    "Hoe reageer je?",
    "Wat zeg je tegen je collega?",
    "Meld je dit, en bij wie?",
    "Waar ligt voor jou de grens?",
    "Wat vind jij?",
]


def sentence(rng: random.Random, lo: int = 8, hi: int = 18) -> str:
    words = rng.choices(WOORDEN, k=rng.randint(lo, hi))
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), rng.choice(["€ 25", "één", "café", "🙂"]))
    if rng.random() < 0.4:
        words[len(words) // 2] += ","
    return " ".join(words).capitalize() + "."


def block(rng: random.Random, sentences: int, indent: str = "  ", width: int = 88) -> str:
    """A YAML literal block: sentences wrapped at ``width``."""
    text = " ".join(sentence(rng) for _ in range(sentences))
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "|\n" + "".join(f"{indent}{x}\n" for x in lines)


def flow(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def common(rng: random.Random) -> str:
    out = f"thema: {rng.choice(THEMAS)}\n"
    out += f"kernwaarden: {flow(rng.sample(KERNWAARDEN, rng.randint(1, 2)))}\n"
    if rng.random() < 0.2:
        out += f"doelgroep: {flow(rng.sample(DOELGROEPEN, rng.randint(1, 2)))}\n"
    return out


def tail(rng: random.Random, beroepscode: list[str], norm: int) -> str:
    out = "doorvragen:\n" + "".join(
        f"  - {sentence(rng, 8, 14)[:-1]}?\n" for _ in range(rng.randint(2, 3))
    )
    out += f"norm: {block(rng, norm)}"
    if beroepscode:
        out += f"beroepscode: {flow(rng.sample(beroepscode, rng.randint(1, 2)))}\n"
    out += f"loketten: {flow(rng.sample(LOKETTEN, rng.randint(1, 3)))}\n"
    out += "bron: Gegenereerd voor bench/check_speed.py\n"
    return out


def dilemma(rng: random.Random, item_id: str, beroepscode: list[str]) -> str:
    out = "# yaml-language-server: $schema=../../schema/inhoud.schema.json\n"
    out += f"id: {item_id}\ntype: dilemma\ntitel: {sentence(rng, 3, 6)[:-1]}\n"
    out += common(rng)
    out += f"duur: {rng.choice([5, 8, 10, 15])}\n"
    out += f"situatie: {block(rng, rng.randint(3, 5))}"
    out += f"vraag: {rng.choice(VRAGEN)}\n"
    if rng.random() < 0.85:
        out += "opties:\n" + "".join(
            f"  - id: {letter}\n    tekst: {sentence(rng, 6, 12)}\n"
            for letter in "abcd"[: rng.randint(2, 4)]
        )
    return out + tail(rng, beroepscode, rng.randint(1, 2))


def stelling(rng: random.Random, item_id: str, beroepscode: list[str]) -> str:
    out = "# yaml-language-server: $schema=../../schema/inhoud.schema.json\n"
    out += f"id: {item_id}\ntype: stelling\ntitel: {sentence(rng, 3, 6)[:-1]}\n"
    out += common(rng)
    out += f"duur: {rng.choice([5, 5, 10])}\n"
    out += f"stelling: {sentence(rng, 10, 18)}\n"
    if rng.random() < 0.25:
        out += "opties:\n" + "".join(
            f"  - id: {oid}\n    tekst: {sentence(rng, 3, 8)}\n"
            for oid in ("helemaal-eens", "eens", "oneens", "helemaal-oneens")
        )
    return out + tail(rng, beroepscode, rng.randint(2, 3))


def builtin_content() -> Path:
    from gesprek.paths import builtin_content as find

    return find()


def beroepscode_ids(content: Path) -> list[str]:
    """Ids of the built-in beroepscode items (to refer to, as real items do)."""
    ids = []
    for path in sorted((content / "statements").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=yaml.CSafeLoader)
        if isinstance(data, dict) and data.get("type") == "beroepscode":
            ids.append(str(data.get("id")))
    return ids


def generate(pack: Path, n: int, beroepscode: list[str], seed: int = 2000) -> list[int]:
    rng = random.Random(seed)
    (pack / "dilemmas").mkdir(parents=True)
    (pack / "statements").mkdir()
    sizes = []
    for i in range(n):
        slug = "-".join(rng.sample(WOORDEN[:60], 2)).replace("é", "e")
        if i % 5 < 3:  # 60 % dilemma, 40 % stelling
            item_id = f"bench-d{i:04d}-{slug}"
            text = dilemma(rng, item_id, beroepscode)
            path = pack / "dilemmas" / f"{item_id}.yaml"
        else:
            item_id = f"bench-s{i:04d}-{slug}"
            text = stelling(rng, item_id, beroepscode)
            path = pack / "statements" / f"{item_id}.yaml"
        path.write_text(text, encoding="utf-8")
        sizes.append(len(text.encode("utf-8")))
    return sizes


# The bare baseline: walk the same folders, read and parse every file with libyaml.
BASELINE = """
import os, sys, yaml
n = 0
for pack in sys.argv[1:]:
    kader = os.path.join(pack, "kader.yaml")
    if os.path.exists(kader):
        with open(kader, encoding="utf-8") as f:
            yaml.load(f.read(), Loader=yaml.CSafeLoader)
        n += 1
    for folder in ("dilemmas", "statements", "initiatives", "programmas"):
        d = os.path.join(pack, folder)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith((".yaml", ".yml")):
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    yaml.load(f.read(), Loader=yaml.CSafeLoader)
                n += 1
print(n)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="measured runs per side")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured runs per side")
    parser.add_argument("--items", type=int, default=2000, help="generated items")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="write the pack to DIR (must not exist) and keep it",
    )
    parser.add_argument(
        "--env-as-is", action="store_true", help="no temporary bytecode cache (see above)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gesprek-bench-") as tmp:
        pack = args.keep if args.keep else Path(tmp) / "pakket"
        pycache = None if args.env_as_is else str(Path(tmp) / "pycache")
        return measure(args, pack, pycache)


def measure(args: argparse.Namespace, pack: Path, pycache: str | None) -> int:
    env = bench_env(pycache)
    content = builtin_content()
    sizes = generate(pack, args.items, beroepscode_ids(content))
    print(
        f"check_speed: {len(sizes)} items in {pack} "
        f"(median {statistics.median(sizes)} bytes, {min(sizes)}-{max(sizes)})"
    )

    target = [*gesprek_script(), "check", str(pack)]
    baseline = [sys.executable, "-c", BASELINE, str(content), str(pack)]

    # The generated items must pass, and both sides must load the same number of files.
    result = subprocess.run(target, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], sep="\n", file=sys.stderr)
        sys.exit(
            f"FOUT: {' '.join(target)} exited {result.returncode}; the generated pack is invalid"
        )
    bare = subprocess.run(baseline, env=env, capture_output=True, text=True, check=True)
    bare_files = int(bare.stdout.strip())
    summary = (result.stdout.strip().splitlines() or [""])[-1]
    print(f"  gesprek check: {summary}")
    match = re.match(r"(\d+) bestanden", summary)
    if match and int(match.group(1)) != bare_files:
        sys.exit(f"FOUT: gesprek checked {match.group(1)} files, the baseline loads {bare_files}")
    print(f"  baseline loads {bare_files} files")

    medians = side_by_side({"target": target, "baseline": baseline}, env, args.runs, args.warmup)
    t, b = medians["target"], medians["baseline"]
    ratio = t / b
    cache = "temporary bytecode cache" if pycache else "environment as is"
    print(f"  ({cache}, medians of {args.runs} interleaved runs)")
    print(f"  gesprek check PACK        : {t * 1000:7.1f} ms")
    print(f"  bare CSafeLoader script   : {b * 1000:7.1f} ms")
    print(f"  ratio                     : {ratio:7.2f}x (bar {BAR}x)")
    print("OK" if ratio <= BAR else "BOVEN DE GRENS")
    if args.keep:
        print(f"  pack kept in {pack}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

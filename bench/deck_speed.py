"""Bar: `gesprek deck` of 60 dilemmas within 1.5x of a bare python-pptx script that writes
60 slides with a title, a body and notes.

The 60 dilemmas are the first 60 of the built-in content. The bare script gets the same
texts (title; situation, question and options as the body; doorvragen and norm as notes)
from a JSON file written beforehand, and puts them on python-pptx's default "Title and
Content" layout with plain ``.text`` assignments: no fitting, no template handling, no
content loading. `gesprek deck` does all of that (and a title and closing slide).

Both sides run as fresh subprocesses, interleaved (order alternating every round), after
warm-up runs (which also fill gesprek's content cache). Medians and their ratio are
printed; the exit status is 0 whatever the ratio (non-zero only if a run itself fails).

    .venv/bin/python bench/deck_speed.py [--runs 11] [--warmup 2] [--items 60]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from side_by_side import gesprek_script, side_by_side

BAR = 1.5

BASELINE = """
import json, sys
from pptx import Presentation
slides = json.load(open(sys.argv[1], encoding="utf-8"))
prs = Presentation()
layout = prs.slide_layouts[1]
for s in slides:
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = s["title"]
    slide.placeholders[1].text_frame.text = s["body"]
    slide.notes_slide.notes_text_frame.text = s["notes"]
prs.save(sys.argv[2])
print(len(prs.slides))
"""


def texts(count: int) -> tuple[list[str], list[dict[str, str]]]:
    """The ids of the first ``count`` built-in dilemmas, and their texts for the baseline."""
    from gesprek.content import library

    lib = library.load()
    dilemmas = lib.of_type("dilemma")[:count]
    if len(dilemmas) < count:
        raise SystemExit(f"only {len(dilemmas)} dilemmas in the built-in content")
    slides = []
    for item in dilemmas:
        body = [" ".join(item.situatie.split()), item.vraag]
        body += [f"{chr(65 + i)}  {o.tekst}" for i, o in enumerate(item.opties)]
        notes = [f"Geplande tijd: {item.duur} minuten", *item.doorvragen, item.norm or ""]
        slides.append({"title": item.titel, "body": "\n".join(body), "notes": "\n".join(notes)})
    return [item.id for item in dilemmas], slides


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="measured runs per side")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured runs per side")
    parser.add_argument("--items", type=int, default=60, help="dilemmas in the deck")
    args = parser.parse_args()
    ids, slides = texts(args.items)
    with tempfile.TemporaryDirectory(prefix="gesprek-deckbench-") as tmp:
        root = Path(tmp)
        data = root / "slides.json"
        data.write_text(json.dumps(slides, ensure_ascii=False), encoding="utf-8")
        env = dict(os.environ)
        env.pop("GESPREK_PAKKETTEN", None)
        env["GESPREK_DB"] = str(root / "verslagen.sqlite")
        env["GESPREK_CACHE"] = str(root / "cache")
        kaarten = [arg for item_id in ids for arg in ("--kaart", item_id)]
        ours = [*gesprek_script(), "deck", *kaarten, "-o", str(root / "gesprek.pptx")]
        ours.append("--overschrijf")
        bare = [sys.executable, "-c", BASELINE, str(data), str(root / "bare.pptx")]
        sides = {"gesprek deck": ours, "bare python-pptx": bare}
        medians = side_by_side(sides, env, args.runs, args.warmup)

        from pptx import Presentation

        ours_count = len(Presentation(root / "gesprek.pptx").slides)
        bare_count = len(Presentation(root / "bare.pptx").slides)
    ratio = medians["gesprek deck"] / medians["bare python-pptx"]
    print(f"deck of {args.items} dilemmas, {args.runs} runs per side (interleaved)")
    print(f"  gesprek deck      {medians['gesprek deck'] * 1000:7.0f} ms  ({ours_count} slides)")
    print(
        f"  bare python-pptx  {medians['bare python-pptx'] * 1000:7.0f} ms  ({bare_count} slides)"
    )
    verdict = "within" if ratio <= BAR else "OVER"
    print(f"  ratio {ratio:.2f}x ({verdict} the {BAR}x bar)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

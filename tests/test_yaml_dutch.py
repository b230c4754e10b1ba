"""Every message the YAML reader gives is Dutch and names a line that exists, whatever the
installed libyaml says in English: broken YAML of every kind found so far, then a few
thousand random mutations of the built-in content files."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from gesprek.content import safe_yaml

REPO = Path(__file__).resolve().parents[1]
ENGLISH = re.compile(
    r"\b(expected|found|mapping|scalar|while|could not|exceeded|document|character|"
    r"token|indicator|directive|stream|context|allowed|invalid|unknown)\b",
    re.IGNORECASE,
)

KINDS = {
    "yaml-directive-mid-file": "id: x\n%YAML 1.1\n---\na: b\n",
    "directive-without-document-start": "%YAML 1.1\na: b\n",
    "unknown-directive": "%FOO bar\n---\na: b\n",
    "duplicate-tag-directive": "%TAG ! !a\n%TAG ! !a\n---\na: b\n",
    "yaml-2": "%YAML 2.0\n---\na: b\n",
    "long-version": "%YAML 1.11111111111111111111\n---\na: b\n",
    "anchor-without-name": "id: x\nbron: & x\n",
    "alias-without-name": "id: x\nbron: *\n",
    "undefined-alias": "id: x\nbron: *x\n",
    "duplicate-anchor": "a: &x 1\nb: &x 2\n",
    "tag-unclosed": "id: !<x y\n",
    "tag-empty": "a: !<>\n",
    "tag-bad-escape": "a: !<%zz> b\n",
    "tag-undefined-handle": "a: !x!y b\n",
    "tab-before-first-list-item": "id: x\nvragen:\n\t- a\n",
    "tab-before-later-list-item": "id: x\nvragen:\n  - a\n\t- b\n",
    "tab-indent": "a:\n\tb: c\n",
    "unindented-block": "id: x\nsituatie: |\nEen tekst\nvraag: b\n",
    "bad-escape": 'a: "\\q"\n',
    "bad-unicode-escape": 'a: "\\uZZZZ"\n',
    "unclosed-flow-list": "a: [b, c\nd: e\n",
    "unclosed-flow-map": "a: {b: c\nd: e\n",
    "flow-comma": "a: [,]\n",
    "flow-map-junk": "a: {b c d, : }\n",
    "second-document": "a: b\n---\nc: d\n",
    "text-after-end": "a: b\n... x\n",
    "document-start-with-text": "a: b\n--- c\n",
    "block-indicator-zero": "a: |0\n  x\n",
    "block-indicator-junk": "a: |x\n  b\n",
    "colon-in-plain": "a: b: c\n",
    "key-without-colon": "a: b\nc\nd: e\n",
    "list-in-mapping": "a: b\n- c\n",
    "unclosed-double-quote": 'a: "abc\nb: c\n',
    "unclosed-single-quote": "a: 'abc\nb: c\n",
    "at-sign": "a: @b\n",
    "backtick": "a: `b\n",
    "question-keys": "? a\n? b\n: c\n:\n",
    "bad-indent": "a:\n  b: c\n d: e\n",
    "text-after-quote": "a: 'x' y\n",
    "very-deep-flow": "bron: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "very-deep-flow-maps": "bron: " + "{a: " * 5_000 + "}" * 5_000 + "\n",
    "very-deep-block": "bron:\n" + "- " * 2_000 + "x\n",
    "deep-mixed": "bron: " + "[{a: " * 600 + "]}" * 600 + "\n",
    "no-final-newline": "a: b\nc: [d",
    "nul": "a: b\x00\n",
    "control-escape": 'a: "\\e]0;x\\a"\n',
    "nel": "a: b\x85c\nd: [\n",
    "cr-only-nul": "a: b\rc: d\rx: \x00\r",
    "bom-mid-file": "a: b\n\ufeffc: d\n",
    "percent-mid-file": "a: b\n%x\n",
    "document-marker-in-text": "a: 'b\n---\nc'\n",
}


def editor_lines(raw: bytes) -> int:
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return max(1, text.count("\n") + (0 if text.endswith("\n") else 1))


def assert_dutch_with_a_real_line(raw: bytes) -> safe_yaml.YamlProblem | None:
    try:
        safe_yaml.load(raw)
    except safe_yaml.YamlProblem as exc:
        assert not ENGLISH.search(exc.message), exc.message
        assert len(exc.message) < 300, exc.message
        if len(raw) <= safe_yaml.MAX_BYTES:
            assert exc.line is not None, exc.message
            assert 1 <= exc.line <= editor_lines(raw), (exc.line, exc.message)
        return exc
    return None


@pytest.mark.parametrize("raw", list(KINDS.values()), ids=list(KINDS))
def test_every_kind_of_broken_yaml_gets_a_dutch_message_on_a_real_line(raw: str):
    exc = assert_dutch_with_a_real_line(raw.encode("utf-8"))
    assert exc is not None, "expected a problem"


def test_the_depth_limit_is_our_own():
    for raw in (KINDS["very-deep-flow"], KINDS["very-deep-block"], KINDS["deep-mixed"]):
        exc = assert_dutch_with_a_real_line(raw.encode())
        assert exc is not None and "te diep genest" in exc.message


@pytest.mark.parametrize(
    ("raw", "line", "fragment"),
    [
        ("id: x\nvragen:\n\t- a\n", 3, "tab"),
        ("id: x\nsituatie: |\nEen tekst\nvraag: b\n", 3, "inspringen"),
        ("id: x\nbron: & x\n", 2, "ankers"),
        ("id: x\n%YAML 1.1\n---\na: b\n", 2, "'%'"),
        ("a: b\nc\nd: e\n", 2, "':'"),
    ],
)
def test_advice_fits_the_mistake_and_names_its_line(raw: str, line: int, fragment: str):
    exc = assert_dutch_with_a_real_line(raw.encode())
    assert exc is not None
    assert exc.line == line, exc.message
    assert fragment in exc.message


FAULTS = [
    ("sleutel: @waarde\n", "teken"),
    ("sleutel: [open\n", "niet goed gesloten"),
    ("sleutel: 'open\n", "aanhalingsteken"),
    ("\tsleutel: tab\n", "tab"),
]
ODD = ["\u2028", "\u2029"]


@pytest.mark.parametrize("odd", ODD, ids=["U+2028", "U+2029"])
@pytest.mark.parametrize("fault", FAULTS, ids=[f[1] for f in FAULTS])
def test_odd_line_separators_do_not_shift_later_lines(odd: str, fault: tuple[str, str]):
    rng = random.Random(ord(odd))
    for _ in range(40):
        lines = [f"veld{n}: tekst {n}\n" for n in range(12)]
        lines.insert(1, f'situatie: "een{odd}regel"\n')
        lines.insert(3, f"opmerking: |\n  een{odd}blok\n  tekst\n")
        lines.insert(5, f"los: een{odd}tekst\n")
        at = rng.randrange(7, len(lines))
        lines.insert(at, fault[0])
        raw = "".join(lines).encode()
        exc = assert_dutch_with_a_real_line(raw)
        assert exc is not None
        expected = "".join(lines[:at]).count("\n") + 1
        quote_fault = fault[0].startswith("sleutel: '")
        assert exc.line == expected or quote_fault, (exc.line, expected, exc.message)
        assert fault[1] in exc.message


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_nul_and_bad_utf8_name_their_line_with_any_line_ending(ending: str):
    head = ending.join(["id: x", "type: dilemma", "titel: t", ""]).encode()
    exc = assert_dutch_with_a_real_line(head + b"bron: a\x00b" + ending.encode())
    assert exc is not None and exc.line == 4
    exc = assert_dutch_with_a_real_line(head + b"bron: a\xffb" + ending.encode())
    assert exc is not None and exc.line == 4


def test_long_values_are_never_echoed_whole():
    long_text = "x" * 200_000
    raws = [
        f"{long_text}: 1\n",
        f"a: !!int {long_text}\n",
        f"? [{long_text}]\n: 1\n",
        f"a: 1\na: {long_text}\n".replace("a: 1\na", f"{long_text}: 1\n{long_text}"),
        f"a: !{long_text} b\n",
    ]
    for raw in raws:
        exc = assert_dutch_with_a_real_line(raw.encode())
        assert exc is not None
        assert len(exc.message) < 300


SPECIALS = [
    "\t",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "&",
    "*",
    "!",
    "%",
    "@",
    "`",
    "|",
    ">",
    "#",
    "?",
    "---",
    "...",
    "\\",
    "\u2028",
    "\u2029",
    "\x85",
    "\x00",
    "\x1b",
    "\n",
    "  ",
    ",",
    "!!",
    "%YAML 1.1\n",
    "&a ",
    "*a",
]


def test_thousands_of_mutations_of_real_content_stay_dutch():
    rng = random.Random(2026)
    files = sorted((REPO / "content").rglob("*.yaml"))
    problems = 0
    for _ in range(3000):
        text = rng.choice(files).read_text(encoding="utf-8")
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            choice = rng.random()
            if choice < 0.7:
                text = text[:at] + rng.choice(SPECIALS) + text[at:]
            elif choice < 0.9:
                text = text[:at] + text[at + rng.randint(1, 5) :]
            else:
                text = text.rstrip("\n")
        if rng.random() < 0.1:
            text = text.replace("\n", "\r")
        if assert_dutch_with_a_real_line(text.encode("utf-8")) is not None:
            problems += 1
    assert problems > 500  # the mutations did break many files

"""The hostile-YAML-proof reader on its own: what it accepts, what it refuses, and which line
it names. Everything here must also be quick; none of these inputs may take more than a few
milliseconds, so a regression shows up as a hanging or crashing test."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from gesprek.content import safe_yaml
from gesprek.content.safe_yaml import YamlProblem

# Words that only show up when a message from libyaml or Python leaks through untranslated.
ENGLISH = re.compile(
    r"\b(found|expected|while|scanning|parsing|character|unicode|allowed|context|"
    r"could not|mapping values|not allowed|position)\b",
    re.IGNORECASE,
)


def problem(raw: bytes | str) -> YamlProblem:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    with pytest.raises(YamlProblem) as info:
        safe_yaml.load(data)
    return info.value


# --- what loads, and the lines it records --------------------------------------------------


def test_plain_mapping_loads_with_key_and_item_lines():
    doc = safe_yaml.load(
        b"id: x\n"  # 1
        b"opties:\n"  # 2
        b"  - id: a\n"  # 3
        b"    tekst: A\n"  # 4
        b"  - id: b\n"  # 5
        b"    tekst: B\n"  # 6
    )
    assert doc.data == {"id": "x", "opties": [{"id": "a", "tekst": "A"}, {"id": "b", "tekst": "B"}]}
    assert doc.line_of(("id",)) == 1
    assert doc.line_of(("opties",)) == 2
    assert doc.line_of(("opties", 1)) == 5
    assert doc.line_of(("opties", 1, "tekst")) == 6
    # A location that does not exist falls back to the nearest enclosing known line.
    assert doc.line_of(("opties", 1, "juist")) == 5
    assert doc.line_of(("opties", 7)) == 2
    assert doc.line_of(()) == 1


def test_bom_and_crlf_are_fine_and_crlf_becomes_lf():
    raw = "\ufeffid: x\r\ntekst: |\r\n  één\r\n  twee\r\n".encode()
    doc = safe_yaml.load(raw)
    assert doc.data == {"id": "x", "tekst": "één\ntwee\n"}
    assert doc.line_of(("tekst",)) == 2


def test_unicode_and_markup_are_kept_literally():
    text = "<b>vet</b> {{ naam }} {% if x %}ja{% endif %} [bold]x[/bold] é ñ ß 👮🏽‍♀️ שלום مرحبا"
    doc = safe_yaml.load(f"tekst: |\n  {text}\n".encode())
    assert doc.data["tekst"] == text + "\n"


def test_tab_inside_a_quoted_text_is_fine():
    assert safe_yaml.load(b'a: "x\ty"\n').data == {"a": "x\ty"}


def test_plain_values_of_every_allowed_kind_load():
    doc = safe_yaml.load(b"a: 1\nb: 1.5\nc: true\nd: null\ne: [x]\nf: {g: h}\n")
    assert doc.data == {"a": 1, "b": 1.5, "c": True, "d": None, "e": ["x"], "f": {"g": "h"}}


def test_empty_and_comment_only_files_load_as_nothing():
    # The library turns this into "het bestand is leeg"; the reader itself just says None.
    assert safe_yaml.load(b"").data is None
    assert safe_yaml.load(b"# alleen commentaar\n\n# nog meer\n").data is None


# --- hostile input ----------------------------------------------------------------------------


def _billion_laughs(levels: int = 9) -> bytes:
    names = [chr(ord("a") + n) for n in range(levels)]
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines).encode() + b"\n"


BILLION_LAUGHS = _billion_laughs()


def test_alias_bomb_is_refused_at_the_first_alias():
    exc = problem(BILLION_LAUGHS)
    assert "verwijzingen" in exc.message
    assert exc.line in (1, 2)  # the anchor or the first alias that uses it


def test_a_single_alias_is_refused_too():
    exc = problem(b"a: &x tekst\nb: *x\n")
    assert "verwijzingen" in exc.message


def test_merge_key_is_refused():
    exc = problem(b"basis: &b {x: 1}\nander:\n  <<: *b\n")
    assert "niet toegestaan" in exc.message


def test_undefined_alias_is_refused_in_dutch():
    exc = problem(b"a: *nergens\n")
    assert "verwijzingen" in exc.message
    assert exc.line == 1


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/object:os.system",
    ],
)
def test_python_tags_are_refused_and_execute_nothing(tmp_path: Path, tag: str):
    marker = tmp_path / "uitgevoerd"
    raw = f"id: x\nbron: {tag} ['touch {marker}']\n"
    exc = problem(raw)
    assert exc.line == 2
    assert "niet toegestaan" in exc.message
    assert not marker.exists()


@pytest.mark.parametrize(
    "raw",
    [
        "a: !!python/name:os.system\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "a: !eigen iets\n",
        "a: !<tag:voorbeeld.nl,2024:x> iets\n",
    ],
)
def test_other_tags_are_refused(raw: str):
    exc = problem(raw)
    assert "tag" in exc.message and "niet toegestaan" in exc.message
    assert exc.line == 1


def test_duplicate_key_names_both_lines():
    exc = problem(b"id: x\nvraag: een\ntitel: t\nvraag: twee\n")
    assert exc.line == 4
    assert "'vraag'" in exc.message and "dubbel" in exc.message and "regel 2" in exc.message


def test_duplicate_key_in_a_nested_mapping():
    exc = problem(b"opties:\n  - id: a\n    tekst: x\n    id: b\n")
    assert exc.line == 4
    assert "'id'" in exc.message


@pytest.mark.parametrize("raw", [b"1: x\n", b"yes: x\n", b"[a]: x\n", b"null: x\n"])
def test_non_text_keys_are_refused(raw: bytes):
    exc = problem(raw)
    assert "moet tekst zijn" in exc.message
    assert exc.line == 1


@pytest.mark.parametrize(
    "raw",
    [
        b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        b"a: " + b"{b: " * 100_000 + b"1" + b"}" * 100_000 + b"\n",
        b"a: " + b"[" * 100_000 + b"\n",  # never closed
        b"- " * 100_000 + b"x\n",
    ],
    ids=["flow-lists", "flow-mappings", "unclosed", "dashes"],
)
def test_very_deep_nesting_is_refused(raw: bytes):
    exc = problem(raw)
    assert "te diep genest" in exc.message


def test_deep_block_indentation_is_refused_at_the_line_where_it_gets_too_deep():
    depth = 300
    raw = "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "b: 1\n"
    exc = problem(raw)
    assert "te diep genest" in exc.message
    assert exc.line == safe_yaml.MAX_DEPTH + 1


def test_nesting_up_to_the_limit_loads_and_one_more_is_refused():
    # The top-level mapping counts as one level.
    ok = b"a: " + b"[" * (safe_yaml.MAX_DEPTH - 1) + b"]" * (safe_yaml.MAX_DEPTH - 1) + b"\n"
    assert safe_yaml.load(ok).data is not None
    deep = b"a: " + b"[" * safe_yaml.MAX_DEPTH + b"]" * safe_yaml.MAX_DEPTH + b"\n"
    assert "te diep genest" in problem(deep).message


def test_many_dashes_and_brackets_in_text_are_not_mistaken_for_nesting():
    # The cheap depth estimate counts these; the exact check must still let the file through.
    text = "- [x] {y} " * 50
    doc = safe_yaml.load(f"a: |\n  {text}\nb: '{text}'\n".encode())
    assert doc.data["a"] == text + "\n"
    assert doc.data["b"] == text


def test_a_file_over_the_size_limit_is_refused():
    raw = b"a: " + b"x" * safe_yaml.MAX_BYTES
    exc = problem(raw)
    assert "te groot" in exc.message
    assert f"{safe_yaml.MAX_BYTES // 1024} KiB" in exc.message
    assert "513 KiB" in exc.message  # the file's own size, rounded up


def test_a_file_exactly_at_the_size_limit_loads():
    raw = b"a: " + b"x" * (safe_yaml.MAX_BYTES - 4) + b"\n"
    assert len(raw) == safe_yaml.MAX_BYTES
    assert len(safe_yaml.load(raw).data["a"]) == safe_yaml.MAX_BYTES - 4


def test_non_utf8_bytes_are_refused_with_their_line():
    raw = "id: x\ntitel: caf\u00e9\n".encode("latin-1")
    exc = problem(raw)
    assert "UTF-8" in exc.message
    assert exc.line == 2


def test_utf16_is_refused():
    exc = problem("id: x\n".encode("utf-16"))
    assert "UTF-8" in exc.message


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_control_characters_are_refused_in_dutch_with_their_line(char: str):
    exc = problem(f"id: x\ntitel: a{char}b\n")
    assert "stuurteken" in exc.message
    assert exc.line == 2
    assert not ENGLISH.search(exc.message), exc.message


def test_control_character_line_counts_lines_not_bytes():
    exc = problem("# ééééééé\nid: ü\n\ntitel: a\x07b\n")
    assert exc.line == 4


# --- syntax errors: Dutch, with the line that a person would look at ----------------------


@pytest.mark.parametrize(
    ("raw", "line", "fragment"),
    [
        ('id: x\ntitel: "niet gesloten\nvraag: iets\nnorm: n\n', 2, "aanhalingsteken"),
        ("id: x\ntitel: 'niet gesloten\nvraag: iets\n", 2, "aanhalingsteken"),
        ("id: x\nopties:\n  - a\n\t- b\n", 4, "tab"),
        ("id: x\n\ttitel: t\n", 2, "tab"),
        ("id: x\ntitel: Wat doe je: niets\n", 2, "':'"),
        ("id: x\nopties: - id: a\n", 2, "lijstpunt"),
        ("id: x\n titel: t\n", 2, "':'"),
        ("id: x\nkernwaarden: [integer, moedig\ntitel: t\n", 2, "niet goed gesloten"),
        ("id: x\nvraag: @iemand\n", 2, "aanhalingstekens"),
        ('id: x\nvraag: "a\\qb"\n', 2, "escape"),
        ("id: x\n---\nid: y\n", 2, "één item per bestand"),
        ("opties:\n  - a\n  b: 1\n", 3, "lijstpunt"),
    ],
    ids=[
        "unclosed-double-quote",
        "unclosed-single-quote",
        "tab-in-list",
        "tab-indent",
        "colon-in-text",
        "list-after-key",
        "bad-indent",
        "unclosed-bracket",
        "at-sign",
        "bad-escape",
        "two-documents",
        "list-then-key",
    ],
)
def test_syntax_errors_are_dutch_and_name_the_line(raw: str, line: int, fragment: str):
    exc = problem(raw)
    assert exc.message.startswith("geen geldige YAML: ")
    assert fragment in exc.message
    assert exc.line == line
    assert not ENGLISH.search(exc.message), exc.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"titel: !!map tekst\n", "de tag 'tag:yaml.org,2002:map' is hier niet toegestaan"),
        (b"titel: !!seq tekst\n", "de tag 'tag:yaml.org,2002:seq' is hier niet toegestaan"),
        (b"titel: !!str {a: 1}\n", "de tag 'tag:yaml.org,2002:str' is hier niet toegestaan"),
        (b"duur: !!int tien\n", "de waarde 'tien' past niet bij de tag 'tag:yaml.org,2002:int'"),
        (b"duur: !!float x\n", "past niet bij de tag 'tag:yaml.org,2002:float'"),
        (b"datum: !!timestamp nooit\n", "past niet bij de tag 'tag:yaml.org,2002:timestamp'"),
        (b"ja: !!bool misschien\n", "past niet bij de tag 'tag:yaml.org,2002:bool'"),
        (b"? [a, b]\n: 1\n", "sleutel (een lijst of blok) moet tekst zijn"),
    ],
)
def test_explicit_tags_that_do_not_fit_their_value_are_refused(text, message):
    with pytest.raises(YamlProblem) as info:
        safe_yaml.load(text)
    assert message in info.value.message
    assert info.value.line == 1

"""A safe, fast YAML reader for content files.

libyaml (``CSafeLoader``) does the parsing; the constructor on top of it refuses what a
content file never needs and an attacker might use: aliases (billion laughs), duplicate
keys, non-string keys, tags beyond the plain types, huge files and deep nesting (which
crashes libyaml's recursive composer). It records the line of every mapping key and every
list element so validation errors can name the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from gesprek.visible import control_char, excerpt

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40

if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover - depends on the wheel
    raise ImportError("PyYAML zonder libyaml: installeer PyYAML uit een wheel met libyaml")


class YamlProblem(Exception):
    """A file that cannot be read as content, with the 1-based line where known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Document:
    """The loaded data plus where each key and list element stood."""

    data: Any
    key_lines: dict[int, dict[Any, int]] = field(default_factory=dict)
    item_lines: dict[int, list[int]] = field(default_factory=dict)
    line: int = 1

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        """The line of the value at ``loc`` (a pydantic error location), or the nearest
        enclosing one that is known."""
        node: Any = self.data
        best: int | None = self.line
        for part in loc:
            if isinstance(node, dict):
                lines = self.key_lines.get(id(node), {})
                if part not in node:
                    return best
                best = lines.get(part, best)
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int):
                lines_l = self.item_lines.get(id(node), [])
                if not 0 <= part < len(node):
                    return best
                if part < len(lines_l):
                    best = lines_l[part]
                node = node[part]
            else:
                return best
        return best


_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = _PLAIN_TAGS - {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Lines:
    """Line numbers as an editor shows them: libyaml's, but never past the last line (an
    error at the end of a file without a final newline)."""

    def __init__(self, text: str) -> None:
        self.last = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))

    def of(self, mark: Any) -> int:
        return min(mark.line + 1, self.last)

    def of_offset(self, text: str, index: int) -> int:
        return min(text.count("\n", 0, index) + 1, self.last)


class _Loader(yaml.CSafeLoader):
    """libyaml composes the node tree; ``build`` turns it into plain data in one walk,
    refusing aliases, tags beyond the plain types, duplicate and non-text keys and control
    characters in text, and recording the line of every key and list element. (A single
    recursive walk instead of PyYAML's generator-based constructor: the nesting depth is
    bounded before this runs.)"""

    def __init__(self, stream: str, lines: _Lines) -> None:
        super().__init__(stream)
        self.lines = lines
        self.key_lines: dict[int, dict[Any, int]] = {}
        self.item_lines: dict[int, list[int]] = {}
        self._seen: set[int] = set()

    def build(self, node: yaml.Node) -> Any:
        line = self.lines.of(node.start_mark)
        if id(node) in self._seen:
            # libyaml hands an alias back as the very node of its anchor.
            raise YamlProblem(
                "verwijzingen (ankers '&' en aliassen '*') zijn niet toegestaan; "
                "schrijf de tekst voluit",
                line,
            )
        self._seen.add(id(node))
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                value: str = node.value
                if control_char(value):
                    self._control(node, value, line)
                return value
            if tag in _SCALAR_TAGS:
                try:
                    return self.yaml_constructors[tag](self, node)
                except Exception:  # any failure of a scalar constructor on hostile input
                    raise YamlProblem(
                        f"de waarde '{excerpt(node.value)}' past niet bij de tag '{excerpt(tag)}'",
                        line,
                    ) from None
        elif isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            data = [self.build(child) for child in node.value]
            self.item_lines[id(data)] = [self.lines.of(child.start_mark) for child in node.value]
            return data
        elif isinstance(node, yaml.MappingNode) and tag == _MAP:
            return self._mapping(node)
        raise YamlProblem(
            f"de tag '{excerpt(tag)}' is hier niet toegestaan; "
            "gebruik gewone tekst, lijsten en sleutels",
            line,
        )

    def _control(self, node: yaml.ScalarNode, value: str, line: int) -> None:
        """Refuse a control character (written raw or as an escape such as '\\e')."""
        code = control_char(value)
        if node.style in ("|", ">"):
            # A block scalar's text starts on the line after its indicator.
            first = next(i for i, ch in enumerate(value) if control_char(ch))
            line = min(line + 1 + value.count("\n", 0, first), self.lines.last)
        raise YamlProblem(
            f"de tekst bevat een stuurteken ({code}) dat niet is toegestaan; "
            "haal het weg (het kan een terminal ontregelen)",
            line,
        )

    def _mapping(self, node: yaml.MappingNode) -> dict[Any, Any]:
        data: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node)
            line = self.lines.of(key_node.start_mark)
            if not isinstance(key, str):
                shown = (
                    f"'{excerpt(key_node.value)}'"
                    if isinstance(key_node, yaml.ScalarNode)
                    else "(een lijst of blok)"
                )
                raise YamlProblem(
                    f"sleutel {shown} moet tekst zijn "
                    "(let op: yes/no/on/off worden als ja/nee gelezen)",
                    line,
                )
            if key in data:
                raise YamlProblem(
                    f"sleutel '{excerpt(key)}' staat dubbel (eerder op regel {lines[key]})", line
                )
            data[key] = self.build(value_node)
            lines[key] = line
        self.key_lines[id(data)] = lines
        return data


def _count_lines(data: bytes, end: int) -> int:
    """Lines before byte ``end``, with LF, CRLF and a lone CR each a line break."""
    head = data[:end]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) to text; CRLF and a lone CR become LF."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(
            f"het bestand is geen geldige UTF-8 (byte {exc.start}); sla het op als UTF-8",
            _count_lines(raw, exc.start),
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _may_be_too_deep(text: str) -> bool:
    """Cheap and conservative: can this text nest deeper than MAX_DEPTH? Every level needs
    a flow bracket, a '- ' or one more column of indentation."""
    room = MAX_DEPTH - (text.count("[") + text.count("{") + text.count("- ") + 1)
    if room < 0:
        return True
    return re.search(rf"^[ \t]{{{room + 1},}}", text, re.MULTILINE) is not None


_FLOW_TOKEN = re.compile(r"""[\[\]{}"'#\n]""")


def _flow_depth(text: str) -> tuple[int, int]:
    """The deepest nesting of flow brackets ('[', '{'), outside quoted text and comments,
    found without libyaml (whose scanner looks ahead over a whole run of brackets and has a
    nesting limit of its own, with an English message): (depth, line) of the first bracket
    past MAX_DEPTH, or (0, 0). A quote only opens quoted text where a value can start, as
    in YAML ('zo'n' stays plain text)."""
    depth = 0
    line = 1
    pos = 0
    n = len(text)
    while True:
        match = _FLOW_TOKEN.search(text, pos)
        if match is None:
            return 0, 0
        ch = match.group()
        at = match.start()
        pos = at + 1
        if ch == "\n":
            line += 1
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return depth, line
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch == "#":
            if at == 0 or text[at - 1] in " \t\n":
                end = text.find("\n", at)
                pos = n if end < 0 else end
        else:  # a quote
            before = text[at - 1] if at else "\n"
            if before not in " \t\n[{,:-?":
                continue
            if ch == "'":
                end = at + 1
                while True:
                    end = text.find("'", end)
                    if end < 0 or not text.startswith("''", end):
                        break
                    end += 2
            else:
                end = at + 1
                while True:
                    end = text.find('"', end)
                    if end < 0:
                        break
                    slashes = 0
                    while text[end - 1 - slashes] == "\\":
                        slashes += 1
                    if slashes % 2 == 0:
                        break
                    end += 1
            if end < 0:
                return 0, 0  # an unclosed quote: libyaml reports it
            line += text.count("\n", at, end)
            pos = end + 1


def _exact_depth(text: str, lines: _Lines) -> tuple[int, int]:
    """The nesting depth from libyaml's event stream (no recursion), and its line. Runs
    only after ``_flow_depth``: block nesting is scanned lazily, so this stops at
    MAX_DEPTH + 1 long before libyaml's own limit."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                assert event.start_mark is not None  # parsed events always carry a mark
                return depth, lines.of(event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return 0, 0


_TOO_DEEP = f"te diep genest (meer dan {MAX_DEPTH} niveaus); maak de lijsten minder diep"


def load(raw: bytes) -> Document:
    """Parse one content file. Raises YamlProblem with a Dutch message."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(
            f"het bestand is te groot ({-(-len(raw) // 1024)} KiB; hooguit {MAX_BYTES // 1024} KiB)"
        )
    text = decode(raw)
    if "\u2028" in text or "\u2029" in text:
        # Word's invisible line and paragraph separators: libyaml counts them as line
        # breaks (which editors do not show, so every later line number would be wrong)
        # and they break an indented text. They read as a space.
        text = text.replace("\u2028", " ").replace("\u2029", " ")
    lines = _Lines(text)
    nel = text.find("\x85")
    if nel >= 0:
        raise YamlProblem(
            "het bestand bevat een stuurteken (U+0085) dat niet is toegestaan",
            lines.of_offset(text, nel),
        )
    try:
        if _may_be_too_deep(text):
            depth, line = _flow_depth(text)
            if depth <= MAX_DEPTH:
                depth, line = _exact_depth(text, lines)
            if depth > MAX_DEPTH:
                raise YamlProblem(_TOO_DEEP, line)
        loader = _Loader(text, lines)
        try:
            node = loader.get_single_node()
            data = None if node is None else loader.build(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        message, mark = _dutch_yaml_error(exc, text)
        at = lines.of(mark) if mark is not None else None
        if message is None:
            message = f"geen geldige YAML op regel {at}" if at else "geen geldige YAML"
        elif message != _TOO_DEEP:
            message = f"geen geldige YAML: {message}"
        raise YamlProblem(message, at) from None
    except yaml.reader.ReaderError as exc:
        # libyaml reports a byte offset into the UTF-8 text.
        line = _count_lines(text.encode("utf-8"), exc.position)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlProblem(
            f"het bestand bevat een stuurteken (U+{char:04X}) dat niet is toegestaan",
            line,
        ) from None
    except yaml.YAMLError:
        raise YamlProblem("geen geldige YAML") from None
    except RecursionError:
        raise YamlProblem(_TOO_DEEP) from None
    return Document(data=data, key_lines=loader.key_lines, item_lines=loader.item_lines)


_QUOTE = "zet de tekst tussen aanhalingstekens"
_DIRECTIVE = (
    "een regel die met '%' begint is een YAML-opdracht en niet toegestaan; "
    "begint een tekst met '%', " + _QUOTE
)
_TAG = "een tag ('!') is niet toegestaan; begint een tekst met '!', " + _QUOTE
_ANCHOR = (
    "ankers ('&') en verwijzingen ('*') zijn niet toegestaan; "
    "begint een tekst met '&' of '*', " + _QUOTE
)
_UNCLOSED = "de tekst houdt onverwacht op (een aanhalingsteken niet gesloten?)"

# libyaml's and PyYAML's problems, by meaning: (fragment of the problem or context, Dutch).
# The first whose fragment occurs wins; what none of these covers becomes
# "geen geldige YAML op regel N", never the library's English text.
_YAML_MESSAGES: list[tuple[str, str]] = [
    ("nesting depth", _TOO_DEEP),
    ("increasing flow level", _TOO_DEEP),
    ("increasing block level", _TOO_DEEP),
    ("tab character", "een tab is niet toegestaan; spring in met spaties"),
    ("found character '\t'", "een tab is niet toegestaan; spring in met spaties"),
    ("found character '\\t'", "een tab is niet toegestaan; spring in met spaties"),
    ("directive", _DIRECTIVE),
    ("version number", _DIRECTIVE),
    ("incompatible yaml document", _DIRECTIVE),
    ("expected digit or '.'", _DIRECTIVE),
    ("scanning a tag", _TAG),
    ("parsing a tag", _TAG),
    ("tag handle", _TAG),
    ("tag uri", _TAG),
    ("uri escaped", _TAG),
    ("expected '>'", _TAG),
    ("expected '!'", _TAG),
    ("anchor", _ANCHOR),
    ("alias", _ANCHOR),
    ("second occurrence", _ANCHOR),
    ("indentation indicator", "na '|' of '>' mag alleen '-', '+' of een cijfer 1-9 staan"),
    ("scanning a block scalar", "na '|' of '>' begint de tekst op de volgende regel"),
    (
        "unknown escape character",
        "een onbekende escape ('\\') in tekst tussen dubbele "
        "aanhalingstekens; schrijf '\\\\' voor een backslash",
    ),
    (
        "unicode character escape",
        "een ongeldige '\\x', '\\u' of '\\U'-code in tekst tussen dubbele aanhalingstekens",
    ),
    (
        "hexdecimal number",
        "een ongeldige '\\x', '\\u' of '\\U'-code in tekst tussen dubbele aanhalingstekens",
    ),
    ("scanning a quoted scalar", _UNCLOSED),
    ("parsing a quoted scalar", _UNCLOSED),
    (
        "document indicator",
        "'---' of '...' aan het begin van een regel midden in een tekst; " + _QUOTE,
    ),
    ("single document", "meer dan één deel ('---') in één bestand; één item per bestand"),
    ("document start", "tekst na het einde ('...' of '---'); één item per bestand"),
    ("unexpected end", "de tekst houdt onverwacht op"),
    ("mapping values are not allowed", "een ':' op een plek waar dat niet kan; " + _QUOTE),
    ("unexpected ':'", "een ':' op een plek waar dat niet kan; " + _QUOTE),
    ("mapping keys are not allowed", "een '?' op een plek waar dat niet kan; " + _QUOTE),
    (
        "block sequence entries are not allowed",
        "een lijstpunt ('- ') op een plek waar dat niet kan; begin de lijst op een nieuwe regel",
    ),
    ("expected ',' or ']'", "een '[' is niet goed gesloten (verwacht ',' of ']')"),
    ("expected ',' or '}'", "een '{' is niet goed gesloten (verwacht ',' of '}')"),
    ("parsing a flow", "een '[' of '{' is niet goed gesloten"),
    ("expected ':'", "er ontbreekt een ':' achter een sleutel"),
    ("expected key", "een sleutel verwacht; klopt het inspringen?"),
    ("expected '-' indicator", "een lijstpunt ('- ') verwacht; klopt het inspringen?"),
    ("expected node content", "hier wordt een waarde verwacht"),
    ("cannot start any token", "een teken waarmee geen waarde kan beginnen; " + _QUOTE),
    (
        "comment or line break",
        "na een waarde mag op dezelfde regel alleen een opmerking ('# ...') staan",
    ),
    ("control characters", "het bestand bevat stuurtekens die niet zijn toegestaan"),
    ("too long", f"het bestand is te groot (hooguit {MAX_BYTES // 1024} KiB)"),
]


def _line_text(text: str, mark: Any) -> str:
    start = text.rfind("\n", 0, mark.index) + 1
    end = text.find("\n", mark.index)
    return text[start : end if end >= 0 else len(text)]


def _previous_line(text: str, mark: Any) -> str:
    start = text.rfind("\n", 0, mark.index)
    if start <= 0:
        return ""
    return text[text.rfind("\n", 0, start) + 1 : start]


_BLOCK_INDICATOR = re.compile(r"""(^|[:\-]\s)\s*[|>][-+1-9]*\s*(#.*)?$""")


def _dutch_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[str | None, Any]:
    """A Dutch message for a libyaml error and the mark of the line it is about (or None
    for the message when no meaning is known: the caller names the line)."""
    problem = (exc.problem or "").lower()
    context = (exc.context or "").lower()
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None, None
    here = text[mark.index : mark.index + 1]
    # A tab where a value or list item should start: libyaml says "cannot start any token".
    if here == "\t" or (
        "cannot start any token" in problem and _line_text(text, mark).lstrip(" ").startswith("\t")
    ):
        return "een tab is niet toegestaan; spring in met spaties", mark
    if (
        "quoted scalar" in context
        and exc.context_mark is not None
        and ("unexpected end" in problem or "document indicator" in problem)
    ):
        # An unclosed quote is only noticed later (or at the end): name where it opened.
        return _UNCLOSED, exc.context_mark
    if "simple key" in context and exc.context_mark is not None:
        # A line that is not 'key: value' -- often text that should have been indented
        # under a '|' or '>' on the line above.
        start = exc.context_mark
        if _BLOCK_INDICATOR.search(_previous_line(text, start)):
            return (
                "de tekst na '|' of '>' moet inspringen: zet spaties voor elke regel ervan",
                start,
            )
        return "deze regel is geen 'sleutel: waarde' (ontbreekt er een ':'?)", start
    meaning = next((d for n, d in _YAML_MESSAGES if n in problem or n in context), None)
    if "parsing a flow" in context and exc.context_mark is not None:
        # An unclosed '[' or '{' is noticed lines later: name the line where it opened.
        return meaning, exc.context_mark
    if "document" in problem or "document" in context:
        for number, line in enumerate(text.split("\n")):
            if line.startswith("%"):
                return _DIRECTIVE, _LineMark(text, number)
    return meaning, mark


class _LineMark:
    """A mark at the start of a (0-based) line, for messages about a whole line."""

    def __init__(self, text: str, number: int) -> None:
        self.line = number
        index = 0
        for _ in range(number):
            index = text.index("\n", index) + 1
        self.index = index

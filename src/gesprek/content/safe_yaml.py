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


class _Loader(yaml.CSafeLoader):
    """libyaml composes the node tree; ``build`` turns it into plain data in one walk,
    refusing aliases, tags beyond the plain types, duplicate and non-text keys, and
    recording the line of every key and list element. (A single recursive walk instead of
    PyYAML's generator-based constructor: the nesting depth is bounded before this runs.)"""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.key_lines: dict[int, dict[Any, int]] = {}
        self.item_lines: dict[int, list[int]] = {}
        self._seen: set[int] = set()

    def build(self, node: yaml.Node) -> Any:
        if id(node) in self._seen:
            # libyaml hands an alias back as the very node of its anchor.
            raise YamlProblem(
                "verwijzingen (ankers '&' en aliassen '*') zijn niet toegestaan; "
                "schrijf de tekst voluit",
                node.start_mark.line + 1,
            )
        self._seen.add(id(node))
        tag = node.tag
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                return node.value
            if tag in _SCALAR_TAGS:
                try:
                    return self.yaml_constructors[tag](self, node)
                except Exception:  # any failure of a scalar constructor on hostile input
                    raise YamlProblem(
                        f"de waarde '{node.value}' past niet bij de tag '{tag}'", line
                    ) from None
        elif isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            data = [self.build(child) for child in node.value]
            self.item_lines[id(data)] = [child.start_mark.line + 1 for child in node.value]
            return data
        elif isinstance(node, yaml.MappingNode) and tag == _MAP:
            return self._mapping(node)
        raise YamlProblem(
            f"de tag '{tag}' is hier niet toegestaan; gebruik gewone tekst, lijsten en sleutels",
            line,
        )

    def _mapping(self, node: yaml.MappingNode) -> dict[Any, Any]:
        data: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                shown = (
                    repr(key_node.value)
                    if isinstance(key_node, yaml.ScalarNode)
                    else "(een lijst of mapping)"
                )
                raise YamlProblem(
                    f"sleutel {shown} moet tekst zijn "
                    "(let op: yes/no/on/off worden als ja/nee gelezen)",
                    line,
                )
            if key in data:
                raise YamlProblem(
                    f"sleutel '{key}' staat dubbel (eerder op regel {lines[key]})", line
                )
            data[key] = self.build(value_node)
            lines[key] = line
        self.key_lines[id(data)] = lines
        return data


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) to text; CRLF becomes LF."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlProblem(
            f"het bestand is geen geldige UTF-8 (byte {exc.start}); sla het op als UTF-8",
            line,
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text


def _may_be_too_deep(text: str) -> bool:
    """Cheap and conservative: can this text nest deeper than MAX_DEPTH? Every level needs
    a flow bracket, a '- ' or one more column of indentation."""
    room = MAX_DEPTH - (text.count("[") + text.count("{") + text.count("- ") + 1)
    if room < 0:
        return True
    return re.search(rf"^[ \t]{{{room + 1},}}", text, re.MULTILINE) is not None


def _exact_depth(text: str) -> tuple[int, int]:
    """The nesting depth from libyaml's event stream (no recursion), and its line."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                assert event.start_mark is not None  # parsed events always carry a mark
                return depth, event.start_mark.line + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return 0, 0


def load(raw: bytes) -> Document:
    """Parse one content file. Raises YamlProblem with a Dutch message."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(
            f"het bestand is te groot ({-(-len(raw) // 1024)} KiB; hooguit {MAX_BYTES // 1024} KiB)"
        )
    text = decode(raw)
    try:
        if _may_be_too_deep(text):
            depth, line = _exact_depth(text)
            if depth > MAX_DEPTH:
                raise YamlProblem(f"te diep genest (meer dan {MAX_DEPTH} niveaus)", line)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = None if node is None else loader.build(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "quoted scalar" in (exc.context or ""):
            # An unclosed quote is only noticed at the end of the file: name its start.
            mark = exc.context_mark
        raise YamlProblem(_dutch_yaml_error(exc), mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:
        # libyaml reports a byte offset into the UTF-8 text.
        line = text.encode("utf-8")[: exc.position].count(b"\n") + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlProblem(
            f"het bestand bevat een stuurteken (U+{char:04X}) dat niet is toegestaan",
            line,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"geen geldige YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(f"te diep genest (meer dan {MAX_DEPTH} niveaus)") from None
    return Document(data=data, key_lines=loader.key_lines, item_lines=loader.item_lines)


_YAML_MESSAGES = [
    ("found a tab character", "een tab is niet toegestaan; spring in met spaties"),
    ("found character '\t'", "een tab is niet toegestaan; spring in met spaties"),
    ("found character '\\t'", "een tab is niet toegestaan; spring in met spaties"),
    (
        "found unexpected end of stream",
        "de tekst houdt onverwacht op (een aanhalingsteken niet gesloten?)",
    ),
    (
        "found unexpected end of document",
        "de tekst houdt onverwacht op (een aanhalingsteken niet gesloten?)",
    ),
    (
        # PyYAML says "... not allowed here", libyaml "... not allowed in this context".
        "mapping values are not allowed",
        "een ':' op een plek waar dat niet kan; zet de tekst tussen aanhalingstekens",
    ),
    (
        "block sequence entries are not allowed",
        "een lijstpunt ('- ') op een plek waar dat niet kan; begin de lijst op een nieuwe regel",
    ),
    ("expected a single document", "meer dan één document ('---') in één bestand"),
    ("could not find expected ':'", "er ontbreekt een ':' achter een sleutel"),
    ("did not find expected key", "een sleutel verwacht; klopt het inspringen?"),
    ("did not find expected '-' indicator", "een lijstpunt ('- ') verwacht; klopt het inspringen?"),
    ("found undefined alias", "verwijzingen (aliassen '*') zijn niet toegestaan"),
    (
        "found character that cannot start any token",
        "een teken waarmee geen waarde kan beginnen; zet de tekst tussen aanhalingstekens",
    ),
    (
        "found unknown escape character",
        "een onbekende escape ('\\') in tekst tussen dubbele aanhalingstekens",
    ),
    ("while scanning a quoted scalar", "een aanhalingsteken is niet gesloten"),
    ("while scanning a simple key", "een sleutel zonder ':' erachter"),
    ("while parsing a flow", "een lijst of mapping met '[' of '{' is niet goed gesloten"),
    ("while parsing a block", "het inspringen klopt niet"),
    (
        "control characters are not allowed",
        "het bestand bevat stuurtekens die niet zijn toegestaan",
    ),
]


def _dutch_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, dutch in _YAML_MESSAGES:
        if needle in text:
            return f"geen geldige YAML: {dutch}"
    return f"geen geldige YAML: {(exc.problem or exc.context or 'onbekende fout').strip()}"

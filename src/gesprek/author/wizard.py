"""``gesprek nieuw``: a wizard that asks for every field of a new item and writes it.

Every question shows the field's Dutch description from the content model, every answer is
checked with the model's own rule for that field (and its Dutch message) before the next
question, and kader fields are choices from the loaded kader. Nothing is written until the
last question is answered and the author says yes: Ctrl-C at any point leaves no file and no
folder behind. questionary is imported only once there is a terminal to ask on.
"""

from __future__ import annotations

import functools
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from gesprek.author import ids, writer
from gesprek.errors import UsageError, display_path, suggest

if TYPE_CHECKING:
    from gesprek.author.prompts import Prompter

SUPPORTED = ("dilemma", "stelling", "kennisvraag", "casus", "ronde", "beroepscode")
# Fields whose text may run over several lines; asked with a multi-line prompt and written
# as a block scalar when long.
LONG_FIELDS = frozenset(
    {"situatie", "inleiding", "verhaal", "uitleg", "norm", "kader", "uitkomst", "regel"}
)
WRAP = 88
MAX_OPTIONS = 10

DONE_HINT = "(leeg = klaar)"


class NotSaved(Exception):
    """The author answered no to the last question: nothing was written."""


# --- before any question ---------------------------------------------------------------


def check_type(type_: str) -> str:
    """The item type for ``gesprek nieuw``, or a UsageError with a suggestion."""
    from gesprek.content.models import TYPE_FOLDERS

    kinds = ", ".join(SUPPORTED)
    if type_ in SUPPORTED:
        return type_
    if type_ in TYPE_FOLDERS:
        raise UsageError(
            f"gesprek nieuw maakt geen {type_}",
            hint=f"Kies uit: {kinds}. Een {type_} schrijf je met de hand; zie BIJDRAGEN.md.",
        )
    raise UsageError(
        f"onbekend type '{type_}'" + suggest(type_, SUPPORTED), hint=f"Kies uit: {kinds}."
    )


def default_pack() -> Path:
    """The built-in ``content/`` in a source checkout, else the current folder."""
    from gesprek import paths

    return paths.builtin_content() if paths.in_checkout() else Path.cwd()


def resolve_pack(map_: Path | None) -> Path:
    """The pack folder to write into (an item folder such as ``dilemmas/`` means its pack)."""
    from gesprek.content.library import FOLDERS

    pack = default_pack() if map_ is None else map_
    if not pack.exists():
        raise UsageError(f"de map {display_path(pack)} bestaat niet")
    if not pack.is_dir():
        raise UsageError(f"{display_path(pack)} is geen map", hint="Geef met --map een pakketmap.")
    if pack.name in FOLDERS:
        pack = pack.parent
    return pack


def require_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "gesprek nieuw stelt vragen en heeft daarvoor een terminal nodig "
            "(toetsenbord en scherm)",
            hint="Start het in een terminalvenster, zonder invoer of uitvoer om te leiden.",
        )


# --- text and field rules -------------------------------------------------------------


def _printable(text: str) -> str:
    """Without control characters (a pasted tab becomes a space); line breaks stay."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(c for c in text if c == "\n" or not unicodedata.category(c).startswith("C"))


def tidy_line(text: str) -> str:
    """One line: surrounding and repeated spaces removed."""
    return " ".join(_printable(text).split())


def tidy_block(text: str) -> str:
    """A text that may span lines, as the built-in content has it: lines tidied, at most one
    blank line between paragraphs, long lines wrapped at ``WRAP``. A short one-line text
    stays one line; anything else ends in a line break (a ``|`` block in the file)."""
    lines: list[str] = []
    for raw in _printable(text).split("\n"):
        line = " ".join(raw.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return ""
    if len(lines) == 1 and len(lines[0]) <= WRAP:
        return lines[0]
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(
            textwrap.wrap(line, WRAP, break_long_words=False, break_on_hyphens=False) or [""]
        )
    return "\n".join(wrapped) + "\n"


def describe(model_cls: Any, name: str) -> str:
    """The field's Dutch description from the model (the single source)."""
    return model_cls.model_fields[name].description or ""


@functools.cache
def _field_adapter(model_cls: Any, name: str) -> Any:
    from pydantic import TypeAdapter

    info = model_cls.model_fields[name]
    annotation: Any = (
        Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    )
    return TypeAdapter(annotation)


def field_problem(model_cls: Any, name: str, value: Any) -> str | None:
    """The model's Dutch message for ``value`` in field ``name``, or None when it is valid."""
    from pydantic import ValidationError

    from gesprek.content.messages import dutch

    try:
        _field_adapter(model_cls, name).validate_python(value, strict=True)
    except ValidationError as exc:
        error = exc.errors()[0]
        return dutch(error, (name, *error["loc"]))
    return None


# --- asking ---------------------------------------------------------------------------


class Wizard:
    """The questions for one item of ``type_``; ``run()`` returns the validated model."""

    def __init__(
        self,
        type_: str,
        lib: Any,
        pack: Path,
        prompter: Prompter,
        say: Callable[[str], None] = print,
    ) -> None:
        from gesprek.content import models

        self.m = models
        self.type = type_
        self.cls: Any = {
            "dilemma": models.Dilemma,
            "stelling": models.Stelling,
            "kennisvraag": models.Kennisvraag,
            "casus": models.Casus,
            "ronde": models.Ronde,
            "beroepscode": models.Beroepscode,
        }[type_]
        self.lib = lib
        self.pack = pack
        self.ask = prompter
        self.say = say

    # -- generic questions

    def _label(self, name: str, model_cls: Any = None, prefix: str = "") -> str:
        return f"{prefix}{name}: {describe(model_cls or self.cls, name)}"

    def required_text(self, name: str, model_cls: Any = None, prefix: str = "", **kw: Any) -> str:
        model_cls = model_cls or self.cls
        long = name in LONG_FIELDS
        tidy = tidy_block if long else tidy_line

        def check(text: str) -> bool | str:
            return field_problem(model_cls, name, tidy(text)) or True

        answer = self.ask.text(
            self._label(name, model_cls, prefix), multiline=long, validate=check, **kw
        )
        return tidy(answer)

    def optional_text(self, name: str, model_cls: Any = None, prefix: str = "") -> str | None:
        long = name in LONG_FIELDS
        answer = self.ask.text(self._label(name, model_cls, prefix), multiline=long, optional=True)
        text = tidy_block(answer) if long else tidy_line(answer)
        return text or None

    def text_list(
        self, name: str, minimum: int, model_cls: Any = None, prefix: str = ""
    ) -> list[str]:
        """Texts one by one until an empty answer (after ``minimum`` of them)."""
        model_cls = model_cls or self.cls
        values: list[str] = []
        while True:
            number = len(values) + 1
            message = (
                self._label(name, model_cls, prefix) if number == 1 else f"{prefix}{name}"
            ) + f" ({number})"
            if number <= minimum:

                def check(text: str) -> bool | str:
                    return bool(tidy_line(text)) or f"'{name}' moet er minstens {minimum} hebben"

                values.append(tidy_line(self.ask.text(message, validate=check)))
                continue
            answer = tidy_line(self.ask.text(message, instruction=DONE_HINT))
            if not answer:
                return values
            values.append(answer)

    def options(self, option_cls: Any, prefix: str = "") -> list[dict[str, Any]]:
        """Option texts A, B, C ... (at least two, the ids a, b, c ...)."""
        texts: list[str] = []
        description = describe(option_cls, "tekst")
        while len(texts) < MAX_OPTIONS:
            letter = chr(ord("A") + len(texts))
            message = f"{prefix}optie {letter}: {description}"
            if len(texts) < 2:

                def check(text: str) -> bool | str:
                    return field_problem(option_cls, "tekst", tidy_line(text)) or True

                texts.append(tidy_line(self.ask.text(message, validate=check)))
                continue
            answer = tidy_line(self.ask.text(message, instruction=DONE_HINT))
            if not answer:
                break
            texts.append(answer)
        return [{"id": chr(ord("a") + i), "tekst": t} for i, t in enumerate(texts)]

    def kader_one(self, name: str, kind: str) -> str:
        choices = [(entry.naam, entry.id) for entry in self.lib.kader[kind].values()]
        if not choices:
            raise UsageError(f"het kader heeft geen {kind}; voeg ze toe aan kader.yaml")
        return str(self.ask.select(self._label(name), choices))

    def kader_many(self, name: str, kind: str) -> list[str]:
        choices = [(entry.naam, entry.id) for entry in self.lib.kader[kind].values()]
        if not choices:
            return []
        info = self.cls.model_fields[name]
        default = info.get_default(call_default_factory=True) or []

        def check(picked: list[Any]) -> bool | str:
            return field_problem(self.cls, name, picked) or True

        return self.ask.checkbox(self._label(name), choices, checked=default, validate=check)

    # -- the id

    def taken(self, candidate: str) -> str | None:
        """Where ``candidate`` is already used (an item in a loaded pack, or a file in the
        target pack), or None."""
        from gesprek.content.library import FOLDERS

        if candidate in self.lib.items:
            source = self.lib.sources.get(candidate)
            return display_path(source.path) if source else "de geladen inhoud"
        for folder in FOLDERS:
            for suffix in (".yaml", ".yml"):
                path = self.pack / folder / f"{candidate}{suffix}"
                if path.exists():
                    return display_path(path)
        return None

    def item_id(self, titel: str) -> str:
        proposal = ids.free_id(
            ids.propose_id(titel, fallback=f"nieuw-{self.type}"),
            lambda c: self.taken(c) is not None,
        )

        def check(text: str) -> bool | str:
            value = text.strip()
            problem = field_problem(self.cls, "id", value)
            if problem:
                return problem
            where = self.taken(value)
            if where:
                return f"id '{value}' bestaat al ({where}); kies een andere"
            return True

        return self.ask.text(self._label("id"), default=proposal, validate=check).strip()

    # -- the item

    def run(self) -> Any:
        """Ask every question; the validated item."""
        from pydantic import ValidationError

        data: dict[str, Any] = {"type": self.type}
        data["titel"] = self.required_text("titel")
        data["id"] = self.item_id(data["titel"])
        data["thema"] = self.kader_one("thema", "themas")
        data["kernwaarden"] = self.kader_many("kernwaarden", "kernwaarden")
        getattr(self, f"_ask_{self.type}")(data)
        data["doorvragen"] = self.text_list("doorvragen", 0)
        data["norm"] = self.optional_text("norm")
        beroepscode = [(i.titel, i.id) for i in self.lib.of_type("beroepscode")]
        if beroepscode:
            data["beroepscode"] = self.ask.checkbox(self._label("beroepscode"), beroepscode)
        data["loketten"] = self.kader_many("loketten", "loketten")
        data["doelgroep"] = self.kader_many("doelgroep", "doelgroepen") or ["iedereen"]
        data["duur"] = self.duration()
        data["bron"] = self.optional_text("bron")
        data = {k: v for k, v in data.items() if v is not None}
        try:
            return self.m.item_adapter().validate_python(data)
        except ValidationError as exc:  # every answer was checked: a bug if this happens
            from gesprek.content.messages import dutch

            messages = "; ".join(dutch(e, tuple(e["loc"])) for e in exc.errors())
            raise UsageError(f"het item is niet geldig: {messages}") from None

    def duration(self) -> int:
        default = self.cls.model_fields["duur"].default

        def check(text: str) -> bool | str:
            try:
                value = int(text.strip())
            except ValueError:
                return "'duur' moet een heel getal zijn (minuten)"
            return field_problem(self.cls, "duur", value) or True

        return int(self.ask.text(self._label("duur"), default=str(default), validate=check))

    def _ask_dilemma(self, data: dict[str, Any]) -> None:
        data["situatie"] = self.required_text("situatie")
        examples = self.cls.model_fields["vraag"].examples or [""]
        data["vraag"] = self.required_text("vraag", default=str(examples[0]))
        if self.ask.yes(f"{self._label('opties')} Wil je antwoordopties geven?"):
            data["opties"] = self.options(self.m.Optie)

    def _ask_kennisvraag(self, data: dict[str, Any]) -> None:
        data["situatie"] = self.optional_text("situatie")
        data["vraag"] = self.required_text("vraag")
        opties = self.options(self.m.KennisOptie)
        choices = [(f"{o['id'].upper()}. {o['tekst']}", o["id"]) for o in opties]

        def check(picked: list[Any]) -> bool | str:
            marked = [{**o, "juist": o["id"] in picked} for o in opties]
            return field_problem(self.cls, "opties", marked) or True

        juist = self.ask.checkbox(
            f"juist: {describe(self.m.KennisOptie, 'juist')} Welke opties zijn juist?",
            choices,
            validate=check,
        )
        for option in opties:
            if option["id"] in juist:
                option["juist"] = True
        data["opties"] = opties
        data["uitleg"] = self.required_text("uitleg")

    def _ask_stelling(self, data: dict[str, Any]) -> None:
        data["stelling"] = self.required_text("stelling")
        default = self.cls.model_fields["opties"].get_default(call_default_factory=True)
        scale = " / ".join(o.tekst.lower() for o in default)
        if not self.ask.yes(f"{self._label('opties')} De standaard houden ({scale})?"):
            data["opties"] = self.options(self.m.Optie)

    def _ask_ronde(self, data: dict[str, Any]) -> None:
        data["vragen"] = self.text_list("vragen", 1)

    def _ask_beroepscode(self, data: dict[str, Any]) -> None:
        data["regel"] = self.required_text("regel")
        data["vragen"] = self.text_list("vragen", 1)

    def _ask_casus(self, data: dict[str, Any]) -> None:
        data["inleiding"] = self.required_text("inleiding")
        stap_cls, moment_cls = self.m.Stap, self.m.Beslismoment
        steps: list[dict[str, Any]] = []
        while True:
            number = len(steps) + 1
            prefix = f"stap {number}, "
            self.say(f"-- Stap {number}")
            step: dict[str, Any] = {
                "titel": self.required_text("titel", stap_cls, prefix),
                "verhaal": self.required_text("verhaal", stap_cls, prefix),
                "vragen": self.text_list("vragen", 0, stap_cls, prefix),
            }
            if self.ask.yes(
                f"{self._label('beslismoment', stap_cls, prefix)} Heeft deze stap er een?",
                default=False,
            ):
                moment: dict[str, Any] = {
                    "vraag": self.required_text("vraag", moment_cls, prefix),
                    "opties": self.options(self.m.Optie, prefix),
                    "kader": self.optional_text("kader", moment_cls, prefix),
                    "uitkomst": self.optional_text("uitkomst", moment_cls, prefix),
                }
                step["beslismoment"] = {k: v for k, v in moment.items() if v is not None}
            steps.append(step)
            if not self.ask.yes("Nog een stap?", default=True):
                break
        data["stappen"] = steps


def create(
    type_: str,
    map_: Path | None,
    packs: Sequence[Path] = (),
    *,
    prompter: Prompter | None = None,
    say: Callable[[str], None] = print,
) -> Path:
    """Ask for a new item of ``type_`` and write it into the pack ``map_``; the new file.

    Raises KeyboardInterrupt (or EOFError) when the author breaks off, NotSaved when they
    answer no at the end; in both cases nothing has been written."""
    from gesprek.content import library
    from gesprek.content.models import TYPE_NAMES

    type_ = check_type(type_)
    pack = resolve_pack(map_)
    if prompter is None:
        require_terminal()
    lib = library.load([*packs, pack], strict=False)
    if prompter is None:
        from gesprek.author.prompts import Prompter

        prompter = Prompter()
    say(
        f"Nieuw: {TYPE_NAMES[type_].lower()} in het pakket {display_path(pack)}. "
        "Er wordt pas aan het eind iets geschreven; Ctrl-C breekt af."
    )
    if lib.problems:
        n = len(lib.problems)
        say(f"Let op: de inhoud heeft al {n} fout{'en' if n != 1 else ''}; zie 'gesprek check'.")
    model = Wizard(type_, lib, pack, prompter, say).run()
    path = writer.target_path(model, pack)
    say("")
    say(writer.dump(model).rstrip("\n"))
    say("")
    if not prompter.yes(f"Opslaan als {display_path(path)}?", default=True):
        raise NotSaved
    path = writer.write_new(model, pack)
    say(f"Geschreven: {display_path(path)}")
    builtin = pack.resolve() == library.pack_paths()[0].resolve()
    extra = "" if builtin else f" {display_path(pack)}"
    pakket = "" if builtin else f"--pakket {display_path(pack)} "
    say(f"Controleer met 'gesprek check{extra}' en bekijk met 'gesprek {pakket}toon {model.id}'.")
    return path

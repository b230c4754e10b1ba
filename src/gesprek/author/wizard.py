"""``gesprek nieuw``: a wizard that asks for every field of a new item and writes it.

Every question shows the field's Dutch description from the content model, every answer is
checked with the model's own rule for that field (and its Dutch message) before the next
question, and kader fields are choices from the loaded kader. Nothing is written until the
last question is answered and the author says yes: Ctrl-C at any point leaves no file and no
folder behind. questionary is imported only once there is a terminal to ask on.
"""

from __future__ import annotations

import contextlib
import functools
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from gesprek.author import ids, writer
from gesprek.errors import UsageError, display_path, suggest
from gesprek.terminal import require_terminal

if TYPE_CHECKING:
    from gesprek.author.prompts import Prompter

SUPPORTED = (
    "dilemma",
    "stelling",
    "kennisvraag",
    "casus",
    "ronde",
    "beroepscode",
    "initiatief",
    "programma",
)
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


# Questions in plain words, for an author who does not know the format: (field, model) or
# field -> the question. Fields not listed here are asked with the model's description.
# The question for the second and later entry of a list, in the same plain words.
MORE = {
    "doorvragen": "Nog een vraag om door te vragen",
    "vragen": "Nog een vraag om over te praten",
}
PLAIN: dict[Any, str] = {
    "titel": "Welke titel krijgt het? Kort, zoals hij boven de kaart staat.",
    "id": "Onder welke naam bewaren we het bestand? Kleine letters en streepjes.",
    "thema": "Over welk thema gaat het?",
    "kernwaarden": "Welke kernwaarden spelen mee? (mag geen)",
    "doelgroep": "Voor wie is het bedoeld?",
    "loketten": "Waar kan iemand met zo'n situatie terecht? (mag geen)",
    "beroepscode": "Welke regels uit de beroepscode horen erbij? (mag geen)",
    "duur": "Hoeveel minuten trek je ervoor uit?",
    "doorvragen": "Een vraag voor de gespreksleider om door te vragen",
    "norm": "Welke regel geldt hier? Kort en precies.",
    "bron": "Waar komt het vandaan? Een algemene herkomst, geen namen.",
    "situatie": "Wat is de situatie? In een paar zinnen, wat er gebeurt.",
    "vraag": "Welke vraag leg je het team voor?",
    "stelling": "Wat is de stelling? Eén zin.",
    "uitleg": "Wat is de uitleg bij het goede antwoord? (het team ziet die na het stemmen)",
    "regel": "Welke regel, kernwaarde of belofte uit de beroepscode, en wat betekent die?",
    "vragen": "Een vraag om over te praten",
    "inleiding": "Hoe begint de casus? Een korte inleiding.",
    "verhaal": "Wat gebeurt er in deze stap?",
    "kader": "Welke mogelijkheden of regels gelden bij deze keuze? (mag leeg)",
    "uitkomst": "Wat gebeurde er echt? Het team ziet dit na het stemmen. (mag leeg)",
    "pijler": "Bij welke pijler van Politie voor Iedereen hoort het?",
    "themas": "Bij welke thema's past het? (mag geen)",
    "wat": "Wat is het? In een paar zinnen.",
    "doel": "Waar is het voor?",
    "aanpak": "Hoe pak je het aan? Stap voor stap.",
    "nodig_wie": "Wie heb je ervoor nodig? Rollen, geen namen.",
    "nodig_wat": "Wat heb je ervoor nodig?",
    "beschrijving": "Voor wie en waarvoor is dit programma?",
    "juist": "Welke antwoorden zijn goed? Kies er minstens één.",
}
BACK_HINT = "Esc = vorige vraag"


class GoBack(Exception):
    """The author pressed Esc: ask the previous question again."""


# --- before any question ---------------------------------------------------------------


def check_type(type_: str) -> str:
    """The item type for ``gesprek nieuw``, or a UsageError with a suggestion."""

    kinds = ", ".join(SUPPORTED)
    if type_ in SUPPORTED:
        return type_
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
        self.cls: Any = models.MODELS_BY_TYPE[type_]
        self.lib = lib
        self.pack = pack
        self.ask = prompter
        self.say = say

    # -- generic questions

    def _label(self, name: str, model_cls: Any = None, prefix: str = "") -> str:
        question = PLAIN.get(name) or describe(model_cls or self.cls, name)
        return f"{prefix}{question}"

    def required_text(
        self,
        name: str,
        model_cls: Any = None,
        prefix: str = "",
        multiline: bool | None = None,
        **kw: Any,
    ) -> str:
        model_cls = model_cls or self.cls
        long = name in LONG_FIELDS if multiline is None else multiline
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
            later = MORE.get(name) or self._label(name, model_cls)
            message = (
                self._label(name, model_cls, prefix) if number == 1 else f"{prefix}{later}"
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
            message = f"{prefix}antwoord {letter}: {description}"
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
        default = [] if info.is_required() else info.get_default(call_default_factory=True) or []

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

    def steps(self) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
        """The questions in order: (field, ask it and put the answer in the data)."""

        def put(name: str, ask: Callable[[], Any]) -> tuple[str, Callable[[dict[str, Any]], None]]:
            def step(data: dict[str, Any]) -> None:
                data[name] = ask()

            return name, step

        if self.type == "initiatief":
            return [
                put("titel", lambda: self.required_text("titel")),
                ("id", lambda d: d.__setitem__("id", self.item_id(d["titel"]))),
                put("pijler", lambda: self.kader_one("pijler", "pijlers")),
                put("doelgroep", lambda: self.kader_many("doelgroep", "doelgroepen")),
                put("themas", lambda: self.kader_many("themas", "themas")),
                put("wat", lambda: self.required_text("wat", multiline=True)),
                put("doel", lambda: self.required_text("doel", multiline=True)),
                put("aanpak", lambda: self.required_text("aanpak", multiline=True)),
                put("nodig_wie", lambda: self.required_text("nodig_wie")),
                put("nodig_wat", lambda: self.required_text("nodig_wat")),
                put("bron", lambda: self.optional_text("bron")),
            ]
        if self.type == "programma":
            return [
                put("titel", lambda: self.required_text("titel")),
                ("id", lambda d: d.__setitem__("id", self.item_id(d["titel"]))),
                put("beschrijving", lambda: self.required_text("beschrijving", multiline=True)),
                put("doelgroep", lambda: self.kader_many("doelgroep", "doelgroepen")),
                ("onderdelen", self._ask_onderdelen),
                put("bron", lambda: self.optional_text("bron")),
            ]
        own = getattr(self, f"_steps_{self.type}")()
        beroepscode = [(i.titel, i.id) for i in self.lib.of_type("beroepscode")]
        return [
            put("titel", lambda: self.required_text("titel")),
            ("id", lambda d: d.__setitem__("id", self.item_id(d["titel"]))),
            put("thema", lambda: self.kader_one("thema", "themas")),
            put("kernwaarden", lambda: self.kader_many("kernwaarden", "kernwaarden")),
            *own,
            put("doorvragen", lambda: self.text_list("doorvragen", 0)),
            put("norm", lambda: self.optional_text("norm")),
            *(
                [
                    put(
                        "beroepscode",
                        lambda: self.ask.checkbox(self._label("beroepscode"), beroepscode),
                    )
                ]
                if beroepscode
                else []
            ),
            put("loketten", lambda: self.kader_many("loketten", "loketten")),
            put(
                "doelgroep",
                lambda: self.kader_many("doelgroep", "doelgroepen") or ["iedereen"],
            ),
            put("duur", self.duration),
            put("bron", lambda: self.optional_text("bron")),
        ]

    def ask_steps(self, data: dict[str, Any], only: str | None = None) -> None:
        """Ask the steps in order (or just the one named ``only``); Esc goes one back."""
        steps = self.steps()
        if only is not None:
            step = dict(steps)[only]
            with contextlib.suppress(GoBack):  # Esc keeps the earlier answer
                step(data)
            return
        index = 0
        while index < len(steps):
            try:
                steps[index][1](data)
                index += 1
            except GoBack:
                index = max(0, index - 1)

    def run(self) -> Any:
        """Ask every question; the validated item."""
        data: dict[str, Any] = {"type": self.type}
        self.ask_steps(data)
        return self.validated(data)

    def validated(self, data: dict[str, Any]) -> Any:
        from pydantic import ValidationError

        if self.type == "programma":
            data["duur"] = sum(part["duur"] for part in data["onderdelen"])
        clean = {k: v for k, v in data.items() if v is not None}
        try:
            return self.m.item_adapter().validate_python(clean)
        except ValidationError as exc:  # every answer was checked: a bug if this happens
            from gesprek.content.messages import dutch

            messages = "; ".join(dutch(e, tuple(e["loc"])) for e in exc.errors())
            raise UsageError(f"het item is niet geldig: {messages}") from None

    def fields(self) -> list[tuple[str, str]]:
        """(question, field) for every step, to pick an answer to change."""
        return [(self._label(name), name) for name, _ in self.steps()]

    def _ask_onderdelen(self, data: dict[str, Any]) -> None:
        """Programme parts: an item id and its minutes, until an empty answer."""
        session = {i.id: i for i in self.lib.of_type(*self.m.SESSION_TYPES)}
        parts: list[dict[str, Any]] = []
        while True:
            number = len(parts) + 1

            def check(text: str, first: bool = not parts) -> bool | str:
                value = text.strip()
                if not value:
                    return "geef minstens één onderdeel" if first else True
                if value in session:
                    return True
                return (
                    f"onbekend gespreksitem '{value}'"
                    + suggest(value, session)
                    + ("; 'gesprek inhoud' toont alle ids")
                )

            answer = self.ask.text(
                f"Onderdeel {number}: welk item komt nu? Typ de id",
                instruction=None if not parts else DONE_HINT,
                validate=check,
            ).strip()
            if not answer:
                break
            item = session[answer]

            def minutes(text: str) -> bool | str:
                try:
                    value = int(text.strip())
                except ValueError:
                    return "typ het aantal minuten als heel getal"
                return field_problem(self.m.Onderdeel, "duur", value) or True

            duur = int(
                self.ask.text(
                    f"Hoeveel minuten voor '{item.titel}'?",
                    default=str(item.duur),
                    validate=minutes,
                )
            )
            parts.append({"item": answer, "duur": duur})
        data["onderdelen"] = parts

    def duration(self) -> int:
        default = self.cls.model_fields["duur"].default

        def check(text: str) -> bool | str:
            try:
                value = int(text.strip())
            except ValueError:
                return "'duur' moet een heel getal zijn (minuten)"
            return field_problem(self.cls, "duur", value) or True

        return int(self.ask.text(self._label("duur"), default=str(default), validate=check))

    def _steps_dilemma(self) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
        def opties(data: dict[str, Any]) -> None:
            data.pop("opties", None)
            if self.ask.yes("Wil je antwoordopties geven (A, B, C ...)?"):
                data["opties"] = self.options(self.m.Optie)

        examples = self.cls.model_fields["vraag"].examples or [""]
        return [
            ("situatie", lambda d: d.__setitem__("situatie", self.required_text("situatie"))),
            (
                "vraag",
                lambda d: d.__setitem__(
                    "vraag", self.required_text("vraag", default=str(examples[0]))
                ),
            ),
            ("opties", opties),
        ]

    def _steps_kennisvraag(self) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
        def opties(data: dict[str, Any]) -> None:
            opties = self.options(self.m.KennisOptie)
            choices = [(f"{o['id'].upper()}. {o['tekst']}", o["id"]) for o in opties]

            def check(picked: list[Any]) -> bool | str:
                marked = [{**o, "juist": o["id"] in picked} for o in opties]
                return field_problem(self.cls, "opties", marked) or True

            juist = self.ask.checkbox(PLAIN["juist"], choices, validate=check)
            for option in opties:
                if option["id"] in juist:
                    option["juist"] = True
            data["opties"] = opties

        return [
            ("situatie", lambda d: d.__setitem__("situatie", self.optional_text("situatie"))),
            ("vraag", lambda d: d.__setitem__("vraag", self.required_text("vraag"))),
            ("opties", opties),
            ("uitleg", lambda d: d.__setitem__("uitleg", self.required_text("uitleg"))),
        ]

    def _steps_stelling(self) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
        def opties(data: dict[str, Any]) -> None:
            data.pop("opties", None)
            default = self.cls.model_fields["opties"].get_default(call_default_factory=True)
            scale = " / ".join(o.tekst.lower() for o in default)
            if not self.ask.yes(f"Mogen de antwoorden de standaard blijven ({scale})?"):
                data["opties"] = self.options(self.m.Optie)

        return [
            ("stelling", lambda d: d.__setitem__("stelling", self.required_text("stelling"))),
            ("opties", opties),
        ]

    def _steps_ronde(self) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
        return [("vragen", lambda d: d.__setitem__("vragen", self.text_list("vragen", 1)))]

    def _steps_beroepscode(self) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
        return [
            ("regel", lambda d: d.__setitem__("regel", self.required_text("regel"))),
            ("vragen", lambda d: d.__setitem__("vragen", self.text_list("vragen", 1))),
        ]

    def _steps_casus(self) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
        return [
            ("inleiding", lambda d: d.__setitem__("inleiding", self.required_text("inleiding"))),
            ("stappen", self._ask_stappen),
        ]

    def _ask_stappen(self, data: dict[str, Any]) -> None:
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
                f"{prefix}stemt het team hier over een keuze (een beslismoment)?",
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
        require_terminal("gesprek nieuw")
    lib = library.load([*packs, pack], strict=False)
    if prompter is None:
        from gesprek.author.prompts import Prompter

        prompter = Prompter()
    say(
        f"Nieuw: {TYPE_NAMES[type_].lower()} in het pakket {display_path(pack)}. "
        "Er wordt pas aan het eind iets geschreven; Esc gaat terug naar de vorige vraag, "
        "Ctrl-C breekt af."
    )
    if lib.problems:
        n = len(lib.problems)
        say(f"Let op: de inhoud heeft al {n} fout{'en' if n != 1 else ''}; zie 'gesprek check'.")
    asker = Wizard(type_, lib, pack, prompter, say)
    data: dict[str, Any] = {"type": type_}
    asker.ask_steps(data)
    while True:
        model = asker.validated(dict(data))
        path = writer.target_path(model, pack)
        say("")
        say(writer.dump(model).rstrip("\n"))
        say("")
        if prompter.yes(f"Opslaan als {display_path(path)}?", default=True):
            break
        choice = prompter.select(
            "Niet opslaan. Wat wil je doen?",
            [("Een antwoord veranderen", "veranderen"), ("Stoppen zonder op te slaan", "stop")],
        )
        if choice == "stop":
            raise NotSaved
        field = prompter.select("Welk antwoord wil je veranderen?", asker.fields())
        asker.ask_steps(data, only=field)
        if field == "titel" and "id" in data:
            say(f"De id blijft '{data['id']}'; kies 'id' om die ook te veranderen.")
    path = writer.write_new(model, pack)
    say(f"Geschreven: {display_path(path)}")
    builtin = pack.resolve() == library.pack_paths()[0].resolve()
    extra = "" if builtin else f" {display_path(pack)}"
    pakket = "" if builtin else f"--pakket {display_path(pack)} "
    say(f"Controleer met 'gesprek check{extra}' en bekijk met 'gesprek {pakket}toon {model.id}'.")
    return path

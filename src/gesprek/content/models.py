"""The content format: one pydantic model per item type and one for the kader.

These models are the single definition of the format. Validation, ``gesprek check``,
``gesprek schema``, ``gesprek nieuw`` and the field tables in the docs all come from here.
Descriptions are Dutch because authors read them (in the JSON Schema and the wizard).
Importing this module costs pydantic's import: only commands that need content do so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 80

TYPE_FOLDERS: dict[str, str] = {
    "dilemma": "dilemmas",
    "casus": "dilemmas",
    "kennisvraag": "dilemmas",
    "stelling": "statements",
    "beroepscode": "statements",
    "ronde": "statements",
    "initiatief": "initiatives",
    "programma": "programmas",
}
TYPE_NAMES: dict[str, str] = {
    "dilemma": "Dilemma",
    "casus": "Casus",
    "kennisvraag": "Kennisvraag",
    "stelling": "Stelling",
    "beroepscode": "Beroepscode",
    "ronde": "Gespreksronde",
    "initiatief": "Initiatief",
    "programma": "Programma",
}
SESSION_TYPES = ("dilemma", "casus", "kennisvraag", "stelling", "beroepscode", "ronde")


class TextError(ValueError):
    """A Dutch validation message; the loader shows it as it is."""


def _non_empty(value: str) -> str:
    if not value.strip():
        raise TextError("mag niet leeg zijn")
    return value


# In the JSON Schema a text must hold a non-space character; the editor then says so in
# Dutch (patternErrorMessage) where a minLength would give an English message.
NON_EMPTY_PATTERN = r"\S"
Tekst = Annotated[
    str,
    AfterValidator(_non_empty),
    Field(json_schema_extra={"pattern": NON_EMPTY_PATTERN}),
]
ItemId = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=ID_MAX,
        description="Unieke id: kleine letters, cijfers en streepjes; gelijk aan de bestandsnaam.",
        examples=["lunch-niet-betalen"],
    ),
]
OptieId = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=40,
        description="Id van de optie, uniek binnen de vraag (bijvoorbeeld a, b, c).",
        examples=["a"],
    ),
]
KaderRef = Annotated[str, Field(min_length=1, max_length=ID_MAX)]
ItemRef = Annotated[str, Field(min_length=1, max_length=ID_MAX)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


def _unique_option_ids(options: list[Optie]) -> list[Optie]:
    seen: set[str] = set()
    for option in options:
        if option.id in seen:
            raise TextError(f"optie-id '{option.id}' komt meer dan één keer voor")
        seen.add(option.id)
    return options


class Optie(Model):
    """Een antwoordmogelijkheid; deelnemers zien ze als A, B, C."""

    id: OptieId
    tekst: Tekst = Field(
        description="De tekst van de optie zoals deelnemers hem lezen.",
        examples=["Ik bedank vriendelijk en betaal zelf."],
    )


class KennisOptie(Optie):
    """Een antwoordmogelijkheid van een kennisvraag, juist of niet."""

    juist: bool = Field(
        False, description="true als deze optie (een) juist antwoord is.", examples=[True]
    )


Opties = Annotated[list[Optie], AfterValidator(_unique_option_ids)]


# The checks below are field validators (not model validators) so that an error points at
# the line of 'opties' rather than at the top of the file.
def _none_or_two(options: list[Optie]) -> list[Optie]:
    if len(options) == 1:
        raise TextError("'opties' heeft er minstens twee nodig, of laat het veld weg")
    return options


def _one_correct(options: list[KennisOptie]) -> list[KennisOptie]:
    if not any(o.juist for o in options):
        raise TextError("een kennisvraag heeft minstens één optie met 'juist: true' nodig")
    return options


@dataclass(frozen=True)
class Stemming:
    """One question that can be voted on: a dilemma's, a stelling's, a kennisvraag's or
    a casus step's beslismoment. ``stap`` is the 1-based casus step, else None."""

    stap: int | None
    vraag: str
    opties: tuple[Optie, ...]
    juist: tuple[str, ...] = ()
    uitleg: str | None = None


# --- session items -------------------------------------------------------------------


class SessieItem(Model):
    """Velden die alle gespreksonderdelen delen."""

    id: ItemId
    titel: Tekst = Field(
        description="Korte titel, zoals hij boven de kaart staat.",
        examples=["De eigenaar wil niet dat je betaalt"],
    )
    thema: KaderRef = Field(description="Id van een thema uit het kader.", examples=["geschenken"])
    kernwaarden: list[KaderRef] = Field(
        default_factory=list,
        description="Ids van kernwaarden uit het kader.",
        examples=[["integer", "moedig"]],
    )
    doelgroep: list[KaderRef] = Field(
        default_factory=lambda: ["iedereen"],
        min_length=1,
        description="Ids van doelgroepen uit het kader (standaard iedereen).",
        examples=[["iedereen"], ["leidinggevenden", "studenten"]],
    )
    duur: int = Field(10, ge=1, le=240, description="Geplande tijd in minuten.", examples=[10])
    doorvragen: list[Tekst] = Field(
        default_factory=list,
        description="Doorvragen voor de gespreksleider.",
        examples=[["Maakt het uit of het om koffie of om een diner gaat?"]],
    )
    norm: Tekst | None = Field(
        None,
        description="De regel die hier geldt.",
        examples=["Je neemt geen geschenken aan die je onafhankelijkheid in gevaar brengen."],
    )
    beroepscode: list[ItemRef] = Field(
        default_factory=list,
        description="Ids van beroepscode-items die hier gelden.",
        examples=[["bc-niet-corrupt"]],
    )
    loketten: list[KaderRef] = Field(
        default_factory=list,
        description="Ids van loketten uit het kader: waar kun je terecht?",
        examples=[["leidinggevende", "vik"]],
    )
    bron: str | None = Field(
        None,
        description="Herkomst van het item (vrije tekst).",
        examples=["Eigen ervaring van team Noord"],
    )

    def stemmingen(self) -> list[Stemming]:
        """The questions of this item that a team votes on, in order."""
        return []


class Dilemma(SessieItem):
    """Een situatie en een vraag, met of zonder antwoordopties."""

    type: Literal["dilemma"] = Field(description="Het soort item.")
    situatie: Tekst = Field(
        description="De situatie, in een paar zinnen.",
        examples=["Je hebt een zakelijke lunch. Bij het afrekenen weigert de eigenaar je geld.\n"],
    )
    vraag: Tekst = Field(description="De vraag aan het team.", examples=["Wat doe je?"])
    opties: Annotated[Opties, AfterValidator(_none_or_two)] = Field(
        default_factory=list,
        description="Antwoordopties (minstens twee), of geen.",
        examples=[
            [
                {"id": "a", "tekst": "Ik betaal toch, en leg uit waarom."},
                {"id": "b", "tekst": "Ik accepteer het, één keer kan geen kwaad."},
            ]
        ],
    )

    def stemmingen(self) -> list[Stemming]:
        if not self.opties:
            return []
        return [Stemming(None, self.vraag, tuple(self.opties))]


class Kennisvraag(SessieItem):
    """Een vraag met een of meer juiste antwoorden en uitleg, getoond na de stemming."""

    type: Literal["kennisvraag"] = Field(description="Het soort item.")
    duur: int = Field(5, ge=1, le=240, description="Geplande tijd in minuten.", examples=[5])
    situatie: Tekst | None = Field(
        None,
        description="Tekst die voor de vraag wordt getoond.",
        examples=["Je collega vraagt of je even een kenteken wilt natrekken."],
    )
    vraag: Tekst = Field(
        description="De vraag.", examples=["Wat valt onder plichtsverzuim volgens artikel 76 BARP?"]
    )
    opties: Annotated[
        list[KennisOptie], AfterValidator(_unique_option_ids), AfterValidator(_one_correct)
    ] = Field(
        min_length=2,
        description="De antwoordmogelijkheden; minstens één met juist: true.",
        examples=[
            [
                {"id": "a", "tekst": "Je overtreedt een voorschrift.", "juist": True},
                {"id": "b", "tekst": "Alleen gedrag dat ook strafbaar is."},
            ]
        ],
    )
    uitleg: Tekst = Field(
        description="Uitleg van het juiste antwoord, getoond na de stemming.",
        examples=["Plichtsverzuim is breder dan het overtreden van regels.\n"],
    )

    def stemmingen(self) -> list[Stemming]:
        correct = tuple(o.id for o in self.opties if o.juist)
        return [Stemming(None, self.vraag, tuple(self.opties), correct, self.uitleg)]


def _default_scale() -> list[Optie]:
    return [
        Optie(id="eens", tekst="Eens"),
        Optie(id="oneens", tekst="Oneens"),
        Optie(id="weet-niet", tekst="Weet niet"),
    ]


class Stelling(SessieItem):
    """Een stelling om het mee eens of oneens te zijn."""

    type: Literal["stelling"] = Field(description="Het soort item.")
    duur: int = Field(5, ge=1, le=240, description="Geplande tijd in minuten.", examples=[5])
    stelling: Tekst = Field(
        description="De stelling, in één zin.",
        examples=["Wie politie-informatie lekt, hoort niet langer bij de politie te werken."],
    )
    opties: Opties = Field(
        default_factory=_default_scale,
        min_length=2,
        description="Antwoordopties; standaard eens / oneens / weet niet.",
        examples=[[{"id": "eens", "tekst": "Eens"}, {"id": "oneens", "tekst": "Oneens"}]],
    )

    def stemmingen(self) -> list[Stemming]:
        return [Stemming(None, self.stelling, tuple(self.opties))]


class Beroepscode(SessieItem):
    """Een kernwaarde, regel of belofte uit de beroepscode, met gespreksvragen."""

    type: Literal["beroepscode"] = Field(description="Het soort item.")
    regel: Tekst = Field(
        description="De regel, kernwaarde of belofte en wat die betekent.",
        examples=["Je gaat zorgvuldig om met informatie.\n"],
    )
    vragen: list[Tekst] = Field(
        min_length=1,
        description="Gespreksvragen.",
        examples=[["Wanneer twijfel je of je iets mag delen?"]],
    )


class Ronde(SessieItem):
    """Een open gespreksronde: een lijst vragen (bijvoorbeeld om te openen of af te sluiten)."""

    type: Literal["ronde"] = Field(description="Het soort item.")
    vragen: list[Tekst] = Field(
        min_length=1,
        description="De vragen van de ronde.",
        examples=[["Wat neem je mee uit dit gesprek?"]],
    )


class Beslismoment(Model):
    """Een keuze in een casus; wat er echt gebeurde wordt na de stemming getoond."""

    vraag: Tekst = Field(
        description="De keuze die voorligt.", examples=["Wat beslis je als officier van justitie?"]
    )
    opties: Opties = Field(
        min_length=2,
        description="De mogelijkheden (minstens twee).",
        examples=[[{"id": "a", "tekst": "Vervolgen"}, {"id": "b", "tekst": "Seponeren"}]],
    )
    kader: Tekst | None = Field(
        None,
        description="Het kader, bijvoorbeeld de wettelijke opties.",
        examples=["De officier kan vervolgen, voorwaardelijk seponeren of seponeren.\n"],
    )
    uitkomst: Tekst | None = Field(
        None,
        description="Wat er werkelijk gebeurde.",
        examples=["De officier besloot tot een voorwaardelijk sepot.\n"],
    )


class Stap(Model):
    """Een stap in het verhaal van een casus."""

    titel: Tekst = Field(description="Titel van de stap.", examples=["Nachtdienst op de snelweg"])
    verhaal: Tekst = Field(
        description="Wat er in deze stap gebeurt.",
        examples=["Twee aspiranten surveilleren 's nachts op de snelweg.\n"],
    )
    vragen: list[Tekst] = Field(
        default_factory=list,
        description="Gespreksvragen bij deze stap.",
        examples=[["Wat zou jij in hun plaats doen?"]],
    )
    beslismoment: Beslismoment | None = Field(None, description="Een keuze om over te stemmen.")


class Casus(SessieItem):
    """Een langere casus in stappen, met gespreksvragen en beslismomenten."""

    type: Literal["casus"] = Field(description="Het soort item.")
    duur: int = Field(45, ge=1, le=240, description="Geplande tijd in minuten.", examples=[60])
    inleiding: Tekst = Field(
        description="De inleiding van de casus.",
        examples=["Twee aspiranten maken een aanhouding waar ze trots op zijn.\n"],
    )
    stappen: list[Stap] = Field(
        min_length=1,
        description="De stappen van het verhaal.",
        examples=[
            [
                {
                    "titel": "Nachtdienst op de snelweg",
                    "verhaal": "Twee aspiranten surveilleren 's nachts op de snelweg.\n",
                    "beslismoment": {
                        "vraag": "Zet je de auto stil?",
                        "opties": [{"id": "a", "tekst": "Ja"}, {"id": "b", "tekst": "Nee"}],
                    },
                }
            ]
        ],
    )

    def stemmingen(self) -> list[Stemming]:
        votes = []
        for number, step in enumerate(self.stappen, start=1):
            moment = step.beslismoment
            if moment is not None:
                votes.append(Stemming(number, moment.vraag, tuple(moment.opties)))
        return votes


# --- catalogue and programmes ---------------------------------------------------------


class Initiatief(Model):
    """Een interventie die een team kan organiseren (catalogus)."""

    id: ItemId
    type: Literal["initiatief"] = Field(description="Het soort item.")
    titel: Tekst = Field(description="Naam van het initiatief.")
    pijler: KaderRef = Field(description="Id van een pijler uit het kader.")
    doelgroep: list[KaderRef] = Field(min_length=1, description="Ids van doelgroepen.")
    themas: list[KaderRef] = Field(
        default_factory=list, description="Ids van thema's waar het initiatief bij past."
    )
    wat: Tekst = Field(description="Wat het is.")
    doel: Tekst = Field(description="Waar het voor is.")
    aanpak: Tekst = Field(description="Hoe je het uitvoert.")
    nodig_wie: Tekst = Field(description="Wie je ervoor nodig hebt (rollen, geen namen).")
    nodig_wat: Tekst = Field(description="Wat je ervoor nodig hebt.")
    bron: str | None = Field(None, description="Herkomst (vrije tekst).")


class Onderdeel(Model):
    """Een onderdeel van een programma: een item en de tijd ervoor."""

    item: ItemRef = Field(description="Id van een gespreksitem.")
    duur: int = Field(ge=1, le=240, description="Minuten voor dit onderdeel.")


class Programma(Model):
    """Een kant-en-klare sessie: onderdelen in volgorde, met tijd per onderdeel."""

    id: ItemId
    type: Literal["programma"] = Field(description="Het soort item.")
    titel: Tekst = Field(description="Naam van het programma.")
    beschrijving: Tekst = Field(description="Voor wie en waarvoor het programma is.")
    duur: int = Field(ge=1, le=480, description="Totale duur in minuten (som van de onderdelen).")
    doelgroep: list[KaderRef] = Field(
        default_factory=lambda: ["iedereen"], min_length=1, description="Ids van doelgroepen."
    )
    onderdelen: list[Onderdeel] = Field(min_length=1, description="De onderdelen in volgorde.")
    bron: str | None = Field(None, description="Herkomst (vrije tekst).")


SessionItem = Dilemma | Casus | Kennisvraag | Stelling | Beroepscode | Ronde
AnyItem = Annotated[
    Dilemma | Casus | Kennisvraag | Stelling | Beroepscode | Ronde | Initiatief | Programma,
    Field(discriminator="type"),
]


# --- kader -------------------------------------------------------------------------------


class KaderEntry(Model):
    id: ItemId
    naam: Tekst = Field(description="Naam zoals gebruikers hem zien.")
    omschrijving: Tekst = Field(description="Korte uitleg.")


class Kader(Model):
    """Het kader: kernwaarden, thema's, loketten, doelgroepen en pijlers."""

    kernwaarden: list[KaderEntry] = Field(default_factory=list)
    themas: list[KaderEntry] = Field(default_factory=list)
    loketten: list[KaderEntry] = Field(default_factory=list)
    doelgroepen: list[KaderEntry] = Field(default_factory=list)
    pijlers: list[KaderEntry] = Field(default_factory=list)

    KINDS: ClassVar[tuple[str, ...]] = (
        "kernwaarden",
        "themas",
        "loketten",
        "doelgroepen",
        "pijlers",
    )


def item_adapter() -> Any:
    """A cached TypeAdapter for any item (building one costs ~20 ms)."""
    global _ADAPTER
    if _ADAPTER is None:
        from pydantic import TypeAdapter

        _ADAPTER = TypeAdapter(AnyItem)
    return _ADAPTER


_ADAPTER: Any = None


MODELS_BY_TYPE: dict[str, type[Model]] = {
    "dilemma": Dilemma,
    "casus": Casus,
    "kennisvraag": Kennisvraag,
    "stelling": Stelling,
    "beroepscode": Beroepscode,
    "ronde": Ronde,
    "initiatief": Initiatief,
    "programma": Programma,
}

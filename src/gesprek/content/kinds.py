"""One home per session item type: its phases and who sees which of its texts.

Declarative data only, no drawing: the engine takes the phases from here, and the terminal,
the deck and the handout draw an item by walking its texts (``Text``) in order, each with
its audience and its role (how it is laid out); each layer has its own drawing per role.
Adding a type means adding its model to ``models`` and its ``Kind`` here (plus its tests).

Audiences:

- ``ROOM``: shown to the room when the item (or the casus step, or its beslismoment) is
  on screen;
- ``AFTER_VOTE``: shown to the room only once the vote is done (the correct answer, the
  explanation, what actually happened): they give the answer away;
- ``FACILITATOR``: for the facilitator (notes, speaker notes, the facilitator's handout).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from gesprek.content.models import TYPE_NAMES

Audience = Literal["room", "after_vote", "facilitator"]
ROOM: Audience = "room"
AFTER_VOTE: Audience = "after_vote"
FACILITATOR: Audience = "facilitator"

# How a text is laid out (each layer draws a role its own way):
#   lead       a paragraph or a few (situatie, inleiding, verhaal, kader, uitleg, ...)
#   rule       a lead that stands out (a beroepscode's regel)
#   statement  one sentence to agree with or not, above its options (the stelling)
#   question   the question; voted on with the item's options, if it has them
#   title      a casus step's title
#   bullets    a list of texts
#   numbered   a numbered list of texts
#   names      ids of the kader's entries of ``source`` (loketten), shown by name
#   items      ids of other items (beroepscode), shown by title
#   answers    the correct options of a vote
Role = Literal[
    "lead",
    "rule",
    "statement",
    "question",
    "title",
    "bullets",
    "numbered",
    "names",
    "items",
    "answers",
]

# How the part is run (the engine's phases):
#   vote       the question and the vote, then its results (``vraag``, ``uitslag``); without
#              options, one conversation (``gesprek``)
#   steps      the introduction, then per step the story (``stap``) and, where the step has
#              a beslismoment, its vote and results (``beslismoment``, ``uitslag``)
#   questions  one phase per question of ``questions`` (``vragen``)
Flow = Literal["vote", "steps", "questions"]


@dataclass(frozen=True)
class Text:
    """One text field of an item (or of a casus step or beslismoment)."""

    field: str
    audience: Audience
    role: Role = "lead"
    label: str | None = None  # the heading it is shown under, where it has one
    answer: bool = False  # gives the answer of the vote away
    handout: bool = True  # in the participants' handout (else only the facilitator's)
    source: str = ""  # for ``names``: the kader kind the ids refer to
    missing: str | None = None  # shown (after the vote) when the text is not given
    separator: str = ", "  # between the entries of a list shown on one line

    def value(self, obj: Any) -> Any:
        return getattr(obj, self.field, None)


@dataclass(frozen=True)
class Kind:
    """A session item type: its name, its flow of phases and its texts in the order shown."""

    type: str
    flow: Flow
    texts: tuple[Text, ...]
    steps: str = ""  # flow ``steps``: the field holding the steps
    step: tuple[Text, ...] = ()  # the texts of a step
    moment: str = ""  # the field of a step holding its vote (beslismoment), if any
    moment_texts: tuple[Text, ...] = ()
    questions: str = ""  # flow ``questions``: the field holding the questions

    @property
    def name(self) -> str:
        return TYPE_NAMES[self.type]

    def of(self, audience: Audience) -> tuple[Text, ...]:
        return tuple(t for t in self.texts if t.audience == audience)


# The correct options of a vote (``Stemming.juist``, from a kennisvraag's ``juist``): marked
# on the options after the vote, and in the facilitator's notes once no vote is to come.
ANSWERS = Text("juist", AFTER_VOTE, "answers", "Juist", answer=True)

# The facilitator's texts, the same for every session item (fields of ``SessieItem``).
FACILITATOR_TEXTS = (
    Text("doorvragen", FACILITATOR, "bullets", "Doorvragen"),
    Text("norm", FACILITATOR, "lead", "Norm", answer=True),
    Text("loketten", FACILITATOR, "names", "Loketten", source="loketten"),
    Text("beroepscode", FACILITATOR, "items", "Beroepscode", separator="; "),
)

_TALK = "Om over te praten"

KINDS: dict[str, Kind] = {
    kind.type: kind
    for kind in (
        Kind(
            "dilemma",
            "vote",
            (Text("situatie", ROOM), Text("vraag", ROOM, "question")),
        ),
        Kind(
            "casus",
            "steps",
            (Text("inleiding", ROOM),),
            steps="stappen",
            step=(
                Text("titel", ROOM, "title"),
                Text("verhaal", ROOM),
                Text("vragen", ROOM, "bullets", _TALK),
            ),
            moment="beslismoment",
            moment_texts=(
                Text("kader", ROOM, label="Kader", handout=False),
                Text("vraag", ROOM, "question", "Beslismoment"),
                Text(
                    "uitkomst",
                    AFTER_VOTE,
                    label="Wat er gebeurde",
                    answer=True,
                    missing="Wat er werkelijk gebeurde is niet bekend.",
                ),
            ),
        ),
        Kind(
            "kennisvraag",
            "vote",
            (
                Text("situatie", ROOM),
                Text("vraag", ROOM, "question"),
                Text("uitleg", AFTER_VOTE, label="Uitleg", answer=True),
            ),
        ),
        Kind("stelling", "vote", (Text("stelling", ROOM, "statement"),)),
        Kind(
            "beroepscode",
            "questions",
            (Text("regel", ROOM, "rule"), Text("vragen", ROOM, "bullets", _TALK)),
            questions="vragen",
        ),
        Kind("ronde", "questions", (Text("vragen", ROOM, "numbered"),), questions="vragen"),
    )
}


def kind_of(item: Any) -> Kind:
    return KINDS[item.type]


def room_texts(texts: Sequence[Text], obj: Any, *, handout: bool = False) -> list[tuple[Text, Any]]:
    """The texts for the room before the vote that ``obj`` has, with their values; with
    ``handout``, only those printed in the participants' handout."""
    return [
        (t, t.value(obj))
        for t in texts
        if t.audience == ROOM and t.value(obj) and (t.handout or not handout)
    ]


def facilitator_texts(
    item: Any, library: Any, *, answers: bool = True
) -> list[tuple[Text, list[str]]]:
    """The facilitator's texts that ``item`` has, each as a list of strings (names and
    titles looked up in ``library``); without ``answers`` (a vote is still to come), none
    that gives the answer away."""
    out = []
    for text in FACILITATOR_TEXTS:
        value = text.value(item)
        if not value or (text.answer and not answers):
            continue
        if text.role == "names":
            values = [library.naam(text.source, x) for x in value]
        elif text.role == "items":
            values = [library.items[b].titel.strip() if b in library.items else b for b in value]
        else:
            values = list(value) if isinstance(value, list) else [value]
        out.append((text, values))
    return out


def answers_of(item: Any) -> list[tuple[int, Any]]:
    """The correct options of the item's votes, as (index, option), in order."""
    return [
        (index, option)
        for vote in item.stemmingen()
        for index, option in enumerate(vote.opties)
        if option.id in vote.juist
    ]


def steps_of(item: Any) -> list[Any]:
    kind = kind_of(item)
    return list(getattr(item, kind.steps)) if kind.flow == "steps" else []


def moment_of(item: Any, step: Any) -> Any:
    """The vote (beslismoment) of a step, or None."""
    kind = kind_of(item)
    return getattr(step, kind.moment, None) if kind.moment else None


def questions_of(item: Any) -> list[str]:
    kind = kind_of(item)
    return list(getattr(item, kind.questions)) if kind.flow == "questions" else []


def vote_of(item: Any, stap: int | None) -> Any:
    """The item's vote (``Stemming``) of casus step ``stap`` (None: of the item), or None."""
    return next((v for v in item.stemmingen() if v.stap == stap), None)


def texts_of_vote(item: Any, stap: int | None) -> tuple[tuple[Text, ...], Any]:
    """The texts around the vote of step ``stap`` (None: the item's own) and the object
    that holds them (the item, or the step's beslismoment)."""
    kind = kind_of(item)
    if stap is None:
        return kind.texts, item
    return kind.moment_texts, moment_of(item, steps_of(item)[stap - 1])

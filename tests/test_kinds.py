"""One definition per item type (issue 12, point 3): the registry in ``gesprek.content.kinds``
covers every session type, names only fields its models have, and never puts an answer in
front of the room before the vote; the terminal card and the deck's question slide, drawn
from it, show no answer before the vote."""

from __future__ import annotations

import typing

import pytest
from rich.console import Console

from gesprek.content import kinds, library, models
from gesprek.content.models import SESSION_TYPES
from gesprek.export.deck.slides import item_slides
from gesprek.session.engine import phases_of
from gesprek.ui.cards import card_of

LIB = library.load()
ANSWER_GIVING = {"juist", "uitleg", "uitkomst", "norm"}


def typed_session_models() -> dict[str, type]:
    """Every session item model, by the literal of its ``type`` field."""
    found: dict[str, type] = {}
    for model in vars(models).values():
        if not (isinstance(model, type) and issubclass(model, models.SessieItem)):
            continue
        field = model.model_fields.get("type")
        if field is None:
            continue
        (literal,) = typing.get_args(field.annotation)
        assert literal not in found, f"two models for type {literal}"
        found[literal] = model
    return found


def all_texts() -> list[tuple[str, kinds.Text]]:
    out = [("facilitator", t) for t in kinds.FACILITATOR_TEXTS] + [("answers", kinds.ANSWERS)]
    for kind in kinds.KINDS.values():
        out += [(kind.type, t) for t in (*kind.texts, *kind.step, *kind.moment_texts)]
    return out


def test_every_session_type_has_exactly_one_entry():
    typed = typed_session_models()
    assert set(typed) == set(SESSION_TYPES) == set(kinds.KINDS)
    for name, kind in kinds.KINDS.items():
        assert kind.type == name
        assert kind.name == models.TYPE_NAMES[name]


def test_the_registry_names_only_fields_the_models_have():
    typed = typed_session_models()
    for text in kinds.FACILITATOR_TEXTS:
        assert text.field in models.SessieItem.model_fields, text.field
    for name, kind in kinds.KINDS.items():
        fields = typed[name].model_fields
        for text in kind.texts:
            assert text.field in fields, (name, text.field)
        if kind.flow == "steps":
            assert kind.steps in fields and kind.step
            for text in kind.step:
                assert text.field in models.Stap.model_fields, (name, text.field)
            assert kind.moment in models.Stap.model_fields
            for text in kind.moment_texts:
                assert text.field in models.Beslismoment.model_fields, (name, text.field)
        if kind.flow == "questions":
            assert kind.questions in fields, name


def test_nothing_that_gives_the_answer_is_for_the_room_before_the_vote():
    for where, text in all_texts():
        if text.field in ANSWER_GIVING:
            assert text.answer, (where, text.field)
        if text.answer:
            assert text.audience != kinds.ROOM, (where, text.field)
    # each answer-giving field is declared somewhere, none of them for the room
    declared = {t.field for _, t in all_texts() if t.answer}
    assert declared == ANSWER_GIVING
    for text in kinds.FACILITATOR_TEXTS:
        assert text.audience == kinds.FACILITATOR
    assert {t.field for t in kinds.FACILITATOR_TEXTS} == {
        "doorvragen",
        "norm",
        "loketten",
        "beroepscode",
    }


def test_every_type_has_phases_from_its_flow():
    for name in SESSION_TYPES:
        for item in LIB.of_type(name):
            phases = phases_of(item)
            assert phases, item.id
            kind = kinds.kind_of(item)
            if kind.flow == "questions":
                assert len(phases) == len(kinds.questions_of(item))
            votes = [p for p in phases if p.votes_open]
            assert len(votes) == len(item.stemmingen())


def _shown(renderables: list) -> str:
    console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    for renderable in renderables:
        console.print(renderable)
    return " ".join(console.export_text().split())


def _answers(item: models.SessieItem) -> list[str]:
    """The texts of an item that give the answer away (norm, uitleg, uitkomst), as the
    start of what a screen shows. (Correct options are shown, but marked "juist" only
    after the vote.)"""
    texts = [item.norm or "", getattr(item, "uitleg", None) or ""]
    for step in getattr(item, "stappen", []):
        if step.beslismoment is not None:
            texts.append(step.beslismoment.uitkomst or "")
    return [" ".join(t.split())[:50] for t in texts if t.strip()]


@pytest.mark.parametrize("type_", SESSION_TYPES)
def test_no_card_before_the_vote_shows_an_answer(type_):
    items = LIB.of_type(type_)
    assert items
    for item in items:
        steps = [None, *range(1, len(kinds.steps_of(item)) + 1)]
        for step in steps:
            for moment in (False, True):
                screen = _shown([s.body for s in card_of(item, step=step, moment=moment).sections])
                assert "✔" not in screen  # the mark of a correct option
                assert "Uitleg" not in screen and "Wat er gebeurde" not in screen
                for answer in _answers(item):
                    assert answer not in screen, (item.id, step, answer)
        # after the vote, the room sees what was held back (of the last vote)
        votes = item.stemmingen()
        if not votes:
            continue
        stap = votes[-1].stap
        shown = _shown(
            [s.body for s in card_of(item, step=stap, moment=True, reveal=True).sections]
        )
        texts, _ = kinds.texts_of_vote(item, stap)
        for text in texts:
            if text.audience == kinds.AFTER_VOTE:
                assert text.label in shown, item.id


@pytest.mark.parametrize("type_", SESSION_TYPES)
def test_the_first_slide_of_an_item_shows_no_answer(type_):
    for item in LIB.of_type(type_):
        first = item_slides(item, 10, LIB)[0]
        shown = " ".join(" ".join(b.text.split()) for b in first.blocks)
        assert "✓" not in shown  # the mark of a correct option
        for answer in _answers(item):
            assert answer not in shown, (item.id, answer)
        if item.norm:  # the norm is in the facilitator's speaker notes
            assert " ".join(item.norm.split())[:50] in " ".join(first.notes.split())

from tests.conftest import VALID_DILEMMA


def test_builtin_content_has_no_errors(gesprek):
    result = gesprek("check")
    assert result.code == 0, result.out
    assert "geen fouten" in result.out


def test_extra_pack_is_checked_on_top_of_builtin(gesprek, pack):
    root = pack(
        {
            "dilemmas/eigen-dilemma.yaml": VALID_DILEMMA.replace(
                "thema: geschenken", "thema: geschenk"
            )
        }
    )
    result = gesprek("check", str(root))
    assert result.code == 1
    assert (
        "eigen-dilemma.yaml:4: onbekend thema 'geschenk' (bedoelde je 'geschenken'?)" in result.out
    )


def test_every_command_starts_and_answers(gesprek, tmp_path):
    """One quick run of each command family (CI also runs this file against the lowest
    declared versions of the dependencies)."""
    import json

    assert gesprek("--help").code == 0
    assert gesprek("--versie").out.startswith("gesprek ")
    items = json.loads(gesprek("inhoud", "--json").out)
    assert len(items) > 100
    shown = gesprek("toon", "lunch-niet-betalen")
    assert shown.code == 0 and "De eigenaar wil niet dat je betaalt" in shown.out
    assert json.loads(gesprek("schema").out)["$schema"]
    deck = gesprek("deck", "--kaart", "lunch-niet-betalen", "-o", str(tmp_path / "d.pptx"))
    assert deck.code == 0, deck.err
    assert (tmp_path / "d.pptx").stat().st_size > 10_000
    handout = gesprek("handout", "--kaart", "lunch-niet-betalen", "-o", str(tmp_path / "h.html"))
    assert handout.code == 0, handout.err
    assert "De eigenaar wil niet dat je betaalt" in (tmp_path / "h.html").read_text("utf-8")
    assert json.loads(gesprek("sessies", "--json").out) == []
    assert gesprek("overzicht", "--json").code == 0
    assert gesprek("initiatieven", "--json").code == 0
    assert gesprek("sessie").code == 2  # no terminal here: a message, exit 2

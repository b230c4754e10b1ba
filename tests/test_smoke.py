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

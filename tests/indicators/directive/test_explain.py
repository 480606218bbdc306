"""``--explain``: plain-language sentences, French typography, English on request."""

from __future__ import annotations

import io
from pathlib import Path

from mixite.indicators import directive
from mixite.indicators.directive.explain import explain, typeset
from tests.indicators.directive.helpers import NBSP, NNBSP, dir01_rows, person, table

GIP = (Path(__file__).parent / "data" / "gip_dir20.csv").read_bytes()


def technicians() -> list[dict[str, object]]:
    rows = [
        person(f"F{i}", "F", 37520, hours=1750.0, category="Technicien")
        for i in range(3)
    ]
    rows += [person(f"M{i}", "M", 40000, category="Technicien") for i in range(3)]
    return rows


def test_a_category_in_alert_in_plain_french() -> None:
    sentences = explain(directive.compute(table(technicians())))
    expected = (
        f"Catégorie «{NBSP}Technicien{NBSP}» (3 femmes, 3 hommes){NBSP}: écart de rémunération"
        f" de base annuelle de 6,2{NBSP}% en défaveur des femmes, au-delà du seuil de 5{NBSP}%"
        f"{NBSP}: une évaluation conjointe peut être requise."
    )
    assert expected in sentences


def test_french_typography_everywhere() -> None:
    sentences = explain(directive.compute(table(dir01_rows())))
    text = "\n".join(sentences)
    assert " :" not in text
    assert " %" not in text
    assert " €" not in text
    assert "« " not in text
    assert f"35{NNBSP}750,00{NBSP}€" in text
    assert f"22,14{NBSP}€/h" in text
    assert "Indicateur E" in text
    assert f"83,3{NBSP}% des femmes (5 sur 6)" in text
    assert f"2 femmes et 1 homme, soit 66,7{NBSP}% de femmes" in text
    assert "1,5 femme et 1,5 homme" in text
    assert "Effectif estimé" in text
    assert "Pas de déclaration obligatoire en 2027" in text


def test_small_categories_and_gaps_against_men_are_said() -> None:
    text = "\n".join(explain(directive.compute(table(dir01_rows()))))
    assert f"(1 femme, 2 hommes{NNBSP}; moins de 3 d'un sexe" in text
    assert "écarts en défaveur des hommes de 33,3" in text  # no minus sign in words
    assert f"Plus grand écart de l'indicateur G{NBSP}: «{NBSP}Cadres{NBSP}»" in text


def test_displayed_five_percent_below_the_threshold_is_explained() -> None:
    rows = [person("F1", "F", 38016), person("M1", "M", 40000)]
    text = "\n".join(explain(directive.compute(table(rows))))
    assert (
        f"écart de 5,0{NBSP}% en défaveur des femmes, sous le seuil de 5{NBSP}%" in text
    )
    assert f"écart exact 4,96{NBSP}%" in text


def test_obligations_in_words() -> None:
    before = "\n".join(explain(directive.compute(table(dir01_rows()), year=2026)))
    assert "n'est pas encore en vigueur" in before
    big = "\n".join(
        explain(directive.compute(table(dir01_rows()), workforce=300, year=2027))
    )
    assert "au plus tard le 1er juin 2027" in big
    assert "seconde déclaration avant le 1er décembre 2027" in big
    assert "L'avis du CSE sur la déclaration est requis." in big
    small = "\n".join(
        explain(directive.compute(table(dir01_rows()), workforce=60, year=2030))
    )
    assert "négociation obligatoire" in small


def test_english() -> None:
    text = "\n".join(explain(directive.compute(table(dir01_rows())), "en"))
    assert (
        "Indicator A (mean pay gap), annual pay: women €35,750.00, men €43,916.67"
        in text
    )
    assert "a gap of 18.6% against women, at or above the 5% threshold." in text
    assert "Category “Cadres” (2 women, 2 men;" in text
    assert "\u00a0" not in text


def test_not_calculable_and_gip_results() -> None:
    rows = [person("F1", "F", 30000), person("M1", "M", 31000)]
    text = "\n".join(explain(directive.compute(table(rows))))
    assert "non calculable, moins de 4 salariés" in text
    assert "non calculable, aucune femme ne perçoit de rémunération variable" in text
    gip = directive.read_gip(io.BytesIO(GIP))
    for result in directive.from_gip(gip):
        sentences = explain(result)
        assert any("à calculer par l'employeur" in s for s in sentences)
        assert explain(result, "en")


def test_typeset() -> None:
    assert typeset("Note : 5 % de « x » ; fin", "fr") == (
        f"Note{NBSP}: 5{NBSP}% de «{NBSP}x{NBSP}»{NNBSP}; fin"
    )
    assert typeset("Note : x", "en") == "Note : x"

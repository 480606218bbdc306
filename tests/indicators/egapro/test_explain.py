"""``--explain`` and the readable report: sentences an HR officer can read out (§16.1)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from mixite.indicators import egapro
from mixite.indicators.egapro import labels as lb
from mixite.indicators.egapro.explain import explain_lines
from mixite.indicators.egapro.summary import report_lines
from tests.indicators.egapro.helpers import (
    aggregated,
    edit,
    eg20_lines,
    golden,
    load_lines,
)

if TYPE_CHECKING:
    from pathlib import Path

    from mixite.indicators.typography import Lang

NBSP, NNBSP = "\u00a0", "\u202f"


def eg17() -> egapro.EgaproResult:
    return egapro.from_aggregates(golden("eg17_aggregated_251_999.json")["aggregates"])


def eg20(tmp_path: Path, lines: list[str] | None = None) -> egapro.EgaproResult:
    workforce = load_lines(tmp_path, lines or eg20_lines())
    return egapro.compute(workforce, workforce_range="50:250")


def two_cells(*cells: tuple[int, int, float, float]) -> egapro.EgaproResult:
    slots = [("ouv", ":29"), ("ouv", "30:39")]
    data = aggregated(cells=[(*s, *c) for s, c in zip(slots, cells, strict=True)])
    return egapro.from_aggregates(data)


# --- French typography -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_typography(tmp_path: Path, lang: Lang) -> None:
    for result in (eg17(), eg20(tmp_path)):
        for line in explain_lines(result, lang) + report_lines(result, lang):
            assert "  " not in line.strip(), line
            assert " ." not in line, line
            if lang == "fr":
                assert " :" not in line, line  # U+202F before : and ;
                assert " ;" not in line, line
                assert " %" not in line, line  # U+00A0 before %
                assert not re.search(r"\d%", line), line
                assert " €" not in line, line
                assert not re.search(r"\d\.\d", line), line  # decimal comma
            else:
                assert NNBSP not in line, line
                assert NBSP not in line, line


def test_french_numbers() -> None:
    assert lb.percent(4.7) == f"4,7{NBSP}%"
    assert lb.percent(-5.94) == f"-5,9{NBSP}%"
    assert lb.percent(-0.04) == f"0,0{NBSP}%"
    assert lb.percent(1234.5) == f"1{NNBSP}234,5{NBSP}%"
    assert lb.amount(35_750.0) == f"35{NNBSP}750,00{NBSP}€"
    assert lb.integer(1204) == f"1{NNBSP}204"
    assert (lb.percent(4.7, "en"), lb.amount(35_750.0, "en")) == ("4.7%", "€35,750.00")


# --- indicator 1 -------------------------------------------------------------------------------


def test_indicator_1_groups_in_words(tmp_path: Path) -> None:
    lines = explain_lines(eg20(tmp_path))
    assert (
        f"  Groupe employés 30-39 ans (3 femmes, 3 hommes){NNBSP}: rémunération moyenne "
        f"28{NNBSP}400,00{NBSP}€ (femmes) et 30{NNBSP}666,67{NBSP}€ (hommes), écart de "
        f"7,4{NBSP}% en faveur des hommes{NNBSP}; 2,4{NBSP}% après le seuil de pertinence"
        f"{NNBSP}; poids 6/12, contribution 1,20 point."
    ) in lines
    assert (
        f"  Groupe techniciens et agents de maîtrise 50 ans et plus exclu{NNBSP}: moins de "
        "3 femmes et moins de 3 hommes."
    ) in lines
    assert "  4 groupes sans salarié ne sont pas affichés." in lines
    assert (
        f"  Somme des contributions{NNBSP}: 4,49 → 4,5{NBSP}% en faveur des hommes → 35 "
        "points sur 40."
    ) in lines


def test_indicator_1_in_english(tmp_path: Path) -> None:
    lines = explain_lines(eg20(tmp_path), "en")
    assert (
        "  Group blue-collar workers under 30 excluded: fewer than 3 women and fewer "
        "than 3 men."
    ) in lines
    assert any(line.startswith("  Group clerical workers aged 30-39 (3 women, 3 men): ")
               for line in lines)  # fmt: skip


def test_a_gap_below_the_threshold_counts_zero() -> None:
    lines = explain_lines(eg17())
    assert (
        f"  Groupe ouvriers moins de 30 ans (6 femmes, 30 hommes){NNBSP}: rémunération "
        f"moyenne 24{NNBSP}100,00{NBSP}€ (femmes) et 25{NNBSP}300,00{NBSP}€ (hommes), écart "
        f"de 4,7{NBSP}% en faveur des hommes{NNBSP}; inférieur au seuil de pertinence"
        f"{NNBSP}: compté 0{NNBSP}; poids 36/344, contribution 0,00 point."
    ) in lines


@pytest.mark.parametrize(
    ("cells", "raw", "result"),
    [
        (((20, 26, 57_144.0, 57_200.0), (21, 13, 17_181.0, 24_900.0)), "11,05", "11,0"),
        (((12, 4, 42_663.0, 44_600.0), (20, 24, 53_521.0, 57_200.0)), "1,05", "1,0"),
    ],
)
def test_EG_28_EG_29_the_floating_point_result_is_explained(
    cells: Any, raw: str, result: str
) -> None:
    found = two_cells(*cells)
    lines = explain_lines(found)
    assert any(
        f"contributions{NNBSP}: {raw} → {result}{NBSP}%" in line for line in lines
    )
    note = [line for line in lines if "virgule flottante" in line]
    assert note == [
        "  La somme exacte, calculée en virgule flottante comme le fait le simulateur "
        f"officiel, est très légèrement différente de {raw}{NNBSP}: le résultat officiel "
        f"est {result}{NBSP}%, et c'est celui que Mixité publie."
    ]


def test_no_floating_point_note_when_rounding_agrees(tmp_path: Path) -> None:
    assert not any(
        "virgule flottante" in line for line in explain_lines(eg20(tmp_path))
    )


def test_indicator_1_not_calculable_lists_rows_to_fix(tmp_path: Path) -> None:
    lines = explain_lines(eg20(tmp_path, edit(eg20_lines(), "E05", csp="")))
    assert (
        f"  Non calculable{NNBSP}: Valeurs manquantes{NNBSP}: 1 ligne (ex. ligne 6, champ "
        "csp)."
    ) in lines
    assert f"  Exemples{NNBSP}: ligne 6 (csp)." in lines


def test_indicator_1_under_40_percent() -> None:
    found = two_cells((3, 4, 30_000.0, 33_000.0), (1, 12, 30_000.0, 30_000.0))
    lines = explain_lines(found)
    assert (
        f"  Groupes retenus{NNBSP}: 7 salariés sur 20 (35,0{NBSP}%){NNBSP}; il en faut au "
        f"moins 40{NBSP}%{NNBSP}: l'indicateur n'est pas calculable (NC)."
    ) in lines
    assert any("non comptés dans l'index" in line for line in lines)


# --- indicators 2, 3, 2et3 ---------------------------------------------------------------------


def test_indicators_2_and_3_by_category_with_catch_up() -> None:
    lines = explain_lines(eg17())
    assert (
        f"  Ouvriers (21 femmes, 130 hommes){NNBSP}: 38,1{NBSP}% des femmes et 43,9{NBSP}% "
        f"des hommes augmentés, écart de 5,75 points en faveur des hommes{NNBSP}; "
        "contribution 2,21 points."
    ) in lines
    assert (
        f"  Résultat{NNBSP}: écart de 3,8 points en faveur des femmes → 10 points sur 15."
    ) in lines
    assert (
        f"  Rattrapage{NNBSP}: cet écart favorise le sexe que l'indicateur 1 montre moins "
        f"bien payé{NNBSP}: note maximale de 15 points (10 sans rattrapage)."
    ) in lines


def test_2et3_two_scales(tmp_path: Path) -> None:
    lines = explain_lines(eg20(tmp_path))
    assert (
        f"  11 femmes, dont 3 augmentées (27,3{NBSP}%){NNBSP}; 14 hommes, dont 6 augmentés "
        f"(42,9{NBSP}%)."
    ) in lines
    assert (
        f"  Écart{NNBSP}: 15,6 points de pourcentage → 0 point{NNBSP}; en nombre de "
        f"salariés{NNBSP}: 1,7 (écart rapporté au plus petit effectif, 11) → 35 points"
        f"{NNBSP}; la meilleure note est retenue{NNBSP}: 35 points sur 35."
    ) in lines


# --- indicators 4, 5, index, population --------------------------------------------------------


def test_indicators_4_and_5_and_index(tmp_path: Path) -> None:
    lines = explain_lines(eg20(tmp_path))
    assert (
        f"  1 personne est revenue de congé pendant la période, après des augmentations "
        f"ayant eu lieu pendant le congé{NNBSP}; 1 a été augmentée au retour."
    ) in lines
    assert (
        f"  Parmi les 10 plus hautes rémunérations (en équivalent temps plein sur 12 mois)"
        f"{NNBSP}: 6 femmes et 4 hommes → 10 points sur 10."
    ) in lines
    assert lines[-1] == f"Index{NNBSP}: 95 points sur 100 calculables → 95/100."
    assert f"  Exclus car présents moins de 6 mois sur la période{NNBSP}: 3." in lines


def test_index_not_calculable(tmp_path: Path) -> None:
    lines = explain_lines(eg20(tmp_path, edit(eg20_lines(), "E05", csp="")))
    assert lines[-1] == (
        f"Index{NNBSP}: 60 points sur 60 calculables{NNBSP}; il en faut au moins 75 pour "
        "calculer l'index (il vaudrait 100/100)."
    )


def test_report_of_aggregated_input() -> None:
    lines = report_lines(eg17())
    assert lines[0] == (
        "Index de l'égalité professionnelle — données agrégées (saisie du simulateur "
        "officiel)"
    )
    assert (
        f"3. Écart de taux de promotions{NNBSP}: 3,8{NBSP}% en faveur des femmes — 15/15 "
        "(rattrapage)"
    ) in lines
    assert (
        f"  - objectifs de progression à fixer pour{NNBSP}: indicateur 1, indicateur 2, "
        "indicateur 5"
    ) in lines


# --- §13: every not-calculable reason and its French label -------------------------------------

REASON_LABELS = {
    "egvi40pcet": f"Effectif des groupes retenus inférieur à 40{NBSP}% de l'effectif pris en "
    "compte",
    "absaugi": "Aucune augmentation individuelle sur la période",
    "absprom": "Aucune promotion sur la période",
    "etsno5f5h": "Moins de 5 femmes ou moins de 5 hommes dans l'effectif pris en compte",
    "absrcm": "Aucun retour de congé maternité ou d'adoption sur la période",
    "absaugpdtcm": "Aucune augmentation pendant les congés maternité ou d'adoption",
    "top10_incomplete": "Les 10 plus hautes rémunérations ne comptent pas 10 personnes",
    "missing_column": f"Colonne absente{NNBSP}: maternity_return",
    "incomplete_data": f"Valeurs manquantes{NNBSP}: 3 lignes (ex. ligne 6, champ csp)",
    "period_unknown": f"Période de référence inconnue{NNBSP}: ajoutez une colonne d'année ou "
    "l'option --period",
    "missing_input": "Données non fournies",
}


@pytest.mark.parametrize(("code", "label"), REASON_LABELS.items())
def test_every_reason_of_section_13_has_its_french_label(code: str, label: str) -> None:
    params = {"columns": "maternity_return", "count": 3, "row": 6, "field": "csp"}
    assert lb.reason_text(code, params) == label
    assert lb.reason_text(code, params, "en")  # and an English one


def test_incomplete_data_label_agrees_with_one_row() -> None:
    params = {"count": 1, "row": 6, "field": "csp"}
    assert lb.reason_text("incomplete_data", params) == (
        f"Valeurs manquantes{NNBSP}: 1 ligne (ex. ligne 6, champ csp)"
    )

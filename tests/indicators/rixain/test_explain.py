"""Sentences for ``mixite index --explain`` (French typography, English on request)."""

from __future__ import annotations

from mixite.indicators import rixain
from mixite.indicators.rixain_explain import explain
from tests.indicators.rixain.helpers import Person, load, role_members

NBSP = "\u00a0"  # before %
NNBSP = "\u202f"  # before : and ;


def result_for(
    people: list[Person], band: str = "1000:", **options: bool
) -> rixain.RixainResult:
    given = rixain.RixainOptions(**options) if options else None
    return rixain.compute(load(people), workforce_range=band, options=given)


def test_french_sentences_of_a_met_target() -> None:
    people = [
        *role_members([12] * 3, [12] * 7),
        *role_members([12] * 2, [12] * 2, role="governing_body"),
    ]
    sentences = explain(result_for(people))
    assert sentences[0].startswith(
        f"Loi Rixain{NNBSP}: une entreprise de 1\u202f000 salariés"
    )
    assert sentences[1] == (
        f"Cadres dirigeants{NNBSP}: 30,0{NBSP}% de femmes et 70,0{NBSP}% d'hommes "
        "(10 personnes, dont 3 femmes et 7 hommes)."
    )
    assert sentences[2] == (
        f"Objectif légal d'au moins 30{NBSP}% de chaque sexe (chiffres publiés à partir "
        f"du 1er mars 2026){NNBSP}: atteint."
    )
    assert sentences[3].startswith(
        f"Membres des instances dirigeantes{NNBSP}: 50,0{NBSP}%"
    )
    for sentence in sentences:
        assert " :" not in sentence  # always a no-break space before the colon
        assert " %" not in sentence


def test_english_sentences() -> None:
    sentences = explain(result_for(role_members([12], [12] * 2)), lang="en")
    assert (
        sentences[1]
        == "Senior executives: 33.3% women and 66.7% men (3 people: 1 woman, 2 men)."
    )
    assert sentences[2] == (
        "Legal target of at least 30% of each sex (figures published from 1 March 2026): met."
    )
    assert sentences[3] == (
        "Members of governing bodies: not calculable — no governing-body member in the period."
    )


def test_a_missed_40_percent_target_says_what_follows() -> None:
    people = [
        Person(sex=p.sex, executive=True, period=2028)
        for p in role_members([12] * 3, [12] * 7)
    ]
    sentences = explain(result_for(people))
    missed = sentences[2]
    assert missed.startswith(f"Objectif légal d'au moins 40{NBSP}% de chaque sexe")
    assert f"non atteint, la part des femmes est de 30,0{NBSP}%" in missed
    assert "mesures de correction" in missed
    assert f"1{NBSP}% de la masse salariale" in missed
    english = explain(result_for(people), lang="en")[2]
    assert "not met, women make up 30.0%" in english


def test_pro_rata_and_rounding_are_explained() -> None:
    people = role_members([12, 12, 11.5], [12] * 6 + [11])  # 29.9578… → 30.0
    sentences = explain(result_for(people))
    assert sentences[2] == (
        "Chacun compte au prorata des mois passés dans la fonction sur la période"
        f"{NNBSP}: 118,5 mois au total, dont 35,5 pour les femmes."
    )
    assert sentences[3].endswith(f"{NNBSP}: atteint.")
    assert sentences[4] == (
        f"Avant arrondi, cette part est de 29,96{NBSP}%{NNBSP}: l'objectif est apprécié "
        "sur le chiffre publié, arrondi au dixième."
    )
    exact = explain(result_for(people, rixain_target_on_published=False), lang="en")
    assert "not met" in exact[3]
    assert exact[4].startswith(
        "Before rounding this share is 29.96%: the target is assessed"
    )


def test_not_calculable_parts_and_voluntary_publication() -> None:
    people = [
        Person(sex="F", executive=True),
        Person(sex="M", governing_body=None),
        Person(sex="M", governing_body=True),
    ]
    sentences = explain(result_for(people, band="251:999"))
    assert sentences[0].startswith(
        f"Loi Rixain{NNBSP}: la publication de ces parts est obligatoire"
    )
    assert sentences[1] == (
        f"Cadres dirigeants{NNBSP}: non calculable — un seul cadre dirigeant sur la période."
    )
    assert sentences[2] == (
        f"Membres des instances dirigeantes{NNBSP}: non calculable — valeurs manquantes{NNBSP}: "
        "1 ligne(s) (ex. ligne 3, champ governing_body)."
    )


def test_no_target_before_2025() -> None:
    people = [
        Person(sex=p.sex, executive=True, period=2024) for p in role_members([12], [12])
    ]
    sentences = explain(result_for(people))
    assert sentences[2] == (
        f"Aucun seuil minimal ne s'applique encore à ces chiffres (30{NBSP}% pour ceux "
        "publiés à partir du 1er mars 2026)."
    )

"""The sentences of ``--explain`` (:mod:`explain`), French first, then English.

Placeholders are filled by :mod:`explain`; French typography as in :mod:`labels`:
U+202F before ``:`` and ``;``, U+00A0 before ``%``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mixite.indicators.typography import Lang

TEXTS: Final[Mapping[Lang, Mapping[str, str]]] = {
    "fr": {
        "ind1": "Indicateur 1 — écart de rémunération, par {by} et tranche d'âge "
        "(seuil de pertinence {threshold} points)",
        "by_csp": "catégorie socioprofessionnelle",
        "by_level": "niveau",
        "group": "Groupe {name}",
        "excluded": "{group} exclu{s}\u202f: {why}.",
        "fewer": "moins de {n} {sex}",
        "and": " et ",
        "empty_groups": "{n} groupes sans salarié ne sont pas affichés.",
        "pays": "rémunération moyenne {women} (femmes) et {men} (hommes)",
        "gap": "écart de {gap} {favour}",
        "no_gap": "aucun écart",
        "below": "inférieur au seuil de pertinence\u202f: compté 0",
        "adjusted": "{adjusted} après le seuil de pertinence",
        "weight": "poids {n}/{valid}, contribution {weighted} {pts}",
        "valid_share": "Groupes retenus\u202f: {valid} salariés sur {total} ({share})\u202f; "
        "il en faut au moins 40\u00a0%\u202f: {verdict}.",
        "calculable": "l'indicateur est calculable",
        "not_calculable": "l'indicateur n'est pas calculable (NC)",
        "sum": "Somme des contributions\u202f: {raw} → {result} {favour} → {points} "
        "sur {max}.",
        "sum_nc": "Somme des contributions\u202f: {raw} → {result} {favour} ({points}), "
        "non comptés dans l'index.",
        "float_note": "La somme exacte, calculée en virgule flottante comme le fait le "
        "simulateur officiel, est très légèrement différente de {raw}\u202f: le résultat "
        "officiel est {result}, et c'est celui que Mixité publie.",
        "ind23": "Indicateur {n} — écart de taux {what}, par catégorie "
        "socioprofessionnelle (au moins 10 femmes et 10 hommes par catégorie)",
        "raises": "d'augmentations individuelles",
        "promotions": "de promotions",
        "csp_line": "{name} ({women} femmes, {men} hommes)\u202f: {rw} des femmes et {rm} "
        "des hommes {verb}, {gap}\u202f; contribution {weighted} {pts}.",
        "csp_kept": "{name} ({women} femmes, {men} hommes)\u202f: catégorie retenue.",
        "raised_verb": "augmentés",
        "promoted_verb": "promus",
        "gap_points": "écart de {gap} {pts} {favour}",
        "csp_share": "Catégories retenues\u202f: {valid} salariés sur {total} ({share})"
        "\u202f; il en faut au moins 40\u00a0%\u202f: {verdict}.",
        "result23": "Résultat\u202f: écart de {result} {pts} {favour} → {points} sur "
        "{max}.",
        "catch_up": "Rattrapage\u202f: cet écart favorise le sexe que l'indicateur 1 "
        "montre moins bien payé\u202f: note maximale de {max} points ({own} sans "
        "rattrapage).",
        "catch_up_equal": "Rattrapage signalé comme le fait le simulateur officiel (aucun "
        "écart alors que l'indicateur 1 est sous 40 points)\u202f; la note est déjà "
        "maximale.",
        "ind2et3": "Indicateur 2et3 — écart de taux d'augmentations, promotions comprises "
        "(au moins 5 femmes et 5 hommes)",
        "counts23": "{women} femmes, dont {rw} augmentées ({pw})\u202f; {men} hommes, dont "
        "{rm} augmentés ({pm}).",
        "scales": "Écart\u202f: {pct} de pourcentage → {ppct}\u202f; en nombre de "
        "salariés\u202f: {emp} (écart rapporté au plus petit effectif, {smallest}) → "
        "{pemp}\u202f; la meilleure note est retenue\u202f: {own} sur 35.",
        "ind4": "Indicateur 4 — augmentations au retour de congé maternité ou "
        "d'adoption",
        "returns": "{returned} de congé pendant la période, après des augmentations "
        "ayant eu lieu pendant le congé\u202f; {raised} au retour.",
        "rate4": "Taux\u202f: {rate} → {points} sur 15 (15 points seulement si toutes "
        "ces personnes ont été augmentées).",
        "ind5": "Indicateur 5 — sexe sous-représenté parmi les 10 plus hautes "
        "rémunérations",
        "top10": "Parmi les 10 plus hautes rémunérations ({basis})\u202f: {women} et "
        "{men} → {points} sur 10.",
        "basis_fte": "en équivalent temps plein sur 12 mois",
        "basis_paid": "montants versés",
        "basis_none": "données déclarées",
        "tie": "Les 10e et 11e rémunérations sont égales\u202f: départagées par ordre "
        "de matricule.",
        "nc": "Non calculable\u202f: {label}.",
        "examples": "Exemples\u202f: {items}.",
        "example": "ligne {row} ({field})",
        "index": "Index\u202f: {total} points sur {max} calculables → {value}/100.",
        "index_nc": "Index\u202f: {total} points sur {max} calculables\u202f; il en faut au "
        "moins 75 pour calculer l'index{anyway}.",
        "anyway": " (il vaudrait {value}/100)",
        "population": "Effectif pris en compte",
        "rows": "{rows} lignes pour la période {period}.",
        "by_contract": "Exclus en raison de leur contrat\u202f: {items}.",
        "short": "Exclus car présents moins de 6 mois sur la période\u202f: {n}.",
        "dropped": "Écartés car incomplets (option drop_incomplete_rows)\u202f: {n}.",
        "taken": "Pris en compte\u202f: {n} salariés ({women} femmes, {men} hommes), "
        "chacun compté pour 1, quel que soit son temps de travail.",
        "estimate": "Effectif moyen en équivalent temps plein\u202f: {n}.",
    },
    "en": {
        "ind1": "Indicator 1 — pay gap, by {by} and age band "
        "(pertinence threshold {threshold} points)",
        "by_csp": "occupational category",
        "by_level": "level",
        "group": "Group {name}",
        "excluded": "{group} excluded: {why}.",
        "fewer": "fewer than {n} {sex}",
        "and": " and ",
        "empty_groups": "{n} groups without employees are not shown.",
        "pays": "average pay {women} (women) and {men} (men)",
        "gap": "a {gap} gap {favour}",
        "no_gap": "no gap",
        "below": "below the pertinence threshold: counts 0",
        "adjusted": "{adjusted} after the pertinence threshold",
        "weight": "weight {n}/{valid}, contribution {weighted} {pts}",
        "valid_share": "Groups kept: {valid} employees out of {total} ({share}); "
        "at least 40% is needed: {verdict}.",
        "calculable": "the indicator is calculable",
        "not_calculable": "the indicator is not calculable (NC)",
        "sum": "Sum of contributions: {raw} → {result} {favour} → {points} out of {max}.",
        "sum_nc": "Sum of contributions: {raw} → {result} {favour} ({points}), not "
        "counted in the index.",
        "float_note": "The exact sum, computed in floating point as the official "
        "simulator does, differs very slightly from {raw}: the official result is "
        "{result}, which Mixité publishes.",
        "ind23": "Indicator {n} — {what} gap, by occupational category "
        "(at least 10 women and 10 men per category)",
        "raises": "individual raise",
        "promotions": "promotion",
        "csp_line": "{name} ({women} women, {men} men): {rw} of women and {rm} of men "
        "{verb}, {gap}; contribution {weighted} {pts}.",
        "csp_kept": "{name} ({women} women, {men} men): category kept.",
        "raised_verb": "raised",
        "promoted_verb": "promoted",
        "gap_points": "a gap of {gap} {pts} {favour}",
        "csp_share": "Categories kept: {valid} employees out of {total} ({share}); "
        "at least 40% is needed: {verdict}.",
        "result23": "Result: a gap of {result} {pts} {favour} → {points} out of {max}.",
        "catch_up": "Catch-up: this gap favours the sex that indicator 1 shows as less "
        "well paid: full marks, {max} points ({own} without catch-up).",
        "catch_up_equal": "Catch-up flagged as the official simulator does (no gap while "
        "indicator 1 is below 40 points); the points are already the maximum.",
        "ind2et3": "Indicator 2et3 — raise gap, promotions included "
        "(at least 5 women and 5 men)",
        "counts23": "{women} women, {rw} of them raised ({pw}); {men} men, {rm} of them "
        "raised ({pm}).",
        "scales": "Gap: {pct} of percentage → {ppct}; in employees: {emp} "
        "(gap applied to the smaller headcount, {smallest}) → {pemp}; the better "
        "score is kept: {own} out of 35.",
        "ind4": "Indicator 4 — raises on return from maternity or adoption leave",
        "returns": "{returned} from leave during the period after raises took place "
        "during the leave; {raised} on return.",
        "rate4": "Rate: {rate} → {points} out of 15 (15 points only if all of them were "
        "raised).",
        "ind5": "Indicator 5 — under-represented sex among the ten highest pays",
        "top10": "Among the ten highest pays ({basis}): {women} and {men} → {points} "
        "out of 10.",
        "basis_fte": "full-time equivalent over 12 months",
        "basis_paid": "amounts paid",
        "basis_none": "declared data",
        "tie": "The 10th and 11th pays are equal: ties broken by employee ID.",
        "nc": "Not calculable: {label}.",
        "examples": "Examples: {items}.",
        "example": "row {row} ({field})",
        "index": "Index: {total} points out of {max} calculable → {value}/100.",
        "index_nc": "Index: {total} points out of {max} calculable; at least 75 are "
        "needed to compute the index{anyway}.",
        "anyway": " (it would be {value}/100)",
        "population": "Headcount taken into account",
        "rows": "{rows} rows for period {period}.",
        "by_contract": "Excluded because of their contract: {items}.",
        "short": "Excluded because present less than 6 months in the period: {n}.",
        "dropped": "Left out as incomplete (option drop_incomplete_rows): {n}.",
        "taken": "Taken into account: {n} employees ({women} women, {men} men), each "
        "counting 1 whatever the working time.",
        "estimate": "Average full-time-equivalent headcount: {n}.",
    },
}
FORMS: Final[Mapping[Lang, Mapping[str, tuple[str, str]]]] = {  # singular, plural
    "fr": {
        "returned": ("personne est revenue", "personnes sont revenues"),
        "raised": ("a été augmentée", "ont été augmentées"),
    },
    "en": {
        "returned": ("person came back", "people came back"),
        "raised": ("was raised", "were raised"),
    },
}

"""The wording of ``--explain``, French then English (``explain.py`` assembles it).

Written with ordinary spaces: ``explain.typeset`` puts the French no-break spaces (U+00A0
before « : », % and €, inside « »; U+202F before « ; »). Placeholders are filled with
numbers already formatted for the language.
"""

from __future__ import annotations

from typing import Final

Text = dict[str, str]

LETTERS: Final[dict[str, Text]] = {
    "A": {"fr": "écart de rémunération moyenne", "en": "mean pay gap"},
    "B": {
        "fr": "écart de rémunération variable moyenne des bénéficiaires",
        "en": "mean variable pay gap among recipients",
    },
    "C": {"fr": "écart de rémunération médiane", "en": "median pay gap"},
    "D": {
        "fr": "écart de rémunération variable médiane des bénéficiaires",
        "en": "median variable pay gap among recipients",
    },
    "E": {
        "fr": "part des femmes et des hommes qui perçoivent une rémunération variable",
        "en": "share of women and men receiving variable pay",
    },
    "F": {
        "fr": "femmes et hommes par quartile de rémunération",
        "en": "women and men by pay quartile",
    },
    "G": {
        "fr": "écarts par catégorie de salariés",
        "en": "gaps by category of workers",
    },
}
BASES: Final[dict[str, Text]] = {
    "annual": {"fr": "rémunération annuelle", "en": "annual pay"},
    "hourly": {"fr": "rémunération horaire", "en": "hourly pay"},
}
MEASURES: Final[dict[str, Text]] = {
    "annual_base": {"fr": "rémunération de base annuelle", "en": "annual base pay"},
    "annual_variable": {
        "fr": "rémunération variable annuelle",
        "en": "annual variable pay",
    },
    "annual_total": {"fr": "rémunération totale annuelle", "en": "annual total pay"},
    "hourly_base": {"fr": "rémunération de base horaire", "en": "hourly base pay"},
    "hourly_variable": {
        "fr": "rémunération variable horaire",
        "en": "hourly variable pay",
    },
    "hourly_total": {"fr": "rémunération totale horaire", "en": "hourly total pay"},
}
REASONS: Final[dict[str, Text]] = {
    "missing_column": {
        "fr": "une colonne nécessaire manque au fichier",
        "en": "a needed column is missing",
    },
    "no_women": {
        "fr": "aucune femme dans la population",
        "en": "no woman in the population",
    },
    "no_men": {
        "fr": "aucun homme dans la population",
        "en": "no man in the population",
    },
    "no_beneficiaries_women": {
        "fr": "aucune femme ne perçoit de rémunération variable",
        "en": "no woman receives variable pay",
    },
    "no_beneficiaries_men": {
        "fr": "aucun homme ne perçoit de rémunération variable",
        "en": "no man receives variable pay",
    },
    "men_value_zero": {
        "fr": "la valeur des hommes est nulle",
        "en": "the men's value is zero",
    },
    "no_hours": {
        "fr": "aucun salarié n'a d'heures payées",
        "en": "nobody has paid hours",
    },
    "fewer_than_4_workers": {"fr": "moins de 4 salariés", "en": "fewer than 4 workers"},
    "employer_input_required": {
        "fr": "à calculer par l'employeur à partir de ses catégories de salariés",
        "en": "to be computed by the employer from its categories of workers",
    },
    "gip_value_missing": {
        "fr": "valeur absente du fichier du GIP-MDS",
        "en": "value missing from the GIP-MDS file",
    },
    "period_unknown": {
        "fr": "l'année des données est inconnue (indiquez --period ou --year)",
        "en": "the data year is unknown (give --period or --year)",
    },
}
EXCLUDED: Final[dict[str, Text]] = {
    "other_period": {
        "fr": "{n} ligne(s) d'une autre année écartée(s).",
        "en": "{n} row(s) of another year left out.",
    },
    "sex_not_fm": {
        "fr": "{n} ligne(s) sans sexe F ou M écartée(s) (la directive compare femmes et"
        " hommes).",
        "en": "{n} row(s) with a sex other than F or M left out (the directive compares"
        " women and men).",
    },
    "contract": {
        "fr": "{n} ligne(s) de stagiaires ou d'intérimaires écartée(s) (hors champ).",
        "en": "{n} row(s) of interns or agency workers left out (out of scope).",
    },
    "not_present": {
        "fr": "{n} ligne(s) sans présence dans l'année écartée(s).",
        "en": "{n} row(s) with no presence in the year left out.",
    },
    "missing_pay": {
        "fr": "{n} ligne(s) sans rémunération renseignée écartée(s).",
        "en": "{n} row(s) without pay left out.",
    },
    "negative_pay": {
        "fr": "{n} ligne(s) à rémunération négative écartée(s).",
        "en": "{n} row(s) with negative pay left out.",
    },
    "zero_pay": {
        "fr": "{n} ligne(s) sans rien perçu dans l'année écartée(s).",
        "en": "{n} row(s) paid nothing in the year left out.",
    },
    "missing_hours": {
        "fr": "{n} salarié(s) sans heures payées, compté(s) sur l'annuel mais pas sur"
        " l'horaire.",
        "en": "{n} worker(s) without paid hours, counted on annual pay but not on hourly pay.",
    },
}
WARNINGS: Final[dict[str, Text]] = {
    "period_defaulted_to_latest": {
        "fr": "Le fichier couvre plusieurs années : la plus récente ({period}) a été retenue.",
        "en": "The file covers several years: the latest ({period}) was used.",
    },
    "variable_pay_absent": {
        "fr": "Pas de colonne de rémunération variable : la rémunération est le seul"
        " salaire de base.",
        "en": "No variable pay column: pay is base pay only.",
    },
    "hours_estimated": {
        "fr": "Heures payées absentes : estimées à temps de travail × mois de présence ×"
        " 151,67\u00a0h.",
        "en": "Paid hours missing: estimated as working-time ratio × months present ×"
        " 151.67 h.",
    },
    "missing_column": {
        "fr": "Colonne « {column} » absente : les indicateurs qui en ont besoin ne sont pas"
        " calculés.",
        "en": "Column '{column}' missing: the indicators that need it are not computed.",
    },
    "few_women": {
        "fr": "Indicateur {indicator} ({basis}) : seulement {n} femme(s), résultat fragile.",
        "en": "Indicator {indicator} ({basis}): only {n} woman/women, a fragile result.",
    },
    "few_men": {
        "fr": "Indicateur {indicator} ({basis}) : seulement {n} homme(s), résultat fragile.",
        "en": "Indicator {indicator} ({basis}): only {n} man/men, a fragile result.",
    },
    "extreme_hourly_rates": {
        "fr": "{count} taux horaire(s) sous 3 € ou au-delà de 1\u202f000 € : vérifiez les heures"
        " payées.",
        "en": "{count} hourly rate(s) below €3 or above €1,000: check the paid hours.",
    },
    "equal_quartile_thresholds": {
        "fr": "Indicateur F ({basis}) : deux seuils de quartile sont égaux (beaucoup de"
        " salariés au même salaire)"
        " ; le formulaire officiel les refuse, les valeurs du GIP-MDS prévaudront.",
        "en": "Indicator F ({basis}): two quartile thresholds are equal (many workers on"
        " the same pay);"
        " the official form refuses them, the GIP-MDS values will prevail.",
    },
    "g_unassigned_rows": {
        "fr": "{rows} salarié(s) sans catégorie : absent(s) de l'indicateur G.",
        "en": "{rows} worker(s) without a category: left out of indicator G.",
    },
    "workforce_estimated": {
        "fr": "Effectif estimé ({workforce}) : le chiffre légal est celui du GIP-MDS"
        " (option --workforce).",
        "en": "Estimated headcount ({workforce}): the legal figure is the GIP-MDS one"
        " (option --workforce).",
    },
    "encoding_cp1252": {
        "fr": "Fichier lu en Windows-1252 (pas en UTF-8) : vérifiez les accents.",
        "en": "File read as Windows-1252 (not UTF-8): check the accents.",
    },
    "row_count_mismatch": {
        "fr": "Le fichier annonce {declared} ligne(s) et en contient {found} : il est"
        " peut-être incomplet.",
        "en": "The file announces {declared} line(s) and holds {found}: it may be incomplete.",
    },
    "siren_padded": {
        "fr": "SIREN {value} complété par des zéros : {siren}.",
        "en": "SIREN {value} padded with zeros: {siren}.",
    },
    "gap_recomputed_from_rounded": {
        "fr": "Indicateur {indicator} ({basis}) : écart recalculé à partir de montants"
        " arrondis, approximatif.",
        "en": "Indicator {indicator} ({basis}): gap recomputed from rounded amounts,"
        " approximate.",
    },
    "not_a_number": {
        "fr": "Ligne {line}, colonne « {column} » : valeur « {value} » illisible, ignorée.",
        "en": "Line {line}, column '{column}': unreadable value '{value}', ignored.",
    },
}
T: Final[dict[str, Text]] = {
    "header": {
        "fr": "Données {period}, déclaration {year} (règles {regime}, provisoires tant que"
        " la loi"
        " française n'est pas promulguée).",
        "en": "Data {period}, declared in {year} (rules {regime}, provisional until the"
        " French law is promulgated).",
    },
    "population": {
        "fr": "{used} retenus ({women}, {men}) sur {read} lues.",
        "en": "{used} kept ({women}, {men}) out of {read} read.",
    },
    "hourly_population": {
        "fr": "Taux horaires calculés pour {women} et {men}.",
        "en": "Hourly rates computed for {women} and {men}.",
    },
    "indicator": {
        "fr": "Indicateur {letter} ({label})",
        "en": "Indicator {letter} ({label})",
    },
    "indicator_basis": {
        "fr": "Indicateur {letter} ({label}), {basis}",
        "en": "Indicator {letter} ({label}), {basis}",
    },
    "not_calculable": {"fr": "non calculable", "en": "not calculable"},
    "women_men_values": {
        "fr": "femmes {women}, hommes {men}",
        "en": "women {women}, men {men}",
    },
    "gap_of": {"fr": "écart de {gap}", "en": "a gap of {gap}"},
    "against_women": {"fr": "en défaveur des femmes", "en": "against women"},
    "against_men": {"fr": "en défaveur des hommes", "en": "against men"},
    "no_gap": {"fr": "entre femmes et hommes", "en": "between women and men"},
    "at_or_above": {
        "fr": "qui atteint ou dépasse le seuil de 5 %",
        "en": "at or above the 5% threshold",
    },
    "below": {"fr": "sous le seuil de 5 %", "en": "below the 5% threshold"},
    "below_exact": {
        "fr": "sous le seuil de 5 % (écart exact {exact}, arrondi à l'affichage)",
        "en": "below the 5% threshold (exact gap {exact}, rounded for display)",
    },
    "e_body": {
        "fr": "{women} des femmes ({w_benef} sur {w_total}) et {men} des hommes ({m_benef}"
        " sur {m_total})"
        " perçoivent une rémunération variable.",
        "en": "{women} of women ({w_benef} of {w_total}) and {men} of men ({m_benef} of"
        " {m_total})"
        " receive variable pay.",
    },
    "f_intro": {
        "fr": "{overall} de femmes dans l'ensemble, à comparer à chaque quartile.",
        "en": "{overall} women overall, to compare with each quartile.",
    },
    "f_upto": {"fr": "jusqu'à {amount}", "en": "up to {amount}"},
    "f_above": {"fr": "au-delà de {amount}", "en": "above {amount}"},
    "f_from": {"fr": "à partir de {amount}", "en": "from {amount}"},
    "f_band": {
        "fr": "  Q{q} ({bound}) : {women} et {men}, soit {ratio} de femmes.",
        "en": "  Q{q} ({bound}): {women} and {men}, {ratio} women.",
    },
    "f_split": {
        "fr": "  Les salariés au même salaire de part et d'autre d'une limite de quartile"
        " sont répartis"
        " en proportion entre les quartiles, d'où des effectifs non entiers.",
        "en": "  Workers on the same pay across a quartile boundary are shared in"
        " proportion between"
        " the quartiles, hence fractional counts.",
    },
    "g_summary": {
        "fr": "{n} catégorie(s) de salariés, dont {alert} en alerte (écart de 5 % ou plus sur"
        " la rémunération de base ou variable, annuelle ou horaire).",
        "en": "{n} category(ies) of workers, {alert} in alert (a gap of 5% or more in base or"
        " variable pay, annual or hourly).",
    },
    "g_counts": {"fr": "{women}, {men}", "en": "{women}, {men}"},
    "g_small": {
        "fr": " ; moins de {min_cell} d'un sexe : chiffres à ne pas diffuser hors des"
        " analystes",
        "en": "; fewer than {min_cell} of one sex: figures not to be shared beyond analysts",
    },
    "g_category": {
        "fr": "Catégorie {name} ({counts}{small})",
        "en": "Category {name} ({counts}{small})",
    },
    "g_no_alert": {
        "fr": "aucun écart de 5 % ou plus sur la rémunération de base ou variable.",
        "en": "no gap of 5% or more in base or variable pay.",
    },
    "g_gap": {"fr": "écart de {measure} de {gap}", "en": "{measure} gap of {gap}"},
    "g_gap_item": {"fr": "de {gap} sur la {measure}", "en": "{gap} in {measure}"},
    "g_gaps": {"fr": "écarts {direction} {gaps}", "en": "gaps {direction} of {gaps}"},
    "and": {"fr": " et ", "en": " and "},
    "g_beyond": {
        "fr": "au-delà du seuil de 5 % : une évaluation conjointe peut être requise.",
        "en": "beyond the 5% threshold: a joint pay assessment may be required.",
    },
    "g_max": {
        "fr": "Plus grand écart de l'indicateur G : {name}, {measure}, {gap}.",
        "en": "Largest gap of indicator G: {name}, {measure}, {gap}.",
    },
    "workforce": {
        "fr": "Effectif {source} : {n} ({band}).",
        "en": "Headcount {source}: {n} ({band}).",
    },
    "workforce_estimated": {
        "fr": "estimé d'après le fichier (temps de travail × mois de présence ÷ 12)",
        "en": "estimated from the file (working-time ratio × months present ÷ 12)",
    },
    "workforce_option": {"fr": "indiqué", "en": "given"},
    "workforce_gip": {"fr": "du GIP-MDS", "en": "from GIP-MDS"},
    "declaration_due": {
        "fr": "Déclaration des indicateurs obligatoire en {year}, au plus tard le {date}.",
        "en": "Declaring the indicators is required in {year}, by {date}.",
    },
    "declaration_not_due": {
        "fr": "Pas de déclaration obligatoire en {year} (une déclaration volontaire reste"
        " possible).",
        "en": "No declaration required in {year} (a voluntary one remains possible).",
    },
    "not_in_force": {
        "fr": "En {year}, le nouveau régime n'est pas encore en vigueur (première"
        " déclaration en"
        " 2027 sur les données 2026) : l'Index de l'égalité professionnelle s'applique encore."
        " Ces chiffres préparent la première déclaration.",
        "en": "In {year} the new regime is not in force yet (first declaration in 2027 on 2026"
        " data): the Index of professional equality still applies. These figures prepare the"
        " first declaration.",
    },
    "g_due": {
        "fr": "L'indicateur G est dû en {year}.",
        "en": "Indicator G is due in {year}.",
    },
    "g_not_due": {
        "fr": "L'indicateur G n'est pas dû en {year}.",
        "en": "Indicator G is not due in {year}.",
    },
    "cse_due": {
        "fr": "L'avis du CSE sur la déclaration est requis.",
        "en": "The works council's (CSE) opinion on the declaration is required.",
    },
    "gap_unknown": {
        "fr": "Faute d'indicateur G, on ne sait pas si un écart de 5 % ou plus impose une"
        " démarche.",
        "en": "Without indicator G, whether a gap of 5% or more requires action is unknown.",
    },
    "compliance": {
        "fr": "Un écart de 5 % ou plus dans une catégorie : démarche de mise en conformité"
        " (justifier l'écart, le corriger et faire une seconde déclaration avant le {date},"
        " ou mener une évaluation conjointe des rémunérations).",
        "en": "A gap of 5% or more in a category: compliance process (justify the gap,"
        " correct it"
        " and declare again by {date}, or run a joint pay assessment).",
    },
    "negotiation": {
        "fr": "Un écart de 5 % ou plus dans une catégorie : des mesures correctives sont à"
        " prévoir dans la négociation obligatoire.",
        "en": "A gap of 5% or more in a category: corrective measures belong in the mandatory"
        " negotiation.",
    },
    "gap_significant": {
        "fr": "Un écart de 5 % ou plus existe dans une catégorie, sans obligation attachée"
        " cette année.",
        "en": "A gap of 5% or more exists in a category, with no obligation attached this"
        " year.",
    },
    "gap_not_significant": {
        "fr": "Aucun écart de 5 % ou plus dans les catégories.",
        "en": "No gap of 5% or more in the categories.",
    },
    "obligations": {"fr": "Obligations de l'employeur", "en": "Employer's obligations"},
}

NOUNS: Final[dict[str, tuple[Text, Text]]] = {  # (singular, plural)
    "woman": ({"fr": "femme", "en": "woman"}, {"fr": "femmes", "en": "women"}),
    "man": ({"fr": "homme", "en": "man"}, {"fr": "hommes", "en": "men"}),
    "worker": ({"fr": "salarié", "en": "worker"}, {"fr": "salariés", "en": "workers"}),
    "row": ({"fr": "ligne", "en": "row"}, {"fr": "lignes", "en": "rows"}),
}
SIZE_BANDS: Final[dict[str, Text]] = {
    "<50": {"fr": "moins de 50 salariés", "en": "fewer than 50 workers"},
    "50-99": {"fr": "de 50 à 99 salariés", "en": "50 to 99 workers"},
    "100-149": {"fr": "de 100 à 149 salariés", "en": "100 to 149 workers"},
    "150-249": {"fr": "de 150 à 249 salariés", "en": "150 to 249 workers"},
    "250+": {"fr": "250 salariés ou plus", "en": "250 workers or more"},
}

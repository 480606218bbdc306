"""Plain-words sentences about a Rixain result, for ``mixite index --explain`` (egapro.md §14).

Written for the HR officer who publishes the figures: what the law asks, the two shares, how
they were obtained when the months in the role matter, whether the target is met and what a
shortfall triggers. French first (no-break space before « : » and « % », decimal comma,
thousands with a narrow no-break space, as directive.md §3.4), English with ``lang="en"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from mixite.indicators.rixain import (
    INCOMPLETE_DATA,
    MISSING_COLUMN,
    NO_EXECUTIVE,
    NO_GOVERNING_BODY,
    ONE_EXECUTIVE,
    TENTHS_PER_WHOLE,
    half_up,
)
from mixite.indicators.typography import NBSP, NNBSP, Lang, localised, with_percent

if TYPE_CHECKING:
    from fractions import Fraction

    from mixite.indicators.rixain import RixainPart, RixainResult


FULL_YEAR_MONTHS: Final = 12
TARGET_FIRST: Final = 30  # the 30 % step (1 March 2026); the next one is 40 %

_ROLE: Final[dict[str, dict[Lang, str]]] = {
    "executives": {"fr": "Cadres dirigeants", "en": "Senior executives"},
    "governing_body": {
        "fr": "Membres des instances dirigeantes",
        "en": "Members of governing bodies",
    },
}
_REASON: Final[dict[str, dict[Lang, str]]] = {
    NO_EXECUTIVE: {
        "fr": "aucun cadre dirigeant sur la période",
        "en": "no senior executive in the period",
    },
    ONE_EXECUTIVE: {
        "fr": "un seul cadre dirigeant sur la période",
        "en": "only one senior executive in the period",
    },
    NO_GOVERNING_BODY: {
        "fr": "aucun membre d'instance dirigeante sur la période",
        "en": "no governing-body member in the period",
    },
    MISSING_COLUMN: {
        "fr": "colonne absente{s}{columns}",
        "en": "missing column: {columns}",
    },
    INCOMPLETE_DATA: {
        "fr": "valeurs manquantes{s}{count} ligne(s) (ex. ligne {row}, champ {field})",
        "en": "missing values: {count} row(s) (e.g. row {row}, field {field})",
    },
}


def _number(value: int, lang: Lang) -> str:
    return localised(f"{value:,}", lang)


def _count(n: int, lang: Lang, one: str, many: str) -> str:
    """``n`` with its noun: French singular for 0 and 1, English for 1 only."""
    singular = n <= 1 if lang == "fr" else n == 1
    return f"{_number(n, lang)} {one if singular else many}"


def _decimal(hundredths: int, lang: Lang, *, places: int) -> str:
    """A non-negative number given in hundredths, with 1 or 2 decimals."""
    whole, rest = divmod(hundredths, 100)
    digits = f"{rest:02d}"[:places] if places else ""
    mark = "," if lang == "fr" else "."
    return _number(whole, lang) + (mark + digits if digits else "")


def _pct_tenths(tenths: int, lang: Lang) -> str:
    return with_percent(_decimal(tenths * 10, lang, places=1), lang)


def _pct_exact(share: Fraction, lang: Lang) -> str:
    """A share (0–1) as a percentage with 2 decimals, half up."""
    return with_percent(_decimal(half_up(share * 10_000), lang, places=2), lang)


def _months(months: Fraction, lang: Lang) -> str:
    hundredths = half_up(months * 100)
    places = 0 if hundredths % 100 == 0 else (1 if hundredths % 10 == 0 else 2)
    return _decimal(hundredths, lang, places=places)


def _colon(lang: Lang) -> str:
    return f"{NNBSP}: " if lang == "fr" else ": "


def _obligation(result: RixainResult, lang: Lang) -> str:
    thousand = _number(1000, lang)
    if lang == "en":
        if result.obligation:
            return (
                "Rixain law: a company with 1,000 employees or more for three consecutive "
                "years publishes each year, by 1 March, the share of women and of men among "
                "its senior executives and among the members of its governing bodies."
            )
        return (
            "Rixain law: publishing these shares is compulsory from 1,000 employees (for "
            "three consecutive years); below that, the figures are given for information."
        )
    if result.obligation:
        return (
            f"Loi Rixain{NNBSP}: une entreprise de {thousand} salariés ou plus depuis trois "
            "exercices consécutifs publie chaque année, au plus tard le 1er mars, la part "
            "des femmes et des hommes parmi ses cadres dirigeants et parmi les membres de "
            "ses instances dirigeantes."
        )
    return (
        f"Loi Rixain{NNBSP}: la publication de ces parts est obligatoire à partir de "
        f"{thousand} salariés (trois exercices consécutifs){NNBSP}; en dessous, les "
        "chiffres sont donnés à titre indicatif."
    )


def _not_calculable(part: RixainPart, lang: Lang) -> str:
    role = _ROLE[part.role][lang]
    template = _REASON.get(part.reason or "", {}).get(lang, part.reason or "")
    first = part.incomplete.examples[0] if part.incomplete.examples else (None, "")
    reason = template.format(
        s=_colon(lang),
        columns=", ".join(part.missing_columns),
        count=_number(part.incomplete.count, lang),
        row=first[0] if first[0] is not None else "?",
        field=first[1],
    )
    if lang == "fr":
        return f"{role}{_colon(lang)}non calculable — {reason}."
    return f"{role}: not calculable — {reason}."


def _shares(part: RixainPart, lang: Lang) -> list[str]:
    assert part.women_tenths is not None  # noqa: S101 - a calculable part has them
    assert part.total_months is not None  # noqa: S101
    assert part.women_months is not None  # noqa: S101
    role = _ROLE[part.role][lang]
    women = _pct_tenths(part.women_tenths, lang)
    men = _pct_tenths(TENTHS_PER_WHOLE - part.women_tenths, lang)
    n_women, n_men = part.n_women or 0, part.n_men or 0
    if lang == "fr":
        who = (
            f"{_count(part.people or 0, lang, 'personne', 'personnes')}, dont "
            f"{_count(n_women, lang, 'femme', 'femmes')} et "
            f"{_count(n_men, lang, 'homme', 'hommes')}"
        )
        sentences = [
            f"{role}{_colon(lang)}{women} de femmes et {men} d'hommes ({who})."
        ]
    else:
        who = (
            f"{_count(part.people or 0, lang, 'person', 'people')}: "
            f"{_count(n_women, lang, 'woman', 'women')}, "
            f"{_count(n_men, lang, 'man', 'men')}"
        )
        sentences = [f"{role}: {women} women and {men} men ({who})."]
    if part.total_months != FULL_YEAR_MONTHS * (part.people or 0):
        total = _months(part.total_months, lang)
        of_women = _months(part.women_months, lang)
        if lang == "fr":
            sentences.append(
                "Chacun compte au prorata des mois passés dans la fonction sur la période"
                f"{NNBSP}: {total} mois au total, dont {of_women} pour les femmes."
            )
        else:
            sentences.append(
                "Each person counts in proportion to the months spent in the role during "
                f"the period: {total} months in all, {of_women} of them for women."
            )
    return sentences


def _no_target(result: RixainResult, lang: Lang) -> str:
    if result.period is None:
        if lang == "en":
            return (
                "Unknown period: the applicable minimum (30% from 1 March 2026, 40% from "
                "1 March 2029) could not be determined."
            )
        return (
            f"Période inconnue{NNBSP}: le seuil applicable (30{NBSP}% à partir du "
            f"1er mars 2026, 40{NBSP}% à partir du 1er mars 2029) n'a pas pu être "
            "déterminé."
        )
    if lang == "en":
        return (
            "No minimum share applies yet to these figures (30% for those published from "
            "1 March 2026)."
        )
    return (
        f"Aucun seuil minimal ne s'applique encore à ces chiffres (30{NBSP}% pour ceux "
        "publiés à partir du 1er mars 2026)."
    )


def _target(part: RixainPart, result: RixainResult, lang: Lang) -> str:
    """The target sentence of a calculable part (§14.6)."""
    target = part.target_pct
    if target is None or part.women_tenths is None:
        return _no_target(result, lang)
    later = target > TARGET_FIRST
    low = min(part.women_tenths, TENTHS_PER_WHOLE - part.women_tenths)
    women_fewer = part.women_tenths * 2 < TENTHS_PER_WHOLE
    if lang == "fr":
        since = "1er mars 2029" if later else "1er mars 2026"
        head = (
            f"Objectif légal d'au moins {target}{NBSP}% de chaque sexe (chiffres publiés "
            f"à partir du {since})"
        )
        if part.meets_target:
            return head + f"{NNBSP}: atteint."
        sex = "des femmes" if women_fewer else "des hommes"
        tail = (
            f"{NNBSP}: non atteint, la part {sex} est de {_pct_tenths(low, lang)}. "
            "L'entreprise doit définir des mesures de correction, par accord ou, à "
            "défaut, par décision de l'employeur après consultation du CSE"
        )
        if later:
            tail += (
                f"{NNBSP}; elle dispose de deux ans pour se mettre en conformité, publie "
                "des objectifs de progression au bout d'un an, puis encourt une pénalité "
                f"pouvant atteindre 1{NBSP}% de la masse salariale"
            )
        return head + tail + "."
    since = "1 March 2029" if later else "1 March 2026"
    head = f"Legal target of at least {target}% of each sex (figures published from {since})"
    if part.meets_target:
        return head + ": met."
    sex = "women" if women_fewer else "men"
    tail = (
        f": not met, {sex} make up {_pct_tenths(low, lang)}. The company must set "
        "corrective measures, by agreement or, failing that, by an employer decision after "
        "consulting the works council (CSE)"
    )
    if later:
        tail += (
            "; it has two years to comply, publishes progress objectives after one year, "
            "and then risks a penalty of up to 1% of payroll"
        )
    return head + tail + "."


def _rounding_note(part: RixainPart, result: RixainResult, lang: Lang) -> str | None:
    """When rounding to the published tenth decides the target, say which was compared."""
    target = part.target_pct
    if (
        target is None
        or part.women_tenths is None
        or part.women_months is None
        or not part.total_months
    ):
        return None
    share = part.women_months / part.total_months
    exact_low = min(share, 1 - share)
    published_low = min(part.women_tenths, TENTHS_PER_WHOLE - part.women_tenths)
    if (exact_low * 100 >= target) == (published_low >= target * 10):
        return None
    exact = _pct_exact(exact_low, lang)
    if lang == "fr":
        if result.target_on_published:
            return (
                f"Avant arrondi, cette part est de {exact}{NNBSP}: l'objectif est apprécié "
                "sur le chiffre publié, arrondi au dixième."
            )
        return (
            f"Avant arrondi, cette part est de {exact}{NNBSP}: l'objectif est apprécié "
            "ici sur la part exacte (option), non sur le chiffre publié."
        )
    if result.target_on_published:
        return (
            f"Before rounding this share is {exact}: the target is assessed on the "
            "published figure, rounded to one decimal."
        )
    return (
        f"Before rounding this share is {exact}: the target is assessed here on the exact "
        "share (option), not on the published figure."
    )


def explain(result: RixainResult, lang: Lang = "fr") -> list[str]:
    """Sentences an HR officer understands, in order: the law, then each part."""
    sentences = [_obligation(result, lang)]
    for part in (result.executives, result.governing_body):
        if not part.calculable:
            sentences.append(_not_calculable(part, lang))
            continue
        sentences += _shares(part, lang)
        for sentence in (
            _target(part, result, lang),
            _rounding_note(part, result, lang),
        ):
            if sentence is not None:
                sentences.append(sentence)
    return sentences


__all__ = ["explain"]

"""Registry entries ``directive.A`` … ``directive.G`` (STYLE §3, ``indicators.core``).

Each entry computes the whole directive result with the default options and keeps one
indicator: the common tests (empty table, missing columns, DuckDB vs Polars, determinism)
then run on every letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators import core
from mixite.indicators.core import IndicatorResult, IndicatorSpec
from mixite.indicators.directive.compute import compute

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import ibis

    from mixite.indicators.directive.result import DirectiveResult

JsonDict = dict[str, Any]

# letter -> (French title, English title, columns required besides employee_id and sex)
ENTRIES: Final = {
    "A": ("Écart de rémunération (moyenne)", "Mean pay gap", ("base_pay",)),
    "B": (
        "Écart de rémunération variable ou complémentaire (moyenne)",
        "Mean variable pay gap",
        ("base_pay", "variable_pay"),
    ),
    "C": ("Écart de rémunération médian", "Median pay gap", ("base_pay",)),
    "D": (
        "Écart de rémunération variable médian",
        "Median variable pay gap",
        ("base_pay", "variable_pay"),
    ),
    "E": (
        "Proportion de femmes et d'hommes bénéficiaires d'une rémunération variable",
        "Share of women and men receiving variable pay",
        ("base_pay", "variable_pay"),
    ),
    "F": (
        "Proportion de femmes et d'hommes dans chaque quartile de rémunération",
        "Women and men in each pay quartile band",
        ("base_pay",),
    ),
    "G": (
        "Écart de rémunération par catégories de salariés",
        "Pay gap by category of workers",
        ("base_pay", "job_category"),
    ),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class DirectiveIndicator(IndicatorResult):
    """One letter of a directive result, on the registry's common core."""

    body: Mapping[str, Any] = field(default_factory=dict)  # the letter's JSON object
    warnings: tuple[Mapping[str, Any], ...] = ()

    def to_dict(self) -> JsonDict:
        return {
            "name": self.name,
            "calculable": self.calculable,
            "reason": self.reason,
            "value": self.value,
            "indicator": dict(self.body),
            "warnings": [dict(w) for w in self.warnings],
        }


def _status(body: Mapping[str, Any]) -> tuple[bool, str | None]:
    """Calculable when any of its parts is (A–D, F: annual or hourly)."""
    parts = [body] if "calculable" in body else [body["annual"], body["hourly"]]
    calculable = any(part["calculable"] for part in parts)
    return calculable, None if calculable else parts[0]["reason"]


def indicator_of(letter: str, result: DirectiveResult) -> DirectiveIndicator:
    """The registry view of one letter of a full result."""
    body = result.to_dict()["indicators"][letter]
    calculable, reason = _status(body)
    value: float | None = None
    if letter in "ABCD":
        value = body["annual"]["gap_ratio"]
    elif letter == "G" and body["alert"]["max_gap"] is not None:
        value = body["alert"]["max_gap"]["gap_percent_exact"]
    tables = {}
    if letter == "F" and result.tables.tie_blocks is not None:
        tables["tie_blocks"] = result.tables.tie_blocks
    if letter == "G" and result.tables.categories is not None:
        tables["categories"] = result.tables.categories
    return DirectiveIndicator(
        name=f"directive.{letter}",
        calculable=calculable,
        reason=reason,
        value=value,
        tables=tables,
        body=body,
        warnings=tuple(w.to_dict() for w in result.warnings if w.indicator == letter),
    )


def _computer(letter: str) -> Callable[[ibis.Table], DirectiveIndicator]:
    def compute_letter(table: ibis.Table) -> DirectiveIndicator:
        return indicator_of(letter, compute(table))

    compute_letter.__name__ = f"compute_{letter}"
    return compute_letter


def register_all() -> None:
    """Enrol every letter once (importing the package twice registers nothing more)."""
    for letter, (title_fr, title_en, columns) in ENTRIES.items():
        name = f"directive.{letter}"
        if name in core.REGISTRY:
            continue
        core.register(
            IndicatorSpec(
                name=name,
                framework="directive",
                title={"fr": title_fr, "en": title_en},
                columns=columns,
                compute=_computer(letter),
            )
        )

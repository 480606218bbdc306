"""Who must report what and when: the obligation decision (directive.md §8, §9).

The thresholds, frequencies and dates live in a rule pack (a TOML file shipped in
``mixite/indicators/rules/``) because the French law is not promulgated: a change of the
law changes the pack, and its version string is printed in every result.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators.directive.options import DIRECTIONS, REGIMES

if TYPE_CHECKING:
    from collections.abc import Mapping

PACK_FILES: Final = {"fr": "directive_fr_2027_1.toml", "eu": "directive_eu.toml"}
AF_FREQUENCIES: Final = ("annual", "triennial_below_100", "triennial_below_250")
KEYS: Final = (
    "regime",
    "size_band",
    "regime_in_force",
    "declaration_required",
    "indicator_g_required",
    "cse_required",
    "gap_significant",
    "compliance_process_required",
    "negotiation_required",
    "report_deadline",
    "second_declaration_deadline",
)


@dataclass(frozen=True, slots=True)
class RulePack:
    """One parsed rule pack; ``data`` keeps the whole TOML for the rules that read it."""

    regime: str
    version: str
    data: Mapping[str, Any]

    @property
    def first_year(self) -> int:
        return int(self.data["first_year"])

    @property
    def threshold_percent(self) -> float:
        return float(self.data["threshold_percent"])

    def size_band(self, workforce: float) -> str:
        band = self.data["size_bands"][0]["label"]
        for row in self.data["size_bands"]:
            if workforce >= row["minimum"]:  # exact: 99.97 is below 100
                band = row["label"]
        return str(band)

    def deadline(self, name: str, year: int) -> str:
        return f"{year:04d}-{self.data['deadlines'][name]}"


@functools.cache
def rule_pack(regime: str = "fr") -> RulePack:
    """The rule pack of a regime (``fr`` or ``eu``), read once."""
    if regime not in REGIMES:
        raise ValueError(f"regime={regime!r}: expected one of {' | '.join(REGIMES)}")
    text = (
        resources.files("mixite.indicators")
        .joinpath("rules", PACK_FILES[regime])
        .read_text(encoding="utf-8")
    )
    data = tomllib.loads(text)
    frequency = data.get("af_frequency", "annual")
    if frequency not in AF_FREQUENCIES:
        raise ValueError(f"rule pack {regime}: af_frequency={frequency!r} is unknown")
    return RulePack(regime=str(data["regime"]), version=str(data["version"]), data=data)


def _triennial(year: int, base: int) -> bool:
    return year >= base and (year - base) % 3 == 0


def _gap_significant(
    pack: RulePack, g_gap_percent: float | None, direction: str
) -> bool | None:
    if g_gap_percent is None:
        return None
    limit = pack.threshold_percent - float(pack.data["threshold_guard"])
    value = abs(g_gap_percent) if direction == "absolute" else g_gap_percent
    return value >= limit


def _fr_declaration(
    pack: RulePack, workforce: float, year: int, in_force: bool
) -> bool:
    data = pack.data
    if not (in_force and workforce >= data["declaration"]["minimum"]):
        return False
    below = {"annual": 0, "triennial_below_100": 100, "triennial_below_250": 250}
    if workforce < below[data.get("af_frequency", "annual")]:
        return _triennial(year, data["cadence_base_year"])
    return True


def _fr_indicator_g(
    pack: RulePack, workforce: float, year: int, in_force: bool
) -> bool:
    rules = pack.data["indicator_g"]
    triennial = _triennial(year, pack.data["cadence_base_year"])
    minimum = (
        rules["lowered_minimum"]
        if year >= rules["lowered_from"]
        else rules["triennial_minimum"]
    )
    return in_force and (
        workforce >= rules["every_year_minimum"] or (triennial and workforce >= minimum)
    )


def _fr(
    pack: RulePack, workforce: float, year: int, gap: bool | None, has_cse: bool
) -> dict[str, Any]:
    data = pack.data
    in_force = year >= pack.first_year
    declaration = _fr_declaration(pack, workforce, year, in_force)
    g_required = _fr_indicator_g(pack, workforce, year, in_force)
    big_enough = workforce >= data["compliance"]["minimum"]
    compliance = gap if (declaration and big_enough and g_required) else False
    negotiation = data["negotiation"]
    return {
        "regime_in_force": in_force,
        "declaration_required": declaration,
        "indicator_g_required": g_required,
        "cse_required": declaration and workforce >= data["cse"]["minimum"] and has_cse,
        "gap_significant": gap,
        "compliance_process_required": compliance,
        "negotiation_required": declaration
        and negotiation["minimum"] <= workforce < negotiation["below"]
        and g_required
        and gap is True,
        "report_deadline": pack.deadline("report", year) if declaration else None,
        "second_declaration_deadline": pack.deadline("second_declaration", year)
        if compliance is True
        else None,
    }


def _eu(
    pack: RulePack, workforce: float, year: int, gap: bool | None, has_cse: bool
) -> dict[str, Any]:
    due = any(
        workforce >= rule["minimum"]
        and workforce < rule.get("below", float("inf"))
        and year >= rule["first_year"]
        and (year - rule["first_year"]) % rule["every"] == 0
        for rule in pack.data["reporting"]
    )
    return {
        "regime_in_force": year >= pack.first_year,
        "declaration_required": due,
        "indicator_g_required": due,
        "cse_required": due and has_cse,
        "gap_significant": gap,
        "compliance_process_required": gap if due else False,
        "negotiation_required": False,
        "report_deadline": pack.deadline("report", year) if due else None,
        "second_declaration_deadline": None,  # a French procedure
    }


def obligations(
    workforce: float,
    year: int,
    g_gap_percent: float | None,
    has_cse: bool,
    *,
    regime: str = "fr",
    direction: str = "absolute",
) -> dict[str, Any]:
    """What the law asks of an employer of ``workforce`` in campaign year ``year`` (§9).

    ``g_gap_percent`` is G's largest alert-set gap in percent (unrounded), or None while
    G is unknown. Returns exactly the keys of :data:`KEYS`.
    """
    if direction not in DIRECTIONS:
        raise ValueError(
            f"direction={direction!r}: expected one of {' | '.join(DIRECTIONS)}"
        )
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"year={year!r}: expected a campaign year")
    pack = rule_pack(regime)
    gap = _gap_significant(pack, g_gap_percent, direction)
    evaluate = _fr if pack.regime == "fr" else _eu
    flags = evaluate(pack, float(workforce), year, gap, has_cse)
    out = {
        "regime": pack.version,
        "size_band": pack.size_band(float(workforce)),
        **flags,
    }
    return {key: out[key] for key in KEYS}

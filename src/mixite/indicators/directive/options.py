"""The options of ``directive.compute`` (directive.md §1, "Interfaces → Python"), validated once.

Every convention the sources leave open is an option with the project default, and every
result prints the options in force (art. 9(6): the workers' representatives are entitled
to the methodology).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

HourlyFrom = Literal["hours_paid", "fte"]
QuartileTies = Literal["split", "rank"]
Direction = Literal["absolute", "women_disfavoured"]
VariablePopulation = Literal["beneficiaries", "all"]
GAlert = Literal["components", "all", "totals"]
Regime = Literal["fr", "eu"]

HOURLY_FROM: Final = ("hours_paid", "fte")
QUARTILE_TIES: Final = ("split", "rank")
DIRECTIONS: Final = ("absolute", "women_disfavoured")
VARIABLE_POPULATIONS: Final = ("beneficiaries", "all")
G_ALERTS: Final = ("components", "all", "totals")
REGIMES: Final = ("fr", "eu")

MIN_CELL: Final = 3  # K13: project-wide disclosure rule, never lowered
FULL_TIME_MONTHLY_HOURS: Final = (
    151.67  # 35 h × 52 / 12, as the loader (workforce §2.4)
)
DEFAULT_EXCLUDED_CONTRACTS: Final = ("intern", "temp_agency")  # K14

# §7.2: the six G measures, in the order of the JSON; §7.4: the alert sets.
G_MEASURES: Final = (
    "annual_base",
    "annual_variable",
    "annual_total",
    "hourly_base",
    "hourly_variable",
    "hourly_total",
)
G_ALERT_SETS: Final = {
    "components": ("annual_base", "annual_variable", "hourly_base", "hourly_variable"),
    "all": G_MEASURES,
    "totals": ("annual_total", "hourly_total"),
}


def _choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        shown = " | ".join(allowed)
        raise ValueError(f"{name}={value!r}: expected one of {shown}")


@dataclass(frozen=True, slots=True, kw_only=True)
class DirectiveOptions:
    """The conventions in force for one computation (K1–K17)."""

    period: int | None = None
    hourly_from: HourlyFrom = "hours_paid"
    full_time_monthly_hours: float = FULL_TIME_MONTHLY_HOURS
    quartile_ties: QuartileTies = "split"
    direction: Direction = "absolute"
    variable_population: VariablePopulation = "beneficiaries"
    g_alert: GAlert = "components"
    category_column: str = "job_category"
    min_cell: int = MIN_CELL
    exclude_contracts: tuple[str, ...] = DEFAULT_EXCLUDED_CONTRACTS
    subtract_excluded_pay: bool = False
    workforce: float | None = None
    year: int | None = None
    has_cse: bool = True
    regime: Regime = "fr"

    def __post_init__(self) -> None:
        _choice("hourly_from", self.hourly_from, HOURLY_FROM)
        _choice("quartile_ties", self.quartile_ties, QUARTILE_TIES)
        _choice("direction", self.direction, DIRECTIONS)
        _choice("variable_population", self.variable_population, VARIABLE_POPULATIONS)
        _choice("g_alert", self.g_alert, G_ALERTS)
        _choice("regime", self.regime, REGIMES)
        self._check_numbers()
        column: object = self.category_column  # callers may pass anything
        if not isinstance(column, str) or not column:
            raise ValueError("category_column: expected a column name")
        contracts: object = self.exclude_contracts
        if isinstance(contracts, list):  # a list is accepted, stored as a tuple
            contracts = tuple(contracts)
            object.__setattr__(self, "exclude_contracts", contracts)
        if not isinstance(contracts, tuple) or not all(
            isinstance(c, str) for c in contracts
        ):
            raise ValueError("exclude_contracts: expected a list of contract codes")

    def _check_numbers(self) -> None:
        if isinstance(self.min_cell, bool) or not isinstance(self.min_cell, int):
            raise ValueError("min_cell: expected an integer, 3 or more")
        if self.min_cell < MIN_CELL:
            raise ValueError(f"min_cell={self.min_cell}: never below {MIN_CELL} (K13)")
        if not self.full_time_monthly_hours > 0:
            raise ValueError("full_time_monthly_hours: expected a positive number")
        if self.workforce is not None and not self.workforce >= 0:
            raise ValueError("workforce: expected a headcount ≥ 0")
        for name in ("period", "year"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int)
            ):
                raise ValueError(f"{name}: expected a year")

    @property
    def alert_measures(self) -> tuple[str, ...]:
        return G_ALERT_SETS[self.g_alert]

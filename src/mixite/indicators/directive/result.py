"""The result of ``directive.compute``: frozen dataclasses mirroring the JSON (directive.md).

``DirectiveResult.to_dict()`` is the JSON of the spec, key order included; ``shared=True``
gives what a network or cohort view may show (§12): small cells masked, no amount left.
Equality compares every field except ``tables.workers``, a lazy expression bound to its
backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal, overload

from mixite.indicators.directive.categories import masked
from mixite.indicators.directive.obligations import KEYS, rule_pack
from mixite.indicators.directive.quartiles import share_display, share_json

if TYPE_CHECKING:
    from collections.abc import Mapping
    from fractions import Fraction

    import ibis.expr.types as ir
    import pyarrow as pa

    from mixite.indicators.directive.categories import CategoryResult
    from mixite.indicators.directive.gaps import Gap
    from mixite.indicators.directive.options import DirectiveOptions
    from mixite.indicators.directive.quartiles import QuartileTable

JsonDict = dict[str, Any]
SCHEMA: Final = "mixite.directive/1"
GIP_SCHEMA: Final = "mixite.directive.gip/1"
GAP_LETTERS: Final = ("A", "B", "C", "D")
LETTERS: Final = ("A", "B", "C", "D", "E", "F", "G")
AMOUNT_DETAIL_KEYS: Final = frozenset({"thresholds", "value", "values", "amount"})


@dataclass(frozen=True, slots=True, kw_only=True)
class SexCounts:
    women: int | None
    men: int | None

    def to_dict(self) -> JsonDict:
        return {"women": self.women, "men": self.men}


@dataclass(frozen=True, slots=True, kw_only=True)
class Population:
    """Rows read and used; ``None`` fields are left out of the JSON in GIP mode."""

    rows_read: int | None
    rows_used: int | None
    annual: SexCounts
    hourly: SexCounts
    excluded: Mapping[str, int] | None

    def to_dict(self) -> JsonDict:
        if self.excluded is None:  # GIP mode: only the two populations are known
            return {"annual": self.annual.to_dict(), "hourly": self.hourly.to_dict()}
        return {
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "annual": self.annual.to_dict(),
            "hourly": self.hourly.to_dict(),
            "excluded": dict(self.excluded),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class GapPair:
    """A, B, C or D: the gap on annual pay and on hourly pay."""

    annual: Gap
    hourly: Gap

    def to_dict(self, *, shared: bool = False, min_cell: int = 3) -> JsonDict:
        return {
            "annual": _shared_gap(self.annual, shared=shared, min_cell=min_cell),
            "hourly": _shared_gap(self.hourly, shared=shared, min_cell=min_cell),
        }


def _shared_gap(gap: Gap, *, shared: bool, min_cell: int) -> JsonDict:
    out = gap.to_dict()
    if not shared:
        return out
    counts = (gap.women.n, gap.men.n)
    if any(n is not None and n < min_cell for n in counts):
        return masked(min_cell)
    out["women"]["value"] = out["men"]["value"] = None
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Share:
    """E for one sex: beneficiaries over headcount (published ratio in GIP mode)."""

    beneficiaries: int | None
    headcount: int | None
    ratio: Fraction | float | None

    def to_dict(self) -> JsonDict:
        return {
            "beneficiaries": self.beneficiaries,
            "headcount": self.headcount,
            "ratio": share_json(self.ratio),
            "display": share_display(self.ratio),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Shares:
    """Indicator E."""

    calculable: bool
    reason: str | None
    women: Share
    men: Share

    def to_dict(self) -> JsonDict:
        return {
            "calculable": self.calculable,
            "reason": self.reason,
            "women": self.women.to_dict(),
            "men": self.men.to_dict(),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class QuartilePair:
    """Indicator F: annual and hourly quartile bands."""

    annual: QuartileTable
    hourly: QuartileTable

    def to_dict(self, *, shared: bool = False) -> JsonDict:
        out: dict[str, JsonDict] = {
            "annual": self.annual.to_dict(),
            "hourly": self.hourly.to_dict(),
        }
        if shared:  # thresholds and band bounds are amounts (§12)
            for table in out.values():
                if table["thresholds"] is not None:
                    table["thresholds"] = [None] * len(table["thresholds"])
                for band in table["bands"]:
                    band["min"] = band["max"] = None
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicators:
    A: GapPair
    B: GapPair
    C: GapPair
    D: GapPair
    E: Shares
    F: QuartilePair
    G: CategoryResult

    @overload
    def __getitem__(self, letter: Literal["A", "B", "C", "D"]) -> GapPair: ...
    @overload
    def __getitem__(self, letter: Literal["E"]) -> Shares: ...
    @overload
    def __getitem__(self, letter: Literal["F"]) -> QuartilePair: ...
    @overload
    def __getitem__(self, letter: Literal["G"]) -> CategoryResult: ...
    @overload
    def __getitem__(
        self, letter: str
    ) -> GapPair | Shares | QuartilePair | CategoryResult: ...
    def __getitem__(
        self, letter: str
    ) -> GapPair | Shares | QuartilePair | CategoryResult:
        """``result.indicators["A"]``, as in the spec's interface."""
        if letter not in LETTERS:
            raise KeyError(letter)
        value: GapPair | Shares | QuartilePair | CategoryResult = getattr(self, letter)
        return value

    def to_dict(self, *, shared: bool = False, min_cell: int = 3) -> JsonDict:
        out: JsonDict = {
            letter: getattr(self, letter).to_dict(shared=shared, min_cell=min_cell)
            for letter in GAP_LETTERS
        }
        out["E"] = self.E.to_dict()
        out["F"] = self.F.to_dict(shared=shared)
        out["G"] = self.G.to_dict(shared=shared, min_cell=min_cell)
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class ObligationsBlock:
    """The obligation decision with its inputs (§9); ``flags`` None when not evaluated."""

    regime: str
    campaign_year: int | None
    data_year: int | None
    workforce: float | None
    workforce_source: str | None  # "option" | "gip" | "estimated"
    has_cse: bool
    g_gap_percent: float | None
    flags: Mapping[str, Any] | None
    reason: str | None

    def to_dict(self) -> JsonDict:
        flags = dict(self.flags or dict.fromkeys(KEYS[1:]))
        flags.pop("regime", None)
        return {
            "regime": self.regime,
            "campaign_year": self.campaign_year,
            "data_year": self.data_year,
            "workforce": self.workforce,
            "workforce_source": self.workforce_source,
            "has_cse": self.has_cse,
            "g_gap_percent": self.g_gap_percent,
            **flags,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class DirectiveWarning:
    """A warning of §13: code, indicator letter (None for the input and obligations)."""

    code: str
    indicator: str | None
    detail: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self, *, shared: bool = False) -> JsonDict:
        detail = {
            k: v
            for k, v in self.detail.items()
            if not (shared and k in AMOUNT_DETAIL_KEYS)
        }
        return {"code": self.code, "indicator": self.indicator, "detail": detail}


@dataclass(frozen=True, slots=True, kw_only=True)
class Tables:
    """The intermediate tables that explain the values (STYLE §3)."""

    workers: ir.Table | None = field(default=None, compare=False)  # lazy, backend-bound
    tie_blocks: pa.Table | None = None
    categories: pa.Table | None = None  # category, sex, n, n_hours and unrounded means


@dataclass(frozen=True, slots=True, kw_only=True)
class DirectiveResult:
    """Indicators A–G, the obligations and the warnings of one organisation and period."""

    regime: str
    source: str  # "workforce" | "gip-mds"
    period: int | None
    campaign_year: int | None
    options: DirectiveOptions | None
    population: Population
    indicators: Indicators
    obligations: ObligationsBlock
    warnings: tuple[DirectiveWarning, ...]
    tables: Tables = field(default_factory=Tables)
    siren: str | None = None  # GIP mode
    quality: Mapping[str, float | None] | None = None  # GIP mode, copied as published

    @property
    def min_cell(self) -> int:
        return 3 if self.options is None else self.options.min_cell

    def to_dict(self, shared: bool = False) -> JsonDict:
        out: JsonDict = {} if self.siren is None else {"siren": self.siren}
        out.update(
            {
                "schema": SCHEMA,
                "regime": self.regime,
                "source": self.source,
                "period": self.period,
                "campaign_year": self.campaign_year,
                "options": None if self.options is None else options_dict(self.options),
                "population": self.population.to_dict(),
                "indicators": self.indicators.to_dict(
                    shared=shared, min_cell=self.min_cell
                ),
                "obligations": self.obligations.to_dict(),
                "warnings": [w.to_dict(shared=shared) for w in self.warnings],
            }
        )
        if self.quality is not None:
            out["quality"] = dict(self.quality)
        return out


def options_dict(options: DirectiveOptions) -> JsonDict:
    """The ``options`` block: every convention in force (art. 9(6))."""
    threshold_percent = rule_pack(options.regime).threshold_percent
    return {
        "hourly_from": options.hourly_from,
        "full_time_monthly_hours": options.full_time_monthly_hours,
        "quartile_ties": options.quartile_ties,
        "variable_population": options.variable_population,
        "threshold_percent": threshold_percent,
        "threshold_direction": options.direction,
        "g_alert_measures": options.g_alert,
        "g_category_column": options.category_column,
        "min_cell": options.min_cell,
        "excluded_contracts": list(options.exclude_contracts),
        "subtract_excluded_pay": options.subtract_excluded_pay,
    }

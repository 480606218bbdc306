"""Result objects of the Index and their JSON form, keys in the order of egapro.md §16.3.

Every indicator result extends the common core (:class:`IndicatorResult`): ``reason`` is the
JSON ``not_calculable_reason`` and ``value`` the indicator's published figure (``result``,
or ``rate`` for indicator 4). What is not calculable is still a result, never ``None``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators.core import IndicatorResult
from mixite.indicators.egapro.labels import warning_text

if TYPE_CHECKING:
    from mixite.indicators.egapro.model import WorkforceRange
    from mixite.indicators.egapro.numeric import Favourable

SCHEMA: Final = "mixite.egapro/1"
PAY_KEYS: Final = ("women_avg_pay", "men_avg_pay")  # left out of shared views
INDEX_REASON: Final = (
    "max_points_below_75"  # project code: fewer than 75 points (§12.2)
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PayGapResult(IndicatorResult):
    """Indicator 1 — pay gap (§6). ``value`` is the 1-decimal result."""

    valid_headcount: int | None = None
    total_headcount: int | None = None
    favourable: Favourable | None = None
    raw_signed_gap: float | None = None
    computed_but_ignored: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "calculable": self.calculable,
            "not_calculable_reason": self.reason,
            "valid_headcount": self.valid_headcount,
            "total_headcount": self.total_headcount,
            "result": self.value,
            "favourable": self.favourable,
            "points": self.points,
            "raw_signed_gap": self.raw_signed_gap,
            "computed_but_ignored": _plain(self.computed_but_ignored),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class RateGapResult(IndicatorResult):
    """Indicators 2 and 3 — raise and promotion gaps by CSP (§7, catch-up §9)."""

    valid_headcount: int | None = None
    total_headcount: int | None = None
    favourable: Favourable | None = None
    points_before_catch_up: int | None = None
    catch_up_applied: bool | None = None
    raw_signed_gap: float | None = None
    computed_but_ignored: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "calculable": self.calculable,
            "not_calculable_reason": self.reason,
            "valid_headcount": self.valid_headcount,
            "total_headcount": self.total_headcount,
            "result": self.value,
            "favourable": self.favourable,
            "points_before_catch_up": self.points_before_catch_up,
            "catch_up_applied": self.catch_up_applied,
            "points": self.points,
            "raw_signed_gap": self.raw_signed_gap,
            "computed_but_ignored": _plain(self.computed_but_ignored),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class RaiseGapResult(IndicatorResult):
    """Indicator 2et3 — raise gap, promotions included (§8). ``value`` = ``result_pct``."""

    result_employees: float | None = None
    points_pct: int | None = None
    points_employees: int | None = None
    favourable: Favourable | None = None
    points_before_catch_up: int | None = None
    catch_up_applied: bool | None = None
    raw_signed_gap: float | None = None
    computed_but_ignored: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "calculable": self.calculable,
            "not_calculable_reason": self.reason,
            "result": self.value,
            "result_pct": self.value,
            "result_employees": self.result_employees,
            "points_pct": self.points_pct,
            "points_employees": self.points_employees,
            "favourable": self.favourable,
            "points_before_catch_up": self.points_before_catch_up,
            "catch_up_applied": self.catch_up_applied,
            "points": self.points,
            "raw_signed_gap": self.raw_signed_gap,
            "computed_but_ignored": _plain(self.computed_but_ignored),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturnResult(IndicatorResult):
    """Indicator 4 — raises on return from maternity leave (§10). ``value`` = rate."""

    result_pct_declared: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "calculable": self.calculable,
            "not_calculable_reason": self.reason,
            "rate": self.value,
            "result_pct_declared": self.result_pct_declared,
            "points": self.points,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class TopTenResult(IndicatorResult):
    """Indicator 5 — the under-represented sex among the ten highest pays (§11)."""

    over_represented: Favourable | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "calculable": self.calculable,
            "not_calculable_reason": self.reason,
            "result": self.value,
            "over_represented": self.over_represented,
            "points": self.points,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexResult(IndicatorResult):
    """The index (§12): ``value`` out of 100, ``points`` the total counted."""

    total_points: int = 0
    max_points: int = 0
    raw_value_computed_anyway: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "calculable": self.calculable,
            "total_points": self.total_points,
            "max_points": self.max_points,
            "value": self.value,
            "raw_value_computed_anyway": self.raw_value_computed_anyway,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexWarning:
    """One entry of ``details.warnings``; loader messages keep their file, row, column."""

    code: str
    params: Mapping[str, str] = field(default_factory=dict)
    message: str | None = None  # loader messages: the loader's own texts
    message_en: str | None = None
    file: str | None = None
    row: int | None = None
    column: str | None = None
    from_loader: bool = False

    def text(self, lang: str = "fr") -> str:
        if self.from_loader:
            own = self.message_en if lang == "en" else self.message
            return own or self.code
        return warning_text(self.code, self.params, lang) or self.code

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.text("fr")}
        if self.from_loader:
            data.update(file=self.file, row=self.row, column=self.column)
        return data


@dataclass(frozen=True, slots=True, kw_only=True)
class EgaproResult:
    """The Index, its indicators, the Rixain representation and the explanations (§16.4).

    ``aggregates`` is the derived aggregated input (employee mode), ready for
    :func:`mixite.indicators.egapro.from_aggregates`; ``details`` is the JSON ``details``
    object without its ``warnings``, which come from ``warnings``.
    """

    workforce_range: WorkforceRange
    indicator1: PayGapResult
    indicator2: RateGapResult | None
    indicator3: RateGapResult | None
    indicator2et3: RaiseGapResult | None
    indicator4: ReturnResult
    indicator5: TopTenResult
    index: IndexResult
    representation: Mapping[str, Any] | None
    details: Mapping[str, Any]
    aggregates: Mapping[str, Any] | None
    warnings: tuple[IndexWarning, ...] = ()
    employee_mode: bool = False

    # The common result core, read through the index: what the registry's tests check.
    @property
    def name(self) -> str:
        return self.index.name

    @property
    def calculable(self) -> bool:
        return self.index.calculable

    @property
    def reason(self) -> str | None:
        return self.index.reason

    @property
    def value(self) -> float | None:
        return None if self.index.value is None else float(self.index.value)

    @property
    def points(self) -> int | None:
        return self.index.points

    def indicators(self) -> dict[str, IndicatorResult]:
        """The indicators of the band, by JSON key, in the order of §16.3."""
        found: dict[str, IndicatorResult | None] = {
            "indicator1": self.indicator1,
            "indicator2": self.indicator2,
            "indicator3": self.indicator3,
            "indicator2et3": self.indicator2et3,
            "indicator4": self.indicator4,
            "indicator5": self.indicator5,
        }
        return {key: value for key, value in found.items() if value is not None}

    def to_dict(self, *, shared: bool = False) -> dict[str, Any]:
        """The result object of §16.3; ``shared``: no aggregates and no pay amount."""
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "workforce_range": self.workforce_range,
        }
        data.update({k: v.to_dict() for k, v in self.indicators().items()})
        data["index"] = self.index.to_dict()
        data["representation"] = _plain(self.representation)
        details = _plain(self.details)
        details["warnings"] = [w.to_dict() for w in self.warnings]
        if shared:
            _drop_pays(details)
        data["details"] = details
        if self.employee_mode and not shared:
            data["aggregates"] = _plain(self.aggregates)
        return data

    def to_json(self, *, shared: bool = False) -> str:
        """``to_dict()`` as UTF-8 JSON text, 2-space indent (§16.1)."""
        return json.dumps(self.to_dict(shared=shared), ensure_ascii=False, indent=2)


def _plain(value: Any) -> Any:
    """A deep copy made of dicts and lists, so that callers cannot change a result."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _drop_pays(details: dict[str, Any]) -> None:
    indicator1 = details.get("indicator1")
    if isinstance(indicator1, dict):
        for group in indicator1.get("groups") or []:
            for key in PAY_KEYS:
                group.pop(key, None)

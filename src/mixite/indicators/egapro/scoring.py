"""The index out of 100 and what it triggers (egapro.md §12).

``total × 100 / max`` in this order, then halves up (§12.3): the official simulator's
order, which differs from the declaration service's in cases such as 46/80 (EG-11).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mixite.indicators.egapro import numeric as nm
from mixite.indicators.egapro.model import (
    CALCULABLE_MAX_POINTS,
    INDEX_MIN_POINTS,
    INDICATORS,
    MAXIMA,
    OBJECTIVES_BELOW,
    OBJECTIVES_FROM_PERIOD,
    Indicator,
)
from mixite.indicators.egapro.result import INDEX_REASON, IndexResult

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from mixite.indicators.core import IndicatorResult


def index_of(
    workforce_range: str, indicators: Mapping[Indicator, IndicatorResult]
) -> IndexResult:
    """Points of the calculable indicators over their maxima, halves up (§12.1–§12.3)."""
    total = 0
    maximum = 0
    for name in INDICATORS[workforce_range]:  # type: ignore[index]
        found = indicators[name]
        if found.calculable and found.points is not None:
            total += found.points
            maximum += MAXIMA[name]
    anyway = nm.jsround((total * 100) / maximum) if maximum > 0 else None
    if maximum >= CALCULABLE_MAX_POINTS:
        return IndexResult(
            name="egapro.index",
            calculable=True,
            value=anyway,
            points=total,
            total_points=total,
            max_points=maximum,
        )
    return IndexResult(
        name="egapro.index",
        calculable=False,
        reason=INDEX_REASON,
        points=total,
        total_points=total,
        max_points=maximum,
        raw_value_computed_anyway=anyway,
    )


def obligations(
    index: IndexResult,
    indicators: Mapping[Indicator, IndicatorResult],
    *,
    period: int | None,
    deadline: date | None,
) -> dict[str, Any]:
    """What the index triggers (§12.4): measures below 75, objectives below 85."""
    value = index.value if index.calculable else None
    objectives = (
        value is not None
        and value < OBJECTIVES_BELOW
        and (period is None or period >= OBJECTIVES_FROM_PERIOD)
    )
    below_max = [
        name
        for name, found in indicators.items()
        if found.calculable and (found.points or 0) < MAXIMA[name]
    ]
    return {
        "publish_index": index.calculable,
        "corrective_measures_required": value is not None and value < INDEX_MIN_POINTS,
        "progress_objectives_required": objectives,
        "objectives_for": below_max if objectives else [],
        "deadline": None if deadline is None else deadline.isoformat(),
    }

"""Index de l'égalité professionnelle (Egapro): ``compute`` and ``from_aggregates``.

The spec is ``egapro.md``; results match the official simulator (SocialGouv/egapro 3.18.4)
to the last point. Usage::

    from mixite.indicators import egapro

    result = egapro.compute(mixite.load("rh_2025.csv"), workforce_range="50:250")
    result.index.value, result.to_dict()["aggregates"]
    egapro.from_aggregates(result.to_dict()["aggregates"])  # the same indicators

Each indicator is registered in :data:`mixite.indicators.core.REGISTRY` (``egapro.1`` …
``egapro.index``), which enrols it in the common tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mixite.indicators.core import IndicatorSpec, register
from mixite.indicators.egapro.aggregates import AggregatesError
from mixite.indicators.egapro.compute import compute, from_aggregates
from mixite.indicators.egapro.options import EgaproOptions
from mixite.indicators.egapro.result import EgaproResult

if TYPE_CHECKING:
    from collections.abc import Callable

    import ibis

    from mixite.indicators.core import Result

__all__ = [
    "AggregatesError",
    "EgaproOptions",
    "EgaproResult",
    "compute",
    "from_aggregates",
]

_TITLES = {
    "egapro.1": ("Écart de rémunération", "Pay gap"),
    "egapro.2": ("Écart de taux d'augmentations individuelles", "Individual raise gap"),
    "egapro.3": ("Écart de taux de promotions", "Promotion gap"),
    "egapro.2et3": (
        "Écart de taux d'augmentations (promotions comprises)",
        "Raise gap, promotions included",
    ),
    "egapro.4": (
        "Augmentations au retour de congé maternité",
        "Raises on return from maternity leave",
    ),
    "egapro.5": ("Hautes rémunérations", "Ten highest pays"),
    "egapro.index": ("Index de l'égalité professionnelle", "Gender equality index"),
}
_COLUMNS = {
    "egapro.1": ("csp", "birth_date", "age", "base_pay"),
    "egapro.2": ("csp", "raised"),
    "egapro.3": ("csp", "promoted"),
    "egapro.2et3": ("raised", "promoted"),
    "egapro.4": ("maternity_return", "raised_after_leave"),
    "egapro.5": ("base_pay",),
}
# Indicators 2 and 3 exist only above 250 employees, 2et3 only up to 250 (§1.3): the
# registry computes each in a band that has it; the others use the estimated band.
_BANDS = {"egapro.2": "251:999", "egapro.3": "251:999", "egapro.2et3": "50:250"}


def _indicator(name: str) -> Callable[[ibis.Table], Result]:
    key = "indicator" + name.removeprefix("egapro.")

    def run(table: ibis.Table) -> Result:
        result = compute(table, workforce_range=_BANDS.get(name))
        found: Any = result.indicators()[key]
        return found  # type: ignore[no-any-return]

    return run


def _index(table: ibis.Table) -> Result:
    return compute(table).index


for _name, (_fr, _en) in _TITLES.items():
    register(
        IndicatorSpec(
            name=_name,
            framework="egapro",
            title={"fr": _fr, "en": _en},
            columns=_COLUMNS.get(
                _name, tuple(dict.fromkeys(c for cs in _COLUMNS.values() for c in cs))
            ),
            compute=_index if _name == "egapro.index" else _indicator(_name),
        )
    )

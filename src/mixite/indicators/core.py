"""What every indicator module shares: the result core, the registry, the input table.

The registry lists every indicator (name, required columns, compute function); the common
tests iterate over it (``tests/indicators/test_common.py``), so registering an indicator
enrols it in them: not calculable on an empty table or without its columns, the same
published values on DuckDB and on Polars, deterministic (STYLE.md §3).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import ibis
import polars as pl

from mixite.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from decimal import Decimal

    import pyarrow as pa

    from mixite.workforce.report import ValidationReport

ReasonCode = str
JsonDict = dict[str, Any]

# The loader's derived columns: a table holding them has been through mixite.load.
LOADED_MARKERS = ("presence_months", "fte", "index_pay_fte")
REQUIRED_INPUT = ("employee_id", "sex")


class Result(Protocol):
    """What the registry's compute functions return."""

    @property
    def calculable(self) -> bool: ...

    def to_dict(self) -> JsonDict: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class IndicatorResult:
    """The common core of an indicator's result; each spec adds its own fields and keys."""

    name: str  # registry key, e.g. "egapro.1", "directive.A"
    calculable: bool
    reason: ReasonCode | None = None  # set exactly when calculable is False
    value: Decimal | float | None = (
        None  # the type and rounding the module's spec fixes
    )
    points: int | None = None
    tables: Mapping[str, pa.Table] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.calculable == (self.reason is not None):
            raise ValueError("a reason is given exactly when not calculable")

    def to_dict(self) -> JsonDict:
        """The core fields as JSON data (each module's result adds its own keys)."""
        value = self.value if self.value is None else float(self.value)
        return {
            "name": self.name,
            "calculable": self.calculable,
            "reason": self.reason,
            "value": value,
            "points": self.points,
        }


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    """One entry of the registry."""

    name: str  # "egapro.index", "rixain", "directive.A"…
    framework: str  # "egapro", "rixain", "directive"
    title: Mapping[str, str]  # {"fr": …, "en": …}
    columns: tuple[str, ...]  # canonical columns it reads (besides employee_id, sex)
    compute: Callable[[ibis.Table], Result]  # default options; the table as loaded


REGISTRY: dict[str, IndicatorSpec] = {}
FRAMEWORKS = ("egapro", "rixain", "directive")  # the modules that register indicators


def register(spec: IndicatorSpec) -> IndicatorSpec:
    if spec.name in REGISTRY:
        raise ValueError(f"indicator {spec.name!r} registered twice")
    REGISTRY[spec.name] = spec
    return spec


def load_registry() -> Mapping[str, IndicatorSpec]:
    """Every indicator, after importing the modules that register them."""
    for framework in FRAMEWORKS:
        importlib.import_module(f"mixite.indicators.{framework}")
    return REGISTRY


@dataclass(frozen=True, slots=True)
class Loaded:
    """The canonical table an indicator reads, and the load report when it made one."""

    table: ibis.Table
    report: ValidationReport | None


def as_loaded(table: object) -> Loaded:
    """A Workforce, an already loaded Ibis table, or anything ``mixite.load`` accepts.

    An Ibis table that carries the loader's derived columns is used as is, on its own
    backend (how the common tests run an indicator on DuckDB and on Polars); it is trusted
    to hold only values the loader accepts. Anything else is loaded with default options
    and raises :class:`InputError` on bad input, as ``mixite.load`` does.
    """
    from mixite.workforce.load import Workforce, load  # noqa: PLC0415 - light import

    if isinstance(table, Workforce):
        return Loaded(table.table, table.report)
    if isinstance(table, ibis.Table):
        columns = set(table.columns)
        if all(marker in columns for marker in LOADED_MARKERS):
            missing = [c for c in REQUIRED_INPUT if c not in columns]
            if missing:
                raise InputError(
                    f"the table has no {', '.join(missing)} column",
                    report=_empty_report(),
                )
            return Loaded(table, None)
    workforce = load(table)  # load() says what it refuses
    return Loaded(workforce.table, workforce.report)


def _empty_report() -> ValidationReport:
    from mixite.workforce.report import ReportBuilder  # noqa: PLC0415

    return ReportBuilder().build()


def to_polars(table: ibis.Table) -> pl.DataFrame:
    """Small aggregated results, on any backend, as a Polars frame."""
    frame = pl.from_arrow(table.to_pyarrow())
    assert isinstance(frame, pl.DataFrame)  # noqa: S101 - a Table gives a frame
    return frame

"""Loading options: reference period, duplicates, full-time hours, source reading (§1.5, §4.4).

Every option has the default of the spec; a mapping file's ``[source]`` and ``[options]``
tables and the arguments of ``mixite.load`` set them (arguments win, :meth:`with_overrides`).
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal, get_args

__all__ = [
    "DATE_ORDERS",
    "DECIMAL_MARKS",
    "EMPLOYEE_ID_SOURCES",
    "ON_DUPLICATE",
    "OPTION_NAMES",
    "SOURCE_OPTION_NAMES",
    "DateOrder",
    "DecimalMark",
    "EmployeeIdFrom",
    "OnDuplicate",
    "Options",
    "check_period_end",
    "period_bounds",
]

OnDuplicate = Literal["error", "merge", "keep_last"]
EmployeeIdFrom = Literal["nir_hash", "matricule"]
DecimalMark = Literal[",", "."]
DateOrder = Literal["dmy", "mdy"]

ON_DUPLICATE: Final[tuple[str, ...]] = get_args(OnDuplicate)
EMPLOYEE_ID_SOURCES: Final[tuple[str, ...]] = get_args(EmployeeIdFrom)
DECIMAL_MARKS: Final[tuple[str, ...]] = get_args(DecimalMark)
DATE_ORDERS: Final[tuple[str, ...]] = get_args(DateOrder)

# The keys of a mapping file's [source] table and of its [options] table (§4.4).
SOURCE_OPTION_NAMES: Final = (
    "sheet",
    "header_row",
    "delimiter",
    "encoding",
    "decimal",
    "date_order",
    "auto",
)
OPTION_NAMES: Final = (
    "period",
    "period_end",
    "on_duplicate",
    "full_time_monthly_hours",
    "full_time_weekly_hours",
    "hours_per_day",
    "level_order",
    "employee_id_from",
)

_PERIOD_END = re.compile(r"(\d\d)-(\d\d)")
_NON_LEAP_YEAR = (
    2023  # month lengths as written in period_end: "02-28" is February's end
)


def check_period_end(period_end: str) -> tuple[int, int]:
    """(month, day) of a valid ``MM-DD`` month end; ValueError otherwise (§1.5)."""
    match = _PERIOD_END.fullmatch(period_end)
    if match is None:
        raise ValueError(f"period_end {period_end!r} is not written MM-DD")
    month, day = int(match[1]), int(match[2])
    if not 1 <= month <= 12:  # noqa: PLR2004 - months of the year
        raise ValueError(f"period_end {period_end!r}: no month {month}")
    if day != calendar.monthrange(_NON_LEAP_YEAR, month)[1]:
        raise ValueError(
            f"period_end {period_end!r} is not the last day of a month "
            "(02-28 stands for the end of February)"
        )
    return month, day


def period_bounds(period: int, period_end: str = "12-31") -> tuple[date, date]:
    """First and last day of a reference period: 12 calendar months ending in ``period``.

    ``period_end = "02-28"`` ends on 29 February in leap years.
    """
    month, _ = check_period_end(period_end)
    end = _month_end(period, month)
    start = _month_end(period - 1, month) + timedelta(days=1)
    return start, end


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Options of one load; source options ``None`` mean "detect"."""

    period: int | None = None
    period_end: str = "12-31"
    on_duplicate: OnDuplicate = "error"
    full_time_monthly_hours: float = 151.67
    full_time_weekly_hours: float = 35.0
    hours_per_day: float = 7.0
    level_order: tuple[str, ...] = ()
    employee_id_from: EmployeeIdFrom = "nir_hash"
    # source: how to read the file (§3)
    sheet: str | int | None = None
    header_row: int | None = None
    delimiter: str | None = None
    encoding: str | None = None
    decimal: DecimalMark | None = None
    date_order: DateOrder = "dmy"
    auto: bool = True

    def __post_init__(self) -> None:
        check_period_end(self.period_end)
        _check_choice("on_duplicate", self.on_duplicate, ON_DUPLICATE)
        _check_choice("employee_id_from", self.employee_id_from, EMPLOYEE_ID_SOURCES)
        _check_choice("date_order", self.date_order, DATE_ORDERS)
        if self.decimal is not None:
            _check_choice("decimal", self.decimal, DECIMAL_MARKS)
        for name in (
            "full_time_monthly_hours",
            "full_time_weekly_hours",
            "hours_per_day",
        ):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")
        if self.header_row is not None and self.header_row < 1:
            raise ValueError("header_row is 1-based")
        if isinstance(self.sheet, int) and self.sheet < 1:
            raise ValueError("sheet index is 1-based")

    def with_overrides(self, **changes: object) -> Options:
        """A copy with the given options replaced; ``None`` values mean "not given"."""
        given = {name: value for name, value in changes.items() if value is not None}
        unknown = sorted(set(given) - set(OPTION_NAMES) - set(SOURCE_OPTION_NAMES))
        if unknown:
            raise TypeError(f"unknown options: {', '.join(unknown)}")
        if isinstance(given.get("level_order"), list):
            given["level_order"] = tuple(given["level_order"])  # type: ignore[arg-type]
        return dataclasses.replace(self, **given)  # type: ignore[arg-type]

    @property
    def bounds(self) -> tuple[date, date] | None:
        """The period's first and last day, when the period is known."""
        if self.period is None:
            return None
        return period_bounds(self.period, self.period_end)

    def non_default(self) -> dict[str, object]:
        """The processing options (not the source ones) that differ from the defaults."""
        default = Options()
        return {
            name: getattr(self, name)
            for name in OPTION_NAMES
            if getattr(self, name) != getattr(default, name)
        }


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")

"""Date cells (workforce spec §3.5): text dates, Date/Datetime columns, Excel serials."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Final, Literal, NamedTuple

import polars as pl

from mixite.workforce.cells_common import by_distinct, falses, patch, stripped

__all__ = [
    "DATE_RANGE",
    "DateOrder",
    "DateOutcome",
    "excel_serial_to_date",
    "parse_dates",
    "serial_outcome",
]

DateOrder = Literal["dmy", "mdy"]

_TIME: Final = (  # ISO date-times (and a time after d/m/yyyy): the time is dropped
    r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
_DAY_FIRST: Final = (  # d/m/yyyy (m/d/yyyy with date_order="mdy"), / - or .
    r"^(?<a>[0-9]{1,2})(?<s1>[/.-])(?<b>[0-9]{1,2})(?<s2>[/.-])(?<y>[0-9]{4})"
    + _TIME
    + "$"
)
_YEAR_FIRST: Final = (  # yyyy-mm-dd, yyyy/mm/dd
    r"^(?<y>[0-9]{4})(?<s1>[/-])(?<b>[0-9]{1,2})(?<s2>[/-])(?<a>[0-9]{1,2})"
    + _TIME
    + "$"
)
_FEBRUARY: Final = 2
_FIRST_YEAR: Final = 1900
_LAST_YEAR: Final = 2100
DATE_RANGE: Final = "1900-01-01 – 2100-12-31"


class DateOutcome(NamedTuple):
    values: pl.Series  # Date, null for empty, invalid and out-of-range cells
    invalid: pl.Series  # bool: `value.date_invalid`
    out_of_range: pl.Series  # bool: `value.out_of_range`


def _is_date(y: pl.Expr, m: pl.Expr, d: pl.Expr) -> pl.Expr:
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    days = (
        pl.when(m == _FEBRUARY)
        .then(28 + leap.cast(pl.Int32))
        .when(m.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )
    return m.is_between(1, 12) & d.is_between(1, days)


def _fields(pattern: str, order: DateOrder | Literal["ymd"]) -> tuple[pl.Expr, ...]:
    """Year, month, day from one of the separated forms (same separator twice)."""
    parts = pl.col("t").str.extract_groups(pattern)
    same = parts.struct.field("s1") == parts.struct.field("s2")
    a, b, y = (parts.struct.field(n).cast(pl.Int32) for n in ("a", "b", "y"))
    month, day = (a, b) if order == "mdy" else (b, a)
    return tuple(pl.when(same).then(e) for e in (y, month, day))


def _digits8() -> tuple[pl.Expr, ...]:
    """8 digits: yyyymmdd when that is a date in 1900–2100, else ddmmyyyy (the DSN form)."""
    t = pl.when(pl.col("t").str.contains(r"^[0-9]{8}$")).then(pl.col("t"))
    y1, m1, d1 = (t.str.slice(i, n).cast(pl.Int32) for i, n in ((0, 4), (4, 2), (6, 2)))
    y2, m2, d2 = (t.str.slice(i, n).cast(pl.Int32) for i, n in ((4, 4), (2, 2), (0, 2)))
    ymd = _is_date(y1, m1, d1) & y1.is_between(_FIRST_YEAR, _LAST_YEAR)
    return tuple(
        pl.when(ymd).then(e1).otherwise(e2) for e1, e2 in ((y1, y2), (m1, m2), (d1, d2))
    )


def _dates_from_fields(frame: pl.DataFrame) -> DateOutcome:
    y, m, d = pl.col("y"), pl.col("m"), pl.col("d")
    valid = _is_date(y, m, d).fill_null(value=False)
    in_range = y.is_between(_FIRST_YEAR, _LAST_YEAR)
    ok = valid & in_range
    safe = [pl.when(ok).then(e).otherwise(1) for e in (y, m, d)]
    out = frame.select(
        values=pl.when(ok).then(pl.date(*safe)),
        invalid=pl.col("t").is_not_null() & ~valid,
        out_of_range=valid & ~in_range,
    )
    return DateOutcome(out["values"], out["invalid"], out["out_of_range"])


def parse_dates(s: pl.Series, *, date_order: DateOrder = "dmy") -> DateOutcome:
    """Text dates (§3.5); Date and Datetime columns are kept, their time dropped."""
    if s.dtype == pl.Date or isinstance(s.dtype, pl.Datetime):
        values = s.cast(pl.Date)
        year = values.dt.year()
        oor = ((year < _FIRST_YEAR) | (year > _LAST_YEAR)).fill_null(value=False)
        kept = pl.select(pl.when(pl.lit(oor)).then(None).otherwise(pl.lit(values)))
        none = falses(s.len())
        return DateOutcome(kept.to_series().alias(s.name), none.alias(s.name), oor)
    iso = _iso_dates(s)
    if iso is not None:
        return iso
    distinct = by_distinct(s)
    if distinct is not None:
        once = _text_dates(distinct.cells, date_order)
        return DateOutcome(*(x.gather(distinct.at).alias(s.name) for x in once))
    return _text_dates(s, date_order)


_ISO_OR_EMPTY: Final = r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?$"


def _iso_dates(s: pl.Series) -> DateOutcome | None:
    """A column of ``yyyy-mm-dd`` cells (or empty ones) in one conversion, else None.

    Taken only when every date is real and within 1900–2100: any other column goes
    through the general steps, which report the bad cells.
    """
    if s.dtype != pl.String or not s.str.contains(_ISO_OR_EMPTY).all():
        return None
    values = s.str.to_date("%Y-%m-%d", strict=False)
    filled = s.is_not_null() & (s != "")
    year = values.dt.year()
    if (
        not (values.is_not_null() == filled).all()
        or not (year.is_between(_FIRST_YEAR, _LAST_YEAR) | year.is_null()).all()
    ):
        return None
    none = falses(s.len()).alias(s.name)
    return DateOutcome(values.alias(s.name), none, none)


def _text_dates(s: pl.Series, date_order: DateOrder) -> DateOutcome:
    text = stripped(s)
    fast = _fast_date_fields(text, date_order)
    rest = (text.is_not_null() & fast["y"].is_null()).arg_true()
    slow = _slow_date_fields(text.gather(rest), date_order)
    frame = pl.DataFrame({"t": text}).with_columns(
        **{name: patch(fast[name], rest, slow[name]) for name in ("y", "m", "d")}
    )
    values, invalid, oor = _dates_from_fields(frame)
    return DateOutcome(values.alias(s.name), invalid.alias(s.name), oor.alias(s.name))


def _fast_date_fields(text: pl.Series, date_order: DateOrder) -> pl.DataFrame:
    """The two usual shapes, dd/mm/yyyy and yyyy-mm-dd, by slicing (cheap)."""
    t = pl.col("t")
    day_first = t.str.contains(r"^[0-9]{2}/[0-9]{2}/[0-9]{4}$")
    iso = t.str.contains(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    first, second = (0, 3) if date_order == "dmy" else (3, 0)

    def part(at_day_first: int, at_iso: int, n: int) -> pl.Expr:
        return (
            pl.when(day_first)
            .then(t.str.slice(at_day_first, n))
            .when(iso)
            .then(t.str.slice(at_iso, n))
            .cast(pl.Int32)
        )

    return pl.DataFrame({"t": text}).select(
        y=part(6, 0, 4), m=part(second, 5, 2), d=part(first, 8, 2)
    )


def _slow_date_fields(text: pl.Series, date_order: DateOrder) -> pl.DataFrame:
    """Every accepted form, tried in the order of §3.5, each on the cells still unread."""
    fields = pl.DataFrame(
        {
            name: pl.repeat(None, text.len(), dtype=pl.Int32, eager=True)
            for name in "ymd"
        }
    )
    for candidate in (
        partial(_fields, _DAY_FIRST, date_order),
        partial(_fields, _YEAR_FIRST, "ymd"),
        _digits8,
    ):
        todo = (text.is_not_null() & fields["y"].is_null()).arg_true()
        if todo.len() == 0:
            break
        y, m, d = candidate()
        found = pl.DataFrame({"t": text.gather(todo)}).select(
            y=y.cast(pl.Int32), m=m.cast(pl.Int32), d=d.cast(pl.Int32)
        )
        fields = fields.select(
            patch(fields[name], todo, found[name]).alias(name)
            for name in ("y", "m", "d")
        )
    return fields


_EXCEL_1900_EPOCH: Final = dt.date(1899, 12, 30)  # serial 61 = 1900-03-01
_EXCEL_1904_EPOCH: Final = dt.date(1904, 1, 1)
_EXCEL_FAKE_LEAP_DAY: Final = 60  # 1900-02-29, which never existed
_EXCEL_LAST_SERIAL: Final = 2_958_465  # 9999-12-31


def excel_serial_to_date(n: pl.Series, *, date1904: bool = False) -> pl.Series:
    """Excel serial numbers as dates (§3.4); time fractions dropped, impossible ones null.

    1900 system: 1 = 1900-01-01, 60 (the non-existent 1900-02-29) and below 1 are null,
    above 60 the date is 1899-12-30 + serial. 1904 system: 0 = 1904-01-01.
    """
    serial = n.cast(pl.Float64).floor()
    frame = pl.DataFrame({"n": serial})
    whole = pl.col("n").cast(pl.Int64, strict=False)
    lowest = 0 if date1904 else 1
    usable = (
        pl.col("n").is_finite()
        & pl.col("n").is_between(lowest, _EXCEL_LAST_SERIAL)
        & (pl.lit(date1904) | (pl.col("n") != _EXCEL_FAKE_LEAP_DAY))
    )
    if date1904:
        epoch = pl.lit(_EXCEL_1904_EPOCH)
    else:  # serials 1–59 count from 1899-12-31: Excel's 1900 had a 29 February
        epoch = (
            pl.when(pl.col("n") < _EXCEL_FAKE_LEAP_DAY)
            .then(pl.lit(_EXCEL_1900_EPOCH + dt.timedelta(days=1)))
            .otherwise(pl.lit(_EXCEL_1900_EPOCH))
        )
    days = pl.when(usable).then(whole).otherwise(0)
    out = frame.select(
        pl.when(usable).then(epoch + pl.duration(days=days)).cast(pl.Date)
    )
    return out.to_series().alias(n.name)


def serial_outcome(n: pl.Series, *, date1904: bool) -> DateOutcome:
    dates = excel_serial_to_date(n, date1904=date1904)
    beyond = (n.cast(pl.Float64) > _EXCEL_LAST_SERIAL).fill_null(value=False)
    year = dates.dt.year()
    oor = ((year < _FIRST_YEAR) | (year > _LAST_YEAR)).fill_null(value=False) | beyond
    invalid = n.is_not_null() & dates.is_null() & ~oor
    values = pl.select(pl.when(pl.lit(oor)).then(None).otherwise(pl.lit(dates)))
    return DateOutcome(values.to_series().alias(n.name), invalid, oor)

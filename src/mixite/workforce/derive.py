"""Derived columns of the canonical table (workforce.md §2), as Polars expressions.

Input: the typed, validated frame (one column per canonical column the file has, plus
``_source_row``); ``present`` names the canonical columns the file had, because several
rules differ between an absent column and an empty cell. Values are stored unrounded
(float64) except ``weekly_hours`` (§2.7).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, overload

import polars as pl

from mixite.workforce.options import check_period_end

if TYPE_CHECKING:
    from mixite.workforce.options import Options
    from mixite.workforce.report import ReportBuilder

AGE_MIN, AGE_MAX = 14, 99  # §1.2
PART_TIME_BAND = (20.0, 30.0)  # R2312-9: part time between 20 and 30 hours, fixed
DAYS_PER_YEAR = 365.25  # §2.7
PRESENCE_TOLERANCE = 0.01  # §2.3: a given presence may exceed the dates by this much
FTE_CAP = 1.5  # §2.4: 1 < fte <= 1.5 is capped to 1, above is out of range
DATE_COLUMNS = ("hire_date", "exit_date")


def _col(name: str) -> pl.Expr:
    return pl.col(name)


def _has(present: frozenset[str], *names: str) -> bool:
    return all(name in present for name in names)


def with_period_bounds(frame: pl.DataFrame, options: Options) -> pl.DataFrame:
    """``_period_start`` and ``_period_end`` of each row's period (null without period)."""
    month, _ = check_period_end(options.period_end)
    if "period" not in frame.columns:
        return frame.with_columns(
            pl.lit(None, pl.Date).alias("_period_start"),
            pl.lit(None, pl.Date).alias("_period_end"),
        )
    year = _col("period").cast(pl.Int32)
    end = pl.date(year, month, 1).dt.month_end()
    start = pl.date(year - 1, month, 1).dt.month_end() + pl.duration(days=1)
    # A file holds a few periods: compute their bounds once each, then look them up.
    periods = frame.select(_col("period").unique().drop_nulls()).with_columns(
        start.alias("_period_start"), end.alias("_period_end")
    )
    return frame.with_columns(
        _col("period")
        .replace_strict(periods["period"], periods[name], default=None)
        .alias(name)
        for name in ("_period_start", "_period_end")
    )


class _ParamsColumns(Sequence[Mapping[str, object]]):
    """Per-row message params read lazily: the builder only asks for the rows it keeps."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame

    def __len__(self) -> int:
        return self.frame.height

    @overload
    def __getitem__(self, index: int) -> Mapping[str, object]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Mapping[str, object]]: ...
    def __getitem__(
        self, index: int | slice
    ) -> Mapping[str, object] | Sequence[Mapping[str, object]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.frame.row(index, named=True)


def report_rows(
    report: ReportBuilder,
    frame: pl.DataFrame,
    mask: pl.Expr,
    *,
    key: str,
    file: str,
    column: str | None,
    value: pl.Expr | None = None,
    params: Mapping[str, object] | None = None,
    row_params: Mapping[str, pl.Expr] | None = None,
) -> None:
    """One message per row where ``mask`` holds: every row counted, the first ones kept."""
    row_params = row_params or {}
    selected = frame.filter(mask.fill_null(value=False)).select(
        _col("_source_row"),
        (value if value is not None else pl.lit(None)).cast(pl.Utf8).alias("_value"),
        *[expr.cast(pl.Utf8).alias(name) for name, expr in row_params.items()],
    )
    if selected.height == 0:
        return
    report.add_many(
        key,
        file=file,
        column=column,
        rows=selected["_source_row"],
        values=selected["_value"],
        params=params,
        params_per_row=_ParamsColumns(selected.select(list(row_params)))
        if row_params
        else None,
    )


def derive_age(
    frame: pl.DataFrame, *, present: frozenset[str], report: ReportBuilder, file: str
) -> pl.DataFrame:
    """Completed years at period end; the birth date wins over a given age (§2.2)."""
    end = _col("_period_end")
    if "birth_date" in present:
        birth = _col("birth_date")

        def month_day(date: pl.Expr) -> pl.Expr:  # Int8 parts would overflow at ×100
            return date.dt.month().cast(pl.Int32) * 100 + date.dt.day().cast(pl.Int32)

        before_birthday = month_day(end) < month_day(birth)
        computed = (
            end.dt.year() - birth.dt.year() - before_birthday.cast(pl.Int32)
        ).cast(pl.Int32)
        frame = frame.with_columns(computed.alias("_age_from_birth"))
        if "age" in present:
            report_rows(
                report,
                frame,
                _col("age") != _col("_age_from_birth"),
                key="value.age_mismatch",
                file=file,
                column="age",
                value=_col("age"),
                row_params={"expected": _col("_age_from_birth")},
            )
            age = pl.coalesce(_col("_age_from_birth"), _col("age"))
        else:
            age = _col("_age_from_birth")
        source: pl.Expr = (
            pl.when(_col("_age_from_birth").is_not_null())
            .then(pl.lit("birth_date"))
            .otherwise(pl.lit("age"))
        )
    elif "age" in present:
        age, source = _col("age"), pl.lit("age")
    else:
        return frame.with_columns(
            pl.lit(None, pl.Int32).alias("age"), pl.lit(None, pl.Utf8).alias("age_band")
        )
    frame = frame.with_columns(
        age.cast(pl.Int32).alias("age"), source.alias("_age_source")
    )
    out = _col("age").is_not_null() & ~_col("age").is_between(AGE_MIN, AGE_MAX)
    for column in ("birth_date", "age"):
        if column not in present:
            continue
        report_rows(
            report,
            frame,
            out & (_col("_age_source") == column),
            key="value.out_of_range",
            file=file,
            column=column,
            value=_col(column),
            params={"range": f"{AGE_MIN}–{AGE_MAX}"},
        )
    age = pl.when(out).then(None).otherwise(_col("age"))
    band = (
        pl.when(age <= 29)  # noqa: PLR2004 - the Index's age bands (§2.2)
        .then(pl.lit("<30"))
        .when(age <= 39)  # noqa: PLR2004
        .then(pl.lit("30-39"))
        .when(age <= 49)  # noqa: PLR2004
        .then(pl.lit("40-49"))
        .when(age.is_not_null())
        .then(pl.lit("50+"))
    )
    return frame.with_columns(age.alias("age"), band.alias("age_band")).drop(
        "_age_source", "_age_from_birth", strict=False
    )


def presence_from_dates(frame: pl.DataFrame, present: frozenset[str]) -> pl.Series:
    """Sum over the 12 months of the period of the fraction of days under contract (§2.3).

    Written in closed form: the first and last months count their share of days, the
    months between count 1 each (the same fractions as month by month, in one pass).
    The date parts are computed once each, in steps (a single nested expression
    recomputed them several times).
    """
    start, end = _col("_period_start"), _col("_period_end")
    hire = _col("hire_date") if "hire_date" in present else pl.lit(None, pl.Date)
    exit_ = _col("exit_date") if "exit_date" in present else pl.lit(None, pl.Date)
    first = pl.max_horizontal(pl.coalesce(hire, start), start)
    last = pl.min_horizontal(pl.coalesce(exit_, end), end)

    def parts(date: pl.Expr, name: str) -> list[pl.Expr]:
        month = date.dt.year().cast(pl.Int32) * 12 + date.dt.month().cast(pl.Int32)
        return [
            date.dt.day().cast(pl.Float64).alias(f"{name}_day"),
            date.dt.days_in_month().cast(pl.Float64).alias(f"{name}_days"),
            month.alias(f"{name}_month"),
        ]

    f_day, f_days, f_month = _col("f_day"), _col("f_days"), _col("f_month")
    l_day, l_days, l_month = _col("l_day"), _col("l_days"), _col("l_month")
    spread = (
        (f_days - f_day + 1) / f_days
        + (l_month - f_month - 1).cast(pl.Float64)
        + l_day / l_days
    )
    presence = (
        pl.when(_col("f") > _col("l"))
        .then(pl.lit(0.0))
        .when(f_month == l_month)
        .then((l_day - f_day + 1) / f_days)
        .otherwise(spread)
    )
    return (
        frame.select(start.is_null().alias("none"), first.alias("f"), last.alias("l"))
        .with_columns(*parts(_col("f"), "f"), *parts(_col("l"), "l"))
        .select(pl.when("none").then(None).otherwise(presence).alias("_presence_dates"))
        .to_series()
    )


def derive_presence(
    frame: pl.DataFrame, *, present: frozenset[str], report: ReportBuilder, file: str
) -> pl.DataFrame:
    has_dates = any(column in present for column in DATE_COLUMNS)
    if has_dates:
        frame = frame.with_columns(presence_from_dates(frame, present))
    if "presence_months" in present:
        if has_dates:
            report_rows(
                report,
                frame,
                _col("presence_months") > _col("_presence_dates") + PRESENCE_TOLERANCE,
                key="value.presence_mismatch",
                file=file,
                column="presence_months",
                value=_col("presence_months"),
                row_params={"expected": _col("_presence_dates").round(2)},
            )
            presence = pl.coalesce(_col("presence_months"), _col("_presence_dates"))
        else:
            presence = _col("presence_months")
    elif has_dates:
        presence = _col("_presence_dates")
    else:
        report.add("column.presence_assumed_full_year", file=file)
        presence = pl.lit(12.0)
    return frame.with_columns(presence.cast(pl.Float64).alias("presence_months")).drop(
        "_presence_dates", strict=False
    )


def derive_dates(
    frame: pl.DataFrame, *, present: frozenset[str], report: ReportBuilder, file: str
) -> pl.DataFrame:
    """``present_at_end``, ``hired`` and ``seniority_years`` (§2.3, §2.7)."""
    end, start = _col("_period_end"), _col("_period_start")
    hire = _col("hire_date") if "hire_date" in present else pl.lit(None, pl.Date)
    exit_ = _col("exit_date") if "exit_date" in present else pl.lit(None, pl.Date)
    if any(column in present for column in DATE_COLUMNS):
        at_end = (hire.is_null() | (hire <= end)) & (exit_.is_null() | (exit_ >= end))
        at_end = pl.when(end.is_null()).then(None).otherwise(at_end)
    else:
        at_end = pl.lit(value=True)  # without dates: assumed (indicators add a note)
    hired_from_dates = hire.is_between(start, end)
    if "hired" in present and "hire_date" in present:
        report_rows(
            report,
            frame,
            _col("hired").is_not_null()
            & hired_from_dates.is_not_null()
            & (_col("hired") != hired_from_dates),
            key="value.hired_mismatch",
            file=file,
            column="hired",
            value=_col("hired"),
        )
    hired = _col("hired") if "hired" in present else hired_from_dates
    seniority = (pl.min_horizontal(exit_, end) - hire).dt.total_days() / DAYS_PER_YEAR
    return frame.with_columns(
        at_end.alias("present_at_end"),
        hired.alias("hired"),
        seniority.cast(pl.Float64).alias("seniority_years"),
    )


def check_fte(frame: pl.DataFrame, *, report: ReportBuilder, file: str) -> pl.DataFrame:
    """Zero or negative → error; 1 < fte ≤ 1.5 → capped at 1; above → out of range (§2.4)."""
    fte = _col("fte")
    report_rows(
        report,
        frame,
        fte <= 0,
        key="value.fte_zero",
        file=file,
        column="fte",
        value=fte,
    )
    report_rows(
        report,
        frame,
        fte > FTE_CAP,
        key="value.out_of_range",
        file=file,
        column="fte",
        value=fte,
        params={"range": "0 < fte ≤ 1.5"},
    )
    report_rows(
        report,
        frame,
        (fte > 1) & (fte <= FTE_CAP),
        key="value.fte_capped",
        file=file,
        column="fte",
        value=fte,
    )
    checked = (
        pl.when((fte <= 0) | (fte > FTE_CAP))
        .then(None)
        .otherwise(pl.min_horizontal(fte, 1.0))
    )
    return frame.with_columns(checked.alias("fte"))


def derive_fte_and_hours(
    frame: pl.DataFrame,
    *,
    present: frozenset[str],
    options: Options,
    report: ReportBuilder,
    file: str,
) -> pl.DataFrame:
    """Working-time ratio from paid hours when missing (§2.4); paid hours estimated (§2.5)."""
    monthly = options.full_time_monthly_hours
    presence = _col("presence_months")
    from_hours = (
        pl.min_horizontal(_col("hours_paid") / (monthly * presence), pl.lit(1.0))
        if "hours_paid" in present
        else pl.lit(None, pl.Float64)
    )
    from_hours = (
        pl.when((presence == 0) | presence.is_null()).then(None).otherwise(from_hours)
    )
    if "fte" in present:
        frame = check_fte(frame, report=report, file=file)
        fte = pl.coalesce(_col("fte"), from_hours)
    elif "hours_paid" in present:
        fte = from_hours
    else:
        report.add("column.fte_assumed_full_time", file=file)
        fte = pl.lit(1.0)
    frame = frame.with_columns(fte.cast(pl.Float64).alias("fte"))
    if "hours_paid" not in present:
        report.add("column.hours_estimated", file=file)
        frame = frame.with_columns(
            (_col("fte") * presence * monthly).alias("hours_paid")
        )
    return frame


def annualised(amount: pl.Expr) -> pl.Expr:
    """``X × 12 / (presence_months × fte)`` in float64, in this order; null on 0 (§2.6)."""
    presence, fte = _col("presence_months"), _col("fte")
    value = amount * 12 / (presence * fte)
    return (
        pl.when((presence == 0) | (fte == 0) | presence.is_null() | fte.is_null())
        .then(None)
        .otherwise(value)
    )


def derive_pay(
    frame: pl.DataFrame, *, present: frozenset[str], report: ReportBuilder, file: str
) -> pl.DataFrame:
    """Annualised full-time-equivalent pays (§2.6) and the zero-pay warning (§5.2)."""
    if "base_pay" not in present:
        return frame.with_columns(
            *[pl.lit(None, pl.Float64).alias(name) for name in PAY_FTE_COLUMNS]
        )
    base = _col("base_pay")
    report_rows(
        report,
        frame,
        (base == 0) & (_col("presence_months") > 0),
        key="value.zero_pay",
        file=file,
        column="base_pay",
        value=base,
    )
    if "variable_pay" in present:
        variable = _col("variable_pay")
    else:
        report.add("column.variable_pay_absent", file=file)
        variable = pl.lit(0.0)
    excluded = (
        _col("excluded_pay").fill_null(0.0)
        if "excluded_pay" in present
        else pl.lit(0.0)
    )
    total = base + variable
    return frame.with_columns(
        annualised(base).alias("base_pay_fte"),
        annualised(_col("variable_pay")).alias("variable_pay_fte")
        if "variable_pay" in present
        else pl.lit(None, pl.Float64).alias("variable_pay_fte"),
        annualised(total).alias("pay_fte"),
        annualised(total - excluded).alias("index_pay_fte"),
    )


PAY_FTE_COLUMNS = ("base_pay_fte", "variable_pay_fte", "pay_fte", "index_pay_fte")


def weekly_hours_half_up(fte: float | None, weekly: float) -> float | None:
    """``fte × weekly hours`` rounded half-up to 2 decimals on the shortest repr (§2.7)."""
    if fte is None:
        return None
    exact = Decimal(repr(fte * weekly))
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def derive_working_time(frame: pl.DataFrame, *, options: Options) -> pl.DataFrame:
    """``weekly_hours`` and ``working_time`` (§2.7); rounding on the few distinct ratios."""
    weekly = options.full_time_weekly_hours
    ratios = frame.select(_col("fte").unique().drop_nulls()).to_series()
    hours_of = pl.Series(
        [weekly_hours_half_up(r, weekly) for r in ratios.to_list()], dtype=pl.Float64
    )
    frame = frame.with_columns(
        _col("fte")
        .replace_strict(ratios, hours_of, default=None, return_dtype=pl.Float64)
        .alias("weekly_hours")
    )
    hours = _col("weekly_hours")
    low, high = PART_TIME_BAND
    working_time = (
        pl.when(hours >= weekly)
        .then(pl.lit("full_time"))
        .when(hours.is_between(low, high))
        .then(pl.lit("part_time_20_30"))
        .when(hours.is_not_null())
        .then(pl.lit("part_time_other"))
    )
    return frame.with_columns(working_time.alias("working_time"))


def add_derived(
    frame: pl.DataFrame,
    *,
    present: frozenset[str],
    options: Options,
    report: ReportBuilder,
    file: str,
) -> pl.DataFrame:
    """Every derived column of §1.4 (and the fills of §2), in the order of §2."""
    frame = with_period_bounds(frame, options)
    frame = derive_age(frame, present=present, report=report, file=file)
    frame = derive_presence(frame, present=present, report=report, file=file)
    frame = derive_dates(frame, present=present, report=report, file=file)
    frame = derive_fte_and_hours(
        frame, present=present, options=options, report=report, file=file
    )
    frame = derive_pay(frame, present=present, report=report, file=file)
    return derive_working_time(frame, options=options)

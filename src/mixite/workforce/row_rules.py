"""Row rules of workforce.md §5.2 on the typed canonical frame (vectorised, Polars).

Input: the frame of ``cells.parse_frame`` (canonical columns, ``_source_file``,
``_source_row``, ``_rejected_key``). Output: the accepted rows; every rejected row is
reported and counted once in ``rejected_by_key`` under the first key of the §5.1 order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from mixite.workforce import schema
from mixite.workforce.cells_common import patch
from mixite.workforce.derive import report_rows, with_period_bounds

if TYPE_CHECKING:
    from mixite.workforce.options import Options
    from mixite.workforce.report import ReportBuilder

ID_MAX_CHARS = 64  # §1.2
HOURS_IMPLAUSIBLE = 3000  # §5.2: more paid hours than this is suspicious
REJECT = "_rejected_key"
AMOUNTS = ("base_pay", "variable_pay", "excluded_pay")
# Ranges checked here; fte and age have their own rules in derive (§2.2, §2.4).
RANGE_CHECKED = tuple(
    c
    for c in schema.COLUMNS
    if (c.minimum is not None or c.maximum is not None)
    and not c.amount
    and c.name not in {"fte", "age"}
)
SUMMED_ON_MERGE = (
    *AMOUNTS,
    "hours_paid",
    "training_hours",
    "absence_days",
    "work_accidents",
)


def _col(name: str) -> pl.Expr:
    return pl.col(name)


def _reject_first(frame: pl.DataFrame, mask: pl.Expr, key: str) -> pl.DataFrame:
    """Mark rows matching ``mask`` with ``key`` unless an earlier key rejected them."""
    return frame.with_columns(
        pl.when(_col(REJECT).is_null() & mask.fill_null(value=False))
        .then(pl.lit(key))
        .otherwise(_col(REJECT))
        .alias(REJECT)
    )


def drop_rows_without_identifier(
    frame: pl.DataFrame, *, report: ReportBuilder, file: str
) -> pl.DataFrame:
    """A "Total" line: neither employee_id nor sex, something else (§3.3, a warning)."""
    data = [c for c in frame.columns if not c.startswith("_")]
    no_id = pl.lit(value=True)
    for column in ("employee_id", "sex"):
        if column in frame.columns:
            no_id = no_id & _col(column).is_null()
    no_id = no_id & _col(REJECT).is_null()
    others = [c for c in data if c not in {"employee_id", "sex"}]
    if not others:
        return frame
    skipped = no_id & pl.any_horizontal(_col(c).is_not_null() for c in others)
    n_skipped = frame.select(skipped.sum()).item()
    if n_skipped:
        report_rows(
            report,
            frame,
            skipped,
            key="row.no_identifier_skipped",
            file=file,
            column=None,
        )
        report.reject("row.no_identifier_skipped", n_skipped)
    return frame.filter(~skipped)


def mark_rejections(
    frame: pl.DataFrame,
    *,
    present: frozenset[str],
    period_argument: bool,
    report: ReportBuilder,
    file: str,
) -> pl.DataFrame:
    """Required values, identifier length, sex, period, dates outside the period."""
    sex_unknown = (_col("_cell_reject") == "value.sex_unknown").fill_null(value=False)
    frame = frame.with_columns(
        _col(REJECT).alias("_cell_reject"), pl.lit(None, pl.String).alias(REJECT)
    )
    for column in ("employee_id", "sex"):
        missing = _col(column).is_null() & ~(
            sex_unknown if column == "sex" else pl.lit(value=False)
        )
        missing = missing.fill_null(value=True)
        report_rows(
            report,
            frame,
            missing,
            key="value.required_missing",
            file=file,
            column=column,
        )
        frame = _reject_first(frame, missing, "value.required_missing")
    too_long = _col("employee_id").str.len_chars() > ID_MAX_CHARS
    report_rows(
        report,
        frame,
        too_long,
        key="value.out_of_range",
        file=file,
        column="employee_id",
        value=_col("employee_id"),
        params={"range": f"≤ {ID_MAX_CHARS}"},
    )
    frame = _reject_first(frame, too_long, "value.out_of_range")
    frame = _reject_first(
        frame, _col("_cell_reject") == "value.sex_unknown", "value.sex_unknown"
    )
    if "period" in present and not period_argument:
        no_period = _col("period").is_null()
        report_rows(
            report,
            frame,
            no_period,
            key="value.period_missing",
            file=file,
            column="period",
        )
        frame = _reject_first(frame, no_period, "value.period_missing")
    frame = _reject_not_in_period(frame, present=present, report=report, file=file)
    return frame.drop("_cell_reject")


def _reject_not_in_period(
    frame: pl.DataFrame, *, present: frozenset[str], report: ReportBuilder, file: str
) -> pl.DataFrame:
    outside = pl.lit(value=False)
    if "hire_date" in present:
        outside = outside | (_col("hire_date") > _col("_period_end"))
    if "exit_date" in present:
        outside = outside | (_col("exit_date") < _col("_period_start"))
    outside = outside.fill_null(value=False)
    report_rows(
        report,
        frame,
        outside,
        key="row.not_in_period",
        file=file,
        column=None,
        row_params={"period": _col("period")},
    )
    return _reject_first(frame, outside, "row.not_in_period")


def check_cells(
    frame: pl.DataFrame, *, present: frozenset[str], report: ReportBuilder, file: str
) -> pl.DataFrame:
    """Cell rules: amounts, ranges, dates in order, cross-field (§5.2); cells become null."""
    nulls: dict[str, pl.Expr] = {}
    for name in AMOUNTS:
        if name in present:
            negative = _col(name) < 0
            report_rows(
                report,
                frame,
                negative,
                key="value.negative_amount",
                file=file,
                column=name,
                value=_col(name),
            )
            nulls[name] = negative
    if {"excluded_pay", "base_pay"} <= present:
        total = _col("base_pay") + (
            _col("variable_pay").fill_null(0.0) if "variable_pay" in present else 0.0
        )
        exceeds = (_col("excluded_pay") > total) & ~nulls["excluded_pay"]
        report_rows(
            report,
            frame,
            exceeds,
            key="value.excluded_exceeds_pay",
            file=file,
            column="excluded_pay",
            value=_col("excluded_pay"),
            row_params={"total": total.round(2)},
        )
        nulls["excluded_pay"] = nulls["excluded_pay"] | exceeds
    for column in RANGE_CHECKED:
        if column.name not in present:
            continue
        value = _col(column.name)
        out = pl.lit(value=False)
        if column.minimum is not None:
            out = out | (value < column.minimum)
        if column.maximum is not None:
            out = out | (value > column.maximum)
        report_rows(
            report,
            frame,
            out,
            key="value.out_of_range",
            file=file,
            column=column.name,
            value=value,
            params={"range": _range(column)},
        )
        nulls[column.name] = out
    if "hours_paid" in present:
        report_rows(
            report,
            frame,
            _col("hours_paid") > HOURS_IMPLAUSIBLE,
            key="value.hours_implausible",
            file=file,
            column="hours_paid",
            value=_col("hours_paid"),
        )
    if {"hire_date", "exit_date"} <= present:
        before = _col("exit_date") < _col("hire_date")
        report_rows(
            report,
            frame,
            before,
            key="value.date_order",
            file=file,
            column="exit_date",
            value=_col("exit_date"),
            row_params={"hire": _col("hire_date")},
        )
        nulls["exit_date"] = before
    if "raised_after_leave" in present:
        returned = (
            _col("maternity_return")
            if "maternity_return" in present
            else pl.lit(None, pl.Boolean)
        )
        without = _col("raised_after_leave") & ~returned.fill_null(value=False)
        report_rows(
            report,
            frame,
            without,
            key="value.leave_raise_without_return",
            file=file,
            column="raised_after_leave",
        )
        nulls["raised_after_leave"] = without
    if {"executive", "csp"} <= present:
        report_rows(
            report,
            frame,
            _col("executive") & (_col("csp") != "ic"),
            key="value.executive_not_ic",
            file=file,
            column="executive",
            value=_col("csp"),
        )
    return frame.with_columns(
        pl.when(mask.fill_null(value=False))
        .then(None)
        .otherwise(_col(name))
        .alias(name)
        for name, mask in nulls.items()
    )


def _range(column: schema.Column) -> str:
    low, high = column.minimum, column.maximum
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    return f"≥ {low:g}" if low is not None else f"≤ {high:g}"


def _key(frame: pl.DataFrame) -> list[str]:
    return ["employee_id", "period"] if "period" in frame.columns else ["employee_id"]


def resolve_duplicates(
    frame: pl.DataFrame, *, options: Options, report: ReportBuilder, file: str
) -> pl.DataFrame:
    """Key (employee_id, period) among the rows still accepted (§5.2, duplicates).

    Identical rows share their key, so only the rows whose key repeats among the accepted
    ones are compared column by column: on a file without duplicates, one hash of the key.
    """
    alive = _col(REJECT).is_null()
    # A hash of the key finds the candidates cheaply; a collision only adds a row that the
    # comparison below then keeps.
    hashes = frame.select(
        pl.when(alive).then(pl.struct(*_key(frame)).hash())
    ).to_series()
    accepted = hashes.drop_nulls()
    if accepted.n_unique() == accepted.len():  # far cheaper than is_duplicated
        return frame
    repeated = hashes.is_not_null() & hashes.is_duplicated()
    if options.on_duplicate == "merge":  # rows are combined: the whole frame is rebuilt
        return _resolve_among(frame, options=options, report=report, file=file)
    at = repeated.arg_true()
    resolved = _resolve_among(frame[at], options=options, report=report, file=file)
    return frame.with_columns(patch(frame[REJECT], at, resolved[REJECT]))


def _resolve_among(
    frame: pl.DataFrame, *, options: Options, report: ReportBuilder, file: str
) -> pl.DataFrame:
    data = [c for c in frame.columns if not c.startswith("_")]
    key = _key(frame)
    alive = _col(REJECT).is_null()
    first_exact = (
        pl.col("_source_row").min().over(data)
    )  # identical rows: the first kept
    frame = frame.with_columns(
        pl.when(alive).then(first_exact).alias("_first_exact"),
    )
    exact = alive & (_col("_source_row") != _col("_first_exact"))
    report_rows(
        report,
        frame,
        exact,
        key="row.duplicate_exact",
        file=file,
        column=None,
        row_params={"first_row": _col("_first_exact")},
    )
    frame = _reject_first(frame, exact, "row.duplicate_exact")
    alive = _col(REJECT).is_null()
    groups = (
        frame.filter(alive)
        .group_by(key)
        .agg(
            pl.len().alias("_n"),
            pl.col("_source_row").min().alias("_first_row"),
            pl.col("_source_row").max().alias("_last_row"),
        )
    )
    frame = frame.join(
        groups, on=key, how="left", nulls_equal=True, maintain_order="left"
    )
    if options.on_duplicate == "merge":
        return _merge(frame, key=key, report=report, file=file)
    keep = "_last_row" if options.on_duplicate == "keep_last" else "_first_row"
    later = alive & (_col("_n") > 1) & (_col("_source_row") != _col(keep))
    report_rows(
        report,
        frame,
        later,
        key="row.duplicate_key",
        file=file,
        column="employee_id",
        value=_col("employee_id"),
        params={"on_duplicate": options.on_duplicate},
        row_params={
            "employee_id": _col("employee_id"),
            "period": _col("period") if "period" in frame.columns else pl.lit(""),
            "first_row": _col(keep),
        },
    )
    return _reject_first(frame, later, "row.duplicate_key").drop(
        "_n", "_first_row", "_last_row", "_first_exact"
    )


def _merge(
    frame: pl.DataFrame, *, key: list[str], report: ReportBuilder, file: str
) -> pl.DataFrame:
    """``on_duplicate = "merge"``: combine a key's rows as the DSN combines contracts (§6.6)."""
    alive = _col(REJECT).is_null()
    merged_away = alive & (_col("_n") > 1)
    groups = frame.filter(merged_away)
    if groups.height == 0:
        return frame.drop("_n", "_first_row", "_last_row", "_first_exact")
    data = [c for c in frame.columns if not c.startswith("_")]
    # The row giving the other columns: latest exit_date (null counts as latest), then later.
    order_exit = (
        _col("exit_date").fill_null(pl.date(9999, 12, 31))
        if "exit_date" in data
        else pl.lit(0)
    )
    groups = groups.with_columns(order_exit.alias("_exit_order")).sort(
        ["_exit_order", "_source_row"]
    )
    aggregations: list[pl.Expr] = []
    for name in data:
        if name in key:
            continue
        column = schema.BY_NAME.get(name)
        if name in SUMMED_ON_MERGE:
            aggregations.append(pl.col(name).sum().alias(name))
        elif name == "presence_months":
            aggregations.append(pl.col(name).sum().clip(upper_bound=12.0).alias(name))
        elif name == "fte" and "presence_months" in data:
            weights = _col("presence_months")
            aggregations.append(
                ((_col("fte") * weights).sum() / weights.sum()).alias(name)
            )
        elif column is not None and column.type == schema.ColumnType.BOOL:
            aggregations.append(_col(name).any(ignore_nulls=True).alias(name))
        elif name == "hire_date":
            aggregations.append(_col(name).min().alias(name))
        else:
            aggregations.append(_col(name).last().alias(name))
    merged = groups.group_by(key, maintain_order=True).agg(
        *aggregations,
        _col("_source_row").min().alias("_source_row"),
        _col("_source_file").first().alias("_source_file"),
        pl.len().alias("_count"),
        _col("_period_start").first().alias("_period_start"),
        _col("_period_end").first().alias("_period_end"),
    )
    for row in merged.select(
        "_source_row", "employee_id", "_count", *(["period"] if "period" in key else [])
    ).iter_rows(named=True):
        report.add(
            "row.duplicate_merged",
            file=file,
            row=row["_source_row"],
            employee_id=row["employee_id"],
            period=row.get("period", ""),
            count=row["_count"],
        )
    n_away = groups.height - merged.height
    report.reject("row.duplicate_merged", n_away)
    rest = frame.filter(~merged_away).drop(
        "_n", "_first_row", "_last_row", "_first_exact"
    )
    merged = merged.with_columns(pl.lit(None, pl.String).alias(REJECT)).drop("_count")
    return pl.concat([rest, merged.select(rest.columns)], how="vertical_relaxed").sort(
        "_source_row"
    )


def check_rows(
    frame: pl.DataFrame,
    *,
    present: frozenset[str],
    options: Options,
    report: ReportBuilder,
    file: str,
    period_argument: bool,
) -> pl.DataFrame:
    """Every rule of §5.2; returns the accepted rows (with ``_period_start``/``_end``)."""
    frame = with_period_bounds(frame, options)
    frame = drop_rows_without_identifier(frame, report=report, file=file)
    frame = mark_rejections(
        frame,
        present=present,
        period_argument=period_argument,
        report=report,
        file=file,
    )
    frame = check_cells(frame, present=present, report=report, file=file)
    frame = resolve_duplicates(frame, options=options, report=report, file=file)
    for key, count in (
        frame.filter(_col(REJECT).is_not_null()).group_by(REJECT).len().iter_rows()
    ):
        report.reject(key, count)
    return frame.filter(_col(REJECT).is_null()).drop(REJECT)

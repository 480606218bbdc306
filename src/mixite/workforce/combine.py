"""Several inputs (workforce.md §3.7): tabular files put together, DSN rows completed.

Several tabular files are each mapped and parsed, then concatenated before the row rules, so
that duplicates across files obey §5.2. The row rules locate their messages by row number
only; while they run, each ``_source_row`` is *encoded* as ``file index × ROW_STRIDE + row``
and :class:`FileRowReport` turns the number back into the file and row the user sees (a
``first_row`` in another file reads ``12 (a.csv)``).

A complements file completes DSN rows on (``employee_id``, ``period``), or on
``employee_id`` alone when it has no period column: it fills null DSN values only; a
different non-null value keeps the DSN value (``merge.conflict``); a complement row without
DSN row is ignored (``merge.unmatched``); a later complement row of the same key is ignored
(``row.duplicate_key``). Complement rows are not counted in the report's ``rows``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import polars as pl

from mixite.workforce import schema
from mixite.workforce.cells import SOURCE_FILE, SOURCE_ROW
from mixite.workforce.report import MappingInfo, ReportBuilder

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "ROW_STRIDE",
    "FileRowReport",
    "concat_encoded",
    "decode_rows",
    "merge_complements",
    "merged_mapping",
]

ROW_STRIDE: Final = 1 << 32  # more rows than any one file holds


def concat_encoded(frames: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """The frames one after the other, ``_source_row`` encoded by file index."""
    parts = [
        frame.with_columns((pl.col(SOURCE_ROW) + i * ROW_STRIDE).alias(SOURCE_ROW))
        for i, frame in enumerate(frames)
    ]
    return pl.concat(parts, how="diagonal_relaxed")


def decode_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """``_source_row`` back to the row number of its own file."""
    return frame.with_columns(pl.col(SOURCE_ROW) % ROW_STRIDE)


class FileRowReport(ReportBuilder):
    """A builder that reads encoded row numbers as (file, row) while ``files`` is set."""

    def __init__(self, *, column_order: Sequence[str] | None = None) -> None:
        super().__init__(column_order=column_order)
        self.files: tuple[str, ...] = ()

    def _locate(self, row: int) -> tuple[str, int]:
        return self.files[row // ROW_STRIDE], row % ROW_STRIDE

    def _first_row(self, params: Mapping[str, object], file: str) -> dict[str, object]:
        shown = dict(params)
        first = shown.get("first_row")
        if first is not None and str(first).isdigit():
            first_file, first_row = self._locate(int(str(first)))
            same = first_file == file
            shown["first_row"] = (
                str(first_row) if same else f"{first_row} ({first_file})"
            )
        return shown

    def add(
        self,
        key: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        source_column: str | None = None,
        rubric: str | None = None,
        value: object = None,
        **params: object,
    ) -> None:
        if self.files and row is not None:
            file, row = self._locate(row)
            params = self._first_row(params, file)
        super().add(
            key,
            file=file,
            row=row,
            column=column,
            source_column=source_column,
            rubric=rubric,
            value=value,
            **params,
        )

    def add_many(
        self,
        key: str,
        *,
        file: str | None,
        column: str | None,
        rows: Sequence[int | None] | pl.Series,
        values: Sequence[object] | pl.Series,
        source_column: str | None = None,
        params: Mapping[str, object] | None = None,
        params_per_row: Sequence[Mapping[str, object]] | None = None,
    ) -> None:
        if not self.files:
            super().add_many(
                key,
                file=file,
                column=column,
                rows=rows,
                values=values,
                source_column=source_column,
                params=params,
                params_per_row=params_per_row,
            )
            return
        encoded = pl.Series(list(rows) if not isinstance(rows, pl.Series) else rows)
        index = (encoded.cast(pl.Int64) // ROW_STRIDE).to_list()
        groups: dict[int | None, list[int]] = {}
        for position, which in enumerate(index):
            groups.setdefault(which, []).append(position)
        for which, positions in groups.items():
            own = file if which is None else self.files[which]
            per_row = None
            if params_per_row is not None:
                per_row = [
                    self._first_row(params_per_row[p], own or "") for p in positions
                ]
            super().add_many(
                key,
                file=own,
                column=column,
                rows=[
                    None if which is None else int(encoded[p]) % ROW_STRIDE
                    for p in positions
                ],
                values=[values[p] for p in positions],
                source_column=source_column,
                params=params,
                params_per_row=per_row,
            )


def merged_mapping(infos: Sequence[MappingInfo]) -> MappingInfo:
    """One mapping for several files: each column's first source, what none of them has."""
    columns: dict[str, tuple[str, str]] = {}
    for info in infos:
        for name, source in info.columns.items():
            columns.setdefault(name, source)
    order = [c.name for c in schema.COLUMNS if c.name in columns]
    missing = set.intersection(*(set(info.missing_optional) for info in infos))
    return MappingInfo(
        columns={name: columns[name] for name in order},
        ignored_columns=tuple(i for info in infos for i in info.ignored_columns),
        missing_optional=tuple(c.name for c in schema.COLUMNS if c.name in missing),
        options=infos[0].options,
    )


# --- complements --------------------------------------------------------------------------

_COMPLEMENT_FILE, _COMPLEMENT_ROW = "_complement_file", "_complement_row"


def _report_rows(
    report: ReportBuilder,
    key: str,
    rows: pl.DataFrame,
    *,
    column: str | None,
    value: str | None = None,
    params: Mapping[str, str] | None = None,
) -> None:
    """One message per row of ``rows`` (complement rows, located by their own file)."""
    for file in rows[SOURCE_FILE].unique(maintain_order=True).to_list():
        own = rows.filter(pl.col(SOURCE_FILE) == file)
        report.add_many(
            key,
            file=file,
            column=column,
            rows=own[SOURCE_ROW],
            values=own[value].cast(pl.String) if value else [None] * own.height,
            params_per_row=(
                [
                    {
                        name: "" if v is None else str(v)
                        for name, v in zip(params, vs, strict=True)
                    }
                    for vs in own.select(list(params.values())).iter_rows()
                ]
                if params
                else None
            ),
        )


def _usable_complements(
    complements: pl.DataFrame, keys: list[str], report: ReportBuilder
) -> pl.DataFrame:
    """Complement rows with an id, one per key (later ones: ``row.duplicate_key``)."""
    no_id = complements["employee_id"].is_null()
    _report_rows(
        report,
        "value.required_missing",
        complements.filter(no_id),
        column="employee_id",
    )
    rows = complements.filter(~no_id).with_columns(
        pl.col(SOURCE_ROW).first().over(keys).alias("_first_row")
    )
    later = rows.filter(pl.col(SOURCE_ROW) != pl.col("_first_row"))
    params = {"employee_id": "employee_id", "first_row": "_first_row"}
    params["period"] = "period" if "period" in keys else "_no_period"
    _report_rows(
        report,
        "row.duplicate_key",
        later.with_columns(pl.lit(None, pl.String).alias("_no_period")),
        column="employee_id",
        value="employee_id",
        params=params,
    )
    return rows.filter(pl.col(SOURCE_ROW) == pl.col("_first_row")).drop("_first_row")


def merge_complements(
    dsn: pl.DataFrame,
    complements: pl.DataFrame,
    *,
    columns: Sequence[str],
    report: ReportBuilder,
) -> pl.DataFrame:
    """DSN rows with their null values filled from the complement rows (§3.7).

    ``columns``: the canonical columns the complements file gives (its mapping).
    """
    keys = ["employee_id", "period"] if "period" in columns else ["employee_id"]
    usable = _usable_complements(complements, keys, report)
    unmatched = usable.join(dsn.select(keys).unique(), on=keys, how="anti")
    _report_rows(
        report,
        "merge.unmatched",
        unmatched,
        column="employee_id",
        value="employee_id",
        params={"employee_id": "employee_id"},
    )
    given = [c for c in columns if c not in keys and c in dsn.columns]
    right = usable.select(
        *keys,
        *(pl.col(c).cast(dsn.schema[c]).alias(f"{c}_c") for c in given),
        pl.col(SOURCE_FILE).alias(_COMPLEMENT_FILE),
        pl.col(SOURCE_ROW).alias(_COMPLEMENT_ROW),
    )
    joined = dsn.join(right, on=keys, how="left", maintain_order="left")
    for name in given:
        ours, theirs = pl.col(name), pl.col(f"{name}_c")
        conflict = joined.filter(
            ours.is_not_null() & theirs.is_not_null() & (ours != theirs)
        ).select(
            pl.col(_COMPLEMENT_FILE).alias(SOURCE_FILE),
            pl.col(_COMPLEMENT_ROW).alias(SOURCE_ROW),
            ours.cast(pl.String).alias("_dsn"),
            theirs.cast(pl.String).alias("_other"),
        )
        _report_rows(
            report,
            "merge.conflict",
            conflict,
            column=name,
            value="_dsn",
            params={"other": "_other"},
        )
        joined = joined.with_columns(pl.coalesce(ours, theirs).alias(name))
    return joined.drop(
        *(f"{c}_c" for c in given), _COMPLEMENT_FILE, _COMPLEMENT_ROW
    ).select(dsn.columns)

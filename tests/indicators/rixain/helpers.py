"""Small workforce tables for the Rixain tests: one row per person, canonical columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import ibis
import polars as pl

import mixite

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date

    from mixite.workforce.load import Workforce

SCHEMA: dict[str, pl.DataType] = {
    "employee_id": pl.String(),
    "period": pl.Int64(),
    "sex": pl.String(),
    "contract": pl.String(),
    "hire_date": pl.Date(),
    "exit_date": pl.Date(),
    "presence_months": pl.Float64(),
    "executive": pl.Boolean(),
    "governing_body": pl.Boolean(),
    "executive_months": pl.Float64(),
    "governing_body_months": pl.Float64(),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    sex: str
    executive: bool | None = False
    governing_body: bool | None = False
    presence_months: float | None = 12.0
    executive_months: float | None = None
    governing_body_months: float | None = None
    contract: str | None = "permanent"
    hire_date: date | None = None
    exit_date: date | None = None
    period: int | None = 2025


def role_members(
    women: Iterable[float], men: Iterable[float], *, role: str = "executive"
) -> list[Person]:
    """Members of one role weighing the given months (through ``presence_months``)."""
    return [
        Person(sex=sex, presence_months=months, **{role: True})  # type: ignore[arg-type]
        for sex, weights in (("F", women), ("M", men))
        for months in weights
    ]


def frame(people: Sequence[Person], *, drop: Iterable[str] = ()) -> pl.DataFrame:
    """The people as a canonical frame, ids P001…, without the ``drop`` columns."""
    rows = [
        {
            "employee_id": f"P{index:03d}",
            **{name: getattr(person, name) for name in SCHEMA if name != "employee_id"},
        }
        for index, person in enumerate(people, start=1)
    ]
    data = pl.DataFrame(rows, schema=SCHEMA)
    return data.drop([name for name in drop if name in data.columns])


def load(
    people: Sequence[Person], *, drop: Iterable[str] = (), period: int | None = None
) -> Workforce:
    return mixite.load(frame(people, drop=drop), period=period)


def on_polars(workforce: Workforce) -> ibis.Table:
    """The loaded table on the Polars backend (STYLE.md §3)."""
    connection = ibis.polars.connect()
    return connection.create_table("wf", workforce.to_polars())

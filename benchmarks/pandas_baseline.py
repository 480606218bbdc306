"""A plain pandas implementation of the Index's and the directive's aggregates.

The baseline of ``bench_indicators.py``: what an analyst would write by hand with pandas on
the same Parquet file — read the columns needed, filter the populations, group by, means,
medians, quartile bands. It computes the same aggregates as the engine's row stages
(egapro.md §4–§5, directive.md §2–§7) without the engine's guarantees (exact sums, official
rounding, reason codes, reports), so it is a lower bound on the work, not a reference for
the values.

It is not a benchmark module itself (its name does not start with ``bench_``); the runner
never loads it, ``bench_indicators.py`` imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no types

if TYPE_CHECKING:
    from pathlib import Path

INDEX_EXCLUDED: Final = (
    "apprentice",
    "professionalisation",
    "intern",
    "temp_agency",
    "expatriate",
)
DIRECTIVE_EXCLUDED: Final = ("intern", "temp_agency")
MONTHLY_HOURS: Final = 151.67
MIN_PRESENCE_MONTHS: Final = 6
AGE_BREAKS: Final = (0, 30, 40, 50, 200)  # bands :29, 30:39, 40:49, 50:
AGE_LABELS: Final = (":29", "30:39", "40:49", "50:")
N_TOP: Final = 10
N_QUARTILES: Final = 4
COLUMNS: Final = (
    "employee_id",
    "sex",
    "period",
    "birth_date",
    "csp",
    "job_category",
    "contract",
    "presence_months",
    "fte",
    "hours_paid",
    "base_pay",
    "variable_pay",
    "excluded_pay",
    "raised",
    "promoted",
)

Aggregates = dict[str, pd.DataFrame]


def read(path: Path) -> pd.DataFrame:
    """The columns both frameworks need, of the latest period."""
    frame = pd.read_parquet(path, columns=list(COLUMNS))
    return frame[frame["period"] == frame["period"].max()]


def index_aggregates(frame: pd.DataFrame) -> Aggregates:
    """Headcounts and mean FTE pay by CSP × age band × sex; rates by CSP × sex; top 10."""
    kept = frame[
        ~frame["contract"].isin(INDEX_EXCLUDED)
        & (frame["presence_months"] >= MIN_PRESENCE_MONTHS)
    ].copy()
    end = pd.Timestamp(year=int(kept["period"].max()), month=12, day=31)
    birth = pd.to_datetime(kept["birth_date"])
    before_birthday = (birth.dt.month * 100 + birth.dt.day) > (
        end.month * 100 + end.day
    )
    kept["age"] = end.year - birth.dt.year - before_birthday.astype(int)
    kept["age_band"] = pd.cut(kept["age"], AGE_BREAKS, right=False, labels=AGE_LABELS)
    pay = kept["base_pay"] + kept["variable_pay"] - kept["excluded_pay"].fillna(0.0)
    kept["index_pay_fte"] = pay * 12 / (kept["presence_months"] * kept["fte"])
    cells = kept.groupby(["csp", "age_band", "sex"], observed=False).agg(
        n=("employee_id", "size"), mean_pay=("index_pay_fte", "mean")
    )
    rates = kept.groupby(["csp", "sex"]).agg(
        n=("employee_id", "size"),
        raised=("raised", "mean"),
        promoted=("promoted", "mean"),
    )
    top = kept.nlargest(N_TOP, "index_pay_fte")[["employee_id", "sex", "index_pay_fte"]]
    return {"cells": cells, "rates": rates, "top10": top}


def _quartile_bands(values: pd.Series, sexes: pd.Series) -> pd.DataFrame:
    order = np.argsort(values.to_numpy(), kind="stable")
    n = len(order)
    bands = np.empty(n, dtype=np.int64)
    bands[order] = (N_QUARTILES * np.arange(n)) // max(n, 1)
    return pd.crosstab(bands, sexes.to_numpy())


def directive_aggregates(frame: pd.DataFrame) -> Aggregates:
    """Mean and median annual and hourly pay by sex, variable pay among beneficiaries and
    its share, quartile bands, and the category table (job_category × sex)."""
    kept = frame[
        ~frame["contract"].isin(DIRECTIVE_EXCLUDED)
        & (frame["presence_months"] > 0)
        & frame["base_pay"].notna()
    ].copy()
    kept["pay"] = kept["base_pay"] + kept["variable_pay"]
    kept = kept[kept["pay"] > 0]
    hours = kept["hours_paid"].where(
        kept["hours_paid"].notna(),
        kept["fte"] * kept["presence_months"] * MONTHLY_HOURS,
    )
    kept["hourly_pay"] = kept["pay"] / hours
    kept["hourly_base"] = kept["base_pay"] / hours
    kept["hourly_variable"] = kept["variable_pay"] / hours
    by_sex = kept.groupby("sex")
    pay = by_sex[["pay", "hourly_pay"]].agg(["mean", "median"])
    beneficiaries = kept[kept["variable_pay"] > 0]
    variable = beneficiaries.groupby("sex")[["variable_pay", "hourly_variable"]].agg(
        ["mean", "median"]
    )
    share = by_sex["variable_pay"].agg(lambda v: (v > 0).mean()).to_frame("share")
    quartiles = {
        basis: _quartile_bands(kept[basis], kept["sex"])
        for basis in ("pay", "hourly_pay")
    }
    categories = kept.groupby(["job_category", "sex"]).agg(
        n=("employee_id", "size"),
        base=("base_pay", "mean"),
        variable=("variable_pay", "mean"),
        hourly_base=("hourly_base", "mean"),
        hourly_variable=("hourly_variable", "mean"),
    )
    return {
        "pay": pay,
        "variable": variable,
        "variable_share": share,
        "quartiles_annual": quartiles["pay"],
        "quartiles_hourly": quartiles["hourly_pay"],
        "categories": categories,
    }


def aggregates(path: Path) -> Aggregates:
    """Read once, then both frameworks' aggregates (what the benchmark times)."""
    frame = read(path)
    return index_aggregates(frame) | directive_aggregates(frame)

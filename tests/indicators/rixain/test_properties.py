"""Rixain results do not depend on the backend nor on the row order (STYLE.md §3, §6)."""

from __future__ import annotations

import itertools
import math
from datetime import date
from fractions import Fraction

import ibis
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from mixite.indicators import rixain
from tests.indicators.rixain.helpers import Person, frame, load, on_polars

DUCKDB = ibis.duckdb.connect()
POLARS = ibis.polars.connect()
_names = (f"t{n}" for n in itertools.count())

people_strategy = st.lists(
    st.builds(
        Person,
        sex=st.sampled_from(["F", "M"]),
        executive=st.booleans(),
        governing_body=st.booleans(),
        presence_months=st.sampled_from(
            [0.0, 4.0, 5.967741935483871, 7.25, 11.5, 12.0]
        ),
        executive_months=st.sampled_from([None, 0.0, 3.5, 5.99, 6.0, 12.0]),
        governing_body_months=st.sampled_from([None, 0.0, 2.345, 12.0]),
        hire_date=st.sampled_from([None, date(2025, 7, 2), date(2023, 5, 1)]),
        exit_date=st.sampled_from([None, date(2025, 8, 31)]),
    ),
    max_size=12,
)


def loaded_table(people: list[Person], connection: ibis.BaseBackend) -> ibis.Table:
    """A table as the loader leaves it (its derived columns present), built directly."""
    data = frame(people).with_columns(
        fte=pl.lit(1.0),
        index_pay_fte=pl.lit(None, pl.Float64),
        _source_row=pl.int_range(2, len(people) + 2, dtype=pl.Int64),
    )
    return connection.create_table(next(_names), data)


@settings(max_examples=60, deadline=None)
@given(people=people_strategy, data=st.data())
def test_row_order_does_not_matter(people: list[Person], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(people))
    first = rixain.compute(loaded_table(people, DUCKDB), workforce_range="1000:")
    second = rixain.compute(loaded_table(shuffled, DUCKDB), workforce_range="1000:")
    # Row numbers differ after shuffling; every published value is the same.
    assert first.to_dict() == second.to_dict()
    for part in ("executives", "governing_body"):
        one, other = getattr(first, part), getattr(second, part)
        assert (one.women_months, one.total_months) == (
            other.women_months,
            other.total_months,
        )


@settings(max_examples=25, deadline=None)
@given(people=people_strategy)
def test_backends_agree_on_random_tables(people: list[Person]) -> None:
    on_duckdb = rixain.compute(loaded_table(people, DUCKDB))
    on_polars_ = rixain.compute(loaded_table(people, POLARS))
    assert on_duckdb == on_polars_  # every field, exact sums and band estimate included


def test_backends_agree_on_a_loaded_file() -> None:
    people = [
        Person(
            sex="F", executive=True, hire_date=date(2025, 7, 2), presence_months=None
        ),
        Person(sex="F", executive=True, executive_months=3.5),
        Person(sex="M", executive=True, presence_months=9.0),
        Person(sex="M", executive=True, governing_body=True),
        Person(
            sex="F", governing_body=True, governing_body_months=7.5, contract="other"
        ),
        Person(sex="M", contract="apprentice"),
    ]
    workforce = load(people)
    on_duckdb = rixain.compute(workforce.table)
    on_polars_ = rixain.compute(on_polars(workforce))
    assert on_duckdb.to_dict() == on_polars_.to_dict()
    assert on_duckdb == on_polars_
    assert on_duckdb == rixain.compute(workforce.table)  # deterministic


@settings(max_examples=30, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(
                [0.1, 0.7, 1 / 3, 5.967741935483871, 11.999999999999998, 12.0]
            ),
            st.sampled_from([0.1, 0.8, 1.0, 1 / 3]),
            st.sampled_from(["permanent", "apprentice", "intern", None]),
        ),
        max_size=40,
    )
)
def test_the_workforce_estimate_is_the_exact_sum(
    rows: list[tuple[float, float, str | None]],
) -> None:
    """egapro.md §1.4: Σ fte × presence rounded once to a double, / 12, half up."""
    people = [Person(sex="F", presence_months=p, contract=c) for p, _, c in rows]
    ftes = pl.Series([fte for _, fte, _ in rows], dtype=pl.Float64)
    kept = [fte * p for p, fte, c in rows if c not in {"apprentice", "intern"}]
    expected = rixain.half_up(Fraction(math.fsum(kept)) / 12)
    for connection in (DUCKDB, POLARS):
        data = frame(people).with_columns(
            fte=ftes, index_pay_fte=pl.lit(None, pl.Float64)
        )
        table = connection.create_table(next(_names), data)
        assert rixain.estimate_workforce(table) == expected

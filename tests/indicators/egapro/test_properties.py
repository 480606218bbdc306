"""Properties of the Index: employee and aggregated paths agree (§5.9), backends agree,
row order does not matter."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixite.indicators import egapro
from tests.indicators.egapro.helpers import round_trip, trusted_table

CONTRACTS = ("permanent", "permanent", "permanent", "fixed_term", "apprentice", None)
PRESENCES = (12.0, 12.0, 12.0, 9.5, 6.0, 5.999, 4.0)


@st.composite
def employee(draw: st.DrawFn, csp: str, age: int, sex: str, pay: int) -> dict[str, Any]:
    presence = draw(st.sampled_from(PRESENCES))
    fte = draw(st.sampled_from([1.0, 1.0, 0.8, 0.5]))
    base = (pay + draw(st.integers(-300_000, 300_000))) / 100
    variable = draw(st.sampled_from([0.0, 412.37, 1_200.0]))
    returned = draw(st.sampled_from([False, False, False, True]))
    return {
        "sex": sex,
        "period": 2025,
        "age": age + draw(st.integers(0, 3)),
        "csp": csp,
        "contract": draw(st.sampled_from(CONTRACTS)),
        "presence_months": presence,
        "fte": fte,
        "base_pay": base,
        "variable_pay": variable,
        "index_pay_fte": (base + variable) * 12 / (presence * fte),
        "raised": draw(st.booleans()),
        "promoted": draw(st.sampled_from([False, False, True])),
        "maternity_return": returned,
        "raised_after_leave": draw(st.sampled_from([None, True, True, False]))
        if returned
        else None,
    }


@st.composite
def workforce(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A small company made of a few groups (CSP × age, women and men, a pay level)."""
    people: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 5))):
        csp = draw(st.sampled_from(["ouv", "emp", "tam", "ic"]))
        age = draw(st.sampled_from([22, 31, 44, 55]))
        pay = draw(st.integers(2_000_000, 6_000_000))
        for sex in "FM":
            n = draw(st.integers(0, 14))
            gap = draw(st.integers(-400_000, 400_000)) if sex == "F" else 0
            people += [draw(employee(csp, age, sex, pay + gap)) for _ in range(n)]
    return [{"employee_id": f"E{i:03d}", **person} for i, person in enumerate(people)]


BANDS = st.sampled_from(["50:250", "251:999", "1000:"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=workforce(), band=BANDS)
def test_employee_and_aggregated_paths_give_the_same_indicators(
    rows: list[dict[str, Any]], band: str
) -> None:
    round_trip(egapro.compute(trusted_table(rows), workforce_range=band))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=workforce(), band=BANDS)
def test_backends_and_row_order_do_not_matter(
    rows: list[dict[str, Any]], band: str
) -> None:
    on_duckdb = egapro.compute(trusted_table(rows), workforce_range=band).to_dict()
    on_polars = egapro.compute(trusted_table(rows, "polars"), workforce_range=band)
    assert on_polars.to_dict() == on_duckdb
    reversed_rows = egapro.compute(trusted_table(rows[::-1]), workforce_range=band)
    assert reversed_rows.to_dict() == on_duckdb

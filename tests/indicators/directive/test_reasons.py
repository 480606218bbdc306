"""Reason codes and warnings of §13, options and shared views (§12), DIR-21."""

from __future__ import annotations

from typing import Any

import pytest

from mixite.indicators import directive
from tests.indicators.directive.helpers import codes, dir01_rows, person, table


def test_no_women_and_no_men() -> None:
    only_men = [person("M1", "M", 30000), person("M2", "M", 31000)]
    data = directive.compute(table(only_men)).to_dict()["indicators"]
    assert data["A"]["annual"]["reason"] == "no_women"
    assert data["C"]["hourly"]["reason"] == "no_women"
    assert data["A"]["annual"]["men"] == {
        "n": 2,
        "value": 30500.0,
    }  # what exists is kept
    assert data["E"]["reason"] == "no_women"
    only_women = [person("F1", "F", 30000, category="Cadres")]
    result = directive.compute(table(only_women)).to_dict()["indicators"]
    assert result["B"]["annual"]["reason"] == "no_men"
    assert (result["G"]["reason"], result["G"]["categories"]) == ("no_men", [])
    assert result["G"]["alert"]["max_gap"] is None


def test_no_hours_before_the_other_reasons() -> None:
    rows = [person("F1", "F", 30000, hours=None), person("M1", "M", 31000, hours=0.0)]
    result = directive.compute(table(rows)).to_dict()
    for letter in "ABCD":
        assert result["indicators"][letter]["hourly"]["reason"] == "no_hours"
    assert result["indicators"]["F"]["hourly"]["reason"] == "no_hours"
    assert result["population"]["excluded"]["missing_hours"] == 2


def test_category_without_women_and_hourly_no_hours() -> None:
    rows = [
        person("F1", "F", 30000, category="A"),
        person("M1", "M", 31000, category="A", hours=None),
        person("M2", "M", 32000, category="B"),
    ]
    g = directive.compute(table(rows)).to_dict()["indicators"]["G"]
    a, b = g["categories"]
    assert a["measures"]["hourly_base"]["reason"] == "no_men"  # no man with hours in A
    assert {m["reason"] for m in b["measures"].values()} == {"no_women"}
    assert b["small_cell"] is True


def test_period_defaulted_to_latest_and_unknown_period() -> None:
    rows = [*dir01_rows(), person("OLD", "F", 1000, period=2025)]
    data = directive.compute(table(rows)).to_dict()
    assert data["period"] == 2026
    assert data["warnings"][0] == {
        "code": "period_defaulted_to_latest",
        "indicator": None,
        "detail": {"period": 2026},
    }
    assert data["population"]["excluded"]["other_period"] == 1
    chosen = directive.compute(table(rows), period=2025).to_dict()
    assert ("period_defaulted_to_latest", None) not in codes(chosen)
    with pytest.raises(ValueError, match="period=2024"):
        directive.compute(table(rows), period=2024)


def test_few_women_and_few_men() -> None:
    rows = [
        person("F1", "F", 30000, 100),
        *[person(f"M{i}", "M", 31000 + i) for i in range(4)],
    ]
    data = directive.compute(table(rows)).to_dict()
    warnings = [w for w in data["warnings"] if w["code"] in ("few_women", "few_men")]
    assert warnings[:2] == [
        {"code": "few_women", "indicator": "A", "detail": {"basis": "annual", "n": 1}},
        {"code": "few_women", "indicator": "A", "detail": {"basis": "hourly", "n": 1}},
    ]
    assert all(w["code"] == "few_women" for w in warnings)  # B/D: no man beneficiary


def test_extreme_hourly_rates_and_unassigned_rows() -> None:
    rows = [
        *dir01_rows(),
        person("X1", "F", 30000, hours=5.0, category=None),
        person("X2", "M", 1000, hours=1000.0, category=None),
    ]
    data = directive.compute(table(rows)).to_dict()
    assert {"code": "extreme_hourly_rates", "indicator": None,
            "detail": {"count": 2, "below_3": 1, "above_1000": 1}} in data["warnings"]  # fmt: skip
    assert {
        "code": "g_unassigned_rows",
        "indicator": "G",
        "detail": {"rows": 2},
    } in data["warnings"]
    assert data["indicators"]["G"]["unassigned"] == 2


def test_warnings_are_in_the_order_of_section_13() -> None:
    rows = [
        *dir01_rows(),
        person("OLD", "F", 1000, period=2025),
        person("X1", "F", 30000, hours=5.0, category=None),
    ]
    order = [
        code for code, _ in codes(directive.compute(table(rows), min_cell=4).to_dict())
    ]
    assert order[:2] == ["period_defaulted_to_latest", "extreme_hourly_rates"]
    assert order[-1] == "workforce_estimated"
    result = directive.compute(table(rows), min_cell=4).to_dict()
    letters = [i or "" for _, i in codes(result)][2:-1]
    assert letters == sorted(letters)


def test_options_are_validated_with_their_name() -> None:
    t = table(dir01_rows())
    options: tuple[tuple[str, Any], ...] = (
        ("hourly_from", "days"), ("quartile_ties", "random"), ("direction", "signed"),
        ("variable_population", "some"), ("g_alert", "none"), ("regime", "uk"),
    )  # fmt: skip
    for option, value in options:
        with pytest.raises(ValueError, match=option):
            directive.compute(t, **{option: value})
    with pytest.raises(ValueError, match="min_cell"):
        directive.compute(t, min_cell=2)
    with pytest.raises(ValueError, match="direction"):
        directive.gap(1, 2, direction="up")  # type: ignore[arg-type]


def test_contracts_excluded_pay_and_hours_from_fte() -> None:
    rows = dir01_rows()
    rows[0] = {**rows[0], "contract": "fixed_term", "excluded_pay": 8000.0}
    base = directive.compute(table(rows))
    assert base.population.rows_used == 12
    without = directive.compute(table(rows), exclude_contracts=["fixed_term"])
    assert (without.population.excluded or {})["contract"] == 1
    subtracted = directive.compute(table(rows), subtract_excluded_pay=True)
    assert subtracted.indicators.A.annual.women.value == 35750.0 - 8000 / 6
    fte = directive.compute(table(rows), hourly_from="fte")
    hourly = fte.indicators.A.hourly
    assert hourly.women.value == pytest.approx(22.14 * 1820 / 1820.04, abs=0.01)
    rows[1] = {
        **rows[1],
        "fte": None,
    }  # a loaded table always has the column; a cell may be empty
    no_fte = directive.compute(table(rows), hourly_from="fte")
    assert (no_fte.population.excluded or {})["missing_hours"] == 1


def test_categories_from_another_column_keep_their_codes() -> None:
    rows = [
        {**r, "job_category": "ic" if i % 2 else "emp"}
        for i, r in enumerate(dir01_rows())
    ]
    data = directive.compute(table(rows), category_column="job_category").to_dict()
    assert [c["name"] for c in data["indicators"]["G"]["categories"]] == ["emp", "ic"]
    missing = directive.compute(table(rows), category_column="csp").to_dict()
    assert missing["indicators"]["G"]["reason"] == "missing_column"
    assert {
        "code": "missing_column",
        "indicator": None,
        "detail": {"column": "csp"},
    } in missing["warnings"]


def test_categories_are_sorted_without_accents_then_raw() -> None:
    names = ["élan", "Zèbre", "Elan", "abc", "Été"]
    rows = []
    for i, name in enumerate(names):
        rows += [
            person(f"F{i}", "F", 30000, category=name),
            person(f"M{i}", "M", 31000, category=name),
        ]
    g = directive.compute(table(rows)).to_dict()["indicators"]["G"]
    assert [c["name"] for c in g["categories"]] == [
        "abc",
        "Elan",
        "élan",
        "Été",
        "Zèbre",
    ]


# --- §12: shared views ---------------------------------------------------------------------


def test_shared_view_masks_small_cells_and_amounts() -> None:
    rows = dir01_rows() + [
        person(f"Z{i}", "FM"[i % 2], 30000 + i, category="Grand") for i in range(8)
    ]
    result = directive.compute(table(rows))
    shared = result.to_dict(shared=True)
    analyst = result.to_dict()
    a = shared["indicators"]["A"]["annual"]
    assert (a["women"]["value"], a["men"]["value"]) == (None, None)
    assert a["gap_ratio"] == analyst["indicators"]["A"]["annual"]["gap_ratio"]
    f = shared["indicators"]["F"]["annual"]
    assert f["thresholds"] == [None, None, None]
    assert all(b["min"] is None and b["max"] is None for b in f["bands"])
    assert [b["women"] for b in f["bands"]] == [
        b["women"] for b in analyst["indicators"]["F"]["annual"]["bands"]
    ]
    big = next(
        c for c in shared["indicators"]["G"]["categories"] if c["name"] == "Grand"
    )
    assert big["measures"]["annual_base"]["women"] is None
    assert big["measures"]["annual_base"]["gap_ratio"] is not None
    small = next(
        c for c in shared["indicators"]["G"]["categories"] if c["name"] == "Cadres"
    )
    assert small["measures"]["annual_base"] == {"masked": True, "display": "< 3"}
    assert shared["indicators"]["E"] == analyst["indicators"]["E"]
    assert shared["warnings"] == analyst["warnings"]


def test_shared_view_masks_small_a_to_d_gaps() -> None:
    rows = [
        person("F1", "F", 30000, 100),
        *[person(f"M{i}", "M", 31000 + i, 50) for i in range(4)],
    ]
    shared = directive.compute(table(rows), min_cell=4).to_dict(shared=True)
    assert shared["indicators"]["A"]["annual"] == {"masked": True, "display": "< 4"}
    rows11 = dir01_rows()
    eleven = directive.compute(table(rows11 * 1)).to_dict(shared=True)
    assert eleven["indicators"]["A"]["annual"]["display"] != "< 3"
    detail = {"thresholds": [20000.0, 20000.0, 20000.0], "basis": "annual"}
    warning = directive.DirectiveWarning(
        code="equal_quartile_thresholds", indicator="F", detail=detail
    )
    assert warning.to_dict(shared=True)["detail"] == {"basis": "annual"}


# --- DIR-21: joint assessment, item (e) -----------------------------------------------------


def joint_rows(*returns: Any) -> list[dict[str, Any]]:
    rows = [
        person(f"C{i}", "FM"[i % 2], 50000 + i, category="Cadres") for i in range(6)
    ]
    rows += [
        person(
            f"R{i}",
            "F",
            48000,
            category="Cadres",
            maternity_return=True,
            raised_after_leave=raised,
        )
        for i, raised in enumerate(returns)
    ]
    return [
        {"maternity_return": None, "raised_after_leave": None, **row} for row in rows
    ]


def joint_table(rows: list[dict[str, Any]]) -> Any:
    import ibis  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    from tests.indicators.directive.helpers import SCHEMA  # noqa: PLC0415

    schema = {
        **SCHEMA,
        "maternity_return": pl.Boolean(),
        "raised_after_leave": pl.Boolean(),
    }
    return ibis.duckdb.connect().create_table(
        "wf", pl.DataFrame(rows, schema=schema).to_arrow()
    )


def test_DIR_21_joint_assessment_item_e() -> None:
    assessment = directive.joint_assessment(
        joint_table(joint_rows(True, False))
    ).to_dict()
    (cadres,) = assessment["categories"]
    leave = cadres["leave_returns"]
    assert leave["women"] == {
        "calculable": True, "reason": None, "returned": 2, "improved": 1, "share": 0.5,
    }  # fmt: skip
    assert (leave["men"]["calculable"], leave["men"]["reason"]) == (False, "no_return")
    third = directive.joint_assessment(
        joint_table(joint_rows(True, False, None))
    ).to_dict()
    assert third["categories"][0]["leave_returns"] == leave
    assert (cadres["women"], cadres["men"], cadres["women_share"]) == (5, 3, 0.625)
    assert "maternité" in assessment["note"]


def test_joint_assessment_without_leave_columns() -> None:
    result = directive.compute(table(dir01_rows()))
    assessment = directive.joint_assessment(table(dir01_rows()), result).to_dict()
    assert [c["name"] for c in assessment["categories"]] == [
        "Cadres",
        "Employés",
        "Techniciens",
    ]
    women = assessment["categories"][0]["leave_returns"]["women"]
    assert (women["calculable"], women["reason"]) == (False, "missing_column")

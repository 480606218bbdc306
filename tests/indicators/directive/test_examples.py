"""Acceptance examples DIR-01 to DIR-06 and DIR-09 to DIR-17 of directive.md, exact."""

from __future__ import annotations

import itertools
import json
import random
from typing import TYPE_CHECKING, Any

import pytest

from mixite.indicators import directive
from mixite.indicators.directive.quartiles import band_starts

if TYPE_CHECKING:
    from pathlib import Path

from tests.indicators.directive.helpers import (
    DIR01,
    NBSP,
    codes,
    dir01_rows,
    person,
    shown,
    sides,
    table,
)


@pytest.fixture(scope="module")
def dir01() -> dict[str, Any]:
    return directive.compute(table(dir01_rows())).to_dict()


# --- DIR-01 ------------------------------------------------------------------------------

DIR01_GAPS = {  # (letter, basis): women, men, n women, n men, ratio, percent, display, high
    ("A", "annual"): (35750.00, 43916.67, 6, 6, 0.1860, 18.6, "18,6 %", True),
    ("A", "hourly"): (22.14, 24.13, 6, 6, 0.0825, 8.3, "8,3 %", True),
    ("B", "annual"): (2300.00, 4625.00, 5, 4, 0.5027, 50.3, "50,3 %", True),
    ("B", "hourly"): (1.40, 2.54, 5, 4, 0.4486, 44.9, "44,9 %", True),
    ("C", "annual"): (34500.00, 39000.00, 6, 6, 0.1154, 11.5, "11,5 %", True),
    ("C", "hourly"): (18.96, 21.43, 6, 6, 0.1154, 11.5, "11,5 %", True),
    ("D", "annual"): (2000.00, 4500.00, 5, 4, 0.5556, 55.6, "55,6 %", True),
    ("D", "hourly"): (1.10, 2.47, 5, 4, 0.5556, 55.6, "55,6 %", True),
}


@pytest.mark.parametrize(("key", "expected"), DIR01_GAPS.items(), ids=str)
def test_DIR_01_gaps(
    dir01: dict[str, Any], key: tuple[str, str], expected: tuple[Any, ...]
) -> None:
    letter, basis = key
    gap = dir01["indicators"][letter][basis]
    women, men, n_women, n_men, ratio, percent, display, high = expected
    assert gap == {
        "calculable": True,
        "reason": None,
        "women": {"n": n_women, "value": women},
        "men": {"n": n_men, "value": men},
        "gap_ratio": ratio,
        "gap_percent": percent,
        "display": display.replace(" ", NBSP),
        "high": high,
    }


def test_DIR_01_population_options_and_e(dir01: dict[str, Any]) -> None:
    assert list(dir01) == [
        "schema", "regime", "source", "period", "campaign_year", "options",
        "population", "indicators", "obligations", "warnings",
    ]  # fmt: skip
    assert dir01["schema"] == "mixite.directive/1"
    assert (dir01["regime"], dir01["source"]) == ("fr-2027.1", "workforce")
    assert (dir01["period"], dir01["campaign_year"]) == (2026, 2027)
    assert dir01["options"] == {
        "hourly_from": "hours_paid", "full_time_monthly_hours": 151.67,
        "quartile_ties": "split", "variable_population": "beneficiaries",
        "threshold_percent": 5.0, "threshold_direction": "absolute",
        "g_alert_measures": "components", "g_category_column": "job_category",
        "min_cell": 3, "excluded_contracts": ["intern", "temp_agency"],
        "subtract_excluded_pay": False,
    }  # fmt: skip
    assert dir01["population"] == {
        "rows_read": 12, "rows_used": 12,
        "annual": {"women": 6, "men": 6}, "hourly": {"women": 6, "men": 6},
        "excluded": {"other_period": 0, "sex_not_fm": 0, "contract": 0, "not_present": 0,
                     "missing_pay": 0, "negative_pay": 0, "zero_pay": 0, "missing_hours": 0},
    }  # fmt: skip
    assert dir01["indicators"]["E"] == {
        "calculable": True,
        "reason": None,
        "women": {
            "beneficiaries": 5,
            "headcount": 6,
            "ratio": 0.8333,
            "display": f"83,3{NBSP}%",
        },
        "men": {
            "beneficiaries": 4,
            "headcount": 6,
            "ratio": 0.6667,
            "display": f"66,7{NBSP}%",
        },
    }


def bands(f: dict[str, Any]) -> list[tuple[Any, Any, str]]:
    return [
        (b["women"], b["men"], b["women_display"].replace(NBSP, " "))
        for b in f["bands"]
    ]


def test_DIR_01_quartiles(dir01: dict[str, Any]) -> None:
    annual, hourly = (
        dir01["indicators"]["F"]["annual"],
        dir01["indicators"]["F"]["hourly"],
    )
    assert annual["thresholds"] == [30500.0, 38000.0, 47000.0]
    assert hourly["thresholds"] == [17.03, 20.88, 30.22]
    assert bands(annual) == [
        (2.0, 1.0, "66,7 %"), (1.5, 1.5, "50,0 %"), (1.5, 1.5, "50,0 %"), (1.0, 2.0, "33,3 %"),
    ]  # fmt: skip
    assert bands(hourly) == [
        (1.6667, 1.3333, "55,6 %"), (1.8333, 1.1667, "61,1 %"),
        (1.5, 1.5, "50,0 %"), (1.0, 2.0, "33,3 %"),
    ]  # fmt: skip
    assert annual["bands"][0] == {
        "quartile": 1, "size": 3, "min": 15500.0, "max": 30500.0, "women": 2.0, "men": 1.0,
        "women_ratio": 0.6667, "men_ratio": 0.3333,
        "women_display": f"66,7{NBSP}%", "men_display": f"33,3{NBSP}%",
    }  # fmt: skip
    assert annual["total"] == {
        "women": 6,
        "men": 6,
        "women_ratio": 0.5,
        "men_ratio": 0.5,
    }
    assert (annual["n"], annual["ties"], annual["calculable"]) == (12, "split", True)


DIR01_G = {  # category: {measure: (women, men, display)}
    "Cadres": {
        "annual_base": (47000.0, 55000.0, "14,5 %"),
        "annual_variable": (4000.0, 7000.0, "42,9 %"),
        "annual_total": (51000.0, 62000.0, "17,7 %"),
        "hourly_base": (28.85, 30.22, "4,5 %"),
        "hourly_variable": (2.40, 3.85, "37,5 %"),
        "hourly_total": (31.25, 34.07, "8,3 %"),
    },
    "Employés": {
        "annual_base": (24333.33, 30000.0, "18,9 %"),
        "annual_variable": (500.0, 750.0, "33,3 %"),
        "annual_total": (24833.33, 30750.0, "19,2 %"),
        "hourly_base": (16.12, 16.48, "2,2 %"),
        "hourly_variable": (0.37, 0.41, "11,1 %"),
        "hourly_total": (16.48, 16.90, "2,4 %"),
    },
    "Techniciens": {
        "annual_base": (36000.0, 37500.0, "4,0 %"),
        "annual_variable": (2000.0, 1500.0, "-33,3 %"),
        "annual_total": (38000.0, 39000.0, "2,6 %"),
        "hourly_base": (19.78, 20.60, "4,0 %"),
        "hourly_variable": (1.10, 0.82, "-33,3 %"),
        "hourly_total": (20.88, 21.43, "2,6 %"),
    },
}


def test_DIR_01_categories(dir01: dict[str, Any]) -> None:
    g = dir01["indicators"]["G"]
    assert [c["name"] for c in g["categories"]] == ["Cadres", "Employés", "Techniciens"]
    assert [(c["women"], c["men"], c["small_cell"]) for c in g["categories"]] == [
        (2, 2, True), (3, 2, True), (1, 2, True),
    ]  # fmt: skip
    for category in g["categories"]:
        got = {
            name: (m["women"], m["men"], m["display"].replace(NBSP, " "))
            for name, m in category["measures"].items()
        }
        assert got == DIR01_G[category["name"]]
    assert [c["alert_measures"] for c in g["categories"]] == [
        ["annual_base", "annual_variable", "hourly_variable"],
        ["annual_base", "annual_variable", "hourly_variable"],
        ["annual_variable", "hourly_variable"],
    ]
    assert g["alert"] == {
        "any": True,
        "measures": [
            "annual_base",
            "annual_variable",
            "hourly_base",
            "hourly_variable",
        ],
        "categories": ["Cadres", "Employés", "Techniciens"],
        "max_gap": {
            "category": "Cadres",
            "measure": "annual_variable",
            "gap_percent_exact": 42.857142857142854,
        },
    }
    assert g["categories"][0]["measures"]["annual_base"] == {
        "women": 47000.0, "men": 55000.0, "calculable": True, "reason": None,
        "gap_ratio": 0.1455, "gap_percent": 14.5, "display": f"14,5{NBSP}%", "high": True,
    }  # fmt: skip


def test_DIR_01_obligations_and_warnings(dir01: dict[str, Any]) -> None:
    assert dir01["obligations"] == {
        "regime": "fr-2027.1", "campaign_year": 2027, "data_year": 2026,
        "workforce": 11.3, "workforce_source": "estimated", "has_cse": True,
        "g_gap_percent": 42.857142857142854, "size_band": "<50", "regime_in_force": True,
        "declaration_required": False, "indicator_g_required": False, "cse_required": False,
        "gap_significant": True, "compliance_process_required": False,
        "negotiation_required": False, "report_deadline": None,
        "second_declaration_deadline": None, "reason": None,
    }  # fmt: skip
    small = [("Cadres", 2, 2), ("Employés", 3, 2), ("Techniciens", 1, 2)]
    assert dir01["warnings"] == [
        *[
            {"code": "small_cell", "indicator": "G",
             "detail": {"category": name, "women": women, "men": men}}
            for name, women, men in small
        ],
        {"code": "workforce_estimated", "indicator": None, "detail": {"workforce": 11.3}},
    ]  # fmt: skip


# --- DIR-02 to DIR-06 ---------------------------------------------------------------------


def test_DIR_02_rank_ties() -> None:
    result = directive.compute(table(dir01_rows()), quartile_ties="rank").to_dict()
    f = result["indicators"]["F"]
    assert [(b["women"], b["men"]) for b in f["annual"]["bands"]] == [
        (2, 1),
        (2, 1),
        (1, 2),
        (1, 2),
    ]
    assert [b["women_display"] for b in f["annual"]["bands"]] == [
        f"{v}{NBSP}%" for v in ("66,7", "66,7", "33,3", "33,3")
    ]
    assert [(b["women"], b["men"]) for b in f["hourly"]["bands"]] == [
        (2, 1),
        (2, 1),
        (1, 2),
        (1, 2),
    ]
    assert f["annual"]["thresholds"] == [30500.0, 38000.0, 47000.0]
    assert f["hourly"]["thresholds"] == [17.03, 20.88, 30.22]
    assert f["annual"]["ties"] == "rank"


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("backend", ["duckdb", "polars"])
def test_DIR_03_row_order_does_not_matter(
    seed: int, backend: str, dir01: dict[str, Any]
) -> None:
    rows = dir01_rows()
    random.Random(seed).shuffle(rows)  # noqa: S311 - a test's reproducible shuffle
    shuffled = directive.compute(table(rows, backend=backend)).to_dict()
    assert json.dumps(shuffled, ensure_ascii=False) == json.dumps(
        dir01, ensure_ascii=False
    )


def test_DIR_04_variable_population_all() -> None:
    result = directive.compute(table(dir01_rows()), variable_population="all")
    b, d = result.indicators.B, result.indicators.D
    assert (b.annual.women.n, b.annual.men.n) == (6, 6)
    assert sides(b.annual) == (1916.67, 3083.33)
    assert shown(b.annual)[0::2] == (0.3784, "37,8 %")
    assert sides(b.hourly) == (1.17, 1.69)
    assert shown(b.hourly)[0::2] == (0.3108, "31,1 %")
    assert sides(d.annual) == (1500.00, 2250.00)
    assert shown(d.annual)[0::2] == (0.3333, "33,3 %")
    assert sides(d.hourly) == (0.82, 1.24)
    assert shown(d.hourly)[0::2] == (0.3333, "33,3 %")
    assert result.to_dict()["options"]["variable_population"] == "all"


def test_DIR_05_women_disfavoured() -> None:
    result = directive.compute(
        table(dir01_rows()), direction="women_disfavoured"
    ).to_dict()
    g = result["indicators"]["G"]
    assert g["alert"]["categories"] == ["Cadres", "Employés"]
    assert g["categories"][2]["alert"] is False
    assert g["alert"]["max_gap"]["category"] == "Cadres"
    assert g["alert"]["max_gap"]["measure"] == "annual_variable"
    for letter in "ABCD":
        for basis in ("annual", "hourly"):
            assert result["indicators"][letter][basis]["high"] is True


def test_DIR_06_part_time_worker() -> None:
    rows = [
        person("X1", "F", 15000, fte=0.5, hours=910),
        person("X2", "M", 30000, hours=1820),
    ]
    result = directive.compute(table(rows))
    a = result.indicators.A
    assert sides(a.annual) == (15000.0, 30000.0)
    assert shown(a.annual) == (0.5, 50.0, "50,0 %", True)
    assert sides(a.hourly) == (16.48, 16.48)
    assert shown(a.hourly) == (0.0, 0.0, "0,0 %", False)
    e = result.to_dict()["indicators"]["E"]
    assert (e["women"]["display"], e["men"]["display"]) == (
        f"0,0{NBSP}%",
        f"0,0{NBSP}%",
    )
    for gap in (result.indicators.B.annual, result.indicators.D.hourly):
        assert gap.reason == "no_beneficiaries_women"


# --- DIR-09 to DIR-11: quartiles -----------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "sizes"),
    [
        (4, [1, 1, 1, 1]), (5, [2, 1, 1, 1]), (6, [2, 1, 2, 1]), (7, [2, 2, 2, 1]),
        (8, [2, 2, 2, 2]), (9, [3, 2, 2, 2]), (10, [3, 2, 3, 2]), (11, [3, 3, 3, 2]),
        (12, [3, 3, 3, 3]), (13, [4, 3, 3, 3]), (103, [26, 26, 26, 25]),
    ],
)  # fmt: skip
def test_DIR_09_band_sizes(n: int, sizes: list[int]) -> None:
    starts = band_starts(n)
    assert [b - a for a, b in itertools.pairwise(starts)] == sizes
    rows = [person(f"P{i:03d}", "FM"[i % 2], 20000 + 100 * i) for i in range(n)]
    f = directive.compute(table(rows)).to_dict()["indicators"]["F"]["annual"]
    assert [band["size"] for band in f["bands"]] == sizes


def test_DIR_09_fewer_than_4_workers() -> None:
    rows = [
        person("P1", "F", 20000),
        person("P2", "M", 21000),
        person("P3", "M", 22000),
    ]
    f = directive.compute(table(rows)).to_dict()["indicators"]["F"]["annual"]
    assert (f["calculable"], f["reason"], f["thresholds"], f["bands"]) == (
        False, "fewer_than_4_workers", None, [],
    )  # fmt: skip


DIR10 = [("A01", "F", 20000), ("A07", "M", 21000), ("A03", "F", 21000), ("A04", "M", 22000),
         ("A05", "F", 25000), ("A06", "M", 30000), ("A02", "M", 35000)]  # fmt: skip


def test_DIR_10_tie_on_a_boundary() -> None:
    rows = [person(i, s, pay) for i, s, pay in DIR10]
    split = directive.compute(table(rows)).to_dict()["indicators"]["F"]["annual"]
    assert [b["size"] for b in split["bands"]] == [2, 2, 2, 1]
    assert [(b["women"], b["men"]) for b in split["bands"]] == [
        (1.5, 0.5), (0.5, 1.5), (1.0, 1.0), (0.0, 1.0),
    ]  # fmt: skip
    assert [b["women_display"] for b in split["bands"]] == [
        f"{v}{NBSP}%" for v in ("75,0", "25,0", "50,0", "0,0")
    ]
    assert split["thresholds"] == [21000.0, 22000.0, 30000.0]
    ranked = directive.compute(table(rows), quartile_ties="rank").to_dict()
    bands_rank = ranked["indicators"]["F"]["annual"]["bands"]
    assert [(b["women"], b["men"]) for b in bands_rank[:2]] == [(2, 0), (0, 2)]
    swapped = [
        person({"A07": "A03", "A03": "A07"}.get(i, i), s, pay) for i, s, pay in DIR10
    ]
    swapped_rank = directive.compute(table(swapped), quartile_ties="rank").to_dict()
    bands_swapped = swapped_rank["indicators"]["F"]["annual"]["bands"]
    assert [(b["women"], b["men"]) for b in bands_swapped[:2]] == [(1, 1), (1, 1)]


def test_DIR_11_block_spanning_three_bands() -> None:
    sexes = ["F", "F", "M", "F", "M", "F"]
    rows = [person("Z0", "M", 18000), person("Z9", "M", 40000)]
    rows += [person(f"Z{i + 1}", sex, 20000) for i, sex in enumerate(sexes)]
    result = directive.compute(table(rows)).to_dict()
    f = result["indicators"]["F"]["annual"]
    assert [(b["women"], b["men"]) for b in f["bands"]] == [
        (0.6667, 1.3333), (1.3333, 0.6667), (1.3333, 0.6667), (0.6667, 1.3333),
    ]  # fmt: skip
    assert [b["women_display"] for b in f["bands"]] == [
        f"{v}{NBSP}%" for v in ("33,3", "66,7", "66,7", "33,3")
    ]
    assert f["thresholds"] == [20000.0, 20000.0, 20000.0]
    assert ("equal_quartile_thresholds", "F") in codes(result)


# --- DIR-12 to DIR-15: categories and variable pay -----------------------------------------


def dir12_rows() -> list[dict[str, Any]]:
    rows = [person(f"T{i}", "F", 37200, 1000, category="Techniciens") for i in range(4)]
    rows += [
        person(f"U{i}", "M", 40000, 1000, category="Techniciens") for i in range(3)
    ]
    rows.append(
        person("U9", "M", 32000, 1000, fte=0.8, hours=1456, category="Techniciens")
    )
    return rows


def dir13_rows() -> list[dict[str, Any]]:
    women = [(48000, 2000), (50000, 0)]
    men = [(49000, 1000), (51000, 3000), (52000, 0), (50000, 2000), (53000, 4000)]
    rows = [
        person(f"IF{i}", "F", b, v, category="Ingénieurs")
        for i, (b, v) in enumerate(women)
    ]
    rows += [
        person(f"IM{i}", "M", b, v, category="Ingénieurs")
        for i, (b, v) in enumerate(men)
    ]
    return rows


def dir14_rows() -> list[dict[str, Any]]:
    rows = [
        person(f"OF{i}", "F", pay, category="Ouvriers")
        for i, pay in enumerate((25000, 25500, 26000))
    ]
    rows += [
        person(f"OM{i}", "M", pay, category="Ouvriers")
        for i, pay in enumerate((26000, 26500, 27000))
    ]
    return rows


def measures(category: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {
        name: (
            m["women"],
            m["men"],
            m["display"].replace(NBSP, " "),
            m["high"],
            m["gap_ratio"],
        )
        for name, m in category["measures"].items()
    }


def test_DIR_12_hourly_only_alert() -> None:
    g = directive.compute(table(dir12_rows())).to_dict()["indicators"]["G"]
    (tech,) = g["categories"]
    got = measures(tech)
    assert got["annual_base"][:4] == (37200.0, 38000.0, "2,1 %", False)
    assert got["annual_variable"][:4] == (1000.0, 1000.0, "0,0 %", False)
    assert got["annual_total"][:4] == (38200.0, 39000.0, "2,1 %", False)
    assert got["hourly_base"] == (20.44, 21.98, "7,0 %", True, 0.07)
    assert got["hourly_variable"] == (0.55, 0.58, "5,9 %", True, 0.0588)
    assert got["hourly_total"] == (20.99, 22.56, "7,0 %", True, 0.0697)
    assert (tech["alert"], tech["alert_measures"]) == (
        True,
        ["hourly_base", "hourly_variable"],
    )
    every = directive.compute(table(dir12_rows()), g_alert="all").to_dict()[
        "indicators"
    ]["G"]
    assert every["categories"][0]["alert_measures"] == [
        "hourly_base", "hourly_variable", "hourly_total",
    ]  # fmt: skip
    totals = directive.compute(table(dir12_rows()), g_alert="totals").to_dict()[
        "indicators"
    ]["G"]
    assert totals["categories"][0]["alert_measures"] == ["hourly_total"]


def test_DIR_13_small_category() -> None:
    result = directive.compute(table(dir13_rows()))
    (eng,) = result.to_dict()["indicators"]["G"]["categories"]
    got = measures(eng)
    assert got["annual_base"][:4] == (49000.0, 51000.0, "3,9 %", False)
    assert got["annual_variable"][:4] == (1000.0, 2000.0, "50,0 %", True)
    assert got["annual_total"][:4] == (50000.0, 53000.0, "5,7 %", True)
    assert got["hourly_base"][:4] == (26.92, 28.02, "3,9 %", False)
    assert got["hourly_variable"][:4] == (0.55, 1.10, "50,0 %", True)
    assert got["hourly_total"][:4] == (27.47, 29.12, "5,7 %", True)
    assert (eng["small_cell"], eng["alert"]) == (True, True)
    assert eng["alert_measures"] == ["annual_variable", "hourly_variable"]
    assert ("small_cell", "G") in codes(result.to_dict())
    (masked,) = result.to_dict(shared=True)["indicators"]["G"]["categories"]
    assert masked["measures"] == {
        name: {"masked": True, "display": "< 3"} for name in eng["measures"]
    }
    assert (masked["women"], masked["men"], masked["alert"], masked["alert_measures"]) == (
        2, 5, True, [],
    )  # fmt: skip


def test_DIR_14_no_variable_pay_and_three_categories() -> None:
    g = directive.compute(table(dir14_rows())).to_dict()["indicators"]["G"]
    (workers,) = g["categories"]
    got = measures(workers)
    assert got["annual_base"][:3] == (25500.0, 26500.0, "3,8 %")
    for name in ("annual_variable", "hourly_variable"):
        measure = workers["measures"][name]
        assert (measure["calculable"], measure["reason"], measure["display"]) == (
            False, "men_value_zero", "NC",
        )  # fmt: skip
    assert got["annual_total"][2] == got["annual_base"][2]
    assert got["hourly_total"][2] == got["hourly_base"][2]
    assert (workers["alert"], workers["small_cell"]) == (False, False)
    rows = dir12_rows() + dir13_rows() + dir14_rows()
    together = directive.compute(table(rows)).to_dict()["indicators"]["G"]
    assert [c["name"] for c in together["categories"]] == [
        "Ingénieurs",
        "Ouvriers",
        "Techniciens",
    ]
    assert together["alert"]["categories"] == ["Ingénieurs", "Techniciens"]
    best = together["alert"]["max_gap"]
    assert (best["category"], best["measure"], best["gap_percent_exact"]) == (
        "Ingénieurs", "annual_variable", 50.0,
    )  # fmt: skip


def test_DIR_15_no_man_receives_variable_pay() -> None:
    rows = [
        person("W1", "F", 30000, 1200),
        person("W2", "F", 31000),
        person("M1", "M", 32000),
        person("M2", "M", 33000),
    ]
    result = directive.compute(table(rows))
    for gap in (result.indicators.B.annual, result.indicators.D.annual):
        assert (gap.calculable, gap.reason) == (False, "no_beneficiaries_men")
        assert sides(gap) == (1200.0, None)
        assert gap.to_dict()["display"] == "NC"
    e = result.to_dict()["indicators"]["E"]
    assert (e["women"]["ratio"], e["women"]["display"]) == (0.5, f"50,0{NBSP}%")
    assert (e["men"]["ratio"], e["men"]["display"]) == (0.0, f"0,0{NBSP}%")


# --- DIR-16 and DIR-17: eligibility and missing columns -------------------------------------


def test_DIR_16a_eligibility_counters(dir01: dict[str, Any]) -> None:
    extra = [
        person("X1", "X", 30000, category="Employés"),
        person("X2", "F", 30000, category="Employés", contract="intern"),
        person("X3", "M", 30000, category="Employés", period=2025),
        person("X4", "M", -10, category="Employés"),
        person("X5", "F", 0, 0, category="Employés"),
    ]
    result = directive.compute(table(dir01_rows() + extra), period=2026).to_dict()
    population = result["population"]
    assert (population["rows_read"], population["rows_used"]) == (17, 12)
    assert population["excluded"] == {
        "other_period": 1, "sex_not_fm": 1, "contract": 1, "not_present": 0,
        "missing_pay": 0, "negative_pay": 1, "zero_pay": 1, "missing_hours": 0,
    }  # fmt: skip
    assert result["indicators"] == dir01["indicators"]


def test_DIR_16b_missing_hours(dir01: dict[str, Any]) -> None:
    extra = person("E13", "F", 29000, 0, hours=None, category="Employés")
    result = directive.compute(table([*dir01_rows(), extra]))
    data = result.to_dict()
    assert data["population"]["annual"] == {"women": 7, "men": 6}
    assert data["population"]["hourly"] == {"women": 6, "men": 6}
    assert data["population"]["excluded"]["missing_hours"] == 1
    indicators = result.indicators
    assert sides(indicators.A.annual) == (34785.71, 43916.67)
    assert shown(indicators.A.annual)[0::2] == (0.2079, "20,8 %")
    assert sides(indicators.C.annual) == (31000.0, 39000.0)
    assert shown(indicators.C.annual)[0::2] == (0.2051, "20,5 %")
    before = dir01["indicators"]
    for letter in "AC":
        assert data["indicators"][letter]["hourly"] == before[letter]["hourly"]
    for letter in "BD":
        assert data["indicators"][letter] == before[letter]
    assert data["indicators"]["E"]["women"]["ratio"] == 0.7143
    assert data["indicators"]["E"]["women"]["display"] == f"71,4{NBSP}%"
    f = data["indicators"]["F"]
    assert [b["size"] for b in f["annual"]["bands"]] == [4, 3, 3, 3]
    assert [(b["women"], b["men"]) for b in f["annual"]["bands"]] == [
        (3.0, 1.0), (1.5, 1.5), (1.5, 1.5), (1.0, 2.0),
    ]  # fmt: skip
    assert f["annual"]["bands"][0]["women_display"] == f"75,0{NBSP}%"
    assert f["annual"]["thresholds"] == before["F"]["annual"]["thresholds"]
    assert f["hourly"] == before["F"]["hourly"]
    employees = next(
        c for c in data["indicators"]["G"]["categories"] if c["name"] == "Employés"
    )
    got = measures(employees)
    assert got["annual_base"][:3] == (25500.0, 30000.0, "15,0 %")
    assert got["annual_variable"][:3] == (375.0, 750.0, "50,0 %")
    assert got["annual_total"][:3] == (25875.0, 30750.0, "15,9 %")
    old = next(c for c in before["G"]["categories"] if c["name"] == "Employés")
    for name in ("hourly_base", "hourly_variable", "hourly_total"):
        assert employees["measures"][name] == old["measures"][name]


def test_DIR_17_without_variable_pay() -> None:
    result = directive.compute(table(dir01_rows(), drop=["variable_pay"]))
    a, c = result.indicators.A, result.indicators.C
    assert sides(a.annual) == (33833.33, 40833.33)
    assert shown(a.annual)[0::2] == (0.1714, "17,1 %")
    assert sides(a.hourly) == (20.97, 22.44)
    assert shown(a.hourly)[0::2] == (0.0653, "6,5 %")
    assert sides(c.annual) == (33000.0, 37500.0)
    assert shown(c.annual)[0::2] == (0.12, "12,0 %")
    data = result.to_dict()
    for letter in "BD":
        for basis in ("annual", "hourly"):
            assert data["indicators"][letter][basis]["reason"] == "missing_column"
    assert data["indicators"]["E"]["reason"] == "missing_column"
    assert ("variable_pay_absent", None) in codes(data)


def test_DIR_17_without_hours_no_loader(dir01: dict[str, Any]) -> None:
    data = directive.compute(table(dir01_rows(), drop=["hours_paid"])).to_dict()
    indicators = data["indicators"]
    for letter in "ABCD":
        assert indicators[letter]["hourly"]["reason"] == "missing_column"
        assert indicators[letter]["annual"] == dir01["indicators"][letter]["annual"]
    assert indicators["F"]["hourly"]["reason"] == "missing_column"
    assert indicators["F"]["annual"] == dir01["indicators"]["F"]["annual"]
    for category in indicators["G"]["categories"]:
        for name in ("hourly_base", "hourly_variable", "hourly_total"):
            assert category["measures"][name]["reason"] == "missing_column"


def test_DIR_17_hours_estimated_by_the_loader(
    tmp_path: Path, dir01: dict[str, Any]
) -> None:
    from mixite import load  # noqa: PLC0415 - the loader, only here

    path = tmp_path / "dir01.csv"
    lines = [
        "employee_id;sex;period;job_category;contract;presence_months;fte;base_pay;variable_pay"
    ]
    for i, s, cat, fte, _, base, var in DIR01:
        lines.append(
            f"{i};{s};2026;{cat};CDI;12;{str(fte).replace('.', ',')};{base};{var}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = directive.compute(load(path)).to_dict()
    for letter in "ABCD":  # every hourly value and gap, at the published precision
        assert (
            data["indicators"][letter]["hourly"]
            == dir01["indicators"][letter]["hourly"]
        )
    assert [
        (b["women"], b["men"]) for b in data["indicators"]["F"]["hourly"]["bands"]
    ] == [(b["women"], b["men"]) for b in dir01["indicators"]["F"]["hourly"]["bands"]]
    assert ("hours_estimated", None) in codes(data)


def test_DIR_17_without_job_category() -> None:
    data = directive.compute(table(dir01_rows(), drop=["job_category"])).to_dict()
    assert data["indicators"]["G"]["reason"] == "missing_column"
    assert data["obligations"]["g_gap_percent"] is None
    assert data["obligations"]["gap_significant"] is None

"""Aggregated input (egapro.md §16.2): EG-18, EG-25's JSON cases, every kind of bad input."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from mixite import MixiteError
from mixite.indicators import egapro
from mixite.indicators.egapro.aggregates import child
from tests.indicators.egapro.helpers import aggregated, golden


def eg17() -> dict[str, Any]:
    return copy.deepcopy(golden("eg17_aggregated_251_999.json")["aggregates"])


def eg19() -> dict[str, Any]:
    return copy.deepcopy(golden("eg19_aggregated_50_250.json")["aggregates"])


def refused(data: object) -> egapro.AggregatesError:
    with pytest.raises(egapro.AggregatesError) as raised:
        egapro.from_aggregates(data)
    return raised.value


def test_EG_18_a_null_block_is_missing_input() -> None:
    data = eg17()
    data["indicator4"] = None
    result = egapro.from_aggregates(data).to_dict()
    assert result["indicator4"] == {
        "calculable": False,
        "not_calculable_reason": "missing_input",
        "rate": None,
        "result_pct_declared": None,
        "points": None,
    }
    assert result["index"] == {
        "calculable": True,
        "total_points": 67,
        "max_points": 85,
        "value": 79,
        "raw_value_computed_anyway": None,
    }
    assert 67 * 100 / 85 == 78.82352941176471
    assert result["details"]["obligations"]["objectives_for"] == [
        "indicator1",
        "indicator2",
        "indicator5",
    ]


def test_EG_18_a_missing_block_key_is_bad_input() -> None:
    data = eg17()
    del data["indicator4"]
    error = refused(data)
    assert error.path == "$.indicator4"
    assert str(error) == "$.indicator4: required"


@pytest.mark.parametrize("block", ["indicator2", "indicator3"])
def test_indicators_2_and_3_may_be_null_above_250(block: str) -> None:
    data = eg17()
    data[block] = None
    found = egapro.from_aggregates(data).to_dict()[block]
    assert found["not_calculable_reason"] == "missing_input"
    assert found["valid_headcount"] is found["total_headcount"] is None


def test_indicator_5_null_and_2et3_null() -> None:
    data = eg19()
    data["indicator5"] = None
    data["indicator2et3"] = None
    found = egapro.from_aggregates(data).to_dict()
    assert found["indicator5"]["not_calculable_reason"] == "missing_input"
    assert found["indicator2et3"]["not_calculable_reason"] == "missing_input"
    assert found["index"]["max_points"] == 40  # indicators 1 only: 4 is absrcm


def test_blocks_of_the_other_band_are_ignored() -> None:
    data = eg19()
    data["indicator2"] = {"declared_calculable": "garbage"}
    result = egapro.from_aggregates(data)
    assert result.indicator2 is None
    assert "indicator2" not in result.to_dict()


def test_unknown_top_level_keys_are_a_warning() -> None:
    data = eg19()
    data["comment"] = "exported by hand"
    result = egapro.from_aggregates(data)
    assert [w.to_dict()["code"] for w in result.warnings] == ["unknown_key"]
    assert "comment" in result.warnings[0].text("fr")


def test_the_simulators_blank_pay_reads_as_null() -> None:
    data = eg19()
    data["indicator1"]["cells"][0]["women_avg_pay"] = ""
    assert egapro.from_aggregates(data).index.value == 69


def test_csp_cells_may_omit_counts_and_be_missing() -> None:
    data = eg19()
    data["indicator1"]["cells"] = [
        {**cell, "women": None, "men": None} if i % 2 else cell
        for i, cell in enumerate(data["indicator1"]["cells"])
        if cell["women_avg_pay"] is not None
    ]
    assert egapro.from_aggregates(data).to_dict()["indicator1"]["result"] == 5.3


def test_a_missing_headcount_cell_counts_zero() -> None:
    data = eg19()
    del data["headcount"]["ic"]
    data["indicator1"]["cells"] = [
        c for c in data["indicator1"]["cells"] if c["category"] != "ic"
    ]
    found = egapro.from_aggregates(data).to_dict()["indicator1"]
    assert found["total_headcount"] == 122 - 19


def test_aggregates_error_is_a_mixite_error_and_a_value_error() -> None:
    error = refused({"workforce_range": "250:"})
    assert isinstance(error, MixiteError)
    assert isinstance(error, ValueError)
    assert error.hint


# --- EG-25 (aggregated part) and other bad inputs -----------------------------------------------


def with_change(
    data: dict[str, Any], path: list[str | int], value: Any
) -> dict[str, Any]:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("base", "path", "value", "expected_path", "words"),
    [
        # EG-25
        (eg19, ["workforce_range"], "250:", "$.workforce_range", "is not one of"),
        (eg19, ["indicator2et3", "raised_women"], 60, "$.indicator2et3.raised_women",
         "greater than the women of the headcount (53)"),
        # missing fields
        (eg19, ["headcount"], KeyError, "$.headcount", "required"),
        (eg19, ["workforce_range"], KeyError, "$.workforce_range", "required"),
        (eg19, ["indicator1"], KeyError, "$.indicator1", "required"),
        (eg19, ["indicator1", "mode"], KeyError, "$.indicator1.mode", "required"),
        (eg19, ["indicator2et3"], KeyError, "$.indicator2et3", "required"),
        (eg17, ["indicator3"], KeyError, "$.indicator3", "required"),
        (eg19, ["indicator5"], KeyError, "$.indicator5", "required"),
        (eg19, ["headcount", "ouv", ":29", "men"], KeyError,
         '$.headcount.ouv[":29"].men', "required"),
        (eg19, ["indicator2et3", "declared_calculable"], KeyError,
         "$.indicator2et3.declared_calculable", "required"),
        # negative counts
        (eg19, ["headcount", "emp", "30:39", "women"], -1,
         '$.headcount.emp["30:39"].women', "out of range"),
        (eg17, ["indicator4", "returned"], -4, "$.indicator4.returned", "out of range"),
        (eg19, ["indicator5", "men"], -1, "$.indicator5.men", "out of range"),
        # more raised than returned (EG-09)
        (eg17, ["indicator4", "raised"], 5, "$.indicator4.raised",
         "5 is greater than returned (4)"),
        # cell counts disagreeing with the headcount
        (eg19, ["indicator1", "cells", 1, "women"], 4, "$.indicator1.cells[1].women",
         "differs from the headcount (3)"),
        # text where a number belongs
        (eg19, ["headcount", "tam", "50:", "men"], "2", '$.headcount.tam["50:"].men',
         "is not an integer"),
        (eg19, ["indicator1", "cells", 1, "men_avg_pay"], "26 900 €",
         "$.indicator1.cells[1].men_avg_pay", "is not a number"),
        (eg17, ["indicator2", "rates_pct", "emp", "men"], "46,15",
         "$.indicator2.rates_pct.emp.men", "is not a number"),
        (eg19, ["indicator5", "women"], True, "$.indicator5.women", "is not an integer"),
        (eg19, ["indicator2et3", "raised_men"], 2.5, "$.indicator2et3.raised_men",
         "is not an integer"),
        (eg17, ["indicator4", "declared_calculable"], "yes",
         "$.indicator4.declared_calculable", "is not true or false"),
        # other violations
        (eg19, ["indicator5"], {"women": 6, "men": 5}, "$.indicator5", "more than 10"),
        (eg19, ["indicator5", "men"], 11, "$.indicator5.men", "out of range"),
        (eg17, ["indicator2", "rates_pct", "ouv", "women"], 100.5,
         "$.indicator2.rates_pct.ouv.women", "out of range"),
        (eg19, ["headcount", "vrp"], {}, "$.headcount.vrp", "unknown key"),
        (eg19, ["headcount", "ouv", "60:"], {"women": 1, "men": 1},
         '$.headcount.ouv["60:"]', "unknown key"),
        (eg19, ["indicator1", "mode"], "niveau", "$.indicator1.mode", "is not one of"),
        (eg19, ["indicator1", "cells"], {}, "$.indicator1.cells", "is not a list"),
        (eg19, ["indicator1", "cells", 0, "category"], "vrp",
         "$.indicator1.cells[0].category", "is not one of"),
        (eg19, ["indicator1", "cells", 1, "age_band"], ":29", "$.indicator1.cells[1]",
         "a second cell for (ouv, :29)"),
        (eg19, ["indicator1", "cells", 0, "comment"], "x",
         "$.indicator1.cells[0].comment", "unknown key"),
        (eg19, ["indicator1", "cells", 1, "women_avg_pay"], -1.0,
         "$.indicator1.cells[1].women_avg_pay", "out of range"),
        (eg19, ["indicator4"], [], "$.indicator4", "is not an object"),
    ],
)  # fmt: skip
def test_bad_aggregated_input_names_the_json_path(
    base: Any, path: list[str | int], value: Any, expected_path: str, words: str
) -> None:
    error = refused(with_change(base(), path, value))
    assert error.path == expected_path
    assert words in str(error)
    assert str(error).startswith(expected_path + ": ")
    assert error.hint.endswith(".")


def test_the_root_must_be_an_object() -> None:
    assert refused([1, 2]).path == "$"


def test_level_cells_need_counts_and_a_level() -> None:
    data = aggregated(mode="niveau_autre")
    data["headcount"]["ouv"][":29"] = {"women": 3, "men": 3}
    data["indicator1"]["cells"] = [
        {"level": "", "age_band": ":29", "women": 3, "men": 3}
    ]
    assert refused(data).path == "$.indicator1.cells[0].level"
    data["indicator1"]["cells"] = [{"level": "A", "age_band": ":29", "women": 3}]
    assert refused(data).path == "$.indicator1.cells[0].men"


def test_declared_false_ignores_the_counts() -> None:
    data = eg19()
    data["indicator4"] = {
        "declared_calculable": False,
        "returned": "n/a",
        "raised": None,
    }
    data["indicator2et3"] = {"declared_calculable": False}
    found = egapro.from_aggregates(data).to_dict()
    assert found["indicator4"]["not_calculable_reason"] == "absrcm"
    assert found["indicator2et3"]["not_calculable_reason"] == "absaugi"


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("a", "$.a"),
        ("raised_women", "$.raised_women"),
        (":29", '$[":29"]'),
        (3, "$[3]"),
    ],
)
def test_json_paths(key: str | int, path: str) -> None:
    assert child("$", key) == path


def test_declared_raise_with_all_rates_zero_computes_as_equality() -> None:
    data = eg17()
    data["indicator2"]["rates_pct"] = {
        csp: {"women": 0, "men": 0} for csp in ("ouv", "emp", "tam", "ic")
    }
    result = egapro.from_aggregates(data)
    two = result.to_dict()["indicator2"]
    assert (two["result"], two["favourable"], two["points_before_catch_up"]) == (
        0.0,
        "equality",
        20,
    )
    assert two["catch_up_applied"] is True  # equality vs indicator 1 "men" (§9)
    assert "declared_without_raise" in [w.code for w in result.warnings]

"""Golden cases: the complete examples of egapro.md §17, stored in ``tests/golden/egapro``.

Each case holds its input (aggregated JSON, or the lines of an employee-level CSV) and
the expected result, transcribed from the spec: every key given there must match.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from mixite.indicators import egapro
from tests.indicators.egapro.helpers import (
    GOLDEN,
    assert_subset,
    load_lines,
    round_trip,
)

if TYPE_CHECKING:
    from pathlib import Path

CASES = sorted(GOLDEN.glob("*.json"))


def run(case: dict[str, Any], tmp_path: Path) -> egapro.EgaproResult:
    if "aggregates" in case:
        return egapro.from_aggregates(case["aggregates"])
    workforce = load_lines(tmp_path, case["csv"], period=case["period"])
    return egapro.compute(
        workforce, workforce_range=case.get("workforce_range"), period=case["period"]
    )


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_index_matches_the_spec(path: Path, tmp_path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    result = run(case, tmp_path)
    assert_subset(case["expected"], result.to_dict())
    assert result.index.value == case["expected"]["index"]["value"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_key_order_is_the_spec_order(path: Path, tmp_path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    data = run(case, tmp_path).to_dict()
    expected = case["expected"]
    assert [k for k in data if k in expected] == list(expected)
    for key in ("indicator1", "indicator2", "indicator3", "indicator2et3", "indicator4",
                "indicator5", "index"):  # fmt: skip
        if key in expected:
            assert list(data[key]) == list(expected[key])


def test_EG_17_complete_result_is_exactly_the_spec_one(tmp_path: Path) -> None:
    case = json.loads(
        (GOLDEN / "eg17_aggregated_251_999.json").read_text(encoding="utf-8")
    )
    assert run(case, tmp_path).to_dict() == case["expected"]


def test_EG_19_valid_groups(tmp_path: Path) -> None:
    case = json.loads(
        (GOLDEN / "eg19_aggregated_50_250.json").read_text(encoding="utf-8")
    )
    groups = run(case, tmp_path).to_dict()["details"]["indicator1"]["groups"]
    valid = [g for g in groups if g["valid"]]
    assert len(valid) == 7
    for want, have in zip(case["valid_groups"], valid, strict=True):
        assert_subset(want, have)
    assert sum(g["women"] + g["men"] for g in valid) == 68


def test_EG_20_round_trip_through_the_aggregates(tmp_path: Path) -> None:
    case = json.loads(
        (GOLDEN / "eg20_employee_50_250.json").read_text(encoding="utf-8")
    )
    round_trip(run(case, tmp_path))

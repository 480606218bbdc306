"""The Index's entries in the indicator registry (STYLE.md §3): what the common tests check."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mixite.indicators import core
from mixite.indicators.egapro import EgaproResult, compute
from tests.indicators.egapro.helpers import eg20_lines, load_lines, on_polars

if TYPE_CHECKING:
    from pathlib import Path

    from mixite.workforce.load import Workforce

NAMES = ["egapro.1", "egapro.2", "egapro.3", "egapro.2et3", "egapro.4", "egapro.5",
         "egapro.index"]  # fmt: skip


@pytest.fixture(scope="module")
def eg20(tmp_path_factory: pytest.TempPathFactory) -> Workforce:
    return load_lines(tmp_path_factory.mktemp("registry"), eg20_lines())


def test_every_indicator_is_registered() -> None:
    registry = core.load_registry()
    assert [name for name in registry if name.startswith("egapro.")] == NAMES
    for name in NAMES:
        assert registry[name].framework == "egapro"
        assert registry[name].title["fr"]


@pytest.mark.parametrize("name", NAMES)
def test_not_calculable_on_an_empty_table(eg20: Workforce, name: str) -> None:
    spec = core.load_registry()[name]
    found = spec.compute(eg20.table.limit(0))
    assert found.to_dict()["calculable"] is False
    assert found.to_dict()["calculable"] is getattr(found, "calculable")  # noqa: B009


@pytest.mark.parametrize("name", NAMES)
def test_not_calculable_without_its_columns(eg20: Workforce, name: str) -> None:
    spec = core.load_registry()[name]
    table = eg20.table.drop(*[c for c in spec.columns if c in eg20.table.columns])
    assert spec.compute(table).to_dict()["calculable"] is False


@pytest.mark.parametrize("name", NAMES)
def test_same_on_both_backends_and_deterministic(eg20: Workforce, name: str) -> None:
    spec = core.load_registry()[name]
    on_duckdb = spec.compute(eg20.table).to_dict()
    assert on_duckdb == spec.compute(on_polars(eg20)).to_dict()
    assert on_duckdb == spec.compute(eg20.table).to_dict()
    assert on_duckdb["calculable"] is (
        name not in {"egapro.2", "egapro.3"}
    )  # < 10 per CSP


def test_the_whole_result_answers_like_the_index(tmp_path: Path) -> None:
    result = compute(load_lines(tmp_path, eg20_lines()), workforce_range="50:250")
    assert isinstance(result, EgaproResult)
    assert (result.calculable, result.value, result.points) == (True, 95.0, 95)
    assert result.reason is None

"""What every registered indicator must do (STYLE.md §3); registering enrols.

Not calculable — never an exception — on an empty table and on a table without its
columns; the same published values on DuckDB and on Polars; the same values twice.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import ibis
import pytest

from mixite.errors import InputError
from mixite.indicators import core
from mixite.workforce import synth
from mixite.workforce.load import load

if TYPE_CHECKING:
    from pathlib import Path

    import polars as pl

REGISTRY = core.load_registry()
SPECS = sorted(REGISTRY.values(), key=lambda spec: spec.name)


@pytest.fixture(scope="module")
def workforce(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    """3,000 synthetic employees: every indicator is calculable on them."""
    path: Path = tmp_path_factory.mktemp("common") / "wf.parquet"
    synth.write(path, 3_000, 1)  # 5 executives, 2 governing-body members
    return load(path).to_polars()


def on_duckdb(frame: pl.DataFrame) -> ibis.Table:
    return ibis.duckdb.connect().create_table("wf", frame.to_arrow())


def on_polars(frame: pl.DataFrame) -> ibis.Table:
    return ibis.polars.connect().create_table("wf", frame)


def published(result: core.Result) -> str:
    return json.dumps(result.to_dict(), sort_keys=True)


def test_the_registry_lists_every_framework() -> None:
    frameworks = {spec.framework for spec in SPECS}
    assert frameworks == {"egapro", "rixain", "directive"}
    assert {"egapro.index", "directive.A", "directive.G"} <= set(REGISTRY)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_calculable_on_a_realistic_workforce(
    spec: core.IndicatorSpec, workforce: pl.DataFrame
) -> None:
    assert spec.compute(on_duckdb(workforce)).calculable


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_backends_agree_and_repeat(
    spec: core.IndicatorSpec, workforce: pl.DataFrame
) -> None:
    duckdb_result = published(spec.compute(on_duckdb(workforce)))
    assert duckdb_result == published(spec.compute(on_polars(workforce)))
    assert duckdb_result == published(spec.compute(on_duckdb(workforce)))


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
@pytest.mark.parametrize("backend", [on_duckdb, on_polars], ids=["duckdb", "polars"])
def test_not_calculable_on_an_empty_table(
    spec: core.IndicatorSpec, workforce: pl.DataFrame, backend: object
) -> None:
    table = backend(workforce.head(0))  # type: ignore[operator]
    result = spec.compute(table)
    assert not result.calculable
    published(result)  # and it still says so in JSON


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_not_calculable_without_its_columns(
    spec: core.IndicatorSpec, workforce: pl.DataFrame
) -> None:
    assert spec.columns, "an indicator names the columns it reads"
    result = spec.compute(on_duckdb(workforce.drop(spec.columns, strict=False)))
    assert not result.calculable


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
@pytest.mark.parametrize("column", ["employee_id", "sex"])
def test_without_employee_id_or_sex_the_input_is_bad(
    spec: core.IndicatorSpec, workforce: pl.DataFrame, column: str
) -> None:
    with pytest.raises(InputError):
        spec.compute(on_duckdb(workforce.drop(column)))

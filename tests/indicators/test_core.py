"""The shared indicator core: results, registry, input tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import pytest

from mixite.errors import InputError
from mixite.indicators import core
from mixite.workforce import synth
from mixite.workforce.load import load

if TYPE_CHECKING:
    from pathlib import Path


def test_a_reason_is_given_exactly_when_not_calculable() -> None:
    core.IndicatorResult(name="x", calculable=True, value=1.0)
    core.IndicatorResult(name="x", calculable=False, reason="empty")
    with pytest.raises(ValueError, match="reason"):
        core.IndicatorResult(name="x", calculable=False)
    with pytest.raises(ValueError, match="reason"):
        core.IndicatorResult(name="x", calculable=True, reason="empty")


def test_an_indicator_registers_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core, "REGISTRY", {})
    spec = core.IndicatorSpec(
        name="demo.one",
        framework="demo",
        title={"fr": "Démo", "en": "Demo"},
        columns=(),
        compute=lambda _table: core.IndicatorResult(name="demo.one", calculable=True),
    )
    core.register(spec)
    assert {"demo.one": spec} == core.REGISTRY
    with pytest.raises(ValueError, match="twice"):
        core.register(spec)


def test_inputs_are_loaded_once(tmp_path: Path) -> None:
    path = tmp_path / "s.parquet"
    synth.write(path, 40, 1)
    workforce = load(path)
    loaded = core.as_loaded(workforce)
    assert loaded.report is workforce.report
    polars_table = ibis.polars.connect().create_table("wf", workforce.to_polars())
    on_polars = core.as_loaded(polars_table)  # already loaded: used as is
    assert on_polars.report is None
    assert core.to_polars(on_polars.table.count().as_table()).item() == 40
    from_frame = core.as_loaded(workforce.to_polars().select("employee_id", "sex"))
    assert from_frame.report is not None  # loaded with default options


def test_a_loaded_table_without_sex_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "s.parquet"
    synth.write(path, 10, 1)
    table = load(path).table.drop("sex")
    with pytest.raises(InputError, match="sex"):
        core.as_loaded(table)

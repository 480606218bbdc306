"""Registry, backends and properties: DuckDB = Polars, row order, pay scale, GIP = rows."""

from __future__ import annotations

import io
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixite.indicators import directive
from mixite.indicators.core import REGISTRY, load_registry
from mixite.workforce import synth
from mixite.workforce.load import load
from mixite.workforce.readers.gip import COLUMNS, QUALITY_COLUMNS, read_gip
from tests.indicators.directive.helpers import dir01_rows, person, table

if TYPE_CHECKING:
    from pathlib import Path

    from mixite.indicators.directive.result import DirectiveResult

LETTERS = "ABCDEFG"
SLOW = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("synth") / "s.parquet"
    synth.write(path, 300, 5)
    return load(path)


def test_every_letter_is_registered() -> None:
    load_registry()
    names = {f"directive.{letter}" for letter in LETTERS}
    assert names <= set(REGISTRY)
    spec = REGISTRY["directive.G"]
    assert (spec.framework, spec.columns) == ("directive", ("base_pay", "job_category"))


@pytest.mark.parametrize("letter", LETTERS)
def test_registry_empty_table_is_not_calculable(letter: str) -> None:
    result = REGISTRY[f"directive.{letter}"].compute(table([]))
    data = result.to_dict()
    assert (data["calculable"], data["name"]) == (False, f"directive.{letter}")
    expected = {"F": "fewer_than_4_workers"}.get(letter, "no_women")
    assert data["reason"] == expected


@pytest.mark.parametrize("letter", LETTERS)
def test_registry_missing_columns_are_not_calculable(letter: str) -> None:
    spec = REGISTRY[f"directive.{letter}"]
    for column in spec.columns:
        data = spec.compute(table(dir01_rows(), drop=[column])).to_dict()
        assert (data["calculable"], data["reason"]) == (False, "missing_column"), column


@pytest.mark.parametrize("letter", LETTERS)
def test_registry_backends_agree_and_repeat(letter: str, synthetic: Any) -> None:
    spec = REGISTRY[f"directive.{letter}"]
    on_duckdb = spec.compute(synthetic.table)
    frame = synthetic.to_polars()
    import ibis  # noqa: PLC0415

    on_polars = spec.compute(ibis.polars.connect().create_table("wf", frame))
    assert on_duckdb.to_dict() == on_polars.to_dict()
    assert on_duckdb.to_dict() == spec.compute(synthetic.table).to_dict()
    assert on_duckdb.calculable


def test_whole_result_equal_on_both_backends(synthetic: Any) -> None:
    import ibis  # noqa: PLC0415

    polars_table = ibis.polars.connect().create_table("wf", synthetic.to_polars())
    for ties in ("split", "rank"):
        on_duckdb = directive.compute(synthetic, quartile_ties=ties)
        on_polars = directive.compute(polars_table, quartile_ties=ties)
        assert on_duckdb == on_polars  # every field but the lazy workers table
        assert on_duckdb.to_dict() == on_polars.to_dict()


def test_intermediate_tables(synthetic: Any) -> None:
    result = directive.compute(synthetic)
    workers = result.tables.workers
    assert workers is not None
    frame = workers.to_pyarrow().to_pylist()
    assert len(frame) == result.population.rows_read
    kept = [row for row in frame if row["excluded_reason"] is None]
    assert len(kept) == result.population.rows_used
    assert all(row["bands_annual"] and min(row["bands_annual"]) >= 1 for row in kept)
    blocks = result.tables.tie_blocks
    assert blocks is not None
    assert blocks.column_names == [
        "basis",
        "key",
        "t",
        "f",
        "p0",
        "q1",
        "q2",
        "q3",
        "q4",
    ]
    annual = [r for r in blocks.to_pylist() if r["basis"] == "annual"]
    assert sum(r["t"] for r in annual) == result.population.rows_used
    assert result.tables.categories is not None


# --- hypothesis: row order, pay scale --------------------------------------------------------

CATEGORIES = ("Agents", "Cadres", "Employés")


@st.composite
def workforces(draw: st.DrawFn, min_size: int = 0) -> list[dict[str, Any]]:
    n = draw(st.integers(min_value=min_size, max_value=24))
    rows = []
    for i in range(n):
        cents = draw(st.integers(min_value=100_000, max_value=8_000_000))
        variable = draw(st.sampled_from([0, 0, 50_000, 123_456, 300_000]))
        rows.append(
            person(
                f"P{i:03d}",
                draw(st.sampled_from(["F", "M"])),
                cents / 100,
                variable / 100,
                hours=float(draw(st.sampled_from([910, 1456, 1607, 1820]))),
                category=draw(st.sampled_from(CATEGORIES)),
            )
        )
    return rows


@given(rows=workforces(), seed=st.integers(min_value=0, max_value=2**16))
@SLOW
def test_results_do_not_depend_on_row_order(
    rows: list[dict[str, Any]], seed: int
) -> None:
    shuffled = list(rows)
    random.Random(seed).shuffle(shuffled)  # noqa: S311 - a test's reproducible shuffle
    for ties in ("split", "rank"):
        first = directive.compute(table(rows), quartile_ties=ties).to_dict()
        assert (
            directive.compute(
                table(shuffled, backend="polars"), quartile_ties=ties
            ).to_dict()
            == first
        )


@given(rows=workforces(min_size=4))
@SLOW
def test_gaps_do_not_depend_on_the_pay_scale(rows: list[dict[str, Any]]) -> None:
    doubled = [
        {**r, "base_pay": 2 * r["base_pay"], "variable_pay": 2 * r["variable_pay"]}
        for r in rows
    ]
    first, second = directive.compute(table(rows)), directive.compute(table(doubled))
    for letter in "ABCD":
        for basis in ("annual", "hourly"):
            a, b = (
                getattr(first.indicators[letter], basis),
                getattr(second.indicators[letter], basis),
            )
            assert (a.gap_ratio_exact, a.reason) == (b.gap_ratio_exact, b.reason)
    assert first.indicators.E == second.indicators.E
    one, two = (
        first.to_dict()["indicators"]["F"]["annual"],
        second.to_dict()["indicators"]["F"]["annual"],
    )
    assert [(b["women"], b["men"]) for b in one["bands"]] == [
        (b["women"], b["men"]) for b in two["bands"]
    ]


# --- the GIP-MDS file and employee-level rows agree (§11.3) ------------------------------------


def number(value: float | int | None, digits: int) -> str:
    if value is None:
        return ""
    rounded = Decimal(repr(float(value))).quantize(
        Decimal(1).scaleb(-digits), ROUND_HALF_UP
    )
    return str(rounded).replace(".", ",")


GAP_STEMS = {
    ("A", "annual"): ("Rem_globale_annuelle_moyenne", None),
    ("A", "hourly"): ("Taux_horaire_global_moyen", None),
    ("B", "annual"): ("Rem_variable_annuelle_moyenne", None),
    ("B", "hourly"): ("Taux_horaire_variable_moyen", None),
    ("C", "annual"): ("Rem_globale_annuelle_mediane", None),
    ("C", "hourly"): ("Taux_globale_annuelle_mediane", "Taux_horaire_global_median"),
    ("D", "annual"): ("Rem_variable_annuelle_mediane", None),
    ("D", "hourly"): ("Taux_horaire_variable_median", None),
}


def gip_line(result: DirectiveResult) -> dict[str, str]:
    """What GIP-MDS would publish for these workers: rounded amounts, 4-decimal ratios."""
    data = result.to_dict()
    pop, ind = data["population"], data["indicators"]
    cells = {
        "SIREN": "123456789",
        "Effectif_RCD": number(data["obligations"]["workforce"], 2),
    }
    for sex, key in (("F", "women"), ("H", "men")):
        cells[f"Effectif_{sex}_rem_annuelle_globale"] = number(pop["annual"][key], 2)
        cells[f"Effectif_{sex}_taux_horaire_global"] = number(pop["hourly"][key], 2)
        cells[f"Effectif_{sex}_rem_annuelle_variable"] = number(
            ind["E"][key]["beneficiaries"], 2
        )
        cells[f"Proportion_variable_{sex}"] = number(ind["E"][key]["ratio"], 4)
    for (letter, basis), (stem, gap_stem) in GAP_STEMS.items():
        gap = getattr(result.indicators[letter], basis)
        cells[f"{stem}_F"] = number(gap.women.value, 2)
        cells[f"{stem}_H"] = number(gap.men.value, 2)
        cells[f"{gap_stem or stem}_ecart"] = number(gap.gap_ratio, 4)
    for basis, seuil, stem in (
        ("annual", "Rem_globale", "Rem_globale_annuelle"),
        ("hourly", "Taux_horaire_global", "Taux_horaire_global"),
    ):
        f = ind["F"][basis]
        for q, value in enumerate(f["thresholds"] or [], start=1):
            cells[f"Seuil_Q{q}_{seuil}"] = number(value, 2)
        for band in f["bands"]:
            q = band["quartile"]
            for sex, key in (("F", "women"), ("H", "men")):
                cells[f"Quartile{q}_{stem}_nb_{sex}"] = number(band[key], 0)
                cells[f"Quartile{q}_{stem}_proportion_{sex}"] = number(
                    band[f"{key}_ratio"], 4
                )
    return cells


def gip_file(cells: dict[str, str]) -> bytes:
    header = [*COLUMNS, *QUALITY_COLUMNS]
    lines = [
        "destinataire;projet;horodatage;date_debut;date_fin;nb_lignes",
        "DGT;DTS;2027-03-01T06:00:00;2026-01-01;2026-12-31;1",
        ";".join(header),
        ";".join(cells.get(name, "") for name in header),
    ]
    return ("\n".join(lines) + "\n").encode()


@given(rows=workforces())
@SLOW
def test_gip_file_and_employee_rows_agree(rows: list[dict[str, Any]]) -> None:
    workforce = directive.compute(table(rows), quartile_ties="rank")
    (published,) = directive.from_gip(
        read_gip(io.BytesIO(gip_file(gip_line(workforce))))
    )
    ours, theirs = workforce.to_dict(), published.to_dict()
    assert theirs["population"] == {
        k: ours["population"][k] for k in ("annual", "hourly")
    }
    for letter in "ABCD":
        for basis in ("annual", "hourly"):
            mine, gip = (
                ours["indicators"][letter][basis],
                theirs["indicators"][letter][basis],
            )
            assert (gip["calculable"], gip["reason"]) == (
                mine["calculable"],
                mine["reason"],
            )
            assert gip["gap_ratio"] == mine["gap_ratio"]  # published on unrounded means
            assert (gip["women"], gip["men"]) == (mine["women"], mine["men"])
    for sex in (
        "women",
        "men",
    ):  # the display may differ: 54,5 % exact, 54,6 % published
        mine_e, gip_e = ours["indicators"]["E"][sex], theirs["indicators"]["E"][sex]
        assert {k: v for k, v in gip_e.items() if k != "display"} == {
            k: v for k, v in mine_e.items() if k != "display"
        }
    for basis in ("annual", "hourly"):
        mine, gip = ours["indicators"]["F"][basis], theirs["indicators"]["F"][basis]
        assert gip["calculable"] == mine["calculable"]
        if mine["calculable"]:
            assert gip["thresholds"] == mine["thresholds"]
            assert [(b["women"], b["men"], b["women_ratio"]) for b in gip["bands"]] == [
                (b["women"], b["men"], b["women_ratio"]) for b in mine["bands"]
            ]
    assert theirs["obligations"]["workforce"] == ours["obligations"]["workforce"]
    if ours["obligations"]["reason"] is None:  # no row, no period: not evaluated
        assert theirs["obligations"]["size_band"] == ours["obligations"]["size_band"]


def test_gip_and_rows_agree_on_dir01(tmp_path: Path) -> None:
    workforce = directive.compute(table(dir01_rows()), quartile_ties="rank")
    path = tmp_path / "gip.csv"
    path.write_bytes(gip_file(gip_line(workforce)))
    (published,) = directive.from_gip(str(path))
    a = published.to_dict()["indicators"]["A"]["annual"]
    assert (a["gap_ratio"], a["gap_source"]) == (0.186, "published")

"""The synthetic generator (workforce.md §7; acceptance examples §10.5 S1–S8)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import warnings
import zipfile
from typing import TYPE_CHECKING

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mixite.workforce import synth, synth_files

if TYPE_CHECKING:
    from pathlib import Path

    from numpy.typing import NDArray

S_ROWS = 200_000  # §10.5 S1–S5
PERIOD_END = dt.date(2025, 12, 31)


def frame(rows: int, seed: int, **options: object) -> pl.DataFrame:
    table = pa.Table.from_batches(synth.generate(rows, seed, **options))  # type: ignore[arg-type]
    result = pl.from_arrow(table)
    assert isinstance(result, pl.DataFrame)
    return result


@pytest.fixture(scope="module")
def s1() -> pl.DataFrame:
    """S1's table: 200,000 rows, seed 1, default effects."""
    return frame(S_ROWS, 1)


@pytest.fixture(scope="module")
def s5() -> pl.DataFrame:
    """S5's table: the same without effects."""
    return frame(S_ROWS, 1, effects=False)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def women_coefficient(table: pl.DataFrame) -> float:
    """S4: OLS of ln(FTE base pay without exclusions) on sex, csp × level, seniority, age."""
    data = table.filter(pl.col("contract").is_in(["permanent", "fixed_term"])).select(
        (
            (pl.col("base_pay") - pl.col("excluded_pay"))
            * 12
            / (pl.col("presence_months") * pl.col("fte"))
        )
        .log()
        .alias("y"),
        (pl.col("sex") == "F").cast(pl.Float64).alias("woman"),
        pl.concat_str("csp", "level").alias("cell"),
        (
            (
                pl.min_horizontal(pl.col("exit_date"), pl.lit(PERIOD_END))
                - pl.col("hire_date")
            ).dt.total_days()
            / 365.25
        ).alias("seniority_years"),
        (2025 - pl.col("birth_date").dt.year()).cast(pl.Float64).alias("age"),
    )
    cells = data.get_column("cell").to_dummies()  # one column per cell: the intercepts
    design = np.column_stack(
        [
            data.get_column("woman").to_numpy(),
            cells.to_numpy().astype(np.float64),
            data.get_column("seniority_years").to_numpy(),
            data.get_column("age").to_numpy(),
        ]
    )
    coefficients: NDArray[np.float64]
    coefficients, *_ = np.linalg.lstsq(
        design, data.get_column("y").to_numpy(), rcond=None
    )
    return float(coefficients[0])


def share(
    table: pl.DataFrame, condition: pl.Expr, within: pl.Expr | None = None
) -> float:
    rows = table if within is None else table.filter(within)
    return float(rows.select(condition.cast(pl.Float64).mean()).item())


# --- S1, S2: determinism -----------------------------------------------------------------
@pytest.mark.parametrize("name", ["a.parquet", "a.csv"])
def test_S1_S2_same_arguments_give_the_same_bytes(tmp_path: Path, name: str) -> None:
    first, second = tmp_path / "1" / name, tmp_path / "2" / name
    for path in (first, second):
        path.parent.mkdir()
        synth.write(path, S_ROWS, 1)
    assert sha256(first) == sha256(second)


@pytest.mark.parametrize("name", ["a.parquet", "a.csv", "a.xlsx"])
def test_another_seed_gives_another_file(tmp_path: Path, name: str) -> None:
    synth.write(tmp_path / f"1{name}", 500, 1)
    synth.write(tmp_path / f"2{name}", 500, 2)
    assert sha256(tmp_path / f"1{name}") != sha256(tmp_path / f"2{name}")


def test_xlsx_is_byte_identical_with_fixed_dates(tmp_path: Path) -> None:
    synth.write(tmp_path / "a.xlsx", 300, 5)
    synth.write(tmp_path / "b.xlsx", 300, 5)
    assert sha256(tmp_path / "a.xlsx") == sha256(tmp_path / "b.xlsx")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {
            (1980, 1, 1, 0, 0, 0)
        }
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2000-01-01T00:00:00Z") == 2  # created and modified


def test_chunks_do_not_depend_on_how_many_follow() -> None:
    """Chunk k draws from SeedSequence([seed, 0, k]) only: 2 chunks = the first 2 of 5."""
    two = list(synth.generate(2 * synth.CHUNK_ROWS, 9))
    five = synth.generate(5 * synth.CHUNK_ROWS, 9)
    assert [b.num_rows for b in two] == [synth.CHUNK_ROWS] * 2
    for alone, among_more in zip(two, itertools.islice(five, 2), strict=True):
        assert alone.equals(among_more)


def test_a_chunk_is_reproducible_on_its_own() -> None:
    first = next(itertools.islice(synth.generate(600_000, 4), 2, None))
    again = next(itertools.islice(synth.generate(600_000, 4), 2, None))
    assert first.equals(again)
    assert first.num_rows == 100_000
    assert first.column("employee_id")[0].as_py() == "E0500001"


# --- columns and types -------------------------------------------------------------------
def test_rows_columns_and_types() -> None:
    batches = list(synth.generate(300_000, 3))
    assert [b.num_rows for b in batches] == [250_000, 50_000]
    assert all(b.schema == synth.SCHEMA for b in batches)
    table = pa.Table.from_batches(batches)
    assert table.num_columns == 35
    assert table.schema.field("birth_date").type == pa.date32()
    assert table.schema.field("base_pay").type == pa.float64()
    assert table.schema.field("raised").type == pa.bool_()
    assert table.schema.field("work_accidents").type == pa.int64()
    nullable = {"exit_date", "exit_reason", "raised_after_leave"}
    assert {n for n in table.column_names if table.column(n).null_count} == nullable
    ids = table.column("employee_id").to_pylist()
    assert ids[0] == "E0000001"
    assert ids[-1] == "E0300000"
    assert len(set(ids)) == 300_000


def test_values_respect_the_canonical_ranges(s1: pl.DataFrame) -> None:
    checks = s1.select(
        c00=pl.col("sex").is_in(["F", "M"]).all(),
        c01=pl.col("csp").is_in(list(synth.CSPS)).all(),
        c02=pl.col("contract").is_in(list(synth.CONTRACTS)).all(),
        c03=pl.col("presence_months").is_between(0, 12).all(),
        c04=(pl.col("presence_months") > 0).all(),
        c05=pl.col("fte").is_between(0.5, 1).all(),
        c06=(pl.col("exit_date") >= pl.col("hire_date")).all(),
        c07=(pl.col("exit_date") < pl.lit(PERIOD_END)).all(),
        c08=(pl.col("hire_date") <= pl.lit(PERIOD_END)).all(),
        c09=(
            pl.col("excluded_pay") <= pl.col("base_pay") + pl.col("variable_pay")
        ).all(),
        c10=(pl.col("base_pay") >= 0).all(),
        c11=pl.col("training_hours").is_between(0, 2000).all(),
        c12=pl.col("absence_days").is_between(0, 366).all(),
        c13=(pl.col("level") == pl.col("job_category")).all(),
        c14=(pl.col("governing_body") <= pl.col("executive")).all(),
        c15=(pl.col("exit_reason").is_null() == pl.col("exit_date").is_null()).all(),
        c16=(
            pl.col("raised_after_leave").is_null() == ~pl.col("maternity_return")
        ).all(),
        c17=(pl.col("hired") == (pl.col("hire_date").dt.year() == 2025)).all(),
    ).row(0, named=True)
    assert [name for name, ok in checks.items() if not ok] == []
    ages = 2025 - s1.get_column("birth_date").dt.year()
    assert ages.min() == 16
    assert ages.max() == 64
    units = s1.get_column("unit").unique().sort()
    assert units.len() == 400  # 1 + min(200000 // 150, 399)
    assert units[0] == "Site 001"


def test_retirement_only_from_58_and_pay_only_for_those_present(
    s1: pl.DataFrame,
) -> None:
    retired = s1.filter(pl.col("exit_reason") == "retirement")
    assert min((2025 - retired.get_column("birth_date").dt.year()).to_list()) >= 58
    ic = s1.filter(pl.col("csp") == "ic", pl.col("fte") == 1.0)
    assert (ic.get_column("excluded_pay") > 0).sum() == ic.filter(
        pl.col("exit_reason").is_in(["dismissal", "mutual_termination"])
    ).height  # no overtime for ic: only severance is excluded


# --- S3: structure -----------------------------------------------------------------------
def test_S3_shares_of_women_and_of_part_time(s1: pl.DataFrame) -> None:
    woman = pl.col("sex") == "F"
    core = pl.col("contract").is_in(["permanent", "fixed_term"])
    part_time = pl.col("fte") < 1
    assert share(s1, woman) == pytest.approx(0.4317, abs=0.005)
    assert share(s1, woman, pl.col("csp") == "ic") == pytest.approx(0.378, abs=0.01)
    assert share(s1, part_time, core & woman) == pytest.approx(0.25, abs=0.01)
    assert share(s1, part_time, core & ~woman) == pytest.approx(0.07, abs=0.005)
    assert share(s1, woman, core) == pytest.approx(0.4295, abs=0.005)


def test_contract_and_csp_mix(s1: pl.DataFrame) -> None:
    contract = pl.col("contract")
    assert share(s1, contract == "permanent") == pytest.approx(0.86, abs=0.005)
    assert share(s1, contract == "apprentice") == pytest.approx(0.035, abs=0.002)
    work_study = contract.is_in(["apprentice", "professionalisation"])
    assert share(s1, pl.col("csp").is_in(["ouv", "emp"]), work_study) == 1.0
    assert share(s1, pl.col("csp") == "ic", ~work_study) == pytest.approx(
        0.20, abs=0.005
    )


# --- S4, S5 and §7.4: injected effects ---------------------------------------------------
def test_S4_regression_finds_the_pay_gap(s1: pl.DataFrame) -> None:
    assert women_coefficient(s1) == pytest.approx(np.log(1 - 0.08), abs=0.003)


def test_S5_no_effects_gives_no_gap(s5: pl.DataFrame) -> None:
    assert women_coefficient(s5) == pytest.approx(0.0, abs=0.003)
    raised = pl.col("raised")
    gap = share(s5, raised, pl.col("sex") == "M") - share(
        s5, raised, pl.col("sex") == "F"
    )
    assert abs(gap) < 0.01


def test_raise_and_promotion_gaps(s1: pl.DataFrame) -> None:
    """Rates 0.45 vs 0.42 and 0.08 vs 0.06; 4 standard errors as tolerance."""
    man, woman = pl.col("sex") == "M", pl.col("sex") == "F"
    raised, promoted = pl.col("raised"), pl.col("promoted")
    assert share(s1, raised, man) == pytest.approx(0.45, abs=0.006)
    assert share(s1, raised, woman) == pytest.approx(0.42, abs=0.006)
    assert share(s1, promoted, man) == pytest.approx(0.08, abs=0.004)
    assert share(s1, promoted, woman) == pytest.approx(0.06, abs=0.004)


def test_bonus_rate_of_women_is_cut_by_the_pay_gap(
    s1: pl.DataFrame, s5: pl.DataFrame
) -> None:
    """variable / base paid is the bonus rate (U(0.02, 0.08) below ic): × (1 − g)."""

    def rate_ratio(table: pl.DataFrame) -> float:
        rates = table.filter(pl.col("variable_pay") > 0, pl.col("csp") != "ic").select(
            pl.col("sex"),
            (
                pl.col("variable_pay") / (pl.col("base_pay") - pl.col("excluded_pay"))
            ).alias("rate"),
        )
        means = dict(rates.group_by("sex").agg(pl.col("rate").mean()).iter_rows())
        return float(means["F"] / means["M"])

    assert rate_ratio(s1) == pytest.approx(0.92, abs=0.01)  # SE of the ratio ≈ 0.002
    assert rate_ratio(s5) == pytest.approx(1.0, abs=0.01)


def test_glass_ceiling_only_with_effects(s1: pl.DataFrame, s5: pl.DataFrame) -> None:
    """Seniority does not depend on sex, so without effects levels do not either."""
    top = pl.col("level").is_in(["C3", "C4"])

    def gap(table: pl.DataFrame) -> float:
        ic = pl.col("csp") == "ic"
        men = share(table, top, ic & (pl.col("sex") == "M"))
        return men - share(table, top, ic & (pl.col("sex") == "F"))

    assert gap(s1) > 0.04  # the −0.25 latent shift moves about 6 points
    assert abs(gap(s5)) < 0.015  # 4 standard errors of a difference of shares


def test_pay_gap_option_moves_the_coefficient() -> None:
    table = frame(100_000, 2, pay_gap=0.2, raise_gap=0.0)
    assert women_coefficient(table) == pytest.approx(np.log(0.8), abs=0.005)
    assert share(table, pl.col("raised"), pl.col("sex") == "F") == pytest.approx(
        0.45, abs=0.01
    )


# --- S8: several years -------------------------------------------------------------------
def test_S8_three_years_carry_people_over() -> None:
    table = frame(1000, 1, years=3)
    assert table.group_by("period").len().sort("period").rows() == [
        (2023, 1000),
        (2024, 1000),
        (2025, 1000),
    ]
    assert table.select(pl.struct("employee_id", "period").is_unique().all()).item()
    for year in (2023, 2024):
        before = table.filter(pl.col("period") == year)
        after = table.filter(pl.col("period") == year + 1)
        stayed = before.filter(pl.col("exit_date").is_null())
        carried = after.head(stayed.height)
        assert (
            carried.get_column("employee_id").to_list()
            == stayed.get_column("employee_id").to_list()
        )  # in their previous order, first
        same = ["sex", "birth_date", "hire_date", "contract", "csp", "job"]
        assert carried.select(same).equals(stayed.select(same))
        assert not carried.get_column("hired").any()
        hires = after.tail(1000 - stayed.height)
        assert hires.get_column("hired").all()
        first_new = before.get_column("employee_id").max()
        assert hires.get_column("employee_id").min() > first_new  # type: ignore[operator]


def test_later_years_grow_pay_and_levels() -> None:
    table = frame(20_000, 6, years=2, effects=False)
    pay = (
        (pl.col("base_pay") - pl.col("excluded_pay"))
        * 12
        / (pl.col("presence_months") * pl.col("fte"))
    )
    keyed = table.select(
        "employee_id", "period", "level", "promoted", "raised", pay.alias("pay")
    )
    first = keyed.filter(pl.col("period") == 2024)
    second = keyed.filter(pl.col("period") == 2025)
    both = first.join(second, on="employee_id", suffix="_next")
    growth = both.select(
        (pl.col("pay_next") / pl.col("pay")).alias("growth"), "raised", "promoted"
    )
    plain = growth.filter(~pl.col("raised"), ~pl.col("promoted")).get_column("growth")
    assert plain.median() == pytest.approx(1.015, abs=0.001)  # rounding to cents only
    promoted = both.filter(
        pl.col("promoted"), pl.col("level").is_in(["O1", "E1", "T1"])
    )
    assert (promoted.get_column("level_next").str.slice(1) == "2").all()


def test_id_width_follows_rows_times_years() -> None:
    first = next(synth.generate(5_000_000, 1, years=2))
    assert first.column("employee_id")[0].as_py() == "E00000001"  # 10,000,000: 8 digits


# --- arguments ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"rows": 0}, "--rows"),
        ({"rows": -5}, "--rows"),
        ({"rows": 100_000_001}, "--rows"),
        ({"seed": -1}, "--seed"),
        ({"pay_gap": 0.6}, "--pay-gap"),
        ({"pay_gap": float("nan")}, "--pay-gap"),
        ({"raise_gap": 0.5}, "--raise-gap"),
        ({"promotion_gap": 0.1}, "--promotion-gap"),
        ({"years": 11}, "--years"),
        ({"years": 0}, "--years"),
        ({"period": 1995, "years": 10}, "--period"),
        ({"period": 2101}, "--period"),
    ],
)
def test_bad_arguments_are_refused_at_once(
    options: dict[str, object], words: str
) -> None:
    arguments: dict[str, object] = {"rows": 10, "seed": 1, **options}
    with pytest.raises(synth.SynthArgumentError, match=words):
        synth.generate(**arguments)  # type: ignore[arg-type]


def test_S7_xlsx_refuses_more_than_a_sheet_holds(tmp_path: Path) -> None:
    with pytest.raises(synth.SynthArgumentError, match="1,048,575 data rows"):
        synth.write(tmp_path / "x.xlsx", 2_000_000, 1)
    with pytest.raises(synth.SynthArgumentError, match="1,048,575 data rows"):
        synth.write(tmp_path / "x.xlsx", 600_000, 1, years=2)
    assert list(tmp_path.iterdir()) == []


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(synth.SynthArgumentError, match="extension"):
        synth.write(tmp_path / "x.json", 10, 1)
    assert list(tmp_path.iterdir()) == []


# --- file formats ------------------------------------------------------------------------
def test_parquet_is_canonical_with_one_row_group_per_chunk(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    synth.write(path, 300_000, 2, style="fr")  # Parquet ignores the style
    meta = pq.ParquetFile(path).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [
        250_000,
        50_000,
    ]
    assert meta.row_group(0).column(0).compression == "ZSTD"
    table = pq.read_table(path)
    assert table.schema == synth.SCHEMA
    assert table.equals(pa.Table.from_batches(synth.generate(300_000, 2)))


def test_canonical_csv_holds_the_generated_values(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    synth.write(path, 2000, 3, style="canonical")
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    lines = raw.decode().splitlines()
    assert lines[0] == ",".join(synth.SCHEMA.names)
    read = pl.read_csv(io.BytesIO(raw), try_parse_dates=True, infer_schema_length=None)
    made = frame(2000, 3)
    assert read.get_column("employee_id").equals(made.get_column("employee_id"))
    assert read.get_column("hire_date").equals(made.get_column("hire_date"))
    assert read.get_column("raised_after_leave").equals(
        made.get_column("raised_after_leave")
    )
    for name, tolerance in (("base_pay", 0.0), ("presence_months", 5e-5), ("fte", 0.0)):
        assert np.allclose(read[name], made[name], rtol=0, atol=tolerance)
    first = dict(zip(lines[0].split(","), lines[1].split(","), strict=True))
    assert first["presence_months"].split(".")[1].__len__() == 4
    assert first["base_pay"].split(".")[1].__len__() == 2
    assert first["fte"] in {"0.50", "0.60", "0.70", "0.80", "0.90", "1.00"}
    assert first["training_hours"].split(".")[1].__len__() == 1
    assert "." not in first["absence_days"]
    assert first["raised"] in {"true", "false"}


def test_french_csv_follows_the_french_conventions(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    synth.write(path, 3000, 4)  # fr is the default style
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].decode("utf-8").split("\n")
    assert lines[-1] == ""  # \n after the last row
    header = lines[0].split(";")
    assert header[:4] == ["Matricule", "Sexe", "Année", "Date de naissance"]
    assert "Taux d'activité (%)" in header
    assert "Embauche dans l'année" in header
    assert len(header) == 35
    rows = [dict(zip(header, line.split(";"), strict=True)) for line in lines[1:-1]]
    assert len(rows) == 3000
    assert {r["Sexe"] for r in rows} == {"F", "H"}
    assert {r["CSP"] for r in rows} == {"Ouvrier", "Employé", "TAM", "Cadre"}
    assert {r["Type de contrat"] for r in rows} == {
        "CDI",
        "CDD",
        "Apprentissage",
        "Professionnalisation",
    }
    assert {r["Augmentation individuelle"] for r in rows} == {"Oui", "Non"}
    assert {r["Taux d'activité (%)"] for r in rows} <= {
        "50",
        "60",
        "70",
        "80",
        "90",
        "100",
    }
    assert {r["Motif de sortie"] for r in rows} >= {"", "Fin de CDD", "Démission"}
    first = rows[0]
    born = dt.datetime.strptime(first["Date de naissance"], "%d/%m/%Y")  # noqa: DTZ007
    assert 1960 <= born.year <= 2009
    whole, cents = first["Salaire de base annuel"].split(",")
    assert whole.isdigit()
    assert len(cents) == 2
    assert len(first["Mois de présence"].split(",")[1]) == 4


def test_french_headers_are_the_first_french_synonyms() -> None:
    headers = synth_files.french_headers()
    assert headers["employee_id"] == "Matricule"
    assert headers["job_category"] == "Catégorie de valeur égale"
    assert headers["fte"] == "Taux d'activité (%)"
    assert headers["hired"] == "Embauche dans l'année"
    assert len(set(headers.values())) == 35


@pytest.mark.slow
def test_S1_parquet_passes_validation(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    synth.write(path, S_ROWS, 1)
    report = _validate(path)
    assert report.ok  # type: ignore[attr-defined]
    assert report.counts == {"fatal": 0, "error": 0, "warning": 0}  # type: ignore[attr-defined]


def test_xlsx_cells_are_typed_and_labelled(tmp_path: Path) -> None:
    from openpyxl import load_workbook  # noqa: PLC0415

    path = tmp_path / "a.xlsx"
    synth.write(path, 200, 8)
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 201
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[0] == "Matricule"
    assert isinstance(first["Date de naissance"], dt.datetime)  # a typed date cell
    assert isinstance(first["Salaire de base annuel"], float)
    assert first["Taux d'activité (%)"] in {50, 60, 70, 80, 90, 100}
    assert first["Sexe"] in {"F", "H"}
    assert first["Augmentation individuelle"] in {"Oui", "Non"}
    cells = next(
        iter(load_workbook(path).worksheets[0].iter_rows(min_row=2, max_row=2))
    )
    assert cells[header.index("Date d'entrée")].number_format == "dd/mm/yyyy"


def test_write_replaces_an_existing_file_only_when_done(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("old")
    synth.write(path, 10, 1, style="canonical")
    assert path.read_text().startswith("employee_id,")
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_on_batch_reports_every_row(tmp_path: Path) -> None:
    seen: list[int] = []
    synth.write(tmp_path / "a.parquet", 260_000, 1, years=2, on_batch=seen.append)
    assert seen == [250_000, 10_000, 250_000, 10_000]


# --- §10.5 with the loader (skipped until mixite.workforce.load exists) -----------------
def _validate(path: Path) -> object:
    loader = pytest.importorskip("mixite.workforce.load")
    with (
        warnings.catch_warnings()
    ):  # ibis 12 on duckdb 2 (not ours): fetch_arrow_table()
        warnings.filterwarnings("ignore", "fetch_arrow_table", DeprecationWarning)
        return loader.validate(path)


@pytest.mark.slow
def test_S2_csv_passes_import_check(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    synth.write(path, S_ROWS, 1)
    report = _validate(path)
    assert report.ok  # type: ignore[attr-defined]


def test_C37_french_csv_maps_every_column(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    synth.write(path, 1000, 7, style="fr")
    report = _validate(path)
    assert report.ok  # type: ignore[attr-defined]
    columns = report.mapping.columns  # type: ignore[attr-defined]
    origins = {name: origin for name, (_, origin) in columns.items()}
    assert len(origins) == 35
    exact = {name for name, origin in origins.items() if origin == "exact"}
    assert exact == {"csp", "manager"}
    assert set(origins.values()) == {"exact", "synonym"}
    assert report.counts_by_key.get("column.fte_percent_scale") == 1  # type: ignore[attr-defined]
    assert report.counts["error"] == 0  # type: ignore[attr-defined]


# --- S6: memory --------------------------------------------------------------------------
@pytest.mark.slow
def test_S6_ten_million_rows_stay_under_4_gib(tmp_path: Path) -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    script = (
        "import resource, sys\n"
        "from mixite.workforce import synth\n"
        "synth.write(sys.argv[1], 10_000_000, 3)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    path = tmp_path / "big.parquet"
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    peak_kib = int(done.stdout.strip())
    assert peak_kib < 4 * 1024 * 1024
    assert pq.ParquetFile(path).metadata.num_rows == 10_000_000

"""Cell parsing (workforce spec §3.5) and the acceptance examples of §10.1 and §10.2."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mixite.workforce.cells import (
    excel_serial_to_date,
    fte_percent_scale,
    parse_booleans,
    parse_codes,
    parse_dates,
    parse_frame,
    parse_ids,
    parse_numbers,
    parse_text,
)
from mixite.workforce.mapping import ColumnMapping
from mixite.workforce.options import Options
from mixite.workforce.report import Message, ReportBuilder

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"


def numbers(
    cells: Sequence[str | None],
    *,
    allow_percent: bool = False,
    decimal: str | None = None,
    csv_delimiter: str | None = ";",
) -> list[float | None]:
    outcome = parse_numbers(
        pl.Series(list(cells), dtype=pl.String),
        column="base_pay",
        allow_percent=allow_percent,
        decimal=decimal,
        csv_delimiter=csv_delimiter,
    )
    return outcome.values.to_list()


def number(cell: str) -> float | None:
    """One cell alone in a ";" file's column (so the column's decimal mark is the comma)."""
    return numbers([cell])[0]


def is_invalid_number(cell: str, *, allow_percent: bool = False) -> bool:
    outcome = parse_numbers(
        pl.Series([cell]),
        column="x",
        allow_percent=allow_percent,
        decimal=None,
        csv_delimiter=";",
    )
    return bool(outcome.invalid[0]) and outcome.values[0] is None


# --- text and identifiers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("  Dupont  ", "Dupont"),
        (f"Jean{NBSP}{NNBSP} \t Dupont", "Jean Dupont"),
        ("Cafe\u0301", "Café"),  # NFC
        ("Niveau B", "Niveau B"),  # case kept
        (f" {NBSP}{NNBSP} ", None),
        ("", None),
        (None, None),
    ],
)
def test_text_is_nfc_trimmed_and_collapsed(
    cell: str | None, expected: str | None
) -> None:
    assert parse_text(pl.Series([cell], dtype=pl.String)).to_list() == [expected]


@pytest.mark.parametrize(
    ("cell", "expected", "scientific"),
    [
        ("00123", "00123", False),  # §3.5: 00123 stays 00123
        ("A001", "A001", False),  # C1
        ("1,23457E+12", "1,23457E+12", True),  # E24: warning, kept as text
        ("1.23E+12", "1.23E+12", True),
        (" B 12 ", "B 12", False),
    ],
)
def test_ids(cell: str, expected: str, *, scientific: bool) -> None:
    values, flagged = parse_ids(pl.Series([cell]))
    assert values.to_list() == [expected]
    assert flagged.to_list() == [scientific]


def test_C31_C36_integer_valued_numeric_ids_lose_their_decimals() -> None:
    assert parse_ids(pl.Series([123.0, None])).values.to_list() == ["123", None]
    assert parse_ids(pl.Series([42], dtype=pl.Int64)).values.to_list() == ["42"]


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("48 000,00", 48000.0),  # C1
        ("3 500,50", 3500.5),  # C1
        (f"32{NBSP}500,50", 32500.5),  # C2
        (f"2{NNBSP}000", 2000.0),  # C2
        ("1.234,56", 1234.56),  # C2
        ("1,234.56", 1234.56),  # C2
        ("1,5", 1.5),  # C2
        (",5", 0.5),  # C2
        ("1.234.567", 1234567.0),  # C2
        ("1,234", 1.234),  # C3: alone in a ";" file, tie -> comma
        ("-1 200", -1200.0),  # E8 (the negative amount is validation's error)
        ("(150,00)", -150.0),  # E9
        ("1,1", 1.1),  # C18 (capping is validation's)
        (f"1{NBSP}234,56", 1234.56),
        (f"1{NNBSP}234,56", 1234.56),
        ("1 234,56", 1234.56),
        (f"1{THIN}234,56", 1234.56),
        ("1’234.5", 1234.5),
        ("1 234 567", 1234567.0),
        ("(12,5)", -12.5),  # step 1: parentheses
        ("−3,5", -3.5),  # step 1: U+2212
        ("+4", 4.0),  # step 1: leading + dropped
        ("12 €", 12.0),  # step 2
        ("€12", 12.0),
        ("1 200,50 EUR", 1200.5),
        ("eur 7", 7.0),
        ("-€150", -150.0),
        ("(1 000 €)", -1000.0),
        (".5", 0.5),  # step 5: ^[.,]\d+$
        ("1,5E3", 1500.0),  # step 5: scientific notation
        ("2e-2", 0.02),
        ("0042", 42.0),
        ("0,500", 0.5),  # a 0 before the mark cannot be a thousands group
        ("1234,567", 1234.567),  # nor four digits before it
        (
            "1 234,567",
            1234.567,
        ),  # after group spaces, [.,]\d+ is the decimal part (step 4)
        ("", None),
        ("   ", None),
    ],
)
def test_number_cells(cell: str, expected: float | None) -> None:
    assert number(cell) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "CHF 100",  # E26: other currency letters
        "$100",  # other currency sign
        "12 abc",
        "1e400",  # not a finite float64
        "inf",
        "nan",
        "1_000",
        "1 23",  # group of two digits
        "12 345 67",
        "1.2.3",
        "1,2,3",
        "1.234,567.8",
        "(-5)",  # two signs
        "--5",
        "5-",
        "80 %",  # % only for fte
        "12/03",
        "١٢٣",  # digits of another script
        "1,23,456",
    ],
)
def test_number_invalid(cell: str) -> None:
    assert is_invalid_number(cell)


def test_C4_column_mark_comma_reads_12_345_as_twelve_thousand() -> None:
    assert numbers(["12.345", "1 200,50", "980,75"]) == [12345.0, 1200.5, 980.75]


def test_column_mark_dot_reads_12_345_as_a_decimal() -> None:
    assert numbers(["12.345", "1,200.50", "980.75"]) == [12.345, 1200.5, 980.75]


def test_step6_tie_in_a_comma_delimited_csv_gives_the_dot_so_1_234_is_1234() -> None:
    # §3.5 step 6: a tie (none unambiguous) gives the comma, except in a CSV whose delimiter
    # is ",", where it gives the dot: "1,234" then uses the other mark -> thousands.
    assert numbers(["1,234"], csv_delimiter=",") == [1234.0]
    assert numbers(["1,234"], csv_delimiter=";") == [1.234]
    assert numbers(["1,234"], csv_delimiter=None) == [1.234]  # XLSX text cell


def test_step6_tie_with_votes_on_both_sides() -> None:
    # one comma and one dot vote: a tie, so the comma, and "1.234" uses the other mark
    assert numbers(["1,5", "2.5", "1.234"]) == [1.5, 2.5, 1234.0]
    assert numbers(["1,5", "2.5", "1.234"], csv_delimiter=",") == [1.5, 2.5, 1.234]


def test_C2_numbers_in_one_column_fast_and_slow_paths_together() -> None:
    cells: list[str | None] = [
        f"32{NBSP}500,50",
        f"2{NNBSP}000",
        "1.234,56",
        "1,234.56",
        "1,5",
        ",5",
    ]
    cells += ["1.234.567", "(12,5)", "CHF 100", None, "7"]
    expected = [32500.5, 2000.0, 1234.56, 1234.56, 1.5, 0.5, 1234567.0, -12.5, None]
    assert numbers(cells) == [*expected, None, 7.0]


def test_step6_decimal_option_forces_the_mark() -> None:
    cells = ["1,234", "1,5", "2,5"]  # majority comma
    assert numbers(cells, decimal=".") == [1234.0, 1.5, 2.5]
    assert numbers(["1.234", "2.25"], decimal=",") == [1234.0, 2.25]


def test_C5_apostrophe_groups_in_a_comma_delimited_file() -> None:
    assert numbers(["3'500.75"], csv_delimiter=",") == [3500.75]


def test_C33_quoted_space_grouped_cell_in_a_comma_file() -> None:
    outcome = parse_numbers(
        pl.Series(["32 500,50", "1,234"]),
        column="base_pay",
        allow_percent=False,
        decimal=None,
        csv_delimiter=",",
    )
    assert outcome.values.to_list() == [32500.5, 1.234]  # the grouped cell votes comma
    assert outcome.decimal_used == ","


def test_percent_only_for_fte_and_divided_exactly() -> None:
    outcome = parse_numbers(
        pl.Series(["80 %", "33,3%", "0,8", None]),
        column="fte",
        allow_percent=True,
        decimal=None,
        csv_delimiter=";",
    )
    assert outcome.values.to_list() == [0.8, 0.333, 0.8, None]  # C1: 80 % -> 0.8
    assert outcome.percent_cells.to_list() == [True, True, False, False]
    assert outcome.invalid.to_list() == [False] * 4


def test_typed_numbers_are_kept_and_non_finite_ones_invalid() -> None:
    outcome = parse_numbers(
        pl.Series([1.5, math.inf, None, math.nan]),
        column="base_pay",
        allow_percent=False,
        decimal=None,
        csv_delimiter=None,
    )
    assert outcome.values.to_list() == [1.5, None, None, None]
    assert outcome.invalid.to_list() == [False, True, False, True]


@given(cells=st.lists(st.one_of(st.none(), st.text(max_size=20)), max_size=30))
def test_numbers_never_raise_and_every_cell_is_a_float_or_flagged(
    cells: list[str | None],
) -> None:
    outcome = parse_numbers(
        pl.Series(cells, dtype=pl.String),
        column="fte",
        allow_percent=True,
        decimal=None,
        csv_delimiter=";",
    )
    texts = parse_text(pl.Series(cells, dtype=pl.String)).to_list()
    for text, value, invalid in zip(
        texts, outcome.values.to_list(), outcome.invalid.to_list(), strict=True
    ):
        if text is None:
            assert value is None
            assert not invalid
        elif invalid:
            assert value is None
        else:
            assert isinstance(value, float)
            assert math.isfinite(value)


# --- fte scaling (§2.4) -------------------------------------------------------------------


def test_C17_fte_column_of_percents_without_percent_sign() -> None:
    scaled, applied = fte_percent_scale(
        pl.Series([100.0, 80.0, 50.0]), header_has_percent=False
    )
    assert applied
    assert scaled.to_list() == [1.0, 0.8, 0.5]


@pytest.mark.parametrize(
    ("values", "header_has_percent", "applied"),
    [
        ([0.8, 1.0, 0.5], True, False),  # a % header over ratios
        ([0.8, 1.0, 0.5], False, False),
        ([1.0, 1.0, 80.0], True, True),  # median 1.0, but % header and max > 1.5
        ([1.0, 1.0, 80.0], False, False),
        ([80.0, 120.0, 100.0], False, False),  # a value above 100
        ([-5.0, 80.0, 90.0], False, False),  # a value below 0
        ([None, None], False, False),
    ],
)
def test_fte_percent_scale_rule(
    values: list[float | None], *, header_has_percent: bool, applied: bool
) -> None:
    series = pl.Series(values, dtype=pl.Float64)
    _, done = fte_percent_scale(series, header_has_percent=header_has_percent)
    assert done is applied


def test_fte_cells_written_with_percent_are_not_scaled_again() -> None:
    values = pl.Series([0.8, 90.0, 100.0])  # "80 %" already divided, then 90, 100
    scaled, applied = fte_percent_scale(
        values,
        header_has_percent=False,
        percent_cells=pl.Series([True, False, False]),
    )
    assert applied
    assert scaled.to_list() == [0.8, 0.9, 1.0]


# --- dates --------------------------------------------------------------------------------

MARCH_5 = dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    "cell",
    [  # C9
        "05/03/2024",
        "2024-03-05",
        "5.3.2024",
        "05-03-2024",
        "20240305",
        "05032024",
        "2024-03-05T00:00:00",
        # other accepted forms
        "5/3/2024",
        "2024/03/05",
        "2024-03-05 00:00:00",
        "2024-03-05T08:30:00+01:00",
        " 05/03/2024 ",
    ],
)
def test_C9_dates(cell: str) -> None:
    values, invalid, out_of_range = parse_dates(pl.Series([cell]))
    assert values.to_list() == [MARCH_5]
    assert not invalid[0]
    assert not out_of_range[0]


def test_C9_dates_in_one_column() -> None:
    cells = [
        "05/03/2024",
        "2024-03-05",
        "5.3.2024",
        "05-03-2024",
        "20240305",
        "05032024",
        "2024-03-05T00:00:00",
        None,
        "31/02/2024",
        "1899-12-31",
    ]
    values, invalid, out_of_range = parse_dates(pl.Series(cells))
    assert values.to_list() == [MARCH_5] * 7 + [None] * 3
    assert invalid.to_list() == [False] * 8 + [True, False]
    assert out_of_range.to_list() == [False] * 9 + [True]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("15/06/1988", dt.date(1988, 6, 15)),  # C1
        ("29/02/2024", dt.date(2024, 2, 29)),
        ("20250305", dt.date(2025, 3, 5)),  # yyyymmdd
        ("05032025", dt.date(2025, 3, 5)),  # not a yyyymmdd date -> ddmmyyyy
        ("1900-01-01", dt.date(1900, 1, 1)),
        ("2100-12-31", dt.date(2100, 12, 31)),
        ("01/01/2020", dt.date(2020, 1, 1)),  # E19: the age check is validation's
    ],
)
def test_dates(cell: str, expected: dt.date) -> None:
    assert parse_dates(pl.Series([cell])).values.to_list() == [expected]


@pytest.mark.parametrize(
    "cell",
    [
        "31/02/2024",  # E16: impossible
        "03/25/2024",  # E17: month 25
        "05/03/24",  # E18: two-digit year
        "29/02/2023",
        "2024-13-01",
        "05/03-2024",  # two different separators
        "5 mars 2024",
        "2024",
        "99999999",
        "00000000",
    ],
)
def test_date_invalid(cell: str) -> None:
    values, invalid, out_of_range = parse_dates(pl.Series([cell]))
    assert values.to_list() == [None]
    assert invalid.to_list() == [True]
    assert out_of_range.to_list() == [False]


@pytest.mark.parametrize("cell", ["1899-12-31", "31/12/1899", "2101-01-01", "01012101"])
def test_dates_outside_1900_2100_are_out_of_range(cell: str) -> None:
    values, invalid, out_of_range = parse_dates(pl.Series([cell]))
    assert values.to_list() == [None]
    assert invalid.to_list() == [False]
    assert out_of_range.to_list() == [True]


def test_date_order_mdy_reads_month_first_and_keeps_iso() -> None:
    cells = pl.Series(["03/05/2024", "2024-03-05", "03/25/2024", "25/03/2024"])
    values, invalid, _ = parse_dates(cells, date_order="mdy")
    assert values.to_list() == [MARCH_5, MARCH_5, dt.date(2024, 3, 25), None]
    assert invalid.to_list() == [False, False, False, True]


@given(cells=st.lists(st.one_of(st.none(), st.text(max_size=24)), max_size=30))
def test_dates_never_raise_and_every_cell_is_a_date_or_flagged(
    cells: list[str | None],
) -> None:
    values, invalid, out_of_range = parse_dates(pl.Series(cells, dtype=pl.String))
    texts = parse_text(pl.Series(cells, dtype=pl.String)).to_list()
    for text, value, bad, outside in zip(
        texts, values.to_list(), invalid.to_list(), out_of_range.to_list(), strict=True
    ):
        assert (value is not None) + bad + outside == (text is not None)


def test_empty_date_cells_are_null_not_invalid() -> None:
    values, invalid, _ = parse_dates(pl.Series(["", "  ", None], dtype=pl.String))
    assert values.to_list() == [None, None, None]
    assert invalid.to_list() == [False, False, False]


def test_typed_datetimes_lose_their_time() -> None:
    cells = pl.Series([dt.datetime(2024, 3, 5, 8, 30), dt.datetime(1850, 1, 1)])  # noqa: DTZ001 - naive, as in a sheet
    values, _, out_of_range = parse_dates(cells)
    assert values.to_list() == [MARCH_5, None]
    assert out_of_range.to_list() == [False, True]


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (45658, dt.date(2025, 1, 1)),  # C31
        (45658.75, dt.date(2025, 1, 1)),  # the time part is dropped
        (1, dt.date(1900, 1, 1)),
        (59, dt.date(1900, 2, 28)),
        (60, None),  # the non-existent 1900-02-29
        (61, dt.date(1900, 3, 1)),
        (0, None),
        (-3, None),
    ],
)
def test_excel_serials_1900(serial: float, expected: dt.date | None) -> None:
    series = pl.Series([float(serial)])
    assert excel_serial_to_date(series).to_list() == [expected]


def test_excel_serials_1904() -> None:
    series = pl.Series([0.0, 44196.0])
    dates = excel_serial_to_date(series, date1904=True).to_list()
    assert dates == [dt.date(1904, 1, 1), dt.date(2025, 1, 1)]


# --- booleans -----------------------------------------------------------------------------


def test_C7_booleans_with_an_explicit_false_token_are_not_ticks() -> None:
    values, invalid, ticks = parse_booleans(pl.Series(["Oui", "non", "X", "0", "N"]))
    assert values.to_list() == [True, False, True, False, False]
    assert not invalid.any()
    assert not ticks


def test_C8_tick_column_reads_empty_as_false() -> None:
    values, invalid, ticks = parse_booleans(pl.Series(["X", None, "X", "", " "]))
    assert values.to_list() == [True, False, True, False, False]
    assert not invalid.any()
    assert ticks


def test_tick_marks_mixed_x_and_check_marks() -> None:
    values, _, ticks = parse_booleans(pl.Series(["x", "✓", None, "✔", "✔\ufe0f"]))
    assert values.to_list() == [True, True, False, True, True]
    assert ticks


def test_a_column_of_oui_and_blanks_is_not_a_tick_column() -> None:
    values, _, ticks = parse_booleans(pl.Series(["Oui", None, "Oui", ""]))
    assert values.to_list() == [True, None, True, None]
    assert not ticks


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        *(
            (word, True)
            for word in ["oui", "O", "Yes", "y", "VRAI", "true", "1", "x", "✓"]
        ),
        *((word, False) for word in ["Non", "n", "NO", "faux", "False", "0"]),
        ("Oui.", True),  # normalised
        (" Non ", False),
    ],
)
def test_boolean_words(cell: str, *, expected: bool) -> None:
    values, invalid, _ = parse_booleans(pl.Series([cell, "peut-être"]))
    assert values.to_list() == [expected, None]
    assert invalid.to_list() == [False, True]


@pytest.mark.parametrize("cell", ["peut-être", "??", "-", "2", "oui non"])  # E25, §3.5
def test_boolean_invalid(cell: str) -> None:
    values, invalid, ticks = parse_booleans(pl.Series([cell, None]))
    assert values.to_list() == [None, None]
    assert invalid.to_list() == [True, False]
    assert not ticks


def test_typed_booleans_are_kept() -> None:
    values, invalid, _ = parse_booleans(pl.Series([True, None, False]))
    assert values.to_list() == [True, None, False]
    assert not invalid.any()


# --- codes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [
        # C6
        ("sex", "H", "M"),
        ("sex", "Femme", "F"),
        ("sex", "2", "F"),
        ("sex", "1", "M"),
        ("sex", "Mme", "F"),
        ("sex", "M.", "M"),
        ("sex", "F", "F"),  # C1
        ("csp", "Cadre", "ic"),  # C1
        ("csp", "I&C", "ic"),
        ("csp", "388a", "ic"),  # C29: PCS-ESE
        ("csp", "Agent de maîtrise", "tam"),  # C29
        ("csp", "Employé", "emp"),  # C32
        ("csp", "46ab", None),
        ("csp", "6", None),  # C29: bare digits are not CSP codes
        ("csp", "Directeur", None),  # E13
        # C28
        ("contract", "CDI", "permanent"),
        ("contract", "Intérim", "temp_agency"),
        ("contract", "Contrat pro", "professionalisation"),
        ("contract", "Stagiaire", "intern"),
        ("contract", "fixed_term", "fixed_term"),  # a code itself
        ("contract", "Alternance", None),  # E14
        ("exit_reason", "Démission", "resignation"),
    ],
)
def test_codes(column: str, cell: str, expected: str | None) -> None:
    values, unknown = parse_codes(pl.Series([cell]), column=column, value_table=None)
    assert values.to_list() == [expected]
    assert unknown.to_list() == [expected is None]


@pytest.mark.parametrize("cell", ["??", "-", "X"])  # E38, E3
def test_codes_empty_after_normalisation_are_unknown_not_empty(cell: str) -> None:
    values, unknown = parse_codes(
        pl.Series([cell, "", None]), column="sex", value_table=None
    )
    assert values.to_list() == [None, None, None]
    assert unknown.to_list() == [True, False, False]


def test_E15_unknown_exit_reason_is_other() -> None:
    cells = pl.Series(["Départ volontaire", "Retraite", None])
    values, unknown = parse_codes(cells, column="exit_reason", value_table=None)
    assert values.to_list() == ["other", "retirement", None]
    assert unknown.to_list() == [True, False, False]


def test_mapping_file_value_table_wins() -> None:
    table = {"0": "M", "1": "F"}  # §4.4 example, keys normalised
    values, _ = parse_codes(
        pl.Series(["1", "0", "Femme"]), column="sex", value_table=table
    )
    assert values.to_list() == ["F", "M", "F"]
    csp_table = {"agent de maitrise principal": "tam", "directeur": "ic"}
    cells = pl.Series(["Agent de maîtrise principal", "Directeur", "Cadre"])
    values, _ = parse_codes(cells, column="csp", value_table=csp_table)
    assert values.to_list() == ["tam", "ic", "ic"]


# --- a whole sheet ------------------------------------------------------------------------


def _mapping(columns: Mapping[str, tuple[str, ...]]) -> ColumnMapping:
    return ColumnMapping(columns=columns, origins=dict.fromkeys(columns, "exact"))


def _parse(
    frame: pl.DataFrame,
    columns: Mapping[str, tuple[str, ...]],
    *,
    csv_delimiter: str | None = ";",
    percent_columns: frozenset[str] = frozenset(),
    date_columns: frozenset[str] = frozenset(),
    mixed_columns: frozenset[str] = frozenset(),
) -> tuple[pl.DataFrame, list[Message]]:
    report = ReportBuilder()
    out = parse_frame(
        frame,
        mapping=_mapping(columns),
        options=Options(),
        file="rh.csv",
        report=report,
        csv_delimiter=csv_delimiter,
        percent_columns=percent_columns,
        date_columns=date_columns,
        mixed_columns=mixed_columns,
    )
    return out, list(report.build().messages)


def test_C1_row_parses_to_typed_canonical_values() -> None:
    frame = pl.DataFrame(
        {
            "Matricule": ["A001"],
            "Sexe": ["F"],
            "Date de naissance": ["15/06/1988"],
            "CSP": ["Cadre"],
            "Salaire de base": ["48 000,00"],
            "Primes": ["3 500,50"],
            "Taux d'activité": ["80 %"],
            "_source_row": [2],
        }
    )
    columns = {
        "employee_id": ("Matricule",),
        "sex": ("Sexe",),
        "birth_date": ("Date de naissance",),
        "csp": ("CSP",),
        "base_pay": ("Salaire de base",),
        "variable_pay": ("Primes",),
        "fte": ("Taux d'activité",),
    }
    out, messages = _parse(frame, columns)
    assert messages == []
    assert out.row(0, named=True) == {
        "_source_file": "rh.csv",
        "_source_row": 2,
        "employee_id": "A001",
        "sex": "F",
        "birth_date": dt.date(1988, 6, 15),
        "csp": "ic",
        "fte": 0.8,
        "base_pay": 48000.0,
        "variable_pay": 3500.5,
        "_rejected_key": None,
    }


def test_bad_cells_are_reported_with_row_column_and_original_text() -> None:
    frame = pl.DataFrame(
        {
            "Matricule": ["A1", "A2", "A3", "A4"],
            "Sexe": ["F", "X", "H", "??"],
            "Salaire": ["CHF 100", "1 000", " 12abc ", ""],
            "Entrée": ["31/02/2024", "2024-01-01", "1899-12-31", ""],
            "Promu": ["peut-être", "Oui", "", "Non"],
            "CSP": ["Directeur", "Cadre", "", "ouv"],
            "Contrat": ["Alternance", "CDI", "", ""],
            "Motif": ["", "Départ volontaire", "", ""],
            "_source_row": [2, 3, 5, 6],
        }
    )
    columns = {
        "employee_id": ("Matricule",),
        "sex": ("Sexe",),
        "base_pay": ("Salaire",),
        "hire_date": ("Entrée",),
        "promoted": ("Promu",),
        "csp": ("CSP",),
        "contract": ("Contrat",),
        "exit_reason": ("Motif",),
    }
    out, messages = _parse(frame, columns)
    found = {(m.key, m.row, m.column, m.source_column, m.value) for m in messages}
    assert found == {
        ("value.number_invalid", 2, "base_pay", "Salaire", "CHF 100"),
        ("value.number_invalid", 5, "base_pay", "Salaire", " 12abc "),
        ("value.date_invalid", 2, "hire_date", "Entrée", "31/02/2024"),
        ("value.out_of_range", 5, "hire_date", "Entrée", "1899-12-31"),
        ("value.bool_invalid", 2, "promoted", "Promu", "peut-être"),
        ("value.code_unknown", 2, "csp", "CSP", "Directeur"),
        ("value.code_unknown", 2, "contract", "Contrat", "Alternance"),
        ("value.exit_reason_other", 3, "exit_reason", "Motif", "Départ volontaire"),
        ("value.sex_unknown", 3, "sex", "Sexe", "X"),
        ("value.sex_unknown", 6, "sex", "Sexe", "??"),
    }
    allowed = {
        m.column: m.params["allowed"] for m in messages if m.key == "value.code_unknown"
    }
    assert allowed == {
        "csp": "ouv, emp, tam, ic",
        "contract": "apprentice, professionalisation",
    }
    assert out["_rejected_key"].to_list() == [
        None,
        "value.sex_unknown",
        None,
        "value.sex_unknown",
    ]
    assert out["base_pay"].to_list() == [None, 1000.0, None, None]
    assert out["exit_reason"].to_list() == [None, "other", None, None]
    assert out["sex"].to_list() == ["F", None, "M", None]
    assert out.columns[:2] == ["_source_file", "_source_row"]


def test_amount_lists_are_summed_cell_by_cell() -> None:
    frame = pl.DataFrame(
        {
            "Prime annuelle": ["100", "", "", "x"],
            "Prime d'objectifs": ["50,5", "20", "", "10"],
            "_source_row": [2, 3, 4, 5],
        }
    )
    columns = {"variable_pay": ("Prime annuelle", "Prime d'objectifs")}
    out, messages = _parse(frame, columns)
    assert out["variable_pay"].to_list() == [150.5, 20.0, None, None]
    assert [(m.key, m.row, m.source_column) for m in messages] == [
        ("value.number_invalid", 5, "Prime annuelle")
    ]


def test_C8_C17_column_warnings() -> None:
    frame = pl.DataFrame(
        {
            "Promotion": ["X", "", "X"],
            "Taux d'activité (%)": ["100", "80", "50"],
            "_source_row": [2, 3, 4],
        }
    )
    columns = {"promoted": ("Promotion",), "fte": ("Taux d'activité (%)",)}
    out, messages = _parse(frame, columns)
    assert out["promoted"].to_list() == [True, False, True]
    assert out["fte"].to_list() == [1.0, 0.8, 0.5]
    assert sorted((m.key, m.row, m.column) for m in messages) == [
        ("column.bool_ticks", None, "promoted"),
        ("column.fte_percent_scale", None, "fte"),
    ]


def test_C31_C36_typed_cells() -> None:
    frame = pl.DataFrame(
        {
            "Matricule": [123.0, 42.0],
            "Entrée": [45658.0, 60.0],
            "Né le": [dt.date(1990, 1, 2), None],
            "Salaire": ["48 000,00", None],
            "Année": ["2025", "2025,5"],
            "_source_row": [2, 3],
        }
    )
    columns = {
        "employee_id": ("Matricule",),
        "hire_date": ("Entrée",),
        "birth_date": ("Né le",),
        "base_pay": ("Salaire",),
        "period": ("Année",),
    }
    out, messages = _parse(frame, columns, csv_delimiter=None)
    assert out["employee_id"].to_list() == ["123", "42"]
    assert out["hire_date"].to_list() == [dt.date(2025, 1, 1), None]
    assert out["birth_date"].to_list() == [dt.date(1990, 1, 2), None]
    assert out["base_pay"].to_list() == [48000.0, None]
    assert out["period"].dtype == pl.Int64
    assert out["period"].to_list() == [2025, None]
    found = {(m.key, m.row, m.value, m.params.get("date")) for m in messages}
    assert found == {
        ("value.date_serial", 2, "45658", "2025-01-01"),
        ("value.date_invalid", 3, "60", None),
        ("value.out_of_range", 3, "2025,5", None),
    }


def test_date_formatted_serials_give_no_warning() -> None:
    frame = pl.DataFrame({"Entrée": [45658.0], "_source_row": [4]})
    out, messages = _parse(
        frame, {"hire_date": ("Entrée",)}, date_columns=frozenset({"Entrée"})
    )
    assert out["hire_date"].to_list() == [dt.date(2025, 1, 1)]
    assert messages == []


def test_xlsx_percent_formatted_fte_is_already_a_ratio() -> None:
    frame = pl.DataFrame({"ETP": [0.8, 1.0, 0.5], "_source_row": [2, 3, 4]})
    out, messages = _parse(frame, {"fte": ("ETP",)}, percent_columns=frozenset({"ETP"}))
    assert out["fte"].to_list() == [0.8, 1.0, 0.5]
    assert messages == []


def test_E24_scientific_id_is_a_warning_and_kept() -> None:
    frame = pl.DataFrame({"Matricule": ["1,23457E+12"], "_source_row": [7]})
    out, messages = _parse(frame, {"employee_id": ("Matricule",)})
    assert out["employee_id"].to_list() == ["1,23457E+12"]
    assert [(m.key, m.severity, m.row) for m in messages] == [
        ("value.id_scientific", "warning", 7)
    ]


def test_xlsx_mixed_column_numbers_are_rendered_with_a_dot() -> None:
    frame = pl.DataFrame(
        {"Salaire": ["1.234", "1 200,50", "n/a"], "_source_row": [2, 3, 4]}
    )
    out, messages = _parse(
        frame, {"base_pay": ("Salaire",)}, mixed_columns=frozenset({"Salaire"})
    )
    assert out["base_pay"].to_list() == [1.234, 1200.5, None]
    assert [(m.key, m.row) for m in messages] == [("value.number_invalid", 4)]


def test_1904_workbook_serials() -> None:
    frame = pl.DataFrame({"Entrée": [44196.0], "_source_row": [2]})
    report = ReportBuilder()
    out = parse_frame(
        frame,
        mapping=_mapping({"hire_date": ("Entrée",)}),
        options=Options(),
        file="rh.xlsx",
        report=report,
        csv_delimiter=None,
        date1904=True,
    )
    assert out["hire_date"].to_list() == [dt.date(2025, 1, 1)]
    assert [m.key for m in report.build().messages] == ["value.date_serial"]

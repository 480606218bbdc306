"""The committed sample files of ``tests/data/``, loaded through ``mixite.load``.

Each sample is a file as an HR tool exports it, not one written by the test: a French
CSV (UTF-8 with BOM, ``;``, decimal commas, no-break spaces between thousands, dates
dd/mm/yyyy), a workbook whose header sits below a title row, and the two-month DSN
example of workforce.md §10.3.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

import mixite
from tests.workforce.helpers import DATA

if TYPE_CHECKING:
    from mixite.workforce import Workforce

FRENCH_CSV = DATA / "paie_fr.csv"
TITLED_XLSX = DATA / "effectif_titre.xlsx"
DSN_MONTHS = DATA / "dsn"


def person(workforce: Workforce, employee_id: str) -> dict[str, object]:
    rows = workforce.to_polars().filter(employee_id=employee_id).to_dicts()
    assert len(rows) == 1, employee_id
    return rows[0]


@pytest.fixture(scope="module")
def french_csv() -> Workforce:
    return mixite.load(FRENCH_CSV)


@pytest.fixture(scope="module")
def titled_xlsx() -> Workforce:
    return mixite.load(TITLED_XLSX)


def test_french_csv_is_as_exported() -> None:
    raw = FRENCH_CSV.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    assert b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    assert text.startswith("Matricule;Sexe;Date de naissance;")
    assert "2\u00a0345,67" in text  # U+00A0 between thousands
    assert "12\u202f600,00" in text  # U+202F, as recent spreadsheets write it


def test_french_csv_loads_without_error(french_csv: Workforce) -> None:
    report = french_csv.report
    assert report.ok
    assert report.counts["warning"] == sum(report.counts_by_key.values())
    assert set(report.counts_by_key) <= {"column.hours_estimated"}
    assert (report.rows_read, report.rows_accepted, report.rows_rejected) == (12, 12, 0)
    (source,) = report.sources
    assert (source.format, source.encoding, source.delimiter) == ("csv", "utf-8", ";")
    assert source.header_row == 1
    assert french_csv.periods == (2025,)


def test_french_csv_values(french_csv: Workforce) -> None:
    newcomer = person(french_csv, "S0012")
    assert newcomer["base_pay"] == 2345.67  # "2 345,67", a no-break space
    assert (newcomer["sex"], newcomer["birth_date"]) == ("M", dt.date(1994, 10, 11))
    assert (newcomer["contract"], newcomer["hire_date"]) == (
        "fixed_term",
        dt.date(2025, 12, 1),
    )
    assert newcomer["presence_months"] == 1.0
    first = person(french_csv, "S0001")
    assert (first["sex"], first["birth_date"], first["csp"]) == (
        "F",
        dt.date(1988, 6, 15),
        "ic",
    )
    assert (first["base_pay"], first["variable_pay"]) == (52345.67, 4500.0)
    assert (first["raised"], first["promoted"]) == (True, False)
    part_time = person(french_csv, "S0003")
    assert (part_time["fte"], part_time["variable_pay"]) == (0.8, 1088.64)
    leaver = person(french_csv, "S0010")
    assert leaver["base_pay"] == 12600.0  # "12 600,00", a narrow no-break space
    assert (leaver["exit_date"], leaver["exit_reason"]) == (
        dt.date(2025, 8, 31),
        "end_of_fixed_term",
    )
    assert person(french_csv, "S0006")["exit_reason"] == "resignation"
    assert person(french_csv, "S0009")["contract"] == "apprentice"


def test_titled_xlsx_finds_the_header_below_the_title(titled_xlsx: Workforce) -> None:
    report = titled_xlsx.report
    assert report.ok
    assert set(report.counts_by_key) <= {"column.hours_estimated"}
    (source,) = report.sources
    assert (source.format, source.sheet, source.header_row) == ("xlsx", "Effectifs", 3)
    assert (report.rows_read, report.rows_accepted) == (10, 10)
    assert titled_xlsx.to_polars()["_source_row"].to_list() == list(range(4, 14))


def test_titled_xlsx_values(titled_xlsx: Workforce) -> None:
    first = person(titled_xlsx, "1001")  # a number cell: the id has no ".0"
    assert (first["sex"], first["birth_date"], first["hire_date"]) == (
        "F",
        dt.date(1987, 3, 14),
        dt.date(2014, 9, 1),
    )
    assert (first["base_pay"], first["variable_pay"]) == (48250.75, 3900.0)
    part_time = person(titled_xlsx, "1003")
    assert (part_time["fte"], part_time["csp"]) == (0.8, "tam")  # a 0% cell
    trainee = person(titled_xlsx, "1009")
    assert (trainee["contract"], trainee["presence_months"]) == (
        "professionalisation",
        4.0,
    )
    leaver = person(titled_xlsx, "1006")
    assert (leaver["sex"], leaver["exit_date"], leaver["exit_reason"]) == (
        "M",
        dt.date(2025, 4, 30),
        "resignation",
    )


def test_dsn_months_load_without_error() -> None:
    workforce = mixite.load(DSN_MONTHS)
    assert workforce.report.ok
    assert workforce.periods == (2025,)
    woman = person(workforce, "0f2a3a96fe6d9e73")
    assert (woman["sex"], woman["birth_date"], woman["csp"]) == (
        "F",
        dt.date(1988, 6, 12),
        "ic",
    )
    assert (woman["base_pay"], woman["fte"]) == (6805.33, 0.8)
    man = person(workforce, "ab01ddcecfd140ac")
    assert (man["sex"], man["contract"], man["base_pay"]) == (
        "M",
        "fixed_term",
        4831.70,
    )

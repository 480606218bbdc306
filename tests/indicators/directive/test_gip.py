"""The GIP-MDS file: reader (§11.1) and results (§11.2–11.3), DIR-20, and fuzzing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixite.indicators import directive
from mixite.indicators.directive.gip import gip_dict
from mixite.workforce.readers.gip import GipError, GipFile, read_gip
from tests.indicators.directive.helpers import NBSP

DATA = Path(__file__).parent / "data"
DIR20 = (DATA / "gip_dir20.csv").read_bytes()
LINES = DIR20.decode().splitlines()


def gip_bytes(*lines: str, sep: str = "\n") -> bytes:
    return sep.join(lines).encode() + b"\n"


@pytest.fixture(scope="module")
def dir20() -> dict[str, Any]:
    gip = read_gip(io.BytesIO(DIR20), file="gip.csv")
    return gip_dict(gip, directive.from_gip(gip))


def gap_row(company: dict[str, Any], letter: str, basis: str) -> tuple[Any, ...]:
    gap = company["indicators"][letter][basis]
    return (
        gap["calculable"],
        gap["reason"],
        gap["gap_ratio"],
        gap["display"].replace(NBSP, " "),
        gap["high"],
        gap["gap_source"],
    )


def test_DIR_20_file_and_errors(dir20: dict[str, Any]) -> None:
    assert dir20["schema"] == "mixite.directive.gip/1"
    assert dir20["file"] == {
        "recipient": "DGT", "project": "DTS", "published": "2027-03-01",
        "period_start": "2026-01-01", "period_end": "2026-12-31",
        "declared_rows": 2, "data_rows": 2, "columns_ignored": [], "columns_missing": [],
    }  # fmt: skip
    assert dir20["errors"] == [
        {
            "line": 5,
            "column": "Seuil_Q2_Rem_globale",
            "value": "3x 000",
            "code": "not_a_number",
        }
    ]
    assert [c["siren"] for c in dir20["companies"]] == ["012345678", "987654321"]


def test_DIR_20_first_company(dir20: dict[str, Any]) -> None:
    company = dir20["companies"][0]
    assert list(company)[:2] == ["siren", "schema"]
    assert list(company)[-1] == "quality"
    assert (company["source"], company["options"]) == ("gip-mds", None)
    assert (company["period"], company["campaign_year"]) == (2026, 2027)
    assert company["population"] == {
        "annual": {"women": 70, "men": 80},
        "hourly": {"women": 66, "men": 78},
    }
    a = company["indicators"]["A"]["annual"]
    assert (a["women"]["value"], a["men"]["value"]) == (35000.0, 36842.11)
    assert gap_row(company, "A", "annual") == (
        True,
        None,
        0.05,
        "5,0 %",
        True,
        "published",
    )
    assert gap_row(company, "A", "hourly")[2:4] == (0.0341, "3,4 %")
    assert gap_row(company, "B", "annual")[2:4] == (0.1667, "16,7 %")
    assert gap_row(company, "B", "hourly")[2:] == (0.14, "14,0 %", True, "published")
    assert gap_row(company, "C", "annual")[2:4] == (0.0571, "5,7 %")
    c_hourly = company["indicators"]["C"]["hourly"]
    assert (c_hourly["women"]["value"], c_hourly["men"]["value"]) == (18.9, 19.6)
    assert gap_row(company, "C", "hourly")[2:4] == (0.0357, "3,6 %")
    assert gap_row(company, "D", "annual")[2:4] == (0.2, "20,0 %")
    assert gap_row(company, "D", "hourly")[2:] == (0.125, "12,5 %", True, "recomputed")
    assert {"code": "gap_recomputed_from_rounded", "indicator": "D",
            "detail": {"basis": "hourly"}} in company["warnings"]  # fmt: skip
    e = company["indicators"]["E"]
    assert (
        e["women"]["beneficiaries"],
        e["women"]["headcount"],
        e["women"]["ratio"],
    ) == (28, 70, 0.4)
    assert e["women"]["display"] == f"40,0{NBSP}%"
    assert (e["men"]["beneficiaries"], e["men"]["headcount"], e["men"]["ratio"]) == (
        40,
        80,
        0.5,
    )
    assert company["quality"]["indice"] == 0.9123


def test_DIR_20_first_company_quartiles_and_obligations(dir20: dict[str, Any]) -> None:
    company = dir20["companies"][0]
    annual = company["indicators"]["F"]["annual"]
    assert annual["thresholds"] == [28000.0, 34000.0, 41000.0]
    assert [b["women"] for b in annual["bands"]] == [22, 18, 17, 13]
    assert [b["men"] for b in annual["bands"]] == [16, 19, 21, 24]
    assert [b["women_ratio"] for b in annual["bands"]] == [
        0.5789,
        0.4865,
        0.4474,
        0.3514,
    ]
    assert annual["bands"][1]["min"] == 28000.01
    assert (annual["bands"][0]["min"], annual["bands"][3]["max"]) == (None, None)
    hourly = company["indicators"]["F"]["hourly"]
    assert [b["women_ratio"] for b in hourly["bands"]] == [
        0.5556,
        0.4722,
        0.4444,
        0.3611,
    ]
    g = company["indicators"]["G"]
    assert (g["calculable"], g["reason"]) == (False, "employer_input_required")
    block = company["obligations"]
    assert (block["workforce"], block["workforce_source"], block["size_band"]) == (
        149.5, "gip", "100-149",
    )  # fmt: skip
    assert (block["declaration_required"], block["indicator_g_required"]) == (
        True,
        False,
    )
    assert (block["cse_required"], block["compliance_process_required"]) == (
        True,
        False,
    )
    assert block["report_deadline"] == "2027-06-01"
    assert block["g_gap_percent"] is None


def test_DIR_20_second_company(dir20: dict[str, Any]) -> None:
    company = dir20["companies"][1]
    a = company["indicators"]["A"]["annual"]
    assert (a["women"]["value"], a["men"]["value"]) == (40001.07, 39172.65)
    assert gap_row(company, "A", "annual") == (
        True,
        None,
        -0.0211,
        "-2,1 %",
        False,
        "published",
    )
    for letter, basis in (("A", "hourly"), ("C", "annual"), ("C", "hourly")):
        assert gap_row(company, letter, basis)[:2] == (False, "gip_value_missing")
        assert gap_row(company, letter, basis)[-1] is None
    for letter in "BD":
        for basis in ("annual", "hourly"):
            assert gap_row(company, letter, basis)[:2] == (
                False,
                "no_beneficiaries_men",
            )
    assert company["indicators"]["B"]["annual"]["women"]["value"] == 950.0
    e = company["indicators"]["E"]
    assert (
        e["women"]["beneficiaries"],
        e["women"]["headcount"],
        e["women"]["ratio"],
    ) == (6, 48, 0.125)
    assert (e["men"]["beneficiaries"], e["men"]["headcount"], e["men"]["ratio"]) == (
        0,
        52,
        0.0,
    )
    f = company["indicators"]["F"]["annual"]
    assert f["thresholds"] == [31000.0, None, 45500.0]
    assert (f["calculable"], f["reason"], f["bands"]) == (
        False,
        "gip_value_missing",
        [],
    )
    block = company["obligations"]
    assert (block["size_band"], block["declaration_required"]) == ("50-99", True)
    assert (block["indicator_g_required"], block["cse_required"]) == (False, False)
    assert block["report_deadline"] == "2027-06-01"


def test_DIR_20_padded_siren() -> None:
    data = DIR20.replace(b"\n012345678;", b"\n12345678;")
    gip = read_gip(data, file="gip.csv")
    (first, _) = directive.from_gip(gip)
    assert first.siren == "012345678"
    assert ("siren_padded", None) in [(w.code, w.indicator) for w in first.warnings]


def test_DIR_20_fatal_layouts() -> None:
    three = read_gip(gip_bytes(*LINES[:3]), file="short.csv")
    assert three.fatal is not None
    assert three.fatal.code == "too_few_lines"
    assert "fewer than 4 lines" in three.fatal.text("en")
    assert "moins de 4 lignes" in three.fatal.text("fr")
    wrong = read_gip(gip_bytes("foo;bar", *LINES[1:]), file="wrong.csv")
    assert wrong.fatal is not None
    assert (wrong.fatal.code, wrong.fatal.line) == ("bad_metadata_header", 1)
    with pytest.raises(GipError):
        directive.from_gip(wrong)


def test_select_one_company_and_year_override() -> None:
    gip = read_gip(DIR20)
    (only,) = directive.from_gip(gip, siren="987654321", year=2030, has_cse=False)
    assert (only.siren, only.campaign_year, only.period) == ("987654321", 2030, 2026)
    assert only.obligations.has_cse is False
    assert directive.from_gip(gip, siren="111111111") == []
    (padded,) = directive.from_gip(gip, siren="12345678")
    assert padded.siren == "012345678"


# --- layout details ----------------------------------------------------------------------------


def test_bom_crlf_blank_trailing_lines_and_accents() -> None:
    header = (
        LINES[2].replace("mediane", "médiane").replace(";SIREN", "; siren ").upper()
    )
    text = "\r\n".join([LINES[0], LINES[1], header, LINES[3], ""]) + "\r\n\r\n"
    gip = read_gip(b"\xef\xbb\xbf" + text.encode())
    assert gip.fatal is None
    assert (gip.columns_ignored, gip.columns_missing) == ((), ())
    assert [row.siren for row in gip.rows] == ["012345678"]
    assert [w.code for w in gip.warnings] == ["row_count_mismatch"]


def test_windows_1252_is_read_with_a_warning() -> None:
    header = LINES[2].replace(
        "Rem_globale_annuelle_mediane_F", "Rem_globale_annuelle_médiane_F"
    )
    text = "\n".join([*LINES[:2], header, *LINES[3:]]) + "\n"
    gip = read_gip(text.encode("cp1252"))
    assert gip.fatal is None
    assert [w.code for w in gip.warnings] == ["encoding_cp1252"]
    assert gip.rows[0].get("Rem_globale_annuelle_mediane_F") == 33000.0
    (first, _) = directive.from_gip(gip)
    assert first.warnings[0].code == "encoding_cp1252"


def test_unknown_and_missing_columns() -> None:
    header = LINES[2].replace("Effectif_RCD", "Reserve_1") + ";Impact_categorie_1"
    gip = read_gip(gip_bytes(LINES[0], LINES[1], header, LINES[3] + ";7"))
    assert gip.columns_ignored == ("Reserve_1", "Impact_categorie_1")
    assert gip.columns_missing == ("Effectif_RCD",)
    (company,) = directive.from_gip(gip)
    assert company.obligations.workforce is None
    assert company.obligations.reason == "gip_value_missing"


def test_row_errors_bad_and_duplicate_siren() -> None:
    data = gip_bytes(*LINES[:4], LINES[3], "12A45;1", "1234567890;1", ";1")
    gip = read_gip(data, file="g.csv")
    assert [(e.code, e.line) for e in gip.errors] == [
        ("duplicate_siren", 5), ("bad_siren", 6), ("bad_siren", 7), ("bad_siren", 8),
    ]  # fmt: skip
    assert [row.siren for row in gip.rows] == ["012345678"]
    assert "row_count_mismatch" in [w.code for w in gip.warnings]
    message = gip.errors[1].text("fr")
    assert message.startswith("g.csv, ligne 6, colonne «\u00a0SIREN\u00a0»")
    assert "9 chiffres" in gip.errors[1].hint("fr")


def test_too_many_fields_and_numbers() -> None:
    line = LINES[3] + ";extra"
    gip = read_gip(
        gip_bytes(
            *LINES[:3], line.replace("149,50", "1 49,50").replace(";80,00;", ";80.00;")
        )
    )
    assert [e.code for e in gip.errors] == ["too_many_fields"]
    assert gip.rows[0].get("Effectif_RCD") == 149.5
    assert gip.rows[0].get("Effectif_H_rem_annuelle_globale") == 80.0


@pytest.mark.parametrize(
    ("line2", "code", "column"),
    [
        ("DGT;DTS;hier;2026-01-01;2026-12-31;2", "bad_date", "horodatage"),
        ("DGT;DTS;2027-03-01T06:00:00;2026-01-01;31/12/2026;2", "bad_date", "date_fin"),
        ("DGT;DTS;2027-03-01", "bad_date", "date_fin"),
    ],
)
def test_fatal_metadata_values(line2: str, code: str, column: str) -> None:
    gip = read_gip(gip_bytes(LINES[0], line2, *LINES[2:]), file="m.csv")
    assert gip.fatal is not None
    assert (gip.fatal.code, gip.fatal.line, gip.fatal.column) == (code, 2, column)
    assert gip.rows == ()


def test_missing_siren_column_and_unreadable_files(tmp_path: Path) -> None:
    header = LINES[2].replace("SIREN;", "Numero;")
    gip = read_gip(gip_bytes(LINES[0], LINES[1], header, LINES[3]))
    assert gip.fatal is not None
    assert (gip.fatal.code, gip.fatal.line) == ("missing_siren_column", 3)
    missing = read_gip(tmp_path / "none.csv")
    assert missing.fatal is not None
    assert missing.fatal.code == "unreadable"
    binary = read_gip(b"PK\x03\x04\x00\x00binary")
    assert binary.fatal is not None
    assert binary.fatal.code == "not_text"
    undecodable = read_gip(b"\x81\x8d\x8f\x90\x9d;;\n" * 5)
    assert undecodable.fatal is not None
    assert undecodable.fatal.code == "encoding"


def test_older_layout_without_counts_uses_shares() -> None:
    header = LINES[2].split(";")
    values = LINES[3].split(";")
    kept = [i for i, name in enumerate(header) if "_nb_" not in name]
    gip = read_gip(
        gip_bytes(
            LINES[0],
            LINES[1],
            ";".join(header[i] for i in kept),
            ";".join(values[i] for i in kept),
        )
    )
    (company,) = directive.from_gip(gip)
    annual = company.to_dict()["indicators"]["F"]["annual"]
    assert [b["women"] for b in annual["bands"]] == [None] * 4
    assert [b["women_ratio"] for b in annual["bands"]] == [
        0.5789,
        0.4865,
        0.4474,
        0.3514,
    ]
    assert annual["calculable"] is True


# --- fuzzing: junk never raises, every problem is located -------------------------------------


def check_outcome(gip: GipFile, name: str) -> None:
    assert isinstance(gip, GipFile)
    issues = [*gip.errors, *gip.warnings, *([gip.fatal] if gip.fatal else [])]
    assert all(issue.file == name for issue in issues)
    for issue in issues:
        assert issue.text("fr")
        assert issue.text("en")
        assert issue.hint("fr")
    if gip.fatal is None:
        assert gip.meta is not None
        results = directive.from_gip(gip)
        for result in results:
            assert result.to_dict()["siren"] == result.siren
    else:
        assert gip.rows == ()


@given(raw=st.binary(max_size=2048))
@settings(max_examples=150, deadline=None)
def test_random_bytes_never_raise(raw: bytes) -> None:
    check_outcome(read_gip(raw, file="junk.csv"), "junk.csv")


@given(cut=st.integers(min_value=0, max_value=len(DIR20)), noise=st.binary(max_size=40))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_truncated_and_corrupted_files_never_raise(cut: int, noise: bytes) -> None:
    check_outcome(read_gip(DIR20[:cut] + noise, file="cut.csv"), "cut.csv")


@given(
    encoding=st.sampled_from(
        ["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "utf-8-sig"]
    ),
    text=st.text(max_size=300),
)
@settings(max_examples=80, deadline=None)
def test_wrong_encodings_never_raise(encoding: str, text: str) -> None:
    body = DIR20.decode() + text
    check_outcome(
        read_gip(body.encode(encoding, errors="replace"), file="enc.csv"), "enc.csv"
    )


@given(
    cells=st.lists(
        st.text(alphabet="0123456789,.- ;x\u00a0\u202f", max_size=12),
        min_size=1,
        max_size=90,
    )
)
@settings(max_examples=80, deadline=None)
def test_random_data_lines_never_raise(cells: list[str]) -> None:
    data = gip_bytes(*LINES[:3], ";".join(cells))
    check_outcome(read_gip(data, file="cells.csv"), "cells.csv")

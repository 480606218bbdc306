"""The DSN reader against the examples of workforce spec §10.3 and §10.4."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixite.workforce.dsn import DsnResult, read_dsn
from mixite.workforce.dsn.codes import tables_for
from mixite.workforce.options import Options
from mixite.workforce.report import ReportBuilder, ValidationReport
from tests.workforce import helpers

if TYPE_CHECKING:
    from pathlib import Path

    from mixite.workforce.report import Message

DATA = helpers.DATA / "dsn"  # the two-month example of §10.3
NOV = "dsn_2025_11.dsn"
DEC = "dsn_2025_12.dsn"
WOMAN = "0f2a3a96fe6d9e73"
MAN = "ab01ddcecfd140ac"


def lines_of(name: str) -> list[str]:
    return (DATA / name).read_bytes().decode("cp1252").split("\r\n")[:-1]


def encode(lines: list[str]) -> bytes:
    return "".join(f"{line}\r\n" for line in lines).encode("cp1252")


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_bytes(encode(lines))
    return path


def run(
    sources: list[Path] | Path, *, key: bytes | None = None, **options: object
) -> tuple[DsnResult, ValidationReport]:
    report = ReportBuilder()
    opts = Options().with_overrides(**options)
    result = read_dsn(sources, options=opts, report=report, pseudonym_key=key)
    return result, report.build()


def person(result: DsnResult, employee_id: str) -> dict[str, object]:
    assert result.frame is not None
    rows = result.frame.filter(employee_id=employee_id).to_dicts()
    assert len(rows) == 1
    return rows[0]


def keyed(report: ValidationReport, key: str) -> list[Message]:
    return [m for m in report.messages if m.key == key]


EXAMPLE = [DATA / NOV, DATA / DEC]

WOMAN_VALUES = {
    "employee_id": WOMAN,
    "sex": "F",
    "period": 2025,
    "birth_date": date(1988, 6, 12),
    "csp": "ic",
    "level": "Position 2.2",
    "job": "Ingénieure études",
    "job_category": None,
    "unit": "00000000000011",
    "contract": "permanent",
    "hire_date": date(2016, 3, 1),
    "exit_date": None,
    "exit_reason": None,
    "presence_months": 1.9333333333333333,
    "absence_days": 2.0,
    "fte": 0.8,
    "hours_paid": 203.0,
    "base_pay": 6805.33,
    "variable_pay": 2000.0,
    "excluded_pay": 0.0,
    "raised": None,
    "governing_body": None,
    "manager": None,
    "training_hours": None,
    "promoted": False,
    "maternity_return": True,
    "raised_after_leave": None,
    "executive": False,
    "hired": False,
    "part_time_chosen": True,
    "work_accidents": 0,
    "_source_row": None,
}
MAN_VALUES = {
    "employee_id": MAN,
    "sex": "M",
    "period": 2025,
    "birth_date": date(1979, 3, 1),
    "csp": "ouv",
    "level": "170",
    "job": "Cariste",
    "job_category": None,
    "unit": "00000000000011",
    "contract": "fixed_term",
    "hire_date": date(2025, 9, 1),
    "exit_date": date(2025, 12, 31),
    "exit_reason": "end_of_fixed_term",
    "presence_months": 2.0,
    "absence_days": 0.0,
    "fte": 1.0,
    "hours_paid": 311.34,
    "base_pay": 4831.70,
    "variable_pay": 0.0,
    "excluded_pay": 968.30,
    "raised": None,
    "governing_body": None,
    "manager": None,
    "training_hours": None,
    "promoted": False,
    "maternity_return": False,
    "raised_after_leave": None,
    "executive": False,
    "hired": True,
    "part_time_chosen": False,
    "work_accidents": 0,
    "_source_row": None,
}


# -- §10.3: the example ------------------------------------------------------------------


def test_fixtures_are_the_spec_files() -> None:
    assert len(lines_of(NOV)) == 97
    assert len(lines_of(DEC)) == 96
    assert lines_of(DEC)[55] == "S21.G00.30.006,'99031979'"


@pytest.mark.parametrize(
    ("employee_id", "expected"), [(WOMAN, WOMAN_VALUES), (MAN, MAN_VALUES)]
)
def test_example_gives_every_canonical_value(
    employee_id: str, expected: dict[str, object]
) -> None:
    result, _ = run(EXAMPLE)
    assert result.frame is not None
    assert result.frame.height == 2
    row = person(result, employee_id)
    assert {name: row[name] for name in expected} == expected


def test_example_types_and_columns() -> None:
    result, _ = run(EXAMPLE)
    assert result.frame is not None
    schema = result.frame.schema
    assert str(schema["period"]) == "Int64"
    assert str(schema["birth_date"]) == "Date"
    assert str(schema["presence_months"]) == "Float64"
    assert str(schema["maternity_return"]) == "Boolean"
    assert result.frame.columns[-2:] == ["_source_file", "_source_row"]


def test_example_extras() -> None:
    result, _ = run(EXAMPLE)
    leaves = result.extras["leaves"].to_dicts()
    assert leaves == [
        {
            "employee_id": WOMAN,
            "kind": "maternity",
            "start_date": date(2025, 6, 21),
            "end_date": date(2025, 11, 2),
            "detail": None,
            "return_exam": None,
            "entitled_days": None,
        }
    ]
    assert result.extras["careers"].height == 0
    assert result.extras["exposures"].height == 0


def test_example_messages() -> None:
    result, report = run(EXAMPLE)
    assert report.ok
    assert sorted(report.counts_by_key) == [
        "dsn.birth_date_partial",
        "dsn.maternity_raise_unknown",
        "dsn.months_missing",
        "dsn.weak_pseudonym_key",
    ]
    (weak,) = keyed(report, "dsn.weak_pseudonym_key")
    assert weak.row is None
    (missing,) = keyed(report, "dsn.months_missing")
    assert missing.params["siret"] == "00000000000011"
    assert missing.params["months"] == ", ".join(f"2025-{m:02d}" for m in range(1, 11))
    (partial,) = keyed(report, "dsn.birth_date_partial")
    assert (partial.file, partial.row, partial.rubric, partial.value) == (
        DEC,
        56,
        "S21.G00.30.006",
        "99031979",
    )
    (raise_unknown,) = keyed(report, "dsn.maternity_raise_unknown")
    assert (raise_unknown.file, raise_unknown.row, raise_unknown.rubric) == (
        NOV,
        34,
        "S21.G00.60.010",
    )
    assert raise_unknown.params["date"] == "2025-11-03"
    assert [(s.file, s.format, s.lines, s.norm) for s in result.sources] == [
        (NOV, "dsn", 97, "P25V01"),
        (DEC, "dsn", 96, "P25V01"),
    ]


def test_secret_key_gives_other_ids_and_no_warning() -> None:
    result, report = run(EXAMPLE, key=b"cle-secrete-de-test")
    assert result.frame is not None
    assert sorted(result.frame["employee_id"]) == [
        "37a101f6c6919a01",
        "4568412ebc22d28a",
    ]
    assert not keyed(report, "dsn.weak_pseudonym_key")


def test_nothing_identifying_is_stored() -> None:
    result, _ = run(EXAMPLE)
    assert result.frame is not None
    text = result.frame.write_csv()
    assert "2880600000001" not in text
    assert "1790300000002" not in text


def test_period_end_option_moves_the_months() -> None:
    result, report = run(EXAMPLE, period_end="11-30")
    assert result.frame is not None
    assert sorted(result.frame["period"].to_list()) == [2025, 2025, 2026, 2026]
    assert len(keyed(report, "dsn.months_missing")) == 1


def test_period_option_keeps_only_that_period() -> None:
    result, report = run(EXAMPLE, period=2024)
    assert result.frame is not None
    assert result.frame.height == 0
    (missing,) = keyed(report, "dsn.months_missing")
    assert missing.params["months"].startswith("2024-01")


# -- inputs: directory, ZIP, streams --------------------------------------------------------


def test_directory_input_skips_other_files(tmp_path: Path) -> None:
    for name in (NOV, DEC):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    (tmp_path / "notes.txt").write_text("pas une DSN\n", encoding="utf-8")
    result, report = run(tmp_path)
    assert result.frame is not None
    assert result.frame.height == 2
    (ignored,) = keyed(report, "dsn.file_ignored")
    assert ignored.file == "notes.txt"


def test_zip_input(tmp_path: Path) -> None:
    archive = tmp_path / "dsn.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in (DEC, NOV):
            zf.write(DATA / name, arcname=name)
    result, report = run([archive])
    assert result.frame is not None
    assert person(result, WOMAN)["base_pay"] == 6805.33
    assert [s.file for s in result.sources] == [f"dsn.zip/{NOV}", f"dsn.zip/{DEC}"]
    assert report.ok


def test_binary_streams() -> None:
    streams = []
    for name in (NOV, DEC):
        stream = io.BytesIO((DATA / name).read_bytes())
        stream.name = name
        streams.append(stream)
    report = ReportBuilder()
    result = read_dsn(streams, options=Options(), report=report)
    assert result.frame is not None
    assert result.frame.height == 2


def test_missing_file_is_reported(tmp_path: Path) -> None:
    result, report = run([tmp_path / "absent.dsn"])
    assert result.frame is None
    assert keyed(report, "file.not_found")


def test_utf8_and_lf_files_read_the_same(tmp_path: Path) -> None:
    paths = []
    for name in (NOV, DEC):
        path = tmp_path / name
        path.write_text("\n".join(lines_of(name)) + "\n", encoding="utf-8")
        paths.append(path)
    result, _ = run(paths)
    assert person(result, WOMAN)["job"] == "Ingénieure études"
    assert [s.encoding for s in result.sources] == ["utf-8", "utf-8"]


# -- §10.4: errors --------------------------------------------------------------------------


def test_D1_malformed_line_and_csp_from_december(tmp_path: Path) -> None:
    nov = lines_of(NOV)
    nov[18] = "S21.G00.40.002;'04'"
    result, report = run([write(tmp_path, NOV, nov), DATA / DEC])
    (bad,) = keyed(report, "dsn.malformed_line")
    assert (bad.severity, bad.file, bad.row, bad.value) == ("error", NOV, 19, nov[18])
    assert person(result, WOMAN)["csp"] == "ic"


def test_D2_nir_line_malformed_masks_digits(tmp_path: Path) -> None:
    nov = lines_of(NOV)
    nov[14] = "S21.G00.30.001,'2880600000001"
    result, report = run([write(tmp_path, NOV, nov), DATA / DEC])
    (bad,) = keyed(report, "dsn.malformed_line")
    assert (bad.row, bad.value) == (15, "S21.G00.30.001,'" + "•" * 13)
    (missing,) = keyed(report, "value.required_missing")
    assert (missing.severity, missing.file, missing.row, missing.column) == (
        "error",
        NOV,
        16,
        "employee_id",
    )
    woman = person(result, WOMAN)
    assert (woman["base_pay"], woman["variable_pay"]) == (
        3520.0,
        2000.0,
    )  # December alone
    # November stays covered and her contract runs: presence from the contract dates,
    # hours estimated for the month without an activity block (§6.6)
    assert woman["presence_months"] == 2.0
    assert keyed(report, "dsn.hours_estimated")[0].params["month"] == "2025-11"


def test_D3_not_a_dsn(tmp_path: Path) -> None:
    nov = ["", "S20.G00.05.001,'01'", *lines_of(NOV)[9:]]
    result, report = run([write(tmp_path, NOV, nov)])
    (fatal,) = keyed(report, "dsn.not_a_dsn")
    assert (fatal.severity, fatal.file, fatal.row) == ("fatal", NOV, 2)
    assert result.frame is None


def test_D4_trailer_mismatch(tmp_path: Path) -> None:
    nov = lines_of(NOV)
    nov[95] = "S90.G00.90.001,'95'"
    _, report = run([write(tmp_path, NOV, nov), DATA / DEC])
    (warning,) = keyed(report, "dsn.trailer_mismatch")
    assert warning.severity == "warning"
    assert (warning.params["expected"], warning.params["count"]) == ("95", "97")
    assert warning.row == 96


def test_D5_bad_amount_is_ignored(tmp_path: Path) -> None:
    nov = lines_of(NOV)
    assert nov[75] == "S21.G00.51.013,'2050.00'"
    nov[75] = "S21.G00.51.013,'2050,00'"
    result, report = run([write(tmp_path, NOV, nov), DATA / DEC])
    (bad,) = keyed(report, "dsn.bad_value")
    assert (bad.severity, bad.row, bad.rubric) == ("error", 76, "S21.G00.51.013")
    assert person(result, MAN)["base_pay"] == 2781.70


def test_D6_orphan_block(tmp_path: Path) -> None:
    nov = lines_of(NOV)
    at = nov.index("S21.G00.50.001,'28112025'", 40)  # the man's payment block
    nov[at:at] = ["S21.G00.52.001,'027'", "S21.G00.52.002,'100.00'"]
    nov[-2] = "S90.G00.90.001,'99'"
    result, report = run([write(tmp_path, NOV, nov), DATA / DEC])
    (orphan,) = keyed(report, "dsn.orphan_block")
    assert (orphan.severity, orphan.row, orphan.params["parent"]) == (
        "error",
        at + 1,
        "S21.G00.50",
    )
    assert person(result, MAN)["variable_pay"] == 0.0


def test_D7_duplicate_declaration(tmp_path: Path) -> None:
    copy = tmp_path / "dsn_2025_11_copie.dsn"
    copy.write_bytes((DATA / NOV).read_bytes())
    result, report = run([DATA / NOV, copy, DATA / DEC])
    (duplicate,) = keyed(report, "dsn.duplicate_declaration")
    assert (duplicate.severity, duplicate.file) == ("error", copy.name)
    assert duplicate.params["month"] == "2025-11"
    reference, _ = run(EXAMPLE)
    assert result.frame is not None
    assert reference.frame is not None
    assert result.frame.drop("_source_file").equals(
        reference.frame.drop("_source_file")
    )


def test_D8_cancel_and_replace(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    dec[9] = "S20.G00.05.002,'03'"
    assert dec[35] == "S21.G00.51.013,'5520.00'"
    dec[35] = "S21.G00.51.013,'5620.00'"
    replacement = write(tmp_path, "dsn_2025_12_remplace.dsn", dec)
    result, report = run([DATA / NOV, DATA / DEC, replacement])
    assert person(result, WOMAN)["base_pay"] == 6905.33
    assert report.ok


def test_cancel_removes_the_month(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    dec[9] = "S20.G00.05.002,'04'"
    cancel = write(tmp_path, "dsn_2025_12_annule.dsn", dec)
    result, report = run([DATA / NOV, DATA / DEC, cancel])
    assert person(result, MAN)["presence_months"] == 1.0
    (missing,) = keyed(report, "dsn.months_missing")
    assert missing.params["months"].endswith("2025-10, 2025-12")


def test_replace_with_nothing_keeps_the_month_covered(tmp_path: Path) -> None:
    dec = lines_of(DEC)[:14] + lines_of(DEC)[-2:]
    dec[9] = "S20.G00.05.002,'05'"
    empty = write(tmp_path, "dsn_2025_12_vide.dsn", dec)
    result, report = run([DATA / NOV, DATA / DEC, empty])
    man = person(result, MAN)
    assert man["base_pay"] == 2050.00
    assert man["presence_months"] == 2.0  # December is covered, the contract runs on
    (missing,) = keyed(report, "dsn.months_missing")
    assert "2025-12" not in missing.params["months"]


def test_D9_declared_sex_wins_over_nir(tmp_path: Path) -> None:
    paths = []
    for name in (NOV, DEC):
        lines = lines_of(name)
        lines[15] = "S21.G00.30.005,'01'"
        paths.append(write(tmp_path, name, lines))
    result, report = run(paths)
    assert keyed(report, "dsn.sex_nir_mismatch")
    assert all(m.severity == "warning" for m in keyed(report, "dsn.sex_nir_mismatch"))
    assert person(result, WOMAN)["sex"] == "M"


def test_D10_other_nature_is_skipped(tmp_path: Path) -> None:
    nov = lines_of(NOV)
    nov[8] = "S20.G00.05.001,'04'"
    result, report = run([write(tmp_path, NOV, nov)])
    (skipped,) = keyed(report, "dsn.nature_skipped")
    assert (skipped.severity, skipped.row, skipped.value) == ("warning", 9, "04")
    assert result.frame is not None
    assert result.frame.height == 0


def test_fraction_missing(tmp_path: Path) -> None:
    nov = lines_of(NOV)
    nov[10] = "S20.G00.05.003,'12'"
    _, report = run([write(tmp_path, NOV, nov)])
    (missing,) = keyed(report, "dsn.fraction_missing")
    assert (missing.params["month"], missing.params["fractions"]) == ("2025-11", "2")


def test_several_companies(tmp_path: Path) -> None:
    dec = [line.replace("'000000000'", "'000000001'") for line in lines_of(DEC)]
    _, report = run([DATA / NOV, write(tmp_path, DEC, dec)])
    (several,) = keyed(report, "dsn.several_companies")
    assert several.params["sirens"] == "000000000, 000000001"


def test_employee_id_from_matricule_falls_back_to_pseudonym() -> None:
    result, _ = run(EXAMPLE, employee_id_from="matricule")
    assert result.frame is not None
    assert sorted(result.frame["employee_id"]) == [WOMAN, MAN]


# -- junk never raises, every message is located --------------------------------------------


def check_located(report: ValidationReport, file_names: set[str]) -> None:
    for message in report.messages:
        if message.key.startswith("dsn.") and message.rubric is not None:
            assert message.file in file_names
            assert message.row is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=2048))
def test_random_bytes_never_raise(raw: bytes) -> None:
    report = ReportBuilder()
    stream = io.BytesIO(raw)
    stream.name = "junk.dsn"
    read_dsn([stream], options=Options(), report=report)
    built = report.build()
    assert all(m.file == "junk.dsn" for m in built.messages if m.row is not None)
    check_located(built, {"junk.dsn"})


_EXAMPLE_LINES = lines_of(NOV)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, len(_EXAMPLE_LINES) - 1),
            st.sampled_from(["drop", "swap", "text", "dup"]),
            st.text(max_size=30),
        ),
        max_size=8,
    )
)
def test_mutations_never_raise(edits: list[tuple[int, str, str]]) -> None:
    lines = list(_EXAMPLE_LINES)
    for index, action, text in edits:
        at = min(index, len(lines) - 1)
        if not lines:
            break
        if action == "drop":
            del lines[at]
        elif action == "swap":
            lines[at], lines[-at] = lines[-at], lines[at]
        elif action == "text":
            head = lines[at].split(",", 1)[0]
            lines[at] = f"{head},'{text}'"
        else:
            lines.insert(at, lines[at])
    raw = "".join(f"{line}\r\n" for line in lines).encode("utf-8")
    report = ReportBuilder()
    stream = io.BytesIO(raw)
    stream.name = NOV
    result = read_dsn([stream], options=Options(), report=report)
    built = report.build()
    line_keys = {
        "dsn.malformed_line",
        "dsn.bad_value",
        "dsn.orphan_block",
        "dsn.not_a_dsn",
    }
    for message in built.messages:
        if message.key in line_keys:
            assert message.file == NOV
            assert message.row is not None
    assert result.frame is None or result.frame.height <= 2 or built.messages


# -- code mappings (§6.5) and events (§6.7) -------------------------------------------------


@pytest.mark.parametrize(
    ("nature", "scheme", "abroad", "expected"),
    [
        ("01", "64", None, "apprentice"),
        ("02", "61", None, "professionalisation"),
        ("29", "99", None, "intern"),
        ("03", "99", None, "temp_agency"),
        ("07", "99", "99", "permanent"),
        ("92", "99", "01", "fixed_term"),
        ("01", "99", "02", "expatriate"),  # project convention: .024 = 02 is expatrié
        ("01", "99", "03", "permanent"),
        ("89", "99", None, "other"),
    ],
)
def test_contract_codes(
    nature: str, scheme: str, abroad: str | None, expected: str
) -> None:
    assert tables_for("P25V01").contract(nature, scheme, abroad) == expected


def test_unknown_norm_uses_the_latest_tables() -> None:
    assert tables_for(None).norm == tables_for("P99V01").norm == "P25"
    assert tables_for("P25V01").exit_reason("999") == "other"
    assert tables_for("P25V01").csp_from_pcs("7xx") is None


def test_csp_review_and_status_mismatch(tmp_path: Path) -> None:
    paths = []
    for name in (NOV, DEC):
        lines = lines_of(name)
        at = lines.index("S21.G00.40.002,'07'")
        lines[at] = "S21.G00.40.002,'02'"
        lines[at + 1] = "S21.G00.40.003,'01'"
        paths.append(write(tmp_path, name, lines))
    result, report = run(paths)
    assert person(result, MAN)["csp"] == "ouv"
    (review,) = keyed(report, "dsn.csp_review")
    assert (review.file, review.value) == (DEC, "02")
    assert not keyed(
        report, "dsn.csp_status_mismatch"
    )  # 02 is not in the checked codes


def test_month_to_month_coefficient_rise_is_a_promotion(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    dec[dec.index("S21.G00.40.071,'170'")] = "S21.G00.40.071,'180'"
    result, _ = run([DATA / NOV, write(tmp_path, DEC, dec)])
    man = person(result, MAN)
    assert man["promoted"] is True
    assert man["level"] == "180"
    careers = result.extras["careers"].select("kind", "from_value", "to_value").rows()
    assert sorted(careers) == [
        ("level_change", "170", "180"),
        ("promotion", "170", "180"),
    ]


def test_work_accident_and_absence(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    at = dec.index("S21.G00.40.071,'170'") + 1
    dec[at:at] = [
        "S21.G00.60.001,'06'",
        "S21.G00.60.002,'09122025'",
        "S21.G00.60.010,'15122025'",
    ]
    dec[-2] = "S90.G00.90.001,'99'"
    result, report = run([DATA / NOV, write(tmp_path, DEC, dec)])
    man = person(result, MAN)
    assert man["work_accidents"] == 1
    assert man["absence_days"] == 5.0  # 10 to 14 December
    assert man["presence_months"] == 57 / 31  # exact sum 1 + 26/31, rounded once
    leaves = result.extras["leaves"].filter(employee_id=MAN).to_dicts()
    assert [(r["kind"], r["start_date"], r["end_date"]) for r in leaves] == [
        ("work_accident", date(2025, 12, 10), date(2025, 12, 14))
    ]
    assert report.ok


def test_negative_total_is_an_error(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    at = dec.index("S21.G00.51.013,'2781.70'")
    dec[at] = "S21.G00.51.013,'-3000.00'"
    result, report = run([DATA / NOV, write(tmp_path, DEC, dec)])
    assert person(result, MAN)["base_pay"] is None
    (negative,) = keyed(report, "value.negative_amount")
    assert (negative.severity, negative.column, negative.file) == (
        "error",
        "base_pay",
        DEC,
    )

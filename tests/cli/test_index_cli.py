"""``mixite index`` (egapro.md §16.1): exit codes, JSON, readable report, explanations."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from mixite.cli.main import app, main, state
from tests.indicators.egapro.helpers import edit, eg20_lines, golden, write

if TYPE_CHECKING:
    from pathlib import Path

    from typer.testing import Result

NBSP, NNBSP = "\u00a0", "\u202f"
EG20 = ["--period", "2025", "--workforce-range", "50:250"]


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["index", *args])


@pytest.fixture
def eg20_file(tmp_path: Path) -> Path:
    return write(tmp_path, eg20_lines())


def json_file(tmp_path: Path, data: Any, name: str = "agg.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- exit 0 --------------------------------------------------------------------------------


def test_EG_17_aggregates_as_json(tmp_path: Path) -> None:
    case = golden("eg17_aggregated_251_999.json")
    result = run("--aggregates", str(json_file(tmp_path, case["aggregates"])), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == case["expected"]
    assert result.stdout.startswith(
        '{\n  "schema": "mixite.egapro/1",'
    )  # 2-space indent
    assert result.stderr == ""


def test_EG_20_file_as_json_then_its_aggregates(
    tmp_path: Path, eg20_file: Path
) -> None:
    result = run(str(eg20_file), *EG20, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["index"]["value"] == 95
    assert data["aggregates"]["indicator5"] == {"women": 6, "men": 4}
    again = run("--aggregates", str(json_file(tmp_path, data["aggregates"])), "--json")
    assert again.exit_code == 0, again.output
    pasted = json.loads(again.stdout)
    for key in ("indicator1", "indicator2et3", "indicator4", "indicator5", "index"):
        assert pasted[key] == data[key]
    assert "aggregates" not in pasted
    assert pasted["representation"] is None


def test_EG_20_readable_report_in_french(eg20_file: Path) -> None:
    result = run(str(eg20_file), *EG20)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        f"1. Écart de rémunération{NNBSP}: 4,5{NBSP}% en faveur des hommes — 35/40"
        in out
    )
    assert f"15,6{NBSP}% | 1,7 salarié en faveur des hommes — 35/35" in out
    assert (
        f"Augmentations au retour de congé maternité{NNBSP}: 100{NBSP}% — 15/15" in out
    )
    assert "4 hommes sur 10 (femmes sur-représentées) — 10/10" in out
    assert f"Index{NNBSP}: 95/100 — 95 points sur 100 calculables" in out
    assert "avant le 1er mars 2026" in out
    assert f"cadres dirigeants{NNBSP}: 50,0{NBSP}% de femmes" in out
    assert "De 50 à 250 inclus (déclarée)" in out
    assert "1 apprenti, 1 contrat de professionnalisation, 1 intérimaire" in out
    assert "Les 10e et 11e plus hautes rémunérations sont égales" in out


def test_EG_20_readable_report_in_english(eg20_file: Path) -> None:
    result = run(str(eg20_file), *EG20, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "1. Pay gap: 4.5% in favour of men — 35/40" in result.stdout
    assert "Index: 95/100 — 95 points out of 100 calculable" in result.stdout
    assert "by 1 March 2026" in result.stdout


def test_EG_20_explain(eg20_file: Path) -> None:
    result = run(str(eg20_file), *EG20, "--explain")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        f"Groupe employés 30-39 ans (3 femmes, 3 hommes){NNBSP}: rémunération moyenne "
        f"28{NNBSP}400,00{NBSP}€ (femmes) et 30{NNBSP}666,67{NBSP}€ (hommes)"
    ) in out
    assert (
        f"Groupe ouvriers moins de 30 ans exclu{NNBSP}: moins de 3 femmes et moins de 3 "
        "hommes."
    ) in out
    assert f"Groupes retenus{NNBSP}: 12 salariés sur 25 (48,0{NBSP}%)" in out


def test_not_calculable_still_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, edit(eg20_lines(), "E05", csp=""))
    result = run(str(path), *EG20)
    assert result.exit_code == 0, result.output
    assert (
        f"1. Écart de rémunération{NNBSP}: NC — Valeurs manquantes{NNBSP}: 1 ligne "
        "(ex. ligne 6, champ csp)"
    ) in result.stdout
    assert (
        f"Index{NNBSP}: NC — 60 points sur 60 calculables, moins de 75" in result.stdout
    )


def test_json_with_explain_keeps_stdout_one_document(eg20_file: Path) -> None:
    result = run(str(eg20_file), *EG20, "--json", "--explain")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    assert "Indicateur 1" in result.stderr


def test_an_estimated_band_is_said(eg20_file: Path) -> None:
    result = run(str(eg20_file), "--period", "2025")
    assert result.exit_code == 0, result.output
    assert "(estimée d'après le fichier" in result.stdout
    assert "inférieur à 50 salariés" in result.stdout


# --- exit 2 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("employee", "changes", "start"),
    [
        ("E07", {"sex": "X"}, 'mixite index: error: rh_2025.csv, line 8, field "sex": '),
        ("E02", {"fte": "0"}, 'mixite index: error: rh_2025.csv, line 3, field "fte": '),
        ("E05", {"excluded_pay": "40000"},
         'mixite index: error: rh_2025.csv, line 6, field "excluded_pay": '),
    ],
)  # fmt: skip
def test_EG_25_bad_rows_exit_2_naming_file_line_and_field(
    tmp_path: Path, employee: str, changes: dict[str, str], start: str
) -> None:
    path = write(tmp_path, edit(eg20_lines(), employee, **changes))
    result = run(str(path), *EG20, "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(start)
    assert result.stderr.count("\n") == 1


def test_EG_25_a_duplicate_row(tmp_path: Path) -> None:
    lines = eg20_lines()
    path = write(tmp_path, [*lines, lines[1].replace(",28000,", ",28500,")])
    result = run(str(path), *EG20, "--lang", "en")
    assert result.exit_code == 2
    assert 'line 33, field "employee_id"' in result.stderr


def test_EG_25_a_period_not_in_the_file(eg20_file: Path) -> None:
    result = run(str(eg20_file), "--period", "2024", "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "rh_2025.csv" in result.stderr
    assert "2025" in result.stderr


def test_EG_25_aggregated_input_errors_name_the_json_path(tmp_path: Path) -> None:
    data = golden("eg17_aggregated_251_999.json")["aggregates"]
    data["indicator4"]["raised"] = 5
    result = run("--aggregates", str(json_file(tmp_path, data)))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "mixite index: error: agg.json, $.indicator4.raised: 5 is greater than "
        "returned (4). "
    )
    assert result.stdout == ""


def test_EG_25_workforce_range_in_the_json(tmp_path: Path) -> None:
    data = golden("eg19_aggregated_50_250.json")["aggregates"]
    data["workforce_range"] = "250:"
    result = run("--aggregates", str(json_file(tmp_path, data)), "--json")
    assert result.exit_code == 2
    assert "agg.json, $.workforce_range: '250:' is not one of" in result.stderr


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--mode", "csp"], "--mode"),
        (["--period", "2025"], "--period"),
        (["--workforce-range", "50:250"], "--workforce-range"),
    ],
)
def test_EG_25_employee_options_are_refused_with_aggregates(
    tmp_path: Path, args: list[str], option: str
) -> None:
    path = json_file(tmp_path, golden("eg19_aggregated_50_250.json")["aggregates"])
    result = run("--aggregates", str(path), *args)
    assert result.exit_code == 2
    assert option in result.output
    assert "not allowed with --aggregates" in result.output


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--workforce-range", "250:"],
        ["--mode", "levels"],
        ["--lang", "de"],
    ],
)
def test_bad_usage_exits_2(eg20_file: Path, args: list[str]) -> None:
    given = [str(eg20_file), *args] if args else []
    assert run(*given).exit_code == 2


def test_file_and_aggregates_together_exit_2(tmp_path: Path, eg20_file: Path) -> None:
    path = json_file(tmp_path, {})
    assert run(str(eg20_file), "--aggregates", str(path)).exit_code == 2


def test_invalid_json_exits_2_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "agg.json"
    path.write_text('{\n  "workforce_range": "50:250",\n  oops\n}', encoding="utf-8")
    result = run("--aggregates", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("mixite index: error: agg.json, line 3, column 3: ")


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run(str(tmp_path / "absent.csv"))
    assert result.exit_code == 2
    assert "absent.csv" in result.stderr


def test_console_script_prints_one_line_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = golden("eg19_aggregated_50_250.json")["aggregates"]
    data["indicator2et3"]["raised_women"] = 60
    path = json_file(tmp_path, data)
    monkeypatch.setattr(sys, "argv", ["mixite", "index", "--aggregates", str(path)])
    monkeypatch.setitem(state, "debug", False)
    with pytest.raises(SystemExit) as done:
        main()
    captured = capsys.readouterr()
    assert done.value.code == 2
    assert captured.out == ""
    assert captured.err.startswith(
        "mixite index: error: agg.json, $.indicator2et3.raised_women: 60 is greater"
    )
    assert captured.err.count("\n") == 1


def test_the_cli_choices_are_the_engines() -> None:
    from mixite.cli import index  # noqa: PLC0415
    from mixite.indicators.egapro import model  # noqa: PLC0415

    assert index.RANGES == model.RANGES
    assert index.MODES == model.MODES

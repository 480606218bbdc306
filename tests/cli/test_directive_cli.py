"""``mixite directive``: exit 0 with the report or the JSON, exit 2 on bad input or options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mixite.cli.main import app, main, state

GIP = Path(__file__).parents[1] / "indicators" / "directive" / "data" / "gip_dir20.csv"
HEADER = (
    "employee_id;sex;period;job_category;contract;presence_months;fte;hours_paid;"
    "base_pay;variable_pay"
)
DIR01 = [
    "E01;F;Employés;1;1820;28000;0", "E02;F;Employés;0,5;910;15000;500",
    "E03;F;Employés;1;1820;30000;1000", "E04;M;Employés;1;1820;29000;1500",
    "E05;M;Employés;1;1820;31000;0", "E06;F;Techniciens;1;1820;36000;2000",
    "E07;M;Techniciens;1;1820;38000;0", "E08;M;Techniciens;1;1820;37000;3000",
    "E09;F;Cadres;1;1820;50000;5000", "E10;M;Cadres;1;1820;52000;8000",
    "E11;M;Cadres;1;1820;58000;6000", "E12;F;Cadres;0,8;1456;44000;3000",
]  # fmt: skip


def dir01_csv(path: Path, *, header: str = HEADER) -> Path:
    lines = [header]
    for line in DIR01:
        i, sex, cat, fte, hours, base, var = line.split(";")
        lines.append(f"{i};{sex};2026;{cat};CDI;12;{fte};{hours};{base};{var}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["directive", *args])
    return result.exit_code, result.stdout, result.stderr


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """As the console script runs (``main()``: one error line, no traceback)."""
    monkeypatch.setattr(sys, "argv", ["mixite", "directive", *args])
    monkeypatch.setitem(state, "debug", False)
    with pytest.raises(SystemExit) as done:
        main()
    captured = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


def test_json_of_a_workforce_file(tmp_path: Path) -> None:
    code, out, _ = run(str(dir01_csv(tmp_path / "rh.csv")), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "mixite.directive/1"
    assert data["indicators"]["A"]["annual"]["gap_ratio"] == 0.186
    assert data["indicators"]["A"]["hourly"]["display"] == "8,3\u00a0%"
    assert data["indicators"]["G"]["alert"]["max_gap"]["category"] == "Cadres"
    assert data["obligations"]["workforce"] == 11.3
    assert "\\u00a0" not in out  # UTF-8, ensure_ascii=False


def test_options_reach_the_engine(tmp_path: Path) -> None:
    path = str(dir01_csv(tmp_path / "rh.csv"))
    code, out, _ = run(
        path, "--json", "--quartile-ties", "rank", "--direction", "women_disfavoured",
        "--variable-population", "all", "--g-alert", "all", "--min-cell", "4",
        "--exclude-contracts", "intern", "--workforce", "300", "--year", "2028",
        "--no-cse", "--regime", "eu", "--hourly-from", "fte", "--period", "2026",
    )  # fmt: skip
    assert code == 0, out
    data = json.loads(out)
    assert data["options"]["quartile_ties"] == "rank"
    assert data["options"]["threshold_direction"] == "women_disfavoured"
    assert data["options"]["excluded_contracts"] == ["intern"]
    assert data["options"]["min_cell"] == 4
    assert (data["regime"], data["campaign_year"]) == ("eu-2023.970", 2028)
    assert (data["obligations"]["workforce"], data["obligations"]["has_cse"]) == (
        300.0,
        False,
    )


def test_human_report_and_explanations(tmp_path: Path) -> None:
    path = str(dir01_csv(tmp_path / "rh.csv"))
    code, out, _ = run(path, "--explain")
    assert code == 0
    assert "A — écart de rémunération moyenne" in out
    assert "élevé" in out
    assert "G — écarts par catégorie de salariés" in out
    assert "Obligations" in out
    assert "Catégorie «\u00a0Cadres\u00a0»" in out
    assert "une évaluation conjointe peut être requise" in out
    code, out, _ = run(path, "--explain", "--lang", "en")
    assert code == 0
    assert "a joint pay assessment may be required" in out


def test_shared_view(tmp_path: Path) -> None:
    path = str(dir01_csv(tmp_path / "rh.csv"))
    code, out, _ = run(path, "--json", "--shared")
    assert code == 0
    data = json.loads(out)
    assert data["indicators"]["A"]["annual"]["women"]["value"] is None
    cadres = data["indicators"]["G"]["categories"][0]
    assert cadres["measures"]["annual_base"] == {"masked": True, "display": "< 3"}
    code, out, _ = run(path, "--shared")
    assert code == 0
    assert "< 3" in out
    assert "35\u202f750,00" not in out
    code, out, err = run(path, "--shared", "--explain")
    assert code == 2
    assert "--explain" in out + err


def test_json_with_explain_writes_sentences_to_stderr(tmp_path: Path) -> None:
    code, out, err = run(str(dir01_csv(tmp_path / "rh.csv")), "--json", "--explain")
    assert code == 0
    json.loads(out)
    assert "Indicateur A" in err


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--hourly-from", "days"], "--hourly-from"),
        (["--quartile-ties", "coin"], "--quartile-ties"),
        (["--lang", "de"], "--lang"),
        (["--exclude-contracts", "intern,nope"], "--exclude-contracts"),
        (["--period", "2020"], "aucune ligne de l'année 2020"),
        (["--min-cell", "2"], "--min-cell"),
        (["--siren", "123456789"], "--siren"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    code, out, err = run(str(dir01_csv(tmp_path / "rh.csv")), *args)
    assert code == 2
    assert fragment in out + err
    assert "Traceback" not in out + err


def test_bad_input_exits_2_with_one_located_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    no_sex = dir01_csv(
        tmp_path / "no_sex.csv", header=HEADER.replace("sex", "genre_inconnu")
    )
    code, out, err = run_main(monkeypatch, capsys, str(no_sex))
    assert code == 2
    assert out == ""
    assert "no_sex.csv" in err
    assert "sex" in err.lower() or "sexe" in err.lower()
    assert "Traceback" not in err
    code, _, err = run_main(monkeypatch, capsys, str(tmp_path / "absent.csv"))
    assert code == 2
    assert "absent.csv" in err
    code, _, err = run_main(
        monkeypatch, capsys, "--period", "1999", str(dir01_csv(tmp_path / "x.csv"))
    )
    assert code == 2
    assert err.count("\n") == 1
    code, _, err = run_main(monkeypatch, capsys)
    assert code == 2
    assert "FILE" in err


# --- --gip -----------------------------------------------------------------------------------


def test_gip_json() -> None:
    code, out, err = run("--gip", str(GIP), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "mixite.directive.gip/1"
    assert data["file"]["recipient"] == "DGT"
    assert [c["siren"] for c in data["companies"]] == ["012345678", "987654321"]
    assert data["errors"] == [
        {
            "line": 5,
            "column": "Seuil_Q2_Rem_globale",
            "value": "3x 000",
            "code": "not_a_number",
        }
    ]
    assert "ligne 5" in err  # the row error is also said on stderr


def test_gip_one_company_year_and_human_output() -> None:
    code, out, _ = run(
        "--gip",
        str(GIP),
        "--siren",
        "987654321",
        "--year",
        "2030",
        "--no-cse",
        "--json",
    )
    assert code == 0
    (company,) = json.loads(out)["companies"]
    assert (company["campaign_year"], company["obligations"]["has_cse"]) == (
        2030,
        False,
    )
    code, out, _ = run("--gip", str(GIP), "--explain")
    assert code == 0
    assert "SIREN 012345678" in out
    assert "à calculer par l'employeur" in out


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (
            "destinataire;projet;horodatage;date_debut;date_fin;nb_lignes\nDGT;DTS;x;y;z;1\nSIREN\n",
            "fewer than 4 lines",
        ),
        ("foo;bar\n1;2\n3;4\n5;6\n", "line 1"),
    ],
)
def test_gip_fatal_layout_exits_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: str,
    fragment: str,
) -> None:
    path = tmp_path / "gip.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run_main(monkeypatch, capsys, "--gip", str(path), "--lang", "en")
    assert code == 2
    assert out == ""
    assert fragment in err
    assert "gip.csv" in err


def test_gip_refuses_worker_options_and_unknown_siren(tmp_path: Path) -> None:
    code, out, err = run("--gip", str(GIP), "--hourly-from", "fte")
    assert code == 2
    assert "--hourly-from" in out + err
    code, out, err = run("--gip", str(GIP), "--siren", "111111111")
    assert code == 2
    assert "111111111" in out + err
    code, out, err = run(str(dir01_csv(tmp_path / "rh.csv")), "--gip", str(GIP))
    assert code == 2


def test_the_command_module_imports_no_engine() -> None:
    code = "import sys, mixite.cli.directive; print('ibis' in sys.modules, 'duckdb' in sys.modules)"
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False False"

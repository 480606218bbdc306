"""The obligation decision (DIR-18 rule pack ``fr``, DIR-19 rule pack ``eu``, §8, §9)."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from mixite.indicators import directive
from mixite.indicators.directive.obligations import KEYS, rule_pack
from tests.indicators.directive.helpers import dir01_rows, person, table

T, F, N = True, False, None
# workforce, year, g, band, decl., G req., CSE, gap sig., compliance, negotiation, deadline, 2nd
DIR18: dict[str, tuple[Any, ...]] = {
    "a": (49.99, 2027, 7.0, "<50", F, F, F, T, F, F, N, N),
    "b": (50, 2027, 7.0, "50-99", T, F, F, T, F, F, "2027-06-01", N),
    "c": (50, 2030, 6.0, "50-99", T, T, F, T, F, T, "2030-06-01", N),
    "d": (99.97, 2030, 6.0, "50-99", T, T, F, T, F, T, "2030-06-01", N),
    "e": (100, 2027, 8.0, "100-149", T, F, T, T, F, F, "2027-06-01", N),
    "f": (100, 2030, 5.0, "100-149", T, T, T, T, T, F, "2030-06-01", "2030-12-01"),
    "g": (120, 2031, 9.0, "100-149", T, F, T, T, F, F, "2031-06-01", N),
    "h": (149.99, 2033, 4.99, "100-149", T, T, T, F, F, F, "2033-06-01", N),
    "i": (150, 2027, 4.99, "150-249", T, T, T, F, F, F, "2027-06-01", N),
    "j": (150, 2028, 12.0, "150-249", T, F, T, T, F, F, "2028-06-01", N),
    "k": (249.99, 2030, -5.2, "150-249", T, T, T, T, T, F, "2030-06-01", "2030-12-01"),
    "l": (250, 2028, -5.2, "250+", T, T, T, T, T, F, "2028-06-01", "2028-12-01"),
    "m": (250, 2028, -5.2, "250+", T, T, T, F, F, F, "2028-06-01", N),
    "n": (250, 2026, 9.0, "250+", F, F, F, T, F, F, N, N),
    "o": (300, 2027, 6.5, "250+", T, T, F, T, T, F, "2027-06-01", "2027-12-01"),
    "p": (300, 2027, None, "250+", T, T, T, N, N, F, "2027-06-01", N),
    "q": (1200, 2029, 4.9999, "250+", T, T, T, F, F, F, "2029-06-01", N),
}
OPTIONS: dict[str, dict[str, Any]] = {
    "m": {"direction": "women_disfavoured"},
    "o": {"has_cse": False},
}


@pytest.mark.parametrize(("row", "case"), DIR18.items(), ids=list(DIR18))
def test_DIR_18_rule_pack_fr(row: str, case: tuple[Any, ...]) -> None:
    workforce, year, g, band, *flags = case
    options: dict[str, Any] = dict(OPTIONS.get(row, {}))
    has_cse = options.pop("has_cse", True)
    got = directive.obligations(workforce, year, g, has_cse, **options)
    assert list(got) == list(KEYS)
    assert got == {
        "regime": "fr-2027.1",
        "size_band": band,
        "regime_in_force": row != "n",
        "declaration_required": flags[0],
        "indicator_g_required": flags[1],
        "cse_required": flags[2],
        "gap_significant": flags[3],
        "compliance_process_required": flags[4],
        "negotiation_required": flags[5],
        "report_deadline": flags[6],
        "second_declaration_deadline": flags[7],
    }


# workforce, year, g, declaration = G required, CSE, compliance, deadline
DIR19 = [
    (120, 2027, 6, F, F, F, N),
    (120, 2031, 6, T, T, T, "2031-06-07"),
    (120, 2034, 6, T, T, T, "2034-06-07"),
    (200, 2028, 6, F, F, F, N),
    (200, 2030, 6, T, T, T, "2030-06-07"),
    (250, 2028, 3, T, T, F, "2028-06-07"),
    (99, 2031, 6, F, F, F, N),
]


@pytest.mark.parametrize("case", DIR19, ids=lambda c: f"{c[0]}-{c[1]}")
def test_DIR_19_rule_pack_eu(case: tuple[Any, ...]) -> None:
    workforce, year, g, due, cse, compliance, deadline = case
    got = directive.obligations(workforce, year, g, True, regime="eu")
    assert got["regime"] == "eu-2023.970"
    assert (got["declaration_required"], got["indicator_g_required"]) == (due, due)
    assert (got["cse_required"], got["compliance_process_required"]) == (
        cse,
        compliance,
    )
    assert got["report_deadline"] == deadline
    assert got["negotiation_required"] is False
    assert got["second_declaration_deadline"] is None
    assert got["regime_in_force"] is True


def test_gap_significant_is_false_not_null_below_5() -> None:
    assert directive.obligations(10, 2027, 1.0, True)["gap_significant"] is False


def test_options_are_validated() -> None:
    with pytest.raises(ValueError, match="regime"):
        directive.obligations(100, 2027, 5.0, True, regime="uk")
    with pytest.raises(ValueError, match="direction"):
        directive.obligations(100, 2027, 5.0, True, direction="signed")


def test_rule_packs_carry_their_data() -> None:
    fr = rule_pack("fr")
    assert (fr.version, fr.first_year, fr.threshold_percent) == ("fr-2027.1", 2027, 5.0)
    assert fr.data["deadlines"] == {"report": "06-01", "second_declaration": "12-01"}
    assert fr.data["milestones"]["gip_data"] == "03-01"
    assert rule_pack("eu").version == "eu-2023.970"


def test_af_frequency_choice_of_the_rule_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("mixite.indicators.directive.obligations")
    pack = rule_pack("fr")
    data = {**pack.data, "af_frequency": "triennial_below_250"}
    monkeypatch.setattr(
        module, "rule_pack", lambda _regime="fr": module.RulePack("fr", "x", data)
    )
    assert module.obligations(120, 2028, None, True)["declaration_required"] is False
    assert module.obligations(120, 2030, None, True)["declaration_required"] is True
    assert module.obligations(300, 2028, None, True)["declaration_required"] is True


def test_workforce_option_and_unknown_period() -> None:
    given = directive.compute(table(dir01_rows()), workforce=300, year=2027).to_dict()
    block = given["obligations"]
    assert (block["workforce"], block["workforce_source"]) == (300.0, "option")
    assert block["compliance_process_required"] is True
    assert all(w["code"] != "workforce_estimated" for w in given["warnings"])
    rows = [{**row, "period": None} for row in dir01_rows()]
    unknown = directive.compute(table(rows)).to_dict()
    assert (unknown["period"], unknown["campaign_year"]) == (None, None)
    assert unknown["obligations"]["reason"] == "period_unknown"
    assert unknown["obligations"]["declaration_required"] is None
    with_year = directive.compute(table(rows), year=2028).to_dict()
    assert with_year["campaign_year"] == 2028
    assert with_year["obligations"]["reason"] is None


def test_workforce_estimate_excludes_apprentices_and_uses_presence() -> None:
    rows = [
        person("A", "F", 30000, fte=0.5),
        person("B", "M", 30000, presence_months=6.0),
        person("C", "M", 10000, contract="apprentice"),
        person("D", "F", 30000, contract="intern"),
        person("E", "X", 30000),  # counted in the headcount, not in the indicators
    ]
    block = directive.compute(table(rows)).to_dict()["obligations"]
    assert block["workforce"] == 0.5 + 0.5 + 1.0


def test_regime_eu_in_compute() -> None:
    result = directive.compute(
        table(dir01_rows()), regime="eu", workforce=200, year=2030
    )
    data = result.to_dict()
    assert data["regime"] == "eu-2023.970"
    assert data["obligations"]["report_deadline"] == "2030-06-07"

"""DSN code lists mapped to canonical codes (workforce spec §6.5), versioned by norm.

Code lists change with each yearly norm (``S10.G00.00.006``, e.g. ``P25V01``). Each norm
has its tables; a file uses the table of its norm, or of the latest earlier norm (the
latest norm when the file names none or an earlier one than any table). A code absent from
the table maps to ``other`` (contract, exit reason, leave) or ``None`` (CSP).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["CSP_RANK", "CodeTables", "tables_for"]

# rank used to detect promotions (§6.7): ouv = emp = 1, tam = 2, ic = 3
CSP_RANK: Final[Mapping[str, int]] = MappingProxyType(
    {"ouv": 1, "emp": 1, "tam": 2, "ic": 3}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeTables:
    norm: str  # "P25": the yearly norm these tables come from
    apprentice_schemes: frozenset[str]  # S21.G00.40.008
    professionalisation_schemes: frozenset[str]
    contract_natures: Mapping[str, str]  # S21.G00.40.007
    expatriate: frozenset[str]  # S21.G00.40.024: 02 expatrié (project convention, §6.5)
    statut_csp: Mapping[str, str]  # S21.G00.40.002
    statut_review: frozenset[str]  # 01, 02 -> ouv, flagged (project convention)
    pcs_first_digit: Mapping[str, str]  # S21.G00.40.004
    exit_reasons: Mapping[str, str]  # S21.G00.62.002
    stoppages: Mapping[str, str]  # S21.G00.60.001 -> leave kind
    suspensions: Mapping[str, str]  # S21.G00.65.001 -> leave kind
    paid_holidays: str  # S21.G00.65.001 code that is not a leave

    def contract(
        self, nature: str | None, scheme: str | None, abroad: str | None
    ) -> str:
        if scheme in self.apprentice_schemes:
            code = "apprentice"
        elif scheme in self.professionalisation_schemes:
            code = "professionalisation"
        else:
            code = self.contract_natures.get(nature or "", "other")
        return "expatriate" if abroad in self.expatriate else code

    def csp_from_pcs(self, pcs: str | None) -> str | None:
        return self.pcs_first_digit.get((pcs or " ")[0])

    def exit_reason(self, code: str) -> str:
        return self.exit_reasons.get(code, "other")


def _codes(kind: str, codes: str) -> dict[str, str]:
    return dict.fromkeys(codes.split(), kind)


_P25: Final = CodeTables(
    norm="P25",
    apprentice_schemes=frozenset({"64", "65", "81"}),
    professionalisation_schemes=frozenset({"61"}),
    contract_natures=MappingProxyType(
        {
            **_codes("intern", "29"),
            **_codes("temp_agency", "03"),
            **_codes("permanent", "01 07 08 09 82 91"),
            **_codes("fixed_term", "02 10 92"),
        }
    ),
    expatriate=frozenset({"02"}),
    statut_csp=MappingProxyType(
        {
            **_codes("ic", "03 04"),
            "05": "tam",
            "06": "emp",
            "07": "ouv",
            **_codes("ouv", "01 02"),
        }
    ),
    statut_review=frozenset({"01", "02"}),
    pcs_first_digit=MappingProxyType(
        {"2": "ic", "3": "ic", "4": "tam", "5": "emp", "6": "ouv"}
    ),
    exit_reasons=MappingProxyType(
        {
            **_codes("retirement", "038 039"),
            "059": "resignation",
            **_codes("end_of_fixed_term", "031 032"),
            **_codes(
                "dismissal", "011 012 014 015 020 025 026 086 087 088 089 091 092 093"
            ),
            "043": "mutual_termination",
            **_codes("end_of_trial", "034 035"),
            "066": "death",
            "998": "transfer",
        }
    ),
    stoppages=MappingProxyType(
        {
            "01": "sickness",
            "02": "maternity",
            "03": "paternity",
            "04": "commuting_accident",
            "05": "occupational_disease",
            "06": "work_accident",
            "09": "adoption",
        }
    ),
    suspensions=MappingProxyType(
        {"632": "parental", "639": "sabbatical", "501": "unpaid"}
    ),
    paid_holidays="200",
)

TABLES: Final[Mapping[str, CodeTables]] = MappingProxyType({_P25.norm: _P25})
_NORM: Final = re.compile(r"P(\d{2})")


def tables_for(norm: str | None) -> CodeTables:
    """The tables of a file's norm (``P25V01`` -> ``P25``), else the nearest earlier one."""
    match = _NORM.match(norm or "")
    known = sorted(TABLES)
    if match is None:
        return TABLES[known[-1]]
    earlier = [name for name in known if name <= f"P{match[1]}"]
    return TABLES[earlier[-1] if earlier else known[-1]]

"""Declarations, replacement and coverage (workforce spec §6.2).

A declaration is one establishment (SIRET) of one monthly DSN, keyed by SIRET, declared
month and fraction. Normal declarations are kept first, in file-name order; then the
cancel-and-replace (03, 05) and cancel (04) declarations apply, in the same order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from mixite.workforce.dsn.parse import Block, ParsedFile
    from mixite.workforce.dsn.sink import ReportSink

__all__ = ["Declaration", "Month", "keep_declarations", "month_label"]

Month = tuple[int, int]  # (year, month)
MONTHLY: Final = "01"
NORMAL: Final = frozenset({"01", "02"})
REPLACE: Final = "03"
CANCEL: Final = "04"
REPLACE_EMPTY: Final = "05"
_KINDS: Final = NORMAL | {REPLACE, CANCEL, REPLACE_EMPTY}


@dataclass(frozen=True, slots=True)
class Declaration:
    """One establishment of one monthly declaration; ``block`` is its S21.G00.11 block."""

    file: str
    line: int  # the S20.G00.05 block's first line
    kind: str
    siren: str
    nic: str
    month: Month
    fraction: tuple[int, int]
    block: Block | None  # None: replaced with nothing (type 05)

    @property
    def siret(self) -> str:
        return self.siren + self.nic

    @property
    def key(self) -> tuple[str, Month, int]:
        return (self.siret, self.month, self.fraction[0])


def month_label(month: Month) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def _fraction(code: str | None) -> tuple[int, int]:
    if code is not None and re.fullmatch(r"[1-9]{2}", code) and code[0] <= code[1]:
        return int(code[0]), int(code[1])
    return 1, 1


def _declarations(parsed: ParsedFile, report: ReportSink) -> Iterable[Declaration]:
    if parsed.root is None:
        return
    for s20 in parsed.root.kids("S20.G00.05"):
        nature = s20.get("001")
        if nature != MONTHLY:
            report.add(
                "dsn.nature_skipped",
                file=parsed.name,
                row=s20.line_of("001"),
                rubric="S20.G00.05.001",
                value=nature or "",
            )
            continue
        kind, month = s20.get("002"), s20.get("005")
        if kind not in _KINDS:
            report.add(
                "dsn.bad_value",
                file=parsed.name,
                row=s20.line_of("002"),
                rubric="S20.G00.05.002",
                value=kind or "",
            )
            continue
        if month is None:
            continue  # reported as dsn.bad_value when malformed
        for s06 in s20.kids("S21.G00.06"):
            for s11 in s06.kids("S21.G00.11"):
                siren, nic = s06.get("001"), s11.get("001")
                if siren is None or nic is None:
                    continue
                yield Declaration(
                    file=parsed.name,
                    line=s20.line,
                    kind=kind,
                    siren=siren,
                    nic=nic,
                    month=(int(month[4:]), int(month[2:4])),
                    fraction=_fraction(s20.get("003")),
                    block=s11,
                )


def keep_declarations(
    files: Sequence[ParsedFile], *, report: ReportSink
) -> list[Declaration]:
    """The kept declarations, after replacement; ``files`` are in file-name order."""
    found = [d for parsed in files for d in _declarations(parsed, report)]
    kept: dict[tuple[str, Month, int], Declaration] = {}
    for declaration in found:
        if declaration.kind not in NORMAL:
            continue
        if declaration.key in kept:
            report.add(
                "dsn.duplicate_declaration",
                file=declaration.file,
                row=declaration.line,
                siret=declaration.siret,
                month=month_label(declaration.month),
            )
            continue
        kept[declaration.key] = declaration
    for declaration in found:
        if declaration.kind == REPLACE:
            kept[declaration.key] = declaration
        elif declaration.kind == REPLACE_EMPTY:
            kept[declaration.key] = replace(declaration, block=None)
        elif declaration.kind == CANCEL:
            kept.pop(declaration.key, None)
    result = list(kept.values())
    _check_fractions(result, report)
    return result


def _check_fractions(kept: Sequence[Declaration], report: ReportSink) -> None:
    seen: dict[tuple[str, Month], tuple[set[int], int]] = {}
    for declaration in kept:
        numbers, total = seen.get((declaration.siret, declaration.month), (set(), 1))
        numbers.add(declaration.fraction[0])
        seen[declaration.siret, declaration.month] = (
            numbers,
            max(total, declaration.fraction[1]),
        )
    for (siret, month), (numbers, total) in sorted(seen.items()):
        missing = [str(x) for x in range(1, total + 1) if x not in numbers]
        if missing:
            report.add(
                "dsn.fraction_missing",
                siret=siret,
                month=month_label(month),
                fractions=", ".join(missing),
            )


def coverage(kept: Iterable[Declaration]) -> dict[str, set[Month]]:
    """For each SIRET, the months that have a kept declaration."""
    covered: dict[str, set[Month]] = {}
    for declaration in kept:
        covered.setdefault(declaration.siret, set()).add(declaration.month)
    return covered

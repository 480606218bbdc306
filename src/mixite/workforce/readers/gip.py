"""The GIP-MDS file of pre-computed directive indicators (directive.md §11.1).

GIP-MDS (the body that processes the DSN) computes indicators A–F for every company and
sends them as a ``;`` separated text file: a metadata header and its values, a column
header, then one line per SIREN. This reader never raises on bad input: a fatal layout
problem is returned in ``GipFile.fatal`` (the CLI exits with 2), cell and row problems in
``errors``, with the file, the line, the column and a hint to fix them.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final, Literal

from mixite.errors import MixiteError
from mixite.workforce.readers.gip_messages import MESSAGES

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

Lang = Literal["fr", "en"]
Source = str | os.PathLike[str] | bytes | BinaryIO

META_HEADER: Final = (
    "destinataire",
    "projet",
    "horodatage",
    "date_debut",
    "date_fin",
    "nb_lignes",
)
MIN_LINES: Final = 4  # metadata header and values, column header, one company
SIREN_DIGITS: Final = 9
SIREN: Final = "SIREN"
NUMBER: Final = re.compile(r"-?[0-9]+(\.[0-9]+)?")
SPACES: Final = str.maketrans("", "", " \u00a0\u202f")
QUALITY_PREFIX: Final = "indice"

# The columns of the published layout (DIR-20), spelled as published (the trailing space
# of "Taux_horaire_variable_median_F " trimmed). Matching ignores case and accents.
_BANDS = [
    f"Quartile{q}_{basis}_{kind}_{sex}"
    for basis in ("Rem_globale_annuelle", "Taux_horaire_global")
    for kind in ("nb", "proportion")
    for sex in ("F", "H")
    for q in range(1, 5)
]
_THRESHOLDS = [
    f"Seuil_Q{q}_{basis}"
    for basis in ("Rem_globale", "Taux_horaire_global")
    for q in (1, 2, 3)
]
_GAPS = [
    f"{stem}_{suffix}"
    for stem in (
        "Rem_globale_annuelle_moyenne",
        "Taux_horaire_global_moyen",
        "Rem_variable_annuelle_moyenne",
        "Taux_horaire_variable_moyen",
        "Rem_globale_annuelle_mediane",
        "Rem_variable_annuelle_mediane",
        "Taux_horaire_variable_median",
    )
    for suffix in ("F", "H", "ecart")
]
COLUMNS: Final = (
    SIREN,
    "Effectif_RCD",
    *[
        f"Effectif_{sex}_{kind}"
        for kind in (
            "rem_annuelle_globale",
            "taux_horaire_global",
            "rem_annuelle_variable",
        )
        for sex in ("F", "H")
    ],
    *_GAPS,
    "Taux_globale_annuelle_mediane_F",  # sic: the published name of C hourly
    "Taux_globale_annuelle_mediane_H",
    "Taux_horaire_global_median_ecart",
    "Proportion_variable_F",
    "Proportion_variable_H",
    *_THRESHOLDS,
    *_BANDS,
)
QUALITY_COLUMNS: Final = (
    "indice",
    "indice_nature_exo",
    "indice_unite",
    "indice_ratio_suspensions",
    "indice_ratio_arrets",
    "indice_arrets_0",
    "indice_quotite250",
    "indice_quotite0",
    "indice_rem_extremes",
    "indice_taux_extremes",
)

NBSP: Final = "\u00a0"
_FRENCH_SPACES: Final = (  # no-break spaces of French typography
    (re.compile(r" ([:;?!»%€])"), NBSP + r"\1"),
    (re.compile(r"« "), "«" + NBSP),
)


def _french(text: str) -> str:
    for pattern, replacement in _FRENCH_SPACES:
        text = pattern.sub(replacement, text)
    return text


class GipError(MixiteError):
    """A GIP-MDS file whose layout cannot be read (the CLI exits with 2)."""

    def __init__(self, issue: GipIssue) -> None:
        super().__init__(issue.text("en"))
        self.issue = issue


@dataclass(frozen=True, slots=True, kw_only=True)
class GipIssue:
    """One problem of a GIP-MDS file, located by file, line and column."""

    code: str
    file: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)

    def _parts(self, lang: Lang) -> tuple[str, str]:
        fr, fr_hint, en, en_hint = MESSAGES[self.code]
        context = {"value": self.value, "column": self.column, **self.params}
        if lang == "fr":
            return _french(fr.format(**context)), _french(fr_hint.format(**context))
        return en.format(**context), en_hint.format(**context)

    def text(self, lang: Lang = "fr") -> str:
        """``file, line n, column c: message hint``."""
        message, hint = self._parts(lang)
        where = [self.file]
        if self.line is not None:
            where.append(f"ligne {self.line}" if lang == "fr" else f"line {self.line}")
        if self.column is not None:
            column = f"colonne «{NBSP}{self.column}{NBSP}»"
            where.append(column if lang == "fr" else f"column '{self.column}'")
        separator = f"{NBSP}: " if lang == "fr" else ": "
        return f"{', '.join(where)}{separator}{message} {hint}"

    def hint(self, lang: Lang = "fr") -> str:
        return self._parts(lang)[1]

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "code": self.code,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class GipMeta:
    recipient: str
    project: str
    published: date
    period_start: date | None
    period_end: date
    declared_rows: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class GipRow:
    """One company: values by published column name (None when empty or unreadable)."""

    line: int
    siren: str
    raw_siren: str
    values: Mapping[str, float | None]
    quality: Mapping[str, float | None]
    issues: tuple[GipIssue, ...] = ()  # siren_padded, not_a_number of this line

    def get(self, column: str) -> float | None:
        return self.values.get(column)


@dataclass(frozen=True, slots=True, kw_only=True)
class GipFile:
    """A read GIP-MDS file: ``fatal`` set (and nothing else) when unreadable."""

    file: str
    meta: GipMeta | None = None
    rows: tuple[GipRow, ...] = ()
    errors: tuple[GipIssue, ...] = ()  # cells and lines: the file goes on
    warnings: tuple[GipIssue, ...] = ()  # about the whole file
    fatal: GipIssue | None = None
    columns_ignored: tuple[str, ...] = ()
    columns_missing: tuple[str, ...] = ()
    data_rows: int = 0

    @property
    def ok(self) -> bool:
        return self.fatal is None

    @property
    def period(self) -> int | None:
        return None if self.meta is None else self.meta.period_end.year

    def file_dict(self) -> dict[str, object]:
        meta = self.meta
        return {
            "recipient": meta and meta.recipient,
            "project": meta and meta.project,
            "published": meta and meta.published.isoformat(),
            "period_start": meta
            and meta.period_start
            and meta.period_start.isoformat(),
            "period_end": meta and meta.period_end.isoformat(),
            "declared_rows": meta and meta.declared_rows,
            "data_rows": self.data_rows,
            "columns_ignored": list(self.columns_ignored),
            "columns_missing": list(self.columns_missing),
        }


def column_key(name: str) -> str:
    """Trimmed, accents removed, case folded: ``Médiane `` and ``mediane`` match."""
    decomposed = unicodedata.normalize("NFD", name.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


EXPECTED: Final = {column_key(name): name for name in (*COLUMNS, *QUALITY_COLUMNS)}


def parse_number(cell: str) -> float | Literal[False] | None:
    """A GIP number: spaces removed, decimal comma; None when empty, False when bad."""
    text = cell.translate(SPACES).replace(",", ".")
    if not text:
        return None
    if not NUMBER.fullmatch(text):
        return False
    return float(Decimal(text))


def _read_bytes(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | os.PathLike):
        return Path(source).read_bytes()
    return source.read()


def _decode(
    data: bytes, file: str
) -> tuple[str | None, list[GipIssue], GipIssue | None]:
    """UTF-8 (BOM accepted), else Windows-1252 with a warning (§11.1)."""
    if b"\x00" in data:
        return None, [], GipIssue(code="not_text", file=file)
    try:
        return data.decode("utf-8-sig"), [], None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, [], GipIssue(code="encoding", file=file)
    return text, [GipIssue(code="encoding_cp1252", file=file)], None


def _cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.split(";")]
    return [
        c[1:-1].strip() if len(c) > 1 and c[0] == c[-1] == '"' else c for c in cells
    ]


def _parse_date(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _declared_rows(value: str, file: str, errors: list[GipIssue]) -> int | None:
    """``nb_lignes``: a whole number, else null with a ``not_a_number`` error."""
    declared = parse_number(value)
    if declared is False or (declared is not None and not declared.is_integer()):
        issue = GipIssue(
            code="not_a_number", file=file, line=2, column="nb_lignes", value=value
        )
        errors.append(issue)
        return None
    return None if declared is None else int(declared)


def _meta(
    lines: Sequence[str], file: str, errors: list[GipIssue]
) -> GipMeta | GipIssue:
    """Lines 1 and 2; a wrong header or an unreadable horodatage or date_fin is fatal."""
    header = _cells(lines[0])
    while header and not header[-1]:
        header.pop()
    if tuple(h.casefold() for h in header) != META_HEADER:
        return GipIssue(
            code="bad_metadata_header", file=file, line=1, value=lines[0][:80]
        )
    values = _cells(lines[1]) + [""] * len(META_HEADER)
    stamp, end = _parse_date(values[2]), _parse_date(values[4])
    for column, parsed, raw in (
        ("horodatage", stamp, values[2]),
        ("date_fin", end, values[4]),
    ):
        if parsed is None:
            return GipIssue(
                code="bad_date", file=file, line=2, column=column, value=raw
            )
    start = _parse_date(values[3])
    if start is None and values[3]:
        errors.append(
            GipIssue(
                code="bad_date", file=file, line=2, column="date_debut", value=values[3]
            )
        )
    declared = _declared_rows(values[5], file, errors)
    assert stamp is not None  # noqa: S101 - returned above otherwise
    assert end is not None  # noqa: S101
    return GipMeta(
        recipient=values[0],
        project=values[1],
        published=stamp,
        period_start=start,
        period_end=end,
        declared_rows=declared,
    )


@dataclass(slots=True)
class _Layout:
    """Where each known column is in the header; what is ignored or missing."""

    index: dict[str, int]  # published name -> position
    quality: dict[str, int]  # quality column as spelled in the header -> position
    ignored: list[str]
    missing: list[str]
    width: int


def _layout(header: Sequence[str]) -> _Layout:
    index: dict[str, int] = {}
    quality: dict[str, int] = {}
    ignored: list[str] = []
    for position, name in enumerate(header):
        key = column_key(name)
        if not key:
            continue
        if key.startswith(QUALITY_PREFIX) and (key == QUALITY_PREFIX or key[6] == "_"):
            quality.setdefault(name.strip(), position)
        elif key in EXPECTED and EXPECTED[key] not in index:
            index[EXPECTED[key]] = position
        else:
            ignored.append(name.strip())
    present = set(index) | {column_key(q) for q in quality}
    missing = [
        n
        for n in (*COLUMNS, *QUALITY_COLUMNS)
        if n not in present and column_key(n) not in present
    ]
    return _Layout(
        index=index,
        quality=quality,
        ignored=ignored,
        missing=missing,
        width=len(header),
    )


def _siren(raw: str, line: int, file: str) -> tuple[str | None, GipIssue | None]:
    if not raw.isascii() or not raw.isdigit() or len(raw) > SIREN_DIGITS:
        return None, GipIssue(
            code="bad_siren", file=file, line=line, column=SIREN, value=raw
        )
    siren = raw.zfill(SIREN_DIGITS)
    if siren == raw:
        return siren, None
    issue = GipIssue(
        code="siren_padded",
        file=file,
        line=line,
        column=SIREN,
        value=raw,
        params={"siren": siren},
    )
    return siren, issue


def _numbers(
    cells: Sequence[str], positions: Mapping[str, int], line: int, file: str
) -> tuple[dict[str, float | None], list[GipIssue]]:
    values: dict[str, float | None] = {}
    issues = []
    for name, position in positions.items():
        cell = cells[position] if position < len(cells) else ""
        parsed = parse_number(cell)
        if parsed is False:
            issues.append(
                GipIssue(
                    code="not_a_number", file=file, line=line, column=name, value=cell
                )
            )
            parsed = None
        values[name] = parsed
    return values, issues


def _row(
    cells: list[str], line: int, layout: _Layout, file: str, seen: set[str]
) -> tuple[GipRow | None, list[GipIssue]]:
    issues: list[GipIssue] = []
    if len(cells) > layout.width:
        issues.append(
            GipIssue(
                code="too_many_fields",
                file=file,
                line=line,
                params={"count": len(cells), "expected": layout.width},
            )
        )
    raw = cells[layout.index[SIREN]] if layout.index[SIREN] < len(cells) else ""
    siren, problem = _siren(raw, line, file)
    if problem is not None:
        issues.append(problem)
    if siren is None:
        return None, issues
    if siren in seen:
        issues.append(
            GipIssue(
                code="duplicate_siren", file=file, line=line, column=SIREN, value=raw
            )
        )
        return None, issues
    seen.add(siren)
    positions = {k: v for k, v in layout.index.items() if k != SIREN}
    values, bad = _numbers(cells, positions, line, file)
    quality, bad_quality = _numbers(cells, layout.quality, line, file)
    issues += bad + bad_quality
    row = GipRow(
        line=line,
        siren=siren,
        raw_siren=raw,
        values=values,
        quality=quality,
        issues=tuple(issues),
    )
    return row, issues


def _lines(text: str) -> list[str]:
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _open(
    source: Source, name: str
) -> tuple[list[str], list[GipIssue], GipIssue | None]:
    """The lines of the file (blank trailing ones dropped), decoding warnings, or a fatal."""
    try:
        data = _read_bytes(source)
    except OSError as error:
        detail = error.strerror or type(error).__name__
        return [], [], GipIssue(code="unreadable", file=name, params={"detail": detail})
    text, warnings, fatal = _decode(data, name)
    if text is None:
        return [], warnings, fatal
    lines = _lines(text)
    if len(lines) < MIN_LINES:
        count = {"count": len(lines)}
        return lines, warnings, GipIssue(code="too_few_lines", file=name, params=count)
    return lines, warnings, None


def _data_rows(
    lines: Sequence[str], layout: _Layout, name: str
) -> tuple[list[GipRow], list[GipIssue], list[GipIssue], int]:
    """Rows, row errors, row warnings (padded SIRENs) and the number of data lines."""
    rows: list[GipRow] = []
    errors: list[GipIssue] = []
    warnings: list[GipIssue] = []
    seen: set[str] = set()
    numbered = [(n, line) for n, line in enumerate(lines[3:], start=4) if line.strip()]
    for number, line in numbered:
        row, issues = _row(_cells(line), number, layout, name, seen)
        errors += [i for i in issues if i.code != "siren_padded"]
        warnings += [i for i in issues if i.code == "siren_padded"]
        if row is not None:
            rows.append(row)
    return rows, errors, warnings, len(numbered)


def read_gip(source: Source, *, file: str | None = None) -> GipFile:
    """Read a GIP-MDS file (path, bytes or binary file); never raises on bad input."""
    named = isinstance(source, str | os.PathLike)
    name = file or (Path(source).name if named else "gip.csv")  # type: ignore[arg-type]
    lines, warnings, fatal = _open(source, name)
    if fatal is not None:
        return GipFile(file=name, fatal=fatal, warnings=tuple(warnings))
    errors: list[GipIssue] = []
    meta = _meta(lines, name, errors)
    if isinstance(meta, GipIssue):
        return GipFile(file=name, fatal=meta, warnings=tuple(warnings))
    layout = _layout(_cells(lines[2]))
    if SIREN not in layout.index:
        issue = GipIssue(code="missing_siren_column", file=name, line=3, column=SIREN)
        return GipFile(file=name, fatal=issue, warnings=tuple(warnings))
    rows, row_errors, row_warnings, n_lines = _data_rows(lines, layout, name)
    warnings += row_warnings
    if meta.declared_rows is not None and meta.declared_rows != n_lines:
        counts = {"declared": meta.declared_rows, "found": n_lines}
        warnings.append(
            GipIssue(
                code="row_count_mismatch",
                file=name,
                line=2,
                column="nb_lignes",
                params=counts,
            )
        )
    return GipFile(
        file=name,
        meta=meta,
        rows=tuple(rows),
        errors=tuple(errors + row_errors),
        warnings=tuple(warnings),
        columns_ignored=tuple(layout.ignored),
        columns_missing=tuple(layout.missing),
        data_rows=n_lines,
    )

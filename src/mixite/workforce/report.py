"""The validation report: messages, counts, the 1,000-message cap, JSON and Rich output.

Workforce spec §5.4 (limits and order), §9.1 (Python interface) and §9.3 (JSON). Every module
of the pipeline reports problems through one :class:`ReportBuilder`; ``build()`` returns the
frozen :class:`ValidationReport` that ``load()``, ``validate()`` and the CLI hand out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal, Protocol, TypeAlias

import polars as pl
from rich.console import Group
from rich.table import Table
from rich.text import Text

from mixite.workforce.messages import (
    CATALOGUE,
    MASKED_RUBRICS,
    MASKED_VALUE,
    SEVERITIES,
    Lang,
    Severity,
    cut,
    definition,
    fill,
    rejects_row,
    severity_of,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from rich.console import RenderableType

JsonValue: TypeAlias = (
    "str | int | float | bool | list[JsonValue] | dict[str, JsonValue] | None"
)
PeriodOrigin = Literal["column", "argument", "none"]

SCHEMA: Final = "mixite.validation/1"
MAX_MESSAGES: Final = 1000  # §5.4

# Priority groups of §5.4: fatal, errors that reject a row, other errors, warnings.
_FATAL, _REJECTING, _ERROR, _WARNING = 0, 1, 2, 3
_N_GROUPS: Final = 4


@dataclass(frozen=True, slots=True)
class Message:
    """One reported problem (§9.1). ``params`` fill the placeholders of the texts."""

    severity: Severity
    key: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    source_column: str | None = None
    rubric: str | None = None
    value: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)

    def _context(self) -> dict[str, str]:
        located = {"file": self.file, "column": self.column, "rubric": self.rubric}
        context = {name: text for name, text in located.items() if text is not None}
        if self.value is not None:
            context["value"] = self.value
        context.update(self.params)
        return context

    def text(self, lang: Lang = "fr") -> str:
        """The message in French or English, placeholders filled."""
        entry = definition(self.key, self.severity)
        return fill(entry.fr if lang == "fr" else entry.en, self._context(), lang)

    def hint(self, lang: Lang = "fr") -> str:
        """What to do about it, in French or English."""
        entry = definition(self.key, self.severity)
        return fill(
            entry.fr_hint if lang == "fr" else entry.en_hint, self._context(), lang
        )

    def to_dict(self) -> dict[str, JsonValue]:
        """The message as in the ``messages`` list of §9.3."""
        return {
            "severity": self.severity,
            "key": self.key,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "source_column": self.source_column,
            "rubric": self.rubric,
            "value": self.value,
            "params": dict(self.params),
            "message_fr": self.text("fr"),
            "message_en": self.text("en"),
            "hint_fr": self.hint("fr"),
            "hint_en": self.hint("en"),
        }


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One input file as read (§9.3 ``sources``); DSN files fill ``lines`` and ``norm``."""

    file: str
    format: str
    sha256: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    lines: int | None = None
    norm: str | None = None

    def to_dict(self) -> dict[str, JsonValue]:
        return {
            "file": self.file,
            "format": self.format,
            "sha256": self.sha256,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "decimal": self.decimal,
            "lines": self.lines,
            "norm": self.norm,
        }


@dataclass(frozen=True, slots=True)
class MappingInfo:
    """The column mapping used (§9.3 ``mapping``).

    ``columns``: canonical name → (source header, origin), origin one of ``mapping_file``,
    ``exact``, ``synonym``, ``weak_synonym``; ``ignored_columns``: (source header, reason).
    """

    columns: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    ignored_columns: Sequence[tuple[str, str]] = ()
    missing_optional: Sequence[str] = ()
    options: Mapping[str, JsonValue] = field(default_factory=dict)

    def to_dict(self) -> dict[str, JsonValue]:
        return {
            "columns": {
                name: {"source": source, "origin": origin}
                for name, (source, origin) in self.columns.items()
            },
            "ignored_columns": [
                {"source": source, "reason": reason}
                for source, reason in self.ignored_columns
            ],
            "missing_optional": list(self.missing_optional),
            "options": dict(self.options),
        }


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    """The reference period(s) (§1.5, §9.3 ``period``)."""

    values: Sequence[int] = ()
    origin: PeriodOrigin = "none"
    start: date | None = None
    end: date | None = None

    def to_dict(self) -> dict[str, JsonValue]:
        return {
            "values": list(self.values),
            "origin": self.origin,
            "start": None if self.start is None else self.start.isoformat(),
            "end": None if self.end is None else self.end.isoformat(),
        }


@dataclass(frozen=True)
class ValidationReport:
    """What reading and validating the input found (§9.1).

    ``counts`` and ``counts_by_key`` count every message; ``messages`` keeps at most 1,000
    of them in the order of §5.4, ``truncated`` telling whether some were left out.
    """

    sources: tuple[SourceInfo, ...]
    mapping: MappingInfo
    period: PeriodInfo
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rejected_by_key: Mapping[str, int]
    counts: Mapping[str, int]
    counts_by_key: Mapping[str, int]
    messages: tuple[Message, ...]
    truncated: bool

    @property
    def ok(self) -> bool:
        """True when there is no fatal and no error message."""
        return self.counts.get("fatal", 0) == 0 and self.counts.get("error", 0) == 0

    def to_dict(self) -> dict[str, JsonValue]:
        """The JSON validation report of §9.3, as Python data."""
        return {
            "schema": SCHEMA,
            "ok": self.ok,
            "sources": [source.to_dict() for source in self.sources],
            "mapping": self.mapping.to_dict(),
            "period": self.period.to_dict(),
            "rows": {
                "read": self.rows_read,
                "accepted": self.rows_accepted,
                "rejected": self.rows_rejected,
                "rejected_by_key": dict(self.rejected_by_key),
            },
            "counts": {
                severity: self.counts.get(severity, 0) for severity in SEVERITIES
            },
            "counts_by_key": dict(self.counts_by_key),
            "truncated": self.truncated,
            "max_messages": MAX_MESSAGES,
            "messages": [message.to_dict() for message in self.messages],
        }

    def to_json(
        self, *, indent: int | str | None = None, sort_keys: bool = False
    ) -> str:
        """The JSON validation report of §9.3 (UTF-8 text, not ASCII-escaped)."""
        return json.dumps(
            self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=sort_keys
        )

    def render(self, lang: Lang = "fr") -> RenderableType:
        """A summary block then a table of the kept messages, for a Rich console (§9.2)."""
        return Group(_summary(self, lang), *_messages_table(self, lang))


# --- Rich rendering -------------------------------------------------------------------------

_LABELS: Final[Mapping[Lang, Mapping[str, str]]] = {
    "fr": {
        "files": "Fichiers",
        "format": "Format",
        "encoding": "Encodage",
        "delimiter": "Séparateur",
        "decimal": "Séparateur décimal",
        "sheet": "Onglet",
        "header_row": "Ligne d'en-tête",
        "columns": "Colonnes reconnues / ignorées",
        "rows": "Lignes lues / retenues / écartées",
        "counts": "Messages",
        "fatal": "bloquant|bloquants",
        "error": "erreur|erreurs",
        "warning": "avertissement|avertissements",
        "tab": "tabulation",
        "truncated": "Seuls les {kept} premiers messages sur {total} sont listés.",
        "file": "Fichier",
        "row": "Ligne",
        "column": "Colonne",
        "value": "Valeur",
        "message": "Message",
        "hint": "Conseil",
    },
    "en": {
        "files": "Files",
        "format": "Format",
        "encoding": "Encoding",
        "delimiter": "Delimiter",
        "decimal": "Decimal mark",
        "sheet": "Sheet",
        "header_row": "Header row",
        "columns": "Columns recognised / ignored",
        "rows": "Rows read / accepted / rejected",
        "counts": "Messages",
        "fatal": "fatal|fatal",
        "error": "error|errors",
        "warning": "warning|warnings",
        "tab": "tab",
        "truncated": "Only the first {kept} of {total} messages are listed.",
        "file": "File",
        "row": "Row",
        "column": "Column",
        "value": "Value",
        "message": "Message",
        "hint": "Hint",
    },
}
_SEVERITY_STYLE: Final[Mapping[str, str]] = {
    "fatal": "bold red",
    "error": "red",
    "warning": "yellow",
}


def _number(n: int, lang: Lang) -> str:
    grouped = f"{n:,}"
    return grouped.replace(",", "\u202f") if lang == "fr" else grouped


def _distinct(values: Sequence[object], tab: str) -> str:
    shown = dict.fromkeys(tab if v == "\t" else str(v) for v in values if v is not None)
    return ", ".join(shown) or "—"


def _summary(report: ValidationReport, lang: Lang) -> Table:
    labels = _LABELS[lang]
    sources = report.sources
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    tab = labels["tab"]
    rows: list[tuple[str, str]] = [
        (labels["files"], _distinct([s.file for s in sources], tab)),
        (labels["format"], _distinct([s.format for s in sources], tab)),
        (labels["encoding"], _distinct([s.encoding for s in sources], tab)),
        (labels["delimiter"], _distinct([s.delimiter for s in sources], tab)),
        (labels["decimal"], _distinct([s.decimal for s in sources], tab)),
        (labels["sheet"], _distinct([s.sheet for s in sources], tab)),
        (labels["header_row"], _distinct([s.header_row for s in sources], tab)),
        (
            labels["columns"],
            f"{_number(len(report.mapping.columns), lang)} / "
            f"{_number(len(report.mapping.ignored_columns), lang)}",
        ),
        (
            labels["rows"],
            " / ".join(
                _number(n, lang)
                for n in (report.rows_read, report.rows_accepted, report.rows_rejected)
            ),
        ),
    ]
    for label, text in rows:
        grid.add_row(label, text)
    counts = Text()
    for i, severity in enumerate(SEVERITIES):
        if i:
            counts.append(", ")
        n = report.counts.get(severity, 0)
        singular, plural = labels[severity].split("|")
        one = n <= 1 if lang == "fr" else n == 1  # French: 0 and 1 take the singular
        counts.append(
            f"{_number(n, lang)} {singular if one else plural}",
            _SEVERITY_STYLE[severity] if n else "",
        )
    grid.add_row(labels["counts"], counts)
    return grid


def _messages_table(report: ValidationReport, lang: Lang) -> list[RenderableType]:
    if not report.messages:
        return []
    labels = _LABELS[lang]
    several_files = len({m.file for m in report.messages}) > 1
    table = Table(show_lines=False, expand=False)
    if several_files:
        table.add_column(labels["file"])
    table.add_column(labels["row"], justify="right")
    for name in ("column", "value", "message", "hint"):
        table.add_column(labels[name], overflow="fold")
    for m in report.messages:
        column = m.column or ""
        if m.source_column and m.source_column != m.column:
            column = f"{column} ({m.source_column})" if column else m.source_column
        cells = [
            "" if m.row is None else str(m.row),
            column or (m.rubric or ""),
            m.value or "",
            m.text(lang),
            m.hint(lang),
        ]
        if several_files:
            cells.insert(0, m.file or "")
        table.add_row(*cells, style=_SEVERITY_STYLE[m.severity])
    parts: list[RenderableType] = [table]
    if report.truncated:
        total = sum(report.counts.get(s, 0) for s in SEVERITIES)
        note = labels["truncated"].format(
            kept=_number(len(report.messages), lang), total=_number(total, lang)
        )
        parts.append(Text(note, style="italic"))
    return parts


# --- Building ---------------------------------------------------------------------------------


def _show(value: object) -> str:
    """A value as text: strings as they are, dates in ISO form, numbers as Python prints them."""
    return value if isinstance(value, str) else str(value)


class ReportSink(Protocol):
    """The calls readers make on a report: :class:`ReportBuilder` satisfies it, and a
    test may pass a recorder instead."""

    def add(
        self,
        key: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        source_column: str | None = None,
        rubric: str | None = None,
        value: str | None = None,
        **params: str,
    ) -> object: ...

    def reject(self, key: str, count: int = 1) -> object: ...


class SourceReportSink(ReportSink, Protocol):
    """A report that also records the input files (the tabular readers need it)."""

    def add_source(self, source: SourceInfo) -> object: ...


class ReportBuilder:
    """Collects messages, counts and source facts; ``build()`` makes the report.

    Counts are complete; at most 1,000 messages are kept per priority group while adding
    (§5.4), and ``build()`` keeps 1,000 in all. Column order for sorting: ``column_order``
    (the file's columns, then canonical order for the others); columns it lacks come after,
    in the order first seen. Messages without a file, row or column sort first within
    their group, then files in the order added (``add_source``) or first seen.
    """

    def __init__(self, *, column_order: Sequence[str] | None = None) -> None:
        self._sources: list[SourceInfo] = []
        self._formats: dict[str, str] = {}
        self._file_rank: dict[str, int] = {}
        self._column_rank: dict[str, int] = {}
        self._extra_columns: dict[str, int] = {}
        self._mapping = MappingInfo()
        self._period = PeriodInfo()
        self._rows_read = 0
        self._rows_accepted = 0
        self._counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        self._counts_by_key: dict[str, int] = {}
        self._rejected_by_key: dict[str, int] = {}
        self._groups: list[list[Message]] = [[] for _ in range(_N_GROUPS)]
        if column_order is not None:
            self.set_column_order(column_order)

    # -- facts about the input

    def add_source(self, source: SourceInfo) -> None:
        self._sources.append(source)
        self._formats[source.file] = source.format
        self._file_rank.setdefault(source.file, len(self._file_rank))

    def set_mapping(self, mapping: MappingInfo) -> None:
        self._mapping = mapping

    def set_period(self, period: PeriodInfo) -> None:
        self._period = period

    def set_column_order(self, column_order: Sequence[str]) -> None:
        self._column_rank = {
            name: i for i, name in enumerate(dict.fromkeys(column_order))
        }

    def set_rows(self, *, read: int, accepted: int) -> None:
        """Rows read and accepted (§5.1); rejected = read − accepted."""
        self._rows_read = read
        self._rows_accepted = accepted

    def reject(self, key: str, count: int = 1) -> None:
        """Count ``count`` rows removed, under the first key that applies (§5.1)."""
        _check_key(key)
        self._rejected_by_key[key] = self._rejected_by_key.get(key, 0) + count

    @property
    def rejected_by_key(self) -> Mapping[str, int]:
        """The rows rejected so far, by first key (read-only view)."""
        return MappingProxyType(self._rejected_by_key)

    @property
    def has_fatal(self) -> bool:
        return self._counts["fatal"] > 0

    @property
    def has_error(self) -> bool:
        return self._counts["error"] > 0

    # -- messages

    def add(
        self,
        key: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        source_column: str | None = None,
        rubric: str | None = None,
        value: object = None,
        **params: object,
    ) -> None:
        """Report one problem; the catalogue gives its severity."""
        _check_key(key)
        shown = _shown_params(params)
        severity = self._severity(
            key, file=file, column=column, rubric=rubric, params=shown
        )
        self._count(key, severity, 1)
        self._keep(
            self._message(
                severity=severity,
                key=key,
                file=file,
                row=row,
                column=column,
                source_column=source_column,
                rubric=rubric,
                value=value,
                params=shown,
            )
        )

    def add_many(
        self,
        key: str,
        *,
        file: str | None,
        column: str | None,
        rows: Sequence[int | None] | pl.Series,
        values: Sequence[object] | pl.Series,
        source_column: str | None = None,
        params: Mapping[str, object] | None = None,
        params_per_row: Sequence[Mapping[str, object]] | None = None,
    ) -> None:
        """Report the same problem on many rows (vectorised callers).

        ``rows`` and ``values`` (and ``params_per_row``) are parallel sequences: lists,
        Polars Series or NumPy arrays. Every row is counted; Message objects are built only
        for the (at most 1,000) rows that come first in report order.
        """
        _check_key(key)
        n = len(rows)
        if len(values) != n or (
            params_per_row is not None and len(params_per_row) != n
        ):
            msg = "rows, values and params_per_row must have the same length"
            raise ValueError(msg)
        if n == 0:
            return
        shared = _shown_params(params or {})
        severity = self._severity(
            key, file=file, column=column, rubric=None, params=shared
        )
        self._count(key, severity, n)
        for i in _first_indices(rows, MAX_MESSAGES):
            row = rows[i]
            shown = shared
            if params_per_row is not None:
                shown = {**shared, **_shown_params(params_per_row[i])}
            self._keep(
                self._message(
                    severity=severity,
                    key=key,
                    file=file,
                    row=None if row is None else int(row),
                    column=column,
                    source_column=source_column,
                    rubric=None,
                    value=values[i],
                    params=shown,
                )
            )

    def build(self) -> ValidationReport:
        """The frozen report: complete counts, at most 1,000 messages in §5.4 order."""
        kept: list[Message] = []
        for group in self._groups:
            kept.extend(self._sorted(group)[: MAX_MESSAGES - len(kept)])
        total = sum(self._counts.values())
        return ValidationReport(
            sources=tuple(self._sources),
            mapping=self._mapping,
            period=self._period,
            rows_read=self._rows_read,
            rows_accepted=self._rows_accepted,
            rows_rejected=self._rows_read - self._rows_accepted,
            rejected_by_key=dict(self._rejected_by_key),
            counts=dict(self._counts),
            counts_by_key=dict(self._counts_by_key),
            messages=tuple(kept),
            truncated=len(kept) < total,
        )

    # -- internals

    def _severity(
        self,
        key: str,
        *,
        file: str | None,
        column: str | None,
        rubric: str | None,
        params: Mapping[str, str],
    ) -> Severity:
        context: dict[str, object] = {"column": column, **params}
        dsn = rubric is not None or (
            file is not None and self._formats.get(file) == "dsn"
        )
        return severity_of(key, context, dsn=dsn)

    def _count(self, key: str, severity: Severity, n: int) -> None:
        self._counts[severity] += n
        self._counts_by_key[key] = self._counts_by_key.get(key, 0) + n

    def _message(
        self,
        *,
        severity: Severity,
        key: str,
        file: str | None,
        row: int | None,
        column: str | None,
        source_column: str | None,
        rubric: str | None,
        value: object,
        params: Mapping[str, str],
    ) -> Message:
        text: str | None = None
        if value is not None:
            text = MASKED_VALUE if rubric in MASKED_RUBRICS else cut(_show(value))
            params = {**params, "value": text}
        return Message(
            severity=severity,
            key=key,
            file=file,
            row=row,
            column=column,
            source_column=source_column,
            rubric=rubric,
            value=text,
            params=dict(params),
        )

    def _keep(self, message: Message) -> None:
        if message.file is not None:
            self._file_rank.setdefault(message.file, len(self._file_rank))
        if message.column is not None and message.column not in self._column_rank:
            self._extra_columns.setdefault(message.column, len(self._extra_columns))
        group = self._groups[_group_of(message)]
        group.append(message)
        if len(group) > 2 * MAX_MESSAGES:  # amortised: sort and cut once per 1,000 adds
            group[:] = self._sorted(group)[:MAX_MESSAGES]

    def _sorted(self, messages: list[Message]) -> list[Message]:
        n_known = len(self._column_rank)

        def order(m: Message) -> tuple[int, int, int]:
            file_rank = -1 if m.file is None else self._file_rank.get(m.file, 0)
            row = -1 if m.row is None else m.row
            if m.column is None:
                column_rank = -1
            elif m.column in self._column_rank:
                column_rank = self._column_rank[m.column]
            else:
                column_rank = n_known + self._extra_columns.get(m.column, 0)
            return (file_rank, row, column_rank)

        return sorted(messages, key=order)


def _check_key(key: str) -> None:
    if key not in CATALOGUE:
        msg = f"unknown message key {key!r} (not in the §5.3 catalogue)"
        raise KeyError(msg)


def _shown_params(params: Mapping[str, object]) -> dict[str, str]:
    return {name: cut(_show(v)) for name, v in params.items() if v is not None}


def _group_of(message: Message) -> int:
    if message.severity == "fatal":
        return _FATAL
    if message.severity == "warning":
        return _WARNING
    return _REJECTING if rejects_row(message.key, message.column) else _ERROR


def _first_indices(rows: Sequence[int | None] | pl.Series, k: int) -> Sequence[int]:
    """Positions of the (at most) ``k`` first rows in report order, row-less ones first."""
    n = len(rows)
    if n <= k:
        return range(n)
    series = rows if isinstance(rows, pl.Series) else pl.Series(rows, dtype=pl.Int64)
    if series.null_count() == 0 and series.is_sorted():
        return range(k)
    positions: list[int] = series.arg_sort(nulls_last=False).head(k).to_list()
    return positions


__all__ = [
    "MAX_MESSAGES",
    "SCHEMA",
    "JsonValue",
    "MappingInfo",
    "Message",
    "PeriodInfo",
    "ReportBuilder",
    "SourceInfo",
    "ValidationReport",
]

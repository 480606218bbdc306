"""Column mapping: source headers -> canonical columns (workforce spec §4.2, §4.4).

:func:`resolve` maps a file's headers by precedence: mapping file > exact canonical name >
strong synonym > weak synonym. :func:`read_mapping` and :func:`write_mapping` read and write
the mapping file (TOML or JSON, same structure); :func:`header_score` lets the readers find
the header row (§3.3).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal

import tomli_w

from mixite.errors import MixiteError
from mixite.workforce.normalise import normalise
from mixite.workforce.options import (
    DATE_ORDERS,
    DECIMAL_MARKS,
    EMPLOYEE_ID_SOURCES,
    ON_DUPLICATE,
    OPTION_NAMES,
    SOURCE_OPTION_NAMES,
    Options,
    check_period_end,
)
from mixite.workforce.schema import (
    BY_NAME,
    COLUMNS,
    DERIVED_BY_NAME,
    REQUIRED,
    ColumnType,
)

if TYPE_CHECKING:
    from os import PathLike

__all__ = [
    "IGNORED_REASONS",
    "ORIGINS",
    "ColumnMapping",
    "IgnoredReason",
    "MappingFile",
    "MappingInvalid",
    "MappingOutcome",
    "Origin",
    "Problem",
    "header_score",
    "read_mapping",
    "resolve",
    "write_mapping",
]

Origin = Literal["mapping_file", "exact", "synonym", "weak_synonym"]
IgnoredReason = Literal[
    "no_match", "weak_match_superseded", "superseded", "derived", "not_listed"
]
ORIGINS: Final = ("mapping_file", "exact", "synonym", "weak_synonym")
# "superseded": a strong synonym or canonical name that lost to a stronger match for its
# column (mapping file or exact name); weak candidates get "weak_match_superseded".
IGNORED_REASONS: Final = (
    "no_match",
    "weak_match_superseded",
    "superseded",
    "derived",
    "not_listed",
)
MAPPING_VERSION: Final = 1
_TOP_KEYS: Final = ("version", "source", "columns", "values", "options")


class MappingInvalid(MixiteError):  # noqa: N818 - the name the module map gives
    """A mapping file that cannot be used: ``mapping.invalid`` (fatal)."""

    def __init__(self, detail: str, line: int | None = None) -> None:
        super().__init__(detail if line is None else f"{detail} (line {line})")
        self.detail = detail
        self.line = line


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding of the mapping step; the message catalogue gives its severity."""

    key: str
    params: Mapping[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class MappingFile:
    """A parsed mapping file (§4.4).

    ``options`` holds both its ``[source]`` and ``[options]`` values over the defaults;
    ``given`` names the keys the file actually sets (arguments of ``load`` override them).
    ``values`` keeps the file's value tables as written.
    """

    version: int = MAPPING_VERSION
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)
    options: Options = field(default_factory=Options)
    given: frozenset[str] = frozenset()

    @property
    def auto(self) -> bool:
        return self.options.auto


@dataclass(frozen=True, slots=True, kw_only=True)
class ColumnMapping:
    """The mapping used: canonical column -> source header(s), in canonical order."""

    columns: Mapping[str, tuple[str, ...]] = field(hash=False)
    origins: Mapping[str, Origin] = field(hash=False)
    ignored: tuple[tuple[str, IgnoredReason], ...] = ()
    missing_optional: tuple[str, ...] = ()
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)

    def source(self, column: str) -> str | None:
        """The header of a column as shown in messages (listed headers joined by ", ")."""
        sources = self.columns.get(column)
        return None if sources is None else ", ".join(sources)


@dataclass(frozen=True, slots=True, kw_only=True)
class MappingOutcome:
    """``mapping`` is None when a problem is fatal (ambiguity, required column missing)."""

    mapping: ColumnMapping | None
    problems: tuple[Problem, ...] = ()


# --- matching headers ---------------------------------------------------------------------


class _Strength(IntEnum):
    WEAK = 1
    STRONG = 2
    EXACT = 3


_ORIGIN_BY_STRENGTH: Final[Mapping[_Strength, Origin]] = {
    _Strength.WEAK: "weak_synonym",
    _Strength.STRONG: "synonym",
    _Strength.EXACT: "exact",
}


def _synonym_index() -> Mapping[str, tuple[str, _Strength]]:
    index: dict[str, tuple[str, _Strength]] = {}
    for column in COLUMNS:
        for synonym in column.synonyms:
            strength = _Strength.WEAK if synonym in column.weak else _Strength.STRONG
            key = normalise(synonym)
            if index.setdefault(key, (column.name, strength))[0] != column.name:
                raise ValueError(f"synonym {synonym!r} names two columns")
    return MappingProxyType(index)


_SYNONYMS: Final = _synonym_index()


def _match(header: str) -> tuple[str, _Strength] | None:
    """The column a header names by itself (no mapping file), and how strongly."""
    stripped = header.strip()
    folded = stripped.casefold()
    if stripped == "position" or (folded in BY_NAME and folded != "position"):
        return folded, _Strength.EXACT
    return _SYNONYMS.get(normalise(header))


def _is_derived(header: str) -> bool:
    return header.strip().casefold() in DERIVED_BY_NAME


def header_score(
    cells: Sequence[str | None], *, mapping_file: MappingFile | None = None
) -> int:
    """How many cells of a row are recognised column names (header-row search, §3.3)."""
    listed: set[str] = set()
    if mapping_file is not None:
        for sources in mapping_file.columns.values():
            listed.update(sources)
            listed.update(normalise(source) for source in sources)
    return sum(
        1
        for cell in cells
        if cell is not None
        and cell.strip()
        and (_match(cell) is not None or cell in listed or normalise(cell) in listed)
    )


# --- resolve ------------------------------------------------------------------------------


@dataclass(slots=True)
class _State:
    headers: Sequence[str]
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    ignored: list[tuple[int, str, IgnoredReason]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    claimed: set[str] = field(default_factory=set)  # columns named by the mapping file
    fatal: bool = False

    def problem(self, key: str, *, fatal: bool = False, **params: str) -> None:
        self.problems.append(Problem(key, dict(params)))
        self.fatal = self.fatal or fatal


def resolve(
    headers: Sequence[str], *, mapping_file: MappingFile | None = None
) -> MappingOutcome:
    """Map a file's headers to canonical columns (§4.2, §4.4)."""
    state = _State(headers)
    if mapping_file is not None:
        _apply_mapping_file(state, mapping_file)
    auto = mapping_file is None or mapping_file.auto
    _match_remaining(state, auto=auto)
    for name in REQUIRED:
        if name not in state.columns and name not in state.claimed:
            state.problem("column.missing_required", fatal=True, column=name)
    if state.fatal:
        return MappingOutcome(mapping=None, problems=tuple(state.problems))
    order = [c.name for c in COLUMNS if c.name in state.columns]
    mapping = ColumnMapping(
        columns={name: state.columns[name] for name in order},
        origins={name: state.origins[name] for name in order},
        ignored=tuple((source, reason) for _, source, reason in sorted(state.ignored)),
        missing_optional=tuple(
            c.name for c in COLUMNS if not c.required and c.name not in state.columns
        ),
        values=_normalised_values(mapping_file),
    )
    return MappingOutcome(mapping=mapping, problems=tuple(state.problems))


def _find_header(headers: Sequence[str], source: str) -> list[int]:
    """Indices of the headers a mapping-file entry names: exact match, else normalised."""
    exact = [i for i, header in enumerate(headers) if header == source]
    if exact:
        return exact
    wanted = normalise(source)
    return [i for i, header in enumerate(headers) if normalise(header) == wanted]


def _apply_mapping_file(state: _State, mapping_file: MappingFile) -> None:
    for name, sources in mapping_file.columns.items():
        state.claimed.add(name)
        required = name in REQUIRED
        found: list[int] = []
        for source in sources:
            indices = _find_header(state.headers, source)
            if not indices:
                state.problem(
                    "mapping.source_missing", fatal=required, source=source, column=name
                )
            elif len(indices) > 1:
                names = ", ".join(state.headers[i] for i in indices)
                state.problem(
                    "mapping.ambiguous", fatal=True, column=name, sources=names
                )
            else:
                found.append(indices[0])
        if len(found) == len(sources):
            state.columns[name] = tuple(state.headers[i] for i in found)
            state.origins[name] = "mapping_file"
            state.used.update(found)


def _match_remaining(state: _State, *, auto: bool) -> None:
    candidates: dict[str, list[tuple[_Strength, int]]] = {}
    for index, header in enumerate(state.headers):
        if index in state.used:
            continue
        if _is_derived(header):
            state.ignored.append((index, header, "derived"))
            state.problem("column.derived_ignored", source=header)
            continue
        if not auto:
            state.ignored.append((index, header, "not_listed"))
            continue
        match = _match(header)
        if match is None:
            state.ignored.append((index, header, "no_match"))
        elif match[0] in state.claimed:
            state.ignored.append((index, header, _superseded(match[1])))
        else:
            candidates.setdefault(match[0], []).append((match[1], index))
    for column in COLUMNS:
        if column.name in candidates:
            _choose(state, column.name, candidates[column.name])


def _superseded(strength: _Strength) -> IgnoredReason:
    return "weak_match_superseded" if strength is _Strength.WEAK else "superseded"


def _choose(
    state: _State, column: str, candidates: list[tuple[_Strength, int]]
) -> None:
    best = max(strength for strength, _ in candidates)
    winners = [index for strength, index in candidates if strength == best]
    for strength, index in candidates:
        if strength != best:
            state.ignored.append((index, state.headers[index], _superseded(strength)))
    if len(winners) > 1:
        names = ", ".join(state.headers[i] for i in winners)
        state.problem("mapping.ambiguous", fatal=True, column=column, sources=names)
        return
    state.columns[column] = (state.headers[winners[0]],)
    state.origins[column] = _ORIGIN_BY_STRENGTH[best]


def _normalised_values(
    mapping_file: MappingFile | None,
) -> Mapping[str, Mapping[str, str]]:
    if mapping_file is None:
        return {}
    return {
        column: {normalise(k): v for k, v in table.items()}
        for column, table in mapping_file.values.items()
    }


# --- reading the mapping file -------------------------------------------------------------


class _Locator:
    """Best-effort line numbers of keys in the file's text (None for a dict)."""

    def __init__(self, text: str | None, *, json_syntax: bool) -> None:
        self.lines = [] if text is None else text.splitlines()
        self.json_syntax = json_syntax

    def line(self, section: str | None, key: str) -> int | None:
        start = 0
        if section is not None:
            found = self._find(self._section_pattern(section), 0)
            if found is None:
                return None
            start = found
        return self._find(self._key_pattern(key), start)

    def _find(self, pattern: re.Pattern[str], start: int) -> int | None:
        for number, text in enumerate(self.lines[start:], start=start + 1):
            if pattern.search(text):
                return number
        return None

    def _section_pattern(self, section: str) -> re.Pattern[str]:
        if self.json_syntax:
            return re.compile(
                rf'"{re.escape(section.rsplit(".", maxsplit=1)[-1])}"\s*:'
            )
        parts = r"\s*\.\s*".join(
            rf'(?:"{re.escape(p)}"|{re.escape(p)})' for p in section.split(".")
        )
        return re.compile(rf"^\s*\[\s*{parts}\s*\]")

    def _key_pattern(self, key: str) -> re.Pattern[str]:
        quoted = rf'(?:"{re.escape(key)}"|\'{re.escape(key)}\')'
        if self.json_syntax:
            return re.compile(rf"{quoted}\s*:")
        return re.compile(rf"^\s*(?:{quoted}|{re.escape(key)})\s*=")


def read_mapping(source: str | PathLike[str] | Mapping[str, object]) -> MappingFile:
    """Read and check a mapping file (``.toml`` or ``.json``) or a dict of the same shape.

    Raises :class:`MappingInvalid` (``mapping.invalid``) on any problem.
    """
    if isinstance(source, Mapping):
        return _parse(dict(source), _Locator(None, json_syntax=False))
    path = Path(source)
    suffix = path.suffix.casefold()
    if suffix not in {".toml", ".json"}:
        raise MappingInvalid(f"{path.name}: a mapping file ends in .toml or .json")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MappingInvalid(f"cannot read {path.name}: {error}") from error
    if suffix == ".json":
        try:
            data: object = json.loads(text)
        except json.JSONDecodeError as error:
            raise MappingInvalid(f"JSON syntax: {error.msg}", error.lineno) from error
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found = re.search(r"at line (\d+)", str(error))
            raise MappingInvalid(
                f"TOML syntax: {error}", int(found[1]) if found else None
            ) from error
    if not isinstance(data, dict):
        raise MappingInvalid("the mapping file must hold a table of keys", 1)
    return _parse(data, _Locator(text, json_syntax=suffix == ".json"))


def _parse(data: dict[str, object], where: _Locator) -> MappingFile:
    for key in data:
        if key not in _TOP_KEYS:
            raise MappingInvalid(f"unknown key {key!r}", where.line(None, key))
    version = data.get("version")
    if version is None:
        raise MappingInvalid("version is missing (version = 1)")
    if type(version) is not int or version != MAPPING_VERSION:
        raise MappingInvalid(
            f"version {version!r} is not supported (only 1 exists)",
            where.line(None, "version"),
        )
    settings: dict[str, object] = {}
    settings.update(_check_settings(data, "source", SOURCE_OPTION_NAMES, where))
    settings.update(_check_settings(data, "options", OPTION_NAMES, where))
    if isinstance(settings.get("level_order"), list):
        settings["level_order"] = tuple(settings["level_order"])  # type: ignore[arg-type]
    try:
        options = Options().with_overrides(**settings)
    except ValueError as error:
        raise MappingInvalid(str(error)) from error
    return MappingFile(
        version=MAPPING_VERSION,
        columns=_check_columns(_table(data, "columns", where), where),
        values=_check_values(_table(data, "values", where), where),
        options=options,
        given=frozenset(settings),
    )


def _table(data: Mapping[str, object], name: str, where: _Locator) -> dict[str, object]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise MappingInvalid(f"[{name}] must be a table", where.line(None, name))
    return table


_SETTING_TYPES: Final[Mapping[str, tuple[type, ...]]] = {
    "sheet": (str, int),
    "header_row": (int,),
    "delimiter": (str,),
    "encoding": (str,),
    "decimal": (str,),
    "date_order": (str,),
    "auto": (bool,),
    "period": (int,),
    "period_end": (str,),
    "on_duplicate": (str,),
    "full_time_monthly_hours": (int, float),
    "full_time_weekly_hours": (int, float),
    "hours_per_day": (int, float),
    "level_order": (list,),
    "employee_id_from": (str,),
}
_SETTING_CHOICES: Final[Mapping[str, tuple[str, ...]]] = {
    "decimal": DECIMAL_MARKS,
    "date_order": DATE_ORDERS,
    "on_duplicate": ON_DUPLICATE,
    "employee_id_from": EMPLOYEE_ID_SOURCES,
}


def _check_settings(
    data: Mapping[str, object], section: str, names: Sequence[str], where: _Locator
) -> dict[str, object]:
    """The keys of [source] or [options], checked for name, type and allowed values."""
    table = _table(data, section, where)
    for key, value in table.items():
        line = where.line(section, key)
        if key not in names:
            raise MappingInvalid(f"unknown option {key!r} in [{section}]", line)
        types = _SETTING_TYPES[key]
        if (isinstance(value, bool) and bool not in types) or not isinstance(
            value, types
        ):
            expected = " or ".join(t.__name__ for t in types)
            raise MappingInvalid(
                f"{section}.{key} must be {expected}, not {value!r}", line
            )
        if key in _SETTING_CHOICES and value not in _SETTING_CHOICES[key]:
            allowed = ", ".join(_SETTING_CHOICES[key])
            raise MappingInvalid(f"{section}.{key} must be one of {allowed}", line)
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise MappingInvalid(
                f"{section}.level_order must be a list of strings", line
            )
        if key == "period_end":
            try:
                check_period_end(str(value))
            except ValueError as error:
                raise MappingInvalid(str(error), line) from error
    return dict(table)


def _check_columns(
    table: Mapping[str, object], where: _Locator
) -> Mapping[str, tuple[str, ...]]:
    columns: dict[str, tuple[str, ...]] = {}
    for name, value in table.items():
        line = where.line("columns", name)
        column = BY_NAME.get(name)
        if column is None:
            raise MappingInvalid(f"unknown column name {name!r} in [columns]", line)
        if isinstance(value, str) and value.strip():
            columns[name] = (value,)
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) and v.strip() for v in value)
        ):
            if not column.amount:
                raise MappingInvalid(
                    f"columns.{name}: a list of headers is only allowed for amounts "
                    "(base_pay, variable_pay, excluded_pay)",
                    line,
                )
            columns[name] = tuple(value)
        else:
            raise MappingInvalid(
                f"columns.{name} must be a header name, not {value!r}", line
            )
    return {c.name: columns[c.name] for c in COLUMNS if c.name in columns}


def _check_values(
    table: Mapping[str, object], where: _Locator
) -> Mapping[str, Mapping[str, str]]:
    values: dict[str, Mapping[str, str]] = {}
    for name, entries in table.items():
        column = BY_NAME.get(name)
        section = f"values.{name}"
        if column is None or column.type is not ColumnType.CODE:
            raise MappingInvalid(
                f"[values.{name}]: values are translated only for coded columns",
                where.line(section, name) or where.line("values", name),
            )
        if not isinstance(entries, dict):
            raise MappingInvalid(
                f"[{section}] must be a table", where.line("values", name)
            )
        seen: dict[str, str] = {}
        for raw, code in entries.items():
            if not isinstance(code, str) or code not in column.codes:
                raise MappingInvalid(
                    f"{section}: {code!r} is not a code of {name} ({', '.join(column.codes)})",
                    where.line(section, raw),
                )
            if seen.setdefault(normalise(raw), code) != code:
                raise MappingInvalid(
                    f"{section}: {raw!r} is given two codes", where.line(section, raw)
                )
        values[name] = dict(entries)
    return dict(values)


# --- writing the mapping file -------------------------------------------------------------


def mapping_document(mapping: ColumnMapping, options: Options) -> dict[str, object]:
    """The mapping file's content that reproduces a run (§4.4 ``--write-mapping``)."""
    document: dict[str, object] = {"version": MAPPING_VERSION}
    source = {
        name: getattr(options, name)
        for name in SOURCE_OPTION_NAMES
        if getattr(options, name) is not None
    }
    document["source"] = source
    document["columns"] = {
        name: sources[0] if len(sources) == 1 else list(sources)
        for name, sources in mapping.columns.items()
    }
    values = {
        c.name: dict(mapping.values[c.name])
        for c in COLUMNS
        if mapping.values.get(c.name)
    }
    if values:
        document["values"] = values
    chosen = {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in options.non_default().items()
    }
    if chosen:
        document["options"] = chosen
    return document


def write_mapping(
    path: str | PathLike[str], mapping: ColumnMapping, options: Options
) -> None:
    """Write the mapping actually used, as TOML or JSON by the file's extension."""
    target = Path(path)
    document = mapping_document(mapping, options)
    suffix = target.suffix.casefold()
    if suffix == ".toml":
        text = tomli_w.dumps(document)
    elif suffix == ".json":
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        raise ValueError(f"{target.name}: a mapping file ends in .toml or .json")
    target.write_text(text, encoding="utf-8")

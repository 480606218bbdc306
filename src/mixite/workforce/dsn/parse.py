"""DSN syntax: decoding, rubric lines and the implicit block tree (workforce spec §6.1).

One rubric per line, ``S21.G00.30.001,'value'``. Blocks come in pre-order; each attaches to
the last open block of its parent type, so a stack rebuilds the tree. Problems go to the
report with the 1-based line number; nothing here raises on bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mixite.workforce.dsn.sink import ReportSink

__all__ = [
    "PARENTS",
    "ROOT",
    "Block",
    "ParsedFile",
    "decode",
    "mask_digits",
    "parse_file",
]

ROOT: Final = "S10.G00.00"
# block -> parent block (§6.1); blocks not listed are skipped with their rubrics.
PARENTS: Final[dict[str, str]] = {
    "S20.G00.05": ROOT,
    "S21.G00.06": "S20.G00.05",
    "S21.G00.11": "S21.G00.06",
    "S21.G00.30": "S21.G00.11",
    "S21.G00.40": "S21.G00.30",
    "S21.G00.50": "S21.G00.30",
    "S21.G00.34": "S21.G00.30",
    "S21.G00.86": "S21.G00.30",
    "S21.G00.41": "S21.G00.40",
    "S21.G00.60": "S21.G00.40",
    "S21.G00.62": "S21.G00.40",
    "S21.G00.65": "S21.G00.40",
    "S21.G00.51": "S21.G00.50",
    "S21.G00.52": "S21.G00.50",
    "S21.G00.54": "S21.G00.50",
    "S21.G00.53": "S21.G00.51",
}
_LINE: Final = re.compile(r"(S\d{2}\.G\d{2}\.\d{2})\.(\d{3}),'(.*)'")
_LONG_DIGITS: Final = re.compile(r"\d{9,}")
_SHOWN_CHARS: Final = 40
_TRAILER: Final = "S90.G00.90.001"
_NORM: Final = "S10.G00.00.006"


@dataclass(slots=True, eq=False)
class Block:
    """One block instance: its rubrics (number -> (value, line)) and its child blocks."""

    name: str
    line: int
    values: dict[str, tuple[str, int]] = field(default_factory=dict)
    children: list[Block] = field(default_factory=list)

    def get(self, number: str) -> str | None:
        item = self.values.get(number)
        return None if item is None else item[0]

    def line_of(self, number: str) -> int:
        item = self.values.get(number)
        return self.line if item is None else item[1]

    def kids(self, name: str) -> Iterator[Block]:
        return (child for child in self.children if child.name == name)

    def walk(self) -> Iterator[Block]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A decoded DSN file: ``root`` is ``None`` when the file is not a DSN (fatal)."""

    name: str
    encoding: str
    n_lines: int  # non-blank lines, malformed ones included
    norm: str | None
    root: Block | None


def decode(raw: bytes) -> tuple[str, str]:
    """Text and encoding: UTF-8 if valid, else cp1252, else latin-1; a BOM is dropped."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def mask_digits(text: str) -> str:
    """The first 40 characters, each digit of a run of 9 or more digits shown as •."""
    return _LONG_DIGITS.sub(lambda m: "•" * len(m.group()), text[:_SHOWN_CHARS])


@dataclass(slots=True)
class _TreeBuilder:
    file: str
    report: ReportSink
    root: Block | None = None
    stack: list[Block] = field(default_factory=list)
    current: Block | None = None  # the open instance receiving rubrics (None: skipped)
    previous: tuple[str, str] | None = None  # block and number of the last good line

    def feed(self, block: str, number: str, value: str, line: int) -> None:
        previous = self.previous
        self.previous = (block, number)
        if previous is not None and previous[0] == block and number > previous[1]:
            if self.current is not None:
                self.current.values[number] = (value, line)
            return
        self.current = self._open(block, line)
        if self.current is not None:
            self.current.values[number] = (value, line)

    def _open(self, block: str, line: int) -> Block | None:
        if block == ROOT:
            if self.root is not None:
                return None  # a second header: ignored
            self.root = Block(ROOT, line)
            self.stack = [self.root]
            return self.root
        parent = PARENTS.get(block)
        if parent is None:
            return None
        depth = next(
            (
                i
                for i in range(len(self.stack) - 1, -1, -1)
                if self.stack[i].name == parent
            ),
            None,
        )
        if depth is None:
            self.report.add(
                "dsn.orphan_block",
                file=self.file,
                row=line,
                rubric=block,
                parent=parent,
            )
            return None
        new = Block(block, line)
        self.stack[depth].children.append(new)
        del self.stack[depth + 1 :]
        self.stack.append(new)
        return new


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r").rstrip(" \t")
        if line.strip():
            yield number, line


def parse_file(raw: bytes, *, file: str, report: ReportSink) -> ParsedFile:
    """Decode one DSN file and rebuild its block tree, reporting every syntax problem."""
    text, encoding = decode(raw)
    builder = _TreeBuilder(file, report)
    n_lines = 0
    trailer: tuple[str, int] | None = None
    norm: str | None = None
    for number, line in _lines(text):
        n_lines += 1
        match = _LINE.fullmatch(line)
        if n_lines == 1 and (match is None or line[:15] != "S10.G00.00.001,"):
            report.add("dsn.not_a_dsn", file=file, row=number)
            return ParsedFile(file, encoding, 0, None, None)
        if match is None:
            report.add(
                "dsn.malformed_line", file=file, row=number, value=mask_digits(line)
            )
            continue
        block, rubric_number, value = match.groups()
        rubric = f"{block}.{rubric_number}"
        if rubric == _TRAILER:
            trailer = (value, number)
        elif rubric == _NORM:
            norm = value
        builder.feed(block, rubric_number, value, number)
    if n_lines == 0:
        report.add("dsn.not_a_dsn", file=file)
        return ParsedFile(file, encoding, 0, None, None)
    _check_trailer(trailer, n_lines, file=file, report=report)
    return ParsedFile(file, encoding, n_lines, norm, builder.root)


def _check_trailer(
    trailer: tuple[str, int] | None, n_lines: int, *, file: str, report: ReportSink
) -> None:
    if trailer is None:
        return
    value, line = trailer
    if value != str(n_lines):
        report.add(
            "dsn.trailer_mismatch",
            file=file,
            row=line,
            rubric=_TRAILER,
            expected=value[:_SHOWN_CHARS],
            count=str(n_lines),
        )

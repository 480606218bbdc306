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
    from collections.abc import Iterable, Iterator

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
# The same line, its trailing spaces and CRs included, at every line start of a text:
# when it matches every line, the file needs no line-by-line checks (see parse_file).
_EVERY_LINE: Final = re.compile(
    r"^(S\d{2}\.G\d{2}\.\d{2})\.(\d{3}),'(.*)'[ \t]*\r*$", re.MULTILINE
)
_LONG_DIGITS: Final = re.compile(r"\d{9,}")
_SHOWN_CHARS: Final = 40
_TRAILER: Final = "S90.G00.90.001"
_NORM: Final = "S10.G00.00.006"

Rubric = tuple[str, str, str]  # block, rubric number, value
_NUMBERS: Final = {f"{n:03d}": f"{n:03d}" for n in range(1_000)}


@dataclass(slots=True, eq=False)
class Block:
    """One block instance: its rubrics (number -> value) and its child blocks.

    Memory and the garbage collector shape this class: a year of a large company is
    millions of rubrics. Values sit in a dictionary of strings, which the collector does
    not track. ``lines`` (number -> line) is only filled when the rubrics are not on
    consecutive lines (blank or malformed lines in between); otherwise rubric k, in
    insertion order, is on line ``line + k`` and no per-rubric integer is stored.
    """

    name: str
    line: int
    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] | None = None
    children: list[Block] = field(default_factory=list)

    def get(self, number: str) -> str | None:
        return self.values.get(number)

    def line_of(self, number: str) -> int:
        if self.lines is not None:
            return self.lines.get(number, self.line)
        for offset, known in enumerate(self.values):
            if known == number:
                return self.line + offset
        return self.line

    def drop(self, number: str) -> None:
        """Remove a rubric, keeping the line of every other one."""
        if self.lines is None:
            self.lines = {n: self.line + k for k, n in enumerate(self.values)}
        del self.values[number]

    def kids(self, name: str) -> Iterator[Block]:
        return (child for child in self.children if child.name == name)

    def walk(self) -> Iterator[Block]:
        """This block and its descendants, in pre-order (the file's order)."""
        stack = [self]
        while stack:
            block = stack.pop()
            yield block
            stack.extend(reversed(block.children))


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
class _Lines:
    """The rubric lines of a file, numbered, with the trailer and norm rubrics seen."""

    rubrics: Iterable[tuple[int, Rubric]]
    consecutive: bool  # rubric k is on line k: no blank or malformed line
    n_lines: int  # non-blank lines, malformed ones included
    trailer: tuple[str, int] | None  # (value, line) of the last S90.G00.90.001
    norm: str | None  # value of the last S10.G00.00.006


def parse_file(raw: bytes, *, file: str, report: ReportSink) -> ParsedFile:
    """Decode one DSN file and rebuild its block tree, reporting every syntax problem."""
    text, encoding = decode(raw)
    found = _well_formed(text) or _checked(text, file=file, report=report)
    if found is None:
        return ParsedFile(file, encoding, 0, None, None)
    root = _tree(found.rubrics, found.consecutive, file=file, report=report)
    _check_trailer(found.trailer, found.n_lines, file=file, report=report)
    return ParsedFile(file, encoding, found.n_lines, found.norm, root)


def _well_formed(text: str) -> _Lines | None:
    """The fast path: every line (no blank one) is a rubric that starts with S10.G00.00.001.

    One regular-expression scan in C finds the rubrics; when their number is the number
    of lines, line k is the k-th rubric. Otherwise ``None``, and :func:`_checked` reads
    the file line by line.
    """
    rubrics: list[Rubric] = _EVERY_LINE.findall(text)
    n_lines = text.count("\n") + (not text.endswith("\n"))
    if (
        not rubrics
        or len(rubrics) != n_lines
        or rubrics[0][:2] != ("S10.G00.00", "001")
    ):
        return None
    trailer = norm = None
    at = _last_line_starting(text, _TRAILER + ",'")
    if at is not None:
        trailer = (rubrics[at - 1][2], at)
    at = _last_line_starting(text, _NORM + ",'")
    if at is not None:
        norm = rubrics[at - 1][2]
    return _Lines(enumerate(rubrics, start=1), True, n_lines, trailer, norm)


def _last_line_starting(text: str, prefix: str) -> int | None:
    """The number of the last line that starts with ``prefix`` (values hold no newline)."""
    at = text.rfind("\n" + prefix)
    if at >= 0:
        return text.count("\n", 0, at) + 2
    return 1 if text.startswith(prefix) else None


def _checked(text: str, *, file: str, report: ReportSink) -> _Lines | None:
    """Line by line: blank lines skipped, malformed ones reported (§6.1)."""
    rubrics: list[tuple[int, Rubric]] = []
    n_lines = 0
    trailer: tuple[str, int] | None = None
    norm: str | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r").rstrip(" \t")
        if not line.strip():
            continue
        n_lines += 1
        match = _LINE.fullmatch(line)
        if n_lines == 1 and (match is None or line[:15] != "S10.G00.00.001,"):
            report.add("dsn.not_a_dsn", file=file, row=number)
            return None
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
        rubrics.append((number, (block, rubric_number, value)))
    if n_lines == 0:
        report.add("dsn.not_a_dsn", file=file)
        return None
    return _Lines(rubrics, False, n_lines, trailer, norm)


def _tree(
    rubrics: Iterable[tuple[int, Rubric]],
    consecutive: bool,
    *,
    file: str,
    report: ReportSink,
) -> Block | None:
    """The block tree: a new instance starts where the block changes or its rubric number
    does not increase (§6.1); rubrics of skipped blocks go nowhere."""
    root: Block | None = None
    stack: list[Block] = []
    current: Block | None = None  # the open instance receiving rubrics (None: skipped)
    previous_block = previous_number = ""
    numbers = _NUMBERS
    for line, (block, found_number, value) in rubrics:
        number = numbers.get(found_number, found_number)  # one string per number
        if block != previous_block or number <= previous_number:
            previous_block = block
            if block != ROOT:
                current = _open(stack, block, line, file=file, report=report)
            elif root is None:
                current = root = Block(ROOT, line)
                stack[:] = [root]
            else:
                current = None  # a second header: ignored
            if current is not None and not consecutive:
                current.lines = {}
        previous_number = number
        if current is not None:
            current.values[number] = value
            if current.lines is not None:
                current.lines[number] = line
    return root


def _open(
    stack: list[Block], block: str, line: int, *, file: str, report: ReportSink
) -> Block | None:
    """A new instance under the last open block of its parent type, or ``None``."""
    parent = PARENTS.get(block)
    if parent is None:
        return None
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].name == parent:
            new = Block(block, line)
            stack[depth].children.append(new)
            del stack[depth + 1 :]
            stack.append(new)
            return new
    report.add("dsn.orphan_block", file=file, row=line, rubric=block, parent=parent)
    return None


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

"""What the reader tests share: the sample files and a report that records calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mixite.workforce.readers import RawSource

DATA = Path(__file__).parents[1] / "data"  # small real files, broken ones included


@dataclass
class FakeReport:
    """Stands in for the report a reader writes to: messages, rejections and sources.

    A message is ``(key, file, row, params)``.
    """

    messages: list[tuple[str, str | None, int | None, dict[str, object]]] = field(
        default_factory=list
    )
    rejected: dict[str, int] = field(default_factory=dict)
    sources: list[RawSource] = field(default_factory=list)

    def add(
        self, key: str, *, file: str | None = None, row: int | None = None, **kw: object
    ) -> None:
        self.messages.append((key, file, row, kw))

    def reject(self, key: str, count: int = 1) -> None:
        self.rejected[key] = self.rejected.get(key, 0) + count

    def add_source(self, source: RawSource) -> None:
        self.sources.append(source)

    @property
    def keys(self) -> list[str]:
        return [m[0] for m in self.messages]

"""Which reader a file needs: the content decides, the extension only confirms (§3.1)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Literal

Format = Literal[
    "csv", "xlsx", "parquet", "dsn", "dsn_zip", "dsn_dir", "unsupported", "unreadable"
]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
PARQUET_MAGIC = b"PAR1"
_HEAD_BYTES = 64 * 1024
_DSN_LINE = re.compile(rb"^S\d{2}\.G\d{2}\.\d{2}\.\d{3},'")
_DSN_EXTENSIONS = frozenset({".dsn", ".edi"})
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

EXTENSIONS: dict[str, frozenset[str]] = {
    "csv": frozenset({".csv", ".txt", ".tsv", ".tab"}),
    "xlsx": frozenset({".xlsx", ".xlsm"}),
    "parquet": frozenset({".parquet", ".pq"}),
    "dsn": frozenset({".dsn", ".edi", ".txt"}),
    "dsn_zip": frozenset({".zip"}),
}


def detect_format(source: Path | bytes | bytearray | memoryview) -> Format:
    """The format of a path or of a file's bytes, as the table of §3.1 decides it."""
    if isinstance(source, Path):
        return _detect_path(source)
    return _detect_bytes(bytes(source), suffix="")


def extension_mismatch(name: str, fmt: Format) -> bool:
    """True when ``name`` has an extension that another format uses (`file.extension_mismatch`)."""
    suffix = Path(name).suffix.lower()
    known = EXTENSIONS.get(fmt)
    if not suffix or known is None:
        return False
    all_known = frozenset().union(*EXTENSIONS.values(), {".xls", ".ods"})
    return suffix in all_known and suffix not in known


def _detect_path(path: Path) -> Format:
    try:
        if path.is_dir():
            return "dsn_dir"
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
            if head.startswith(ZIP_MAGIC) or head.startswith(PARQUET_MAGIC):
                handle.seek(0)
                data = handle.read()
            else:
                data = head
    except OSError:
        return "unreadable"
    return _detect_bytes(data, suffix=path.suffix.lower())


def _detect_bytes(data: bytes, *, suffix: str) -> Format:
    if data.startswith(ZIP_MAGIC) or data.startswith(_EMPTY_ZIP_MAGIC):
        return _detect_zip(data)
    if (
        len(data) >= 2 * len(PARQUET_MAGIC)
        and data.startswith(PARQUET_MAGIC)
        and data.endswith(PARQUET_MAGIC)
    ):
        return "parquet"
    if data.startswith(OLE2_MAGIC):
        return "unreadable" if _ENCRYPTED_STREAM in data else "unsupported"
    head = data[:_HEAD_BYTES]
    if _first_line_is_dsn(head) or suffix in _DSN_EXTENSIONS:
        return "dsn"
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        return "unsupported"
    return "csv"


def _first_line_is_dsn(head: bytes) -> bool:
    text = head.removeprefix(b"\xef\xbb\xbf")
    for line in text.splitlines():
        if line.strip():
            return _DSN_LINE.match(line.lstrip()) is not None
    return False


def _detect_zip(data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" in names:
                return "xlsx"
            for name in names:
                if name.endswith("/"):
                    continue
                if Path(name).suffix.lower() in _DSN_EXTENSIONS:
                    return "dsn_zip"
                with archive.open(name) as member:
                    if _first_line_is_dsn(member.read(4096)):
                        return "dsn_zip"
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
    ):
        return "unreadable"
    except NotImplementedError:  # a compression method zipfile does not know
        return "unreadable"
    return "unsupported"  # an ODS, or a ZIP of other files

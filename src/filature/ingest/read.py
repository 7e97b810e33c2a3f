"""Read a file's bytes and decode them, or explain in one line why the file is skipped."""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import threading
from pathlib import Path

from filature.ingest.formats import reader_for
from filature.ingest.formats.base import Reader, Unreadable
from filature.ingest.formats.budget import run_reader
from filature.models import FileReport, SourceText

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_SNIFF = 8192
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")
_ERRORS = "filature-count-replace"


def _size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} bytes"


def rel_path_of(path: Path, root: Path) -> str:
    """The path relative to ``root`` in POSIX form (the file name if it is not under root)."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return path.name
    return rel.as_posix() if rel.parts else path.name


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when every other byte is zero, as in mostly-ASCII UTF-16."""
    sample = data[:_SNIFF]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even = even.count(0) / len(even)
    zero_odd = odd.count(0) / len(odd)
    if zero_odd >= 0.6 and zero_even <= 0.05:
        return "utf-16-le"
    if zero_even >= 0.6 and zero_odd <= 0.05:
        return "utf-16-be"
    return None


class _TooManyBadBytes(Exception):
    """Raised from the decoding error handler once the text cannot be mostly UTF-8."""


_counts = threading.local()


def _count_and_replace(error: UnicodeError) -> tuple[str, int]:
    """One U+FFFD for each invalid sequence, counting its bytes; stop once there are too many."""
    assert isinstance(error, UnicodeDecodeError)
    _counts.bad += error.end - error.start
    if _counts.bad > _counts.limit:
        raise _TooManyBadBytes
    return "\ufffd", error.end


codecs.register_error(_ERRORS, _count_and_replace)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """Decode text that is valid UTF-8 except for a few bytes: (text, bad byte count)."""
    _counts.bad = 0
    _counts.limit = max(8, len(data) // 1000)
    try:
        text = data.decode("utf-8", _ERRORS)
    except _TooManyBadBytes:
        return None
    bad: int = _counts.bad
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if non_ascii - text.count("\ufffd") >= 2 * bad:
        return text, bad
    return None


_CP1252_TABLE = "".join(
    bytes([byte]).decode("latin-1" if byte in _CP1252_HOLES else "cp1252") for byte in range(256)
)


def _cp1252(data: bytes) -> str:
    """Windows-1252, with Latin-1 for the five bytes Windows-1252 leaves undefined."""
    return codecs.charmap_decode(data, "strict", _CP1252_TABLE)[0]


def decode_bytes(data: bytes) -> tuple[str, str, tuple[str, ...]] | str:
    """Decode raw bytes: ``(text, encoding, warnings)``, or the reason they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, ()
            except UnicodeDecodeError as error:
                return f"undecodable: starts with a {encoding} byte-order mark but {error.reason}"
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    guess = _utf16_without_bom(data)
    if guess is not None:
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            pass
        else:
            return (
                text,
                guess,
                (f"no byte-order mark: read as {guess.upper()} from its zero bytes",),
            )
    if b"\x00" in data[:_SNIFF]:
        return "binary file (contains NUL bytes)"
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        plural = "byte" if bad == 1 else "bytes"
        return text, "utf-8", (f"not valid UTF-8: {bad} {plural} replaced by U+FFFD",)
    return _cp1252(data), "cp1252", ("not valid UTF-8: read as Windows-1252 (cp1252)",)


def _looks_binary(text: str) -> bool:
    controls = sum(
        1 for ch in text[:_SNIFF] if (ord(ch) < 0x20 and ch not in "\n\r\t\f") or ch == "\x7f"
    )
    return controls > 0.1 * min(len(text), _SNIFF)


def too_large(size: int, max_bytes: int) -> str:
    """The reason a file of ``size`` bytes over the cap is skipped."""
    return f"too large: {_size_text(size)}, over the {_size_text(max_bytes)} limit"


def _read_bytes(path: Path, max_bytes: int) -> bytes | str:
    """The file's bytes, or the reason they cannot be read (missing, special, empty, too large)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "broken symbolic link" if path.is_symlink() else "file not found"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a folder, device or pipe)"
    if info.st_size == 0:
        return "empty file"
    if info.st_size > max_bytes:
        return too_large(info.st_size, max_bytes)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        return "permission denied"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if not data:
        return "empty file"
    if len(data) > max_bytes:
        return f"too large: over the {_size_text(max_bytes)} limit"
    return data


def _from_format(path: Path, rel: str, data: bytes, reader: Reader) -> SourceText | FileReport:
    """A file of a format with a reader, read within the time and memory budget. A file whose
    only content is its attachments (an e-mail without a body) comes back with no text."""
    try:
        got = run_reader(reader, data, path)
    except Unreadable as error:
        return FileReport(path=rel, status="skipped", reason=str(error))
    if not got.text.strip() and not got.attachments:
        return FileReport(path=rel, status="skipped", reason=f"{got.format}: no text")
    return SourceText(
        path,
        rel,
        got.text,
        got.encoding or "",
        hashlib.sha256(data).hexdigest(),
        got.warnings,
        format=got.format,
        title=got.title,
        author=got.author,
        date=got.date,
        page_starts=got.page_starts,
        zones=got.zones,
        attachments=got.attachments,
    )


def read_source(
    path: Path, root: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceText | FileReport:
    """Read and decode one file, or return a ``skipped`` FileReport with a clear reason.

    Files of a format with a reader (PDF, HTML…) are read by it in a child process, within a
    time and memory budget; the others are decoded as text.
    """
    rel = rel_path_of(path, root)
    data = _read_bytes(path, max_bytes)
    if isinstance(data, str):
        return FileReport(path=rel, status="skipped", reason=data)
    return read_data(data, path, rel)


def read_data(data: bytes, path: Path, rel: str) -> SourceText | FileReport:
    """Read the bytes of a file named ``path`` (its suffix chooses the reader) as the document
    ``rel``, or return a ``skipped`` FileReport with the reason."""

    def skip(reason: str, encoding: str | None = None) -> FileReport:
        return FileReport(path=rel, status="skipped", reason=reason, encoding=encoding)

    try:
        reader = reader_for(path.suffix)
    except ImportError as error:
        return skip(f"cannot read {path.suffix} files: {error.name or error} is not installed")
    if reader is not None:
        return _from_format(path, rel, data, reader)
    decoded = decode_bytes(data)
    if isinstance(decoded, str):
        return skip(decoded)
    text, encoding, warnings = decoded
    if not text or text.isspace():
        return skip("contains only whitespace", encoding)
    if _looks_binary(text):
        return skip("binary file (mostly control characters)", encoding)
    digest = hashlib.sha256(data).hexdigest()
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    return SourceText(path, rel, text, encoding, digest, warnings, format=fmt)

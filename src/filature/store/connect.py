"""Opening a filature database safely, with clear errors for every broken case."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from filature.errors import Problem
from filature.store.schema import SCHEMA_VERSION, TABLES

DEFAULT_DB = Path("db/filature.db")


class DatabaseProblem(Problem):
    """A database that cannot be used, with a one-line message and the command that fixes it."""


def rebuild_command(path: Path) -> str:
    """The shell command that rebuilds the database at ``path``."""
    if path == DEFAULT_DB:
        return "filature build"
    return f"filature build --db {_quote(str(path))}"


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def harden(conn: sqlite3.Connection) -> None:
    """Turn off what a hostile database could use: untrusted schema code and extensions."""
    conn.execute("PRAGMA trusted_schema = OFF")
    if hasattr(conn, "enable_load_extension"):
        conn.enable_load_extension(False)


SQLITE_READONLY_ROLLBACK = 776


def connect_ro(
    path: Path, *, timeout: float = 5.0, check_same_thread: bool = True
) -> sqlite3.Connection:
    """A hardened read-only connection to ``path``, after rolling back a write cut short.

    A process killed in the middle of a write leaves a hot journal that only a connection
    allowed to write can roll back; a read-only connection fails with "attempt to write a
    readonly database" until that is done. The rollback restores the last committed state,
    which is what SQLite would do for any writer, so nothing is lost by doing it here.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
    try:
        harden(conn)
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error as exc:
        conn.close()
        if getattr(exc, "sqlite_errorcode", None) != SQLITE_READONLY_ROLLBACK:
            raise
        _roll_back_hot_journal(path, timeout)
        conn = sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
        harden(conn)
    return conn


def _roll_back_hot_journal(path: Path, timeout: float) -> None:
    """Let SQLite roll back the journal of an interrupted write (its first read does it)."""
    writer: sqlite3.Connection | None = None
    try:
        writer = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=timeout)
        harden(writer)
        writer.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error as exc:
        raise DatabaseProblem(
            f"{path} holds a write that was cut short and cannot be rolled back ({exc}).",
            f"give write permission on {path.parent} once, or {rebuild_command(path)}",
        ) from exc
    finally:
        if writer is not None:
            writer.close()


def open_readonly(path: Path, *, shared: bool = False) -> sqlite3.Connection:
    """Open an existing filature database read-only, or raise DatabaseProblem.

    With ``shared`` the connection may be used from several threads (SQLite serialises them),
    so that every thread reads the same file even after a rebuild has replaced it.
    """
    fix = rebuild_command(path)
    if not path.exists():
        raise DatabaseProblem(f"No database at {path}.", fix)
    if path.is_dir():
        inside = rebuild_command(path / "filature.db")
        raise DatabaseProblem(f"{path} is a folder, not a database.", inside)
    try:
        if path.stat().st_size == 0:
            raise DatabaseProblem(f"{path} is empty.", fix)
        _check_header(path, fix)
        conn = connect_ro(path, check_same_thread=not shared)
    except PermissionError as exc:
        raise DatabaseProblem(
            f"{path} cannot be read ({exc.strerror}).", f"chmod u+r {path}"
        ) from exc
    except sqlite3.Error as exc:
        raise DatabaseProblem(f"{path} cannot be opened ({exc}).", fix) from exc
    try:
        conn.execute("PRAGMA query_only = ON")
        version = _schema_version(conn, path, fix)
    except DatabaseProblem:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise DatabaseProblem(f"{path} is not a readable filature database ({exc}).", fix) from exc
    if version > SCHEMA_VERSION:
        written_by = _written_by(conn)
        conn.close()
        raise newer_version_problem(path, version, written_by, reading=True)
    if version != SCHEMA_VERSION:
        conn.close()
        raise DatabaseProblem(
            f"{path} has schema version {version}; this filature needs version {SCHEMA_VERSION}.",
            fix,
        )
    conn.row_factory = sqlite3.Row
    return conn


def _check_header(path: Path, fix: str) -> None:
    """Refuse a SQLite file shorter than the size its header records (a truncated copy).

    Without this, a truncated file opens and fails later, in the middle of a query.
    """
    with open(path, "rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return  # not SQLite at all: sqlite3 says so when it is opened
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is valid only if "version-valid-for" matches the change counter.
    if header[92:96] == header[24:28] and pages and path.stat().st_size < pages * page_size:
        raise DatabaseProblem(
            f"{path} is truncated ({path.stat().st_size:,} of {pages * page_size:,} bytes).", fix
        )


def _schema_version(conn: sqlite3.Connection, path: Path, fix: str) -> int:
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = [t for t in TABLES if t not in names]
    if "meta" not in names:
        raise DatabaseProblem(f"{path} is not a filature database.", fix)
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise DatabaseProblem(f"{path} has no schema version.", fix)
    try:
        version = int(row[0])
    except (TypeError, ValueError):
        raise DatabaseProblem(f"{path} has an unreadable schema version.", fix) from None
    if missing and version == SCHEMA_VERSION:
        raise DatabaseProblem(f"{path} lacks tables: {', '.join(missing)}.", fix)
    return version


def _written_by(conn: sqlite3.Connection) -> str:
    """ "filature 0.9, pipeline 7" from the meta table, as far as it is recorded."""
    keys = ("filature_version", "pipeline_version")
    try:
        rows = dict(
            conn.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", keys).fetchall()
        )
    except sqlite3.Error:
        return ""
    parts = [
        f"{label} {rows[key]}"
        for key, label in zip(keys, ("filature", "pipeline"), strict=True)
        if rows.get(key)
    ]
    return ", ".join(parts)


def newer_version_problem(
    path: Path, version: int, written_by: str, *, reading: bool
) -> DatabaseProblem:
    """The message for a database of a newer schema than this filature knows."""
    from filature import __version__

    who = f" ({written_by})" if written_by else ""
    mine = (
        f"this filature ({__version__}) {'reads' if reading else 'writes'} version {SCHEMA_VERSION}"
    )
    message = f"{path} was written by a newer filature{who} with schema version {version}; {mine}"
    if reading:
        return DatabaseProblem(
            message + ".", "open it with that newer filature (pip install -U filature)"
        )
    other = _quote(str(path.with_name(f"{path.stem}-v{SCHEMA_VERSION}{path.suffix}")))
    return DatabaseProblem(
        message + " and will not overwrite it.",
        f"build with that newer filature, or build beside it: filature build FOLDER --db {other}"
        f" (or move {_quote(str(path))} away first)",
    )


def refuse_newer(path: Path) -> None:
    """Raise DatabaseProblem if ``path`` is a filature database of a newer schema version.

    A build calls this before replacing a database: anything else at ``path`` (missing, not
    SQLite, broken, older) may be replaced, a newer database may not.
    """
    try:
        with open(path, "rb") as handle:
            if not handle.read(16).startswith(b"SQLite format 3"):
                return
        conn = connect_ro(path)
    except (OSError, sqlite3.Error, DatabaseProblem):
        return
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0])
        written_by = _written_by(conn)
    except (sqlite3.Error, TypeError, ValueError):
        return
    finally:
        conn.close()
    if version > SCHEMA_VERSION:
        raise newer_version_problem(path, version, written_by, reading=False)

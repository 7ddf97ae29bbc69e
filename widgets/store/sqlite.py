"""Opening a SQLite store file safely when many processes open it at once.

- A new file is never made in place: the first opener builds it (WAL mode, every table) in a
  private file next to it and links it into place in one step; a process that loses the race
  uses the winner's file. So nobody ever sees a half-made store, and a file that is really
  empty (0 bytes) can only be damage: it is reported and left alone, never replaced.
- An existing file is opened read-write without creating anything, with a short busy timeout
  (:data:`BUSY_SECONDS`): a store locked by another program can still be read (WAL) and a write
  reports "busy" quickly instead of holding a page for long.
- ``secure_delete`` is on, so deleted plans do not stay readable in the file.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import time
from pathlib import Path

from .errors import StoreError

#: How long a write waits for another program's lock before reporting "busy".
BUSY_SECONDS = 2.0


def connect(path: str, create) -> sqlite3.Connection:
    """A connection to the store file at ``path`` (``":memory:"`` too).

    ``create(conn)`` builds the tables in a new store (it runs on the private file before it is
    linked into place, or on a memory database).
    """
    if path == ":memory:":
        conn = _raw(":memory:")
        create(conn)
        return conn
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(3):
        if not file.exists():
            _create(file, create)
        try:
            empty = file.stat().st_size == 0
        except FileNotFoundError:
            continue  # removed since: make it again
        if empty:
            raise StoreError("damaged", path, "the file is empty (0 bytes)")
        try:
            conn = _raw(f"{file.resolve().as_uri()}?mode=rw", uri=True)  # never creates
        except sqlite3.OperationalError:
            if file.exists():
                raise
            continue  # removed between the check and the open: make it again
        _wal(conn)
        return conn
    raise StoreError("unavailable", path, "the file keeps disappearing")


def _raw(target: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False, uri=uri
    )
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
    conn.execute("PRAGMA secure_delete = ON")
    return conn


def _wal(conn: sqlite3.Connection) -> None:
    """WAL mode (readers never wait for a writer); a store made by this code already has it."""
    conn.execute("PRAGMA synchronous = NORMAL")
    deadline = time.monotonic() + BUSY_SECONDS
    while conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:  # another opener holds a lock: the busy handler is
            if time.monotonic() > deadline:  # not called for this pragma, so wait here
                raise
            time.sleep(0.02)


def _create(file: Path, create) -> None:
    """Build a new store in a private file and link it into place unless another opener won."""
    tmp = file.with_name(f".{file.name}.{os.getpid()}-{secrets.token_hex(4)}.new")
    try:
        conn = _raw(str(tmp))
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            create(conn)
        finally:
            conn.close()
        try:
            os.link(tmp, file)  # atomic, and never replaces a file that exists
        except FileExistsError:
            pass  # another opener made it first: use theirs
        except OSError:  # a file system without hard links
            if not file.exists():
                os.rename(tmp, file)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)

# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The two databases a batch can keep its results in: SQLite (a file, the default) and
PostgreSQL (`--db postgresql://…`, for a ministry's shared dashboard).

The store writes its SQL once, with `?` placeholders; a backend adapts the few things
that differ: placeholders, auto-increment keys, "insert or replace", the id of a new
row, the columns of a table, and how a write transaction waits for another writer.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from opencheck.report.sanitize import undecodable_escaped

BUSY_SECONDS = 60.0  # how long a batch waits for another one holding the database

T = TypeVar("T")


def retry_busy(step: Callable[[], T]) -> T:
    """`step()`, tried again while SQLite answers 'locked' or 'busy' without waiting:
    it calls no busy handler when two connections switch a new database to WAL, or
    create its schema, at the same moment."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            return step()
        except sqlite3.OperationalError as error:
            message = str(error).lower()
            if ("locked" not in message and "busy" not in message) \
                    or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
POSTGRES_PREFIXES = ("postgresql://", "postgres://")


def storable(params: Iterable[Any]) -> tuple[Any, ...]:
    """The values as both databases take them: a repository's name that is not UTF-8
    (`caf\\xe9.env`), or a JSON file's `\\ud800` escape, is a surrogate no encoding
    writes, and ended the whole batch with an internal error as its result was stored
    (every run after it stopped at the same repository); PostgreSQL refuses a NUL.
    Each is written as the characters that spell it, as in every report format."""
    return tuple(undecodable_escaped(value).replace("\0", "\\x00")
                 if isinstance(value, str) else value for value in params)


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def __iter__(self) -> Any: ...


class Backend(Protocol):
    errors: tuple[type[BaseException], ...]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def insert_id(self, sql: str, params: Sequence[Any]) -> int: ...

    def upsert(self, table: str, values: Mapping[str, Any], keys: Sequence[str]) -> None: ...

    def columns(self, table: str) -> set[str]: ...

    def schema(self, script: str) -> list[str]: ...

    def begin(self) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...


def is_postgres(location: str | Path) -> bool:
    return str(location).startswith(POSTGRES_PREFIXES)


class SQLite:
    errors: tuple[type[BaseException], ...] = (sqlite3.DatabaseError,)

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(str(path), timeout=BUSY_SECONDS)
        self.db.row_factory = sqlite3.Row
        self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        retry_busy(self._wal)
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")

    def _wal(self) -> None:
        if self.db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            self.db.execute("PRAGMA journal_mode=WAL")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self.db.execute(sql, storable(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, (storable(row) for row in rows))

    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        return int(self.db.execute(sql, storable(params)).lastrowid or 0)

    def upsert(self, table: str, values: Mapping[str, Any], keys: Sequence[str]) -> None:
        marks = ", ".join("?" for _ in values)
        self.db.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(values)}) VALUES ({marks})",
                        storable(values.values()))

    def columns(self, table: str) -> set[str]:
        return {row["name"] for row in self.db.execute(f"PRAGMA table_info({table})")}

    def schema(self, script: str) -> list[str]:
        return [s for s in script.split(";") if s.strip()]

    def begin(self) -> None:
        # the write lock first: in WAL mode a transaction that read before writing fails
        # 'locked' at once when another batch wrote meanwhile; waiting up front cannot
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.db.commit()

    def rollback(self) -> None:
        self.db.rollback()

    def close(self) -> None:
        self.db.close()


class PostgreSQL:
    """psycopg 3 in autocommit mode, transactions opened and closed explicitly."""

    def __init__(self, dsn: str) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as error:
            raise RuntimeError(
                "--db postgresql://… needs psycopg: pip install 'opencheck[postgres]'"
            ) from error
        self.errors: tuple[type[BaseException], ...] = (psycopg.Error,)
        self.db = psycopg.connect(dsn, autocommit=True, row_factory=dict_row,
                                  connect_timeout=30)

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self.db.execute(self._sql(sql), storable(params))  # type: ignore[arg-type]

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(self._sql(sql), [storable(r) for r in rows])  # type: ignore[arg-type]

    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        row = self.execute(sql + " RETURNING id", params).fetchone()
        return int(row["id"])

    def upsert(self, table: str, values: Mapping[str, Any], keys: Sequence[str]) -> None:
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        updates = ", ".join(f"{k} = EXCLUDED.{k}" for k in values if k not in keys)
        self.execute(f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT"
                     f" ({', '.join(keys)}) DO UPDATE SET {updates}", tuple(values.values()))

    def columns(self, table: str) -> set[str]:
        rows = self.execute("SELECT column_name FROM information_schema.columns"
                            " WHERE table_schema = current_schema() AND table_name = ?",
                            (table,))
        return {row["column_name"] for row in rows}

    def schema(self, script: str) -> list[str]:
        # two batches creating the schema at once would collide in the catalogue
        script = script.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "SERIAL PRIMARY KEY")
        return ["SELECT pg_advisory_xact_lock(7301)",
                *(s for s in script.split(";") if s.strip())]

    def begin(self) -> None:
        self.db.execute("BEGIN")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        self.db.execute("ROLLBACK")

    def close(self) -> None:
        self.db.close()

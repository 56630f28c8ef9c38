# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The results database: SQLite, one row per run and repository.

Every result is committed as soon as it arrives, so a batch that is killed loses
nothing it finished. A run that did not finish is resumed by the same command (same
sources and settings): the repositories it already has are not audited again. A
repository whose commit, profile, opencheck version and history mode match an earlier
result is recorded as "unchanged" with that result, without being audited.
Reports are stored once each (table `reports`) and shared by the rows that repeat them.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from opencheck.batch import backends, digest
from opencheck.batch.runners import AUDITED, FAILURES, UNCHANGED, Outcome
from opencheck.batch.sources import Target
from opencheck.errors import OpencheckError
from opencheck.model import Text
from opencheck.report.sanitize import printable, undecodable_escaped
from opencheck.urls import redact, redact_text

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    signature TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    opencheck_version TEXT NOT NULL,
    profile TEXT NOT NULL,
    history INTEGER NOT NULL,
    sources TEXT NOT NULL,
    targets INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    target TEXT NOT NULL,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL,
    platform TEXT NOT NULL,
    url TEXT NOT NULL,
    status TEXT NOT NULL,
    commit_id TEXT,
    profile TEXT NOT NULL,
    opencheck_version TEXT NOT NULL,
    history INTEGER NOT NULL,
    ready INTEGER,
    score INTEGER,
    findings INTEGER,
    errors INTEGER,
    warnings INTEGER,
    failed_rules TEXT NOT NULL DEFAULT '[]',
    reason TEXT,
    duration REAL,
    recorded_at TEXT NOT NULL,
    report_id INTEGER REFERENCES reports(id),
    PRIMARY KEY (run_id, target)
);
CREATE INDEX IF NOT EXISTS results_by_target ON results (target, profile, opencheck_version);
CREATE TABLE IF NOT EXISTS dependencies (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    ecosystem TEXT NOT NULL,
    name TEXT NOT NULL,
    version TEXT,
    licence TEXT,
    direct INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS dependencies_by_report ON dependencies (report_id);
"""


@dataclass
class Run:
    id: int
    signature: str
    started_at: str
    finished_at: str | None
    opencheck_version: str
    profile: str
    history: bool
    sources: list[str]
    targets: int


@dataclass(frozen=True)
class Previous:
    """An earlier usable result of a repository, for the same profile and version."""

    commit: str
    row: dict[str, Any]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# what a forge's API says of a repository (beyond the first schema)
TARGET_COLUMNS = {"visibility": "TEXT NOT NULL DEFAULT 'public'", "last_activity": "TEXT",
                  "stars": "INTEGER", "forks": "INTEGER",
                  # a folder audited in place: its refs and changed files (`treestate`)
                  "tree_state": "TEXT"}

def _database_errors() -> tuple[type[Exception], ...]:
    try:
        import psycopg
    except ImportError:
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, psycopg.Error)


# what a damaged, unreachable or refused database raises, whichever the backend
DATABASE_ERRORS = _database_errors()


class StoreError(OpencheckError):
    """The results database cannot be used (not a database, damaged, unreachable)."""


# what the commands turn into a usage error: the store refused, or the database failed
UNUSABLE: tuple[type[Exception], ...] = (StoreError, *DATABASE_ERRORS)


class Store:
    """The results of batches, in SQLite (a file) or PostgreSQL (a postgresql:// URL)."""

    def __init__(self, location: Path | str) -> None:
        self.location = str(location)
        self.path = Path(location) if not backends.is_postgres(location) else None
        try:
            if self.path is None:
                self.db: backends.Backend = backends.PostgreSQL(self.location)
            else:
                if self.path.parent and not self.path.parent.exists():
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = backends.SQLite(self.path)
            backends.retry_busy(self._setup)
        except DATABASE_ERRORS as error:
            raise unusable(self.location, error) from None

    def _setup(self) -> None:
        """The schema (tried again by the caller when another batch creates it too)."""
        with self.writing():
            for statement in self.db.schema(SCHEMA):
                self.db.execute(statement)
            self._add_columns()
            self.db.upsert("meta", {"key": "schema_version",
                                    "value": str(SCHEMA_VERSION)}, ("key",))

    def close(self) -> None:
        self.db.close()

    def _add_columns(self) -> None:
        """Columns added since the first schema, for databases made by older versions."""
        present = self.db.columns("results")
        for column, kind in {**digest.COLUMNS, **TARGET_COLUMNS}.items():
            if column not in present:
                self.db.execute(f"ALTER TABLE results ADD COLUMN {column} {kind}")

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction; it waits for another batch's to end."""
        self.db.begin()
        try:
            yield
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs ----------------------------------------------------------------------

    def start_or_resume(self, signature: str, version: str, profile: str, history: bool,
                        sources: list[str]) -> tuple[Run, bool]:
        """The unfinished run with this signature, or a new run; True when resumed."""
        row = self.db.execute(
            "SELECT * FROM runs WHERE signature = ? AND finished_at IS NULL"
            " AND id = (SELECT MAX(id) FROM runs) ",
            (signature,),
        ).fetchone()
        if row is not None:
            return _run(row), True
        with self.writing():
            run_id = self.db.insert_id(
                "INSERT INTO runs (signature, started_at, opencheck_version, profile, history,"
                " sources) VALUES (?, ?, ?, ?, ?, ?)",
                (signature, _now(), version, profile, int(history),
                 json.dumps([redact(source) for source in sources])),
            )
        run = self.run(run_id)
        assert run is not None
        return run, False

    def set_targets(self, run: Run, count: int) -> None:
        with self.writing():
            self.db.execute("UPDATE runs SET targets = ? WHERE id = ?", (count, run.id))

    def finish(self, run: Run) -> None:
        with self.writing():
            self.db.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (_now(), run.id))

    def run(self, run_id: int) -> Run | None:
        row = self.db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def runs(self) -> list[Run]:
        return [_run(r) for r in self.db.execute("SELECT * FROM runs ORDER BY id")]

    def latest_run(self) -> Run | None:
        row = self.db.execute(
            "SELECT * FROM runs WHERE id IN (SELECT run_id FROM results) ORDER BY id DESC"
        ).fetchone()
        return _run(row) if row else None

    def previous_run(self, run: Run) -> Run | None:
        """The last finished run before `run`, to show what changed since."""
        row = self.db.execute(
            "SELECT * FROM runs WHERE id < ? AND finished_at IS NOT NULL ORDER BY id DESC",
            (run.id,),
        ).fetchone()
        return _run(row) if row else None

    # -- results -------------------------------------------------------------------

    def recorded(self, run: Run) -> set[str]:
        """Targets that already have a result in this run (for resuming)."""
        rows = self.db.execute("SELECT target FROM results WHERE run_id = ?", (run.id,))
        return {r["target"] for r in rows}

    def previous(self, target: str, profile: str, version: str, history: bool
                 ) -> Previous | None:
        row = self.db.execute(
            "SELECT * FROM results WHERE target = ? AND profile = ? AND opencheck_version = ?"
            " AND history = ? AND status NOT IN (?, ?) AND commit_id IS NOT NULL"
            " ORDER BY run_id DESC LIMIT 1",
            (target, profile, version, int(history), *FAILURES),
        ).fetchone()
        return Previous(row["commit_id"], dict(row)) if row else None

    def record(self, run: Run, target: Target, outcome: Outcome,
               previous: Previous | None = None) -> None:
        """Store one result, in its own transaction."""
        values: dict[str, Any] = {
            "run_id": run.id, "target": target.key, "name": target.name,
            "organisation": target.organisation, "platform": target.platform,
            "url": redact(target.url), "status": outcome.status, "commit_id": outcome.commit,
            "tree_state": outcome.state,
            "visibility": target.visibility, "last_activity": target.last_activity,
            "stars": target.stars, "forks": target.forks,
            "profile": run.profile, "opencheck_version": run.opencheck_version,
            "history": int(run.history),
            # git's words or an exception's, which may quote the repository: one line
            # whose escapes no terminal, spreadsheet or page runs
            "reason": printable(undecodable_escaped(redact_text(outcome.reason)), one_line=True)
            if outcome.reason else None,
            "duration": outcome.duration, "recorded_at": _now(),
            "ready": None, "score": None, "findings": None, "errors": None,
            "warnings": None, "failed_rules": "[]", "report_id": None,
            **{column: None for column in digest.COLUMNS},
            "blocking_rules": "[]", "rule_severities": "{}",
        }
        with self.writing():
            if outcome.status == AUDITED and outcome.report is not None:
                values.update(digest.summarise(outcome.report))
                report_id = self.db.insert_id(
                    "INSERT INTO reports (body) VALUES (?)",
                    # a name that is not UTF-8 as the JSON reports write it (`\\xNN`)
                    (undecodable_escaped(json.dumps(outcome.report, ensure_ascii=False),
                                         json_text=True),))
                values["report_id"] = report_id
                self.db.executemany(
                    "INSERT INTO dependencies (report_id, ecosystem, name, version, licence,"
                    " direct) VALUES (?, ?, ?, ?, ?, ?)",
                    [(report_id, str(d["ecosystem"]), str(d["name"]), d.get("version"),
                      d.get("licence"), int(bool(d.get("direct"))))
                     for d in outcome.extra.get("dependencies") or []])
            elif outcome.status == UNCHANGED and previous is not None:
                for key in digest.CARRIED:
                    values[key] = previous.row[key]
            self.db.upsert("results", values, ("run_id", "target"))

    def results(self, run: Run) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT * FROM results WHERE run_id = ? ORDER BY organisation, name", (run.id,)
        )
        return [_result(r) for r in rows]

    def report(self, report_id: int | None) -> dict[str, Any] | None:
        if report_id is None:
            return None
        row = self.db.execute("SELECT body FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            return None
        body: dict[str, Any] = json.loads(row["body"])
        return body

    def trends(self, run: Run, runs: int) -> dict[str, list[dict[str, Any]]]:
        """Each target of `run`: its score and verdict in the last `runs` runs up to it."""
        ids = [row["id"] for row in self.db.execute(
            "SELECT id FROM runs WHERE id <= ? AND id IN (SELECT run_id FROM results)"
            " ORDER BY id DESC LIMIT ?", (run.id, runs))]
        found: dict[str, list[dict[str, Any]]] = {}
        if not ids:
            return found
        marks = ",".join("?" for _ in ids)
        for row in self.db.execute(
            f"SELECT run_id, target, score, ready, status FROM results WHERE run_id IN"
            f" ({marks}) AND target IN (SELECT target FROM results WHERE run_id = ?)"
            " ORDER BY run_id", (*ids, run.id)):
            found.setdefault(row["target"], []).append(
                {"run": row["run_id"], "score": row["score"],
                 "ready": None if row["ready"] is None else bool(row["ready"]),
                 "status": row["status"]})
        return found

    def organisation_trends(self, runs: int) -> dict[str, list[dict[str, Any]]]:
        """Each organisation's mean score and ready count in the last `runs` runs."""
        found: dict[str, list[dict[str, Any]]] = {}
        for row in self.db.execute(
            "SELECT run_id, organisation, AVG(score) AS mean, SUM(ready) AS ready,"
            " COUNT(*) AS total FROM results WHERE run_id IN (SELECT id FROM runs"
            " WHERE id IN (SELECT run_id FROM results) ORDER BY id DESC LIMIT ?)"
            " GROUP BY run_id, organisation ORDER BY run_id", (runs,)):
            found.setdefault(row["organisation"], []).append(
                {"run": row["run_id"],
                 "mean_score": None if row["mean"] is None else round(float(row["mean"]), 1),
                 "ready": int(row["ready"] or 0), "repositories": int(row["total"])})
        return found

    def dependency_rows(self, run: Run) -> Iterator[dict[str, Any]]:
        """Each dependency of each repository of `run`, streamed from the database."""
        cursor = self.db.execute(
            "SELECT r.organisation, r.name AS repository, d.ecosystem, d.name, d.version,"
            " d.licence, d.direct FROM results r JOIN dependencies d"
            " ON d.report_id = r.report_id WHERE r.run_id = ?", (run.id,))
        for row in cursor:
            yield dict(row)

    def iter_reports(self, run: Run) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
        for result in self.results(run):
            yield result, self.report(result["report_id"])


def unusable(location: Path | str, error: Exception) -> StoreError:
    path = redact(str(location))
    detail = redact_text(str(error))
    return StoreError(Text(
        f"{path} : base de résultats inutilisable ({detail}) ; donnez un autre fichier "
        "avec --db, ou déplacez celui-ci",
        f"{path}: results database unusable ({detail}); give another file with --db, "
        "or move this one away",
    ))


def _run(row: Any) -> Run:
    return Run(
        id=row["id"], signature=row["signature"], started_at=row["started_at"],
        finished_at=row["finished_at"], opencheck_version=row["opencheck_version"],
        profile=row["profile"], history=bool(row["history"]),
        sources=json.loads(row["sources"]), targets=row["targets"],
    )


def _result(row: Any) -> dict[str, Any]:
    result = digest.decode(dict(row))
    result["ready"] = None if result["ready"] is None else bool(result["ready"])
    result["history"] = bool(result["history"])
    return result

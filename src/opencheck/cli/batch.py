# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck batch SOURCE...` and `opencheck batch report --db FILE --out DIR`."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from opencheck.batch.backends import is_postgres
from opencheck.batch.orchestrate import (
    BatchInterrupted,
    BatchSettings,
    BatchSummary,
    run_batch,
)
from opencheck.batch.runners import FAILURES, Outcome
from opencheck.batch.sources import ListingOptions, SourceError, Target, shown
from opencheck.batch.store import UNUSABLE, StoreError, unusable
from opencheck.batch.workspace import REFS_ALL, REFS_CHOICES, GitSettings
from opencheck.cli.common import (
    EXIT_FINDINGS,
    EXIT_READY,
    fail_usage,
    lang_option,
    resolve_lang,
)
from opencheck.model import Text
from opencheck.report.sanitize import printable, undecodable_escaped
from opencheck.urls import redact

if TYPE_CHECKING:
    from opencheck.auditpolicy import AuditPolicy


class DefaultGroup(click.Group):
    """A group whose first argument, when it is not a subcommand, goes to `run`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        elif not args:
            args = ["run"]
        return super().parse_args(ctx, args)


@click.group("batch", cls=DefaultGroup)
def batch_command() -> None:
    """Audit many repositories; `opencheck batch SOURCE...` runs a batch.

    A SOURCE is a text file of URLs or paths, a code.gouv.fr repositories export
    (.json or .csv), a comptes-organismes-publics.yml, or a repository folder or URL.
    `opencheck batch SOURCE...` is short for `opencheck batch run SOURCE...`; its
    options: `opencheck batch run --help`.
    """


def _pairs(values: tuple[str, ...], option: str, bare_key: str | None) -> dict[str, str]:
    result: dict[str, str] = {}
    for value in values:
        if "=" in value and not value.startswith(("http://", "https://")):
            host, _, item = value.partition("=")
            result[host.strip().lower()] = item.strip()
        elif bare_key is not None:
            result[bare_key] = value.strip()
        else:
            fail_usage(f"{option} expects HOST=VALUE")
    return result


@batch_command.command("run")
@click.argument("sources", nargs=-1)
@click.option("--db", default="opencheck-batch.db", show_default=True,
              help="Results database: a SQLite file, or a postgresql://… URL.")
@click.option("--workspace", type=click.Path(path_type=Path),
              default=Path("opencheck-workspace"), show_default=True,
              help="Folder of clones, reused and updated by later runs.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("opencheck-batch-report"),
              show_default=True, help="Folder for the dashboard, CSV and JSON.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of CPUs).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Send the audits to this Dask scheduler (tcp://host:8786).")
@click.option("--profile", "-p", help="Profile of rules (default: each repository's own or dinum).")
@click.option("--no-history", is_flag=True, help="Shallow clones; skip the history rules.")
@click.option("--policy", "policy_file", type=click.Path(path_type=Path, dir_okay=False),
              help="The auditor's policy: rules enforced whatever each repository's "
                   "configuration says, and which of its settings apply (docs/policy.md).")
@click.option("--token", "tokens", multiple=True, envvar="OPENCHECK_TOKEN",
              help="API token, or HOST=TOKEN for one forge (may be repeated).")
@click.option("--api-url", "api_urls", multiple=True, metavar="HOST=URL",
              help="API base URL for a forge host (self-hosted or a test server).")
@click.option("--include-forks", is_flag=True, help="Audit forks too.")
@click.option("--include-archived", is_flag=True, help="Audit archived repositories too.")
@click.option("--unpublished", is_flag=True,
              help="With a token: list private and internal repositories of the forge "
                   "accounts too, and rank them in inventory.csv (readiness to open, reuse "
                   "potential).")
@click.option("--timeout", type=float, default=3600.0, show_default=True,
              help="Seconds allowed per repository (clone and audit).")
@click.option("--git-timeout", type=float, default=600.0, show_default=True,
              help="Seconds allowed per git command.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Clone retries after a failure.")
@click.option("--force", is_flag=True, help="Audit again even unchanged repositories.")
@click.option("--refs", type=click.Choice(REFS_CHOICES), default=REFS_ALL, show_default=True,
              help="Refs a clone brings: all branches and tags (as `check` reads a full "
                   "clone), or the default branch only (faster, blind to other branches).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no summary.")
@lang_option
def run_command(
    sources: tuple[str, ...], db: str, workspace: Path, out: Path, jobs: int | None,
    scheduler: str | None, profile: str | None, no_history: bool, policy_file: Path | None,
    tokens: tuple[str, ...],
    api_urls: tuple[str, ...], include_forks: bool, include_archived: bool,
    unpublished: bool, timeout: float,
    git_timeout: float, retries: int, force: bool, refs: str, quiet: bool, lang: str | None,
) -> None:
    """Audit every repository of the SOURCES, store and report the results."""
    if not sources:
        fail_usage("batch: give at least one SOURCE (file of URLs, export, accounts file)")
    if isinstance(tokens, str):  # from the environment variable
        tokens = (tokens,)
    language = resolve_lang(lang)
    # read before anything else: a bad policy touches neither the database nor the outputs
    policy = _read_policy(policy_file, language) if policy_file is not None else None
    settings = BatchSettings(
        sources=list(sources), db=db, workspace=workspace, out=out,
        jobs=jobs or os.cpu_count() or 1, scheduler=scheduler, profile=profile,
        history=not no_history,
        listing=ListingOptions(include_forks=include_forks, include_archived=include_archived,
                               unpublished=unpublished,
                               tokens=_pairs(tokens, "--token", "*"),
                               api_urls=_pairs(api_urls, "--api-url", None)),
        git=GitSettings(history=not no_history, timeout=git_timeout, retries=retries,
                        refs=refs),
        timeout=timeout, force=force, lang=language, policy=policy,
    )
    bar = Progress(sys.stderr, enabled=not quiet)

    def stopping() -> None:
        bar.finish()
        click.echo("opencheck: " + STOPPING.get(language), err=True)

    try:
        summary = run_batch(settings, progress=bar.update, on_start=bar.start,
                            on_interrupt=stopping)
    except SourceError as error:
        fail_usage(str(error))
        return
    except UNUSABLE as error:
        fail_usage(_store_error(db, error), language)
        return
    except BatchInterrupted as stop:
        click.echo("opencheck: " + Text(
            f"lot interrompu : {stop.recorded} résultats sur {stop.total} gardés dans "
            f"{redact(db)} ; relancez la même commande pour reprendre",
            f"batch interrupted: {stop.recorded} of {stop.total} results kept in {redact(db)}; "
            "run the same command to resume").get(language), err=True)
        sys.exit(130)
    bar.finish()
    if not quiet:
        click.echo(format_summary(summary, language), err=True)
    clean = summary.failed == 0 and summary.not_ready == 0
    sys.exit(EXIT_READY if clean else EXIT_FINDINGS)


def _read_policy(path: Path, language: str) -> AuditPolicy:
    from opencheck.auditpolicy import read_policy
    from opencheck.catalogue import load_catalogue
    from opencheck.config import ConfigError

    try:
        return read_policy(path, load_catalogue())
    except ConfigError as error:
        fail_usage(error.text, language)


@batch_command.command("report")
@click.option("--db", required=True,
              help="Results database of earlier batches: a SQLite file or a postgresql://… "
                   "URL.")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Folder for the dashboard, CSV and JSON.")
@click.option("--run", "run_id", type=int, help="Run to report (default: the latest).")
@lang_option
def report_command(db: str, out: Path, run_id: int | None, lang: str | None) -> None:
    """Write the dashboard, CSV and JSON of a stored run."""
    if not is_postgres(db) and not Path(db).is_file():
        fail_usage(Text(f"{db} : pas de base de résultats", f"{db}: no results database"),
                   lang)
    from opencheck.batch.dashboard import write_outputs
    from opencheck.batch.store import Store

    try:
        with Store(db) as store:
            run = store.run(run_id) if run_id is not None else store.latest_run()
            if run is None:
                fail_usage(f"{redact(db)}: no such run" if run_id is not None
                           else f"{redact(db)}: no results yet")
                return
            written = write_outputs(store, run, out, resolve_lang(lang))
    except UNUSABLE as error:
        fail_usage(_store_error(db, error), lang)
        return
    click.echo(f"{written[0]}")


STOPPING = Text("arrêt : audits en cours stoppés, file d'attente abandonnée, résultats finis "
                "gardés…",
                "stopping: running audits stopped, queued ones dropped, finished results "
                "kept…")


def _store_error(db: str, error: Exception) -> Text:
    return error.text if isinstance(error, StoreError) else unusable(db, error).text


class Progress:
    """A one-line progress bar with the time left, on a terminal only."""

    def __init__(self, stream: TextIO, enabled: bool = True) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.total = 0
        self.started = time.monotonic()
        self.failed = 0
        self.drawn = False

    def start(self, total: int, already: int) -> None:
        self.total = total
        self.started = time.monotonic()
        if self.enabled and already:
            self.stream.write(f"{already} already done (resumed run)\n")

    def update(self, done: int, total: int, target: Target, outcome: Outcome,
               running: list[str] | None = None) -> None:
        if outcome.status in FAILURES:
            self.failed += 1
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        width = 28
        filled = int(width * done / total) if total else width
        line = (f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                f"{100 * done // max(total, 1)}% ETA {_clock(left)} "
                f"failed {self.failed}")
        if running:  # what is being audited now, not what just ended
            line += " > " + ", ".join(shown(name[:24]) for name in running[:3])
            if len(running) > 3:
                line += f" +{len(running) - 3}"
        self.stream.write(line.ljust(100)[:160])
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.enabled and self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def format_summary(summary: BatchSummary, lang: str) -> str:
    fr = lang == "fr"
    lines: list[Any] = []
    resumed = (" (reprise)" if fr else " (resumed)") if summary.resumed else ""
    lines.append(
        f"Exécution {summary.run_id}{resumed} : {summary.total} dépôts en {summary.duration}s"
         if fr else
         f"Run {summary.run_id}{resumed}: {summary.total} repositories in {summary.duration}s"
    )
    lines.append(
        (f"  audités {summary.audited}, inchangés {summary.unchanged}, "
         f"déjà faits {summary.already}, échecs {summary.failed}")
        if fr else
        (f"  audited {summary.audited}, unchanged {summary.unchanged}, "
         f"already done {summary.already}, failed {summary.failed}")
    )
    lines.append(
        f"  prêts {summary.ready}, pas prêts {summary.not_ready}" if fr else
        f"  ready {summary.ready}, not ready {summary.not_ready}"
    )
    if summary.skipped_sources:
        lines.append(f"  {summary.skipped_sources} "
                     + ("forks ou archivés ignorés" if fr else "forks or archived left out"))
    # a list's names, git's and a forge's words: their escapes shown, never run
    for message in summary.warnings[:20]:
        lines.append(f"  ! {printable(undecodable_escaped(message), one_line=True)}")
    for name, reason in summary.failures[:20]:
        lines.append("  x " + printable(undecodable_escaped(f"{name}: {reason}"),
                                        one_line=True))
    if len(summary.failures) > 20:
        lines.append(f"  ... +{len(summary.failures) - 20}")
    if summary.outputs:
        lines.append(("  tableau de bord : " if fr else "  dashboard: ") + str(summary.outputs[0]))
    return "\n".join(lines)

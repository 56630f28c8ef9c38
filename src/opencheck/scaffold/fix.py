# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck fix`: the safe, reversible fixes of the current report, in one go.

`plan_fix` runs the check and turns the findings it knows how to fix into `Change`s:
missing community files and README, the licence text, `.gitignore` lines for committed
secret files, REUSE headers with the project's holder and licence. Nothing is written
until `apply`: a new file is created only if the path is still free, a changed file is
rewritten only if it still holds what was planned from, and no symlink is followed. What
only a person can do (choose a licence, revoke a secret, fill the markers) is listed in
`manual`. Running it again after `apply` plans nothing.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from opencheck import reusetoml
from opencheck.community import facts
from opencheck.deps.thirdparty import OWN_GENERATED, shared_index
from opencheck.engine import RunRequest, run_context
from opencheck.ignorefile import ignore_line
from opencheck.licensing import declarations
from opencheck.licensing.declarations import single_licence
from opencheck.licensing.expressions import all_required
from opencheck.licensing.holder import project_holder
from opencheck.model import Report, Text
from opencheck.registry import Context, Options
from opencheck.report.sanitize import printable
from opencheck.repository import Repository
from opencheck.reuse_adapter import header_added, reuse_toml_problem, sidecar_header
from opencheck.scaffold import gather, plan, plan_readme
from opencheck.scaffold.licence import choice_help, licence_files
from opencheck.scaffold.safewrite import create, replace

SECRET_FILE_RULE = "secret-file-committed"
HEADER_RULES = ("reuse-file-copyright", "reuse-file-licensing")
# Blocking rules this plan fixes, or names in its own words (secrets, licence choice).
FIXED_HERE = frozenset({
    "readme-present", "licence-file-present", "contributing-present", "authors-present",
    "code-of-conduct-present", "security-policy-present", "changelog-present",
    "governance-present", "roadmap-present", SECRET_FILE_RULE, *HEADER_RULES,
    "reuse-licence-missing", "secret-in-tree", "secret-in-history",
})
BLOCKING_NAMED = 10
LICENCE_TEXT_LINES = 12  # a licence text is shown by its first lines in the diff


@dataclass
class Change:
    path: str
    before: str | None  # None: a file to create
    after: str
    reason: Text
    abbreviate: bool = False  # an official text: the diff shows its first lines


@dataclass
class FixPlan:
    root: Path
    changes: list[Change] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    manual: list[Text] = field(default_factory=list)


class FixError(Exception):
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def plan_fix(
    path: str | os.PathLike[str], lang: str, licence: str | None = None,
    holder: str | None = None,
) -> FixPlan:
    # The engine's snapshot and analyses are reused: each file, the licence
    # declarations and publiccode.yml are read once for the report and the plan.
    report, ctx = run_context(RunRequest(path=Path(path), options=Options(history=False)))
    fixer = _Fixer(ctx.repo, report, lang, datetime.now(UTC).year, ctx)
    fixer.choose_licence(licence)
    fixer.holder = holder or fixer.project_holder()
    if fixer.licence and not fixer.project.licence:
        fixer.project.licence = fixer.licence
    fixer.community_files()
    fixer.readme()
    fixer.gitignore()
    fixer.headers()
    fixer.licence_text()
    fixer.secrets_left()
    fixer.blocking_left()
    fixer.third_party_listed()
    return fixer.plan


@dataclass
class _Fixer:
    repo: Repository
    report: Report
    lang: str
    year: int
    ctx: Context
    plan: FixPlan = field(init=False)
    licence: str | None = None
    holder: str | None = None
    licence_chosen_here: bool = False

    def __post_init__(self) -> None:
        self.plan = FixPlan(self.repo.root)
        self.project = gather(self.repo, self.ctx)

    def failing(self, rule: str) -> list[str]:
        return [f.path or "" for f in self.report.findings if f.rule == rule]

    def choose_licence(self, asked: str | None) -> None:
        if asked:
            self.licence, self.licence_chosen_here = asked, True
            return
        # The project's own licence, on the list or not: it is what new files are under.
        # Several licences that all apply (AND) say nothing of one file: left to a person.
        declared = declarations(self.ctx)
        self.licence = single_licence(declared)
        if self.licence is not None:
            return
        # Then the licence most of the project's own SPDX headers give.
        headers = Counter(d.spdx for d in declared if d.kind == "spdx-header" and d.spdx
                          and not all_required(d.spdx))
        if headers:
            self.licence = headers.most_common(1)[0][0]

    def project_holder(self) -> str | None:
        """Who holds the copyright, from the project's own declarations only
        (publiccode.yml, its own LICENSE or NOTICE, its files' SPDX headers, README,
        AUTHORS); never a third-party file, and never a guess from commit addresses,
        which a person must confirm."""
        # The check's proposal, when the run made one, read the project's headers too.
        suggested = self.ctx.cached("reuse-suggestions")
        found = suggested[0] if suggested is not None else None
        if found is None or found.is_domain:
            found = project_holder(self.repo, facts.shared_publiccode(self.ctx))
        return found.name if found is not None else None

    def add(self, path: str, before: str | None, after: str, reason: Text,
            abbreviate: bool = False) -> None:
        if any(change.path == path for change in self.plan.changes):
            return
        self.plan.changes.append(Change(path, before, after, reason, abbreviate))

    def with_header(self, path: str, text: str) -> str:
        """A new file of ours gets the project's header when holder and licence are known."""
        if not (self.holder and self.licence):
            return text
        return header_added(path, text, self.year, self.holder, self.licence) or text

    def community_files(self) -> None:
        for item in plan(self.repo.root, self.lang, self.repo, self.project):
            if item.blocked is not None:
                self.plan.manual.append(_link_left(item.blocked))
            if item.content is not None:
                self.add(item.path, None, self.with_header(item.path, item.content),
                         Text("fichier communautaire manquant", "missing community file"))

    def readme(self) -> None:
        writing_contributing = any(c.path == "CONTRIBUTING.md" for c in self.plan.changes)
        item = plan_readme(self.repo, self.lang, self.project, writing_contributing)
        if item.content is not None:
            self.add(item.path, None, self.with_header(item.path, item.content),
                     Text("README manquant (squelette à compléter)",
                          "missing README (skeleton to complete)"))

    def licence_text(self) -> None:
        missing_file = bool(self.failing("licence-file-present"))
        if self.licence is None:
            if missing_file:
                self.plan.manual.append(Text(
                    "Choisir la licence du projet, puis : opencheck fix --licence ID --write\n"
                    + choice_help("fr", then=False),
                    "Choose the project's licence, then: opencheck fix --licence ID --write\n"
                    + choice_help("en", then=False),
                ))
            return
        headed = any(change.reason.en.startswith("REUSE header") for change in self.plan.changes)
        # The root licence files come from the project's licence alone (each text of an
        # expression: `MIT OR Apache-2.0` is no Apache licence); the licences REUSE finds
        # missing get their LICENSES/ text only.
        root = missing_file or self.licence_chosen_here
        wanted = [(self.licence, root)] if self.licence_chosen_here or missing_file or \
            headed else []
        wanted += [(f.extra.get("licence", ""), False) for f in self.report.findings
                   if f.rule == "reuse-licence-missing"]
        for spdx, with_root in dict.fromkeys((spdx, with_root) for spdx, with_root in wanted
                                             if spdx):
            try:
                planned = licence_files(self.repo, spdx, self.lang, self.holder, self.year,
                                        root=with_root)
            except Exception:  # not on the list, or no text shipped: left to a person
                continue
            for item in planned:
                if item.content is None:
                    continue
                self.add(item.path, None, item.content,
                         Text(f"texte officiel de {spdx}", f"official text of {spdx}"),
                         abbreviate=True)

    def gitignore(self) -> None:
        committed = sorted(set(filter(None, self.failing(SECRET_FILE_RULE))))
        if not committed:
            return
        path = ".gitignore"
        current = self.repo.read_text(path) if self.repo.exists(path) else None
        # A .gitignore we cannot read (a symlink out, not UTF-8) is not ours to touch;
        # what a person must do about the files stays listed below all the same.
        ours = current is not None or not os.path.lexists(self.repo.root / path)
        lines = set((current or "").splitlines())
        patterns = filter(None, (ignore_line(name) for name in committed))
        new = [line for line in patterns if line not in lines and line[1:] not in lines]
        if new and ours:
            head = "" if not current or current.endswith("\n") else "\n"
            block = "# Secret files found by opencheck: keep them out of the repository\n"
            after = (current or "") + head + block + "\n".join(new) + "\n"
            if current is None:
                after = self.with_header(path, after)
            self.add(path, current, after,
                     Text("fichiers secrets versionnés", "committed secret files"))
        for raw in committed:
            name = printable(raw, one_line=True)
            self.plan.manual.append(Text(
                f"{name} : le retirer du dépôt (git rm --cached), révoquer ce qu'il contient "
                "et le purger de l'historique avant publication.",
                f"{name}: take it out of the repository (git rm --cached), revoke what it "
                "holds and purge it from the history before publishing.",
            ))

    def headers(self) -> None:
        secret_files = set(self.failing(SECRET_FILE_RULE))  # to be removed, not annotated
        paths = sorted({p for rule in HEADER_RULES for p in self.failing(rule)
                        if p and p not in secret_files})
        if not paths:
            return
        if not (self.holder and self.licence):
            hint = (f" ; les commits viennent de {self.project.mail_domain}",
                    f"; commits come from {self.project.mail_domain}") \
                if self.project.mail_domain else ("", "")
            holder = Text(f"le titulaire des droits (--holder{hint[0]})",
                          f"the copyright holder (--holder{hint[1]})")
            licence = Text("la licence (--licence)", "the licence (--licence)")
            missing = licence if self.holder else holder if self.licence else Text(
                f"{holder.fr} et {licence.fr}", f"{holder.en} and {licence.en}")
            self.plan.manual.append(Text(
                f"En-têtes REUSE de {len(paths)} fichiers : indiquez {missing.fr}.",
                f"REUSE headers of {len(paths)} files: give {missing.en}.",
            ))
            return
        generated: list[str] = []
        outputs: set[str] = set()  # build output folders, declared by glob as the check says
        index = shared_index(self.ctx)  # the run's
        # a file copied from another project, its licence in its header (xxhash.c's BSD
        # text under Yann Collet's copyright): the project's header would relicense it
        inventory = self.ctx.cached("deps.inventory")
        copied = {dep.name for dep in inventory.dependencies
                  if dep.ecosystem == "copied" and dep.spdx} if inventory is not None else set()
        for path in paths:
            planned = next((c for c in self.plan.changes if c.path == path), None)
            if planned is not None:  # already changed by this plan: the header goes on top
                planned.after = self.with_header(path, planned.after)
                continue
            built = index.build_output(path, self.repo.exists)
            if built is not None:
                outputs.add(built[0])
                continue
            found = index.files.get(path)
            if found is not None and found.reason in OWN_GENERATED:
                generated.append(path)
                continue
            if found is not None or path in copied:
                self.plan.third_party.append(path)
                continue
            text = _as_text(self.repo.read_bytes(path))
            headed = header_added(path, text, self.year, self.holder, self.licence) \
                if text is not None else None
            if headed is not None and text is not None:
                self.add(path, text, headed, Text("en-tête REUSE", "REUSE header"))
                continue
            sidecar = f"{path}.license"
            if not self.repo.exists(sidecar) and not (self.repo.root / sidecar).exists():
                self.add(sidecar, None, sidecar_header(self.year, self.holder, self.licence),
                         Text("en-tête REUSE à côté du fichier", "REUSE header beside the file"))

        if generated or outputs:
            self.reuse_toml(generated, sorted(outputs))

    def reuse_toml(self, paths: list[str], outputs: list[str]) -> None:
        """Files a package manager or the project's build rewrites (lockfiles, minified
        build output) get their REUSE information from REUSE.toml: a lockfile by its
        path, a build output folder by its glob, which also covers what the next build
        adds there (the fix the check gives for each of its files)."""
        assert self.holder and self.licence
        if self.repo.exists(".reuse/dep5"):
            count = len(paths) + len(outputs)
            self.plan.manual.append(Text(
                f"{count} fichiers générés ou dossiers de construction à déclarer "
                "dans .reuse/dep5.",
                f"{count} generated files or build output folders to declare in "
                ".reuse/dep5.",
            ))
            return
        current = self.repo.read_text("REUSE.toml") if self.repo.exists("REUSE.toml") else None
        if current is None and (self.repo.root / "REUSE.toml").exists():
            return
        # A name that is not UTF-8 cannot be written in a TOML file: left to a person.
        unnamed = [path for path in [*paths, *outputs] if not _is_utf8(path)]
        paths = [path for path in paths if _is_utf8(path)]
        outputs = [folder for folder in outputs if _is_utf8(folder)]
        if unnamed:
            self.plan.manual.append(Text(
                f"{len(unnamed)} fichiers générés ou dossiers de construction au nom "
                "illisible en UTF-8 : leur information REUSE est à écrire à la main.",
                f"{len(unnamed)} generated files or build output folders whose names "
                "are not UTF-8: write their REUSE information by hand.",
            ))
        if not paths and not outputs:
            return
        copyright = f"{self.year} {self.holder}"
        blocks = [reusetoml.annotation(
            paths, copyright, self.licence,
            "Written by opencheck fix: files a package manager rewrites.")] if paths else []
        if outputs:
            blocks.append(
                "# Written by opencheck fix: folders the project's build writes.\n"
                + "\n".join(reusetoml.folder_annotation(folder, copyright, self.licence)
                             for folder in outputs))
        added = "\n".join(blocks)
        if current is None or not current.strip():
            after = "version = 1\n\n" + added
        else:
            newline = "\r\n" if "\r\n" in current else "\n"
            after = current.rstrip("\r\n") + (newline * 2) + added.replace("\n", newline)
        problem = reuse_toml_problem(after)
        if problem is not None:  # the file as it is cannot take the blocks (or reuse refuses it)
            self.plan.manual.append(Text(
                f"REUSE.toml : ajoutez à la main (le fichier actuel ne peut les recevoir "
                f"tel quel : {printable(problem, one_line=True)}) :\n{added}",
                f"REUSE.toml: add by hand (the current file cannot take them as it is: "
                f"{printable(problem, one_line=True)}):\n{added}"))
            return
        self.add("REUSE.toml", current, after,
                 Text("fichiers générés (verrouillage, construction) déclarés dans "
                      "REUSE.toml",
                      "generated files (lockfiles, build output) declared in REUSE.toml"))

    def third_party_listed(self) -> None:
        """Third-party components the check found: never annotated, named once each."""
        for finding in self.report.findings:
            if finding.rule == "deps-third-party-code":
                component = str(finding.extra.get("component", finding.path or ""))
                count = finding.extra.get("files", 1)
                self.plan.third_party.append(f"{component} ({count})")

    def blocking_left(self) -> None:
        """What still blocks and no change here fixes (a licence text named by no SPDX
        id, an invalid expression...): named, so that a check after --write that is
        still NOT READY is explained."""
        left = [f for f in self.report.blocking if f.rule not in FIXED_HERE]
        for finding in left[:BLOCKING_NAMED]:
            where = f" {printable(finding.path, one_line=True)}" if finding.path else ""
            self.plan.manual.append(Text(
                f"{finding.rule}{where} : {printable(finding.message.fr, one_line=True)}",
                f"{finding.rule}{where}: {printable(finding.message.en, one_line=True)}",
            ))
        if len(left) > BLOCKING_NAMED:
            more = len(left) - BLOCKING_NAMED
            self.plan.manual.append(Text(
                f"… et {more} autres constats bloquants (opencheck check).",
                f"… and {more} more blocking findings (opencheck check).",
            ))

    def secrets_left(self) -> None:
        found = [f for f in self.report.findings
                 if f.rule in ("secret-in-tree", "secret-in-history") and f.severity == "error"]
        if found:
            self.plan.manual.append(Text(
                f"{len(found)} secrets trouvés : révoquez-les chez leur émetteur, retirez-les "
                "du code et purgez l'historique (git filter-repo) avant publication.",
                f"{len(found)} secrets found: revoke them where they were issued, take them "
                "out of the code and purge the history (git filter-repo) before publishing.",
            ))
        if any(change.path.endswith(".md") for change in self.plan.changes):
            self.plan.manual.append(Text(
                "Remplacer les marques « [À COMPLÉTER : ...] » des fichiers écrits.",
                "Replace the '[TO BE COMPLETED: ...]' markers in the files written.",
            ))


def _link_left(link: Text) -> Text:
    return Text(f"{link.fr} : opencheck n'écrit jamais à travers un lien ; remplacez-le "
                "par le fichier (ou supprimez-le, et relancez opencheck fix).",
                f"{link.en}: opencheck does not write through a link; replace it with the "
                "file (or remove it and run opencheck fix again).")


def _is_utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # a name git gave as bytes that are not UTF-8
        return False
    return True


def _as_text(data: bytes | None) -> str | None:
    if data is None or b"\0" in data[:8000]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


# -- showing and applying --------------------------------------------------------------


def unified_diff(plan: FixPlan) -> str:
    out: list[str] = []
    for change in plan.changes:
        name = printable(change.path, one_line=True)
        before = (change.before or "").splitlines(keepends=True)
        after = change.after.splitlines(keepends=True)
        if change.abbreviate and change.before is None and len(after) > LICENCE_TEXT_LINES:
            hidden = len(after) - LICENCE_TEXT_LINES
            after = [*after[:LICENCE_TEXT_LINES], f"[... {hidden} lines ...]\n"]
        old = "/dev/null" if change.before is None else f"a/{name}"
        lines = difflib.unified_diff(before, after, old, f"b/{name}")
        out.extend(printable(line.rstrip("\n")) + "\n" for line in lines)
    return "".join(out)


def apply(plan: FixPlan) -> list[Change]:
    """Write the plan. Returns the changes made; one whose file moved meanwhile is skipped."""
    done: list[Change] = []
    for change in plan.changes:
        if change.before is None:
            if create(plan.root, change.path, change.after):
                done.append(change)
        elif replace(plan.root, change.path, change.before, change.after):
            done.append(change)
    return done

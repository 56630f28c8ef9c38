# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What every renderer shows the same way: counts per family and per severity."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from posixpath import dirname

from opencheck.catalogue import Rule, load_catalogue
from opencheck.i18n import colon, label
from opencheck.model import Finding, Report, Severity, Status, Text
from opencheck.report.policynotes import policy_notes
from opencheck.shellwords import path_spellings


def verdict_label(report: Report, lang: str) -> str:
    """READY / NOT READY / INCOMPLETE, as every format names it."""
    return label(report.verdict.value, lang)


def verdict_reason(report: Report, lang: str) -> str:
    return f"{label('reason', lang)}{colon(lang)} {report.reason.get(lang)}"


@dataclass
class FolderGroup:
    """Findings of one rule under one folder ("" is the repository's top)."""

    folder: str
    findings: list[Finding]


def by_folder(findings: list[Finding], limit: int = 10) -> list[FolderGroup]:
    """Findings grouped by folder, the largest groups first.

    The folders are as deep as possible while there are at most `limit` groups
    (three levels at most), so that one REUSE finding per file in a 60,000-file
    repository becomes a handful of lines that still say where the files are.
    """
    chosen: dict[str, list[Finding]] = {}
    # each finding's folder split once, not once per depth tried
    placed = [(dirname(finding.path or "").split("/"), finding) for finding in findings]
    for depth in (3, 2, 1):
        groups: dict[str, list[Finding]] = {}
        for parts, finding in placed:
            folder = "/".join(parts[:depth])
            groups.setdefault(f"{folder}/" if folder else "", []).append(finding)
        chosen = groups
        if len(groups) <= limit:
            break
    ordered = sorted(chosen.items(), key=lambda item: (-len(item[1]), item[0]))
    return [FolderGroup(folder, items) for folder, items in ordered]


# A folder row splits into at most this many rows, one per fix.
FIX_ROWS = 3


@dataclass
class FixRow:
    """Findings of one folder row that one fix stands for (its first finding's, the
    path aside); `mixed`: the folder's findings past FIX_ROWS - 1 kinds of fix, which
    no one fix stands for."""

    folder: str
    findings: list[Finding]
    mixed: bool = False


def fix_kind(finding: Finding) -> object:
    """What a finding's fix says, but for the file it names: one `reuse annotate`
    command for every file without headers, another fix for a build output folder.
    Read from the text as shown (an `EndingText` and the plain `Text` a batch worker
    pickles it into are one kind)."""
    fix = finding.fix
    if fix is None:
        return None
    fr, en = fix.fr, fix.en
    path = finding.path
    if path:
        spellings = path_spellings(path)
        return _unnamed(fr, spellings), _unnamed(en, spellings)
    return fr, en


# What continues a word or a path: the file's own name is not inside one.
_IN_NAME = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./")


def _unnamed(text: str, spellings: tuple[str, ...]) -> str:
    """`text` with the last place it names the path on its own (not inside a longer
    word or path) left blank, in the first of its spellings found: a top-level file
    named `a` is not every "a" of the command, and `'a b.py'` is blanked with its
    quotes, as `c.py` is without."""
    for path in spellings:
        blanked = _blank_last(text, path)
        if blanked is not None:
            return blanked
    return text


def _blank_last(text: str, path: str) -> str | None:
    end = len(text)
    while (at := text.rfind(path, 0, end)) >= 0:
        after = at + len(path)
        if (at == 0 or text[at - 1] not in _IN_NAME) and (
                after == len(text) or text[after] not in _IN_NAME
                or (text[after] == "." and text[after + 1:after + 2] not in _IN_NAME)):
            return text[:at] + "\0" + text[after:]
        end = after - 1
    return None


def fix_rows(group: FolderGroup, most: int = FIX_ROWS,
             kind_of: Callable[[Finding], object] = fix_kind) -> list[FixRow]:
    """A folder's row as one row per fix, the largest first, so that each row's fix
    holds for every finding it counts (18 built files declared by folder in REUSE.toml,
    9 sources given a header). `kind_of`: `fix_kind`, or the kinds a caller worked out
    already."""
    kinds: dict[object, list[Finding]] = {}
    for finding in group.findings:
        kinds.setdefault(kind_of(finding), []).append(finding)
    ordered = sorted(kinds.values(), key=len, reverse=True)
    if len(ordered) <= most:
        return [FixRow(group.folder, findings) for findings in ordered]
    rest = [finding for findings in ordered[most - 1:] for finding in findings]
    return [*(FixRow(group.folder, findings) for findings in ordered[:most - 1]),
            FixRow(group.folder, rest, mixed=True)]


def per_family(report: Report) -> dict[str, dict[str, int]]:
    families: dict[str, dict[str, int]] = {}
    for result in report.rules:
        counts = families.setdefault(result.family, {status.value: 0 for status in Status})
        counts[result.status.value] += 1
    return dict(sorted(families.items()))


def per_severity(report: Report) -> dict[str, int]:
    counts = Counter(f.severity.value for f in report.findings if f.severity)
    return {severity.value: counts.get(severity.value, 0) for severity in Severity}


def rule_of(finding: Finding) -> Rule | None:
    return load_catalogue().rules.get(finding.rule)


def family_title(family: str, lang: str) -> str:
    text = load_catalogue().families.get(family)
    return text.get(lang) if text else family


NOTES = {
    "diff": Text(
        fr="Mode merge request : seul ce qu'apporte le changement depuis `{base}` (base "
        "commune `{merge_base}`, {files} fichier(s) modifié(s)) est montré ; {hidden} "
        "constat(s) antérieur(s) masqué(s).",
        en="Merge-request mode: only what the change since `{base}` brings is shown "
        "(merge base `{merge_base}`, {files} changed file(s)); {hidden} earlier finding(s) "
        "hidden.",
    ),
    "held": Text(
        fr="Dont {held} secret(s), donnée(s) sensible(s) ou adresse(s) interne(s) que les "
        "fichiers modifiés contenaient déjà avant le changement : l'analyse du dépôt entier "
        "les signale.",
        en="Of them, {held} secret(s), sensitive value(s) or internal address(es) the changed "
        "files held before the change: a check of the whole repository reports them.",
    ),
    "declared": Text(
        fr="Dont {declared} constat(s) de dépendances que les manifestes ou fichiers de "
        "verrouillage modifiés déclaraient déjà, à la même version, avant le changement.",
        en="Of them, {declared} dependency finding(s) of packages the changed manifests or "
        "lockfiles declared before the change, at the same version.",
    ),
    "before": Text(
        fr="Dont {before} constat(s) bloquant(s) que les fichiers modifiés avaient déjà au "
        "point de départ du changement (mêmes règles rejouées sur cet arbre).",
        en="Of them, {before} blocking finding(s) the changed files had already where the "
        "change starts (the same rules run again on that tree).",
    ),
    "warnings_before": Text(
        fr="Dont {count} avertissement(s) ou remarque(s) que les fichiers modifiés avaient "
        "déjà au point de départ du changement (en-têtes REUSE, déclarations de licence…) : "
        "l'analyse du dépôt entier les signale.",
        en="Of them, {count} warning(s) or notice(s) the changed files had already where the "
        "change starts (REUSE headers, licence declarations…): a check of the whole "
        "repository reports them.",
    ),
    "staged": Text(
        fr="Mode pre-commit : seuls les constats sur les {files} fichier(s) indexé(s) sont "
        "montrés ; {hidden} autre(s) constat(s) masqué(s).",
        en="Pre-commit mode: only findings on the {files} staged file(s) are shown; "
        "{hidden} other finding(s) hidden.",
    ),
    "absent": Text(
        fr="Clone incomplet : {count} objet(s) de l'historique absent(s) n'ont pas été lus ; "
        "l'historique a été analysé pour ce qui est présent.",
        en="Incomplete clone: {count} object(s) of the history are absent and were not "
        "read; the history was scanned for what is present.",
    ),
    "origins": Text(
        fr="Historique partiellement parcouru (git : {error}) : le commit d'origine de "
        "certaines valeurs peut manquer.",
        en="History partly walked (git: {error}): the commit that introduced some values "
        "may be unknown.",
    ),
    "stopped": Text(
        fr="git log s'est arrêté après {commits} commit(s) (git : {error}) : les règles "
        "d'historique jugent ce qui a été lu.",
        en="git log stopped after {commits} commit(s) (git: {error}): the history rules "
        "judge what was read.",
    ),
    "history_change": Text(
        fr="Historique lu pour les seuls commits du changement : les règles d'historique "
        "et le score ne comptent pas les constats plus anciens de l'historique.",
        en="History read for the change's commits only: the history rules and the score "
        "do not count the earlier history's findings.",
    ),
    "baseline": Text(
        fr="{known} constat(s) déjà connu(s) de la base de référence `{file}` masqué(s).",
        en="{known} finding(s) already in the baseline `{file}` hidden.",
    ),
    "forms": Text(
        fr="La base de référence `{file}` identifie les secrets {baseline}, cette exécution "
           "{run} : ses secrets n'y sont pas reconnus. Donnez la même "
           "OPENCHECK_FINGERPRINT_KEY qu'à son écriture, ou réécrivez-la.",
        en="The baseline `{file}` identifies secrets {baseline}, this run {run}: its "
           "secrets are not recognised. Set the same OPENCHECK_FINGERPRINT_KEY as when it "
           "was written, or write it again.",
    ),
    "former": Text(
        fr="{count} secret(s) reconnu(s) dans la base de référence `{file}` par l'empreinte "
           "des versions antérieures d'opencheck, faite du hachage de la valeur : qui lit ce "
           "fichier peut y vérifier un mot de passe deviné. Réécrivez-le avec `opencheck "
           "baseline` et, s'il a été publié, changez ces secrets.",
        en="{count} secret(s) matched in the baseline `{file}` by the fingerprint earlier "
           "opencheck versions wrote, made from the value's hash: whoever reads the file "
           "can test a guessed password against it. Write it again with `opencheck "
           "baseline` and, if it was published, rotate those secrets.",
    ),
}


# How secret values were fingerprinted (`secrets/fingerprints.py`), in the "forms" note.
FORMS = {"keyed": Text("par une clé", "with a key"),
         "place": Text("par leur place", "by their place")}


def scope_notes(report: Report, lang: str) -> list[str]:
    """What the report could not see or hides (absent history objects, a change, a
    baseline), and which rules do not concern it: one sentence each."""
    return unread_notes(report, lang) + narrowing_notes(report, lang) + profile_notes(
        report, lang)


# The profile that judges a repository by no country's law.
NEUTRAL_PROFILE = "publiccode-standard"


def profile_notes(report: Report, lang: str) -> list[str]:
    """What judged the repository: an auditor's policy and what it set aside of the
    repository's configuration; for a repository published outside France, judged by
    French rules, which profile fits it (the licence family found the evidence)."""
    notes = policy_notes(report.metadata, lang)
    abroad = report.metadata.get("published_abroad")
    if not isinstance(abroad, dict) or report.profile == NEUTRAL_PROFILE:
        return notes
    return [*notes, str(abroad.get(lang) or abroad.get("en") or "")]


def unread_notes(report: Report, lang: str) -> list[str]:
    """What could not be read: history objects absent from the clone, a stopped walk."""
    notes = []
    absent = report.metadata.get("history_objects_not_read")
    if absent:
        notes.append(NOTES["absent"].format(count=absent).get(lang))
    stopped = report.metadata.get("history_origins_incomplete")
    if stopped:
        notes.append(NOTES["origins"].format(error=stopped).get(lang))
    log = report.metadata.get("history_log_stopped")
    if isinstance(log, dict):
        notes.append(NOTES["stopped"].format(
            commits=log.get("commits_read"), error=log.get("error")).get(lang))
    return notes


def narrowing_notes(report: Report, lang: str) -> list[str]:
    """What a narrowed report hides: findings before a change, or in a baseline."""
    notes = []
    diff = report.metadata.get("diff")
    if isinstance(diff, dict):
        base = str(diff.get("merge_base") or "")[:12]
        notes.append(NOTES["staged" if diff.get("staged") else "diff"].format(
            base=diff.get("base"), merge_base=base, files=diff.get("changed_files"),
            hidden=diff.get("hidden_findings"),
        ).get(lang))
        held = diff.get("values_held_before")
        if isinstance(held, int) and held > 0:
            notes.append(NOTES["held"].format(held=held).get(lang))
        before = diff.get("found_before")
        if isinstance(before, int) and before > 0:
            notes.append(NOTES["before"].format(before=before).get(lang))
        warned = diff.get("warnings_before")
        if isinstance(warned, int) and warned > 0:
            notes.append(NOTES["warnings_before"].format(count=warned).get(lang))
        declared = diff.get("dependencies_declared_before")
        if isinstance(declared, int) and declared > 0:
            notes.append(NOTES["declared"].format(declared=declared).get(lang))
    if report.metadata.get("history_scope") == "change":
        notes.append(NOTES["history_change"].get(lang))
    baseline = report.metadata.get("baseline")
    if isinstance(baseline, dict):
        notes.append(NOTES["baseline"].format(
            file=baseline.get("file"), known=baseline.get("known_findings")
        ).get(lang))
        forms = baseline.get("secret_fingerprints")
        if isinstance(forms, dict):
            notes.append(NOTES["forms"].format(
                file=baseline.get("file"), baseline=FORMS.get(str(forms.get("baseline")),
                                                             FORMS["place"]).get(lang),
                run=FORMS.get(str(forms.get("run")), FORMS["place"]).get(lang)).get(lang))
        if baseline.get("former_fingerprints"):
            notes.append(NOTES["former"].format(
                file=baseline.get("file"), count=baseline["former_fingerprints"]).get(lang))
    former = report.metadata.get("secrets_baseline_former")
    if isinstance(former, int) and former > 0:  # the baseline named by settings.secrets
        notes.append(NOTES["former"].format(file="settings.secrets.baseline",
                                            count=former).get(lang))
    return notes

# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Many blocking findings as a handful of actions: what to fix first, and where.

A development PKI committed in forty folders gives hundreds of blocking findings (keys
in the tree, older keys in the history, key stores): listed one by one they drown the
reader. Here they become a few actions, each one kind of thing in one area of the tree
("deployment/pki/: 212 private keys and key stores in 31 folders") with one fix.

- Secrets are grouped by what they are (private keys and key stores, passwords and
  tokens, secret files), across the rules that found them: a key still in the tree and
  its older versions in the history call for the same action.
- Every other blocking rule is one action, its findings counted by folder.
- A kind with many findings is split into areas: the deepest folder holding all of
  them, or, when they lie all over the tree, its largest top folders and one action
  for the rest. An area is split further while the actions stay few.

The verdict's reason names the kinds and their areas (`summary`), so that every format,
SARIF and JUnit included, says what blocks in its first line; the text, Markdown and HTML
reports then print the actions. The full list stays in JSON and SARIF, and in the text,
Markdown and HTML reports with `--all`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from posixpath import dirname

from opencheck.i18n import LABELS
from opencheck.model import Finding, Text
from opencheck.report.summary import FIX_ROWS, fix_kind

# Show actions instead of every blocking finding past this many.
FOLD_FROM = 20
# An area should stand for about this many findings: 8 passwords are one action.
FINDINGS_PER_AREA = 10
AREAS_PER_KIND = 6
LARGEST_FOLDERS = 3

KEYS, CREDENTIALS, SECRET_FILES = "keys", "credentials", "secret-files"
SECRET_KINDS = {
    "private-key": KEYS, "openssh-private-key": KEYS, "pgp-private-key": KEYS,
    "private-jwk": KEYS, "secret-jwk": KEYS,
    "pkcs12-file": KEYS, "keystore-file": KEYS, "ssh-key-file": KEYS,
    "certificate-store": KEYS, "debug-keystore": KEYS,
    "env-file": SECRET_FILES, "password-file": SECRET_FILES,
    "aws-access-key": CREDENTIALS, "aws-secret-key": CREDENTIALS,
    "gcp-service-account": CREDENTIALS, "azure-connection-string": CREDENTIALS,
    "github-token": CREDENTIALS, "gitlab-token": CREDENTIALS, "slack-token": CREDENTIALS,
    "slack-webhook": CREDENTIALS, "jwt": CREDENTIALS, "payment-key": CREDENTIALS,
    "google-api-key": CREDENTIALS, "url-credentials": CREDENTIALS,
    "password-assignment": CREDENTIALS, "kubernetes-secret": CREDENTIALS,
}
SECRET_RULES = ("secret-in-tree", "secret-in-history", "secret-file-committed")
NAMES = {
    KEYS: Text("clé(s) privée(s) et magasin(s) de clés", "private key(s) and key store(s)"),
    CREDENTIALS: Text("mot(s) de passe, jeton(s) et clé(s) d'API",
                      "password(s), token(s) and API key(s)"),
    SECRET_FILES: Text("fichier(s) de secrets (.env, mots de passe)",
                       "secret file(s) (.env, password files)"),
}

FIXES = {
    KEYS: Text(
        "Révoquez et remplacez ces clés, retirez celles encore présentes dans l'arbre "
        "(git rm --cached, puis .gitignore) et réécrivez l'historique sans elles (git "
        "filter-repo --invert-paths --paths-from-file FICHIER, ou BFG Repo-Cleaner). Des "
        "clés qui ne protègent rien (clés de test ou de développement) peuvent plutôt être "
        "autorisées par dossier dans .opencheck.yml (settings.secrets.allow_paths).",
        "Revoke and replace these keys, remove those still in the tree (git rm --cached, "
        "then .gitignore) and rewrite the history without them (git filter-repo "
        "--invert-paths --paths-from-file FILE, or BFG Repo-Cleaner). Keys that protect "
        "nothing (test or development keys) may instead be allowed by folder in "
        ".opencheck.yml (settings.secrets.allow_paths).",
    ),
    CREDENTIALS: Text(
        "Révoquez chaque mot de passe ou jeton auprès de son émetteur et lisez-le depuis "
        "l'environnement ou un fichier non versionné ; retirez ceux encore présents dans "
        "l'arbre et réécrivez l'historique sans eux (git filter-repo --replace-text, ou BFG "
        "Repo-Cleaner). Une valeur qui n'est pas un secret : un commentaire « opencheck: "
        "allow » sur sa ligne.",
        "Revoke each password or token at its issuer and read it from the environment or "
        "an unversioned file; remove those still in the tree and rewrite the history "
        "without them (git filter-repo --replace-text, or BFG Repo-Cleaner). A value that "
        "is not a secret: an 'opencheck: allow' comment on its line.",
    ),
    SECRET_FILES: Text(
        "Retirez ces fichiers (git rm --cached, puis .gitignore), révoquez ce qu'ils "
        "contiennent, versionnez un modèle sans valeurs réelles et réécrivez l'historique "
        "sans eux (git filter-repo --invert-paths --paths-from-file FICHIER, ou BFG "
        "Repo-Cleaner).",
        "Remove these files (git rm --cached, then .gitignore), revoke what they hold, "
        "version a template without real values, and rewrite the history without them "
        "(git filter-repo --invert-paths --paths-from-file FILE, or BFG Repo-Cleaner).",
    ),
}
WORDS = {
    "folders": Text("dans {folders} dossier(s)", "in {folders} folder(s)"),
    "history": Text("{n} seulement dans l'historique", "{n} only in the history"),
    "all_history": Text("tous seulement dans l'historique", "all only in the history"),
    "elsewhere": Text("ailleurs", "elsewhere"),
    "largest": Text("surtout dans", "mostly in"),
    "gathered": Text("dans", "in"),
    "and_elsewhere": Text("et ailleurs", "and elsewhere"),
    "example_fix": Text("pour le premier : {fr}", "for the first one: {en}"),
    "fix_for": Text("pour les fichiers comme {path} : {fr}", "for files like {path}: {en}"),
    "example": Text("par exemple", "e.g."),
}
# The reason names at most this many kinds, and this many areas of each.
SUMMARY_KINDS = 3
SUMMARY_AREAS = 3


@dataclass
class Action:
    """One thing to do about some blocking findings.

    `kind` is a secret kind of NAMES or a rule id; `folder` is the area ("" the whole
    tree, None the folders that no other action of the kind names: `rest` lists them).
    """

    kind: str
    folder: str | None
    findings: list[Finding]
    rest: list[tuple[str, int]] = field(default_factory=list)

    @property
    def secret(self) -> bool:
        return self.kind in NAMES

    @property
    def folders(self) -> int:
        return len({dirname(f.path) for f in self.findings if f.path})

    @property
    def history_only(self) -> int:
        """Secrets removed from the tree that every clone still holds."""
        return sum(1 for f in self.findings if f.extra.get("in_tree") is False)

    @property
    def in_tree(self) -> int:
        return len(self.findings) - self.history_only

    def files(self, count: int = LARGEST_FOLDERS) -> tuple[list[str], bool]:
        """Its first files, and whether there are more: an action in one folder names
        them, since its folder alone says little."""
        paths = list(dict.fromkeys(f.path for f in self.findings if f.path))
        return paths[:count], len(paths) > count

    def largest_folders(self, count: int = LARGEST_FOLDERS) -> list[tuple[str, int]]:
        """The folders holding most of the action's findings, largest first; for the
        rest of a kind, the areas it gathers."""
        if self.folder is None:
            return self.rest[:count]
        counts = Counter(_folder(f.path) for f in self.findings if f.path)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:count]


def should_fold(blocking: Sequence[Finding]) -> bool:
    return len(blocking) > FOLD_FROM


def plan(blocking: Iterable[Finding]) -> list[Action]:
    """The actions for these findings: kinds in the order of their first finding (the
    order the verdict's reason follows), areas of a kind largest first, the rest last."""
    kinds: dict[str, list[Finding]] = {}
    for finding in blocking:
        kinds.setdefault(kind_of(finding), []).append(finding)
    actions: list[Action] = []
    for kind, findings in kinds.items():
        if kind not in NAMES:
            actions.append(Action(kind, _common_folder(findings), findings))
            continue
        limit = max(1, min(AREAS_PER_KIND, len(findings) // FINDINGS_PER_AREA))
        for area in _areas(findings, limit):
            actions.append(Action(kind, area.folder, area.findings, area.rest))
    return actions


@dataclass
class Kind:
    """Consecutive actions of one kind, numbered from `first`, and their one fix."""

    first: int
    actions: list[Action]
    fix: Text | None

    @property
    def numbered(self) -> list[tuple[int, Action]]:
        return list(enumerate(self.actions, self.first))

    @property
    def span(self) -> str:
        """Which actions the fix is for: "3", or "1-6"."""
        last = self.first + len(self.actions) - 1
        return f"{self.first}" if last == self.first else f"{self.first}-{last}"


def by_kind(actions: list[Action]) -> list[Kind]:
    kinds: list[Kind] = []
    for action in actions:
        if kinds and kinds[-1].actions[0].kind == action.kind:
            kinds[-1].actions.append(action)
        else:
            first = kinds[-1].first + len(kinds[-1].actions) if kinds else 1
            kinds.append(Kind(first, [action], None))
    for kind in kinds:  # one fix for the kind's actions: true for each of them
        kind.fix = _fix_of(kind.actions[0].kind,
                           [f for action in kind.actions for f in action.findings])
    return kinds


def more_folders(action: Action, shown: int) -> bool:
    """Whether the action spreads over more folders (or areas) than the `shown` ones."""
    return (len(action.rest) if action.folder is None else action.folders) > shown


def kind_of(finding: Finding) -> str:
    if finding.rule in SECRET_RULES:
        kind = SECRET_KINDS.get(str(finding.extra.get("kind") or ""))
        if kind:
            return kind
    return finding.rule


def _folder(path: str | None) -> str:
    folder = dirname(path or "")
    return f"{folder}/" if folder else ""


def _common_folder(findings: Sequence[Finding]) -> str:
    """The deepest folder holding every finding ("" for the top, or none placed)."""
    parts = [_folder(f.path).split("/")[:-1] for f in findings if f.path]
    if not parts:
        return ""
    common = parts[0]
    for other in parts[1:]:
        size = 0
        while size < min(len(common), len(other)) and common[size] == other[size]:
            size += 1
        common = common[:size]
    return "".join(f"{part}/" for part in common)


@dataclass
class _Area:
    folder: str | None
    findings: list[Finding]
    rest: list[tuple[str, int]] = field(default_factory=list)


def _areas(findings: list[Finding], limit: int) -> list[_Area]:
    """At most `limit` areas covering the findings. The top of the tree is always split
    into its largest folders (the rest gathered in one area); any other area is split
    into its subfolders only while the areas stay within the limit."""
    areas = [_Area(_common_folder(findings), findings)]
    while True:
        for index, area in sorted(enumerate(areas), key=lambda item: -len(item[1].findings)):
            parts = _split(area)
            if len(parts) < 2:
                continue
            room = limit - len(areas) + 1
            if len(parts) > room and area.folder == "" and room >= 2:
                kept = parts[:room - 1]
                gathered = [f for part in parts[room - 1:] for f in part.findings]
                rest = [(part.folder or "./", len(part.findings)) for part in parts[room - 1:]]
                parts = [*kept, _Area(None, gathered, rest)]
            if len(parts) <= room:
                areas[index:index + 1] = parts
                break
        else:
            return sorted(areas, key=lambda a: (a.folder is None, -len(a.findings)))


def _split(area: _Area) -> list[_Area]:
    """The area's findings by the next folder level under it, each part narrowed to
    its deepest common folder; findings directly in the folder stay one part."""
    if area.folder is None:
        return []
    depth = area.folder.count("/")
    parts: dict[str, list[Finding]] = {}
    for finding in area.findings:
        below = _folder(finding.path).split("/")
        key = "/".join(below[:depth + 1]) if len(below) > depth + 1 else ""
        parts.setdefault(key, []).append(finding)
    if len(parts) < 2:
        return []
    out = [_Area(area.folder if key == "" else _common_folder(items), items)
           for key, items in parts.items()]
    return sorted(out, key=lambda a: (-len(a.findings), a.folder or ""))


def what(action: Action, lang: str, named: bool = True) -> str:
    """The action's findings counted, without any value from the repository: the
    renderer writes the area (a path) before it, escaped for its medium. A rule's
    action starts with the rule's id unless not `named` (the renderer links it)."""
    n = len(action.findings)
    if action.secret:
        counted = f"{n} {NAMES[action.kind].get(lang)}"
    else:
        counted = f"{action.kind} ×{n}" if named else f"×{n}"
    text = f"{counted} {WORDS['folders'].format(folders=action.folders).get(lang)}"
    if action.secret and action.history_only:
        state = WORDS["history"].format(n=action.history_only)
        text += f" ({(WORDS['all_history'] if not action.in_tree else state).get(lang)})"
    return text


def fix(action: Action) -> Text | None:
    return _fix_of(action.kind, action.findings)


def _fix_of(kind: str, findings: list[Finding]) -> Text | None:
    """What to do: the kind's fix for secrets, else the rule's: its findings' fix, or
    the first one's as an example when each file has its own (a command naming it);
    when the files call for different fixes (a build's output declared by folder, its
    sources given a header), each one with a file it is for, or, past FIX_ROWS of
    them, that each file has its own."""
    if kind in NAMES:
        return FIXES[kind]
    firsts: dict[object, Finding] = {}
    for finding in findings:
        if finding.fix is not None:
            firsts.setdefault(fix_kind(finding), finding)
    if len(firsts) > FIX_ROWS:
        return LABELS["fixes_differ"]
    if len(firsts) > 1:
        parts = [WORDS["fix_for"].format(path=f.path or "", fr=f.fix.fr, en=f.fix.en)
                 for f in firsts.values() if f.fix is not None]
        return Text(" ; ".join(part.fr.rstrip(".") for part in parts),
                    "; ".join(part.en.rstrip(".") for part in parts))
    first = next((f.fix for f in firsts.values()), None)
    if first is None or len({f.fix for f in findings if f.fix}) == 1:
        return first
    return WORDS["example_fix"].format(fr=first.fr, en=first.en)


def word(key: str, lang: str) -> str:
    return WORDS[key].get(lang)


def summary(actions: list[Action], short: Callable[[str], str]) -> Text:
    """What blocks, by kind: "270 private key(s) and key store(s) in dev-deployment/,
    deployment/, api/ and elsewhere; 8 password(s)...". A rule's own action says its
    first finding (`short` cuts its message)."""
    parts: dict[str, list[str]] = {"fr": [], "en": []}
    kinds = by_kind(actions)
    for kind in kinds[:SUMMARY_KINDS]:
        first = kind.actions[0]
        for lang, said in parts.items():
            said.append(_summary_of(kind.actions, lang, short) if first.secret
                        else _rule_summary(first, lang, short))
    if len(kinds) > SUMMARY_KINDS:
        parts = {lang: [*said, "…"] for lang, said in parts.items()}
    return Text(" ; ".join(parts["fr"]), "; ".join(parts["en"]))


def _summary_of(actions: list[Action], lang: str, short: Callable[[str], str]) -> str:
    count = sum(len(a.findings) for a in actions)
    named = [a.folder for a in actions if a.folder]
    text = f"{count} {NAMES[actions[0].kind].get(lang)}"
    if not named:
        folders = len({dirname(f.path) for a in actions for f in a.findings if f.path})
        return f"{text} {WORDS['folders'].format(folders=folders).get(lang)}"
    shown = ", ".join(short(folder) for folder in named[:SUMMARY_AREAS])
    elsewhere = len(named) > SUMMARY_AREAS or len(named) < len(actions)
    joined = f" {WORDS['and_elsewhere'].get(lang)}" if elsewhere else ""
    return f"{text} {WORDS['gathered'].get(lang)} {shown}{joined}"


def _rule_summary(action: Action, lang: str, short: Callable[[str], str]) -> str:
    first = action.findings[0]
    where = first.path or ""
    if where and first.line:
        where += f":{first.line}"
    head = first.rule
    if len(action.findings) > 1:
        head += f" ×{len(action.findings)}" + (f", {WORDS['example'].get(lang)}" if where else "")
    head += f" {where}" if where else ""
    message = short(first.message.get(lang))
    message = message[:-1] if message.endswith(".") else message
    return f"{head}{' :' if lang == 'fr' else ':'} {message}"

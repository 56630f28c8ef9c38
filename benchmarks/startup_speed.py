# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Start-up cost: `opencheck --version`, `opencheck rules`, a whole check of a small
first repository and its history rules alone, next to the floors (`python -c pass`,
`git status`), in one run.

    python benchmarks/startup_speed.py [--rounds 15] [--compare NAME=SRC] [--repo DIR]

Without `--repo`, the repository is built in a temporary folder the way a user's first
repository looks: LICENSE (EUPL-1.2), README.md, publiccode.yml, one source file and
.gitignore, in three commits. Every command is a fresh process; the rows run in turn,
round after round, so that they share the machine's load. Figures: CPU time (user +
system of the process and the children it waited for, git included, from os.wait4)
as minimum and median, and wall time as median. On a shared machine read the CPU
columns: they hardly depend on the load, wall times do.

`--compare NAME=SRC` adds the opencheck rows once more with `PYTHONPATH=SRC` (another
source tree, exported with `git archive`), so before and after share one run. Each tree
is byte-compiled first, as `pip install` does (see real_speed.py); `--no-compile` runs
them as they are.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from real_speed import (  # measure: wall, CPU (children included), peak size
    HISTORY_RULES,
    byte_compile,
    measure,
)

ROOT = Path(__file__).resolve().parents[1]

README = """# Calcul des aides

Outil de calcul des aides au logement pour les agents de la mairie.

## Installation

    pip install -r requirements.txt

## Utilisation

    python calcul.py --revenu 1200

## Contribuer

Les contributions sont bienvenues : ouvrez une issue ou une demande de fusion.

## Licence

EUPL-1.2, voir LICENSE.
"""

SOURCE = '''"""Calcul simple des aides."""
import argparse


def aide(revenu: float) -> float:
    return max(0.0, 300.0 - revenu * 0.2)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--revenu", type=float, required=True)
    print(aide(parser.parse_args().revenu))
'''

PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Calcul des aides
url: "https://git.example.fr/mairie/calcul-aides"
releaseDate: "2026-11-02"
softwareVersion: "1.0.0"
platforms:
  - linux
categories:
  - accounting
developmentStatus: beta
softwareType: "standalone/other"
description:
  fr:
    shortDescription: "Calcul des aides au logement pour les agents de la mairie."
    longDescription: >
      Cet outil permet aux agents de la mairie de calculer rapidement le montant
      indicatif des aides au logement d'un foyer, à partir de son revenu mensuel.
      Il fonctionne en ligne de commande, sans connexion réseau, et ne conserve
      aucune donnée personnelle. Il est destiné aux services sociaux des communes
      qui souhaitent donner une première estimation lors d'un rendez-vous.
    features:
      - Calcul de l'aide indicative
legal:
  license: EUPL-1.2
maintenance:
  type: internal
  contacts:
    - name: Service numérique
      email: numerique@example.fr
localisation:
  localisationReady: false
  availableLanguages:
    - fr
"""

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.fr",
    "GIT_COMMITTER_NAME": "Dev", "GIT_COMMITTER_EMAIL": "dev@example.fr",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def first_repository(path: Path) -> Path:
    """LICENSE, README.md, publiccode.yml, calcul.py, .gitignore; three commits."""
    env = {**os.environ, **GIT_ENV}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=path, env=env, check=True, capture_output=True)

    path.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main")
    shutil.copyfile(ROOT / "LICENSES" / "EUPL-1.2.txt", path / "LICENSE")
    (path / "README.md").write_text(README, encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "Premier jet")
    (path / "calcul.py").write_text(SOURCE, encoding="utf-8")
    (path / ".gitignore").write_text("__pycache__/\n*.pyc\n.venv/\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "Calcul des aides")
    (path / "publiccode.yml").write_text(PUBLICCODE, encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "publiccode.yml")
    return path


def rows(repo: Path, variants: dict[str, str]) -> dict[str, tuple[list[str], dict[str, str]]]:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C.UTF-8"}
    found = {
        "floor: python -c pass": ([sys.executable, "-c", "pass"], env),
        "floor: git status": (["git", "status", "--porcelain"], env),
    }
    for name, src in variants.items():
        variant_env = {**env, "PYTHONPATH": src} if src else env
        opencheck = [sys.executable, "-m", "opencheck.cli.main"]
        found[f"{name}--version"] = ([*opencheck, "--version"], variant_env)
        found[f"{name}rules"] = ([*opencheck, "rules", "--lang", "en"], variant_env)
        found[f"{name}check (text)"] = ([*opencheck, "check", ".", "--lang", "en"],
                                        variant_env)
        found[f"{name}check (json)"] = (
            [*opencheck, "check", ".", "--format", "json", "--lang", "en"], variant_env)
        # the fixed cost of every history-only run (benchmarks/real_speed.md)
        found[f"{name}check (history rules)"] = (
            [*opencheck, "check", ".", "--format", "json", "--lang", "en",
             *(arg for rule in HISTORY_RULES for arg in ("--rule", rule))], variant_env)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--compare", action="append", default=[], metavar="NAME=SRC")
    parser.add_argument("--repo", type=Path, help="a repository to use instead")
    parser.add_argument("--no-compile", action="store_true",
                        help="do not byte-compile the opencheck trees first")
    args = parser.parse_args()
    variants = {"": ""}
    for item in args.compare:
        name, _, src = item.partition("=")
        variants[f"{name}/"] = str(Path(src).resolve())
    if not args.no_compile:
        for src in variants.values():
            byte_compile(src)
    with tempfile.TemporaryDirectory(prefix="opencheck-startup-") as scratch:
        repo = (args.repo or first_repository(Path(scratch) / "first")).resolve()
        commands = rows(repo, variants)
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        wall: dict[str, list[float]] = {name: [] for name in commands}
        load = os.getloadavg()[0]
        for _ in range(args.rounds):
            for name, (command, env) in commands.items():
                seconds, used, _ = measure(command, repo, env)
                wall[name].append(seconds)
                cpu[name].append(used)
    print(f"{args.rounds} rounds; load average {load:.1f} at start, "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    print("| command | cpu s (min) | cpu s (median) | wall s (median) |")
    print("|---|---:|---:|---:|")
    for name in commands:
        print(f"| {name} | {min(cpu[name]):.3f} | {statistics.median(cpu[name]):.3f} "
              f"| {statistics.median(wall[name]):.3f} |")


if __name__ == "__main__":
    main()

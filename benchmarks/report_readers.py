# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What a reader goes through before the blocking problems are behind them, before and
after a change of the renderers, on real repositories.

Each repository is checked once with this checkout (the Report kept with pickle), then
rendered in text, Markdown and HTML, in English, by this checkout's renderers ("after")
and by another version's (`--before SRC`, a `git archive` of src, rules and schemas),
each with the verdict's reason as its own verdict.py words it.
Per repository, version and format: non-blank lines (for HTML, the lines of text a
browser shows), bytes, the line that shows the verdict's reason, the line where the
blocking part starts and how many lines it takes, and the CPU time of the rendering.

Usage: python benchmarks/report_readers.py --before SRC REPO...
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from real_corpus import _Visible

INLINE = {"code", "span", "a", "b", "strong", "em", "sub", "br"}


class _Shown(_Visible):
    """The text a browser shows: a new line at each block, not at inline elements."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in INLINE:
            return
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in INLINE:
            return
        super().handle_endtag(tag)
        self.parts.append("\n")

SNAPSHOT = """
import pickle, sys
from pathlib import Path
from opencheck.engine import RunRequest
from opencheck.scoped import run_both
_whole, report = run_both(RunRequest(path=Path(sys.argv[1])))
pickle.dump(report, open(sys.argv[2], "wb"))
"""
RENDER = """
import pickle, sys
from pathlib import Path
from opencheck.report import renderers
from opencheck.verdict import judge
report = pickle.load(open(sys.argv[1], "rb"))
# the reason as this version's verdict.py words it
report.verdict, report.reason = judge(report.findings, report.rules, report.fail_on)
out = Path(sys.argv[2])
for name, ext in (("text", "txt"), ("markdown", "md"), ("html", "html")):
    (out.with_suffix("." + ext)).write_text(renderers()[name](report, "en"), "utf-8")
"""
# The heading that follows the blocking part, per format.
AFTER_BLOCKING = {"txt": ("To improve (", "Summary per family"),
                  "md": ("To improve", "Summary per family"),
                  "html": ("Scores", "To improve, by family", "Summary per family")}
BLOCKING = ("Blocking problems", "Every blocking finding")


def _lines(path: Path) -> list[str]:
    text = path.read_text("utf-8")
    if path.suffix == ".html":
        visible = _Shown()
        visible.feed(text)
        text = "".join(visible.parts)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def measure(path: Path, reason: str) -> dict[str, Any]:
    lines = _lines(path)
    needle = " ".join(reason.split())[:60]
    reason_at = next((n for n, line in enumerate(lines, 1) if needle in line), 0)
    start = next((n for n, line in enumerate(lines, 1)
                  if line.lstrip("#* ").startswith(BLOCKING)), 0)
    ends = AFTER_BLOCKING[path.suffix[1:]]
    end = next((n for n, line in enumerate(lines, 1)
                if n > start and line.lstrip("#* ").startswith(ends) and start), 0)
    return {"lines": len(lines), "kb": round(path.stat().st_size / 1024, 1),
            "reason_at": reason_at, "blocking_at": start,
            "blocking_lines": (end - start) if start and end else 0}


def _cpu(command: list[str], env: dict[str, str]) -> float:
    process = subprocess.Popen(command, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {command}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True, type=Path)
    parser.add_argument("repos", nargs="+", type=Path)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for repo in args.repos:
            name = repo.name
            kept = work / f"{name}.pickle"
            _cpu([sys.executable, "-c", SNAPSHOT, str(repo), str(kept)], dict(os.environ))
            for version, source in (("before", args.before / "src"), ("after", None)):
                env = dict(os.environ)
                if source:
                    env["PYTHONPATH"] = str(source)
                out = work / version / name
                out.parent.mkdir(exist_ok=True)
                cpu = _cpu([sys.executable, "-c", RENDER, str(kept), str(out)], env)
                reason = _reason(kept, env)
                for ext in ("txt", "md", "html"):
                    rows.append({"repo": name, "version": version, "format": ext,
                                 "reason": reason,
                                 "render_cpu_s": round(cpu, 2),
                                 **measure(out.with_suffix(f".{ext}"), reason)})
    print(json.dumps(rows, indent=1))


def _reason(kept: Path, env: dict[str, str]) -> str:
    code = ("import pickle, sys; from opencheck.verdict import judge; "
            "r = pickle.load(open(sys.argv[1], 'rb')); "
            "print(judge(r.findings, r.rules, r.fail_on)[1].en)")
    return subprocess.run([sys.executable, "-c", code, str(kept)], capture_output=True,
                          text=True, check=True, env=env).stdout.splitlines()[0]


if __name__ == "__main__":
    main()

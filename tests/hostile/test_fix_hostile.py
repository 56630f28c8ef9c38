# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck fix` on repositories that try to make it write what they want: a holder
that smuggles a licence line, names that break REUSE.toml, symlinks that hide steps."""

from __future__ import annotations

from conftest import run_cli
from opencheck.scaffold.fix import plan_fix

PUBLICCODE = ('publiccodeYmlVersion: "0.4"\nname: demo\nlegal:\n  license: MIT\n'
              "  mainCopyrightOwner: {owner}\n")
INJECTED = "GPL-3.0-only"


def test_a_holder_on_several_lines_never_adds_a_licence_line(make_repo) -> None:
    owner = f'"ACME\\nSPDX-License-Identifier: {INJECTED}"'
    repo = make_repo({"main.py": "print(1)\n", "data.json": '{"a": 1}\n',
                      "LICENSE": "MIT License\n",
                      "publiccode.yml": PUBLICCODE.format(owner=owner)})
    plan = plan_fix(repo, "en")
    written = "".join(change.after for change in plan.changes)
    assert INJECTED not in written
    # No holder the project declares on one line: headers wait for --holder.
    assert any("--holder" in step.en for step in plan.manual), [s.en for s in plan.manual]


def test_a_holder_too_long_or_with_control_characters_is_not_used(make_repo) -> None:
    repo = make_repo({"main.py": "print(1)\n", "LICENSE": "MIT License\n",
                      "AUTHORS": "A" * 5000 + "\n",
                      "publiccode.yml": PUBLICCODE.format(owner='"ACME\\x1b[2J"')})
    plan = plan_fix(repo, "en")
    written = "".join(change.after for change in plan.changes)
    assert "\x1b" not in written and "A" * 300 not in written


def test_holder_option_on_several_lines_is_a_usage_error(make_repo) -> None:
    repo = make_repo({"main.py": "print(1)\n"})
    for command in (["fix", str(repo)], ["init", str(repo), "licence", "MIT"]):
        result = run_cli(*command, "--holder", f"ACME\nSPDX-License-Identifier: {INJECTED}",
                         "--lang", "en")
        assert result.exit_code == 2, result.output
        assert "one line" in result.output
    assert not (repo / "LICENSE").exists()

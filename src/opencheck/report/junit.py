# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""JUnit XML (`artifacts:reports:junit`, and most CI test widgets).

One test suite per rule family. A rule that passed, was skipped or could not run is
one test case; a rule with findings has one test case per finding, so the widget lists
each problem with its file. Findings below the failure threshold are passing test cases
whose output says what to improve: a failed test case means a blocking problem, as the
exit code does.
"""

from __future__ import annotations

import re
from itertools import groupby
from xml.etree import ElementTree as ET

from opencheck.i18n import colon, label
from opencheck.model import Finding, Report, RuleResult, Severity, Status, Text
from opencheck.report.sanitize import printable, undecodable_escaped
from opencheck.report.summary import family_title, verdict_label, verdict_reason

PROJECT = Text(fr="projet", en="project")
# Characters XML 1.0 forbids; a file name or message may carry them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: str) -> str:
    # A name that is not UTF-8 keeps its bytes as \xNN, as in every format; what XML
    # cannot hold otherwise (control characters) becomes U+FFFD.
    return _NOT_XML.sub("\ufffd", printable(undecodable_escaped(value)))


def _case(suite: ET.Element, family: str, name: str, path: str | None = None) -> ET.Element:
    attributes = {"classname": f"opencheck.{family}", "name": name, "time": "0"}
    if path:
        attributes["file"] = path
    return ET.SubElement(suite, "testcase", attributes)


def _finding_text(finding: Finding, lang: str) -> str:
    # Each line on one line: a file name's newline started a line of its own in the
    # failure's text, forging a line of ours (or a CI runner's command, where the file
    # is printed).
    where = printable(finding.path or "", one_line=True)
    if where and finding.line:
        where += f":{finding.line}"
    message = printable(finding.message.get(lang), one_line=True)
    lines = [f"{finding.rule}{f' {where}' if where else ''}: {message}"]
    if finding.fix:
        fix = printable(finding.fix.get(lang), one_line=True)
        lines.append(f"{label('fix', lang)}{colon(lang)} {fix}")
    lines.append(f"fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


def _rule_cases(
    suite: ET.Element, result: RuleResult, findings: list[Finding], blocking: set[int], lang: str
) -> dict[str, int]:
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    family = result.family
    if result.status is Status.SKIPPED:
        case = _case(suite, family, result.rule)
        reason = result.disabled_reason or (result.reason.get(lang) if result.reason else "")
        ET.SubElement(case, "skipped", {"message": reason or result.status.value})
        counts.update(tests=1, skipped=1)
        return counts
    if result.status is Status.ERROR:
        case = _case(suite, family, result.rule)
        reason = result.reason.get(lang) if result.reason else result.status.value
        ET.SubElement(case, "error", {"type": "check-error", "message": reason})
        counts.update(tests=1, errors=1)
        return counts
    if not findings:
        _case(suite, family, result.rule)
        counts["tests"] = 1
        return counts
    for finding in findings:
        where = finding.path or PROJECT.get(lang)
        case = _case(suite, family, f"{finding.rule} · {where}", finding.path)
        severity = (finding.severity or Severity.INFO).value
        text = _finding_text(finding, lang)
        counts["tests"] += 1
        if id(finding) in blocking:
            failure = ET.SubElement(
                case, "failure", {"type": severity, "message": finding.message.get(lang)}
            )
            failure.text = text
            counts["failures"] += 1
        else:
            ET.SubElement(case, "system-out").text = f"{severity}: {text}"
    return counts


def _verdict_suite(root: ET.Element, report: Report, lang: str) -> None:
    """The verdict and its reason first, as a suite of no test: CI widgets and people
    reading the file see why before the list of cases."""
    suite = ET.SubElement(root, "testsuite", {
        "name": f"opencheck: {verdict_label(report, lang)}",
        "tests": "0", "failures": "0", "errors": "0", "skipped": "0", "time": "0",
    })
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "verdict", "value": report.verdict.value})
    ET.SubElement(properties, "property",
                  {"name": "verdict_reason", "value": report.reason.get(lang)})
    ET.SubElement(suite, "system-out").text = printable(verdict_reason(report, lang),
                                                        one_line=True)


def render(report: Report, lang: str) -> str:
    blocking = {id(finding) for finding in report.blocking}
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    duration = f"{float(report.metadata.get('duration_seconds') or 0):.3f}"
    root = ET.Element("testsuites", {"name": "opencheck", "time": duration})
    _verdict_suite(root, report, lang)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    results = sorted(report.rules, key=lambda r: r.family)
    for family, group in groupby(results, key=lambda r: r.family):
        suite = ET.SubElement(root, "testsuite", {"name": family_title(family, lang)})
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for result in group:
            for key, value in _rule_cases(
                suite, result, by_rule.get(result.rule, []), blocking, lang
            ).items():
                counts[key] += value
        suite.attrib.update({key: str(value) for key, value in counts.items()})
        suite.set("time", "0")
        for key, value in counts.items():
            totals[key] += value
    root.attrib.update({key: str(totals[key]) for key in ("tests", "failures", "errors")})
    for element in root.iter():
        element.attrib.update({k: _clean(v) for k, v in element.attrib.items()})
        if element.text:
            element.text = _clean(element.text)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"

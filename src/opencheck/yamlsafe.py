# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Load YAML from an untrusted repository within bounds.

PyYAML's safe loader builds no objects but still expands aliases, so a few hundred bytes
can unfold into gigabytes ("billion laughs"). This loader caps the input size, the
number of aliases and the nesting depth, and refuses several documents in one file.

PyYAML's constructor lets a bare ValueError out of a plain scalar it cannot convert
(`2024-02-31`, an offset of 99 hours, an integer of 5,000 digits): every loader here
turns it into a YamlError at that scalar, so that handlers of YAML errors see it.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import Node

MAX_BYTES = 1024 * 1024
MAX_ALIASES = 100
MAX_DEPTH = 64
# Values once aliases are expanded; a 1 MB file without aliases holds fewer.
MAX_VALUES = 1_000_000
MAX_NUMBER_CHARS = 1000  # an integer's text; see ValuesChecked
_INT_TAG = "tag:yaml.org,2002:int"


class YamlError(ValueError):
    """The YAML cannot be loaded; `line` and `column` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        where = f"line {line}, column {column}: " if line else ""
        super().__init__(f"{where}{message}")
        self.reason = message
        self.line = line
        self.column = column


class ValuesChecked:
    """A constructor mixin: a scalar PyYAML cannot convert is a YamlError at its place.

    So is an integer of more than MAX_NUMBER_CHARS characters: PyYAML reads
    `1:59:59:…` (YAML 1.1's base 60) in quadratic time (480 KB: 5.8 s), and Python
    cannot print a hexadecimal one of 5,000 digits (a schema message then crashed).
    """

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        mark = node.start_mark
        if node.tag == _INT_TAG and len(node.value) > MAX_NUMBER_CHARS:
            raise YamlError(f"number of more than {MAX_NUMBER_CHARS} characters",
                            mark.line + 1, mark.column + 1)
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except YamlError:
            raise
        except ValueError as error:
            raise YamlError(f"value not readable: {str(error)[:200]}",
                            mark.line + 1, mark.column + 1) from error


class BoundedLoader(ValuesChecked, yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0
        self.depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        if self.check_event(AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise YamlError("too many YAML aliases", mark.line + 1, mark.column + 1)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise YamlError("YAML nested too deeply", mark.line + 1, mark.column + 1)
            return Composer.compose_node(self, parent, index)  # type: ignore[arg-type]
        finally:
            self.depth -= 1


class FastLoader(ValuesChecked, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader, for large files without aliases (no bounds of its own)."""


def yaml_text(data: bytes) -> str:
    """A YAML file's text: UTF-8, a BOM allowed; YamlError for binary content."""
    if b"\0" in data:
        raise YamlError("binary content, not YAML text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise YamlError(f"not UTF-8 (byte {error.start})") from error


def load_yaml(data: bytes | str, max_bytes: int = MAX_BYTES,
              max_values: int = MAX_VALUES) -> Any:
    """Parse one YAML document; raise YamlError with a position on any problem.

    The document is also refused when, aliases expanded, it holds more than
    `max_values` values: PyYAML shares an aliased list, but whatever walks the value
    (a schema validator, a message quoting it) walks every copy.
    """
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            raise YamlError(f"file larger than {max_bytes // 1024} KB")
        text = yaml_text(data)
    else:
        text = data
        if len(text.encode("utf-8")) > max_bytes:
            raise YamlError(f"file larger than {max_bytes // 1024} KB")
    loader = BoundedLoader(text)
    try:
        document = loader.get_single_data()
    except YamlError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if "expected a single document" in str(error):
            problem = "several YAML documents in one file; only one is allowed"
        raise YamlError(
            problem, mark.line + 1 if mark else None, mark.column + 1 if mark else None
        ) from error
    except yaml.YAMLError as error:
        raise YamlError(str(error)) from error
    except RecursionError as error:
        raise YamlError("YAML nested too deeply") from error
    finally:
        loader.dispose()
    if expanded_size(document, max_values) > max_values:
        raise YamlError(f"more than {max_values} values once YAML aliases are expanded")
    return document


def expanded_size(value: Any, budget: int) -> int:
    """How many values `value` holds, counting each alias's copy; stops past `budget`."""
    count = 0
    stack = [value]
    while stack and count <= budget:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count

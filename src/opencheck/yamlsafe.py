# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Load YAML from an untrusted repository within bounds.

PyYAML's safe loader builds no objects but still expands aliases, so a few hundred bytes
can unfold into gigabytes ("billion laughs"). This loader caps the input size, the
number of aliases and the nesting depth, and refuses several documents in one file.
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


class YamlError(ValueError):
    """The YAML cannot be loaded; `line` and `column` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        where = f"line {line}, column {column}: " if line else ""
        super().__init__(f"{where}{message}")
        self.reason = message
        self.line = line
        self.column = column


class BoundedLoader(yaml.SafeLoader):
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
        if b"\0" in data:
            raise YamlError("binary content, not YAML text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise YamlError(f"not UTF-8 (byte {error.start})") from error
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

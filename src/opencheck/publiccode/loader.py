# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Read a publiccode.yml into plain values, keeping the line and column of every key.

PyYAML's composer gives a node tree with marks; values are built here from the nodes
rather than by PyYAML's constructor, so that:
- every key and item keeps its position (for `publiccode.yml:LINE:COL` messages);
- duplicate keys are reported instead of silently overwritten;
- plain scalars follow YAML 1.2 (the standard's format): `2024-01-01` stays text,
  `yes`/`on` are recorded as YAML 1.1 booleans so that the validator can explain them;
- the size, alias count, depth (yamlsafe's bounds) and the number of values built
  (against alias bombs, whose nodes are shared but expand when copied) are bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from opencheck.model import Text
from opencheck.publiccode.issues import Path
from opencheck.yamlsafe import MAX_BYTES, MAX_NUMBER_CHARS, BoundedLoader, YamlError

# A real publiccode.yml holds a few hundred values; this bounds both the nodes parsed
# and the values built (aliases share nodes but expand when copied).
MAX_VALUES = 20_000

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL12 = {"true": True, "True": True, "TRUE": True,
           "false": False, "False": False, "FALSE": False}
_BOOL11 = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_MERGE = "tag:yaml.org,2002:merge"


class LoadError(Exception):
    """The file cannot be read as one YAML mapping; line and column are 1-based."""

    def __init__(self, message: Text, line: int = 1, column: int = 1) -> None:
        super().__init__(message.en)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Problem:
    """Something wrong that does not stop the reading (duplicate key, odd key)."""

    path: Path
    message: Text
    line: int
    column: int


@dataclass
class Document:
    data: Any
    text: str
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # `no`, `yes`, `on`, `off` written plain: a boolean in YAML 1.1 (PyYAML), text in
    # YAML 1.2 and for the reference parser; the words as written
    yaml11_booleans: dict[Path, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: Path) -> tuple[int, int]:
        """Where the key (or item) at `path` is; its closest located parent otherwise."""
        while path:
            found = self.positions.get(path)
            if found:
                return found
            path = path[:-1]
        return self.positions.get((), (1, 1))


def load(data: bytes | str, max_bytes: int = MAX_BYTES) -> Document:
    text = _decode(data, max_bytes)
    node = _compose(text)
    builder = _Builder(text)
    if node is None:
        raise LoadError(Text("Le fichier est vide.", "The file is empty."))
    builder.document.positions[()] = _mark(node)
    builder.document.data = builder.value(node, ())
    return builder.document


def _decode(data: bytes | str, max_bytes: int) -> str:
    if isinstance(data, str):
        if len(data) > max_bytes:  # characters, a cheap lower bound of the bytes
            raise _too_big(max_bytes)
        return data
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(Text(
            "Fichier en UTF-16 : le standard impose UTF-8.",
            "UTF-16 file: the standard requires UTF-8.",
        ))
    if b"\0" in data:
        raise LoadError(Text(
            "Contenu binaire (octet nul) : ce n'est pas un fichier YAML.",
            "Binary content (NUL byte): this is not a YAML file.",
        ))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise LoadError(Text(
            f"Le fichier n'est pas en UTF-8 (octet {error.start}) : le standard impose UTF-8.",
            f"The file is not UTF-8 (byte {error.start}): the standard requires UTF-8.",
        ), line, column) from error


def _too_big(max_bytes: int) -> LoadError:
    return LoadError(Text(
        f"Fichier trop gros (plus de {max_bytes // 1024} Ko) pour un publiccode.yml.",
        f"File too large (over {max_bytes // 1024} KB) for a publiccode.yml.",
    ))


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastLoader(Composer, CParser, Resolver):  # type: ignore[misc]
        """libyaml scans and parses (about ten times faster than PyYAML's Python
        scanner); composing stays in Python, with yamlsafe's alias and depth bounds."""

        def compose_node(self, parent: Node | None, index: object) -> Node | None:
            self.nodes += 1
            if self.nodes > MAX_VALUES:
                event: Any = self.peek_event()
                raise YamlError(f"more than {MAX_VALUES} values",
                                event.start_mark.line + 1, event.start_mark.column + 1)
            node: Node | None = BoundedLoader.compose_node(
                self, parent, index)  # type: ignore[arg-type]
            return node

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)
            self.alias_count = 0
            self.depth = 0
            self.nodes = 0

    _Loader: Any = _FastLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = BoundedLoader


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    except YamlError as error:
        raise LoadError(_yaml_text(error.reason), error.line or 1, error.column or 1) from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(error.problem or error.context or error)
        if _tab_near(text, line):
            problem = "'\\t'"
        raise LoadError(_yaml_text(problem, str(error)), line, column) from error
    except yaml.YAMLError as error:
        raise LoadError(_yaml_text(str(error))) from error
    except RecursionError as error:
        raise LoadError(_yaml_text("YAML nested too deeply")) from error
    finally:
        loader.dispose()


def _tab_near(text: str, line: int) -> bool:
    """A tab in the indentation of the line the parser stopped at, or the one before."""
    lines = text.split("\n", line)[:line]
    return any(row[: len(row) - len(row.lstrip())].count("\t") for row in lines[-2:])


def _yaml_text(problem: str, whole: str = "") -> Text:
    if "expected a single document" in whole:
        return Text(
            "Plusieurs documents YAML (---) dans le fichier : un seul est permis.",
            "Several YAML documents (---) in the file: only one is allowed.",
        )
    if "'\\t'" in problem or "\t" in problem:
        return Text(
            "Tabulation dans l'indentation : YAML n'accepte que des espaces.",
            "Tab in the indentation: YAML only accepts spaces.",
        )
    if "too many YAML aliases" in problem:
        return Text(
            "Trop d'alias YAML (&/*) : le fichier ressemble à une bombe YAML.",
            "Too many YAML aliases (&/*): the file looks like a YAML bomb.",
        )
    if "more than" in problem and "values" in problem:
        return Text(
            f"Plus de {MAX_VALUES} valeurs : bien trop pour un publiccode.yml.",
            f"More than {MAX_VALUES} values: far too many for a publiccode.yml.",
        )
    if "nested too deeply" in problem or "nesting depth" in problem:
        return Text("YAML imbriqué trop profondément.", "YAML nested too deeply.")
    return Text(f"YAML invalide : {problem}", f"Invalid YAML: {problem}")


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, text: str) -> None:
        self.document = Document(data=None, text=text)
        self.budget = MAX_VALUES

    def value(self, node: Node, path: Path) -> Any:
        self.budget -= 1
        if self.budget < 0:
            line, column = _mark(node)
            raise LoadError(Text(
                f"Plus de {MAX_VALUES} valeurs : le fichier ressemble à une bombe YAML.",
                f"Over {MAX_VALUES} values: the file looks like a YAML bomb.",
            ), line, column)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.document.positions[(*path, index)] = _mark(item)
                items.append(self.value(item, (*path, index)))
            return items
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        return None

    def scalar(self, node: ScalarNode, path: Path) -> Any:
        text: str = node.value
        if node.style or node.tag.endswith(":str"):  # libyaml gives "" for plain
            return text  # quoted, block or explicitly !!str: always text
        if _NULL.match(text):
            return None
        if text in _BOOL12:
            return _BOOL12[text]
        if _BOOL11.match(text):
            self.document.yaml11_booleans[path] = text
            return text.lower() in ("y", "yes", "on")
        if _INT.match(text):
            # Python neither converts nor prints more than 4,300 decimal digits.
            if len(text) > MAX_NUMBER_CHARS:
                line, column = _mark(node)
                raise LoadError(Text(
                    f"Nombre de plus de {MAX_NUMBER_CHARS} caractères : illisible.",
                    f"Number of more than {MAX_NUMBER_CHARS} characters: not read.",
                ), line, column)
            return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
        if _FLOAT.match(text):
            return float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
        return text

    def mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, tuple[int, int]] = {}
        merged: list[MappingNode] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.extend(_merge_sources(value_node))
                continue
            where = _mark(key_node)
            if not isinstance(key_node, ScalarNode):
                self.document.problems.append(Problem(path, Text(
                    "Une clé doit être un texte simple, pas une liste ni un objet.",
                    "A key must be plain text, not a list or a mapping.",
                ), *where))
                continue
            key = str(key_node.value)
            if key in seen:
                first = seen[key]
                self.document.problems.append(Problem((*path, key), Text(
                    f"Clé en double (déjà définie ligne {first[0]}) : seule la dernière "
                    "compte pour certains outils, la première pour d'autres.",
                    f"Duplicate key (already defined on line {first[0]}): some tools keep "
                    "the last one, others the first.",
                ), *where))
            seen[key] = where
            self.document.positions[(*path, key)] = where
            result[key] = self.value(value_node, (*path, key))
        for source in merged:  # explicit keys win over merged ones
            for key_node, value_node in source.value:
                if isinstance(key_node, ScalarNode) and key_node.value not in result:
                    key = str(key_node.value)
                    self.document.positions.setdefault((*path, key), _mark(key_node))
                    result[key] = self.value(value_node, (*path, key))
        return result


def _merge_sources(node: Node) -> list[MappingNode]:
    if isinstance(node, MappingNode):
        return [node]
    if isinstance(node, SequenceNode):
        return [item for item in node.value if isinstance(item, MappingNode)]
    return []

# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The files a publiccode.yml points to: logo, monochromeLogo, screenshots, authorsFile.

The same checks serve `opencheck publiccode validate` (files read from the yml's folder,
then from the root of the git work tree around it) and `opencheck check` (files read
from the repository snapshot): the path's form, the format each key allows, that the
file exists and that an image decodes. A URL is only read with `--network`; an image
URL without an extension (forge asset links) is judged by its content then, never by
its name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from opencheck.model import Severity, Text
from opencheck.publiccode.images import jpeg_problem, png_problem, svg_problem
from opencheck.publiccode.issues import Issue, Path, key_path

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
LOGO_FORMATS = (".svg", ".svgz", ".png")
SCREENSHOT_FORMATS = (".png", ".jpg", ".jpeg")
MAX_BYTES = 5 * 1024 * 1024
MAX_URLS = 20
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Which rule of `opencheck check` reports each key's problems.
CODES = {"logo": "logo", "monochromeLogo": "logo", "screenshots": "screenshot",
         "authorsFile": "authors-file"}


class Files(Protocol):
    """Where the files named in the yml are looked up (paths relative, '/' separated)."""

    def exists(self, path: str) -> bool:
        """Whether the file is there (it may still be unreadable)."""

    def read(self, path: str) -> bytes | None:
        """The bytes, or None when there is no such file or it cannot be read."""

    def case_variant(self, path: str) -> str | None:
        """An existing path equal to `path` but for case, if any."""


@dataclass
class FolderFiles:
    """Files next to a publiccode.yml on disk, then at the root of its git work tree.

    A path never leaves the folder it is resolved in (`..` and symlinks pointing out
    are refused), and at most MAX_BYTES are read.
    """

    folder: FsPath

    def roots(self) -> list[FsPath]:
        found = [self.folder]
        for parent in [self.folder, *self.folder.resolve().parents]:
            if (parent / ".git").exists():
                if parent.resolve() != self.folder.resolve():
                    found.append(parent)
                break
        return found

    def exists(self, path: str) -> bool:
        return any((target := _inside(root, path)) is not None and target.is_file()
                   for root in self.roots())

    def read(self, path: str) -> bytes | None:
        for root in self.roots():
            target = _inside(root, path)
            if target is not None and target.is_file():
                try:
                    with target.open("rb") as handle:
                        return handle.read(MAX_BYTES)
                except OSError:
                    return None
        return None

    def case_variant(self, path: str) -> str | None:
        folder, _, name = path.rpartition("/")
        for root in self.roots():
            parent = _inside(root, folder or ".")
            if parent is None or not parent.is_dir():
                continue
            try:
                names = os.listdir(parent)
            except OSError:
                continue
            for other in names:
                if other.lower() == name.lower() and other != name:
                    return f"{folder}/{other}" if folder else other
        return None


def _inside(root: FsPath, path: str) -> FsPath | None:
    base = root.resolve()
    target = (base / path).resolve()
    return target if target == base or base in target.parents else None


def is_url(value: str) -> bool:
    return bool(_SCHEME.match(value))


def extension(value: str) -> str:
    """The lower-case extension of a path or URL's last segment, '' when it has none."""
    path = urlsplit(value).path if is_url(value) else value.split("?", 1)[0].split("#", 1)[0]
    name = unquote(path).rstrip("/").rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[1].lower() if "." in name.strip(".") else ""


def path_problem(value: str) -> Text | None:
    """A path relative to the repository, or an http(s) URL; nothing else."""
    lowered = value.lower()
    if not value.strip():
        return Text("Valeur vide : donnez un chemin ou retirez la clé.",
                    "Empty value: give a path or remove the key.")
    if lowered.startswith("file:"):
        return Text("Les URL file: sont refusées : donnez un chemin relatif au dépôt.",
                    "file: URLs are refused: give a path relative to the repository.")
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", value):
        return Text("Chemin absolu refusé : donnez un chemin relatif à la racine du dépôt.",
                    "Absolute path refused: give a path relative to the repository root.")
    if is_url(value) and not lowered.startswith(("http://", "https://")):
        return Text("Seules les URL http(s) ou les chemins relatifs sont acceptés.",
                    "Only http(s) URLs or relative paths are accepted.")
    if not is_url(value) and ".." in re.split(r"[\\/]", value):
        return Text("Le chemin sort du dépôt (..) : le fichier doit être dans le dépôt.",
                    "The path leaves the repository (..): the file must be inside it.")
    return None


def sniff(data: bytes) -> str | None:
    """The image format the bytes start like: .png, .jpg, .svgz, .svg, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if data.startswith(b"\x1f\x8b"):
        return ".svgz"
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower():
        return ".svg"
    return None


def decode_problem(kind: str, data: bytes) -> str | None:
    if kind == ".png":
        return png_problem(data)
    if kind in (".jpg", ".jpeg"):
        return jpeg_problem(data)
    if kind == ".svgz":
        return svg_problem(data, compressed=True)
    return svg_problem(data)


@dataclass
class RepositoryFiles:
    """The files of a repository snapshot (`opencheck check`)."""

    repo: Any  # opencheck.repository.Repository

    def exists(self, path: str) -> bool:
        return bool(self.repo.exists(path))

    def read(self, path: str) -> bytes | None:
        return self.repo.read_bytes(path) if self.repo.exists(path) else None

    def case_variant(self, path: str) -> str | None:
        found = [other for other in self.repo.find_case_insensitive(path) if other != path]
        return found[0] if found else None


@dataclass
class Remote:
    """`--network`: how to read a URL (through the SSRF guard)."""

    allow_private: bool = False
    timeout: float = 10.0
    ipa_url: str | None = None  # another iPA registry endpoint (tests, mirrors)

    def read(self, url: str) -> tuple[bytes | None, str | None]:
        """(bytes, None), (None, None) for 404, or (None, why it could not be read)."""
        from opencheck.deps.fetch import FetchError, fetch_bytes

        try:
            return fetch_bytes(url, self.timeout, self.allow_private, accept="*/*"), None
        except FetchError as error:
            return None, str(error)


def references(data: dict[str, Any]) -> Iterator[tuple[Path, str, str]]:
    """(key path, value, key kind) for each file the yml names."""
    for key in ("logo", "monochromeLogo"):
        if isinstance(data.get(key), str) and data[key]:  # "": no logo, as if absent
            yield (key,), data[key], key
    description = data.get("description")
    if isinstance(description, dict):
        for language, text in description.items():
            shots = text.get("screenshots") if isinstance(text, dict) else None
            if isinstance(shots, list):
                for index, shot in enumerate(shots):
                    if isinstance(shot, str):
                        yield ("description", language, "screenshots", index), shot, "screenshots"
    legal = data.get("legal")
    if isinstance(legal, dict) and isinstance(legal.get("authorsFile"), str):
        yield ("legal", "authorsFile"), legal["authorsFile"], "authorsFile"


@dataclass
class FileChecker:
    """Produces the Issues of the files named in one yml (positions from `where`)."""

    files: Files | None
    remote: Remote | None = None
    fetched: int = 0

    def issues(self, data: dict[str, Any], where: Any) -> list[Issue]:
        found: list[Issue] = []
        for path, value, kind in references(data):
            for severity, text in self.check(value, kind):
                line, column = where(path)
                found.append(Issue(severity, key_path(path), text, line, column, CODES[kind]))
        return found

    def check(self, value: str, kind: str) -> Iterator[tuple[Severity, Text]]:
        if kind == "authorsFile" and not value.strip():
            yield WARNING, Text("Valeur vide : nommez le fichier des auteurs ou retirez la clé.",
                                "Empty value: name the authors file or remove the key.")
            return
        problem = path_problem(value)
        if problem:
            yield ERROR, problem
            return
        formats = {"screenshots": SCREENSHOT_FORMATS, "authorsFile": ()}.get(kind, LOGO_FORMATS)
        ext = extension(value)
        if formats and ext and ext not in formats:
            yield ERROR, _format_text(formats)
            return
        if is_url(value):
            yield from self._url(value, formats)
            return
        if self.files is None:
            return
        yield from self._local(value.removeprefix("./"), kind, formats)

    def _local(self, path: str, kind: str, formats: tuple[str, ...]
               ) -> Iterator[tuple[Severity, Text]]:
        assert self.files is not None
        data = self.files.read(path)
        if data is None and self.files.exists(path):
            return  # there but unreadable: the files-readable rule says why
        if data is None:
            variant = self.files.case_variant(path)
            hint = (f" (il existe « {variant} » : la casse compte)",
                    f" ('{variant}' exists: case matters)") if variant else ("", "")
            yield ERROR, Text(f"Le fichier « {path} » n'existe pas{hint[0]}.",
                              f"The file '{path}' does not exist{hint[1]}.")
            return
        if kind == "authorsFile":
            if not data.strip():
                yield WARNING, Text(f"Le fichier « {path} » est vide : nommez les auteurs.",
                                    f"The file '{path}' is empty: name the authors.")
            return
        yield from self._image(path, data, formats)

    def _image(self, name: str, data: bytes, formats: tuple[str, ...]
               ) -> Iterator[tuple[Severity, Text]]:
        ext = extension(name)
        kind = ext if ext in formats else sniff(data)
        if kind is None or kind.replace(".jpeg", ".jpg") not in [
                f.replace(".jpeg", ".jpg") for f in formats]:
            yield ERROR, Text(
                f"« {name} » n'est pas une image {_names(formats)}.",
                f"'{name}' is not a {_names(formats)} image.")
            return
        problem = decode_problem(kind, data)
        if problem:
            yield ERROR, Text(f"« {name} » ne se lit pas comme une image valide : {problem}.",
                              f"'{name}' does not read as a valid image: {problem}.")

    def _url(self, url: str, formats: tuple[str, ...]) -> Iterator[tuple[Severity, Text]]:
        if self.remote is None or not formats:
            return  # offline, a URL is not judged (not by its name either)
        self.fetched += 1
        if self.fetched > MAX_URLS:
            return  # a yml is not a way to make opencheck download without end
        data, why = self.remote.read(url)
        if why:
            yield WARNING, Text(f"« {url} » n'a pas pu être lu : {why}.",
                                f"'{url}' could not be read: {why}.")
        elif data is None:
            yield ERROR, Text(f"« {url} » n'existe pas (HTTP 404).",
                              f"'{url}' does not exist (HTTP 404).")
        else:
            yield from self._image(url, data, formats)


def _names(formats: tuple[str, ...]) -> str:
    return "/".join(dict.fromkeys(f[1:].upper().replace("JPEG", "JPG") for f in formats))


def _format_text(formats: tuple[str, ...]) -> Text:
    names = _names(formats)
    return Text(f"Format non permis : {names} seulement.", f"Format not allowed: {names} only.")

# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What a hostile repository uses against git: a program that leaves a mark when run,
and a TCP listener that counts who knocks."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Payload:
    """An executable script; `ran` says whether anything started it."""

    script: Path
    marker: Path

    @property
    def ran(self) -> bool:
        return self.marker.exists()


def make_payload(folder: Path, name: str = "payload", copies: bool = True) -> Payload:
    """`copies`: the script passes its input through, as a harmless-looking filter does;
    otherwise it stops at once (where git waits for an answer: ssh, upload-pack)."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / f"{name}.ran"
    script = folder / f"{name}.sh"
    end = "cat" if copies else "exit 1"
    script.write_text(f"#!/bin/sh\ntouch '{marker}'\n{end}\n", encoding="utf-8")
    script.chmod(0o755)
    return Payload(script, marker)


@dataclass
class Listener:
    """A TCP server on 127.0.0.1 that accepts and closes; `knocks` counts connections."""

    sock: socket.socket = field(default_factory=socket.socket)
    knocks: int = 0

    def __post_init__(self) -> None:
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.knocks += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()

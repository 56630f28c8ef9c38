# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Is the repository archived in Software Heritage? Only with --network.

One question to the public API (`origin/<url>/visit/latest/`) through the SSRF-guarded,
size- and time-bounded GET of `deps.fetch`. A 429 answer (rate limit) is reported as
"not checked, try later", never retried in a loop.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from urllib.parse import quote

DEFAULT_API = "https://archive.softwareheritage.org/api/1/"
SAVE_URL = "https://archive.softwareheritage.org/save/"
BROWSE_URL = "https://archive.softwareheritage.org/browse/origin/?origin_url="
TIMEOUT = 20.0
STALE_DAYS = 365


class RateLimited(Exception):
    """The archive asked to slow down: the check says so instead of waiting."""


@dataclass(frozen=True)
class Visit:
    origin: str
    archived: bool
    date: datetime.datetime | None = None
    status: str | None = None

    def age_days(self, now: datetime.datetime) -> int | None:
        return None if self.date is None else (now - self.date).days


def api_base() -> str:
    # Tests point this at a local fake archive; users never need to set it.
    return os.environ.get("OPENCHECK_SWH_API", DEFAULT_API)


def latest_visit(origin: str, allow_private: bool = False, api: str | None = None) -> Visit:
    # Dot segments encoded: `https://x/../../save` must stay inside the origin path.
    path = "/".join(segment.replace(".", "%2E") if segment in (".", "..") else segment
                    for segment in quote(origin, safe=":/").split("/"))
    url = f"{(api or api_base()).rstrip('/')}/origin/{path}/visit/latest/"
    # the network modules are loaded only with --network (start-up counts)
    from opencheck.deps.fetch import FetchError, fetch_json

    try:
        answer = fetch_json(url, TIMEOUT, allow_private)
    except FetchError as error:
        if "429" in str(error):
            raise RateLimited(str(error)) from error
        raise
    if answer is None or not isinstance(answer, dict):
        return Visit(origin, archived=False)
    return Visit(origin, archived=True, date=_date(answer.get("date")),
                 status=answer.get("status") if isinstance(answer.get("status"), str) else None)


def _date(value: object) -> datetime.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)

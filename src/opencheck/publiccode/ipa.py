# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""iPA codes (Indice delle Pubbliche Amministrazioni): is a code in the registry?

The registry is open data published by AgID on indicepa.gov.it; opencheck reads it
only with `--network`, one question per code, through the SSRF guard. No offline copy
is shipped: the only one found is the reference parser's own data file, which is not
opencheck's to redistribute, and the registry changes every day.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from opencheck.publiccode.files import Remote

# CKAN datastore of the "Enti" (administrations) table of the iPA open data.
REGISTRY = ("https://indicepa.gov.it/ipa-dati/api/3/action/datastore_search"
            "?resource_id=d09adf99-dc10-4349-8c53-27b1e5aa97b6&limit=1&filters=")
_CODE = re.compile(r"^[A-Za-z0-9_]{1,40}$")


def well_formed(code: str) -> bool:
    return bool(_CODE.match(code))


def lookup(code: str, remote: Remote) -> tuple[bool | None, str | None]:
    """(True, None) if the registry knows the code, (False, None) if not, (None, why)
    when the registry could not be asked."""
    from opencheck.deps.fetch import FetchError, fetch_json

    url = (remote.ipa_url or REGISTRY) + quote(json.dumps({"Codice_IPA": code.lower()}))
    try:
        answer = fetch_json(url, remote.timeout, remote.allow_private)
    except FetchError as error:
        return None, str(error)
    result = answer.get("result") if isinstance(answer, dict) else None
    total = result.get("total") if isinstance(result, dict) else None
    if not isinstance(total, int):
        return None, "unexpected answer"
    return total > 0, None

# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""An export of repositories (code.gouv.fr's, downloaded) is untrusted: it may only name
forges on the internet.

Only the URL's scheme was checked (https): a record `https://127.0.0.1:6379/x`,
`https://169.254.169.254/latest` or `https://localhost/...` made the batch's git connect
to this machine's network, and the error it got (connection refused, an HTTP status)
was stored and published with the audit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opencheck.batch import forges
from opencheck.batch.sources import ListingOptions, read_sources
from opencheck.batch.workspace import GitSettings, WorkspaceError, prepare

PRIVATE = [
    "https://127.0.0.1:6379/x/y", "https://localhost/a/b", "https://[::1]/a/b",
    "https://10.0.0.5/group/project", "https://169.254.169.254/latest/meta-data",
    "https://100.64.1.1/a/b", "https://[::ffff:192.168.1.1]/a/b",
    "https://127.0.0.1:notaport/a/b",
]


def test_an_export_naming_private_or_local_hosts_is_left_out(tmp_path: Path) -> None:
    records = [{"id": url, "owner": "x"} for url in PRIVATE]
    records.append({"id": "https://github.com/etalab/opencheck", "owner": "etalab"})
    export = tmp_path / "repos.json"
    export.write_text(json.dumps(records))

    listing = read_sources([str(export)])

    assert [target.url for target in listing.targets] == [
        "https://github.com/etalab/opencheck"]
    refused = [w for w in listing.warnings if "names a private or local address" in w]
    assert len(refused) == len(PRIVATE)


def test_a_text_list_of_the_user_may_name_an_intranet_forge(tmp_path: Path) -> None:
    listed = tmp_path / "repos.txt"
    listed.write_text("https://10.0.0.5/group/project\n")
    assert [t.url for t in read_sources([str(listed)]).targets] == [
        "https://10.0.0.5/group/project"]


def test_a_forge_of_the_accounts_file_lists_clone_urls_checked_at_each_clone(
        tmp_path: Path) -> None:
    """A forge's API answer is downloaded too: a clone URL it names on this machine's
    network was cloned. One the user named (--api-url, a self-hosted forge) is theirs."""
    record = {"path_with_namespace": "dinum/p1", "visibility": "public", "archived": False,
              "web_url": "https://gitlab.example.org/dinum/p1",
              "http_url_to_repo": "https://169.254.169.254/dinum/p1.git"}
    listed = forges.api_for("gitlab.example.org", "gitlab", ListingOptions())
    target = forges._target(listed, "dinum", record, ListingOptions())
    assert target is not None and target.public_only
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", target, GitSettings(retries=0))
    assert raised.value.permanent and raised.value.text.en == (
        "https://169.254.169.254/dinum/p1.git: refused, 169.254.169.254 leads to a private "
        "or local address (a repository of a downloaded list must be on the internet)")
    own = ListingOptions(api_urls={"gitlab.example.org": "https://10.0.0.5/api/v4"})
    named = forges._target(forges.api_for("gitlab.example.org", "gitlab", own), "dinum",
                           record, own)
    assert named is not None and not named.public_only

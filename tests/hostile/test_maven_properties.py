# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A pom.xml's `${property}` references cannot multiply its size.

Maven replaces each `${name}` of a version, group or artifact with the property's
value. Expanded without a bound, one property of 10 KB named 5,000 times in each of
four versions (90 KB of pom.xml) made 200 MB of versions, held by the inventory and
every report of it; a 5 MB pom.xml (the size limit) could ask for terabytes.
"""

from __future__ import annotations

from opencheck.deps import maven
from opencheck.deps.inventory import build
from opencheck.repository import open_repository


def _pom(value: str, references: int, dependencies: int) -> str:
    version = "${big}" * references
    listed = "".join(
        f"<dependency><groupId>org.example</groupId><artifactId>a{i}</artifactId>"
        f"<version>{version}</version></dependency>" for i in range(dependencies))
    managed = (f"<dependencyManagement><dependencies><dependency><groupId>org.m</groupId>"
               f"<artifactId>m</artifactId><version>{version}</version></dependency>"
               "</dependencies></dependencyManagement>")
    return (f"<project><groupId>org.example</groupId><artifactId>app</artifactId>"
            f"<version>1.0</version><properties><big>{value}</big><v>2.1</v></properties>"
            f"{managed}<dependencies>{listed}"
            "<dependency><groupId>org.example</groupId><artifactId>plain</artifactId>"
            "<version>${v}</version></dependency></dependencies></project>")


def test_property_references_do_not_multiply_a_poms_size(make_repo) -> None:  # type: ignore[no-untyped-def]
    pom = _pom("x" * 10_000, 5_000, 4)  # 150 KB: 200 MB of versions once expanded
    root = make_repo({"pom.xml": pom})
    found = {d.name: d for d in build(open_repository(root)).dependencies}
    assert found["org.example:plain"].version == "2.1"  # an ordinary property still is
    expanded = [d.version or "" for d in found.values()]
    assert sum(len(version) for version in expanded) <= 2 * len(pom)
    assert not found["org.example:a0"].locked  # an unexpanded reference is no version


def test_expansion_stays_within_its_bound_for_every_field() -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(_pom("y" * 100_000, 50, 1))
    for dependency in maven.parse(root, "pom.xml"):
        assert len(dependency.name) + len(dependency.version or "") <= \
            2 * maven.MAX_EXPANDED + 50 * len("${big}")


def test_expansion_stays_within_its_bound_for_the_whole_file() -> None:
    # every value within its own bound, but tens of thousands of them: a 5 MB pom.xml
    # held 150 MB of names and versions
    import xml.etree.ElementTree as ET

    values = "".join(f"<{name}>{name * 1000}</{name}>" for name in "gav")
    dependency = ("<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId>"
                  "<version>${v}</version></dependency>")
    pom = (f"<project><properties>{values}</properties>"
           f"<dependencies>{dependency * 10_000}</dependencies></project>")  # 1 MB
    found = maven.parse(ET.fromstring(pom), "pom.xml")
    assert len(found) == 10_000
    assert sum(len(d.name) + len(d.version or "") for d in found) <= 2 * len(pom)
    assert found[0].version == "v" * 1000  # the first ones are expanded as always

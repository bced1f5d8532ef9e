"""Validation against the schemas copied in tests/fixtures/schemas (see its README)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree, isoschematron

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
TEI_ALL = SCHEMAS / "tei_all.rng"
CMIF_RNG = SCHEMAS / "cmif-cmi-customization.rng"
CMIF_SCH = SCHEMAS / "cmif-cmif.sch"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def jing_errors(schema: Path, files: list[Path]) -> list[str]:
    """jing's error lines for `files` (its warnings about optional jars left out)."""
    jing = shutil.which("jing")
    if jing is None:
        pytest.skip("jing is not installed (Debian package `jing`; .ci/run installs it)")
    result = subprocess.run(
        [jing, str(schema), *map(str, files)], capture_output=True, text=True, timeout=300
    )
    lines = (result.stdout + result.stderr).splitlines()
    errors = [line for line in lines if line.strip() and "[warning]" not in line]
    if result.returncode != 0 and not errors:
        errors = [f"jing exited {result.returncode}"]
    return errors


def cmif_schematron_errors(path: Path) -> list[str]:
    """The CMIF Schematron rules, run with libxslt.

    The rules file asks for XSLT 2 (libxslt has XSLT 1 only); its error rules use plain
    XPath 1 and run with the binding set to "xslt".  Its one XPath-2 rule, a warning
    (W0001: a UUID as bibl/@xml:id), is checked here in Python instead.
    """
    rules = etree.parse(str(CMIF_SCH))
    root = rules.getroot()
    root.set("queryBinding", "xslt")
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    for pattern in root.xpath("sch:pattern[@id='uuid']", namespaces=ns):
        root.remove(pattern)
    schematron = isoschematron.Schematron(rules, store_report=True)
    document = etree.parse(str(path))
    errors = []
    if not schematron.validate(document):
        report = schematron.validation_report
        svrl = "http://purl.oclc.org/dsdl/svrl"
        for failed in report.iter(f"{{{svrl}}}failed-assert"):
            errors.append(" ".join("".join(failed.itertext()).split()))
    tei = "{http://www.tei-c.org/ns/1.0}"
    for bibl in document.iter(f"{tei}bibl"):
        if not UUID.search(bibl.get("{http://www.w3.org/XML/1998/namespace}id") or ""):
            errors.append("W0001 bibl/@xml:id is not a UUID")
    return errors

"""Cut Valmyndigheten's national summary (slutresultat_00K.xml.gz) down to a few municipalities.

The demo ships only what it needs: Malmö (1280) and Stockholm (0180) exist only in the
national summary. The output keeps the file's own format (same elements and attributes,
ISO-8859-1), so it is read by the same code as the original;
tests/elections/test_demo_data.py checks that it gives the same figures as the source.

    .venv/bin/python scripts/elections_extract_summary.py ../shared/data/valmyndigheten \
        folkvald/elections/data 1280 0180
"""

from __future__ import annotations

import gzip
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

YEARS = ("kf-2010", "kf-2014", "kf-2018")


def extract(source: Path, target: Path, codes: set[str]) -> None:
    with gzip.open(source, "rb") as handle:
        tree = ET.parse(handle)  # noqa: S314 - the authority's own file, read at build time
    root = tree.getroot()
    used_parties: set[str] = set()

    def prune(element: ET.Element) -> bool:
        """Keep an element if it is a wanted KOMMUN or contains one; drop other KOMMUN and branches."""
        if element.tag == "KOMMUN":
            keep = element.get("KOD") in codes
            if keep:
                used_parties.update(node.get("PARTI", "") for node in element.iter("GILTIGA"))
            return keep
        for child in list(element):
            if child.tag in {"KOMMUN", "LÄN", "KRETS_RIKSDAG", "NATION"} and not prune(child):
                element.remove(child)
        return any(node.tag == "KOMMUN" for node in element.iter())

    for child in list(root):
        if child.tag in {"NATION", "LÄN", "KRETS_RIKSDAG", "KOMMUN"} and not prune(child):
            root.remove(child)
    for party in list(root.findall("PARTI")):
        if party.get("FÖRKORTNING") not in used_parties:
            root.remove(party)
    target.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    text = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + body + "\n"
    with gzip.GzipFile(target, "wb", mtime=0) as out:
        out.write(text.encode("iso-8859-1"))


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    source_dir, target_dir, codes = Path(argv[0]), Path(argv[1]), set(argv[2:])
    for year in YEARS:
        source = source_dir / year / "slutresultat_00K.xml.gz"
        target = target_dir / year / "slutresultat_00K.xml.gz"
        extract(source, target, codes)
        print(f"{target}: {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

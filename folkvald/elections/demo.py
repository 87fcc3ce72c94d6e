"""Demo data of the elections app, loaded by `folkvald demo` after the organisations.

The official results of Lund (1281), Huddinge (0126), Malmö (1280) and Stockholm (0180)
for 2010, 2014 and 2018, from Valmyndigheten's files shipped in folkvald/elections/data
(Malmö and Stockholm from a cut-down national summary; see scripts/elections_extract_summary.py),
and the blocs of the seeds.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from folkvald.elections.importing import import_files
from folkvald.elections.services import bloc_set
from folkvald.organisations.demo import DemoContext

DEMO_MUNICIPALITIES = {"1281", "0126", "1280", "0180"}
YEARS = (2010, 2014, 2018)

#: Blocs per municipality and mandate period, by party (FP and L are one party).
RED_GREEN = ("de rödgröna", "#C8102E", ["S", "MP", "V", "FI"])
ALLIANCE = ("Alliansen", "#1B5CB1", ["M", "L", "C", "KD"])
BLOCS = {
    ("1281", 2010): [RED_GREEN, ALLIANCE],
    ("1281", 2014): [RED_GREEN, ALLIANCE],
    ("1281", 2018): [RED_GREEN, ALLIANCE],
    ("1280", 2014): [RED_GREEN, ALLIANCE],
    ("0180", 2014): [RED_GREEN, ALLIANCE],
    ("0180", 2018): [RED_GREEN, ALLIANCE],
    ("0126", 2018): [("Mittenstyret", "#7A3E9D", ["S", "C", "MP", "HP"]), ALLIANCE],
}


def data_files() -> list[Path]:
    root = Path(str(resources.files("folkvald.elections").joinpath("data")))
    return sorted(root.glob("kf-*/slutresultat_*.xml.gz"))


def load(context: DemoContext) -> None:
    report = import_files(data_files(), only=DEMO_MUNICIPALITIES)
    if report.failed:
        problems = "; ".join(f"{item.path.name}: {item.error}" for item in report.failed)
        raise RuntimeError(f"demo election data could not be imported: {problems}")
    for (code, period), blocs in BLOCS.items():
        for position, (name, colour, parties) in enumerate(blocs):
            bloc_set(municipality_code=code, period=period, name=name, parties=parties, colour=colour,
                     position=position)

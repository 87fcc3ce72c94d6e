"""`folkvald import-results FILE...`: Valmyndigheten's official result files into the database."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from folkvald.elections.importing import ImportReport, import_files


class ProgressBar:
    """One line on stderr, rewritten in place: no dependency needed."""

    def __init__(self, stream, enabled: bool = True, width: int = 30) -> None:
        self.stream = stream
        self.enabled = enabled
        self.width = width
        self.last = ""

    def update(self, done: int, total: int, label: str, part: tuple[int, int] | None = None) -> None:
        """``done`` of ``total`` files; ``part`` = (done, total) inside the current file (a summary)."""
        if not self.enabled or total == 0:
            return
        if part is not None and part[1]:
            filled = self.width * (done * part[1] + part[0]) // (total * part[1])
        else:
            filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"\r[{bar}] {done}/{total} {label[:40]:<40}"
        if line != self.last:
            self.stream.write(line)
            self.stream.flush()
            self.last = line

    def close(self) -> None:
        if self.enabled and self.last:
            self.stream.write("\n")
            self.stream.flush()


class Command(BaseCommand):
    help = (
        "Läs in Valmyndighetens resultatfiler (slutresultat_*.xml eller .xml.gz, alla valår). "
        "Samma fil två gånger ändrar ingenting; en trasig fil läses inte in alls. "
        "Avvikelser mellan beräknade och officiella mandat skrivs ut."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="slutresultat_*.xml(.gz), eller en katalog")
        parser.add_argument("--no-progress", action="store_true", help="Ingen förloppsindikator.")
        parser.add_argument(
            "--municipality", action="append", default=None, metavar="KOD",
            help="Läs bara in dessa kommuner ur filerna (kan upprepas).",
        )
        parser.add_argument(
            "--no-explain", action="store_true",
            help="Spara inte förklaringen nu (den räknas fram när sidan visas första gången).",
        )
        parser.add_argument("--explain", action="store_true", help="Spara förklaringen (förval).")

    def handle(self, *args, **options):
        paths: list[Path] = []
        for name in options["files"]:
            path = Path(name)
            if path.is_dir():
                paths.extend(sorted(p for p in path.iterdir() if p.name.startswith("slutresultat_")))
            else:
                paths.append(path)
        if not paths:
            raise CommandError("Inga filer att läsa in.")
        bar = ProgressBar(self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr,
                          enabled=not options["no_progress"] and options["verbosity"] > 0)
        only = set(options["municipality"]) if options["municipality"] else None

        def on_file(index: int, total: int, path: Path) -> None:
            bar.update(index, total, path.name)

        def on_municipality(index: int, total: int, path: Path, done: int, count: int, code: str) -> None:
            bar.update(index, total, f"{path.name} {code} ({done}/{count})", part=(done, count))

        try:
            report = import_files(paths, on_file=on_file, on_municipality=on_municipality,
                                  explain=not options["no_explain"], only=only)
        finally:
            bar.close()
        self._report(report, options["verbosity"])
        if report.failed:
            raise CommandError(f"{len(report.failed)} av {len(report.files)} filer kunde inte läsas in.")

    def _report(self, report: ImportReport, verbosity: int) -> None:
        for file_report in report.failed:
            self.stderr.write(self.style.ERROR(f"FEL {file_report.path}: {file_report.error}"))
        for outcome in report.differences:
            election = outcome.election
            parts = ", ".join(
                f"{party} officiellt {official}, beräknat {computed}"
                for party, (official, computed) in sorted(outcome.differences.items())
            )
            reason = (" (källan saknar kommunens valkretsar; se docs/elections.md)"
                      if election.constituencies_missing else "")
            self.stderr.write(self.style.ERROR(
                f"AVVIKELSE {election.municipality_id} {election.year}: {parts}{reason}"
            ))
        if verbosity > 0:
            created, updated, unchanged = report.count("created"), report.count("updated"), report.count("unchanged")
            kept = sum(len(file_report.kept) for file_report in report.files)
            self.stdout.write(
                f"{len(report.files)} filer, {created + updated + unchanged} val: {created} nya, "
                f"{updated} uppdaterade, {unchanged} oförändrade"
                + (f", {kept} redan inlästa från kommunens egen fil" if kept else "")
                + f"; {len(report.failed)} fel; {len(report.differences)} avvikelser; "
                f"{report.seconds:.1f} s".replace(".", ",")
            )
            if not report.differences and not report.failed and created + updated + unchanged:
                self.stdout.write(self.style.SUCCESS("Alla beräknade mandat stämmer med de officiella."))

"""Importing Valmyndigheten's result files: one transaction per file, idempotent, loud about differences.

The file format is read by :mod:`folkvald.seatmath.valmyndigheten` (pure, no Django);
this module turns what it reads into :class:`ResultData` and stores it through
:func:`folkvald.elections.services.result_store`.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from folkvald.elections.models import Election
from folkvald.elections.services import (
    PartyResolver,
    ResultData,
    StoreOutcome,
    result_store,
    stored_differences,
)
from folkvald.elections.valmyndigheten import results_from_file
from folkvald.seatmath.errors import SeatMathError

SUMMARY_RE = re.compile(r"slutresultat_00[A-Z]?\.xml(\.gz)?$", re.IGNORECASE)

#: What a broken file raises while it is read; anything else is a bug and is not hidden.
READ_ERRORS: tuple[type[BaseException], ...] = (
    SeatMathError,
    OSError,
    EOFError,
    zlib.error,
    gzip.BadGzipFile,
    ParseError,
    UnicodeError,
    ValueError,
    KeyError,
)


@dataclass
class FileReport:
    path: Path
    outcomes: list[StoreOutcome] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def differences(self) -> list[StoreOutcome]:
        return [outcome for outcome in self.outcomes if outcome.differences]


@dataclass
class ImportReport:
    files: list[FileReport]
    seconds: float

    @property
    def failed(self) -> list[FileReport]:
        return [report for report in self.files if not report.ok]

    def count(self, status: str) -> int:
        return sum(report.count(status) for report in self.files)

    @property
    def differences(self) -> list[StoreOutcome]:
        return [outcome for report in self.files for outcome in report.differences]


def is_summary(path: Path) -> bool:
    return bool(SUMMARY_RE.search(path.name))


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _describe(error: BaseException, path: Path | None = None) -> str:
    if isinstance(error, gzip.BadGzipFile | zlib.error):
        return f"inte en giltig gzip-fil ({error})"
    if isinstance(error, EOFError):
        return "filen är avkortad (gzip-strömmen tar slut i förtid)"
    if isinstance(error, ParseError):
        return f"inte giltig XML ({error})"
    if isinstance(error, FileNotFoundError):
        return "filen finns inte"
    if isinstance(error, IsADirectoryError):
        return "är en katalog, inte en fil"
    if isinstance(error, PermissionError):
        return "filen går inte att läsa (behörighet)"
    message = (str(error).strip() or error.__class__.__name__).splitlines()[0]
    if path is not None and message.startswith(f"{path.name}: "):
        message = message[len(path.name) + 2:]  # the file is named once, by the caller
    return message


def _summary_kept(data: ResultData) -> bool:
    """True where a municipality's own file is already stored (it has constituencies and more)."""
    existing = (
        Election.objects.filter(
            body=data.body, year=data.year, municipality_id=data.municipality_code, is_official=True
        )
        .values_list("source_name", flat=True)
        .first()
    )
    return existing is not None and not SUMMARY_RE.search(existing or "")


def import_file(
    path: Path,
    *,
    resolver: PartyResolver | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    explain: bool = True,
    only: set[str] | None = None,
) -> FileReport:
    """Import one file in one transaction: all of it, or (on any problem) nothing of it.

    Seats are stored with seatmath's explanation (last seat, runner-up, votes lacking) unless
    ``explain`` is false. ``progress(done, total, code)`` follows a national summary
    municipality by municipality (a summary holds all 290).
    """
    report = FileReport(path=path)
    resolver = resolver or PartyResolver()
    try:
        if not path.is_file():
            raise FileNotFoundError(str(path)) if not path.exists() else IsADirectoryError(str(path))
        digest = file_digest(path)
        if not is_summary(path):
            stored = list(Election.objects.filter(is_official=True, source_digest=digest))
            if stored:
                # The same file again: nothing to read, nothing changes.
                report.outcomes = [StoreOutcome(election, "unchanged", stored_differences(election))
                                   for election in stored]
                return report
        results = results_from_file(path)
    except READ_ERRORS as error:
        report.error = _describe(error, path)
        return report
    summary = is_summary(path)
    try:
        with transaction.atomic():
            for done, data in enumerate(results, 1):
                if progress is not None and summary:
                    progress(done, len(results), data.municipality_code or "")
                if only is not None and data.municipality_code not in only:
                    continue
                data.source_name = path.name
                if summary and _summary_kept(data):
                    report.kept.append(data.municipality_code or "")
                    continue
                report.outcomes.append(
                    result_store(data=data, source="valmyndigheten", official=True, digest=digest,
                                 resolver=resolver, explain=explain)
                )
    except (SeatMathError, ValidationError, DatabaseError, ValueError) as error:
        # The transaction is rolled back: nothing of this file is stored. Parties the resolver
        # created inside it are gone too, so its cache is stale.
        resolver.reset()
        report.outcomes = []
        report.error = _describe(error, path)
    return report


def _municipality_progress(
    callback: Callable[[int, int, Path, int, int, str], None] | None, index: int, files: int, path: Path
) -> Callable[[int, int, str], None] | None:
    if callback is None:
        return None
    return lambda done, total, code: callback(index, files, path, done, total, code)


def import_files(
    paths: Iterable[Path],
    *,
    on_file: Callable[[int, int, Path], None] | None = None,
    on_municipality: Callable[[int, int, Path, int, int, str], None] | None = None,
    explain: bool = True,
    only: set[str] | None = None,
) -> ImportReport:
    """Import files one by one; national summaries last, so municipalities' own files win.

    ``on_file(index, files, path)`` is called before each file and once at the end;
    ``on_municipality(index, files, path, done, total, code)`` inside a national summary.
    """
    ordered = sorted(paths, key=lambda path: (is_summary(path), str(path)))
    resolver = PartyResolver()
    started = time.perf_counter()
    reports = []
    for index, path in enumerate(ordered):
        if on_file is not None:
            on_file(index, len(ordered), path)
        progress = _municipality_progress(on_municipality, index, len(ordered), path)
        reports.append(import_file(path, resolver=resolver, explain=explain, only=only, progress=progress))
    if on_file is not None:
        on_file(len(ordered), len(ordered), Path(""))
    return ImportReport(files=reports, seconds=time.perf_counter() - started)

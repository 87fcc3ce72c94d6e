"""Valmyndigheten's final result files for municipal councils (``slutresultat_<code>K.xml[.gz]``).

The files are the authority's own XML ("Valresultat parti person kommun/nation", ISO-8859-1),
one per municipality, plus ``slutresultat_00K.xml`` with every municipality's totals. This
module reads them into plain typed values and turns a municipality into the input of
:func:`folkvald.seatmath.allocate`, official seats included for comparison. The format and
the fields used are described in docs/valmyndigheten-format.md.

Only counts are read as numbers; the rounded percentages in the files are ignored except the
official turnout, which is kept as an exact :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import xml.etree.ElementTree as ET  # noqa: S405  (entity declarations are refused below)
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from folkvald.seatmath.errors import SeatMathError

__all__ = [
    "Constituency",
    "District",
    "Member",
    "MunicipalResult",
    "Party",
    "Tally",
    "read_bytes",
    "read_file",
    "spec_from_file",
    "spec_from_result",
]

#: A decompressed file larger than this is refused (the largest real one is a few MiB).
MAX_XML_BYTES = 256 * 1024 * 1024

#: Pseudo-parties of the PARTI table: blank and invalid ballots, "other registered parties".
_PSEUDO_PARTIES = frozenset({"BLANK", "OG", "OGEJ", "ÖVR"})

#: The source's placeholder where a name has been removed (2010).
REDACTED = "Namnet gallrat"

#: The 290 municipalities by code (Statistics Sweden), for files that have had their names
#: removed (2010: "Namnet gallrat").
_MUNICIPALITY_NAMES: dict[str, str] = {
    item[:4]: item[5:]
    for item in (
        "0114:Upplands Väsby;0115:Vallentuna;0117:Österåker;0120:Värmdö;0123:Järfälla;0125:Ekerö;"
        "0126:Huddinge;0127:Botkyrka;0128:Salem;0136:Haninge;0138:Tyresö;0139:Upplands-Bro;"
        "0140:Nykvarn;0160:Täby;0162:Danderyd;0163:Sollentuna;0180:Stockholm;0181:Södertälje;"
        "0182:Nacka;0183:Sundbyberg;0184:Solna;0186:Lidingö;0187:Vaxholm;0188:Norrtälje;"
        "0191:Sigtuna;0192:Nynäshamn;0305:Håbo;0319:Älvkarleby;0330:Knivsta;0331:Heby;0360:Tierp;"
        "0380:Uppsala;0381:Enköping;0382:Östhammar;0428:Vingåker;0461:Gnesta;0480:Nyköping;"
        "0481:Oxelösund;0482:Flen;0483:Katrineholm;0484:Eskilstuna;0486:Strängnäs;0488:Trosa;"
        "0509:Ödeshög;0512:Ydre;0513:Kinda;0560:Boxholm;0561:Åtvidaberg;0562:Finspång;"
        "0563:Valdemarsvik;0580:Linköping;0581:Norrköping;0582:Söderköping;0583:Motala;"
        "0584:Vadstena;0586:Mjölby;0604:Aneby;0617:Gnosjö;0642:Mullsjö;0643:Habo;0662:Gislaved;"
        "0665:Vaggeryd;0680:Jönköping;0682:Nässjö;0683:Värnamo;0684:Sävsjö;0685:Vetlanda;"
        "0686:Eksjö;0687:Tranås;0760:Uppvidinge;0761:Lessebo;0763:Tingsryd;0764:Alvesta;"
        "0765:Älmhult;0767:Markaryd;0780:Växjö;0781:Ljungby;0821:Högsby;0834:Torsås;"
        "0840:Mörbylånga;0860:Hultsfred;0861:Mönsterås;0862:Emmaboda;0880:Kalmar;0881:Nybro;"
        "0882:Oskarshamn;0883:Västervik;0884:Vimmerby;0885:Borgholm;0980:Gotland;1060:Olofström;"
        "1080:Karlskrona;1081:Ronneby;1082:Karlshamn;1083:Sölvesborg;1214:Svalöv;"
        "1230:Staffanstorp;1231:Burlöv;1233:Vellinge;1256:Östra Göinge;1257:Örkelljunga;"
        "1260:Bjuv;1261:Kävlinge;1262:Lomma;1263:Svedala;1264:Skurup;1265:Sjöbo;1266:Hörby;"
        "1267:Höör;1270:Tomelilla;1272:Bromölla;1273:Osby;1275:Perstorp;1276:Klippan;1277:Åstorp;"
        "1278:Båstad;1280:Malmö;1281:Lund;1282:Landskrona;1283:Helsingborg;1284:Höganäs;"
        "1285:Eslöv;1286:Ystad;1287:Trelleborg;1290:Kristianstad;1291:Simrishamn;1292:Ängelholm;"
        "1293:Hässleholm;1315:Hylte;1380:Halmstad;1381:Laholm;1382:Falkenberg;1383:Varberg;"
        "1384:Kungsbacka;1401:Härryda;1402:Partille;1407:Öckerö;1415:Stenungsund;1419:Tjörn;"
        "1421:Orust;1427:Sotenäs;1430:Munkedal;1435:Tanum;1438:Dals-Ed;1439:Färgelanda;1440:Ale;"
        "1441:Lerum;1442:Vårgårda;1443:Bollebygd;1444:Grästorp;1445:Essunga;1446:Karlsborg;"
        "1447:Gullspång;1452:Tranemo;1460:Bengtsfors;1461:Mellerud;1462:Lilla Edet;1463:Mark;"
        "1465:Svenljunga;1466:Herrljunga;1470:Vara;1471:Götene;1472:Tibro;1473:Töreboda;"
        "1480:Göteborg;1481:Mölndal;1482:Kungälv;1484:Lysekil;1485:Uddevalla;1486:Strömstad;"
        "1487:Vänersborg;1488:Trollhättan;1489:Alingsås;1490:Borås;1491:Ulricehamn;1492:Åmål;"
        "1493:Mariestad;1494:Lidköping;1495:Skara;1496:Skövde;1497:Hjo;1498:Tidaholm;"
        "1499:Falköping;1715:Kil;1730:Eda;1737:Torsby;1760:Storfors;1761:Hammarö;1762:Munkfors;"
        "1763:Forshaga;1764:Grums;1765:Årjäng;1766:Sunne;1780:Karlstad;1781:Kristinehamn;"
        "1782:Filipstad;1783:Hagfors;1784:Arvika;1785:Säffle;1814:Lekeberg;1860:Laxå;"
        "1861:Hallsberg;1862:Degerfors;1863:Hällefors;1864:Ljusnarsberg;1880:Örebro;1881:Kumla;"
        "1882:Askersund;1883:Karlskoga;1884:Nora;1885:Lindesberg;1904:Skinnskatteberg;"
        "1907:Surahammar;1960:Kungsör;1961:Hallstahammar;1962:Norberg;1980:Västerås;1981:Sala;"
        "1982:Fagersta;1983:Köping;1984:Arboga;2021:Vansbro;2023:Malung;2026:Gagnef;2029:Leksand;"
        "2031:Rättvik;2034:Orsa;2039:Älvdalen;2061:Smedjebacken;2062:Mora;2080:Falun;"
        "2081:Borlänge;2082:Säter;2083:Hedemora;2084:Avesta;2085:Ludvika;2101:Ockelbo;"
        "2104:Hofors;2121:Ovanåker;2132:Nordanstig;2161:Ljusdal;2180:Gävle;2181:Sandviken;"
        "2182:Söderhamn;2183:Bollnäs;2184:Hudiksvall;2260:Ånge;2262:Timrå;2280:Härnösand;"
        "2281:Sundsvall;2282:Kramfors;2283:Sollefteå;2284:Örnsköldsvik;2303:Ragunda;2305:Bräcke;"
        "2309:Krokom;2313:Strömsund;2321:Åre;2326:Berg;2361:Härjedalen;2380:Östersund;"
        "2401:Nordmaling;2403:Bjurholm;2404:Vindeln;2409:Robertsfors;2417:Norsjö;2418:Malå;"
        "2421:Storuman;2422:Sorsele;2425:Dorotea;2460:Vännäs;2462:Vilhelmina;2463:Åsele;"
        "2480:Umeå;2481:Lycksele;2482:Skellefteå;2505:Arvidsjaur;2506:Arjeplog;2510:Jokkmokk;"
        "2513:Överkalix;2514:Kalix;2518:Övertorneå;2521:Pajala;2523:Gällivare;2560:Älvsbyn;"
        "2580:Luleå;2581:Piteå;2582:Boden;2583:Haparanda;2584:Kiruna;"
    ).split(";")
    if item
}


DistrictKind = Literal["valdistrikt", "uppsamlingsdistrikt"]


@dataclass(frozen=True, slots=True)
class Party:
    """A party as the file names it: abbreviation (as in the source: FP in 2014), name, colour."""

    abbreviation: str
    name: str
    colour: str | None


@dataclass(frozen=True, slots=True)
class Tally:
    """The ballots of one area (municipality, constituency or election district).

    ``votes`` has every party with a count of its own, in the file's order; ``other_votes``
    are valid votes the file only gives as a sum (hand-written party names), so
    ``valid_votes == sum(votes.values()) + other_votes``. ``invalid_votes`` are the invalid
    ballots other than blank ones; from 2018 they include ``unregistered_party_votes``
    (votes for parties that had not notified participation, invalid since 2018).
    """

    votes: dict[str, int]
    other_votes: int
    valid_votes: int
    blank_votes: int | None
    invalid_votes: int | None
    unregistered_party_votes: int | None
    eligible_voters: int | None
    ballots_cast: int | None
    turnout_percent: Decimal | None


@dataclass(frozen=True, slots=True)
class District:
    """An election district (valdistrikt), or a constituency's collection district
    (uppsamlingsdistrikt: the late postal and early votes counted on the Wednesday)."""

    code: str
    name: str
    kind: DistrictKind
    tally: Tally


@dataclass(frozen=True, slots=True)
class Member:
    """An elected member (ledamot) or substitute (ersättare) of the council.

    ``basis`` is the source's GRUND code for members: ``P`` elected on personal votes,
    ``J`` and ``E`` by the list's order (kept as given); ``None`` for substitutes. A seat the
    party could not fill is no member: it is counted in ``vacancies`` instead.
    """

    party: str
    constituency_code: str
    constituency_name: str
    order: int
    candidate_number: int | None
    name: str
    age: int | None
    basis: str | None
    group: int


@dataclass(frozen=True, slots=True)
class Constituency:
    """A constituency (valkrets) with its official seats.

    ``fixed_seats`` is the file's MANDAT_VALKRETS: every seat of the constituency up to 2014,
    its fixed seats from 2018; ``seats`` are the seats per party won there, adjustment seats
    included, and ``adjustment_seats`` how many of them were adjustment seats (2018 on).
    ``vacancies`` are the seats per party left empty for lack of candidates.
    """

    code: str
    name: str
    fixed_seats: int
    tally: Tally
    seats: dict[str, int]
    adjustment_seats: dict[str, int] | None
    districts: tuple[District, ...]
    elected: tuple[Member, ...]
    substitutes: tuple[Member, ...]
    vacancies: dict[str, int]

    @property
    def seats_total(self) -> int:
        return sum(self.seats.values())

    @property
    def votes(self) -> dict[str, int]:
        return self.tally.votes

    @property
    def label(self) -> str:
        """The name, or a stand-in where the source has removed it (2010)."""
        if not self.name or self.name == REDACTED:
            return f"Valkrets {self.code}"
        return self.name


@dataclass(frozen=True, slots=True)
class MunicipalResult:
    """One municipality's council election as the authority certified it.

    ``seats`` has a count (possibly 0) for every party in ``parties``; ``constituencies`` is
    empty where the file gives none (the national summary). ``vacancies`` are seats left
    empty for lack of candidates, per party, where the file says so.
    """

    year: int
    election_day: date
    code: str
    name: str
    seats_total: int
    parties: dict[str, Party]
    tally: Tally
    seats: dict[str, int]
    adjustment_seats: dict[str, int] | None
    vacancies: dict[str, int]
    constituencies: tuple[Constituency, ...]
    source: str
    from_summary: bool

    @property
    def votes(self) -> dict[str, int]:
        return self.tally.votes

    @property
    def divided(self) -> bool | None:
        """Whether the council is elected in several constituencies (None: the file cannot say)."""
        if self.constituencies:
            return len(self.constituencies) > 1
        if self.year >= 2018:
            # From 2018 a divided municipality has adjustment seats, an undivided one none.
            return self.adjustment_seats is not None and sum(self.adjustment_seats.values()) > 0
        return None

    @property
    def districts(self) -> tuple[District, ...]:
        return tuple(d for c in self.constituencies for d in c.districts)

    @property
    def elected(self) -> tuple[Member, ...]:
        return tuple(m for c in self.constituencies for m in c.elected)

    @property
    def substitutes(self) -> tuple[Member, ...]:
        return tuple(m for c in self.constituencies for m in c.substitutes)


# --------------------------------------------------------------------------------------
# Reading


def read_file(path: str | os.PathLike[str]) -> list[MunicipalResult]:
    """Read one result file (``.xml`` or ``.xml.gz``): one municipality, or all of them from
    the national summary. Raises :class:`SeatMathError` naming the file and the problem."""
    p = Path(path)
    try:
        with p.open("rb") as handle:
            data = handle.read(MAX_XML_BYTES + 1)
    except OSError as exc:
        raise SeatMathError(f"{p.name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_XML_BYTES:
        raise SeatMathError(f"{p.name}: larger than {MAX_XML_BYTES // (1024 * 1024)} MiB")
    return read_bytes(data, name=p.name)


def read_bytes(data: bytes, *, name: str = "<data>") -> list[MunicipalResult]:
    """Read the XML (or gzip of it) in ``data``; ``name`` names it in error messages."""
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                data = unzipped.read(MAX_XML_BYTES + 1)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise SeatMathError(f"{name}: not a complete gzip file ({exc})") from None
    if len(data) > MAX_XML_BYTES:
        raise SeatMathError(f"{name}: larger than {MAX_XML_BYTES // (1024 * 1024)} MiB of XML")
    _refuse_entities(data, name)
    reader = _Reader(name)
    try:
        events = ET.iterparse(io.BytesIO(data), events=("start", "end"))  # noqa: S314
        for event, element in events:
            if event == "start":
                reader.start(element.tag, element.attrib)
            else:
                reader.end(element.tag)
                element.clear()
    except ET.ParseError as exc:
        raise SeatMathError(f"{name}: not well-formed XML ({_parse_error(exc)})") from None
    return reader.finish()


_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _refuse_entities(data: bytes, name: str) -> None:
    """Refuse entity declarations (the only way to an entity-expansion attack); the
    authority's files have a DOCTYPE with a public identifier and nothing more."""
    root = data.find(b"<VAL")
    prolog = data if root < 0 else data[:root]
    if _ENTITY.search(prolog):
        raise SeatMathError(f"{name}: the XML declares entities, which result files never do")


def _parse_error(exc: ET.ParseError) -> str:
    line, column = getattr(exc, "position", (0, 0))
    text = str(exc).split(":")[0]
    return f"{text} at line {line}, column {column + 1}" if line else text


class _Area:
    """What has been read so far of one area (municipality, constituency or district)."""

    __slots__ = (
        "adjustment",
        "attrs",
        "ballots_cast",
        "blank",
        "children",
        "eligible",
        "elected",
        "handwritten",
        "invalid",
        "kind",
        "other_seats",
        "seats",
        "substitutes",
        "turnout",
        "unregistered",
        "vacancies",
        "votes",
    )

    def __init__(self, kind: str, attrs: dict[str, str]) -> None:
        self.kind = kind
        self.attrs = dict(attrs)
        self.votes: dict[str, int] = {}
        self.seats: dict[str, int] = {}
        self.adjustment: dict[str, int] = {}
        self.other_seats = 0
        self.handwritten: int | None = None
        self.blank: int | None = None
        self.invalid: int | None = None
        self.unregistered: int | None = None
        self.eligible: int | None = None
        self.ballots_cast: int | None = None
        self.turnout: Decimal | None = None
        self.children: list[_Area] = []
        self.elected: list[tuple[str, dict[str, str], int]] = []
        self.substitutes: list[tuple[str, dict[str, str], int]] = []
        self.vacancies: dict[str, int] = {}


_AREA_KINDS = {
    "KOMMUN": "municipality",
    "KRETS_KOMMUN": "constituency",
    "VALDISTRIKT": "valdistrikt",
    "ONSDAGSDISTRIKT": "uppsamlingsdistrikt",
}
#: Areas of the national summary above the municipalities: their figures are not read.
_SKIPPED_AREAS = frozenset({"NATION", "LÄN", "KRETS_RIKSDAG"})


class _Reader:
    """Streams the start and end tags of one file into municipal results."""

    def __init__(self, name: str) -> None:
        self.name = name
        # One frame per open element: (tag, innermost area or None, party or None, group).
        self.stack: list[tuple[str, _Area | None, str | None, int]] = []
        self.parties: dict[str, Party] = {}
        self.root_attrs: dict[str, str] | None = None
        self.municipalities: list[_Area] = []
        self.saw_nation = False
        self.codes: set[str] = set()

    # -- errors and attributes

    def fail(self, problem: str) -> SeatMathError:
        return SeatMathError(f"{self.name}: {problem}")

    def integer(self, tag: str, attrs: dict[str, str], key: str) -> int:
        raw = attrs.get(key)
        if raw is None:
            raise self.fail(f"<{tag}> has no {key}")
        return self._to_int(tag, key, raw)

    def optional_integer(self, tag: str, attrs: dict[str, str], key: str) -> int | None:
        raw = attrs.get(key)
        return None if raw is None or raw == "" else self._to_int(tag, key, raw)

    def _to_int(self, tag: str, key: str, raw: str) -> int:
        text = raw.strip().replace(" ", "")
        if not text.isdigit():
            raise self.fail(f"<{tag}> {key}={raw!r} is not a whole number")
        return int(text)

    # -- the stream

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if not self.stack:
            if tag != "VAL":
                raise self.fail(
                    f"not a Valmyndigheten result file (root element <{tag}>, not <VAL>)"
                )
            valtyp = attrs.get("VALTYP", "")
            if valtyp and valtyp != "Kommunfullmäktigval":
                raise self.fail(
                    f"a {valtyp}, not a municipal council election (Kommunfullmäktigval)"
                )
            self.root_attrs = dict(attrs)
            self.stack.append((tag, None, None, 0))
            return
        parent_tag, area, party, group = self.stack[-1]
        if tag in _AREA_KINDS:
            new = _Area(_AREA_KINDS[tag], attrs)
            if tag == "KOMMUN":
                code = attrs.get("KOD", "")
                if code in self.codes:
                    raise self.fail(f"municipality {code} appears twice")
                self.codes.add(code)
                self.municipalities.append(new)
            elif area is None:
                raise self.fail(f"<{tag}> outside a municipality")
            else:
                area.children.append(new)
            area = new
        elif tag in _SKIPPED_AREAS:
            area = None
            self.saw_nation = True
        elif area is not None:
            party = self._inside_area(tag, attrs, parent_tag, area, party, group)
            if tag == "GRUPP_VALDA":
                group = self.optional_integer(tag, attrs, "ORDNING") or 0
        elif tag == "PARTI" and parent_tag == "VAL":
            abbreviation = attrs.get("FÖRKORTNING", "")
            if abbreviation and abbreviation not in _PSEUDO_PARTIES:
                self.parties[abbreviation] = Party(
                    abbreviation, attrs.get("BETECKNING", abbreviation), attrs.get("FÄRG") or None
                )
        self.stack.append((tag, area, party, group))

    def _inside_area(
        self,
        tag: str,
        attrs: dict[str, str],
        parent_tag: str,
        area: _Area,
        party: str | None,
        group: int,
    ) -> str | None:
        """Reads one element inside an area; returns the party its children belong to."""
        if tag == "GILTIGA":
            if parent_tag in _AREA_KINDS:
                abbreviation = self._party_votes(tag, attrs, area)
                mandat = self.optional_integer(tag, attrs, "MANDAT")
                if mandat is not None:
                    area.seats[abbreviation] = mandat
                adjustment = self.optional_integer(tag, attrs, "VARAV_UTJÄMNING")
                if adjustment is not None:
                    area.adjustment[abbreviation] = adjustment
                return abbreviation
            if parent_tag == "ÖVRIGA_GILTIGA":
                abbreviation = self._party_votes(tag, attrs, area)
                if self.optional_integer(tag, attrs, "MANDAT"):
                    raise self.fail(f"seats for {abbreviation} among the other parties")
                return abbreviation
            return party
        if parent_tag not in _AREA_KINDS and parent_tag != "ÖVRIGA_GILTIGA":
            if tag in {"VALD", "ERSÄTTARE"} and parent_tag == "GRUPP_VALDA" and party is not None:
                members = area.elected if tag == "VALD" else area.substitutes
                members.append((party, dict(attrs), group))
            return party
        if tag == "ÖVRIGA_GILTIGA":
            area.other_seats = self.optional_integer(tag, attrs, "MANDAT") or 0
        elif tag == "HANDSKRIVNA":
            area.handwritten = (area.handwritten or 0) + self.integer(tag, attrs, "RÖSTER")
        elif tag == "OGILTIGA":
            kind = attrs.get("TEXT", "")
            count = self.integer(tag, attrs, "RÖSTER")
            if kind == "BLANK":
                area.blank = (area.blank or 0) + count
            else:
                area.invalid = (area.invalid or 0) + count
                if kind == "OGEJ":
                    area.unregistered = (area.unregistered or 0) + count
        elif tag == "VALDELTAGANDE":
            area.eligible = self.optional_integer(tag, attrs, "RÖSTBERÄTTIGADE")
            area.ballots_cast = self.optional_integer(tag, attrs, "SUMMA_RÖSTER")
            percent = attrs.get("PROCENT")
            if percent:
                try:
                    area.turnout = Decimal(percent.replace(",", "."))
                except InvalidOperation:
                    raise self.fail(f"<{tag}> PROCENT={percent!r} is not a number") from None
        elif tag == "SAMMANFATTNING_VALDA":
            vacant = self.optional_integer(tag, attrs, "VAKANSER")
            if vacant:
                area.vacancies[attrs.get("PARTI", "?")] = vacant
        return party

    def _party_votes(self, tag: str, attrs: dict[str, str], area: _Area) -> str:
        abbreviation = attrs.get("PARTI")
        if not abbreviation:
            raise self.fail(f"<{tag}> without PARTI in {_describe(area)}")
        if abbreviation in area.votes:
            raise self.fail(f"{abbreviation} counted twice in {_describe(area)}")
        area.votes[abbreviation] = self.integer(tag, attrs, "RÖSTER")
        return abbreviation

    def end(self, tag: str) -> None:
        self.stack.pop()

    # -- building the results

    def finish(self) -> list[MunicipalResult]:
        if self.root_attrs is None:
            raise self.fail("empty file")
        if not self.municipalities:
            raise self.fail("no municipality (<KOMMUN>) in the file")
        day = self._election_day(self.root_attrs.get("VALDAG", ""))
        from_summary = self.saw_nation or len(self.municipalities) > 1
        return [self._municipality(m, day, from_summary) for m in self.municipalities]

    def _election_day(self, raw: str) -> date:
        if not re.fullmatch(r"\d{8}", raw):
            raise self.fail(f"<VAL> VALDAG={raw!r} is not a date (YYYYMMDD)")
        try:
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
        except ValueError:
            raise self.fail(f"<VAL> VALDAG={raw!r} is not a date (YYYYMMDD)") from None

    def _tally(self, area: _Area) -> Tally:
        valid = self.integer(_TAG_OF[area.kind], area.attrs, "RÖSTER")
        named = sum(area.votes.values())
        other = valid - named
        if other < 0 or (area.handwritten is not None and other != area.handwritten):
            raise self.fail(
                f"{_describe(area)}: valid votes {valid} do not add up "
                f"(parties {named}, hand-written {area.handwritten or 0})"
            )
        return Tally(
            votes=dict(area.votes),
            other_votes=other,
            valid_votes=valid,
            blank_votes=area.blank,
            invalid_votes=area.invalid,
            unregistered_party_votes=area.unregistered,
            eligible_voters=area.eligible,
            ballots_cast=area.ballots_cast,
            turnout_percent=area.turnout,
        )

    def _municipality(self, area: _Area, day: date, from_summary: bool) -> MunicipalResult:
        code = area.attrs.get("KOD", "")
        if not re.fullmatch(r"\d{4}", code):
            raise self.fail(f"<KOMMUN> KOD={code!r} is not a municipality code")
        name = area.attrs.get("NAMN", "")
        if not name or name == REDACTED:
            name = _MUNICIPALITY_NAMES.get(code, name)
        seats_total = self.integer("KOMMUN", area.attrs, "MANDAT_VALOMRÅDE")
        tally = self._tally(area)
        if area.other_seats:
            raise self.fail(f"{_describe(area)}: seats for parties without a count of their own")
        seats = {p: area.seats.get(p, 0) for p in tally.votes}
        if sum(seats.values()) != seats_total:
            raise self.fail(
                f"{_describe(area)}: party seats add up to {sum(seats.values())}, "
                f"not the council's {seats_total}"
            )
        adjustment = (
            {p: area.adjustment.get(p, 0) for p in tally.votes} if area.adjustment else None
        )
        constituencies = tuple(
            self._constituency(c) for c in area.children if c.kind == "constituency"
        )
        self._check_constituencies(area, tally, seats, constituencies)
        parties = {p: self.parties.get(p) or Party(p, p, None) for p in tally.votes}
        return MunicipalResult(
            year=day.year,
            election_day=day,
            code=code,
            name=name,
            seats_total=seats_total,
            parties=parties,
            tally=tally,
            seats=seats,
            adjustment_seats=adjustment,
            vacancies=dict(area.vacancies),
            constituencies=constituencies,
            source=self.name,
            from_summary=from_summary,
        )

    def _constituency(self, area: _Area) -> Constituency:
        code = area.attrs.get("KOD", "")
        name = area.attrs.get("NAMN", "")
        tally = self._tally(area)
        seats = {p: area.seats.get(p, 0) for p in tally.votes}
        adjustment = (
            {p: area.adjustment.get(p, 0) for p in tally.votes} if area.adjustment else None
        )
        districts = tuple(
            District(
                code=d.attrs.get("KOD", ""),
                name=d.attrs.get("NAMN", ""),
                kind="valdistrikt" if d.kind == "valdistrikt" else "uppsamlingsdistrikt",
                tally=self._tally(d),
            )
            for d in area.children
        )
        if districts:
            for party, votes in tally.votes.items():
                in_districts = sum(d.tally.votes.get(party, 0) for d in districts)
                if in_districts != votes:
                    raise self.fail(
                        f"{_describe(area)}: {party} has {votes} votes but {in_districts} "
                        "in its election districts"
                    )
        return Constituency(
            code=code,
            name=name,
            fixed_seats=self.integer("KRETS_KOMMUN", area.attrs, "MANDAT_VALKRETS"),
            tally=tally,
            seats=seats,
            adjustment_seats=adjustment,
            districts=districts,
            elected=tuple(self._member(m, code, name) for m in area.elected if _filled(m)),
            substitutes=tuple(self._member(m, code, name) for m in area.substitutes if _filled(m)),
            vacancies=dict(Counter(m[0] for m in area.elected if not _filled(m))),
        )

    def _member(self, item: tuple[str, dict[str, str], int], code: str, name: str) -> Member:
        party, attrs, group = item
        return Member(
            party=party,
            constituency_code=code,
            constituency_name=name,
            order=self.optional_integer("VALD", attrs, "ORDNING") or 0,
            candidate_number=self.optional_integer("VALD", attrs, "KANDNR"),
            name=attrs.get("NAMN", ""),
            age=self.optional_integer("VALD", attrs, "ÅLDER"),
            basis=attrs.get("GRUND"),
            group=group,
        )

    def _check_constituencies(
        self,
        area: _Area,
        tally: Tally,
        seats: dict[str, int],
        constituencies: tuple[Constituency, ...],
    ) -> None:
        if not constituencies:
            return
        for party, votes in tally.votes.items():
            in_parts = sum(c.tally.votes.get(party, 0) for c in constituencies)
            if in_parts != votes:
                raise self.fail(
                    f"{_describe(area)}: {party} has {votes} votes but {in_parts} in its constituencies"
                )
            won = sum(c.seats.get(party, 0) for c in constituencies)
            if won != seats[party]:
                raise self.fail(
                    f"{_describe(area)}: {party} has {seats[party]} seats but {won} in its constituencies"
                )


def _filled(item: tuple[str, dict[str, str], int]) -> bool:
    """False for a seat the party could not fill (no candidate number: "Kunde inte utses")."""
    return bool(item[1].get("KANDNR", "").strip())


_TAG_OF = {kind: tag for tag, kind in _AREA_KINDS.items()}


def _describe(area: _Area) -> str:
    label = {"municipality": "municipality", "constituency": "constituency"}.get(
        area.kind, "district"
    )
    return f"{label} {area.attrs.get('KOD', '?')} {area.attrs.get('NAMN', '')}".rstrip()


# --------------------------------------------------------------------------------------
# Turning a result into the input of allocate


#: Exact ties for the last seat that were settled by a real lot; the winners are read off
#: the certified seats (data README: Boxholm 2010, Halmstad 2018).
REAL_LOTS: dict[tuple[int, str], list[dict[str, Any]]] = {
    (2010, "0560"): [
        {
            "between": ["MP", "S"],
            "winners": ["MP"],
            "note": "Boxholm 2010: lot drawn by the county board; MP won the 35th seat",
        }
    ],
    (2018, "1380"): [
        {
            "between": ["KD", "S"],
            "winners": ["S"],
            "note": "Halmstad 2018: lot drawn by the county board; S won the 71st seat",
        }
    ],
}


def spec_from_result(result: MunicipalResult) -> dict[str, Any]:
    """The input JSON of :func:`folkvald.seatmath.allocate` for one municipality.

    Votes are those of every party with a vote of its own (a party with none is left out);
    ``valid_votes`` counts the hand-written ones too, as the threshold does. With several
    constituencies each gets its ``seats``: all its seats up to 2014, its fixed seats from
    2018 (the adjustment seats are the rest of the total). Where the real election was
    settled by lot, the lot drawn is passed on. The official seats come along under
    ``"official"`` for comparison. See docs/valmyndigheten-format.md.
    """
    parties = [p for p, v in result.votes.items() if v > 0]
    spec: dict[str, Any] = {
        "body": "kommunfullmaktige",
        "year": result.year,
        "seats": result.seats_total,
        "votes": {p: result.votes[p] for p in parties},
        "valid_votes": result.tally.valid_votes,
        "name": result.name,
        "code": result.code,
    }
    source: dict[str, Any] = {
        "file": result.source,
        "election_day": result.election_day.isoformat(),
        "other_votes": result.tally.other_votes,
    }
    if len(result.constituencies) > 1:
        labels = [c.label for c in result.constituencies]
        spec["constituencies"] = [
            {
                "name": label if labels.count(label) == 1 else f"{label} ({c.code})",
                "code": c.code,
                "seats": c.fixed_seats,
                "votes": {p: c.votes.get(p, 0) for p in parties},
                "valid_votes": c.tally.valid_votes,
                **_candidates(c.seats, c.vacancies),
            }
            for label, c in zip(labels, result.constituencies, strict=True)
        ]
    else:
        spec.update(_candidates(result.seats, result.vacancies))
    if len(result.constituencies) <= 1 and result.divided and result.year >= 2018:
        # Divided, but the file (the national summary) has no constituency votes. Since 2018
        # the council-wide result is each party's share of all seats by the 1.2 method among
        # the parties with 3 % (surplus fixed seats are returned), which needs no constituency.
        spec["body"] = "custom"
        spec["method"] = {"name": "sainte-lague", "first_divisor": "1.2", "threshold": "3 %"}
        source["note"] = (
            "several constituencies, but no constituency votes in this file: the council-wide "
            "seats by 14 kap. 4 and 6 §§ (1.2, 3 %), without the constituencies"
        )
    elif len(result.constituencies) <= 1 and result.from_summary and result.divided is None:
        source["note"] = (
            "totals only: where the council was elected in several constituencies (each "
            "counted on its own up to 2014), seats computed from them can differ from the "
            "official ones"
        )
    lots = REAL_LOTS.get((result.year, result.code))
    if lots:
        spec["lots"] = [dict(lot) for lot in lots]
    official: dict[str, Any] = {"seats": {p: s for p, s in result.seats.items() if s}}
    if result.adjustment_seats is not None and any(result.adjustment_seats.values()):
        official["adjustment_seats"] = {p: s for p, s in result.adjustment_seats.items() if s}
    if len(result.constituencies) > 1:
        official["constituencies"] = [
            dict(_official_constituency(c), name=entry["name"])
            for c, entry in zip(result.constituencies, spec["constituencies"], strict=True)
        ]
    if result.vacancies:
        official["empty_seats"] = dict(result.vacancies)
    spec["official"] = official
    spec["source"] = source
    return spec


def _candidates(seats: dict[str, int], vacancies: dict[str, int]) -> dict[str, Any]:
    """``{"candidates": ...}`` for the parties that ran out of candidates: as many as they
    could seat (read off the certified result), so that allocate leaves the rest empty."""
    if not vacancies:
        return {}
    return {"candidates": {p: seats.get(p, 0) - n for p, n in vacancies.items()}}


def _official_constituency(c: Constituency) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": c.label,
        "code": c.code,
        "seats": {p: s for p, s in c.seats.items() if s},
    }
    if c.adjustment_seats is not None:
        entry["fixed_seats"] = c.fixed_seats
        entry["adjustment_seats"] = {p: s for p, s in c.adjustment_seats.items() if s}
    return entry


def spec_from_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """:func:`spec_from_result` for a file: one spec, or ``{"elections": [...]}`` for a file
    with several municipalities (the national summary)."""
    results = read_file(path)
    if len(results) == 1:
        return spec_from_result(results[0])
    return {"elections": [spec_from_result(r) for r in results]}


def iter_files(directory: str | os.PathLike[str]) -> Iterator[Path]:
    """The result files in a directory, in name order."""
    for p in sorted(Path(directory).iterdir()):
        if p.name.startswith("slutresultat_") and (
            p.name.endswith(".xml") or p.name.endswith(".xml.gz")
        ):
            yield p

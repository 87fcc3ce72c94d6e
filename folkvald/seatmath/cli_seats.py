"""``folkvald seats``: allocate, explain and import-xml, without Django.

Bad input gives one line on stderr naming the problem and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, NoReturn, TextIO

from folkvald.seatmath.errors import SeatMathError

PROG = "folkvald seats"
#: Quotient columns shown in the table (the JSON has them all).
COLUMNS = 10
NBSP = "\u00a0"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Mandatfördelning enligt vallagen, exakt.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    allocate = sub.add_parser("allocate", help="fördela mandat: JSON in, JSON ut")
    allocate.add_argument("file", nargs="?", default="-", help="indatafil (JSON), - för stdin")
    allocate.add_argument("--no-explain", action="store_true", help="utan förklaring (snabbare)")
    allocate.add_argument("--seed", type=int, help="frö för lottning (ersätter indatans)")
    explain = sub.add_parser("explain", help="förklara fördelningen som tabell")
    explain.add_argument("file", nargs="?", default="-", help="indatafil (JSON), - för stdin")
    explain.add_argument("--seed", type=int, help="frö för lottning (ersätter indatans)")
    importer = sub.add_parser(
        "import-xml", help="Valmyndighetens slutresultat_*.xml(.gz) till indata"
    )
    importer.add_argument("files", nargs="+", help="slutresultat_*.xml eller .xml.gz")
    return parser


def _read(path: str, stdin: TextIO) -> Any:
    try:
        if path == "-":
            text = stdin.read()
        else:
            with open(path, encoding="utf-8") as f:
                text = f.read()
    except OSError as error:
        raise SeatMathError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise SeatMathError(f"{path} is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = "stdin" if path == "-" else path
        raise SeatMathError(
            f"{where} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None


def _allocate_all(data: Any, *, explain: bool, seed: int | None) -> Any:
    from folkvald.seatmath.api import allocate

    def one(spec: Any) -> dict[str, Any]:
        if not isinstance(spec, Mapping):
            raise SeatMathError("the input must be a JSON object")
        request = dict(spec)
        if not explain:
            request["explain"] = False
        if seed is not None:
            request["seed"] = seed
        return allocate(request)

    if isinstance(data, Mapping) and "elections" in data and "body" not in data:
        elections = data["elections"]
        if not isinstance(elections, list):
            raise SeatMathError("'elections' must be a list")
        return {"elections": [one(spec) for spec in elections]}
    return one(data)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(args_list)
    except _UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except SystemExit as done:  # --help
        return int(done.code or 0)
    try:
        if args.command == "allocate":
            result = _allocate_all(
                _read(args.file, sys.stdin), explain=not args.no_explain, seed=args.seed
            )
            json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif args.command == "explain":
            result = _allocate_all(_read(args.file, sys.stdin), explain=True, seed=args.seed)
            results = result["elections"] if "elections" in result else [result]
            for number, one in enumerate(results):
                if number:
                    sys.stdout.write("\n")
                sys.stdout.write(render(one))
        else:
            specs = [_import(path) for path in args.files]
            flat: list[Any] = []
            for spec in specs:
                flat.extend(spec["elections"] if "elections" in spec else [spec])
            out = flat[0] if len(flat) == 1 else {"elections": flat}
            json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
    except SeatMathError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except RecursionError:
        print(f"{PROG}: error: the input is nested too deeply", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


def _import(path: str) -> dict[str, Any]:
    try:
        from folkvald.seatmath.valmyndigheten import spec_from_file
    except ImportError as error:  # pragma: no cover - the reader ships with folkvald
        raise SeatMathError(f"the reader of Valmyndigheten's files is missing: {error}") from None
    try:
        spec = spec_from_file(path)
    except OSError as error:
        raise SeatMathError(f"cannot read {path}: {error.strerror or error}") from None
    for one in spec["elections"] if "elections" in spec else [spec]:
        source = one.get("source") or {}
        if "valid_votes" not in one and isinstance(source.get("valid_votes"), int):
            # The threshold counts on all valid votes, hand-written party names included.
            one["valid_votes"] = max(source["valid_votes"], sum(one["votes"].values()))
    return spec


# --------------------------------------------------------------------------- Swedish table


def number(value: int) -> str:
    """``16 488`` with a non-breaking space, as sv-SE writes it."""
    sign = "−" if value < 0 else ""
    digits = str(abs(value))
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    return sign + NBSP.join(reversed(groups))


def decimal(text: str | None, places: int = 2) -> str:
    """An exact quotient (``"21827.5"``, ``"8731/3"``) rounded half up, ``21 827,50``."""
    if text is None:
        return "–"
    if text == "∞":
        return "∞"
    value = Fraction(text)
    scaled = value * 10**places
    rounded = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    whole, part = divmod(rounded, 10**places)
    return f"{number(whole)},{str(part).rjust(places, '0')}"


BODY_NAMES = {
    "kommunfullmaktige": "kommunfullmäktige",
    "regionfullmaktige": "regionfullmäktige",
    "riksdag": "riksdagen",
    "custom": "egen metod",
}

METHOD_NAMES = {
    "modified-sainte-lague": "jämkade uddatalsmetoden",
    "sainte-lague": "uddatalsmetoden (Sainte-Laguë)",
    "dhondt": "d'Hondts metod",
    "danish": "danska metoden",
    "imperiali": "Imperiali",
    "huntington-hill": "Huntington–Hill",
    "adams": "Adams metod",
    "largest-remainder": "största resttalsmetoden",
}


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[c]) if c in right else cell.ljust(widths[c])
            for c, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def render(result: Mapping[str, Any]) -> str:
    """The explanation as a readable table in Swedish."""
    out: list[str] = []
    body = BODY_NAMES.get(str(result.get("body")), str(result.get("body")))
    year = result.get("year")
    title = f"Mandatfördelning: {body}" + (f" {year}" if year else "")
    out.append(f"{title}, {number(int(result['seats_total']))} mandat")
    method = result.get("method") or {}
    line = "Metod: " + METHOD_NAMES.get(method.get("name", ""), str(method.get("name")))
    if method.get("first_divisor"):
        line += f", första divisor {method['first_divisor'].replace('.', ',')}"
    if method.get("quota"):
        line += f", kvot {method['quota']}"
    threshold = result.get("threshold")
    if threshold:
        line += (
            f"; spärr {threshold['percent'].replace('.', ',')} % "
            f"(minst {number(threshold['votes_needed'])} av "
            f"{number(threshold['valid_votes'])} giltiga röster)"
        )
    out.append(line)
    explanation = result.get("explanation") or {}
    seats: Mapping[str, int] = result["seats"]
    more = explanation.get("votes_for_one_more_seat") or {}
    less = explanation.get("votes_to_lose_one_seat") or {}
    quotients = explanation.get("quotients") or {}
    divisors = (explanation.get("divisors") or [])[:COLUMNS]
    out.append("")
    header = ["Parti", "Mandat"]
    compensatory = "fixed_seats" in result
    if compensatory:
        header += ["Fasta", "Utjämning"]
    header += ["Ett till", "Ett färre"]
    header += [f"÷{d.replace('.', ',')}" for d in divisors]
    rows = [header]
    for party, count in seats.items():
        row = [party, number(count)]
        if compensatory:
            row += [number(result["fixed_seats"][party]), number(result["adjustment_seats"][party])]
        row += [
            "+" + number(more[party]) if more.get(party) is not None else "–",
            "−" + number(less[party]) if less.get(party) is not None else "–",
        ]
        row += [decimal(q) for q in quotients.get(party, [])[:COLUMNS]]
        row += [""] * (len(header) - len(row))
        rows.append(row)
    out.extend(_table(rows, set(range(1, len(header)))))
    out.append("")
    out.append(
        "Ett till: så många fler röster hade gett partiet ett mandat till; Ett färre: så många "
        "färre röster hade kostat det ett mandat (allt annat lika, utan lottning)."
    )
    order = explanation.get("order") or []
    if order:
        out.append("")
        out.append("Ordning: " + "; ".join(f"{s['seat']} {s['party']}" for s in order))
    last = explanation.get("last_seat")
    if last:
        out.append(
            f"Sista mandatet: nr {last['seat']}, {last['party']} "
            f"(jämförelsetal {decimal(last['quotient'])})"
        )
    runner = explanation.get("runner_up")
    if runner:
        out.append(
            f"Närmast på tur: {runner['party']} (jämförelsetal {decimal(runner['quotient'])})"
        )
    for entry in result.get("constituencies") or []:
        parts = ", ".join(f"{p} {n}" for p, n in entry["seats"].items() if n)
        line = f"Valkrets {entry['name']} ({number(entry['seats_total'])} mandat): {parts}"
        adjustment = {p: n for p, n in (entry.get("adjustment") or {}).items() if n}
        if adjustment:
            line += "; varav utjämning " + ", ".join(f"{p} {n}" for p, n in adjustment.items())
        out.append(line)
    for returned in result.get("returned_seats") or []:
        out.append(
            f"Återfört mandat: {returned['party']} i {returned['constituency']}"
            + (f" till {returned['to']}" if returned.get("to") else "")
        )
    if result.get("set_aside"):
        out.append("Lämnade utanför utjämningen: " + ", ".join(result["set_aside"]))
    for tie in result.get("ties") or []:
        how = (
            "lottning (från indata)"
            if tie["decided_by"] == "input"
            else (f"lottning (frö {tie.get('seed')})")
        )
        where = f" i {tie['constituency']}" if tie.get("constituency") else ""
        out.append(
            f"Lika tal{where} mellan {', '.join(tie['between'])} om {tie['places']} mandat: "
            f"{', '.join(tie['winners'])} genom {how}"
        )
    empty = result.get("empty_seats") or {}
    if empty:
        out.append(
            "Tomma mandat (för få kandidater): "
            + ", ".join(f"{p} {number(n)}" for p, n in empty.items())
        )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())

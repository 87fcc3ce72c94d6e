"""`folkvald committee allocate|plan [FILE|-]`: committee elections and joint lists, JSON in and out.

Bad input is one line on standard error and exit code 2, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any, TextIO

from folkvald.seatmath.errors import SeatMathError

USAGE = """\
usage: folkvald committee allocate [FILE|-]   elect a committee from ballots (lag 2022:629 or 1992:339)
       folkvald committee plan [FILE|-]       the bloc's best joint lists over all committees

FILE holds one JSON object (- or nothing: standard input); the answer is JSON on standard output.
See docs/committee-elections.md for the fields."""


def _allocate(spec: Mapping[str, Any]) -> dict[str, Any]:
    from folkvald.seatmath.committee import committee_allocate

    return committee_allocate(spec)


def _plan(spec: Mapping[str, Any]) -> dict[str, Any]:
    from folkvald.seatmath.planner import best_arrangement

    return best_arrangement(spec)


COMMANDS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "allocate": _allocate,
    "plan": _plan,
}


def _fail(message: str, command: str | None = None) -> int:
    where = f"folkvald committee {command}" if command else "folkvald committee"
    print(f"{where}: error: {' '.join(message.split())}", file=sys.stderr)
    return 2


def _read(source: str, stdin: TextIO) -> str:
    if source == "-":
        return stdin.read()
    with open(source, encoding="utf-8") as handle:
        return handle.read()


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    if not args:
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        return _fail(f"unknown command {command!r}; use allocate or plan")
    if rest and rest[0] in {"-h", "--help"}:
        print(USAGE)
        return 0
    if len(rest) > 1:
        return _fail("give one FILE or - for standard input", command)
    source = rest[0] if rest else "-"
    try:
        text = _read(source, sys.stdin)
    except OSError as error:
        return _fail(f"cannot read {source}: {error.strerror or error}", command)
    except UnicodeDecodeError:
        return _fail(f"{source} is not UTF-8 text", command)
    where = "standard input" if source == "-" else source
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as error:
        return _fail(f"invalid JSON in {where}: {error}", command)
    except ValueError as error:  # a number of more than 4 300 digits
        return _fail(f"invalid JSON in {where}: {error}", command)
    except RecursionError:
        return _fail(f"invalid JSON in {where}: nested too deeply", command)
    try:
        result = COMMANDS[command](spec)
    except SeatMathError as error:
        return _fail(str(error), command)
    try:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error. Silence the final flush as the
        # Python documentation advises.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())

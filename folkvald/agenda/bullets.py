"""Read a pasted bullet list, as in a party's article, into items under policy areas.

A bullet is a line that starts with "•", "-" or "*" (a dash must be followed by a space,
so an en dash "–" opening a quotation is not a bullet). A heading is a line starting with
"#", or a short line (at most 100 characters) that does not end like a sentence
(".", ":", "!", "?", ",", ";"): the bullets that follow belong to that policy area. Other
lines are prose and are skipped. The text's first line, when prose follows it, is the
article's title, not a policy area (the Huddinge text); a "#" heading always names the area. A bullet's wrapped continuation
lines (indented, no marker) are joined to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:•|\*(?=\s)|-(?=\s))\s*(.*)$")
_MARKDOWN_HEADING = re.compile(r"^\s*#+\s*(.+?)\s*#*\s*$")
HEADING_MAX = 100
SENTENCE_ENDS = (".", ":", "!", "?", ",", ";", "…")


@dataclass(frozen=True)
class BulletItem:
    line: int
    area: str
    title: str


def _is_heading(text: str) -> bool:
    return 0 < len(text) <= HEADING_MAX and not text.endswith(SENTENCE_ENDS)


def parse_bullets(text: str, *, default_area: str = "") -> list[BulletItem]:
    items: list[BulletItem] = []
    area = default_area
    area_is_marked = False
    heading_is_title = False
    prose_since_heading = 0
    seen_text = False
    previous_was_bullet = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\xa0", " ").rstrip()
        stripped = line.strip()
        if not stripped:
            previous_was_bullet = False
            continue
        bullet = _BULLET.match(line)
        if bullet:
            seen_text = True
            title = " ".join(bullet.group(1).split())
            if title:
                in_scope = area_is_marked or not (heading_is_title and prose_since_heading > 0)
                items.append(BulletItem(line=number, area=area if in_scope else default_area, title=title))
                previous_was_bullet = True
            continue
        if previous_was_bullet and raw[:1] in {" ", "\t"} and items:
            last = items[-1]
            items[-1] = BulletItem(line=last.line, area=last.area, title=f"{last.title} {' '.join(stripped.split())}")
            continue
        previous_was_bullet = False
        heading = _MARKDOWN_HEADING.match(line)
        if heading:
            area, area_is_marked, heading_is_title, prose_since_heading = heading.group(1)[:150], True, False, 0
        elif _is_heading(stripped):
            area, area_is_marked, prose_since_heading = stripped[:150], False, 0
            heading_is_title = not seen_text
        else:
            prose_since_heading += 1
        seen_text = True
    return items

"""Forms: a count of one's own (typed or uploaded as CSV/JSON) and the what-if tool."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from folkvald.elections.services import PartyVotes, ResultData
from folkvald.organisations.models import Municipality, Organisation, Party, PartyAbbreviation
from folkvald.organisations.selectors import party_for_abbreviation

MAX_VOTES = 10_000_000
MAX_UPLOAD_BYTES = 200_000
EXTRA_ROWS = 3
ABBREVIATION_RE = re.compile(r"^[\wÅÄÖåäöÉéÜü\-]{1,12}$")


def parse_count(text: str) -> int:
    """A vote count as people type it: "16 488", "16488", with ordinary or non-breaking spaces, or "16,488"
    as an English page writes it (a count has no decimals, so commas between groups of three are grouping)."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", str(text))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", cleaned):
        cleaned = cleaned.replace(",", "")
    if not cleaned:
        raise ValidationError(_("Ange ett antal röster."))
    if not cleaned.isdigit():
        raise ValidationError(_("Röster anges som ett heltal, 0 eller mer."))
    value = int(cleaned)
    if value > MAX_VOTES:
        raise ValidationError(_("För många röster för ett kommunval."))
    return value


def parse_share(text: str) -> tuple[int, int]:
    """A percentage as typed, "22,8" or "22.8 %", as an exact fraction (numerator, denominator) of 100."""
    cleaned = re.sub(r"[\s\u00a0%]", "", str(text)).replace(",", ".")
    if not re.fullmatch(r"\d{1,3}(\.\d{1,4})?", cleaned):
        raise ValidationError(_("Andelar anges i procent, t.ex. 22,8."))
    whole, _dot, decimals = cleaned.partition(".")
    denominator = 10 ** len(decimals)
    numerator = int(whole) * denominator + (int(decimals) if decimals else 0)
    if numerator > 100 * denominator:
        raise ValidationError(_("En andel kan inte vara över 100 %."))
    return numerator, 100 * denominator


def known_party(abbreviation: str, year: int, municipality: Municipality) -> Party | None:
    local = Party.objects.filter(municipality=municipality, abbreviation__iexact=abbreviation).first()
    if local is not None:
        return local
    party = party_for_abbreviation(abbreviation=abbreviation, year=year)
    if party is not None and party.municipality_id not in (None, municipality.code):
        return None
    return party


def spelling(abbreviation: str, party: Party) -> str:
    """The abbreviation as the party spells it ("s" is S, "fp" is FP, "fönyl" FöNyL), else as typed."""
    if party.abbreviation.casefold() == abbreviation.casefold():
        return party.abbreviation
    alias = PartyAbbreviation.objects.filter(party=party, abbreviation__iexact=abbreviation).first()
    return alias.abbreviation if alias is not None else abbreviation


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object that names a key twice is refused (json.loads would keep the last silently)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValidationError(_("%(party)s finns två gånger."), params={"party": key})
        out[key] = value
    return out


def parse_upload(upload: Any) -> tuple[dict[str, int], int | None]:
    """Votes per party (and seats, if given) from an uploaded CSV or JSON file."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Filen är för stor (högst 200 kB)."))
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    name = (upload.name or "").lower()
    if name.endswith(".json") or text.lstrip().startswith("{"):
        try:
            data = json.loads(text, object_pairs_hook=_unique_pairs)
        except json.JSONDecodeError as error:
            raise ValidationError(_("Filen är inte giltig JSON: %(error)s"), params={"error": error.msg}) from error
        if not isinstance(data, dict) or not isinstance(data.get("votes"), dict):
            raise ValidationError(_('JSON-filen ska ha formen {"seats": 65, "votes": {"S": 17332, ...}}.'))
        votes = {}
        for key, value in data["votes"].items():
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise ValidationError(_("Ogiltigt antal röster för %(party)s."), params={"party": key})
            votes[str(key)] = parse_count(str(value))
        seats = data.get("seats")
        if seats is not None and (isinstance(seats, bool) or not isinstance(seats, int)):
            raise ValidationError(_("Antalet mandat ska vara ett heltal."))
        return votes, seats
    dialect = csv.Sniffer().sniff(text[:1024], delimiters=",;\t") if text.strip() else csv.excel
    votes = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) < 2:
            raise ValidationError(_("Rad %(row)s: ange parti och röster."), params={"row": number})
        if number == 1 and not re.sub(r"[\s\u00a0]", "", cells[1]).isdigit():
            continue  # a header row ("parti;röster")
        if cells[0] in votes:
            raise ValidationError(_("Rad %(row)s: %(party)s finns två gånger."), params={"row": number, "party": cells[0]})
        try:
            votes[cells[0]] = parse_count(cells[1])
        except ValidationError as error:
            raise ValidationError(
                _("Rad %(row)s: %(error)s"), params={"row": number, "error": " ".join(error.messages)}
            ) from error
    return votes, None


class UnofficialResultForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    label = forms.CharField(
        label=_("Beskrivning"), max_length=200, initial=_("Egen sammanräkning valnatten")
    )
    seats = forms.IntegerField(label=_("Mandat i fullmäktige"), min_value=1, max_value=401)
    published = forms.BooleanField(label=_("Publicera (synligt för alla)"), required=False)
    upload = forms.FileField(
        label=_("…eller ladda upp en fil (CSV: parti;röster, eller JSON)"), required=False
    )

    def __init__(self, *args: Any, organisations: list[Organisation], municipality: Municipality, year: int,
                 parties: list[str], seats: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.year = year
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if seats:
            self.fields["seats"].initial = seats
        #: (abbreviation of a fixed row or None, name of the party field of an extra row or None, votes field)
        self.party_fields: list[tuple[str | None, str | None, str]] = []
        for index, abbreviation in enumerate(parties):
            name = f"votes_{index}"
            self.fields[name] = forms.CharField(label=abbreviation, required=False, max_length=20)
            self.party_fields.append((abbreviation, None, name))
        for offset in range(EXTRA_ROWS):
            index = len(parties) + offset
            self.fields[f"party_{index}"] = forms.CharField(label=_("Annat parti (förkortning)"), required=False,
                                                            max_length=12)
            self.fields[f"votes_{index}"] = forms.CharField(label=_("Röster"), required=False, max_length=20)
            self.party_fields.append((None, f"party_{index}", f"votes_{index}"))

    def party_rows(self) -> list[tuple[forms.BoundField | None, forms.BoundField]]:
        return [(self[party] if party else None, self[votes]) for _abbr, party, votes in self.party_fields]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        votes: dict[str, int] = {}
        upload = cleaned.get("upload")
        if upload:
            try:
                votes, seats = parse_upload(upload)
            except ValidationError as error:
                self.add_error("upload", error)
                return cleaned
            if seats is not None:
                if not 1 <= seats <= 401:
                    self.add_error("upload", _("Antalet mandat ska vara mellan 1 och 401."))
                cleaned["seats"] = seats
                self.errors.pop("seats", None)
        else:
            for fixed, party_field, votes_field in self.party_fields:
                abbreviation = fixed or (cleaned.get(party_field or "") or "").strip()
                text = (cleaned.get(votes_field) or "").strip()
                if not abbreviation and not text:
                    continue
                if not abbreviation:
                    self.add_error(party_field, _("Ange partiets förkortning."))
                    continue
                if not text:
                    continue
                try:
                    count = parse_count(text)
                except ValidationError as error:
                    self.add_error(votes_field, error)
                    continue
                if abbreviation in votes:
                    self.add_error(party_field or votes_field,
                                   _("%(party)s finns två gånger.") % {"party": abbreviation})
                    continue
                votes[abbreviation] = count
        spelled: dict[str, int] = {}  # as the party spells it: "s" typed is S, and "s" and "S" are one party
        for abbreviation, count in votes.items():
            if not ABBREVIATION_RE.match(abbreviation):
                self.add_error(None, _("Ogiltig partiförkortning: %(party)s.") % {"party": abbreviation})
                continue
            party = known_party(abbreviation, self.year, self.municipality)
            if party is None:
                self.add_error(
                    None,
                    _("Okänt parti i %(place)s: %(party)s.") % {"place": self.municipality.name,
                                                               "party": abbreviation},
                )
                continue
            name = spelling(abbreviation, party)
            if name in spelled:
                self.add_error(None, _("%(party)s finns två gånger.") % {"party": name})
                continue
            spelled[name] = count
        if not self.errors and not any(spelled.values()):
            raise ValidationError(_("Ange röster för minst ett parti."))
        cleaned["votes"] = spelled
        return cleaned

    def result_data(self) -> ResultData:
        votes = self.cleaned_data["votes"]
        parties = []
        for abbreviation, count in votes.items():
            party = known_party(abbreviation, self.year, self.municipality)
            parties.append(PartyVotes(abbreviation=abbreviation, votes=count, name=party.name if party else "",
                                      colour=party.colour if party else ""))
        # Whether the municipality was divided that year decides the threshold (3 % where divided, from 2018).
        figures = self.municipality.election_figures.filter(year=self.year).first()
        return ResultData(
            year=self.year,
            seats=self.cleaned_data["seats"],
            parties=parties,
            municipality_code=self.municipality.code,
            source_name=getattr(self.cleaned_data.get("upload"), "name", "") or "",
            divided=figures.divided if figures is not None else None,
        )


class WhatIfForm(forms.Form):
    """Votes or shares per party; unknown or missing fields keep the real figure."""

    MODES = [("votes", _("röster")), ("shares", _("andelar i procent"))]
    mode = forms.ChoiceField(label=_("Ändra"), choices=MODES, initial="votes", widget=forms.RadioSelect)

    def __init__(self, *args: Any, rows: list[tuple[str, int, tuple[int, int]]], valid_votes: int,
                 **kwargs: Any) -> None:
        """rows: (abbreviation, votes, exact share as (numerator, denominator))."""
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.valid_votes = valid_votes
        for index, (abbreviation, votes, (numerator, denominator)) in enumerate(rows):
            share_text = f"{numerator * 100 / denominator:.1f}".replace(".", ",")
            self.fields[f"v{index}"] = forms.CharField(label=abbreviation, required=False, initial=str(votes),
                                                       max_length=20)
            self.fields[f"p{index}"] = forms.CharField(label=abbreviation, required=False, initial=share_text,
                                                       max_length=10)

    def party_fields(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(abbreviation, self[f"v{index}"], self[f"p{index}"])
                for index, (abbreviation, _votes, _share) in enumerate(self.rows)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        mode = cleaned.get("mode") or "votes"
        votes: dict[str, int] = {}
        for index, (abbreviation, original, _share) in enumerate(self.rows):
            if mode == "shares":
                text = (cleaned.get(f"p{index}") or "").strip()
                if not text or text == self.fields[f"p{index}"].initial:
                    votes[abbreviation] = original  # an untouched (rounded) share keeps the real votes
                    continue
                try:
                    numerator, denominator = parse_share(text)
                except ValidationError as error:
                    self.add_error(f"p{index}", error)
                    continue
                # Shares are of the valid votes; round half up to whole votes.
                votes[abbreviation] = (2 * numerator * self.valid_votes + denominator) // (2 * denominator)
            else:
                text = (cleaned.get(f"v{index}") or "").strip()
                if not text:
                    votes[abbreviation] = original
                    continue
                try:
                    votes[abbreviation] = parse_count(text)
                except ValidationError as error:
                    self.add_error(f"v{index}", error)
        if not self.errors and not any(votes.values()):
            raise ValidationError(_("Minst ett parti behöver röster."))
        cleaned["votes"] = votes
        return cleaned

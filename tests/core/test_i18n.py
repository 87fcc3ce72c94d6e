"""Swedish by default, English when chosen: the English catalogue is complete, translated, compiled,
and the pages follow the switch.

The catalogue is folkvald/locale/en/LC_MESSAGES/django.po; `make messages` regenerates and compiles it
(docs/i18n.md). These tests need GNU gettext's tools (xgettext, msgmerge, msgfmt), as `make messages` does.
"""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

import folkvald
from folkvald.elections.importing import import_files
from folkvald.elections.services import bloc_set
from folkvald.organisations.models import Person, Role, RoleKind
from tests.agenda.conftest import agenda  # noqa: F401  (the fixture, used by name)
from tests.campaigns.conftest import campaign  # noqa: F401  (the fixture, used by name)
from tests.elections.conftest import data_file

PACKAGE = Path(folkvald.__file__).parent
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
NBSP = "\xa0"


# --- Reading a .po file -----------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def where(self) -> str:
        return self.references[0] if self.references else "?"


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file as makemessages writes it; the header is the entry with msgid ""."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry, target = None, None
            continue
        entry = entry or Entry()
        if line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#:"):
            entry.references += line[2:].split()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert target is not None, line
            value = ast.literal_eval(line)
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, getattr(entry, name) + value)
        else:
            match = re.fullmatch(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")", line)
            assert match, f"unreadable line in {path.name}: {line!r}"
            name, index, value = match.group(1), int(match.group(2) or 0), ast.literal_eval(match.group(3))
            if name == "msgstr":
                entry.msgstr[index] = value
            else:
                setattr(entry, name, value)
            target = (name, index)
    return entries


def messages(path: Path) -> list[Entry]:
    return [entry for entry in read_po(path) if entry.msgid and not entry.obsolete]


def header(path: Path) -> tuple[Entry, dict[str, str]]:
    entry = next(entry for entry in read_po(path) if entry.msgid == "")
    fields = dict(line.split(": ", 1) for line in entry.msgstr[0].splitlines() if ": " in line)
    return entry, fields


def gettext_tool(name: str) -> str:
    tool = shutil.which(name)
    assert tool, f"{name} not found: install GNU gettext (apt-get install gettext), which `make messages` needs too"
    return tool


# --- The catalogue ------------------------------------------------------------------------------------


def test_catalogue_header_is_english_with_plurals_and_not_fuzzy():
    entry, fields = header(PO)
    assert "fuzzy" not in entry.flags, "a fuzzy header is left out of the .mo, and its plural rule with it"
    assert fields["Language"] == "en"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = messages(PO)
    assert len(entries) > 1000  # the whole UI, not a stub
    untranslated = [f"{e.where}: {e.msgid!r}" for e in entries if not all(e.msgstr.values()) or not e.msgstr]
    fuzzy = [f"{e.where}: {e.msgid!r}" for e in entries if "fuzzy" in e.flags]
    plurals_short = [f"{e.where}: {e.msgid!r}" for e in entries if e.msgid_plural and sorted(e.msgstr) != [0, 1]]
    assert not untranslated, "untranslated in django.po (translate them, then `make messages`):\n" + "\n".join(
        untranslated)
    assert not fuzzy, "fuzzy in django.po (check the translation and remove the fuzzy flag):\n" + "\n".join(fuzzy)
    assert not plurals_short, "plural entries need msgstr[0] and msgstr[1]:\n" + "\n".join(plurals_short)


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%|\{\{\s*\w+\s*\}\}")


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_translations_keep_every_placeholder():
    wrong = []
    for e in messages(PO):
        if e.msgid_plural is None:
            expected = {0: _placeholders(e.msgid)}
        else:
            # The singular may say "One seat" where the Swedish says "Ett mandat"; the plural keeps all.
            expected = {1: _placeholders(e.msgid_plural)}
            if _placeholders(e.msgstr.get(0, "")) and not set(_placeholders(e.msgstr[0])) <= set(expected[1]):
                wrong.append(f"{e.where}: {e.msgid!r} -> {e.msgstr[0]!r}")
        for index, names in expected.items():
            if _placeholders(e.msgstr.get(index, "")) != names:
                wrong.append(f"{e.where}: {e.msgid!r} -> {e.msgstr.get(index)!r}")
    assert not wrong, "translations that lose or add a placeholder:\n" + "\n".join(wrong)


def test_no_msgid_holds_an_escape_that_python_would_decode():
    """xgettext keeps "\\u201c" in Python source as six characters, so such a string never finds its
    translation: write the character itself (“ ”) in translated strings."""
    escaped = [f"{e.where}: {e.msgid!r}" for e in messages(PO) if re.search(r"\\[uUxN]", e.msgid)]
    assert not escaped, "\n".join(escaped)


def test_catalogue_is_complete(tmp_path, monkeypatch):
    """makemessages over a copy of the package finds no string that the committed catalogue lacks."""
    gettext_tool("xgettext")
    gettext_tool("msgmerge")
    copy = tmp_path / "folkvald"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "data", "__pycache__", "*.mo"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["en"], no_obsolete=True, verbosity=0)
    regenerated = {e.key: e for e in messages(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")}
    committed = {e.key: e for e in messages(PO)}
    missing = [f"{e.where}: {e.msgid!r}" for key, e in regenerated.items() if key not in committed]
    stale = [f"{e.where}: {e.msgid!r}" for key, e in committed.items() if key not in regenerated]
    assert not missing, (
        f"{len(missing)} string(s) marked for translation are missing from django.po: run `make messages`, "
        "translate them in folkvald/locale/en/LC_MESSAGES/django.po, run `make messages` again and commit "
        "django.po and django.mo:\n" + "\n".join(missing)
    )
    assert not stale, (
        f"{len(stale)} string(s) in django.po are no longer in the source: run `make messages` and commit "
        "django.po and django.mo:\n" + "\n".join(stale)
    )


def test_compiled_catalogue_matches_the_po(tmp_path):
    """The committed .mo holds what the committed .po says (compare the catalogues, not the bytes)."""
    compiled = tmp_path / "django.mo"
    subprocess.run([gettext_tool("msgfmt"), "--check-format", "-o", str(compiled), str(PO)], check=True)
    with MO.open("rb") as committed_file, compiled.open("rb") as fresh_file:
        committed = gettext.GNUTranslations(committed_file)
        fresh = gettext.GNUTranslations(fresh_file)
    assert committed._catalog == fresh._catalog, "django.mo is out of date: run `make messages` and commit it"
    assert [committed.ngettext("a", "b", n) for n in range(3)] == [fresh.ngettext("a", "b", n) for n in range(3)]


def test_django_finds_the_english_catalogue():
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Logga in") == "Sign in"
        assert translation.gettext("arbetarekommun / lokalavdelning") == "municipal branch"
        assert translation.gettext("procentenheter") == "procentenheter"  # not a msgid: unchanged
        assert translation.ngettext("%(n)s koalition", "%(n)s koalitioner", 2) % {"n": 2} == "2 coalitions"
    with translation.override("sv"):
        assert translation.gettext("Logga in") == "Logga in"


# --- The pages ----------------------------------------------------------------------------------------


def text_of(response) -> str:
    """The visible text: no tags, attributes or scripts; non-breaking spaces kept."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"[ \t\r\n]+", " ", html)


@pytest.fixture
def pages(world, agenda, campaign):  # noqa: F811
    """Home, Lund's branch (with a public contact), Lund's 2014 election, the branch's reform report and its
    conversation campaign (the seed's 16 488 conversations against the adopted 15 000)."""
    from folkvald.campaigns import services as campaigns

    campaigns.target_adopt(campaign=campaign, organisation=world.branch, value=15_000)
    for conversations in [999] * 16 + [504]:  # 16 488, at most 999 a report
        campaigns.report_create(campaign=campaign, organisation=world.branch, reporter=None,
                                date=dt.date(2014, 5, 3), place="Stationen", activity="street_stall",
                                conversations=conversations, topics=["skola"])
    report = import_files([data_file(year, "1281") for year in (2010, 2014)])
    assert not report.failed
    bloc_set(municipality_code="1281", period=2014, name="de rödgröna", parties=["S", "MP", "V", "FI"], position=0)
    person = Person.objects.create(first_name="Kim", last_name="Lindqvist")
    Role.objects.create(person=person, organisation=world.branch, kind=RoleKind.POLITICAL_SECRETARY,
                        start="2022-10-15", is_public_contact=True, contact_phone="046-12 34 56")
    return {
        "home": reverse("home"),
        "organisation": reverse("organisations:public", args=[world.branch.pk]),
        "election": reverse("elections:election", args=["1281", 2014]),
        "report": reverse("agenda:report", args=[world.branch.pk, "2022-2026"]),
        "campaign": reverse("campaigns:organisation", args=[campaign.pk, world.branch.pk]),
    }


# What each page says in Swedish and in English. The figures are Lund 2014's (Valmyndigheten:
# 75 906 valid votes; S + MP + V + FI 36 550 = 48.15 %, 31 of 65 seats, M down 9.27 points) and the
# agenda fixture's (weighted progress 3/10, a decision of 2023-06-12 with +5.7 % and 5 939 homes).
SWEDISH = {
    "home": ["Lokala organisationer", "Logga in", "Hoppa till innehållet", "Byt språk"],
    "organisation": ["arbetarekommun / lokalavdelning", "kommunkod 1281", "Kontakt", "politisk sekreterare",
                     "Föreningar och avdelningar"],
    "election": ["Giltiga röster 75\xa0906", "de rödgröna (S + MP + V + FI): 48,2\xa0%", "31 av 65 mandat",
                 "ingen egen majoritet (behöver 33)", "M −9,3 procentenheter", "Röster som saknades för ett mandat till"],
    "report": ["Vad har vi gjort sedan valet?", "Mandatperioden 2022–2026", "30,0\xa0% genomfört, viktat",
               "1 av 3 reformer genomförda", "Kommunfullmäktige · 2023-06-12 · § 98", "+5,7\xa0%",
               "5\xa0939\xa0bostäder"],
    "campaign": ["16\xa0488 av 15\xa0000 samtal, 110\xa0%", "Vecka för vecka", "Rapporterade samtal", "v19"],
}
ENGLISH = {
    "home": ["Local organisations", "Sign in", "Skip to content", "Change language"],
    "organisation": ["municipal branch", "municipality code 1281", "Contact", "political secretary",
                     "Associations and branches"],
    "election": ["Valid votes 75,906", "de rödgröna (S + MP + V + FI): 48.2%", "31 of 65 seats",
                 "no majority of its own (needs 33)", "M −9.3 percentage points", "Votes lacking for one more seat"],
    "report": ["What have we done since the election?", "Mandate period 2022–2026", "30.0% done, weighted",
               "1 of 3 reforms done", "Municipal council · 2023-06-12 · § 98", "+5.7\xa0%", "5,939\xa0bostäder"],
    "campaign": ["16,488 of 15,000 conversations, 110%", "Week by week", "Reported conversations", "w19"],
}


def _assert_page(text: str, expected: list[str], absent: list[str], name: str) -> None:
    missing = [phrase for phrase in expected if phrase not in text]
    present = [phrase for phrase in absent if phrase in text]
    assert not missing, f"{name}: missing {missing}"
    assert not present, f"{name}: still shows {present}"


def test_swedish_by_default_with_swedish_formats(client, pages):
    for name, url in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")  # the browser's wish does not count
        assert response["Content-Language"] == "sv"
        _assert_page(text_of(response), SWEDISH[name], ENGLISH[name], name)


def test_the_switch_makes_every_page_english(client, pages):
    """The base template's form: POST language and next to /i18n/setlang/."""
    response = client.post("/i18n/setlang/", {"language": "en", "next": pages["election"]})
    assert response.status_code == 302 and response["Location"] == pages["election"]
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    for name, url in pages.items():
        response = client.get(url)
        assert response["Content-Language"] == "en"
        assert '<html lang="en">' in response.content.decode()
        _assert_page(text_of(response), ENGLISH[name], SWEDISH[name], name)


def test_no_swedish_interface_text_on_an_english_page(client, pages):
    """No msgid of the catalogue (a phrase of two words or more) is left on the English pages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    phrases = {e.msgid for e in messages(PO) if " " in e.msgid and not PLACEHOLDER.search(e.msgid)}
    phrases -= {e.msgid for e in messages(PO) if e.msgstr.get(0) == e.msgid}  # the same in both, e.g. "town hall"
    for name, url in pages.items():
        text = text_of(client.get(url))
        left = sorted(phrase for phrase in phrases if phrase in text)
        assert not left, f"{name}: Swedish left on the English page: {left}"


def test_back_to_swedish(client, pages):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    response = client.get(pages["report"])
    assert response["Content-Language"] == "sv"
    _assert_page(text_of(response), SWEDISH["report"], ENGLISH["report"], "report")


def test_an_unknown_language_falls_back_to_swedish(client, pages):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    response = client.get(pages["home"])
    assert response["Content-Language"] == "sv"
    assert "Lokala organisationer" in text_of(response)


def test_the_switch_names_each_language_in_itself(client, db):
    for language in ("sv", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get("/").content.decode()
        assert re.search(r'<option value="sv" lang="sv"[^>]*>Svenska</option>', html), language
        assert re.search(r'<option value="en" lang="en"[^>]*>English</option>', html), language
        assert "Engelska" not in html


# --- Error pages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected", "absent"), [
    ("sv", "Något gick fel", "Something went wrong"),
    ("en", "Something went wrong", "Något gick fel"),
])
def test_the_server_error_page_speaks_the_chosen_language(rf, language, expected, absent):
    """Django renders 500.html without a request: it must not need one."""
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override(language):
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in html
    assert expected in html and absent not in html


def test_a_refused_form_explains_itself_in_the_chosen_language(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})  # no CSRF token
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert response.status_code == 403
    assert "The form could not be sent" in response.content.decode()


def test_the_missing_page_speaks_the_chosen_language(client, db):
    assert "Sidan finns inte" in text_of_error(client.get("/organisationer/999999/"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Page not found" in text_of_error(client.get("/organisationer/999999/"))


def text_of_error(response) -> str:
    assert response.status_code == 404
    return response.content.decode()


def test_the_choice_is_kept_for_a_year(client, db):
    """Django's default language cookie ends with the browser session: a volunteer's phone would forget it."""
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"


# --- Nothing left unmarked -------------------------------------------------------------------------------

# Text that is the same in every language: the name, acronyms, people's names in the power indices.
SAME_IN_EVERY_LANGUAGE = {"folkvald", "Language", "Banzhaf", "Shapley–Shubik"}
VISIBLE_ATTRIBUTE = re.compile(r'\b(title|aria-label|aria-description|placeholder|alt|data-msg[\w-]*)="([^"]*)"')


def _unmarked_text(source: str) -> list[str]:
    """Visible text of a template outside {% translate %} and {% blocktranslate %}, and outside examples."""
    text = re.sub(r"\{%\s*blocktranslate\b.*?\{%\s*endblocktranslate\s*%\}", " ", source, flags=re.S)
    text = re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style|pre|code|samp|textarea)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"\{%\s*translate\b.*?%\}", " ", text)  # marked, also inside an attribute
    found = []
    for match in VISIBLE_ATTRIBUTE.finditer(text):
        value = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", "", match.group(2)).strip()
        if re.search(r"[^\W\d_]{2,}", value) and value not in SAME_IN_EVERY_LANGUAGE:
            found.append(f'{match.group(1)}="{match.group(2)}"')
    text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", text, flags=re.S)
    for node in re.split(r"<[^>]*>", text):
        for piece in re.split(r"\s{2,}|\n|\s[·|–—]\s", node):
            piece = re.sub(r"&\w+;|&#\d+;", " ", piece).strip(" ·–—:,.;()[]|/+=\t")
            if not re.search(r"[^\W\d_]{2,}", piece) or piece in SAME_IN_EVERY_LANGUAGE:
                continue
            if re.fullmatch(r"[A-Z0-9 ./()+\-]+", piece):  # CSV, JSON, XLSX, iCal-like acronyms
                continue
            found.append(piece)
    return found


def test_templates_have_no_unmarked_text():
    """Every word a template shows goes through {% translate %} (examples in <pre> and <code> excepted)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.html")):
        if "static" in path.parts:
            continue
        found += [f"{path.relative_to(PACKAGE)}: {piece!r}" for piece in _unmarked_text(path.read_text(encoding="utf-8"))]
    assert not found, "text not marked for translation (wrap it in {% translate %}):\n" + "\n".join(found)


def test_the_unmarked_text_check_finds_what_it_should():
    assert _unmarked_text('<p>Hej {{ name }}</p><a title="Till toppen">Upp</a>') == ['title="Till toppen"', "Hej", "Upp"]
    assert _unmarked_text('<p aria-label="{% translate "Andel" %}">{% blocktranslate %}Hej{% endblocktranslate %}</p>') == []
    assert _unmarked_text('<p>{% translate "Hej" %} {{ name }}</p><pre>datum;plats</pre> CSV · folkvald') == []


def test_python_messages_and_errors_are_marked():
    """A message or validation error written as a bare string in views, forms, services, models or admin would
    stay Swedish on an English page: each goes through gettext."""
    import ast

    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name not in {"views.py", "forms.py", "services.py", "models.py", "admin.py"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in {"success", "info", "warning", "error", "add_message", "ValidationError"}:
                texts = node.args
            elif name == "add_error":
                texts = node.args[1:]  # the first is the field's name
            else:
                continue
            for arg in texts:
                if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {ast.unparse(arg)[:80]}")
    assert not found, "wrap these in gettext (_) / gettext_lazy:\n" + "\n".join(found)


def test_internal_pages_and_forms_in_english(client, world, pages, campaign):  # noqa: F811
    """Signed in as the branch's political secretary: overviews and forms (labels, help texts, choices)."""
    client.force_login(world.owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    internal = {
        reverse("organisations:internal", args=[world.branch.pk]): ["People and roles", "political secretary",
                                                                   "Associations and branches"],
        reverse("agenda:internal", args=[world.branch.pk]): ["Agreements, reforms and decisions", "Export as CSV"],
        reverse("agenda:reform_create", args=[world.branch.pk]): ["Policy area", "Measurable target, unit",
                                                                   "manifesto"],
        reverse("campaigns:report", args=[campaign.pk]): ["Report conversations", "Number of conversations",
                                                          "door-knocking", "Save the report"],
        reverse("elections:what_if", args=["1281", 2014]): ["What if: Lund 2014", "Votes and shares by party"],
        reverse("policy:overview", args=[world.branch.pk]): ["Working groups", "New working group"],
    }
    phrases = {e.msgid for e in messages(PO) if " " in e.msgid and not PLACEHOLDER.search(e.msgid)}
    phrases -= {e.msgid for e in messages(PO) if e.msgstr.get(0) == e.msgid}
    for url, expected in internal.items():
        text = text_of(client.get(url))
        missing = [phrase for phrase in expected if phrase not in text]
        left = sorted(phrase for phrase in phrases if phrase in text)
        assert not missing, f"{url}: missing {missing}"
        assert not left, f"{url}: Swedish left on the English page: {left}"


def test_the_api_answers_a_phone_in_its_language(client, world, campaign):  # noqa: F811
    """The offline report form shows the API's reason when a queued report is refused."""
    import json

    from tests.campaigns.conftest import report_payload

    client.force_login(world.member)
    url = f"/api/v1/campaigns/{campaign.pk}/reports"
    body = json.dumps(report_payload(world.branch, team=999_999))
    response = client.post(url, body, content_type="application/json")
    assert (response.status_code, response.json()["detail"]) == (422, "Okänt lag.")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(url, body, content_type="application/json")
    assert (response.status_code, response.json()["detail"]) == (422, "Unknown team.")
    assert response["Content-Language"] == "en"

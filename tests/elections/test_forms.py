"""Parsing what people type and upload: vote counts, shares, CSV and JSON."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from folkvald.elections.forms import parse_count, parse_share, parse_upload


@pytest.mark.parametrize(("text", "expected"), [("16488", 16488), ("16 488", 16488), ("16\u00a0488", 16488), ("0", 0),
                                               ("16,488", 16488), ("1,500,000", 1500000)])
def test_counts_as_people_type_them(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["-5", "1,5", "16,48", "1,5000", ",488", "tio", "", "99999999999"])
def test_bad_counts_are_refused(text):
    with pytest.raises(ValidationError):
        parse_count(text)


def test_shares_are_exact():
    assert parse_share("22,8") == (228, 1000)
    assert parse_share("48 %") == (48, 100)
    assert parse_share("0,05") == (5, 10000)
    with pytest.raises(ValidationError):
        parse_share("101")
    with pytest.raises(ValidationError):
        parse_share("abc")


def test_csv_upload_with_header_and_semicolons():
    upload = SimpleUploadedFile("natt.csv", "parti;röster\nS;17 332\nM;14249\n".encode())
    assert parse_upload(upload) == ({"S": 17332, "M": 14249}, None)


def test_json_upload_with_seats():
    upload = SimpleUploadedFile("natt.json", b'{"seats": 65, "votes": {"S": 17332, "MP": 10822}}')
    assert parse_upload(upload) == ({"S": 17332, "MP": 10822}, 65)


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"votes": [1, 2]}', b'{"votes": {"S": -1}}', b"S;17332\nM;many\n", b'{"votes": {"S": true}}'],
)
def test_bad_uploads_are_refused_with_a_message(content):
    with pytest.raises(ValidationError) as error:
        parse_upload(SimpleUploadedFile("x.json" if content.startswith(b"{") else "x.csv", content))
    assert error.value.messages


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("natt.csv", b"parti;r\xc3\xb6ster\nS;17332\nM;14249\nS;100\n", "Rad 4: S finns två gånger."),
     ("natt.json", b'{"seats": 65, "votes": {"S": 17332, "M": 14249, "S": 100}}', "S finns två gånger.")],
)
def test_a_party_named_twice_in_an_upload_is_refused(name, content, message):
    # A second row for S must not silently replace the first (json.loads would keep the last).
    with pytest.raises(ValidationError) as error:
        parse_upload(SimpleUploadedFile(name, content))
    assert error.value.messages == [message]

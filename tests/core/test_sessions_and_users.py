"""The session and user read by constant statements (folkvald.core.sessions, folkvald.core.auth)
behave as Django's own: the same user, nobody for an expired session, a deleted or inactive user."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from folkvald.core.auth import ModelBackend
from folkvald.core.models import Session
from folkvald.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return get_user_model().objects.create_user("anna", password="a-long-password-1", email="anna@example.org")


def signed_in(user) -> Client:
    client = Client()
    response = client.post("/konto/logga-in/", {"username": "anna", "password": "a-long-password-1"})
    assert response.status_code == 302, response.content[:300]
    return client


def test_the_settings_use_them():
    assert settings.SESSION_ENGINE == "folkvald.core.sessions" or settings.SESSION_ENGINE.endswith(".cache")
    assert "folkvald.core.auth.ModelBackend" in settings.AUTHENTICATION_BACKENDS


def test_a_signed_in_user_is_read_back_with_every_field(user):
    user.last_login = timezone.now() - dt.timedelta(days=3)
    user.save(update_fields=["last_login"])
    read = ModelBackend().get_user(str(user.pk))
    expected = get_user_model().objects.get(pk=user.pk)
    for field in get_user_model()._meta.concrete_fields:
        assert getattr(read, field.attname) == getattr(expected, field.attname), field.name
    assert timezone.is_aware(read.last_login) and timezone.is_aware(read.date_joined)
    assert read.is_active is True and read._state.adding is False and read._state.db == "default"


def test_the_time_stamps_are_read_only_when_asked_for(user):
    read = ModelBackend().get_user(str(user.pk))
    assert read.get_deferred_fields() == {"last_login", "date_joined"}  # not in the request's statement
    assert read.date_joined == get_user_model().objects.get(pk=user.pk).date_joined  # loaded on access
    assert "date_joined" not in read.get_deferred_fields()


def test_nobody_for_a_missing_or_inactive_user(user):
    assert ModelBackend().get_user(str(user.pk + 1000)) is None
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert ModelBackend().get_user(str(user.pk)) is None


def test_a_session_signs_in_and_an_expired_one_does_not(user):
    client = signed_in(user)
    assert client.get("/oversikt/").status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert SessionStore(key).load()["_auth_user_id"] == str(user.pk)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None  # as Django's: an expired key is not reused
    response = client.get("/oversikt/")
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_a_deleted_user_is_signed_out(user):
    client = signed_in(user)
    user.delete()
    response = client.get("/oversikt/")
    assert response.status_code == 302


def test_a_changed_password_ends_other_sessions(user):
    client = signed_in(user)
    user.set_password("another-long-password-2")
    user.save()
    assert client.get("/oversikt/").status_code == 302


def test_the_session_and_its_user_are_one_query(user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.get(session_key=key).user_id == user.pk
    client.get("/api/v1/campaigns")  # warm: statements made once
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/campaigns").status_code == 200
    statements = [q["sql"] for q in queries.captured_queries]
    assert "core_session" in statements[0]  # the session, joined with its user (EXECUTE on PostgreSQL)
    assert not any("auth_user" in sql or "core_user_by_id" in sql for sql in statements[1:])  # not read again


def test_a_session_without_a_user_has_no_user_id(db):
    store = SessionStore()
    store["cart"] = "nothing"
    store.save()
    assert Session.objects.get(session_key=store.session_key).user_id is None
    assert SessionStore(store.session_key).load() == {"cart": "nothing"}


def test_the_user_read_with_a_session_serves_only_that_request(user):
    from folkvald.core import auth

    client = signed_in(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    SessionStore(key).load()  # offers the row, as of now
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    # A new request forgets what an earlier one read: the user is read again, and is now inactive.
    from django.core.signals import request_finished, request_started

    assert any(receiver() is auth._forget_offered_user for _key, receiver, *_rest in request_started.receivers)
    assert any(receiver() is auth._forget_offered_user for _key, receiver, *_rest in request_finished.receivers)
    auth._forget_offered_user()
    assert ModelBackend().get_user(str(user.pk)) is None
    assert client.get("/oversikt/").status_code == 302  # and a request sees the user as now
    # Taken once: a second get_user in one request reads the row again.
    get_user_model().objects.filter(pk=user.pk).update(is_active=True)
    SessionStore(key).load()
    assert auth._offered.get() is not None
    assert ModelBackend().get_user(str(user.pk)) is not None
    assert auth._offered.get() is None


def test_an_offered_row_of_another_user_is_not_used(user):
    other = get_user_model().objects.create_user("bertil", password="b-long-password-1")
    client = signed_in(user)
    SessionStore(client.cookies[settings.SESSION_COOKIE_NAME].value).load()
    assert ModelBackend().get_user(str(other.pk)).username == "bertil"


def test_deleting_a_user_deletes_their_sessions(user):
    client = signed_in(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    user.delete()
    assert not Session.objects.filter(session_key=key).exists()


def test_a_checked_session_text_is_kept_but_never_trusted_when_altered(user):
    from django.test import override_settings

    from folkvald.core import sessions

    client = signed_in(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    text = Session.objects.get(session_key=key).session_data
    store = SessionStore(key)
    first = store.decode(text)
    assert first["_auth_user_id"] == str(user.pk)
    assert text in sessions._DECODED
    first["_auth_user_id"] = "999"  # the caller's own dict: the kept data does not change
    assert store.decode(text)["_auth_user_id"] == str(user.pk)
    # One character of the signed text changed: checked anew, and refused as Django refuses it.
    altered = text[:-2] + ("A" if text[-2] != "A" else "B") + text[-1]
    assert store.decode(altered) == {}
    assert altered not in sessions._DECODED
    # New keys: what was checked with the old ones is not trusted any more.
    with override_settings(SECRET_KEY="another-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-xyz"):
        assert sessions._DECODED == {}
        assert SessionStore(key).decode(text) == {}
    assert client.get("/oversikt/").status_code == 200  # the old key again: signed in as before


def test_session_data_that_is_not_plain_values_is_decoded_every_time(db):
    from folkvald.core import sessions

    store = SessionStore()
    store["basket"] = ["a"]
    store.save()
    text = Session.objects.get(session_key=store.session_key).session_data
    decoded = SessionStore(store.session_key).decode(text)
    decoded["basket"].append("b")
    assert text not in sessions._DECODED
    assert SessionStore(store.session_key).load() == {"basket": ["a"]}


def test_the_kept_texts_are_bounded(db, monkeypatch):
    from folkvald.core import sessions

    monkeypatch.setattr(sessions, "_DECODED_LIMIT", 3)
    sessions._DECODED.clear()
    texts = []
    for number in range(5):
        store = SessionStore()
        store["n"] = number
        store.save()
        texts.append(Session.objects.get(session_key=store.session_key).session_data)
        assert SessionStore(store.session_key).load() == {"n": number}
        assert len(sessions._DECODED) <= 3
    assert texts[-1] in sessions._DECODED

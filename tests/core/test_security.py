"""Security headers, CSP, CSRF and the login rate limit."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import make_user


def test_security_headers_and_csp(client, db):
    response = client.get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_reference_no_other_origin(client, db):
    content = client.get("/").content.decode()
    assert "http://" not in content.replace("http://testserver", "")
    assert "https://" not in content


def test_csrf_is_enforced_on_login(db):
    make_user("csrfuser")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "csrfuser", "password": "pw-csrfuser"})
    assert response.status_code == 403


def test_session_and_csrf_cookies_are_secure_in_production(settings):
    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.CSRF_COOKIE_SECURE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.django_db
def test_login_is_rate_limited(client, settings):
    make_user("target")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "target", "password": "wrong"}, REMOTE_ADDR="10.9.9.9")
    locked = client.post(reverse("login"), {"username": "target", "password": "pw-target"}, REMOTE_ADDR="10.9.9.9")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is not locked out by someone else's failures.
    other = Client()
    ok = other.post(reverse("login"), {"username": "target", "password": "pw-target"}, REMOTE_ADDR="10.8.8.8")
    assert ok.status_code == 302


def test_login_succeeds_with_the_right_password(client, db):
    make_user("right")
    response = client.post(reverse("login"), {"username": "right", "password": "pw-right"})
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:overview")


def test_swedish_first_whatever_the_browser_asks(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "sv"
    assert '<html lang="sv">' in response.content.decode()


def test_english_when_chosen(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()

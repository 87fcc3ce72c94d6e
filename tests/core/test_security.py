"""Security headers, CSP, CSRF and the login rate limit."""

import pytest
from django.contrib.auth import get_user_model
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


def test_cookies_are_secure_httponly_and_same_site(client, db):
    make_user("cookies")
    page = client.get(reverse("login"))
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] is True and csrf["samesite"] == "Lax"
    response = client.post(reverse("login"), {"username": "cookies", "password": "pw-cookies"})
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_strict_transport_security_over_https(client, db):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_csrf_is_enforced_on_api_writes(db, world):
    from folkvald.councils.models import Council

    council = Council.objects.create(municipality_id="1281", period_start=2022, seats_total=65)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.owner)
    body = {"organisation_id": world.branch.pk, "name": "Utan token", "lists": []}
    response = strict.post(f"/api/v1/councils/{council.pk}/scenarios", body, content_type="application/json")
    assert response.status_code == 403
    assert not council.scenarios.exists()


def test_the_admin_sign_in_is_rate_limited_too(client, settings, db):
    get_user_model().objects.create_superuser("chef", password="pw-chef-right")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "chef", "password": "fel"}, REMOTE_ADDR="10.7.7.7")
    locked = client.post(reverse("admin:login"), {"username": "chef", "password": "pw-chef-right"},
                         REMOTE_ADDR="10.7.7.7")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_the_policy_built_once_is_django_csps_policy(client, db):
    from csp.utils import build_policy

    for path in ("/", "/api/v1/campaigns"):
        response = client.get(path)
        assert directives(response["Content-Security-Policy"]) == directives(build_policy())
        assert "Content-Security-Policy-Report-Only" not in response


def test_the_policy_follows_the_settings(client, db, settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "https://tiles.example.org"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'none'"]},
                                                    "EXCLUDE_URL_PREFIXES": ["/api/"]}
    page = client.get("/")
    assert directives(page["Content-Security-Policy"]) == {"default-src": "'self'",
                                                           "img-src": "'self' https://tiles.example.org"}
    assert page["Content-Security-Policy-Report-Only"] == "default-src 'none'"
    assert "Content-Security-Policy-Report-Only" not in client.get("/api/v1/campaigns")

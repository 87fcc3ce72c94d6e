"""Two app servers against one PostgreSQL: a sign-in through one holds on the other, and a write
through one is read through the other. Sessions in the database, and in Redis with REDIS_URL."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from django.db import connection

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def app_server(env: dict[str, str], static_root: Path):
    """One app server as in production: its own static files, collected by `folkvald serve`."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "folkvald.cli", "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        env={**env, "STATIC_ROOT": str(static_root)}, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(url + "/api/v1/municipalities?county=25", timeout=10).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or slow on a busy machine
                time.sleep(0.2)
        else:
            raise AssertionError("app server did not start: " + process.stderr.read1(4000).decode())
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def server_env(redis: bool) -> dict[str, str]:
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL"}}
    env.update(
        DEBUG="false",
        SECRET_KEY="shared-secret-key-of-both-app-servers-0123456789-abcdefghij",
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="0",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        LOGIN_RATE_LIMIT="false",
        ACCESS_LOG="/dev/null",
    )
    if redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    return env


def sign_in(session: requests.Session, url: str, username: str, password: str) -> None:
    page = session.get(url + "/konto/logga-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        url + "/konto/logga-in/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": url + "/konto/logga-in/"},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]


@pytest.mark.parametrize("redis", [False, True], ids=["sessions-in-postgresql", "sessions-in-redis"])
def test_two_app_servers_share_sign_in_and_data(redis, tmp_path, reference_data):
    if connection.vendor != "postgresql":
        pytest.fail("run with DATABASE_URL=postgres://... (make test-postgres)")
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)
    from django.contrib.auth.hashers import make_password

    # The app servers run production settings, which know PBKDF2, not the tests' fast hasher.
    get_user_model().objects.create(
        username="chef", is_staff=True, is_superuser=True,
        password=make_password("pw-chef-long-enough", hasher="pbkdf2_sha256"),
    )
    from folkvald.organisations.models import Organisation, Party

    s = Party.objects.get(abbreviation="S")
    branch = Organisation.objects.create(name="Socialdemokraterna i Lund", kind="branch", party=s,
                                         municipality_id="1281")
    env = server_env(redis)
    with app_server(env, tmp_path / "a") as first, app_server(env, tmp_path / "b") as second:
        # A real application server, and static files by WhiteNoise under hashed, cached-forever names.
        home = requests.get(first + "/")
        assert home.headers["Server"].startswith("granian")
        stylesheet = re.search(r'href="(/static/folkvald/folkvald\.[0-9a-f]{12}\.css)"', home.text).group(1)
        served = requests.get(second + stylesheet)
        assert served.status_code == 200 and served.headers["Content-Type"].startswith("text/css")
        assert "immutable" in served.headers["Cache-Control"]

        browser = requests.Session()
        sign_in(browser, first, "chef", "pw-chef-long-enough")
        # The session made on the first server is valid on the second.
        overview = browser.get(second + "/oversikt/", allow_redirects=False)
        assert overview.status_code == 200
        assert "Dina organisationer" in overview.text

        # A write through the first (the admin) is read through the second (the public API).
        form = browser.get(first + "/admin/organisations/organisation/add/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        created = browser.post(
            first + "/admin/organisations/organisation/add/",
            data={
                "csrfmiddlewaretoken": token,
                "name": "S-föreningen Tvåservrar",
                "kind": "association",
                "party": str(s.pk),
                "parent": str(branch.pk),
                "is_public": "on",
                "roles-TOTAL_FORMS": "0",
                "roles-INITIAL_FORMS": "0",
                "roles-MIN_NUM_FORMS": "0",
                "roles-MAX_NUM_FORMS": "1000",
                "_save": "Spara",
            },
            headers={"Referer": first + "/admin/organisations/organisation/add/"},
            allow_redirects=False,
        )
        assert created.status_code == 302, created.text[:2000]
        names = [item["name"] for item in requests.get(second + "/api/v1/organisations").json()]
        assert "S-föreningen Tvåservrar" in names

        # Signing out through the second ends the session on the first too.
        token = browser.cookies.get("csrftoken")
        browser.post(second + "/konto/logga-ut/", data={"csrfmiddlewaretoken": token},
                     headers={"Referer": second + "/"})
        assert browser.get(first + "/oversikt/", allow_redirects=False).status_code == 302

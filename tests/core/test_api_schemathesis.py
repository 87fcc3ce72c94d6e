"""Schemathesis over the OpenAPI description: no generated request gets a server error.

Requests go through the WSGI application in-process, against the test database with the
reference data (municipalities, parties) in place; writes without a session are refused,
never a 500.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from folkvald.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes the database connection after each request (it is inside the
    test's transaction, so it looks unusable); Django's own test client stops that the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_generated_request_gets_a_server_error(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_generated_request_gets_a_server_error_when_signed_in(case, world):
    """The same, signed in as a branch's political secretary (with the session and the CSRF token), so
    the internal endpoints and the writes get past the door and meet the generated bodies."""
    from django.test import Client

    browser = Client()
    browser.force_login(world.owner)
    token = "t" * 32  # a CSRF secret: the cookie and the header carry the same
    response = case.call(
        cookies={"sessionid": browser.cookies["sessionid"].value, "csrftoken": token},
        headers={"X-CSRFToken": token},
    )
    case.validate_response(response, checks=[not_a_server_error])

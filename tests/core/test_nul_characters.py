"""A NUL character in a path, a query parameter or a JSON body is a 400, never a server error
(PostgreSQL cannot store it; schemathesis found /api/v1/municipalities?county=%00)."""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/api/v1/municipalities?county=%00",
    "/api/v1/organisations?x%00=1",
    "/val/?q=a%00b",
])
def test_a_nul_in_the_query_is_refused(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["detail"] == "Förfrågan innehåller ett otillåtet tecken (NUL)."


def test_a_nul_in_a_json_body_is_refused(client):
    response = client.post("/api/v1/committee/allocate", data=json.dumps({"law": "2022:629\u0000"}),
                           content_type="application/json")
    assert response.status_code == 400


def test_ordinary_requests_pass(client):
    assert client.get("/api/v1/municipalities?county=12").status_code == 200
    response = client.post("/api/v1/committee/allocate", data=json.dumps({"law": "2022:629"}),
                           content_type="application/json")
    assert response.status_code == 422  # reaches the handler, which names what is missing

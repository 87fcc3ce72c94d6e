"""Django's messages for pages only (folkvald.core.middleware.MessageMiddleware): the JSON API has none."""

import pytest
from django.contrib import messages
from django.contrib.messages.api import MessageFailure
from django.test import RequestFactory

from folkvald.core.middleware import MessageMiddleware

pytestmark = pytest.mark.django_db


def test_pages_have_messages_and_the_api_has_none(client):
    page = client.get("/")
    assert hasattr(page.wsgi_request, "_messages")
    api = client.get("/api/v1/campaigns")
    assert api.status_code == 200
    assert not hasattr(api.wsgi_request, "_messages")


def test_a_message_added_in_the_api_is_refused_not_lost():
    seen = {}

    def view(request):
        with pytest.raises(MessageFailure):
            messages.info(request, "Sparat.")
        seen["api"] = True
        return None

    MessageMiddleware(view)(RequestFactory().get("/api/v1/campaigns"))
    assert seen == {"api": True}


def test_a_message_on_a_page_is_stored_for_the_next_page():
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.http import HttpResponse

    def view(request):
        messages.success(request, "Avtalet är sparat.")
        return HttpResponse("ok")

    response = SessionMiddleware(MessageMiddleware(view))(RequestFactory().post("/avtal/ny/"))
    assert response.cookies["messages"].value  # stored (signed) for the next page
    later = RequestFactory().get("/avtal/")
    later.COOKIES = {name: morsel.value for name, morsel in response.cookies.items()}
    shown = []

    def next_page(request):
        shown.extend(str(message) for message in messages.get_messages(request))
        return HttpResponse("ok")

    SessionMiddleware(MessageMiddleware(next_page))(later)
    assert shown == ["Avtalet är sparat."]

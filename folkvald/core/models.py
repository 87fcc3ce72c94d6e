"""The session table: Django's, with the signed-in user's id in a column of its own."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class Session(AbstractBaseSession):
    """Django's session, and beside its (signed) data the id of the user signed in with it.

    The column lets every signed-in request read its session and its user in one statement
    (folkvald.core.sessions) instead of two; the data itself stays Django's, and Django still
    checks the user against it (the id and the password hash in the data). Deleting a user
    deletes their sessions.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "core_session"

    @classmethod
    def get_session_store_class(cls):
        from folkvald.core.sessions import SessionStore

        return SessionStore

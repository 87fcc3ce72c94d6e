"""JSON API of the agenda app, mounted under /api/v1/ by folkvald.api."""

from ninja import Router

router = Router(tags=["agenda"])

"""JSON API of the councils app, mounted under /api/v1/ by folkvald.api."""

from ninja import Router

router = Router(tags=["councils"])

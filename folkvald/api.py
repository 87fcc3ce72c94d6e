"""The JSON API: /api/v1/..., with its OpenAPI description and docs at /api/docs."""

from ninja import NinjaAPI

from folkvald.agenda.api import router as agenda_router
from folkvald.campaigns.api import router as campaigns_router
from folkvald.councils.api import router as councils_router
from folkvald.elections.api import router as elections_router
from folkvald.organisations.api import router as organisations_router
from folkvald.policy.api import router as policy_router

api = NinjaAPI(
    title="folkvald API",
    version="1",
    description=(
        "Published data of organisations, elections, councils, campaigns, agreements and policy work. "
        "Endpoints that write need a signed-in session and a CSRF token."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

for router in (
    organisations_router,
    campaigns_router,
    elections_router,
    councils_router,
    agenda_router,
    policy_router,
):
    api.add_router("/v1", router)

"""The ninja API object: mounts each app's router under /api/v1/."""

from __future__ import annotations

from convenor.campaigns.api import router as campaigns_router
from convenor.convergence.api import router as convergence_router
from convenor.delegations.api import router as delegations_router
from convenor.directory.api import router as directory_router
from convenor.framework.api import router as framework_router
from convenor.meetings.api import router as meetings_router
from convenor.process.api import router as process_router
from convenor.reports.api import router as reports_router

from .errors import install_error_handlers
from .schema import ConvenorAPI

api = ConvenorAPI(
    title="Convenor API",
    version="1",
    description=(
        "Processes, events, documents, organisations, people, frameworks and positions. "
        "Reads are public (people marked 'do not publish' are never listed to anonymous "
        "callers); writes need `Authorization: Bearer <token>` (see your profile page)."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_router("", directory_router)
api.add_router("", framework_router)
api.add_router("", process_router)
api.add_router("/campaigns", campaigns_router)
api.add_router("/delegations", delegations_router)
api.add_router("/meetings", meetings_router)
api.add_router("/reports", reports_router)
api.add_router("/convergence", convergence_router)

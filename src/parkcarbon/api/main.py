"""The REST API at /api/v1/: one NinjaAPI that mounts the routers living beside each app's views. Every handler
goes through the policy module (``for_user``/``can``) and the apps' services, exactly as the web UI does."""

from __future__ import annotations

from ninja import NinjaAPI

from parkcarbon.alerts.api import router as alerts_router
from parkcarbon.api import engine, errors, metering
from parkcarbon.api.auth import AUTH
from parkcarbon.assets.api import router as assets_router
from parkcarbon.disclosure.api import router as disclosure_router
from parkcarbon.inventory.api import router as inventory_router
from parkcarbon.parks.api import router as parks_router
from parkcarbon.releases.api import router as releases_router
from parkcarbon.reports.api import router as reports_router
from parkcarbon.verification.api import router as verification_router

api = NinjaAPI(
    title="ParkCarbon API",
    version="1",
    description="Parks, enterprises, inventories, activity lines, calculation, factors, methodologies, reports, "
                "metering data, the verification workflow, threshold rules and alerts, factor releases, carbon assets "
                "and disclosures. Authenticate with `Authorization: Bearer <token>` (tokens: Interface management "
                "page or `parkcarbon api_token create`), or the web session with its CSRF token.",
    auth=AUTH,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)
api.add_router("", parks_router)
api.add_router("", inventory_router)
api.add_router("", engine.router)
api.add_router("", reports_router)
api.add_router("", metering.router)
api.add_router("", verification_router)
api.add_router("", alerts_router)
api.add_router("", disclosure_router)
api.add_router("", releases_router)
api.add_router("", assets_router)

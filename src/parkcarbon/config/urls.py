from django.contrib import admin
from django.urls import include, path

from parkcarbon.api.main import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("parkcarbon.accounts.urls")),
    path("park/", include("parkcarbon.parks.urls")),
    path("accounting/", include("parkcarbon.inventory.urls")),
    path("reports/", include("parkcarbon.reports.urls")),
    path("verification/", include("parkcarbon.verification.urls")),
    path("alerts/", include("parkcarbon.alerts.urls")),
    path("releases/", include("parkcarbon.releases.urls")),  # factor library releases, restatement (#23)
    path("assets/", include("parkcarbon.assets.urls")),  # carbon asset management (issue 18)
    path("analysis/benchmarks/", include("parkcarbon.benchmarking.urls")),  # benchmarks (#17); before any analysis/ line
    path("analysis/", include("parkcarbon.analysis.urls")),  # Analysis (issue 17)
    path("api/v1/", api.urls),
    path("interface/", include("parkcarbon.api.urls")),
    path("disclosure/", include("parkcarbon.disclosure.urls")),  # disclosure: private pages and the public page
    path("", include("parkcarbon.trials.urls")),  # trial (issue 21): landing page at "/", /apply/, /trials/
    path("", include("parkcarbon.common.urls")),
]
# Uploaded and generated files (MEDIA_ROOT) are never served directly: views check who may read them.

"""URL wiring: the API under /api/v1/, the platform's pages, and each module's pages."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/search/", include("clientela.core.search.urls_api")),
    path("api/v1/", include("clientela.core.jobs.urls_api")),
    path("api/v1/", include("clientela.core.api.urls")),
    path("search/", include("clientela.core.search.urls")),
    path("", include("clientela.users.urls")),
    path("", include("clientela.customization.urls")),
    path("", include("clientela.company.urls")),
    path("", include("clientela.core.jobs.urls")),
    path("accounts/", include("clientela.accounts.urls")),
    path("contacts/", include("clientela.contacts.urls")),
    path("leads/", include("clientela.leads.urls")),
    path("", include("clientela.sales.urls")),
    path("", include("clientela.analytics.urls")),
    path("", include("clientela.core.urls")),
]

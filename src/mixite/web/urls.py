"""The platform's addresses. Every page with an object in its address is scoped (§0.1)."""

from django.contrib import admin
from django.urls import include, path

from mixite.web.api.urls import api

urlpatterns = [
    path("", include("mixite.web.core.urls")),
    path("", include("mixite.web.accounts.urls")),
    path("", include("mixite.web.orgs.urls")),
    path("", include("mixite.web.networks.urls")),
    path("", include("mixite.web.invitations.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "mixite.web.core.views.error_403_view"
handler404 = "mixite.web.core.views.error_404_view"
handler500 = "mixite.web.core.views.error_500_view"

from django.urls import path

from mixite.web.orgs import views

app_name = "orgs"

urlpatterns = [
    path("organisations/new/", views.org_create_view, name="create"),
    path("o/<slug:org>/", views.org_home_view, name="home"),
    path("o/<slug:org>/people/", views.people_view, name="people"),
    path(
        "o/<slug:org>/people/<uuid:role>/revoke/",
        views.role_revoke_view,
        name="role-revoke",
    ),
    path(
        "o/<slug:org>/invitations/<uuid:invitation>/revoke/",
        views.invitation_revoke_view,
        name="invitation-revoke",
    ),
    path(
        "o/<slug:org>/invitations/<uuid:invitation>/resend/",
        views.invitation_resend_view,
        name="invitation-resend",
    ),
    path("o/<slug:org>/settings/", views.settings_view, name="settings"),
    path("o/<slug:org>/audit/", views.audit_view, name="audit"),
]

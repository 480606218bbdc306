from django.urls import path

from mixite.web.networks import views

app_name = "networks"

urlpatterns = [
    path("n/<slug:network>/", views.network_home_view, name="home"),
    path("n/<slug:network>/edit/", views.network_edit_view, name="home-edit"),
    path("n/<slug:network>/people/", views.network_people_view, name="home-people"),
    path(
        "n/<slug:network>/invitations/<uuid:invitation>/revoke/",
        views.invitation_revoke_view,
        name="invitation-revoke",
    ),
    path(
        "n/<slug:network>/chapters/<slug:chapter>/", views.chapter_view, name="chapter"
    ),
    path(
        "n/<slug:network>/chapters/<slug:chapter>/edit/",
        views.chapter_edit_view,
        name="chapter-edit",
    ),
    path(
        "n/<slug:network>/chapters/<slug:chapter>/people/",
        views.chapter_people_view,
        name="chapter-people",
    ),
]

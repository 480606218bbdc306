from django.urls import path

from mixite.web.invitations import views

app_name = "invitations"

urlpatterns = [path("invitations/<str:token>/", views.accept_view, name="accept")]

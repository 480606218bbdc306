from django.urls import path

from mixite.web.core import views

app_name = "core"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("language/", views.set_language_view, name="set-language"),
    path("accessibility/", views.accessibility_view, name="accessibility"),
]

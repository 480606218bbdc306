from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "mixite.web.networks"
    label = "networks"
    default_auto_field = "django.db.models.BigAutoField"

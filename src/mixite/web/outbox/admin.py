from django.contrib import admin

from mixite.web.core.admin import AuditedModelAdmin
from mixite.web.outbox.models import OutboxMail


@admin.register(OutboxMail)
class OutboxMailAdmin(AuditedModelAdmin):
    list_display = ("to", "subject", "state", "attempts", "created_at", "sent_at")
    list_filter = ("state",)
    readonly_fields = [f.name for f in OutboxMail._meta.fields]

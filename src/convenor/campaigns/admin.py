from django.contrib import admin

from .models import OutboxMessage, Signature, Statement, StatementVersion


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "opens_at", "closes_at"]
    search_fields = ["title", "slug"]


@admin.register(StatementVersion)
class StatementVersionAdmin(admin.ModelAdmin):
    list_display = ["statement", "number", "change"]


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["organisation_name", "country", "status", "review", "statement"]
    list_filter = ["status", "review"]
    search_fields = ["organisation_name"]
    exclude = ["ip_hash"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["signature", "kind", "attempts", "sent_at", "failed"]

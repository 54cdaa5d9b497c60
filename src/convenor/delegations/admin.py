from django.contrib import admin

from .models import (
    BalanceTarget,
    Invitation,
    MergeSuggestion,
    Nomination,
    Quota,
    SelectionRound,
    SelectionRun,
)


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0


class TargetInline(admin.TabularInline):
    model = BalanceTarget
    extra = 0


@admin.register(SelectionRound)
class SelectionRoundAdmin(admin.ModelAdmin):
    list_display = ("title", "event", "capacity", "status", "deadline")
    inlines = [QuotaInline, TargetInline]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ("quota", "priority", "person")
    list_select_related = ("quota", "person")
    raw_id_fields = ("person",)


@admin.register(SelectionRun)
class SelectionRunAdmin(admin.ModelAdmin):
    list_display = ("round", "kind", "status", "created_at")
    readonly_fields = ("input", "result")


admin.site.register(Invitation)
admin.site.register(MergeSuggestion)

from django.contrib import admin

from .models import (
    AccreditedOrganisation,
    Meeting,
    ProgrammeDay,
    Registration,
    Session,
    SmallTable,
    TableRun,
)


class DayInline(admin.TabularInline):
    model = ProgrammeDay
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("event", "capacity", "government_led", "registration_open")
    inlines = [DayInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title", "day", "start_time", "end_time", "kind", "chatham_house")
    list_filter = ("kind",)
    filter_horizontal = ("themes", "facilitators", "rapporteurs")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "meeting", "kind", "status", "travel_support", "ldc_eligible")
    list_filter = ("status", "kind")


admin.site.register(AccreditedOrganisation)
admin.site.register(SmallTable)
admin.site.register(TableRun)

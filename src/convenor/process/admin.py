from django.contrib import admin

from .models import Document, Event, EventOrganisation, NewsItem, Phase, Process


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["order", "slug", "name", "start_date", "end_date"]


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "start_date", "end_date"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [PhaseInline]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "process", "order", "start_date", "end_date"]
    list_filter = ["process"]
    search_fields = ["name", "slug"]


class EventOrganisationInline(admin.TabularInline):
    model = EventOrganisation
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start_date", "end_date", "city", "country", "region"]
    list_filter = ["kind", "process", "phase", "region"]
    search_fields = ["title", "slug", "city", "themes"]
    date_hierarchy = "start_date"
    list_select_related = ["region"]
    raw_id_fields = ["focal_points"]
    inlines = [EventOrganisationInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "language", "event", "published_on"]
    list_filter = ["kind", "language", "process"]
    search_fields = ["title", "reference", "translation_group"]
    list_select_related = ["event"]
    raw_id_fields = ["event", "organisations"]
    readonly_fields = ["content_type", "size", "created_by"]


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "language", "published"]
    list_filter = ["published", "language"]
    search_fields = ["title", "body", "slug"]
    raw_id_fields = ["event"]
    readonly_fields = ["author"]

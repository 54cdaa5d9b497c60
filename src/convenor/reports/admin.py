from django.contrib import admin

from .models import Recommendation, RecommendationImport, Report, ReportingTemplate, TemplateSection


class SectionInline(admin.TabularInline):
    model = TemplateSection
    extra = 0


@admin.register(ReportingTemplate)
class ReportingTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    inlines = [SectionInline]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "rapporteur"]
    list_filter = ["status"]
    list_select_related = ["event", "rapporteur"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "language", "region"]
    list_filter = ["kind", "language"]
    list_select_related = ["region"]
    exclude = ["speaker"]  # Chatham House: names are set only through the report form


@admin.register(RecommendationImport)
class RecommendationImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "kind", "status", "count"]

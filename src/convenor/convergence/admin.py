from django.contrib import admin

from .models import ClusterEdit, ClusteringRun, MappingRun


@admin.register(MappingRun)
class MappingRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "recommendation_count"]
    list_select_related = ["framework"]


@admin.register(ClusteringRun)
class ClusteringRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "recommendation_count"]


@admin.register(ClusterEdit)
class ClusterEditAdmin(admin.ModelAdmin):
    list_display = ["kind", "created_at", "created_by"]

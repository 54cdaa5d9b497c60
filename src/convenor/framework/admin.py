from django.contrib import admin

from .models import Framework, FrameworkItem, Position, Tag


class FrameworkItemInline(admin.TabularInline):
    model = FrameworkItem
    fk_name = "framework"
    fields = ("code", "parent", "kind", "title", "horizon", "target_year", "urgent", "order")
    raw_id_fields = ("parent",)
    extra = 0
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "language", "order")
    search_fields = ("title", "short_title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [FrameworkItemInline]


@admin.register(FrameworkItem)
class FrameworkItemAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "framework", "kind", "horizon", "urgent")
    list_filter = ("framework", "kind", "horizon", "urgent", "tags")
    search_fields = ("code", "title", "description")
    raw_id_fields = ("parent",)
    filter_horizontal = ("tags",)
    list_select_related = ("framework",)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "order", "language")
    list_filter = ("kind", "language", "items__framework")
    search_fields = ("title", "text", "slug")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("items",)

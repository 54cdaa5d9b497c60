from django.contrib import admin

from .models import Committee, Membership, Organisation, Person, Region


class MemberOfInline(admin.TabularInline):
    """The committees and networks an organisation belongs to."""

    model = Membership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["network", "committee", "region"]
    fields = ["network", "committee", "role", "region", "start_date", "end_date", "note"]


class NetworkMembersInline(admin.TabularInline):
    """The members of an organisation that is a network."""

    model = Membership
    fk_name = "network"
    extra = 0
    verbose_name_plural = "network members"
    autocomplete_fields = ["organisation", "person", "region"]
    fields = ["organisation", "person", "role", "region", "start_date", "end_date", "note"]


class PersonMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["network", "committee", "region"]
    fields = ["network", "committee", "role", "region", "start_date", "end_date", "note"]


class CommitteeMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "committee"
    extra = 0
    autocomplete_fields = ["organisation", "person", "region"]
    fields = ["organisation", "person", "role", "region", "start_date", "end_date", "note"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "region", "ecosoc_status"]
    list_filter = ["kind", "region", "ecosoc_status", "special_accreditation"]
    search_fields = ["name", "acronym", "slug"]
    list_select_related = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MemberOfInline, NetworkMembersInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "role", "do_not_publish"]
    list_filter = ["do_not_publish", "is_youth"]
    search_fields = ["name", "slug", "role", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "user"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonMembershipInline]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "convener"]
    search_fields = ["name", "slug"]
    list_select_related = ["convener"]
    autocomplete_fields = ["convener"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CommitteeMembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["__str__", "role", "region", "start_date", "end_date"]
    list_filter = ["role", "region", "committee"]
    search_fields = ["organisation__name", "person__name", "network__name", "committee__name"]
    list_select_related = ["organisation", "person", "network", "committee", "region"]
    autocomplete_fields = ["organisation", "person", "network", "committee", "region"]

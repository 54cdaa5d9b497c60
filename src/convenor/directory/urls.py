from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/export.csv", views.organisation_export_csv, name="organisation_export_csv"),
    path(
        "organisations/export.xlsx", views.organisation_export_xlsx, name="organisation_export_xlsx"
    ),
    path(
        "organisations/exports/<int:progress_id>/organisations.xlsx",
        views.organisation_export_download,
        name="organisation_export_download",
    ),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/edit/", views.organisation_update, name="organisation_update"),
    path(
        "organisations/<slug:slug>/delete/", views.organisation_delete, name="organisation_delete"
    ),
    path("export/popolo.json", views.popolo_export, name="popolo_export"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/me/", views.person_me, name="person_me"),
    path("people/me/export.json", views.person_me_export, name="person_me_export"),
    path("people/me/erase/", views.person_me_erase, name="person_me_erase"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("people/<slug:slug>/edit/", views.person_update, name="person_update"),
    path("people/<slug:slug>/delete/", views.person_delete, name="person_delete"),
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/new/", views.committee_create, name="committee_create"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee_detail"),
    path("committees/<slug:slug>/edit/", views.committee_update, name="committee_update"),
    path("memberships/new/", views.membership_create, name="membership_create"),
    path("memberships/<int:pk>/edit/", views.membership_update, name="membership_update"),
    path("memberships/<int:pk>/delete/", views.membership_delete, name="membership_delete"),
]

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/assign/", views.report_assign, name="report_assign"),
    path("reports/<slug:slug>/", views.report_detail, name="report_detail"),
    path("reports/<slug:slug>/edit/", views.report_edit, name="report_edit"),
    path("reports/<slug:slug>/review/", views.report_review, name="report_review"),
    # Beside /reports/ rather than under it, so that no report slug can shadow them.
    path("report-templates/", views.template_list, name="template_list"),
    path("report-templates/new/", views.template_create, name="template_create"),
    path("report-templates/<slug:slug>/edit/", views.template_edit, name="template_edit"),
    path("report-templates/<slug:slug>/copy/", views.template_copy, name="template_copy"),
    path("report-templates/<slug:slug>/delete/", views.template_delete, name="template_delete"),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/export.csv", views.recommendation_export, name="recommendation_export"),
    path("recommendations/import/", views.import_start, name="import_start"),
    path("recommendations/import/<int:pk>/", views.import_detail, name="import_detail"),
    path("recommendations/import/<int:pk>/columns/", views.import_columns, name="import_columns"),
]

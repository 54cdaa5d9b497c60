from django.urls import path

from . import views

app_name = "convergence"

K = "<str:kind>/<int:pk>"

urlpatterns = [
    path("convergence/", views.index, name="index"),
    path("convergence/mapping/start/", views.mapping_run_start, name="mapping_run_start"),
    path("convergence/clustering/start/", views.clustering_run_start, name="clustering_run_start"),
    path("convergence/mapping/<int:pk>/", views.mapping_detail, name="mapping_detail"),
    path("convergence/mappings/<int:pk>/review/", views.mapping_review, name="mapping_review"),
    path("convergence/clustering/<int:pk>/", views.clustering_detail, name="clustering_detail"),
    path("convergence/clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("convergence/clusters/<int:pk>/edit/", views.cluster_edit, name="cluster_edit"),
    path(f"convergence/{K}/matrix/", views.matrix, name="matrix"),
    path(f"convergence/{K}/key-issues/", views.key_issues, name="key_issues"),
    path(f"convergence/{K}/issues/<str:key>/", views.issue_detail, name="issue_detail"),
    path(f"convergence/{K}/divergences/", views.divergences, name="divergences"),
    path(f"convergence/{K}/matrix.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path(f"convergence/{K}/matrix.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path(
        f"convergence/{K}/divergences.csv",
        views.export,
        {"fmt": "divergences.csv"},
        name="export_divergences_csv",
    ),
    path("convergence/recommendations/<int:pk>/stance/", views.stance_set, name="stance_set"),
]

from django.urls import path

from . import views

app_name = "delegations"

urlpatterns = [
    path("delegations/", views.round_list, name="round_list"),
    path("delegations/new/", views.round_create, name="round_create"),
    path("delegations/<slug:slug>/", views.round_detail, name="round_detail"),
    path("delegations/<slug:slug>/edit/", views.round_edit, name="round_edit"),
    path("delegations/<slug:slug>/add-process/", views.quota_create, name="quota_create"),
    path("delegations/<slug:slug>/quotas/<slug:quota>/edit/", views.quota_edit, name="quota_edit"),
    path("delegations/<slug:slug>/add-target/", views.target_create, name="target_create"),
    path("delegations/targets/<int:pk>/", views.target_edit, name="target_edit"),
    path("delegations/<slug:slug>/import/", views.round_import, name="round_import"),
    path("delegations/<slug:slug>/run/", views.run_start, name="run_start"),
    path("delegations/<slug:slug>/publish/", views.round_publish, name="round_publish"),
    path("delegations/<slug:slug>/invitations/", views.invitation_list, name="invitation_list"),
    path("delegations/<slug:slug>/merges/", views.merge_list, name="merge_list"),
    path("delegations/<slug:slug>/invited/", views.invited_public, name="invited_public"),
    path("delegations/<slug:slug>/quotas/<slug:quota>/", views.quota_detail, name="quota_detail"),
    path("delegations/nominations/<int:pk>/move/", views.nomination_move, name="nomination_move"),
    path(
        "delegations/nominations/<int:pk>/remove/",
        views.nomination_remove,
        name="nomination_remove",
    ),
    path("delegations/runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("delegations/merge/<int:pk>/", views.merge_decide, name="merge_decide"),
    path(
        "delegations/invitation/<int:pk>/status/",
        views.invitation_status,
        name="invitation_status",
    ),
    path("invitation/<str:token>/", views.invitation_answer, name="invitation_answer"),
]

from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("language/", views.language_switch, name="language_switch"),
    path("profile/", views.profile, name="profile"),
    path("profile/preferences/", views.preferences_update, name="preferences_update"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("users/", views.user_list, name="user_list"),
    path("users/<int:user_id>/role/", views.user_role_update, name="user_role_update"),
    path("audit/", views.audit_log, name="audit_log"),
    path("tasks/<int:progress_id>/", views.task_detail, name="task_detail"),
    path("tasks/<int:progress_id>.json", views.task_progress_json, name="task_progress_json"),
]

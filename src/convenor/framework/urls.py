from django.urls import path

from . import views

app_name = "framework"

urlpatterns = [
    path("frameworks/", views.framework_list, name="framework_list"),
    path("frameworks/new/", views.framework_create, name="framework_create"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="framework_detail"),
    path("frameworks/<slug:slug>/edit/", views.framework_edit, name="framework_edit"),
    path("frameworks/<slug:slug>/items/new/", views.item_create, name="item_create"),
    path("frameworks/<slug:slug>/items/<str:code>/", views.item_detail, name="item_detail"),
    path("frameworks/<slug:slug>/items/<str:code>/edit/", views.item_edit, name="item_edit"),
    path("frameworks/<slug:slug>/items/<str:code>/delete/", views.item_delete, name="item_delete"),
    path("positions/", views.position_list, name="position_list"),
    path("positions/new/", views.position_create, name="position_create"),
    path("positions/<slug:slug>/", views.position_detail, name="position_detail"),
    path("positions/<slug:slug>/edit/", views.position_edit, name="position_edit"),
    path("positions/<slug:slug>/delete/", views.position_delete, name="position_delete"),
]

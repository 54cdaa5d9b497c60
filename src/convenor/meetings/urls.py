from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/<slug:slug>/", views.programme, name="programme"),
    path("meetings/<slug:slug>/programme.ics", views.programme_ics, name="programme_ics"),
    path("meetings/<slug:slug>/programme.pdf", views.programme_pdf, name="programme_pdf"),
    path("meetings/<slug:slug>/register/", views.register, name="register"),
    path("meetings/<slug:slug>/registrations/", views.registration_list, name="registrations"),
    path(
        "meetings/<slug:slug>/registrations/<int:pk>/decide/",
        views.registration_decide,
        name="registration_decide",
    ),
    path("meetings/<slug:slug>/badges.pdf", views.badges_pdf, name="badges_pdf"),
    path("meetings/<slug:slug>/accreditation/", views.accreditation_import, name="accreditation"),
    path("meetings/<slug:slug>/settings/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<slug:slug>/days/add/", views.day_create, name="day_create"),
    path("meetings/<slug:slug>/days/<int:pk>/", views.day_edit, name="day_edit"),
    path(
        "meetings/<slug:slug>/days/<int:pk>/add-session/",
        views.session_create,
        name="session_create",
    ),
    path("meetings/<slug:slug>/sessions/<int:pk>/", views.session_edit, name="session_edit"),
    path("meetings/<slug:slug>/tables/add/", views.table_create, name="table_create"),
    path("meetings/<slug:slug>/tables/<int:pk>/", views.table_edit, name="table_edit"),
    path("meetings/<slug:slug>/tables/", views.tables, name="tables"),
    path("meetings/<slug:slug>/tables/run/", views.tables_run, name="tables_run"),
    path("meetings/<slug:slug>/tables/pin/", views.tables_pin, name="tables_pin"),
    path("meetings/<slug:slug>/tables/switch/", views.tables_switch, name="tables_switch"),
    path("meetings/<slug:slug>/tables.pdf", views.tables_pdf, name="tables_pdf"),
    path("meetings/<slug:slug>/place-cards.pdf", views.place_cards_pdf, name="place_cards_pdf"),
]

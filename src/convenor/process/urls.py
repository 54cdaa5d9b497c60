from django.urls import path

from . import views
from .feeds import NewsFeed

app_name = "process"

urlpatterns = [
    path("processes/", views.process_list, name="process_list"),
    path("processes/new/", views.process_create, name="process_create"),
    path("processes/<slug:slug>/", views.process_detail, name="process_detail"),
    path("processes/<slug:slug>/edit/", views.process_edit, name="process_edit"),
    path("processes/<slug:slug>/delete/", views.process_delete, name="process_delete"),
    path("processes/<slug:slug>/phases/new/", views.phase_create, name="phase_create"),
    path(
        "processes/<slug:slug>/phases/<slug:phase_slug>/edit/",
        views.phase_edit,
        name="phase_edit",
    ),
    path(
        "processes/<slug:slug>/phases/<slug:phase_slug>/delete/",
        views.phase_delete,
        name="phase_delete",
    ),
    path("events/", views.event_list, name="event_list"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/calendar.ics", views.events_calendar, name="events_calendar"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/edit/", views.event_edit, name="event_edit"),
    path("events/<slug:slug>/delete/", views.event_delete, name="event_delete"),
    path("events/<slug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/new/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    path("news/", views.news_list, name="news_list"),
    path("news/new/", views.news_create, name="news_create"),
    path("news/feed.atom", NewsFeed(), name="news_feed"),
    path("news/<slug:slug>/", views.news_detail, name="news_detail"),
    path("news/<slug:slug>/edit/", views.news_edit, name="news_edit"),
]

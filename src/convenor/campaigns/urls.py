from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("statements/", views.statement_list, name="statement_list"),
    path("statements/new/", views.statement_create, name="statement_create"),
    path("statements/<slug:slug>/", views.statement_detail, name="statement_detail"),
    path("statements/<slug:slug>/sign/", views.signature_create, name="signature_create"),
    path("statements/<slug:slug>/signatories/", views.signatory_list, name="signatory_list"),
    path("statements/<slug:slug>/signatories.csv", views.signatories_csv, name="signatories_csv"),
    path("statements/<slug:slug>/manage/", views.statement_manage, name="statement_manage"),
    path("statements/<slug:slug>/moderation/", views.moderation, name="moderation"),
    path("statements/<slug:slug>/export.<str:fmt>", views.export, name="export"),
    path("statements/<slug:slug>/annex.pdf", views.annex, name="annex"),
    path("signatures/confirm/<str:token>/", views.signature_confirm, name="signature_confirm"),
    path("signatures/withdraw/<str:token>/", views.signature_withdraw, name="signature_withdraw"),
]

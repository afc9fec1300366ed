from django.urls import path

from parkcarbon.assets import views

app_name = "assets"

urlpatterns = [
    path("", views.index, name="index"),
    path("compliance/", views.compliance, name="compliance"),
    path("ledger/", views.ledger_view, name="ledger"),
    path("record/", views.record, name="record"),
    path("surrender/", views.surrender, name="surrender"),
    path("allocate/", views.allocate, name="allocate"),
    path("accounts/new/", views.account_create, name="account_create"),
    path("prices/", views.prices, name="prices"),
    path("offsets/", views.offsets, name="offsets"),
    path("import/", views.import_statement, name="import"),
    path("transactions/<int:pk>/reverse/", views.reverse_transaction, name="reverse"),
]

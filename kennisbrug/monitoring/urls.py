from django.urls import path

from kennisbrug.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.workbook_export, name="workbook"),
    path("tabel/<slug:slug>.csv", views.table_export, {"fmt": "csv"}, name="table-csv"),
    path("tabel/<slug:slug>.xlsx", views.table_export, {"fmt": "xlsx"}, name="table-xlsx"),
    path("jaarverslag.pdf", views.annual_report, name="report"),
    path("cofinanciering/<slug:slug>/", views.ledger, name="ledger"),
    path("cofinanciering/<slug:slug>/importeren/", views.ledger_import, name="ledger-import"),
    path("cofinanciering/<slug:slug>.csv", views.ledger_export, {"fmt": "csv"}, name="ledger-csv"),
    path(
        "cofinanciering/<slug:slug>.xlsx", views.ledger_export, {"fmt": "xlsx"}, name="ledger-xlsx"
    ),
]

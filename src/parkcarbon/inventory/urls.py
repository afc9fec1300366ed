from django.urls import path, register_converter

from parkcarbon.common.converters import ReportingYearConverter
from parkcarbon.inventory import import_views, views

register_converter(ReportingYearConverter, "year")

app_name = "inventory"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("template.xlsx", views.template_download, name="template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/guidelines/add/", views.add_guideline, name="add_guideline"),
    path("<int:pk>/lines/add/", views.line_add, name="line_add"),
    path("<int:pk>/lines/check/", views.line_check, name="line_check"),
    path("<int:pk>/lines/<int:line_pk>/", views.line_edit, name="line_edit"),
    path("<int:pk>/lines/<int:line_pk>/delete/", views.line_delete, name="line_delete"),
    path("<int:pk>/lines/<int:line_pk>/evidence/", views.evidence, name="evidence"),
    path("<int:pk>/upload/", import_views.upload, name="upload"),
    path("<int:pk>/imports/<int:import_pk>/", import_views.import_detail, name="import_detail"),
    path("<int:pk>/imports/<int:import_pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("<int:pk>/imports/<int:import_pk>/retry/", import_views.import_retry, name="import_retry"),
    path("<int:pk>/versions/<int:version_pk>/", views.version_detail, name="version_detail"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("park/<int:park_pk>/<year:year>/", views.park_inventory, name="park"),
    path("park/<int:park_pk>/<year:year>/gwp/", views.park_gwp, name="park_gwp"),
]

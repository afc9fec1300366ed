from django.urls import path

from parkcarbon.analysis import views

app_name = "analysis"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("data/<slug:key>.<str:fmt>", views.export, name="export"),
    path("forecast/", views.forecast_page, name="forecast"),
    path("scenarios/new/<int:park_pk>/", views.scenario_create, name="scenario_create"),
    path("scenarios/<int:pk>/", views.scenario_edit, name="scenario_edit"),
    path("runs/new/<int:park_pk>/", views.run_create, name="run_create"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
]

from django.urls import path

from parkcarbon.releases import views

app_name = "releases"

urlpatterns = [
    path("", views.index, name="index"),
    path("inventory/<int:pk>/compare/", views.compare, name="compare"),
    path("inventory/<int:pk>/move/", views.move, name="move"),
    path("inventory/<int:pk>/restate/", views.restate, name="restate"),
    path("inventory/<int:pk>/trace/<int:line_pk>/", views.trace, name="trace"),
    path("park/<int:park_pk>/restate/", views.park_series, name="park_series"),
    path("series/<int:pk>/", views.series_status, name="series_status"),
]

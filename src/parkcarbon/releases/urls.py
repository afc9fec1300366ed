from django.urls import path

from parkcarbon.releases import park_views, views

app_name = "releases"

urlpatterns = [
    path("", views.index, name="index"),
    path("inventory/<int:pk>/compare/", views.compare, name="compare"),
    path("inventory/<int:pk>/move/", views.move, name="move"),
    path("inventory/<int:pk>/restate/", views.restate, name="restate"),
    path("inventory/<int:pk>/trace/<int:line_pk>/", views.trace, name="trace"),
    path("park/<int:park_pk>/restate/", views.park_series, name="park_series"),
    path("series/<int:pk>/", views.series_status, name="series_status"),
    path("park/<int:park_pk>/factors/", park_views.park_list, name="park_list"),
    path("park-factors/<int:pk>/", park_views.detail, name="park_release"),
    path("park-factors/<int:pk>/add/", park_views.add_factor, name="park_factor_add"),
    path("park-factors/<int:pk>/upload/", park_views.upload, name="park_factor_upload"),
    path("park-factors/<int:pk>/remove/<int:factor_pk>/", park_views.remove_factor, name="park_factor_remove"),
    path("park-factors/<int:pk>/submit/", park_views.submit, name="park_release_submit"),
    path("park-factors/<int:pk>/approve/", park_views.approve, name="park_release_approve"),
    path("park-factors/<int:pk>/reject/", park_views.reject, name="park_release_reject"),
]

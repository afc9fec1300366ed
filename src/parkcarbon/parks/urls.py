from django.urls import path

from parkcarbon.parks import views

app_name = "parks"
urlpatterns = [
    path("", views.park_list, name="park_list"),
    path("divisions/", views.divisions_json, name="divisions"),
    path("<int:pk>/", views.park_detail, name="park_detail"),
    path("<int:pk>/edit/", views.park_edit, name="park_edit"),
    path("zones/new/", views.zone_create, name="zone_create"),
    path("zones/<int:pk>/edit/", views.zone_edit, name="zone_edit"),
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("agencies/<int:pk>/assign/", views.agency_assign, name="agency_assign"),
]

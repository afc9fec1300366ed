from django.urls import path

from parkcarbon.benchmarking import views

app_name = "benchmarking"

urlpatterns = [
    path("", views.park, name="park"),
    path("download.csv", views.download, name="download"),
    path("inventory/<int:pk>/", views.enterprise, name="enterprise"),
    path("inventory/<int:pk>/outputs/", views.outputs, name="outputs"),
]

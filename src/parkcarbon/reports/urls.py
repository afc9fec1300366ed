from django.urls import path

from parkcarbon.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/retry/", views.retry, name="retry"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/download/<str:fmt>/", views.download, name="download"),
]

from django.urls import path

from parkcarbon.api import views

app_name = "api_admin"

urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
]

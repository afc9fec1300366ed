from django.urls import path

from parkcarbon.common import views

# No app_name: `home` is referenced unqualified by LOGIN_REDIRECT_URL.
urlpatterns = [
    path("", views.home, name="home"),
    path("coming/<slug:section>/", views.coming, name="coming"),
]

from django.urls import path

from parkcarbon.trials import views

app_name = "trials"
urlpatterns = [
    path("", views.front, name="front"),
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.apply_done, name="apply_done"),
    path("trials/", views.queue, name="queue"),
    path("trials/<int:pk>/", views.application_detail, name="detail"),
    path("trials/<int:pk>/approve/", views.approve, name="approve"),
    path("trials/<int:pk>/reject/", views.reject, name="reject"),
    path("trials/parks/<int:pk>/", views.park_trial, name="park_trial"),
]

from django.urls import path

from parkcarbon.verification import views

app_name = "verification"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("<int:pk>/", views.panel, name="panel"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/return/", views.return_, name="return"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/adjust/", views.adjust, name="adjust"),
    path("<int:pk>/conclude/", views.conclude, name="conclude"),
    path("<int:pk>/new-version/", views.new_version, name="new_version"),
    path("<int:pk>/adjustments/<int:adjustment_pk>/evidence/", views.evidence, name="evidence"),
    path("<int:pk>/versions/<int:number>/", views.version, name="version"),
]

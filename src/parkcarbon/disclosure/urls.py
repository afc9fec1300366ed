from django.urls import path

from parkcarbon.disclosure import public, views

app_name = "disclosure"

# Private pages first: a park code is a slug, so "new" and "manage" are taken before the public routes.
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("manage/<int:pk>/", views.detail, name="detail"),
    path("manage/<int:pk>/edit/", views.edit, name="edit"),
    path("manage/<int:pk>/submit/", views.submit, name="submit"),
    path("manage/<int:pk>/approve/", views.approve, name="approve"),
    path("manage/<int:pk>/return/", views.return_, name="return"),
    path("manage/<int:pk>/publish/", views.publish, name="publish"),
    path("manage/<int:pk>/correct/", views.correct, name="correct"),
    # Public (no login): published disclosures of a park and of its enterprises, from their frozen content only.
    path("<slug:code>/", public.park_page, name="public"),
    path("<slug:code>/<int:pk>/", public.disclosure_page, name="public_detail"),
    path("<slug:code>/<int:pk>/<slug:fmt>/", public.download, name="public_file"),
]

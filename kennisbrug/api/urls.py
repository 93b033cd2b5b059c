from django.urls import path, re_path

from kennisbrug.api import views

app_name = "api"

urlpatterns = [
    path("", views.docs, name="docs"),
    path("openapi.json", views.openapi, name="openapi"),
    path("v1/", views.index, name="index"),
    path("v1/search", views.search_view, name="search"),
    path("v1/<str:name>", views.collection, name="list"),
    path("v1/<str:name>/<str:source>/<path:source_id>", views.detail, name="record"),
    # Everything else under /api/ answers in JSON too.
    re_path(r"^(?P<rest>(?s:.*))$", views.not_found),
]

from django.urls import path

from kennisbrug.exports import views

app_name = "exports"

urlpatterns = [
    path("", views.index, name="index"),
    path("themas.ttl", views.themes_turtle, name="themes-turtle"),
    path("themas.jsonld", views.themes_jsonld, name="themes-jsonld"),
    path("schema-org/<str:kind>.jsonld", views.schema_org, name="schema-org"),
    path("<str:name>.<str:fmt>", views.entity_file, name="file"),
]

from django.urls import path

from kennisbrug.thesaurus import views

app_name = "thesaurus"

urlpatterns = [
    path("skos.ttl", views.skos_turtle, name="skos-turtle"),
    path("skos.jsonld", views.skos_jsonld, name="skos-jsonld"),
]
